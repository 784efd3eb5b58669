// A column's allowed values given after the table, under a label that names the column:
// "Room status:" over a block or list of one value a line ("available", "occupied"), "Roles:"
// over "- staff", "- admin". The column must call itself an enum without listing its values.
import { singular } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import type { MarkdownReader } from "./reader.js";

/** Whether `values` (one per line or item, as written) were taken as the values of the column the last label names. */
export function labelledValues(md: MarkdownReader, values: readonly RawText[]): boolean {
  const table = md.currentTable();
  const label = md.lastLabel;
  if (!table || !label || values.length < 2) return false;
  const words = label.replace(/[`*_]/g, " ").trim().split(/\s+/);
  if (words.length > 3) return false;
  const last = words[words.length - 1]!;
  const at = table.columns.findIndex((c) => {
    const name = c.name.text.toLowerCase();
    return (name === last || name === singular(last)) && !c.values?.length && /^enum(?:\s*\(\s*\))?$/i.test(c.type.text.trim());
  });
  if (at < 0) return false;
  if (!values.every((v) => /^[A-Za-z0-9_.-]+$/.test(v.text)) || new Set(values.map((v) => v.text)).size !== values.length) return false;
  const col = table.columns[at]!;
  table.columns[at] = { ...col, values: [...values] };
  md.notes.push({ span: values[0]!.span, message: `the values listed under "${label}" are those of "${table.name.text}.${col.name.text}"` });
  return true;
}

/** "### Status values", "#### Order status values", "## Allowed priorities": a heading naming a column's values. */
const VALUES_HEADING = /^(?:([A-Za-z][A-Za-z0-9_]*)\s+)?([A-Za-z][A-Za-z0-9_]*)\s+(?:values|options|states|enum|valores|werte|valeurs)$|^(?:allowed|valid|possible)\s+([A-Za-z][A-Za-z0-9_]*)$/i;

/**
 * "### Enum `material`", "### Values of status", "### Valores de `estado`", "### Werte für status":
 * the word for an enum or its values, then the column's name (in any case). Group 1: the name.
 */
const VALUES_OF_HEADING = /^(?:enum(?:eration)?|enumeraci[oó]n|aufz[aä]hlung|[eé]num[eé]ration|(?:allowed\s+|valid\s+|possible\s+)?values|valores(?:\s+(?:permitidos|v[aá]lidos|posibles))?|(?:zul[aä]ssige\s+|erlaubte\s+)?werte|valeurs(?:\s+(?:autoris[eé]es|permises|possibles))?|valori(?:\s+(?:ammessi|consentiti))?)(?:\s+(?:of|for|de|del|für|fuer|pour|di|per))?\s*[:：]?\s+([A-Za-z][A-Za-z0-9_]*)$/i;

/**
 * A heading naming a column's values over a list of them ("### Status values", "- planned",
 * "- sown"): a rule for the column of that name, wherever its table is written (a table the
 * heading also names, when it does). Resolved at the end of the document, like any rule
 * written away from its table; a name several tables have is said there, not guessed.
 */
export function headingValues(md: MarkdownReader, values: readonly RawText[]): boolean {
  const top = md.top();
  if (!top || values.length < 2 || (top.kind === "table" && top.table!.columns.length > 0)) return false;
  const title = top.title.replace(/[`*]/g, "").trim();
  const of = VALUES_OF_HEADING.exec(title);
  const m = of ? null : VALUES_HEADING.exec(title);
  if (!m && !of) return false;
  // "- `acetate`", "- 'metal'": a value in code or quotes is the value.
  values = values.map((v) => {
    const q = /^([`'"])([^`'"]+)\1$/.exec(v.text.trim());
    return q ? { ...v, text: q[2]! } : v;
  });
  if (!values.every((v) => /^[A-Za-z0-9_.-]+$/.test(v.text)) || new Set(values.map((v) => v.text)).size !== values.length) return false;
  const column = of ? of[1]! : m![3] ? singular(m![3].toLowerCase()) : m![2]!.toLowerCase();
  const owner = md.currentTable();
  const hint = m?.[1] ?? (owner && owner !== top.table ? owner.name.text : undefined);
  if (top.kind === "table") {
    const at = md.tables.indexOf(top.table!);
    if (at >= 0) md.tables.splice(at, 1);
    top.kind = "other";
    top.table = undefined;
  }
  const phrase: RawText = { text: `check (${column} in (${values.map((v) => `'${v.text}'`).join(", ")}))`, span: values[0]!.span };
  md.looseRules.push({ ...(hint ? { table: hint } : {}), column: { text: column, span: top.span }, phrase });
  md.notes.push({ span: top.span, message: `the values listed under "${top.title}" are those of column "${column}"${hint ? ` of "${hint}"` : ""}` });
  return true;
}
