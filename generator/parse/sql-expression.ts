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
import type { SqlDialect } from "./sql-dialect.js";
import { lexSql, type SqlToken } from "./sql-lexer.js";
import { loadPostgresParser } from "./sql-parsers.js";

export type CompareOp = ">" | ">=" | "<" | "<=";

export type CheckRule =
  /** The value is one of these (strings, or numbers for x IN (1, 2)). */
  | { readonly kind: "enum"; readonly column: string; readonly values: readonly (string | number)[] }
  | { readonly kind: "range"; readonly column: string; readonly op: CompareOp; readonly value: number }
  /**
   * The value's length in characters (in UTF-8 bytes when `bytes`: MySQL's LENGTH,
   * octet_length), after trimming spaces at both ends when `trim`.
   */
  | { readonly kind: "length"; readonly column: string; readonly op: CompareOp | "="; readonly value: number; readonly trim?: true; readonly bytes?: true }
  /** Not the empty string (after trimming spaces at both ends when `trim`). */
  | { readonly kind: "not-empty"; readonly column: string; readonly trim?: true }
  /** `new RegExp(regex, flags).test(value)` must hold; LIKE patterns come anchored. */
  | { readonly kind: "pattern"; readonly column: string; readonly regex: string; readonly flags: string }
  | { readonly kind: "compare-columns"; readonly left: string; readonly op: CompareOp | "<>" | "="; readonly right: string }
  | { readonly kind: "not-null"; readonly column: string };

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

// The parsers' trees are plain JSON, read by field name.
type Node = any;

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

// ---------------------------------------------------------------- one expression model

/** An expression, whichever parser read it. */
type Expr =
  | { readonly k: "col"; readonly name: string }
  | { readonly k: "num"; readonly value: number; readonly text: string }
  | { readonly k: "str"; readonly value: string }
  | { readonly k: "bool"; readonly value: boolean }
  | { readonly k: "null" }
  | { readonly k: "and" | "or"; readonly args: readonly Expr[] }
  | { readonly k: "not"; readonly arg: Expr }
  /** Binary operators: comparisons (=, <>, <, <=, >, >=) and arithmetic (+ - * / % ||). */
  | { readonly k: "op"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: "in"; readonly expr: Expr; readonly list: readonly Expr[]; readonly not: boolean }
  | { readonly k: "between"; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly not: boolean }
  | { readonly k: "isnull"; readonly expr: Expr; readonly not: boolean }
  | { readonly k: "match"; readonly how: "like" | "ilike" | "regex" | "iregex" | "glob"; readonly expr: Expr; readonly pattern: Expr; readonly not: boolean; readonly escape?: string }
  | { readonly k: "call"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: "cast"; readonly expr: Expr; readonly type: string }
  | { readonly k: "other"; readonly what: string };

const OTHER = (what: string): Expr => ({ k: "other", what });

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

const lastName = (names: Node[] | undefined): string => String(names?.[names.length - 1]?.String?.sval ?? "");

