// A SQL block's tokens as statements, and the statements' tokens walked: where each statement
// ends, what kind it is (CREATE TABLE, CREATE INDEX, ALTER TABLE, CREATE TYPE, a lone
// constraint, other), and the small token-list helpers the reader uses (matching parentheses,
// commas outside them, qualified names, IF [NOT] EXISTS).
import type { SqlToken } from "./sql-lexer.js";

export interface SqlStatement {
  /** Offset of the first token (comments before it are not part of the statement). */
  readonly start: number;
  /** Offset just after the last token (the terminating ";" is not part of it). */
  readonly end: number;
  readonly tokens: readonly SqlToken[];
}

export type StatementKind = "table" | "index" | "alter" | "type" | "constraint" | "other";

/**
 * Statements at ";" (or a DELIMITER), outside quotes, comments and dollar quotes. A line that
 * starts with CREATE or ALTER TABLE also starts a new statement when the one before is a
 * complete table, index or type definition (specs often leave out the semicolons).
 */
export function splitSqlStatements(tokens: readonly SqlToken[]): SqlStatement[] {
  const out: SqlStatement[] = [];
  let cur: SqlToken[] = [];
  let depth = 0;
  const flush = () => {
    if (cur.length) out.push({ start: cur[0]!.start, end: cur[cur.length - 1]!.end, tokens: cur });
    cur = [];
    depth = 0;
  };
  tokens.forEach((t, k) => {
    if (t.kind === "end") return flush();
    if (cur.length && depth === 0 && t.lineStart && t.kind === "word") {
      const w = t.value.toLowerCase();
      const next = tokens[k + 1];
      const starts = w === "create" || (w === "alter" && next?.kind === "word" && next.value.toLowerCase() === "table");
      if (starts && ["table", "index", "type", "alter"].includes(statementKind(cur))) flush();
    }
    if (t.kind === "punct" && t.text === "(") depth++;
    else if (t.kind === "punct" && t.text === ")" && depth > 0) depth--;
    cur.push(t);
  });
  flush();
  return out;
}

export function lower(t: SqlToken | undefined): string {
  return t?.kind === "word" ? t.value.toLowerCase() : "";
}

export function statementKind(ts: readonly SqlToken[]): StatementKind {
  const w = (k: number) => lower(ts[k]);
  if (w(0) === "create") {
    let i = 1;
    if (w(i) === "or" && w(i + 1) === "replace") i += 2;
    while (["global", "local", "temp", "temporary", "unlogged"].includes(w(i))) i++;
    if (w(i) === "table") return "table";
    while (["unique", "fulltext", "spatial"].includes(w(i))) i++;
    if (w(i) === "index") return "index";
    if (w(i) === "type") return "type";
    return "other";
  }
  if (w(0) === "alter" && w(1) === "table") return "alter";
  if (w(0) === "constraint" || (["primary", "foreign"].includes(w(0)) && w(1) === "key") || w(0) === "unique" || w(0) === "check") return "constraint";
  return "other";
}

/** `text` with what lies between tokens and is not white space (comments) turned to spaces, line breaks kept. */
export function blankComments(text: string, tokens: readonly SqlToken[]): string {
  let out = "";
  let pos = 0;
  for (const t of [...tokens, { start: text.length, end: text.length }]) {
    const gap = text.slice(pos, t.start);
    out += /^\s*$/.test(gap) ? gap : gap.replace(/[^\n]/g, " ");
    out += text.slice(t.start, t.end);
    pos = t.end;
  }
  return out;
}

/** Index of the ")" closing the "(" at `open`, or -1. */
export function closeOf(ts: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let k = open; k < ts.length; k++) {
    const t = ts[k]!;
    if (t.kind !== "punct") continue;
    if (t.text === "(") depth++;
    else if (t.text === ")" && --depth === 0) return k;
  }
  return -1;
}

/** Split at commas outside parentheses and brackets. */
export function splitCommas(ts: readonly SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [];
  let cur: SqlToken[] = [];
  let depth = 0;
  for (const t of ts) {
    if (t.kind === "punct" && (t.text === "(" || t.text === "[")) depth++;
    if (t.kind === "punct" && (t.text === ")" || t.text === "]")) depth--;
    if (t.kind === "punct" && t.text === "," && depth === 0) {
      out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  out.push(cur);
  return out.filter((x) => x.length > 0);
}

export function isName(t: SqlToken | undefined): t is SqlToken {
  return t !== undefined && (t.kind === "word" || t.kind === "qident");
}

/** `name` or `schema.name` starting at `i`: the last part and the index after it. */
export function qualifiedName(ts: readonly SqlToken[], i: number): { tok: SqlToken; next: number } | null {
  let tok = ts[i];
  if (!isName(tok)) return null;
  let next = i + 1;
  while (ts[next]?.text === "." && isName(ts[next + 1])) {
    tok = ts[next + 1]!;
    next += 2;
  }
  return { tok, next };
}

export function skipIfExists(ts: readonly SqlToken[], i: number): number {
  if (lower(ts[i]) === "if" && lower(ts[i + 1]) === "not" && lower(ts[i + 2]) === "exists") return i + 3;
  if (lower(ts[i]) === "if" && lower(ts[i + 1]) === "exists") return i + 2;
  return i;
}

/** The first "(" at depth 0 from `from`, with its group's comma-separated parts. */
export function groupAfter(ts: readonly SqlToken[], from: number): { open: number; close: number; parts: SqlToken[][] } | null {
  let depth = 0;
  for (let k = from; k < ts.length; k++) {
    const t = ts[k]!;
    if (t.kind !== "punct") continue;
    if (t.text === "(") {
      if (depth === 0) {
        const close = closeOf(ts, k);
        if (close < 0) return null;
        return { open: k, close, parts: splitCommas(ts.slice(k + 1, close)) };
      }
      depth++;
    } else if (t.text === ")") depth--;
  }
  return null;
}

export function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

export function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}
