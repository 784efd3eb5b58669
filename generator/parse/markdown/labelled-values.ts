// A column's allowed values given after the table, under a label that names the column:
// "Room status:" over a block or list of one value a line ("available", "occupied"), "Roles:"
// over "- staff", "- admin". The column must call itself an enum without listing its values.
import { singular } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import type { MarkdownReader } from "./reader.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import { RULES_SECTION, sectionTitle } from "./vocabulary.js";
import { readYesNo } from "../table-cells.js";

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

/** Labels of an item stating a column's rule, and how the item reads ("**Max Length**: 200 characters"). */
const yes = (v: string) => ["yes", "required", "notnull"].includes(readYesNo(v) ?? "");
const RULE_LABELS: readonly { label: RegExp; read: (value: string) => string | null; withLabel?: true }[] = [
  { label: /^(?:required|mandatory|obligatorio|obrigat[oó]rio|obligatoire|pflicht(?:feld)?|必填|必須)$/i, read: (v) => (yes(v) ? "required" : null) },
  { label: /^(?:unique|único|unico|unique\s+constraint)$/i, read: (v) => (yes(v) ? "unique" : null) },
  {
    label: /^(?:(?:min(?:imum)?|max(?:imum)?)(?:\s+(?:length|len|chars|characters|size|value))?|length|size|range|limits?|bounds)$/i,
    read: (v) => v,
    withLabel: true,
  },
  { label: /^(?:format|pattern|regex|regexp|allowed(?:\s+values)?|valid\s+values|values|enum|validation|validations|rules?|constraints?)$/i, read: (v) => v },
  { label: /^default(?:\s+value)?$/i, read: (v) => `default ${v}` },
];
/** Labels that describe a column without stating a rule. */
const DESCRIBING_LABEL = /^(?:type|data\s+type|description|example|examples|notes?|purpose|meaning|usage|source|comment|generation|set\s+by)$/i;

/**
 * A heading under a rules section naming a column, over "Label: value" items stating its rules:
 * "## Validation Rules" > "### Task Title" > "- **Max Length**: 200 characters",
 * "- **Format**: Valid email address", "- **Required**: Yes". The heading's words name the
 * column, with the words of its table before it when given ("Task Title": tasks.title); the
 * column is found at the end of the document, like any rule written away from its table. Each
 * item is that column's rule; a rule the reader does not know is reported by the builder (SF108).
 * Before, such a heading was read as a table of no columns and every rule under it was dropped
 * without a word. False when the list is not of this kind.
 */
export function headingColumnRules(md: MarkdownReader, items: readonly Flat[]): boolean {
  const top = md.top();
  if (!top || top.pseudo || (top.kind === "table" && (top.table!.columns.length > 0 || top.table!.hasDefs))) return false;
  if (top.kind !== "table" && top.kind !== "other") return false;
  const parentIsRules = md.stack.slice(0, -1).some((x) => x.kind === "other" && RULES_SECTION.test(sectionTitle(x.title)));
  const title = top.title.replace(/[`*]/g, "").trim();
  // "Task Title", "User Email", "title", "tasks.title", "Task due date": two to four words, or table.column.
  const dotted = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(title);
  const wordsOf = dotted ? null : /^[A-Za-z][A-Za-z0-9_]*(?:\s+[A-Za-z][A-Za-z0-9_]*){0,3}$/.test(title) ? title.split(/\s+/) : null;
  if (!dotted && !wordsOf) return false;
  const read: { phrase: RawText }[] = [];
  let labelled = 0;
  for (const f of items) {
    const m = /^\s*\*{0,2}([\p{L}][\p{L} ]{0,24}?)\*{0,2}\s*[:：]\s*\*{0,2}\s*/u.exec(f.text);
    if (!m) return false;
    const label = m[1]!.trim();
    const rule = RULE_LABELS.find((r) => r.label.test(label));
    if (!rule) {
      if (DESCRIBING_LABEL.test(label)) continue;
      return false;
    }
    labelled++;
    const value = flatTrim(flatSub(f, m[0].length));
    if (!value.text) continue;
    // "Yes (enforced by database)", "No (defaults to empty string)": the word, then why.
    const text = rule.read(value.text.trim());
    if (text === null) continue;
    // "Max Length: 200 characters" reads as "max length 200 characters"; "Format: Valid email address" as its value.
    const phrase: RawText = { text: rule.withLabel ? `${label.toLowerCase()} ${text}` : text, span: md.rawText(value).span };
    read.push({ phrase });
  }
  // Under a rules section any such heading; elsewhere only a list of two rule labels or more.
  if (labelled === 0 || (!parentIsRules && labelled < 2)) return false;
  if (top.kind === "table") {
    const at = md.tables.indexOf(top.table!);
    if (at >= 0) md.tables.splice(at, 1);
    top.kind = "other";
    top.table = undefined;
  }
  // The ways to split the heading into a table's words and a column's, the column's longest first.
  const splits: { table?: string; column: string }[] = dotted
    ? [{ table: dotted[1]!, column: dotted[2]! }]
    : [{ column: wordsOf!.join("_") }, ...wordsOf!.slice(0, -1).map((_, i) => ({ table: wordsOf!.slice(0, i + 1).join("_"), column: wordsOf!.slice(i + 1).join("_") }))];
  for (const r of read) {
    const [first, ...alts] = splits;
    md.looseRules.push({ ...(first!.table ? { table: first!.table } : {}), column: { text: first!.column, span: top.span }, phrase: r.phrase, ...(alts.length ? { alts } : {}) });
  }
  md.notes.push({ span: top.span, message: `heading "${title}" names a column; the rules its items state are that column's` });
  return true;
}