/** libpg-query's raw expression tree -> Expr. */
function fromPg(n: Node, nameAt: (loc: number | undefined, fallback: string) => string): Expr {
  const go = (x: Node) => fromPg(x, nameAt);
  const [type, v] = Object.entries((n ?? {}) as Record<string, Node>)[0] ?? ["?", {}];
  switch (type) {
    case "ColumnRef": {
      const f = v.fields ?? [];
      const last = f[f.length - 1];
      return last?.String ? { k: "col", name: nameAt(v.location, String(last.String.sval)) } : OTHER("*");
    }
    case "A_Const":
      if (v.isnull) return { k: "null" };
      if (v.ival) return { k: "num", value: Number(v.ival.ival ?? 0), text: String(v.ival.ival ?? 0) };
      if (v.fval) return { k: "num", value: Number(v.fval.fval), text: String(v.fval.fval) };
      if (v.sval) return { k: "str", value: String(v.sval.sval ?? "") };
      if (v.boolval) return { k: "bool", value: v.boolval.boolval === true };
      return OTHER("a constant");
    case "TypeCast":
      return { k: "cast", expr: go(v.arg), type: lastName(v.typeName?.names) + (v.typeName?.arrayBounds ? "[]" : "") };
    case "BoolExpr": {
      const args = ((v.args ?? []) as Node[]).map(go);
      if (v.boolop === "NOT_EXPR") return { k: "not", arg: args[0]! };
      return { k: v.boolop === "AND_EXPR" ? "and" : "or", args };
    }
    case "NullTest":
      return { k: "isnull", expr: go(v.arg), not: v.nulltesttype === "IS_NOT_NULL" };
    case "FuncCall":
      return { k: "call", name: lastName(v.funcname).toLowerCase(), args: ((v.args ?? []) as Node[]).map(go) };
    case "CoalesceExpr":
      return { k: "call", name: "coalesce", args: ((v.args ?? []) as Node[]).map(go) };
    case "SubLink":
      return OTHER("a subquery");
    case "A_Expr": {
      const op = lastName(v.name);
      const items = (x: Node): Node[] => x?.List?.items ?? [];
      switch (v.kind) {
        case "AEXPR_OP": {
          if (!v.lexpr) {
            const arg = go(v.rexpr);
            if ((op === "-" || op === "+") && arg.k === "num") return op === "-" ? { k: "num", value: -arg.value, text: `-${arg.text}` } : arg;
            return OTHER(`prefix ${op}`);
          }
          const regex: Record<string, [Extract<Expr, { k: "match" }>["how"], boolean]> = {
            "~": ["regex", false], "~*": ["iregex", false], "!~": ["regex", true], "!~*": ["iregex", true],
            "~~": ["like", false], "!~~": ["like", true], "~~*": ["ilike", false], "!~~*": ["ilike", true],
          };
          const m = regex[op];
          if (m) return { k: "match", how: m[0], expr: go(v.lexpr), pattern: go(v.rexpr), not: m[1] };
          return { k: "op", op: op === "!=" ? "<>" : op, left: go(v.lexpr), right: go(v.rexpr) };
        }
        case "AEXPR_IN":
          return { k: "in", expr: go(v.lexpr), list: items(v.rexpr).map(go), not: op === "<>" };
        case "AEXPR_OP_ANY":
        case "AEXPR_OP_ALL": {
          // x = ANY (ARRAY['a', 'b']) as pg_dump writes IN lists; x <> ALL (...) for NOT IN.
          let arr = v.rexpr;
          while (arr?.TypeCast) arr = arr.TypeCast.arg;
          const elements = arr?.A_ArrayExpr?.elements as Node[] | undefined;
          const any = v.kind === "AEXPR_OP_ANY";
          if (elements && ((any && op === "=") || (!any && op === "<>"))) return { k: "in", expr: go(v.lexpr), list: elements.map(go), not: !any };
          return OTHER(`${op} ${any ? "ANY" : "ALL"}`);
        }
        case "AEXPR_LIKE":
        case "AEXPR_ILIKE": {
          let pattern = v.rexpr;
          let escape: string | undefined;
          if (pattern?.FuncCall && lastName(pattern.FuncCall.funcname) === "like_escape") {
            const e = go(pattern.FuncCall.args?.[1]);
            if (e.k !== "str") return OTHER("LIKE ... ESCAPE");
            escape = e.value;
            pattern = pattern.FuncCall.args?.[0];
          }
          const how = v.kind === "AEXPR_LIKE" ? "like" : "ilike";
          return { k: "match", how, expr: go(v.lexpr), pattern: go(pattern), not: op.startsWith("!"), ...(escape !== undefined ? { escape } : {}) };
        }
        case "AEXPR_BETWEEN":
        case "AEXPR_NOT_BETWEEN": {
          const [low, high] = items(v.rexpr);
          return { k: "between", expr: go(v.lexpr), low: go(low), high: go(high), not: v.kind === "AEXPR_NOT_BETWEEN" };
        }
        default:
          return OTHER(String(v.kind ?? "an operator").replace(/^AEXPR_/, "").toLowerCase().replace(/_/g, " "));
      }
    }
    default:
      return OTHER(type);
  }
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

function nspString(v: Node, dialect: "mysql" | "sqlite"): string {
  const s = String(v ?? "");
  // node-sql-parser keeps a string's escapes as written.
  return dialect === "mysql" ? s.replace(/''/g, "'").replace(/\\(.)/gs, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c)) : s.replace(/''/g, "'");
}

