// What a parser says of one element of a CREATE TABLE (a column, or a table-level key or
// constraint), read from libpg-query's or node-sql-parser's tree: where a column's type ends and
// each constraint phrase starts, in tokens of the block; and which tokens a salvage may blank.
import type { SqlDialect } from "./sql-dialect.js";
import type { SqlToken } from "./sql-lexer.js";
import type { Node } from "./sql-parsers.js";
import { lower } from "./sql-statements.js";

/** What a table-level element is, as its parser says. */
export interface KeyInfo {
  readonly kind: "primary" | "unique" | "index" | "fulltext" | "foreign" | "check" | "other";
  readonly name?: string;
}

/** A column element: its tokens and where its pieces start, as its parser says. */
export interface ColumnInfo {
  /** Token index where the type ends (exclusive) and phrase starts (token indexes, ascending). */
  readonly typeEnd: number;
  readonly phrases: readonly { readonly from: number; readonly to: number; readonly kind?: string }[];
  /** MySQL ENUM('a','b') / SET(...) values, read by the parser. */
  readonly enumValues?: readonly string[];
  readonly description?: string;
  /** The column has no type (SQLite allows it). */
  readonly untyped?: boolean;
}

export type ElementReading = { kind: "column"; info: ColumnInfo } | { kind: "key"; info: KeyInfo; dialect: SqlDialect };

/**
 * A token the salvage may blank: outside parentheses, after the column's name and the first
 * word of its type, and not a parenthesis or comma itself.
 */
export function blankable(el: readonly SqlToken[], k: number): boolean {
  let depth = 0;
  for (let j = 0; j < k; j++) {
    if (el[j]!.text === "(") depth++;
    else if (el[j]!.text === ")") depth--;
  }
  const t = el[k]!;
  return depth === 0 && !(t.kind === "punct" && t.text !== ".");
}

/** The element (token list) whose extent holds block offset `at`. */
export function elementAt(elements: readonly SqlToken[][], at: number): SqlToken[] | undefined {
  return elements.find((el) => el[0]!.start <= at && at < el[el.length - 1]!.end) ?? elements.find((el) => el[0]!.start >= at);
}

/** A column definition (not a table constraint) by its first words. */
export function isColumnElement(el: readonly SqlToken[]): boolean {
  const w = lower(el[0]);
  return !(el[0]?.kind === "word" && ["constraint", "primary", "unique", "foreign", "check", "index", "key", "fulltext", "spatial", "exclude", "like"].includes(w));
}

