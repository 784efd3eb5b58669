// CHECK expressions of any shape, read by real parsers: PostgreSQL's own (libpg-query) for
// PostgreSQL text, node-sql-parser's MySQL and SQLite builds for those dialects.
//
// Each reading gives the PostgreSQL text for the migration (PostgreSQL input as written,
// once PostgreSQL has parsed it; MySQL and SQLite input translated, and parsed back by
// PostgreSQL), the columns the expression names, and the rules a request validator can
// check before the database does: one or more per AND-ed conjunct it understands.
//
// Rules hold for non-null values only, as a CHECK does (it passes when the expression is
// NULL): so `x IS NULL OR x > 0` gives exactly the rule of `x > 0`, and only a `not-null`
// rule ever makes a value required.
//
// No parser is imported at the top: loadSqlExpressions loads libpg-query; a node-sql-parser
// build is required the first time a MySQL or SQLite expression is read.
import { createRequire } from "node:module";
import { fromNsp, fromPg, type Node } from "./check-expr-trees.js";
import { collectColumns, type Expr, forbidden } from "./check-expr.js";
import { pgIdentifier, printPg, Untranslatable } from "./check-postgres.js";
import { type CheckRule, rulesOf } from "./check-rules.js";
import type { SqlDialect } from "./sql-dialect.js";
import { lexSql, type SqlToken } from "./sql-lexer.js";
import { loadPostgresParser } from "./sql-parsers.js";

export type CheckReading =
  | {
      readonly ok: true;
      /** PostgreSQL text for `CHECK (...)`. */
      readonly sql: string;
      /** The columns the expression names, as written, in order of first use. */
      readonly columns: string[];
      readonly rules: CheckRule[];
      /** Every conjunct became rules: the validator alone is as strict as the database. */
      readonly complete: boolean;
    }
  | { readonly ok: false; readonly why: string };

// ---------------------------------------------------------------- loading

interface PgModule {
  parseSync(query: string): { stmts?: { stmt?: Node }[] };
}

let pg: PgModule | null = null;
const nsp: Partial<Record<"mysql" | "sqlite", { astify(sql: string, options: { database: string }): Node }>> = {};

/**
 * Loads what readCheckExpression needs: PostgreSQL's parser unless `dialects` leaves it out
 * (then PostgreSQL input cannot be read, and translations are not parsed back).
 */
export async function loadSqlExpressions(dialects?: readonly SqlDialect[]): Promise<void> {
  if (!dialects || dialects.includes("postgresql")) pg = await loadPostgresParser();
  loaded = true;
}

let loaded = false;

function nspParser(dialect: "mysql" | "sqlite") {
  let p = nsp[dialect];
  if (!p) {
    const mod = createRequire(import.meta.url)(`node-sql-parser/build/${dialect}`) as { Parser: new () => NonNullable<typeof p> };
    p = new mod.Parser();
    nsp[dialect] = p;
  }
  return p;
}

// ---------------------------------------------------------------- reading

/** Reads one CHECK expression (without or with its `CHECK ( )`). Call loadSqlExpressions() first. */
/**
 * `column` maps a column name as written to the table's own column (PostgreSQL folds unquoted
 * names to lower case, so `followerId != followeeId` must reach the columns as "followerId").
 */
export function readCheckExpression(text: string, dialect: SqlDialect, column?: (written: string) => string | undefined): CheckReading {
  if (!loaded || (dialect === "postgresql" && !pg)) throw new Error(`readCheckExpression: call loadSqlExpressions(${loaded ? '["postgresql"]' : ""}) first`);
  const body = stripCheck(text.trim());
  if (!body) return { ok: false, why: "the CHECK is empty" };
  const tokens = lexSql(body, { mysql: dialect === "mysql" });
  const shape = oneExpression(tokens);
  if (shape) return { ok: false, why: shape };
  let expr: Expr;
  let sql: string;
  if (dialect === "postgresql") {
    const r = parsePg(body, tokens);
    if ("why" in r) return { ok: false, why: r.why };
    expr = r.expr;
    // As written, but without comments: a trailing `-- note` would swallow the CHECK's ")".
    sql = withoutComments(body, tokens, (t, k) => {
      if (!column || !r.columnTokens.has(k)) return null;
      const real = column(t.value);
      if (real === undefined) return null;
      // An unquoted name PostgreSQL folds to the column's name stays as written.
      return t.kind === "word" && real === t.value.toLowerCase() ? null : pgIdentifier(real);
    });
  } else {
    const r = parseNsp(body, dialect);
    if ("why" in r) return { ok: false, why: r.why };
    expr = column ? renameColumns(r.expr, column) : r.expr;
    try {
      sql = printPg(expr, dialect);
    } catch (e) {
      if (e instanceof Untranslatable) return { ok: false, why: e.message };
      throw e;
    }
    const back = pg ? parsePg(sql, lexSql(sql)) : null;
    if (back && "why" in back) return { ok: false, why: `the PostgreSQL translation does not parse (${back.why}): ${sql}` };
  }
  const bad = forbidden(expr);
  if (bad) return { ok: false, why: bad };
  const columns: string[] = [];
  collectColumns(expr, columns);
  const { rules, complete } = rulesOf(expr, dialect);
  return { ok: true, sql, columns, rules, complete };
}