/** node-sql-parser's expression tree -> Expr. */
function fromNsp(n: Node, dialect: "mysql" | "sqlite"): Expr {
  const go = (x: Node) => fromNsp(x, dialect);
  if (!n || typeof n !== "object") return OTHER(String(n));
  switch (n.type) {
    case "column_ref": {
      const c = n.column;
      const name = typeof c === "string" ? c : c?.expr?.value;
      return typeof name === "string" ? { k: "col", name } : OTHER("a column");
    }
    case "number":
      return { k: "num", value: Number(n.value), text: String(n.value) };
    case "single_quote_string":
    case "double_quote_string":
    case "string":
    case "natural_string":
      return { k: "str", value: nspString(n.value, dialect) };
    case "bool":
      return { k: "bool", value: n.value === true };
    case "null":
      return { k: "null" };
    case "function": {
      const parts = (n.name?.name ?? []) as Node[];
      const name = String(parts[parts.length - 1]?.value ?? n.name ?? "").toLowerCase();
      return { k: "call", name, args: ((n.args?.value ?? []) as Node[]).map(go) };
    }
    case "cast":
      return { k: "cast", expr: go(n.expr), type: String(n.target?.[0]?.dataType ?? n.target?.dataType ?? "").toLowerCase() };
    case "expr_list":
      return Array.isArray(n.value) && n.value.length === 1 ? go(n.value[0]) : OTHER("a list");
    case "unary_expr": {
      const op = String(n.operator).toUpperCase();
      const arg = go(n.expr);
      if (op === "NOT" || op === "!") return { k: "not", arg };
      if (op === "-" && arg.k === "num") return { k: "num", value: -arg.value, text: `-${arg.text}` };
      return OTHER(`prefix ${op}`);
    }
    case "binary_expr": {
      const op = String(n.operator).toUpperCase();
      const left = go(n.left);
      const list = (): Expr[] => ((n.right?.type === "expr_list" ? n.right.value : [n.right]) as Node[]).map(go);
      switch (op) {
        case "AND":
        case "&&":
          return { k: "and", args: [left, go(n.right)].flatMap((x) => (x.k === "and" ? x.args : [x])) };
        case "OR":
          return { k: "or", args: [left, go(n.right)].flatMap((x) => (x.k === "or" ? x.args : [x])) };
        case "||":
          // MySQL reads || as OR (unless PIPES_AS_CONCAT); SQLite as concatenation.
          return dialect === "mysql" ? { k: "or", args: [left, go(n.right)].flatMap((x) => (x.k === "or" ? x.args : [x])) } : { k: "op", op: "||", left, right: go(n.right) };
        case "IN":
        case "NOT IN":
          return { k: "in", expr: left, list: list(), not: op === "NOT IN" };
        case "BETWEEN":
        case "NOT BETWEEN": {
          const [low, high] = list();
          return low && high ? { k: "between", expr: left, low, high, not: op === "NOT BETWEEN" } : OTHER("BETWEEN");
        }
        case "IS":
        case "IS NOT":
          return n.right?.type === "null" ? { k: "isnull", expr: left, not: op === "IS NOT" } : OTHER(`${op} ${String(n.right?.value ?? "")}`.trim());
        case "LIKE":
        case "NOT LIKE":
        case "GLOB":
        case "NOT GLOB":
        case "REGEXP":
        case "NOT REGEXP":
        case "RLIKE":
        case "NOT RLIKE": {
          const esc = n.right?.escape?.value;
          const escape = esc ? nspString(esc.value, dialect) : undefined;
          const how = op.endsWith("LIKE") && !op.endsWith("RLIKE") ? "like" : op.endsWith("GLOB") ? "glob" : "regex";
          return { k: "match", how, expr: left, pattern: go(n.right), not: op.startsWith("NOT "), ...(escape !== undefined ? { escape } : {}) };
        }
        case "=":
        case "!=":
        case "<>":
        case "<":
        case "<=":
        case ">":
        case ">=":
        case "+":
        case "-":
        case "*":
        case "/":
        case "%":
          return { k: "op", op: op === "!=" ? "<>" : op, left, right: go(n.right) };
        default:
          return OTHER(op);
      }
    }
    default:
      return OTHER(String(n.type));
  }
}

