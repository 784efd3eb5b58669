// Keys and indexes stated apart from the columns: key lists, index items and lines,
// index tables.
import type { ListItem, Table } from "mdast";
import type { Span } from "../../base/span.js";
import { snakeCase } from "../../base/naming.js";
import type { RawIndex } from "../raw.js";
import type { TableDraft } from "./drafts.js";
import { type Flat, flatSub, flatTrim } from "./flat.js";
import type { MarkdownReader } from "./reader.js";
import { short } from "./vocabulary.js";

/** A key of several columns stated apart from them: "primary key" on each. */
export function keyOf(md: MarkdownReader, table: TableDraft, cols: readonly string[], span: Span): void {
  for (const name of cols) {
    const c = table.columns.findIndex((x) => x.name.text === name);
    if (c < 0) {
      md.warn("SF113", `primary key names column "${name}", which table "${table.name.text}" does not define`, span);
      continue;
    }
    const old = table.columns[c]!;
    table.columns[c] = { ...old, constraints: [...old.constraints, { text: "primary key", span }] };
  }
}

export function indexItem(md: MarkdownReader, item: ListItem, table: TableDraft | undefined): void {
  let f = md.itemFlat(item);
  // A document store's "{ userId, createdAt }" (unique): its keys in braces, one character for one.
  if (/^\{[^{}]*\}/.test(f.text)) f = { text: f.text.replace(/^\{([^{}]*)\}/, "($1)").replace(/:\s*-?1\b/g, (m) => " ".repeat(m.length)), offs: f.offs };
  // "Primary Key: `id`", "Foreign Key: `user_id` (to speed up ...)" in a list of indexes: the
  // key (restated), and an index on the referencing column.
  const keyed = /^(primary|foreign)\s+key\s*:\s*`?([A-Za-z_]\w*)`?(?:\s|$)/i.exec(f.text);
  if (keyed && table && table.columns.some((c) => c.name.text === keyed[2])) {
    if (/^primary$/i.test(keyed[1]!)) keyOf(md, table, [keyed[2]!], md.idx.span(f.offs[keyed[0].indexOf(keyed[2]!)] ?? 0));
    else table.indexes.push({ columns: [keyed[2]!], unique: false, span: md.idx.span(f.offs[keyed[0].indexOf(keyed[2]!)] ?? 0) });
    return;
  }
  // "`idx_tasks_user_id` for fast lookups": an index the SQL above already named, restated.
  const bare = /^`?([A-Za-z_]\w*)`?(?:\s*(?::|-|–|—|\bfor\b|\(|$))/.exec(f.text);
  if (bare && [...(table?.indexes ?? []), ...md.specIndexes, ...md.tables.flatMap((t) => t.indexes)].some((i) => i.name === bare[1])) return;
  // "`email`: unique", "slug — unique", "created_at: index": a column of the table, then the kind of index.
  const kind = /^`?([A-Za-z_]\w*)`?\s*(?:[:：—–]|\s-)\s*(unique|[uú]nic[oa]|eindeutig|index(?:ed)?|indexado|indexé|indiziert|índice)\s*\.?$/i.exec(f.text);
  const col = kind && table ? table.columns.find((c) => c.name.text === kind[1] || c.name.text.toLowerCase() === kind[1]!.toLowerCase()) : undefined;
  if (kind && table && col) {
    const span = md.idx.span(f.offs[0] ?? 0);
    if (/^index|^indiz|^índice/i.test(kind[2]!)) table.indexes.push({ columns: [col.name.text], unique: false, span });
    else {
      // One column unique: the column's own rule (said once however often it is written).
      const at = table.columns.indexOf(col);
      table.columns[at] = { ...col, constraints: [...col.constraints, { text: "unique", span }] };
    }
    return;
  }
  // "Primary key on `id`": the key, stated again among the indexes.
  const key = /^\s*primary\s+key\s*(?:on\s+|:\s*)`?([A-Za-z_]\w*)`?/i.exec(f.text);
  if (key && table) {
    const c = table.columns.findIndex((x) => x.name.text === key[1]);
    if (c >= 0) {
      const old = table.columns[c]!;
      if (!old.constraints.some((p) => /primary\s+key|\bpk\b/i.test(p.text))) table.columns[c] = { ...old, constraints: [...old.constraints, { text: "primary key", span: md.idx.span(f.offs[0] ?? 0) }] };
      return;
    }
  }
  // "`due_date` (sort performance)", "`id` (PK)", "user_id（検索用）": one column of the section's
  // table, then a note on why; the note is no column list. The key restated is already the key.
  const noted = /^`?([A-Za-z_]\w*)`?\s*(?:[(（]([^()（）]*)[)）])?\s*[.。]?$/.exec(f.text);
  const own = noted && table ? table.columns.find((c) => c.name.text === noted[1]) : undefined;
  if (noted && table && own && !(noted[2] ?? "").split(/\s*,\s*/).every((w) => table.columns.some((c) => c.name.text === w.replace(/`/g, "")))) {
    if (/\b(?:pk|primary\s+key)\b|主キー|主键|기본\s*키/i.test(noted[2] ?? "")) return;
    table.indexes.push({ columns: [own.name.text], unique: /\bunique\b(?!\s+(?:per|within|for|by|in)\b)|一意|唯一|고유|유니크/i.test(noted[2] ?? ""), span: md.idx.span(f.offs[0] ?? 0) });
    return;
  }
  const idx = indexFromText(md, f, table, false);
  if (idx) {
    if (table && (!idx.table || idx.table === table.name.text)) {
      const { table: _t, ...own } = idx;
      table.indexes.push(own);
    } else md.specIndexes.push(idx);
    return;
  }
  md.warn("SF113", `index "${short(f.text)}" is not understood`, md.idx.span(f.offs[0] ?? 0),
    'write an index as "(a, b)", "unique (a, b)", "tasks.user_id" or "idx_name on tasks(a, b)"');
}

/**
 * "(a, b)", "unique (a, b)", "tasks.user_id", "idx_name on tasks(user_id)", "tasks (a, b)",
 * "Composite index on (a, b)", "Unique index on email", "Index: (a, b)".
 */
export function indexFromText(md: MarkdownReader, f: Flat, table: TableDraft | undefined, strict: boolean): RawIndex | null {
  // "unique (user_id, slug) WHERE deleted_at IS NULL": a partial index; the condition is kept
  // as written for the IR to read (as a CHECK is), the definition is what comes before it.
  const w = whereClause(md, f);
  const idx = indexHead(md, w ? flatTrim(flatSub(f, 0, w.at)) : f, table, strict);
  return idx && w ? { ...idx, where: w.where } : idx;
}

/**
 * The `WHERE <condition>` after an index's columns: the condition up to a description
 * (" — for ...", "(for ...)") or the end, without code marks. Only after a closing parenthesis
 * or a column name, so prose that merely contains "where" is no condition.
 */
function whereClause(md: MarkdownReader, f: Flat): { at: number; where: NonNullable<RawIndex["where"]> } | null {
  const m = /(?<=[)`\w]\s*)\s+where\s+(?=\S)/i.exec(f.text);
  if (!m) return null;
  const from = m.index + m[0].length;
  let rest = f.text.slice(from);
  const cut = /\s(?:-|–|—)\s|\s+\((?:for|used)\b|\s+(?:for|so that|used)\s/.exec(rest);
  if (cut) rest = rest.slice(0, cut.index);
  const text = rest.replace(/`/g, " ").replace(/[.;]\s*$/, "").trim();
  if (!text) return null;
  return { at: m.index, where: { expression: { text, span: md.idx.span(f.offs[from] ?? 0) }, dialect: "postgresql" } };
}

function indexHead(md: MarkdownReader, f: Flat, table: TableDraft | undefined, strict: boolean): RawIndex | null {
  // The definition ends where a description starts.
  // "idx_user_id: Index on user_id for ..." -> the part after the name.
  const named = /^([A-Za-z_]\w*)\s*:\s*(?=(?:unique\s+|composite\s+)*index\b)/i.exec(f.text);
  const body = named ? f.text.slice(named[0].length) : f.text;
  const dash = /\s(?:-|–|—)\s|\s+\((?:for|used)\b|\s+(?:for|to|so|used)\s|\s*:\s+(?=[A-Z][a-z])/.exec(body);
  // "Index on email field": the word after the names says what they are. Code marks are only marks ("`idx_x` on `(a, b)`"), and a closing remark in parentheses is
  // not a column list ("Unique index on email (case-insensitive)", "(most common query)").
  const headText = (dash ? body.slice(0, dash.index) : body)
    .replace(/`/g, "")
    .replace(/\s*\((?!\s*[A-Za-z_]\w*(?:\s+(?:asc|desc))?(?:\s*,\s*[A-Za-z_]\w*(?:\s+(?:asc|desc))?)*\s*\))[^()]*\)\s*$/i, "")
    .replace(/(?<=\S)\s+(?:fields?|columns?)\s*$/i, "")
    .trim();
  const unique = /\bunique\b/i.test(f.text);
  const span = md.idx.span(f.offs[0] ?? 0);
  const clean = (cols: string) =>
    cols
      .split(",")
      .map((c) => c.trim().replace(/\s+(asc|desc)$/i, "").replace(/^[`"]|[`"]$/g, "").trim())
      .filter(Boolean);
  let m = /^(?:(?:unique|composite|recommended|support(?:ing)?|secondary|partial|covering)\s+)*(?:(?:index|constraint|key)\s*(?:on)?\s*:?\s*)?(?:([A-Za-z_]\w*)\s+on\s+)?(?:([A-Za-z_]\w*)\s*)?\(([^)]*)\)/i.exec(headText);
  if (m && (!m[2] || !/^(unique|index|composite|on)$/i.test(m[2]))) {
    const cols = clean(m[3]!);
    if (cols.length > 0 && cols.every((c) => /^[A-Za-z_]\w*$/.test(c))) {
      return {
        columns: cols,
        unique,
        ...(m[1] ? { name: m[1] } : {}),
        ...(m[2] ? { table: snakeCase(m[2]) } : {}),
        span,
      };
    }
  }
  m = /^(?:(?:unique|composite)\s+)?(?:index\s+)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b/i.exec(headText);
  if (m) return { columns: [m[2]!], unique, table: snakeCase(m[1]!), span };
  m = /^(?:(?:unique|composite)\s+)*(?:index|constraint)\s*(?:on\s+|:\s*)([A-Za-z_]\w*(?:\s*(?:,|and)\s*[A-Za-z_]\w*)*)\s*\.?$/i.exec(headText);
  if (m && table) return { columns: m[1]!.split(/\s*(?:,|\band\b)\s*/).filter(Boolean), unique, ...(named ? { name: named[1]! } : {}), span };
  // "idx_tasks_user on user_id", "ix_orders_placed on placed_at, status": a name, then the columns.
  m = /^([A-Za-z_]\w*)\s+on\s+([A-Za-z_]\w*(?:\s*(?:,|\band\b)\s*[A-Za-z_]\w*)*)\s*\.?$/i.exec(headText);
  if (m && table && !/^(?:unique|composite|index|key|constraint)$/i.test(m[1]!)) {
    const cols = m[2]!.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
    if (cols.every((c) => table.columns.some((x) => x.name.text === c))) return { columns: cols, unique, name: m[1]!, span };
  }
  if (strict) return null;
  // "Index on `user_id` ensures fast filtering": one column, then what the index is for. Read
  // when the column is the section's table's, or else exactly one table's.
  m = /^(?:(?:unique|composite)\s+)*index\s+on\s+([A-Za-z_]\w*)\s+[a-z]/i.exec(body.replace(/`/g, ""));
  if (m) {
    const col = m[1]!;
    if (table?.columns.some((c) => c.name.text === col)) return { columns: [col], unique, ...(named ? { name: named[1]! } : {}), span };
    // A table written twice (its column table and its CREATE TABLE) is one table.
    const holders = [...new Set(md.tables.filter((t) => !t.fragment && t.columns.some((c) => c.name.text === col)).map((t) => t.name.text))];
    if (holders.length === 1) return { columns: [col], unique, table: holders[0]!, ...(named ? { name: named[1]! } : {}), span };
  }
  return null;
}

export function indexTable(md: MarkdownReader, node: Table, headers: string[], colsCol: number, nameCol: number, tableRole?: number, uniqueRole?: number): void {
  const table = md.currentTable();
  const tableCol = tableRole ?? headers.findIndex((h) => /^table$/.test(h));
  const typeCol = uniqueRole ?? headers.findIndex((h) => /^(type|kind|unique)$/.test(h));
  for (const row of node.children.slice(1)) {
    const cell = (i: number) => {
      const c = i >= 0 ? row.children[i] : undefined;
      return c ? flatTrim(md.flat(c.children, md.startOf(c))) : null;
    };
    // "| badges_user_code | UNIQUE(user_id, code) |", "| CHECK (length(code) <= 12) |": a
    // constraints table whose cells hold the clauses themselves, read as the clause says.
    if (table && constraintRow(md, table, row.children.map((_, i) => cell(i)), nameCol >= 0 ? (cell(nameCol)?.text ?? "") : "")) continue;
    const cols = cell(colsCol);
    if (!cols || !cols.text) continue;
    const name = cell(nameCol)?.text ?? "";
    const kind = cell(typeCol)?.text ?? "";
    if (/primary|foreign|not null|check|cascade|default/i.test(kind) || /^(primary key|fk\b|foreign)/i.test(name)) continue;
    const list = cols.text
      .replace(/^\(|\)$/g, "")
      .split(",")
      .map((c) => c.trim().replace(/\s+(asc|desc)$/i, ""))
      .filter(Boolean);
    const span = md.idx.span(cols.offs[0] ?? 0);
    if (!list.every((c) => /^[A-Za-z_]\w*$/.test(c))) {
      md.warn("SF113", `index columns "${short(cols.text)}" are not understood`, span, 'list column names separated by commas: "user_id, completed"');
      continue;
    }
    const tname = cell(tableCol)?.text;
    const unique = /unique/i.test(kind) || /^unique|uniq/i.test(name);
    // A cell (a Condition or Notes column) that is a partial index's "WHERE deleted_at IS NULL".
    const cond = row.children.map((_, i) => cell(i)).find((c) => c && /^`?\s*where\s+\S/i.test(c.text));
    const w = cond ? whereClause(md, { text: ` x ${cond.text}`, offs: [0, 0, 0, ...cond.offs] }) : null;
    const idx: RawIndex = {
      columns: list,
      unique,
      ...(name && /^[A-Za-z_]\w*$/.test(name) ? { name } : {}),
      ...(tname ? { table: snakeCase(tname) } : {}),
      span,
      ...(w ? { where: w.where } : {}),
    };
    if (table && (!idx.table || idx.table === table.name.text)) table.indexes.push(idx);
    else md.specIndexes.push(idx);
  }
}

/**
 * A row of an index or constraints table with a cell holding a table constraint clause:
 * `UNIQUE (a, b)`, `CHECK (expr)`, `PRIMARY KEY (a, b)`; `FOREIGN KEY ...` is left to the
 * columns' references. True when the row was one (then nothing else is read from it).
 */
function constraintRow(md: MarkdownReader, table: TableDraft, cells: ReadonlyArray<Flat | null>, name: string): boolean {
  const named = /^[A-Za-z_]\w*$/.test(name) && !/^(unique|check|primary)$/i.test(name) ? name : undefined;
  for (const c of cells) {
    if (!c) continue;
    const text = c.text.replace(/`/g, " ");
    const unique = /^\s*(?:constraint\s+[A-Za-z_]\w*\s+)?unique\s*(?:key|index)?\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)\s*(?:$|(?=where\s))/i.exec(text);
    const primary = /^\s*(?:constraint\s+[A-Za-z_]\w*\s+)?primary\s+key\s*\(\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*\)\s*$/i.exec(text);
    const check = /^\s*(?:constraint\s+[A-Za-z_]\w*\s+)?check\s*\((.+)\)\s*$/is.exec(text);
    const span = md.idx.span(c.offs[0] ?? 0);
    if (unique) {
      const w = whereClause(md, c);
      table.indexes.push({ columns: unique[1]!.split(/\s*,\s*/), unique: true, ...(named ? { name: named } : {}), span, ...(w ? { where: w.where } : {}) });
      return true;
    }
    if (primary) {
      keyOf(md, table, primary[1]!.split(/\s*,\s*/), span);
      return true;
    }
    if (check) {
      const at = c.text.indexOf("(") + 1;
      const end = c.text.lastIndexOf(")");
      (table.checks ??= []).push({ expression: md.rawText(flatSub(c, at, end)), dialect: "postgresql", ...(named ? { name: named } : {}) });
      return true;
    }
    if (/^\s*(?:constraint\s+[A-Za-z_]\w*\s+)?foreign\s+key\s*\(/i.test(text)) return true;
  }
  return false;
}