/** Maximal runs of consecutive tokens of `el` that are in `set`. */
export function runs(el: readonly SqlToken[], set: ReadonlySet<SqlToken>): SqlToken[][] {
  const out: SqlToken[][] = [];
  let cur: SqlToken[] = [];
  for (const t of el) {
    if (set.has(t)) cur.push(t);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Constraints that only qualify the one before (DEFERRABLE, INITIALLY DEFERRED): not phrases of their own. */
const PG_ATTRIBUTES = new Set(["CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_NOT_DEFERRABLE", "CONSTR_ATTR_DEFERRED", "CONSTR_ATTR_IMMEDIATE", "CONSTR_ATTR_ENFORCED", "CONSTR_ATTR_NOT_ENFORCED"]);

/** libpg-query's ColumnDef: the type runs to the first constraint; each constraint runs to the next. */
export function pgColumnInfo(el: readonly SqlToken[], def: Node, at: (loc: number | undefined) => number): ColumnInfo {
  const marks: { at: number; kind: string }[] = [];
  for (const c of (def.constraints ?? []) as Node[]) marks.push({ at: at(c.Constraint?.location), kind: c.Constraint?.contype ?? "" });
  if (def.collClause) marks.push({ at: at(def.collClause.location), kind: "COLLATE" });
  marks.sort((a, b) => a.at - b.at);
  const index = (offset: number) => {
    const k = el.findIndex((t) => t.start >= offset);
    return k < 0 ? el.length : k;
  };
  const phrases: { from: number; to: number; kind?: string }[] = [];
  marks.forEach((m, k) => {
    const from = index(m.at);
    const to = (k + 1 < marks.length ? index(marks[k + 1]!.at) : el.length) - 1;
    if (PG_ATTRIBUTES.has(m.kind) || to < from) return;
    phrases.push({ from, to, ...(m.kind === "CONSTR_FOREIGN" ? { kind: "references" } : {}) });
  });
  const typeEnd = marks.length ? index(marks[0]!.at) : el.length;
  return { typeEnd, phrases, ...(def.typeName ? {} : { untyped: true }) };
}

export function pgKeyInfo(c: Node): KeyInfo {
  const kind: KeyInfo["kind"] =
    c.contype === "CONSTR_PRIMARY" ? "primary" : c.contype === "CONSTR_UNIQUE" ? "unique" : c.contype === "CONSTR_FOREIGN" ? "foreign" : c.contype === "CONSTR_CHECK" ? "check" : "other";
  return { kind, ...(c.conname ? { name: String(c.conname) } : {}) };
}

export function nspColumnName(column: Node): string {
  if (typeof column === "string") return column;
  if (typeof column?.column === "string") return column.column;
  return String(column?.column?.expr?.value ?? column?.expr?.value ?? "");
}

export function nspKeyInfo(def: Node): KeyInfo {
  const name = def.constraint ?? (typeof def.index === "string" ? def.index : def.index?.name);
  const named = name ? { name: String(name) } : {};
  if (def.resource === "index") return { kind: /fulltext/i.test(String(def.keyword)) ? "fulltext" : "index", ...named };
  const t = String(def.constraint_type ?? "").toLowerCase();
  const kind: KeyInfo["kind"] = t.startsWith("primary") ? "primary" : t.startsWith("unique") ? "unique" : t.startsWith("foreign") ? "foreign" : t === "check" ? "check" : "other";
  return { kind, ...named };
}

/** Words that start a constraint phrase of a MySQL or SQLite column. */
const STARTERS = new Set([
  "not", "null", "primary", "key", "unique", "default", "references", "check", "constraint", "generated", "as", "collate",
  "auto_increment", "autoincrement", "comment", "on", "character", "charset", "visible", "invisible", "column_format", "storage", "srid",
]);
/** Phrases that say nothing PostgreSQL needs (character sets, MySQL storage hints). */
const DROPPED = new Set(["character", "charset", "visible", "invisible", "column_format", "storage", "srid"]);

/**
 * node-sql-parser's column definition has no positions: the phrases are found in the
 * element's tokens, each starting at a keyword outside parentheses (the parser has already
 * said the element is valid, so the keywords are where the grammar puts them).
 */
export function nspColumnInfo(el: readonly SqlToken[], def: Node): ColumnInfo {
  const startsPhrase = (j: number, head: string, len: number): boolean => {
    const lw = lower(el[j]);
    if (!STARTERS.has(lw)) return false;
    const prev = lower(el[j - 1]);
    const next = lower(el[j + 1]);
    if (head === "default" && len === 1) return false; // DEFAULT NULL, DEFAULT CURRENT_TIMESTAMP
    if (head === "constraint" && len <= 2) return false; // CONSTRAINT name <kind>
    if (lw === "null" && (prev === "not" || prev === "set")) return false;
    if (lw === "default" && prev === "set") return false;
    if (lw === "key" && (prev === "primary" || prev === "unique")) return false;
    if (lw === "on" && (head === "references" || next !== "update")) return false;
    if (lw === "as" && head === "generated") return false;
    if (lw === "character" && next !== "set") return false;
    return true;
  };
  let k = 1;
  let depth = 0;
  while (k < el.length) {
    const t = el[k]!;
    if (t.text === "(") depth++;
    if (t.text === ")") depth--;
    if (depth === 0 && startsPhrase(k, "", 0)) break;
    k++;
  }
  const phrases: { from: number; to: number; kind?: string }[] = [];
  let description: string | undefined;
  let from = -1;
  let head = "";
  let len = 0;
  const flush = (to: number) => {
    if (from < 0) return;
    if (head === "comment") {
      const s = el.slice(from, to + 1).find((t) => t.kind === "string");
      if (s) description = s.value;
    } else if (!DROPPED.has(head)) phrases.push({ from, to, ...(head === "references" ? { kind: "references" } : {}) });
  };
  depth = 0;
  for (let j = k; j < el.length; j++) {
    const t = el[j]!;
    if (depth === 0 && startsPhrase(j, head, len)) {
      flush(j - 1);
      from = j;
      head = lower(t);
      len = 0;
    } else if (head === "constraint" && len === 2 && t.kind === "word") head = lower(t);
    if (t.text === "(") depth++;
    if (t.text === ")") depth--;
    len++;
  }
  flush(el.length - 1);
  const d = def.definition;
  const dataType = String(d?.dataType ?? "").toUpperCase();
  const values = (dataType === "ENUM" || dataType === "SET") && Array.isArray(d?.expr?.value) ? enumValuesOf(el.slice(1, k)) : undefined;
  return { typeEnd: k, phrases, ...(values ? { enumValues: values } : {}), ...(description !== undefined ? { description } : {}), ...(d ? {} : { untyped: true }) };
}

/** The values of ENUM('a','b') as the lexer unescaped them. */
function enumValuesOf(typeToks: readonly SqlToken[]): string[] {
  return typeToks.filter((t) => t.kind === "string").map((t) => t.value);
}