/** What PostgreSQL refuses in a CHECK (it parses, but CREATE TABLE would fail), or null. */
function forbidden(e: Expr): string | null {
  let why: string | null = null;
  walk(e, (x) => {
    if (x.k === "other" && x.what === "a subquery") why = "PostgreSQL does not allow a subquery in a CHECK";
  });
  return why;
}

function walk(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "and":
    case "or":
      e.args.forEach((a) => walk(a, f));
      break;
    case "not":
      walk(e.arg, f);
      break;
    case "op":
      walk(e.left, f);
      walk(e.right, f);
      break;
    case "in":
      walk(e.expr, f);
      e.list.forEach((a) => walk(a, f));
      break;
    case "between":
      walk(e.expr, f);
      walk(e.low, f);
      walk(e.high, f);
      break;
    case "isnull":
    case "cast":
      walk(e.expr, f);
      break;
    case "match":
      walk(e.expr, f);
      walk(e.pattern, f);
      break;
    case "call":
      e.args.forEach((a) => walk(a, f));
      break;
  }
}

function collectColumns(e: Expr, out: string[]): void {
  walk(e, (x) => {
    if (x.k === "col" && !out.includes(x.name)) out.push(x.name);
  });
}

// ---------------------------------------------------------------- MySQL / SQLite -> PostgreSQL

class Untranslatable extends Error {}

/** Functions PostgreSQL has under the same meaning; LENGTH differs by dialect (MySQL counts bytes). */
const SAME_FUNCTIONS = new Set(["char_length", "character_length", "octet_length", "trim", "ltrim", "rtrim", "lower", "upper", "abs", "round", "floor", "ceil", "ceiling", "coalesce", "now", "current_timestamp", "current_date"]);

const PG_RESERVED = new Set([
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
  "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
  "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
  "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
  "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
  "when", "where", "window", "with", "between", "like", "ilike", "is", "isnull", "notnull", "similar", "verbose", "overlaps", "natural", "join",
]);

export function pgIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PG_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function pgString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Binding strength in PostgreSQL's grammar: an operand weaker than its place needs parentheses. */
function level(e: Expr): number {
  switch (e.k) {
    case "or":
      return 1;
    case "and":
      return 2;
    case "not":
      return 3;
    case "in":
    case "between":
    case "isnull":
    case "match":
      return 4;
    case "op":
      return ["*", "/", "%"].includes(e.op) ? 7 : ["+", "-"].includes(e.op) ? 6 : e.op === "||" ? 5 : 4;
    default:
      return 8;
  }
}

/** Expr -> PostgreSQL text, with parentheses only where PostgreSQL's precedence needs them. */
function printPg(e: Expr, dialect: "mysql" | "sqlite"): string {
  const at = (x: Expr, min: number) => (level(x) >= min ? printPg(x, dialect) : `(${printPg(x, dialect)})`);
  // Comparisons take arithmetic operands bare; anything weaker in parentheses.
  const operand = (x: Expr) => at(x, 5);
  switch (e.k) {
    case "col":
      return pgIdentifier(e.name);
    case "num":
      return e.text;
    case "str":
      return pgString(e.value);
    case "bool":
      return e.value ? "TRUE" : "FALSE";
    case "null":
      return "NULL";
    case "and":
    case "or":
      return e.args.map((a) => at(a, level(e) + 1)).join(e.k === "and" ? " AND " : " OR ");
    case "not":
      return `NOT ${at(e.arg, 4)}`;
    case "op": {
      const l = level(e);
      return l === 4 ? `${operand(e.left)} ${e.op} ${operand(e.right)}` : `${at(e.left, l)} ${e.op} ${at(e.right, l + 1)}`;
    }
    case "in":
      return `${operand(e.expr)} ${e.not ? "NOT IN" : "IN"} (${e.list.map((x) => printPg(x, dialect)).join(", ")})`;
    case "between":
      return `${operand(e.expr)} ${e.not ? "NOT BETWEEN" : "BETWEEN"} ${operand(e.low)} AND ${operand(e.high)}`;
    case "isnull":
      return `${operand(e.expr)} IS ${e.not ? "NOT " : ""}NULL`;
    case "match": {
      if (e.how === "glob") {
        if (e.pattern.k !== "str") throw new Untranslatable("GLOB with a pattern that is not a string has no PostgreSQL translation");
        return `${operand(e.expr)} ${e.not ? "!~" : "~"} ${pgString(globToRegex(e.pattern.value))}`;
      }
      // MySQL compares case-insensitively under its default collations, and so does SQLite's LIKE (for ASCII).
      if (e.how === "like" || e.how === "ilike") {
        const esc = e.escape !== undefined ? ` ESCAPE ${pgString(e.escape)}` : dialect === "sqlite" ? " ESCAPE ''" : "";
        return `${operand(e.expr)} ${e.not ? "NOT ILIKE" : "ILIKE"} ${operand(e.pattern)}${esc}`;
      }
      const ci = dialect === "mysql" || e.how === "iregex";
      return `${operand(e.expr)} ${e.not ? "!" : ""}${ci ? "~*" : "~"} ${operand(e.pattern)}`;
    }
    case "call": {
      let name = e.name;
      if (name === "length") name = dialect === "mysql" ? "octet_length" : "char_length";
      else if (name === "ifnull") name = "coalesce";
      else if (!SAME_FUNCTIONS.has(name)) throw new Untranslatable(`function ${e.name}() has no PostgreSQL translation`);
      if (e.args.length === 0 && (name === "current_timestamp" || name === "current_date")) return name.toUpperCase();
      return `${name}(${e.args.map((a) => printPg(a, dialect)).join(", ")})`;
    }
    case "cast":
      throw new Untranslatable(`CAST to ${e.type || "a type"} has no PostgreSQL translation`);
    case "other":
      throw new Untranslatable(`${e.what} has no PostgreSQL translation`);
  }
}