function withoutComments(text: string, tokens: readonly SqlToken[], replace?: (t: SqlToken, k: number) => string | null): string {
  if (tokens.length === 0) return "";
  let out = "";
  let pos = tokens[0]!.start;
  tokens.forEach((t, k) => {
    const gap = text.slice(pos, t.start);
    out += /^\s*$/.test(gap) ? gap : gap.includes("\n") ? "\n" : " ";
    out += replace?.(t, k) ?? text.slice(t.start, t.end);
    pos = t.end;
  });
  return out;
}

/** The expression with each column named as the table names it. */
function renameColumns(e: Expr, column: (written: string) => string | undefined): Expr {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    if (o.k === "col" && typeof o.name === "string") return { ...o, name: column(o.name) ?? o.name };
    return Object.fromEntries(Object.entries(o).map(([key, x]) => [key, walk(x)]));
  };
  return walk(e) as Expr;
}

/** "CHECK (x > 0)" -> "x > 0"; anything else as is. */
function stripCheck(text: string): string {
  const m = /^check\s*\(/i.exec(text);
  if (!m) return text;
  const ts = lexSql(text);
  const open = ts.findIndex((t) => t.text === "(");
  let depth = 0;
  for (let k = open; k < ts.length; k++) {
    if (ts[k]!.text === "(") depth++;
    else if (ts[k]!.text === ")" && --depth === 0) return k === ts.length - 1 ? text.slice(ts[open]!.end, ts[k]!.start).trim() : text;
  }
  return text;
}

/** Why the tokens are not one expression (a stray ")" or ";" would let the text escape its CHECK), or null. */
function oneExpression(ts: readonly SqlToken[]): string | null {
  let depth = 0;
  for (const t of ts) {
    if (t.kind === "end") return "the text holds more than one statement";
    if (t.kind === "punct" && t.text === "(") depth++;
    if (t.kind === "punct" && t.text === ")" && --depth < 0) return "a parenthesis closes that was not opened";
    if (t.kind === "punct" && t.text === "," && depth === 0) return "the text is a list, not one expression";
  }
  return depth === 0 ? null : "a parenthesis is not closed";
}

const PG_PREFIX = "SELECT (";

function parsePg(body: string, tokens: readonly SqlToken[]): { expr: Expr; columnTokens: Set<number> } | { why: string } {
  let stmt: Node;
  try {
    stmt = pg!.parseSync(`${PG_PREFIX}${body}\n)`).stmts?.[0]?.stmt;
  } catch (e) {
    const d = (e as { sqlDetails?: { message?: string } }).sqlDetails;
    return { why: `PostgreSQL cannot parse it: ${d?.message ?? (e as Error).message}` };
  }
  const val = stmt?.SelectStmt?.targetList?.[0]?.ResTarget?.val;
  if (!val || stmt.SelectStmt.targetList.length !== 1 || stmt.SelectStmt.fromClause) return { why: "not one expression" };
  // Column names as written (PostgreSQL folds unquoted names to lower case).
  const toChar = byteToChar(`${PG_PREFIX}${body}`);
  const at = new Map(tokens.map((t, k) => [t.start, k]));
  const columnTokens = new Set<number>();
  const nameAt = (loc: number | undefined, fallback: string): string => {
    let k = at.get(toChar(loc ?? -1) - PG_PREFIX.length);
    if (k === undefined) return fallback;
    while (tokens[k + 1]?.text === "." && (tokens[k + 2]?.kind === "word" || tokens[k + 2]?.kind === "qident")) k += 2;
    const t = tokens[k]!;
    if (t.kind === "word" || t.kind === "qident") columnTokens.add(k);
    return t.kind === "word" || t.kind === "qident" ? t.value : fallback;
  };
  return { expr: fromPg(val, nameAt), columnTokens };
}

function byteToChar(text: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  map.push(text.length);
  return (b) => (b < 0 ? -1 : (map[b] ?? text.length));
}

const NSP_PREFIX = "SELECT 1 FROM t WHERE (";

function parseNsp(body: string, dialect: "mysql" | "sqlite"): { expr: Expr } | { why: string } {
  let ast: Node;
  try {
    ast = nspParser(dialect).astify(`${NSP_PREFIX}${body}\n)`, { database: dialect });
  } catch (e) {
    const found = (e as { found?: string | null }).found;
    return { why: `${dialect === "mysql" ? "MySQL" : "SQLite"} cannot parse it${found ? `: syntax error at or near "${found}"` : ""}` };
  }
  const one = Array.isArray(ast) ? ast[0] : ast;
  if (!one?.where) return { why: "not one expression" };
  return { expr: fromNsp(one.where, dialect) };
}
