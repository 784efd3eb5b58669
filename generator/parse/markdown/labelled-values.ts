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