/** SQLite GLOB pattern -> an anchored regex (case-sensitive, like GLOB). */
function globToRegex(glob: string): string {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) out += "\\[";
      else {
        const set = glob.slice(i + 1, close);
        out += `[${set.startsWith("^") ? "^" + escapeClass(set.slice(1)) : escapeClass(set)}]`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return out + "$";
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]]/g, (c) => `\\${c}`);
}

// ---------------------------------------------------------------- rules

function unwrap(e: Expr): Expr {
  let x = e;
  while (x.k === "cast") x = x.expr;
  return x;
}

const FLIP: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "<>": "<>" };
const ORDER_OPS = new Set([">", ">=", "<", "<="]);

/** The column of a length function: char_length(x), length(trim(x)), octet_length(x). */
function lengthOf(e: Expr, dialect: SqlDialect): { column: string; trim: boolean; bytes: boolean } | null {
  const x = unwrap(e);
  if (x.k !== "call" || x.args.length !== 1) return null;
  const chars = ["char_length", "character_length"].includes(x.name) || (x.name === "length" && dialect !== "mysql");
  const bytes = x.name === "octet_length" || (x.name === "length" && dialect === "mysql");
  if (!chars && !bytes) return null;
  const inner = trimmedColumn(x.args[0]!);
  return inner ? { column: inner.column, trim: inner.trim, bytes } : null;
}

/** x, or trim(x) / btrim(x) with one argument. */
function trimmedColumn(e: Expr): { column: string; trim: boolean } | null {
  const x = unwrap(e);
  if (x.k === "col") return { column: x.name, trim: false };
  if (x.k === "call" && (x.name === "trim" || x.name === "btrim") && x.args.length === 1) {
    const c = unwrap(x.args[0]!);
    if (c.k === "col") return { column: c.name, trim: true };
  }
  return null;
}

function constant(e: Expr): string | number | null {
  const x = unwrap(e);
  return x.k === "str" ? x.value : x.k === "num" ? x.value : null;
}

function conjuncts(e: Expr): Expr[] {
  return e.k === "and" ? e.args.flatMap(conjuncts) : [e];
}

function disjuncts(e: Expr): Expr[] {
  return e.k === "or" ? e.args.flatMap(disjuncts) : [e];
}

interface RuleReading {
  readonly rules: CheckRule[];
  /** Every part became rules. */
  readonly complete: boolean;
}

const NOT_UNDERSTOOD: RuleReading = { rules: [], complete: false };

function rulesOf(e: Expr, dialect: SqlDialect): RuleReading {
  return ruleOf(e, dialect);
}

