// One table a bullet, its columns named in a row: "- **students**: admission_number,
// first_name, email, status (active/left)". The name is set apart (bold or code) and followed by
// a colon or a dash; the columns are bare snake_case names, each with an optional parenthesis
// (values "a/b/c", a key "PK", or a note). Types are left to the IR, which infers them from the
// names and says so. Every item of the list must have this shape, and each at least two
// columns, so a list of prose ("**Users**: can create tasks, edit them") is never read as tables.
import type { List, Paragraph } from "mdast";
import type { RawColumn, RawText } from "../raw.js";
import { type Flat, flatSplit, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { openSection } from "./sections.js";
import { singular, snakeCase } from "../../base/naming.js";
import { DOCUMENT_WORDS, FIELDS_LABEL, KEY_PIECE, RULES_LABEL, SECTION_WORDS, TYPE_HEAD } from "./vocabulary.js";

interface EntityLine {
  readonly name: Flat;
  readonly columns: RawColumn[];
  /** Pieces that are no column name ("pickup/drop points"): warned about, not read. */
  readonly skipped: Flat[];
}

function entityLine(md: MarkdownReader, para: Paragraph | undefined, f: Flat): EntityLine | null {
  const lead = para?.children[0];
  if (!lead || (lead.type !== "strong" && lead.type !== "inlineCode")) return null;
  const written = lead.type === "strong" ? md.flat(lead.children).text.trim() : lead.value.trim();
  const head = /^[`*_]*([A-Za-z_][A-Za-z0-9_]*)[`*_]*\s*(?:[:：]|\s[—–-])\s*/.exec(f.text);
  if (!head || head[1] !== written) return null;
  const w = written.toLowerCase();
  if (SECTION_WORDS.has(w) || DOCUMENT_WORDS.has(w) || FIELDS_LABEL.test(w) || RULES_LABEL.test(w)) return null;
  const body = flatSub(f, head[0].length);
  const pieces = flatSplit(body.text.endsWith(".") ? flatSub(body, 0, body.text.length - 1) : body, ",");
  if (pieces.length < 2) return null;
  const columns: RawColumn[] = [];
  const skipped: Flat[] = [];
  for (const p of pieces) {
    const m = /^`?([a-z_][a-z0-9_]*)`?(?:\s*\(([^()]*)\))?$/.exec(p.text);
    if (!m) {
      skipped.push(p);
      continue;
    }
    const name: RawText = md.rawText(flatSub(p, p.text.indexOf(m[1]!), p.text.indexOf(m[1]!) + m[1]!.length));
    const inner = m[2]?.trim();
    let constraints: RawText[] = [];
    let values: RawText[] | undefined;
    let description: string | undefined;
    if (inner) {
      const at = p.text.indexOf("(") + 1 + (m[2]!.length - m[2]!.trimStart().length);
      const innerFlat = flatSub(p, at, at + inner.length);
      const parts = inner.split(/\s*[/|]\s*/);
      if (parts.length >= 2 && parts.every((v) => /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(v))) {
        // "role (admin/teacher/student)": its values.
        let from = 0;
        values = parts.map((v) => {
          const i = inner.indexOf(v, from);
          from = i + v.length;
          return md.rawText(flatSub(innerFlat, i, i + v.length));
        });
      } else if (inner.split(/\s*,\s*/).every((k) => KEY_PIECE.test(k) || /^(pk|unique|required|not null|nullable|optional)$/i.test(k))) constraints = [md.rawText(innerFlat)];
      else description = inner; // "(join table)", "(student_type, token_advance, etc.)"
    }
    // Values and no type: the column is an enum of them.
    const type: RawText = values ? { text: `enum(${values.map((v) => v.text).join(", ")})`, span: values[0]!.span } : { text: "", span: name.span };
    columns.push({ name, type, constraints, ...(description ? { description } : {}) });
  }
  // Mostly column names: two at least, and no more other pieces than names.
  if (columns.length < 2 || skipped.length * 2 > pieces.length) return null;
  return { name: flatSub(f, f.text.indexOf(written), f.text.indexOf(written) + written.length), columns, skipped };
}

/** Readers whose document has lists of entity lines already: one table a bullet is its notation. */
const readLines = new WeakSet<MarkdownReader>();

/** "### Alerts" over "- **alerts**: ...": the heading names the item's table (in any case, either number). */
function headingNames(md: MarkdownReader, name: string): boolean {
  const title = md.top()?.title.replace(/[`*]/g, "").trim() ?? "";
  const key = (w: string) => singular(snakeCase(w));
  return title !== "" && key(title) === key(name);
}

/**
 * Reads a list of entity lines as tables; false (and nothing read) unless every item is one, two
 * at least. A list of one is read too where the document writes its tables so elsewhere, or where
 * the heading over it names the item ("### Alerts" over "- **alerts**: title, body, read_at"): a
 * module of the schema that happens to hold one table.
 */
export function entityLines(md: MarkdownReader, node: List): boolean {
  // Under "Enums": "- `Priority`: low, medium, high" names an enum and its values, not a table.
  if (node.children.length === 0 || md.inValuesSection()) return false;
  const lines: EntityLine[] = [];
  for (const item of node.children) {
    if (item.children.some((c) => c.type === "list")) return false;
    const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
    const line = entityLine(md, para, flatTrim(md.itemFlat(item)));
    // Said, not read: the list is used up, so its items are not taken as a heading's columns.
    if (!line) return lines.length === 0 && node.children.length >= 2 && describedTables(md, node);
    lines.push(line);
  }
  if (lines.length === 1 && !readLines.has(md) && !headingNames(md, lines[0]!.name.text)) return false;
  readLines.add(md);
  const depth = (md.lastRealDepth() ?? 0) + 1;
  for (const line of lines) {
    openSection(md, depth, line.name, true, true);
    const table = md.currentTable();
    if (!table) continue;
    table.notation ??= "markdown-bullets";
    table.columns.push(...line.columns);
    for (const p of line.skipped) md.warn("SF113", `"${p.text}" in the column list of "${line.name.text}" is not a column name; it is ignored`, md.idx.span(p.offs[0] ?? 0));
  }
  return true;
}

/**
 * "- `order_lines`: snapshot of the item name, quantity, unit price, note." One table an item,
 * named in code, its columns described in words rather than named: not read (the words are no
 * column names), but said, each at its name, so the table is not lost without a word. Only
 * outside any table's section, and when every item of the list has this shape.
 */
function describedTables(md: MarkdownReader, node: List): boolean {
  const section = md.currentTable();
  // A heading over such a list ("## Ovens group") names a group, not a table of its own, unless it says so.
  if (md.kind !== "schema" || (section && (section.columns.length > 0 || section.explicit)) || md.inValuesSection() || md.inIndexesSection() || (md.lastLabel !== null && FIELDS_LABEL.test(md.lastLabel))) return false;
  const named: { name: string; at: number; first: string; pieces: number }[] = [];
  for (const item of node.children) {
    const para = item.children.find((c): c is Paragraph => c.type === "paragraph");
    const lead = para?.children[0];
    if (!lead || lead.type !== "inlineCode") return false;
    const f = flatTrim(md.itemFlat(item));
    const head = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)\s*[:：]\s*(\S.*)$/.exec(f.text);
    if (!head || head[1] !== lead.value.trim()) return false;
    const pieces = head[2]!.split(/\s*,\s*/);
    // "- `id`: `Integer`, primary key": a column with its type, not a table.
    if (TYPE_HEAD.has((/^[A-Za-z]+/.exec(pieces[0]!)?.[0] ?? "").toLowerCase())) return false;
    const first = pieces.slice(0, 3).join(", ");
    named.push({ name: head[1]!, at: f.offs[0] ?? 0, first: first.length > 60 ? `${first.slice(0, 57)}...` : first, pieces: pieces.length });
  }
  // Two items at least list three things or more: a list of what each table holds, not of notes.
  if (named.filter((n) => n.pieces >= 3).length < 2) return false;
  for (const n of named)
    md.warn("SF134", `"${n.name}" reads as a table whose columns are described in words ("${n.first}"), not named; it is not generated`, md.idx.span(n.at), "name its columns: `- `" + n.name + "`: id, name, status` or a column table under `### " + n.name + "`");
  return true;
}

/** The columns a spec says every table has ("Every table includes: `id` (UUID PK), `created_at`"), per reader. */
const baseColumns = new WeakMap<MarkdownReader, { columns: RawColumn[]; span: RawText["span"] }>();

const EVERY_TABLE = /^(?:every|all|each)\s+(?:other\s+)?(?:tables?|entit(?:y|ies)|models?|records?)\s+(?:also\s+)?(?:includes?|has|have|gets?|contains?|carr(?:y|ies)|shares?|inherits?)\b\s*[:：]?\s*/i;

/**
 * "Every table includes: `id` (UUID PK), `metadata` (JSON), `created_at`, `school_id` (FK →
 * schools)." The columns, each name in code, are remembered; applyBaseColumns gives them to each
 * table that does not define them itself. `readColumn` reads one coded piece as a column.
 */
export function baseColumnsLine(md: MarkdownReader, f: Flat, readColumn: (p: Flat) => RawColumn | null): boolean {
  const head = EVERY_TABLE.exec(f.text);
  if (!head) return false;
  const body = flatSub(f, head[0].length);
  const pieces = flatSplit(body.text.endsWith(".") ? flatSub(body, 0, body.text.length - 1) : body, ",");
  const columns: RawColumn[] = [];
  for (const p of pieces) {
    if (md.src[(p.offs[0] ?? 1) - 1] !== "`" && !p.text.startsWith("`")) return false;
    const c = readColumn(p);
    if (!c) return false;
    columns.push(c);
  }
  if (columns.length < 2) return false;
  baseColumns.set(md, { columns, span: md.idx.span(f.offs[0] ?? 0) });
  return true;
}

/** Gives each table the columns every table has, unless it writes them itself; a note says so once. */
export function applyBaseColumns(md: MarkdownReader, tables: ReadonlyArray<{ name: RawText; columns: RawColumn[]; fragment?: boolean }>): void {
  const base = baseColumns.get(md);
  if (!base) return;
  let given = 0;
  for (const t of tables) {
    if (t.fragment || t.columns.length === 0) continue;
    const missing = base.columns.filter((b) => !t.columns.some((c) => c.name.text === b.name.text));
    // A table naming itself ("school_id" on schools) does not get a reference to itself.
    // Nor a second primary key when it names its own ("key (PK)").
    const keyed = (c: RawColumn) => [c.type, ...c.constraints].some((k) => /\b(?:pk|primary\s+key)\b/i.test(k.text));
    const hasKey = t.columns.some(keyed);
    const own = missing.filter((b) => !(b.name.text.endsWith("_id") && b.constraints.some((k) => new RegExp(`\\b${t.name.text}\\b`, "i").test(k.text))) && !(hasKey && keyed(b)));
    if (own.length) given++;
    t.columns.unshift(...own);
  }
  if (given) md.notes.push({ span: base.span, message: `the columns every table has (${base.columns.map((c) => c.name.text).join(", ")}) are given to ${given} table${given > 1 ? "s" : ""} that do not write them` });
}
