// "### Timestamps" over "- created_at", "- updated_at"; "## Audit fields" over "- created_by",
// "- updated_by": a heading naming a group of columns, not a table. Such a section would be read
// as a table of its own (a heading, then a list of names), one with no key and nothing but
// times and authors, which no spec means. It is said (SF135) and not generated.
import type { List } from "mdast";
import type { MarkdownReader } from "./reader.js";

/** A column kept on every row by habit: when it was made or changed, and by whom. */
const AUDIT_NAME = /^(?:(?:created|updated|modified|deleted|archived|changed|inserted|last_modified|last_updated)(?:_?(?:at|on|by|date|time|timestamp))?|\w+_(?:at|on|by))$/i;

/** Whether the list, right under a heading read as a table, lists only such columns; if so the table is dropped and said. */
export function columnGroup(md: MarkdownReader, node: List): boolean {
  const top = md.top();
  const table = top?.kind === "table" ? top.table : undefined;
  if (!table || table.columns.length > 0 || table.explicit || node.children.length < 2) return false;
  const names = node.children.map((item) => /^[`*]*([A-Za-z_]\w*)[`*]*\s*(?:[:：(（–—-].*)?$/.exec(md.itemFlat(item).text)?.[1]);
  if (!names.every((n) => n && AUDIT_NAME.test(n))) return false;
  const at = md.tables.indexOf(table);
  if (at >= 0) md.tables.splice(at, 1);
  top!.kind = "other";
  top!.table = undefined;
  md.warn("SF135", `section "${top!.title}" lists only time and author columns (${names.join(", ")}) and no key: a group of columns, not a table; it is not generated`, table.name.span,
    "write these columns in each table that has them, or say so for all: \"Every table includes: `created_at`, `updated_at`\"");
  return true;
}