/**
 * The rules an expression amounts to. Each rule is a condition every non-null value must
 * meet; a part not understood adds none and makes the reading incomplete (the rules kept
 * are still each necessary, so the validator never refuses what the database accepts).
 */
function ruleOf(e: Expr, dialect: SqlDialect): RuleReading {
  const one = (r: CheckRule[] | null): RuleReading => (r ? { rules: r, complete: true } : NOT_UNDERSTOOD);
  switch (e.k) {
    case "and": {
      const all = conjuncts(e).map((c) => ruleOf(c, dialect));
      return { rules: all.flatMap((r) => r.rules), complete: all.every((r) => r.complete) };
    }
    case "or":
      return orRules(disjuncts(e), dialect);
    case "isnull": {
      const x = unwrap(e.expr);
      return one(e.not && x.k === "col" ? [{ kind: "not-null", column: x.name }] : null);
    }
    case "in": {
      const x = unwrap(e.expr);
      const values = e.list.map(constant);
      if (e.not || x.k !== "col" || values.some((v) => v === null)) return NOT_UNDERSTOOD;
      return one([{ kind: "enum", column: x.name, values: values as (string | number)[] }]);
    }
    case "between": {
      if (e.not) return NOT_UNDERSTOOD;
      const lo = constant(e.low);
      const hi = constant(e.high);
      if (typeof lo !== "number" || typeof hi !== "number") return NOT_UNDERSTOOD;
      const x = unwrap(e.expr);
      if (x.k === "col") return one([{ kind: "range", column: x.name, op: ">=", value: lo }, { kind: "range", column: x.name, op: "<=", value: hi }]);
      const len = lengthOf(x, dialect);
      return one(len ? [lengthRule(len, ">=", lo), lengthRule(len, "<=", hi)] : null);
    }
    case "match":
      return one(matchRule(e, dialect));
    case "op":
      return one(compareRule(e, dialect));
    default:
      return NOT_UNDERSTOOD;
  }
}

function lengthRule(len: { column: string; trim: boolean; bytes: boolean }, op: CompareOp | "=", value: number): CheckRule {
  return { kind: "length", column: len.column, op, value, ...(len.trim ? { trim: true as const } : {}), ...(len.bytes ? { bytes: true as const } : {}) };
}

function compareRule(e: Extract<Expr, { k: "op" }>, dialect: SqlDialect): CheckRule[] | null {
  if (!FLIP[e.op]) return null;
  // Put the column (or the function of one) on the left.
  let left = unwrap(e.left);
  let right = unwrap(e.right);
  let op = e.op;
  if (constant(left) !== null && constant(right) === null) {
    [left, right] = [right, left];
    op = FLIP[op]!;
  }
  const value = constant(right);
  if (left.k === "col" && right.k === "col") {
    return [{ kind: "compare-columns", left: left.name, op: op as CompareOp | "<>" | "=", right: right.name }];
  }
  if (value === null) return null;
  if (left.k === "col") {
    if (op === "=") return [{ kind: "enum", column: left.name, values: [value] }];
    if (typeof value === "number" && ORDER_OPS.has(op)) return [{ kind: "range", column: left.name, op: op as CompareOp, value }];
    if (op === "<>" && value === "") return [{ kind: "not-empty", column: left.name }];
    return null;
  }
  const len = lengthOf(left, dialect);
  if (len && typeof value === "number" && (ORDER_OPS.has(op) || op === "=")) return [lengthRule(len, op as CompareOp | "=", value)];
  const trimmed = trimmedColumn(left);
  if (trimmed?.trim && op === "<>" && value === "") return [{ kind: "not-empty", column: trimmed.column, trim: true }];
  return null;
}

/** x = 'a' OR x = 'b' (an enum); x IS NULL OR <rules on x> (the rules: NULL passes them anyway). */
function orRules(parts: readonly Expr[], dialect: SqlDialect): RuleReading {
  const nullCols = new Set<string>();
  const rest: Expr[] = [];
  for (const p of parts) {
    const x = p.k === "isnull" && !p.not ? unwrap(p.expr) : null;
    if (x?.k === "col") nullCols.add(x.name);
    else rest.push(p);
  }
  if (rest.length === 0) return NOT_UNDERSTOOD;
  let reading: RuleReading;
  if (rest.length === 1) reading = ruleOf(rest[0]!, dialect);
  else {
    // Every part an equality or IN on one column: an enum.
    const values: (string | number)[] = [];
    let column: string | null = null;
    for (const p of rest) {
      const r = ruleOf(p, dialect);
      const rule = r.rules[0];
      if (!r.complete || r.rules.length !== 1 || rule?.kind !== "enum" || (column !== null && rule.column !== column)) return NOT_UNDERSTOOD;
      column = rule.column;
      values.push(...rule.values.filter((v) => !values.includes(v)));
    }
    reading = { rules: [{ kind: "enum", column: column!, values }], complete: true };
  }
  if (nullCols.size === 0) return reading;
  // With `x IS NULL OR ...` a rule must be about x to hold whenever x has a value; a rule on
  // another column alone would only hold when x is not null, which no rule can say.
  const about = (r: CheckRule) => (r.kind === "compare-columns" ? nullCols.has(r.left) || nullCols.has(r.right) : nullCols.has(r.column));
  const kept = reading.rules.filter((r) => about(r) && r.kind !== "not-null");
  const dropped = reading.rules.some((r) => !about(r));
  return { rules: kept, complete: reading.complete && !dropped };
}

function matchRule(e: Extract<Expr, { k: "match" }>, dialect: SqlDialect): CheckRule[] | null {
  const x = unwrap(e.expr);
  const pat = unwrap(e.pattern);
  if (e.not || x.k !== "col" || pat.k !== "str") return null;
  let regex: string | null;
  let ci: boolean;
  if (e.how === "like" || e.how === "ilike") {
    // LIKE in MySQL and SQLite compares case-insensitively (default collations; ASCII).
    regex = likeToRegex(pat.value, e.escape ?? (dialect === "sqlite" ? "" : "\\"));
    ci = e.how === "ilike" || dialect !== "postgresql";
  } else if (e.how === "glob") {
    regex = globToRegex(pat.value);
    ci = false;
  } else {
    regex = portableRegex(pat.value);
    ci = e.how === "iregex" || dialect === "mysql";
  }
  if (regex === null) return null;
  const flags = ci ? "is" : "s";
  try {
    new RegExp(regex, flags);
  } catch {
    return null;
  }
  return [{ kind: "pattern", column: x.name, regex, flags }];
}

/** A LIKE pattern -> an anchored regex; `escape` "" for none. */
function likeToRegex(like: string, escape: string): string {
  let out = "^";
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (escape && c === escape && i + 1 < like.length) out += escapeRegex(like[++i]!);
    else if (c === "%") out += ".*";
    else if (c === "_") out += ".";
    else out += escapeRegex(c);
  }
  return out + "$";
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: "\\s", xdigit: "0-9A-Fa-f", word: "\\w",
  punct: "!-\\/:-@\\[-`{-~", blank: " \\t",
};

/**
 * A PostgreSQL or MySQL regex as JavaScript reads it the same way, or null: POSIX classes
 * ([[:alpha:]]) are spelled out, and only escapes both read alike are kept (PostgreSQL's \m,
 * \y or \A mean nothing or something else in JavaScript).
 */
function portableRegex(re: string): string | null {
  if (re.startsWith("***") || /\(\?[a-z]/i.test(re)) return null;
  let out = "";
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\") {
      const d = re[i + 1];
      if (d === undefined || !/[dDwWsSntr.\\/^$*+?()[\]{}|-]/.test(d)) return null;
      out += c + d;
      i++;
    } else if (inClass && c === "[" && re[i + 1] === ":") {
      const m = /^\[:([a-z]+):\]/.exec(re.slice(i));
      const cls = m ? POSIX_CLASSES[m[1]!] : undefined;
      if (!m || cls === undefined) return null;
      out += cls;
      i += m[0].length - 1;
    } else if (!inClass && c === "[") {
      inClass = true;
      out += c;
      // A "]" first in the class (after an optional "^") is a member, not the end.
      if (re[i + 1] === "^") out += re[++i];
      if (re[i + 1] === "]") {
        out += "\\]";
        i++;
      }
    } else {
      if (inClass && c === "]") inClass = false;
      out += c;
    }
  }
  return inClass ? null : out;
}
