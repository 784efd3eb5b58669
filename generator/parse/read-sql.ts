// The SQL DDL reader: CREATE TABLE / CREATE INDEX / ALTER TABLE ... ADD / CREATE TYPE ... AS
// ENUM, in PostgreSQL, MySQL and SQLite, read by real parsers.
//
// Which parser, by measurement on every SQL block of the corpus and the repository:
// PostgreSQL's own (libpg-query, WASM; 173 of 174 PostgreSQL DDL statements, where
// node-sql-parser's PostgreSQL build parses 170 and fails on plain PostgreSQL such as
// ALTER TABLE ... ENABLE ROW LEVEL SECURITY) for PostgreSQL and for CHECK expressions;
// node-sql-parser's per-dialect builds (~15-20 ms to load each, against ~70 ms for its full
// build) for MySQL (18 of 18) and SQLite. The dialect of a statement comes from its text (backticks, ENGINE=,
// AUTO_INCREMENT, ENUM( -> MySQL; AUTOINCREMENT, WITHOUT ROWID -> SQLite), else from the
// fence's language, else from the other statements of the block, else PostgreSQL; when
// that parser rejects a statement the others are tried.
//
// The parser decides what each piece is; positions come from a small lexer over the
// block (libpg-query gives byte offsets for most nodes, node-sql-parser gives positions for
// column references only in MySQL and none in SQLite), so that every text kept is a slice
// of the block and carries the line:column it was written at.
//
// A statement no parser accepts is one SF113 warning at its first character. A CREATE
// TABLE is then read element by element (a column that one stray word spoils, such as
// `DATE NULLABLE`, keeps that word as a constraint phrase for the IR builder to judge), so
// that one slip does not hide a table a person can plainly see.
//
// No parser is imported at the top: a spec without SQL loads none. loadSqlReader loads
// libpg-query; a node-sql-parser build is required the first time a block needs it.
import { createRequire } from "node:module";
import type { Diagnostic } from "../base/diagnostics.js";
import { snakeCase } from "../base/naming.js";
import type { Span } from "../base/span.js";
import type { BlockContext, BlockReader, ReaderNote, ReaderResult, SourceBlock } from "./block.js";
import type { RawCheck, RawColumn, RawEnum, RawIndex, RawTable, RawText } from "./raw.js";

export type SqlDialect = "postgresql" | "mysql" | "sqlite";

// ---------------------------------------------------------------- lexer

export interface SqlToken {
  /** "end" ends a statement (";" or a MySQL client DELIMITER). */
  readonly kind: "word" | "qident" | "string" | "number" | "op" | "punct" | "end";
  /** The token as written. */
  readonly text: string;
  /** Words as written; quoted identifiers and strings unquoted and unescaped. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The first token on its line. */
  readonly lineStart: boolean;
}

export interface LexOptions {
  /** MySQL: `#` comments anywhere, backslash escapes in strings, no dollar quotes. */
  readonly mysql?: boolean;
}

const OP_CHARS = "+-*/<>=~!@#%^&|?:";

/** Tokens of SQL text; comments and white space are skipped, unterminated quotes run to the end. */
export function lexSql(text: string, options: LexOptions = {}): SqlToken[] {
  const mysql = options.mysql ?? false;
  const out: SqlToken[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  let delimiter = ";";
  const push = (kind: SqlToken["kind"], start: number, end: number, value?: string) => {
    const t = text.slice(start, end);
    out.push({ kind, text: t, value: value ?? t, start, end, lineStart });
    lineStart = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === "\n") {
      lineStart = true;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0") {
      i++;
      continue;
    }
    if (lineStart && (c === "d" || c === "D")) {
      // A MySQL client command, not SQL: `DELIMITER //` ... `//`.
      const m = /delimiter[ \t]+([^\s\w]+)[ \t]*(?=\r?\n|$)/iy;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r) {
        push("end", i, m.lastIndex, "");
        delimiter = r[1]!;
        i = m.lastIndex;
        continue;
      }
    }
    if (delimiter !== ";" && text.startsWith(delimiter, i)) {
      push("end", i, i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    const d = text[i + 1];
    if (c === "-" && d === "-") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "#" && (mysql || lineStart)) {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && d === "*") {
      let depth = 0;
      while (i < n) {
        if (text[i] === "/" && text[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (text[i] === "*" && text[i + 1] === "/") {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
      continue;
    }
    const start = i;
    // Strings, with an optional one-letter prefix (E'..', N'..', B'..', X'..').
    const prefixed = /[EeNnBbXx]/.test(c) && d === "'" && !isIdentChar(text[i - 1]);
    if (c === "'" || prefixed) {
      const backslash = mysql || ((c === "E" || c === "e") && prefixed);
      i = prefixed ? i + 2 : i + 1;
      let value = "";
      while (i < n) {
        const ch = text[i]!;
        if (backslash && ch === "\\" && i + 1 < n) {
          value += unescapeChar(text[i + 1]!);
          i += 2;
        } else if (ch === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      push("string", start, i, value);
      continue;
    }
    if (c === "$" && !mysql && !isIdentChar(text[i - 1])) {
      const m = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r) {
        const close = text.indexOf(r[0], m.lastIndex);
        const end = close < 0 ? n : close + r[0].length;
        push("string", start, end, text.slice(m.lastIndex, close < 0 ? n : close));
        i = end;
        continue;
      }
    }
    if (c === '"' || c === "`") {
      i++;
      let value = "";
      while (i < n) {
        if (text[i] === c && text[i + 1] === c) {
          value += c;
          i += 2;
        } else if (text[i] === c) {
          i++;
          break;
        } else value += text[i++];
      }
      push("qident", start, i, value);
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(d ?? ""))) {
      const m = /[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?/y;
      m.lastIndex = i;
      m.exec(text);
      i = Math.max(m.lastIndex, i + 1);
      push("number", start, i);
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentChar(text[i])) i++;
      push("word", start, i);
      continue;
    }
    if (c === ";" && delimiter === ";") {
      push("end", i, i + 1);
      i++;
      continue;
    }
    if ("(),;.[]{}".includes(c)) {
      push("punct", i, i + 1);
      i++;
      continue;
    }
    if (OP_CHARS.includes(c) || c === "$") {
      i++;
      while (i < n && OP_CHARS.includes(text[i]!) && !text.startsWith("--", i) && !text.startsWith("/*", i)) i++;
      if (c === "$") while (i < n && /[0-9]/.test(text[i]!)) i++; // $1 parameters
      push("op", start, i);
      continue;
    }
    push("op", i, i + 1); // anything else: one character
    i++;
  }
  return out;
}

function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80);
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80);
}

function unescapeChar(c: string): string {
  return c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c;
}

// ---------------------------------------------------------------- statements

export interface SqlStatement {
  /** Offset of the first token (comments before it are not part of the statement). */
  readonly start: number;
  /** Offset just after the last token (the terminating ";" is not part of it). */
  readonly end: number;
  readonly tokens: readonly SqlToken[];
}

type StatementKind = "table" | "index" | "alter" | "type" | "constraint" | "other";

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

function lower(t: SqlToken | undefined): string {
  return t?.kind === "word" ? t.value.toLowerCase() : "";
}

function statementKind(ts: readonly SqlToken[]): StatementKind {
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

// ---------------------------------------------------------------- dialects

const FENCE_DIALECT: Record<string, SqlDialect> = {
  mysql: "mysql",
  mariadb: "mysql",
  sqlite: "sqlite",
  sqlite3: "sqlite",
  postgres: "postgresql",
  postgresql: "postgresql",
  psql: "postgresql",
  pgsql: "postgresql",
  plpgsql: "postgresql",
};

/** The dialect a fence names ("mysql", "sqlite3 title=x"), if any. */
function fenceDialect(lang: string): SqlDialect | undefined {
  return FENCE_DIALECT[lang.trim().toLowerCase().split(/\s+/)[0] ?? ""];
}

/** The dialect a statement's own text gives away, if any. */
export function dialectMarkers(ts: readonly SqlToken[]): SqlDialect | null {
  for (let k = 0; k < ts.length; k++) {
    const t = ts[k]!;
    if (t.kind === "qident" && t.text.startsWith("`")) return "mysql";
    const w = lower(t);
    if (!w) continue;
    const next = ts[k + 1];
    if (w === "auto_increment" || w === "unsigned" || w === "zerofill") return "mysql";
    if ((w === "engine" || w === "charset") && (next?.text === "=" || ts[k - 1]?.text === ")" || lower(ts[k - 1]) === "default")) return "mysql";
    if (w === "enum" && next?.text === "(") return "mysql";
    if (w === "on" && lower(next) === "update" && /^current_timestamp$|^now$/.test(lower(ts[k + 2]))) return "mysql";
    if (w === "autoincrement") return "sqlite";
    if (w === "without" && lower(next) === "rowid") return "sqlite";
  }
  return null;
}

function blockDialect(block: Pick<SourceBlock, "lang">, statements: readonly SqlStatement[]): SqlDialect {
  const byFence = fenceDialect(block.lang);
  if (byFence) return byFence;
  for (const s of statements) {
    const d = dialectMarkers(s.tokens);
    if (d) return d;
  }
  return "postgresql";
}

const MYSQL_HINT = /`|\bengine\s*=|\bauto_increment\b|\benum\s*\(/i;

// ---------------------------------------------------------------- parsers

/** What the parts of libpg-query and node-sql-parser used here look like. */
// The parsers' trees are plain JSON; they are read by field name, as their docs describe.
type Node = any;

interface PgModule {
  parseSync(query: string): { stmts?: { stmt?: Node }[] };
}

interface NspParser {
  astify(sql: string, options: { database: string; parseOptions?: { includeLocations?: boolean } }): Node;
}

let pgModule: PgModule | null = null;
const nspParsers: Partial<Record<"mysql" | "sqlite", NspParser>> = {};

/** libpg-query, loaded once (its WASM is instantiated on import). */
export async function loadPostgresParser(): Promise<PgModule> {
  if (!pgModule) {
    const mod = (await import("libpg-query")) as unknown as PgModule & { loadModule(): Promise<void> };
    await mod.loadModule();
    pgModule = mod;
  }
  return pgModule;
}

/** The parsers this process has loaded so far (for benchmarks and tests: a spec without SQL loads none). */
export function loadedSqlParsers(): string[] {
  return [...(pgModule ? ["libpg-query"] : []), ...Object.keys(nspParsers).sort().map((d) => `node-sql-parser/${d}`)];
}

/** A node-sql-parser dialect build: CommonJS, so it can be loaded synchronously when first needed. */
function nspParser(dialect: "mysql" | "sqlite"): NspParser {
  let p = nspParsers[dialect];
  if (!p) {
    const require = createRequire(import.meta.url);
    const mod = require(`node-sql-parser/build/${dialect}`) as { Parser: new () => NspParser };
    p = new mod.Parser();
    nspParsers[dialect] = p;
  }
  return p;
}

/** Byte offset (libpg-query's `location`) -> string offset, for a text with non-ASCII characters. */
function byteToChar(text: string): (byte: number) => number {
  if (!/[^\x00-\x7f]/.test(text)) return (b) => b;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) map.push(i);
    if (cp > 0xffff) i++;
  }
  map.push(text.length);
  return (b) => map[b] ?? text.length;
}

type Parsed =
  | { readonly dialect: "postgresql"; readonly stmt: Node; /** block offset of a node location */ readonly at: (loc: number | undefined) => number }
  | { readonly dialect: "mysql" | "sqlite"; readonly ast: Node };

interface ParseFailure {
  readonly message: string;
  /** Block offset the parser complained at. */
  readonly at: number;
}

/** Parses `text`, whose first character is at block offset `base` (negative for a probe's made-up prefix). */
function parseAs(dialect: SqlDialect, text: string, base: number): Parsed | ParseFailure {
  if (dialect === "postgresql") {
    try {
      const r = pgModule!.parseSync(text);
      const stmt = r.stmts?.[0]?.stmt;
      if (!stmt || (r.stmts?.length ?? 0) !== 1) return { message: "not one statement", at: base };
      const toChar = byteToChar(text);
      return { dialect, stmt, at: (loc) => base + toChar(loc ?? 0) };
    } catch (e) {
      const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
      return { message: details?.message ?? String((e as Error).message), at: base + (details?.cursorPosition ?? 0) };
    }
  }
  try {
    // No includeLocations: it gives positions for column references only (MySQL) or none
    // (SQLite), and the lexer positions every piece anyway.
    const ast = nspParser(dialect).astify(text, { database: dialect });
    const one = Array.isArray(ast) ? (ast.length === 1 ? ast[0] : null) : ast;
    if (!one) return { message: "not one statement", at: base };
    return { dialect, ast: one };
  } catch (e) {
    const loc = (e as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    const found = (e as { found?: string | null }).found;
    const message = found === undefined ? String((e as Error).message).slice(0, 120) : found === null ? "unexpected end of statement" : `syntax error at or near "${found}"`;
    return { message, at: base + (loc ?? 0) };
  }
}

function isFailure(p: Parsed | ParseFailure): p is ParseFailure {
  return "message" in p;
}

/** The parsers to try, the statement's own dialect first (PostgreSQL's only when it was loaded). */
function dialectOrder(primary: SqlDialect): SqlDialect[] {
  const all: SqlDialect[] = primary === "postgresql" ? ["postgresql", "mysql", "sqlite"] : primary === "mysql" ? ["mysql", "postgresql", "sqlite"] : ["sqlite", "postgresql", "mysql"];
  return pgModule ? all : all.filter((d) => d !== "postgresql");
}

const DIALECT_NAME: Record<SqlDialect, string> = { postgresql: "PostgreSQL", mysql: "MySQL", sqlite: "SQLite" };

// ---------------------------------------------------------------- token helpers

/** `text` with what lies between tokens and is not white space (comments) turned to spaces, line breaks kept. */
function blankComments(text: string, tokens: readonly SqlToken[]): string {
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
function closeOf(ts: readonly SqlToken[], open: number): number {
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
function splitCommas(ts: readonly SqlToken[]): SqlToken[][] {
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

function isName(t: SqlToken | undefined): t is SqlToken {
  return t !== undefined && (t.kind === "word" || t.kind === "qident");
}

/** `name` or `schema.name` starting at `i`: the last part and the index after it. */
function qualifiedName(ts: readonly SqlToken[], i: number): { tok: SqlToken; next: number } | null {
  let tok = ts[i];
  if (!isName(tok)) return null;
  let next = i + 1;
  while (ts[next]?.text === "." && isName(ts[next + 1])) {
    tok = ts[next + 1]!;
    next += 2;
  }
  return { tok, next };
}

function skipIfExists(ts: readonly SqlToken[], i: number): number {
  if (lower(ts[i]) === "if" && lower(ts[i + 1]) === "not" && lower(ts[i + 2]) === "exists") return i + 3;
  if (lower(ts[i]) === "if" && lower(ts[i + 1]) === "exists") return i + 2;
  return i;
}

/** The first "(" at depth 0 from `from`, with its group's comma-separated parts. */
function groupAfter(ts: readonly SqlToken[], from: number): { open: number; close: number; parts: SqlToken[][] } | null {
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

function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}

function sameName(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

// ---------------------------------------------------------------- the reader

export interface SqlReaderOptions {
  /**
   * The dialects the spec's blocks are in (sqlDialectsOf); PostgreSQL's parser (~70 ms to
   * load) is loaded only when it is one of them. Default: all three.
   */
  readonly dialects?: readonly SqlDialect[];
}

/**
 * The SQL block reader, with its parsers loaded: libpg-query now (its WASM loads
 * asynchronously), a node-sql-parser build the first time a MySQL or SQLite statement needs it.
 */
export async function loadSqlReader(options: SqlReaderOptions = {}): Promise<BlockReader> {
  if (!options.dialects || options.dialects.includes("postgresql")) await loadPostgresParser();
  return (block, context) => new SqlBlockReader(block, context).read();
}

/** The dialects the reader will parse a block's statements in first (what loadSqlReader needs loaded). */
export function sqlDialectsOf(block: Pick<SourceBlock, "text" | "lang">): SqlDialect[] {
  const mysqlish = fenceDialect(block.lang) === "mysql" || MYSQL_HINT.test(block.text);
  const statements = splitSqlStatements(lexSql(block.text, { mysql: mysqlish })).filter((s) => statementKind(s.tokens) !== "other");
  const primary = blockDialect(block, statements);
  const out = new Set<SqlDialect>();
  for (const s of statements) out.add(dialectMarkers(s.tokens) ?? primary);
  return [...out].sort();
}

interface ColumnDraft {
  name: RawText;
  type: RawText;
  constraints: { raw: RawText; at: number }[];
  description?: string;
}

class TableDraft {
  readonly columns: ColumnDraft[] = [];
  readonly indexes: RawIndex[] = [];
  readonly checks: RawCheck[] = [];
  description?: string;
  constructor(
    readonly name: RawText,
    readonly fragment: boolean,
  ) {}

  column(name: string): ColumnDraft | undefined {
    return this.columns.find((c) => c.name.text === name) ?? this.columns.find((c) => sameName(c.name.text, name));
  }

  done(): RawTable {
    return {
      name: this.name,
      columns: this.columns.map((c): RawColumn => ({
        name: c.name,
        type: c.type,
        constraints: [...c.constraints].sort((a, b) => a.at - b.at).map((x) => x.raw),
        ...(c.description ? { description: c.description } : {}),
      })),
      indexes: this.indexes,
      ...(this.checks.length ? { checks: this.checks } : {}),
      ...(this.description ? { description: this.description } : {}),
      notation: "sql",
      ...(this.fragment ? { fragment: true } : {}),
    };
  }
}

/** What a table-level element is, as its parser says. */
interface KeyInfo {
  readonly kind: "primary" | "unique" | "index" | "fulltext" | "foreign" | "check" | "other";
  readonly name?: string;
}

/** A column element: its tokens and where its pieces start, as its parser says. */
interface ColumnInfo {
  /** Token index where the type ends (exclusive) and phrase starts (token indexes, ascending). */
  readonly typeEnd: number;
  readonly phrases: readonly { readonly from: number; readonly to: number; readonly kind?: string }[];
  /** MySQL ENUM('a','b') / SET(...) values, read by the parser. */
  readonly enumValues?: readonly string[];
  readonly description?: string;
  /** The column has no type (SQLite allows it). */
  readonly untyped?: boolean;
}

class SqlBlockReader {
  private readonly text: string;
  /** The text with its comments blanked (same offsets): what the parsers are given, so `#` comments pass everywhere. */
  private clean = "";
  private readonly tables: RawTable[] = [];
  private readonly indexes: RawIndex[] = [];
  private readonly enums: RawEnum[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly notes: ReaderNote[] = [];
  private primary: SqlDialect = "postgresql";

  constructor(
    private readonly block: SourceBlock,
    private readonly context: BlockContext,
  ) {
    this.text = block.text;
  }

  read(): ReaderResult {
    const mysqlish = fenceDialect(this.block.lang) === "mysql" || MYSQL_HINT.test(this.text);
    const tokens = lexSql(this.text, { mysql: mysqlish });
    this.clean = blankComments(this.text, tokens);
    const statements = splitSqlStatements(tokens);
    this.primary = blockDialect(this.block, statements);
    for (const st of statements) {
      const kind = statementKind(st.tokens);
      if (kind === "other") continue; // functions, triggers, views, INSERT, GRANT...: not ours
      if (kind === "constraint") {
        if (this.context.sectionTable) this.sectionConstraints(st, this.context.sectionTable);
        continue;
      }
      this.statement(st, kind);
    }
    return { tables: this.tables, indexes: this.indexes, enums: this.enums, diagnostics: this.diagnostics, notes: this.notes };
  }

  // -------------------------------------------------------------- positions and texts

  private span(offset: number): Span {
    return this.block.at(offset);
  }

  private raw(start: number, end: number): RawText {
    return { text: this.clean.slice(start, end), span: this.span(start) };
  }

  /** A name token's text (unquoted) at its first character (inside the quotes). */
  private rawName(t: SqlToken): RawText {
    return t.kind === "qident" ? { text: t.value, span: this.span(t.start + 1) } : { text: t.value, span: this.span(t.start) };
  }

  /**
   * The text from the first token to the last, with comments between them blanked (same
   * length, line breaks kept): a phrase split by `-- note` reads as one, at the same offsets.
   */
  private tokensText(ts: readonly SqlToken[]): RawText {
    return { text: this.clean.slice(ts[0]!.start, ts[ts.length - 1]!.end), span: this.span(ts[0]!.start) };
  }

  private warn(message: string, offset: number, hint?: string): void {
    this.diagnostics.push({ severity: "warning", code: "SF113", message, span: this.span(offset), ...(hint ? { hint } : {}) });
  }

  private note(message: string, offset: number): void {
    this.notes.push({ span: this.span(offset), message });
  }

  // -------------------------------------------------------------- statements

  private statement(st: SqlStatement, kind: StatementKind): void {
    const own = dialectMarkers(st.tokens) ?? this.primary;
    const text = this.clean.slice(st.start, st.end);
    let first: ParseFailure | null = null;
    for (const dialect of dialectOrder(own)) {
      const p = parseAs(dialect, text, st.start);
      if (!isFailure(p)) {
        this.parsed(st, p);
        return;
      }
      first ??= p;
    }
    const failure = first!;
    const where = this.span(failure.at);
    const message = `${short(st.tokens.slice(0, 3).map((t) => t.text).join(" "))}... is not valid ${DIALECT_NAME[own]} (${failure.message}, line ${where.line} column ${where.column})`;
    if (kind === "table") {
      const salvaged = this.salvageTable(st, own);
      this.warn(message, st.start, salvaged);
      return;
    }
    this.warn(message, st.start, "the statement is ignored; fix it so that it parses");
  }

  private parsed(st: SqlStatement, p: Parsed): void {
    if (p.dialect === "postgresql") {
      const [type, node] = Object.entries(p.stmt as Record<string, Node>)[0] ?? [];
      if (type === "CreateStmt") this.pgCreateTable(st, node, p);
      else if (type === "IndexStmt") this.pgCreateIndex(st, node);
      else if (type === "AlterTableStmt") this.pgAlterTable(st, node, p);
      else if (type === "CreateEnumStmt") this.pgCreateEnum(st);
      else if (type === "CreateTableAsStmt") this.warn("CREATE TABLE ... AS has no column list; the table is not read", st.start, "write the columns out");
      return;
    }
    const ast = p.ast;
    if (ast.type === "create" && ast.keyword === "table") this.nspCreateTable(st, ast, p.dialect);
    else if (ast.type === "create" && ast.keyword === "index") {
      if (String(ast.index_type).toLowerCase() === "fulltext") {
        this.note("a FULLTEXT index is not migrated: PostgreSQL searches text with a tsvector index, which the generator does not make", st.start);
      } else this.createIndex(st, String(ast.index_type).toLowerCase() === "unique", ast.where != null);
    }
    else if (ast.type === "alter") this.nspAlterTable(st, ast, p.dialect);
  }

  // -------------------------------------------------------------- CREATE TABLE

  /** CREATE ... TABLE [IF NOT EXISTS] name ( elements ) */
  private tableHead(ts: readonly SqlToken[]): { name: SqlToken; open: number; close: number; elements: SqlToken[][] } | null {
    let i = ts.findIndex((t) => lower(t) === "table");
    if (i < 0) return null;
    i = skipIfExists(ts, i + 1);
    const q = qualifiedName(ts, i);
    if (!q) return null;
    if (ts[q.next]?.text !== "(") return null;
    const close = closeOf(ts, q.next);
    if (close < 0) return null;
    return { name: q.tok, open: q.next, close, elements: splitCommas(ts.slice(q.next + 1, close)) };
  }

  private newTable(nameTok: SqlToken, fragment: boolean): TableDraft {
    const n = this.rawName(nameTok);
    return new TableDraft({ text: tableName(n.text), span: n.span }, fragment);
  }

  private pgCreateTable(st: SqlStatement, node: Node, p: Parsed & { dialect: "postgresql" }): void {
    const head = this.tableHead(st.tokens);
    if (!head) {
      const name = qualifiedName(st.tokens, skipIfExists(st.tokens, st.tokens.findIndex((t) => lower(t) === "table") + 1));
      this.warn(`CREATE TABLE ${name?.tok.value ?? ""} has no column list; the table is not read`, name?.tok.start ?? st.start);
      return;
    }
    const table = this.newTable(head.name, false);
    const later: (() => void)[] = [];
    for (const elt of (node.tableElts ?? []) as Node[]) {
      const [type, def] = Object.entries(elt as Record<string, Node>)[0]!;
      const el = elementAt(head.elements, p.at(def.location));
      if (!el) continue;
      if (type === "ColumnDef") this.column(table, el, pgColumnInfo(el, def, p.at));
      else if (type === "Constraint") later.push(() => this.tableConstraint(table, el, pgKeyInfo(def), "postgresql"));
      else {
        // LIKE other_table and the like: no location of their own, so the element is found by its first word.
        const like = head.elements.find((e) => lower(e[0]) === "like") ?? el;
        this.warn(`"${short(this.tokensText(like).text)}" in table "${table.name.text}" is not supported; it is ignored`, like[0]!.start);
      }
    }
    for (const f of later) f();
    this.tables.push(table.done());
  }

  private nspCreateTable(st: SqlStatement, ast: Node, dialect: "mysql" | "sqlite"): void {
    const head = this.tableHead(st.tokens);
    if (!head || !Array.isArray(ast.create_definitions)) {
      this.warn("CREATE TABLE without a column list is not read", st.start, "write the columns out");
      return;
    }
    const table = this.newTable(head.name, false);
    this.nspElements(table, head.elements, ast.create_definitions, dialect);
    for (const o of (ast.table_options ?? []) as Node[]) {
      if (String(o?.keyword).toLowerCase() === "comment") table.description = unquote(String(o.value?.value ?? o.value));
    }
    this.tables.push(table.done());
  }

  /** node-sql-parser's definitions, one per element, in order. */
  private nspElements(table: TableDraft, elements: readonly SqlToken[][], defs: readonly Node[], dialect: "mysql" | "sqlite"): void {
    const later: (() => void)[] = [];
    defs.forEach((def, k) => {
      let el = elements[k];
      if (def.resource === "column") {
        const name = nspColumnName(def.column);
        if (!el || !isName(el[0]) || !sameName(el[0].value, name)) el = elements.find((e) => isName(e[0]) && sameName(e[0].value, name));
        if (el) this.column(table, el, nspColumnInfo(el, def));
      } else if (el) {
        const e = el;
        later.push(() => this.tableConstraint(table, e, nspKeyInfo(def), dialect));
      }
    });
    for (const f of later) f();
  }

  /** A column element read with what its parser says about it. */
  private column(table: TableDraft, el: readonly SqlToken[], info: ColumnInfo): void {
    const nameTok = el[0]!;
    const name = this.rawName(nameTok);
    if (info.untyped || info.typeEnd <= 1) {
      this.warn(`column "${name.text}" has no type; it is not read`, nameTok.start, "give the column a type");
      return;
    }
    let typeToks = el.slice(1, info.typeEnd);
    // A schema-qualified type (public.mood) is named by its last part, as CREATE TYPE names it.
    const dot = typeToks.findIndex((t) => t.text === "(" || t.text === "[");
    const head = dot < 0 ? typeToks : typeToks.slice(0, dot);
    const lastDot = head.map((t) => t.text).lastIndexOf(".");
    if (lastDot >= 0 && lastDot + 1 < typeToks.length) typeToks = typeToks.slice(lastDot + 1);
    const type: RawText = info.enumValues
      ? { text: `${lower(typeToks[0]) === "set" ? "set" : "enum"}(${info.enumValues.map(enumValueText).join(", ")})`, span: this.span(typeToks[0]!.start) }
      : this.tokensText(typeToks);
    // A comment after the column on its line ("status VARCHAR(20), -- pending, done") describes it
    // (the builder may read allowed values or limits from it).
    let description = info.description;
    if (description === undefined) {
      const last = el[el.length - 1]!;
      const lineEnd = this.text.indexOf("\n", last.end);
      const tail = this.text.slice(last.end, lineEnd < 0 ? this.text.length : lineEnd);
      const m = /^\s*,?\s*(?:--|#|\/\*)\s*(.*?)\s*(?:\*\/)?\s*$/.exec(tail);
      if (m && m[1]) description = m[1];
    }
    const col: ColumnDraft = { name, type, constraints: [], ...(description ? { description } : {}) };
    for (const ph of info.phrases) {
      const ts = el.slice(ph.from, ph.to + 1);
      if (!ts.length) continue;
      col.constraints.push({ raw: this.phraseText(ts, ph.kind), at: ts[0]!.start });
    }
    const existing = table.column(name.text);
    if (existing && table.fragment) {
      existing.constraints.push(...col.constraints);
      return;
    }
    table.columns.push(col);
  }

  /** A constraint phrase as written; a schema before the referenced table is left out. */
  private phraseText(ts: readonly SqlToken[], kind?: string): RawText {
    const raw = this.tokensText(ts);
    if (kind !== "references") return raw;
    const k = ts.findIndex((t) => lower(t) === "references");
    if (k < 0 || ts[k + 2]?.text !== "." || !isName(ts[k + 3])) return raw;
    const a = ts[k + 1]!.start - ts[0]!.start;
    const b = ts[k + 3]!.start - ts[0]!.start;
    return { text: raw.text.slice(0, a) + raw.text.slice(b), span: raw.span };
  }

  /** PRIMARY KEY (a), UNIQUE (a, b), FOREIGN KEY (a) REFERENCES t(c), CHECK (...), INDEX/KEY ix (a). */
  private tableConstraint(table: TableDraft, el: readonly SqlToken[], info: KeyInfo, dialect: SqlDialect): void {
    const words = ["primary", "unique", "foreign", "check", "index", "key", "fulltext", "spatial", "exclude"];
    const kw = el.findIndex((t, k) => words.includes(lower(t)) && !(k > 0 && lower(el[k - 1]) === "constraint"));
    const start = el[Math.max(kw, 0)]!.start;
    const whole = short(this.tokensText(el).text);
    if (kw < 0 || info.kind === "other") {
      this.warn(`table constraint "${whole}" is not supported; it is ignored`, el[0]!.start);
      return;
    }
    if (info.kind === "check") {
      const g = groupAfter(el, kw);
      if (!g || g.close === g.open + 1) return;
      const inner = el.slice(g.open + 1, g.close);
      table.checks.push({ expression: this.tokensText(inner), ...(info.name ? { name: info.name } : {}), dialect });
      return;
    }
    if (info.kind === "fulltext") {
      this.note(`FULLTEXT index "${whole}" is not migrated: PostgreSQL searches text with a tsvector index, which the generator does not make`, start);
      return;
    }
    const g = groupAfter(el, kw);
    if (!g) {
      this.warn(`table constraint "${whole}" names no columns; it is ignored`, start);
      return;
    }
    const cols: SqlToken[] = [];
    for (const part of g.parts) {
      if (!isName(part[0]) || part[1]?.text === "(" || part[1]?.text === "." || part[1]?.kind === "op") {
        this.warn(`"${whole}" is on an expression ("${short(this.tokensText(part).text)}"), which is not supported; it is ignored`, part[0]!.start, "index plain columns only");
        return;
      }
      cols.push(part[0]);
    }
    const addTo = (colTok: SqlToken, phrase: RawText, at: number) => {
      let col = table.column(colTok.value);
      if (!col) {
        if (!table.fragment) {
          this.warn(`constraint names column "${colTok.value}", which table "${table.name.text}" does not define`, colTok.kind === "qident" ? colTok.start + 1 : colTok.start);
          return;
        }
        const name = this.rawName(colTok);
        col = { name, type: { text: "", span: name.span }, constraints: [] };
        table.columns.push(col);
      }
      col.constraints.push({ raw: phrase, at });
    };
    if (info.kind === "primary") {
      const keyTok = lower(el[kw + 1]) === "key" ? el[kw + 1]! : el[kw]!;
      for (const c of cols) addTo(c, this.raw(el[kw]!.start, keyTok.end), el[kw]!.start);
      return;
    }
    if (info.kind === "unique" && cols.length === 1) {
      addTo(cols[0]!, this.raw(el[kw]!.start, el[kw]!.end), el[kw]!.start);
      return;
    }
    if (info.kind === "unique" || info.kind === "index") {
      table.indexes.push({ columns: cols.map((c) => c.value), unique: info.kind === "unique", ...(info.name ? { name: info.name } : {}), span: this.span(start) });
      return;
    }
    // foreign
    const ref = el.findIndex((t, k) => k > g.close && lower(t) === "references");
    if (ref < 0) {
      this.warn(`foreign key "${whole}" references nothing; it is ignored`, start);
      return;
    }
    if (cols.length !== 1) {
      this.warn("multi-column foreign keys are not supported", start, "reference one column, or add a column that identifies the row");
      return;
    }
    // DEFERRABLE / INITIALLY ... / NOT VALID qualify the constraint, not the reference.
    let end = el.length;
    for (let k = ref + 1; k < el.length; k++) {
      const w = lower(el[k]);
      if (w === "deferrable" || w === "initially" || (w === "not" && ["deferrable", "valid", "enforced"].includes(lower(el[k + 1]))) || w === "enforced") {
        end = k;
        break;
      }
    }
    addTo(cols[0]!, this.phraseText(el.slice(ref, end), "references"), el[ref]!.start);
  }

  /** A statement no parser accepts: its elements one at a time, each with what parses of it. */
  private salvageTable(st: SqlStatement, dialect: SqlDialect): string {
    const head = this.tableHead(st.tokens);
    if (!head) return "the statement is ignored; fix it so that it parses";
    const table = this.newTable(head.name, false);
    const kept: string[] = [];
    const lost: string[] = [];
    const later: (() => void)[] = [];
    for (const el of head.elements) {
      const r = this.probeElement(el, dialectOrder(dialect));
      if (!r) {
        lost.push(`"${short(this.tokensText(el).text)}"`);
        continue;
      }
      const rest = el.filter((t) => !r.blanked.has(t));
      const extra = runs(el, r.blanked).map((run) => ({ raw: this.tokensText(run), at: run[0]!.start }));
      if (r.kind === "column") {
        const before = table.columns.length;
        this.column(table, rest, r.info);
        const col = table.columns[before];
        if (col && extra.length) {
          col.constraints.push(...extra);
          kept.push(...extra.map((x) => `"${x.raw.text}" (a constraint of column ${col.name.text})`));
        }
      } else later.push(() => this.tableConstraint(table, rest, r.info, r.dialect));
    }
    for (const f of later) f();
    this.tables.push(table.done());
    const parts = [`table "${table.name.text}" is read element by element`];
    if (kept.length) parts.push(`kept as written: ${kept.join(", ")}`);
    if (lost.length) parts.push(`not read: ${lost.join(", ")}`);
    return parts.join("; ");
  }

  /**
   * One element parsed alone, as `CREATE TABLE t (<element>)`; when no parser takes it, the
   * token the parser stops at is blanked (up to a few times, never the column's name or type).
   */
  private probeElement(el: readonly SqlToken[], order: readonly SqlDialect[]): (ElementReading & { blanked: Set<SqlToken> }) | null {
    const start = el[0]!.start;
    const end = el[el.length - 1]!.end;
    const prefix = "CREATE TABLE t (";
    const blanked = new Set<SqlToken>();
    for (let attempt = 0; attempt <= 6; attempt++) {
      let body = this.clean.slice(start, end);
      for (const t of blanked) body = body.slice(0, t.start - start) + " ".repeat(t.end - t.start) + body.slice(t.end - start);
      const probe = `${prefix}${body})`;
      const base = start - prefix.length;
      let firstFailure: ParseFailure | null = null;
      for (const dialect of attempt === 0 ? order : order.slice(0, 1)) {
        const p = parseAs(dialect, probe, base);
        if (isFailure(p)) {
          firstFailure ??= p;
          continue;
        }
        const rest = el.filter((t) => !blanked.has(t));
        const r = this.readProbe(rest, p);
        if (r) return { ...r, blanked };
      }
      const bad = firstFailure ? el.findIndex((t) => t.start <= firstFailure!.at && firstFailure!.at < Math.max(t.end, t.start + 1)) : -1;
      if (bad < 2 || blanked.has(el[bad]!) || !isColumnElement(el) || !blankable(el, bad)) return null;
      blanked.add(el[bad]!);
    }
    return null;
  }

  private readProbe(el: readonly SqlToken[], p: Parsed): ElementReading | null {
    if (p.dialect === "postgresql") {
      const elt = p.stmt.CreateStmt?.tableElts?.[0];
      if (!elt) return null;
      if (elt.ColumnDef) return { kind: "column", info: pgColumnInfo(el, elt.ColumnDef, p.at) };
      if (elt.Constraint) return { kind: "key", info: pgKeyInfo(elt.Constraint), dialect: p.dialect };
      return null;
    }
    const def = p.ast.create_definitions?.[0];
    if (!def) return null;
    if (def.resource === "column") return { kind: "column", info: nspColumnInfo(el, def) };
    return { kind: "key", info: nspKeyInfo(def), dialect: p.dialect };
  }

  /** `CONSTRAINT fk FOREIGN KEY ...` written alone under a table's heading: a fragment of that table. */
  private sectionConstraints(st: SqlStatement, sectionTable: string): void {
    const prefix = "CREATE TABLE t (";
    const probe = `${prefix}${this.clean.slice(st.start, st.end)})`;
    const own = dialectMarkers(st.tokens) ?? this.primary;
    let parsed: Parsed | null = null;
    let failure: ParseFailure | null = null;
    for (const d of dialectOrder(own)) {
      const p = parseAs(d, probe, st.start - prefix.length);
      if (!isFailure(p)) {
        parsed = p;
        break;
      }
      failure ??= p;
    }
    if (!parsed) {
      const where = this.span(failure!.at);
      this.warn(`constraint "${short(this.text.slice(st.start, st.end))}" is not valid ${DIALECT_NAME[own]} (${failure!.message}, line ${where.line} column ${where.column})`, st.start,
        "the constraint is ignored; fix it so that it parses");
      return;
    }
    const table = new TableDraft({ text: tableName(sectionTable), span: this.span(st.start) }, true);
    const elements = splitCommas(st.tokens);
    if (parsed.dialect === "postgresql") {
      const p = parsed;
      for (const elt of (p.stmt.CreateStmt?.tableElts ?? []) as Node[]) {
        const def = elt.Constraint;
        const el = def ? elementAt(elements, p.at(def.location)) : undefined;
        if (def && el) this.tableConstraint(table, el, pgKeyInfo(def), "postgresql");
      }
    } else this.nspElements(table, elements, parsed.ast.create_definitions ?? [], parsed.dialect);
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  // -------------------------------------------------------------- ALTER TABLE

  /** ALTER TABLE [ONLY] [IF EXISTS] name: the name and the comma-separated commands. */
  private alterHead(ts: readonly SqlToken[]): { name: SqlToken; commands: SqlToken[][] } | null {
    let i = 2;
    if (lower(ts[i]) === "only") i++;
    i = skipIfExists(ts, i);
    const q = qualifiedName(ts, i);
    if (!q) return null;
    let next = q.next;
    if (ts[next]?.text === "*") next++;
    return { name: q.tok, commands: splitCommas(ts.slice(next)) };
  }

  private pgAlterTable(st: SqlStatement, node: Node, p: Parsed & { dialect: "postgresql" }): void {
    const head = this.alterHead(st.tokens);
    if (!head) return;
    const table = this.newTable(head.name, true);
    for (const c of (node.cmds ?? []) as Node[]) {
      const cmd = c.AlterTableCmd;
      const def = cmd?.def;
      if (cmd?.subtype === "AT_AddColumn" && def?.ColumnDef) {
        const loc = p.at(def.ColumnDef.location);
        const el = elementAt(head.commands, loc)?.filter((t) => t.start >= loc);
        if (el?.length) this.column(table, el, pgColumnInfo(el, def.ColumnDef, p.at));
      } else if (cmd?.subtype === "AT_AddConstraint" && def?.Constraint) {
        const loc = p.at(def.Constraint.location);
        const el = elementAt(head.commands, loc)?.filter((t) => t.start >= loc);
        if (el?.length) this.tableConstraint(table, el, pgKeyInfo(def.Constraint), "postgresql");
      }
    }
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  private nspAlterTable(st: SqlStatement, ast: Node, dialect: "mysql" | "sqlite"): void {
    const head = this.alterHead(st.tokens);
    if (!head) return;
    const table = this.newTable(head.name, true);
    const exprs = (Array.isArray(ast.expr) ? ast.expr : [ast.expr]) as Node[];
    exprs.forEach((e, k) => {
      if (String(e?.action).toLowerCase() !== "add") return;
      const cmd = head.commands[k];
      if (!cmd) return;
      let i = 1; // after ADD
      if (e.resource === "column") {
        if (lower(cmd[i]) === "column") i++;
        i = skipIfExists(cmd, i);
        const el = cmd.slice(i);
        if (el.length) this.column(table, el, nspColumnInfo(el, e));
      } else {
        const def = e.resource === "constraint" && e.create_definitions ? e.create_definitions : e;
        const el = cmd.slice(i);
        if (el.length) this.tableConstraint(table, el, nspKeyInfo(def), dialect);
      }
    });
    if (table.columns.length || table.indexes.length || table.checks.length) this.tables.push(table.done());
  }

  // -------------------------------------------------------------- CREATE INDEX, CREATE TYPE

  private pgCreateIndex(st: SqlStatement, node: Node): void {
    this.createIndex(st, node.unique === true, node.whereClause != null);
  }

  /** CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] t [USING m] (a, b DESC) [WHERE ...] */
  private createIndex(st: SqlStatement, unique: boolean, partial: boolean): void {
    const ts = st.tokens;
    let i = ts.findIndex((t) => lower(t) === "index") + 1;
    if (lower(ts[i]) === "concurrently") i++;
    i = skipIfExists(ts, i);
    let name: string | undefined;
    if (lower(ts[i]) !== "on") {
      name = qualifiedName(ts, i)?.tok.value;
      i = qualifiedName(ts, i)?.next ?? i + 1;
    }
    if (lower(ts[i]) !== "on") return;
    i++;
    if (lower(ts[i]) === "only") i++;
    const q = qualifiedName(ts, i);
    if (!q) return;
    const g = groupAfter(ts, q.next);
    if (!g) return;
    const columns: string[] = [];
    for (const part of g.parts) {
      if (!isName(part[0]) || part[1]?.text === "(" || part[1]?.text === "." || part[1]?.kind === "op") {
        this.warn(`index on an expression ("${short(this.tokensText(part).text)}") is not supported`, part[0]!.start, "index plain columns only");
        return;
      }
      columns.push(part[0].value);
    }
    if (partial) {
      const where = ts.findIndex((t, k) => k > g.close && lower(t) === "where");
      const at = where >= 0 ? ts[where]!.start : st.start;
      if (unique) this.warn("the WHERE condition of a partial unique index is not kept: uniqueness then holds over all rows", at, "make the index plain, or enforce the rule in a hook");
      else this.note("the WHERE condition of a partial index is not kept: the index covers all rows", at);
    }
    this.indexes.push({ columns, unique, ...(name ? { name } : {}), table: tableName(q.tok.value), span: this.span(st.start) });
  }

  /** CREATE TYPE name AS ENUM ('a', 'b') */
  private pgCreateEnum(st: SqlStatement): void {
    const ts = st.tokens;
    const q = qualifiedName(ts, ts.findIndex((t) => lower(t) === "type") + 1);
    if (!q) return;
    const g = groupAfter(ts, q.next);
    if (!g) return;
    const values: RawText[] = [];
    for (const part of g.parts) {
      const t = part[0]!;
      if (t.kind === "string") values.push({ text: t.value, span: this.span(t.start + t.text.indexOf("'") + 1) });
    }
    this.enums.push({ name: this.rawName(q.tok), values });
  }
}

// ---------------------------------------------------------------- reading parser output

type ElementReading = { kind: "column"; info: ColumnInfo } | { kind: "key"; info: KeyInfo; dialect: SqlDialect };

/**
 * A token the salvage may blank: outside parentheses, after the column's name and the first
 * word of its type, and not a parenthesis or comma itself.
 */
function blankable(el: readonly SqlToken[], k: number): boolean {
  let depth = 0;
  for (let j = 0; j < k; j++) {
    if (el[j]!.text === "(") depth++;
    else if (el[j]!.text === ")") depth--;
  }
  const t = el[k]!;
  return depth === 0 && !(t.kind === "punct" && t.text !== ".");
}

/** The element (token list) whose extent holds block offset `at`. */
function elementAt(elements: readonly SqlToken[][], at: number): SqlToken[] | undefined {
  return elements.find((el) => el[0]!.start <= at && at < el[el.length - 1]!.end) ?? elements.find((el) => el[0]!.start >= at);
}

/** A column definition (not a table constraint) by its first words. */
function isColumnElement(el: readonly SqlToken[]): boolean {
  const w = lower(el[0]);
  return !(el[0]?.kind === "word" && ["constraint", "primary", "unique", "foreign", "check", "index", "key", "fulltext", "spatial", "exclude", "like"].includes(w));
}

/** Maximal runs of consecutive tokens of `el` that are in `set`. */
function runs(el: readonly SqlToken[], set: ReadonlySet<SqlToken>): SqlToken[][] {
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
function pgColumnInfo(el: readonly SqlToken[], def: Node, at: (loc: number | undefined) => number): ColumnInfo {
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

function pgKeyInfo(c: Node): KeyInfo {
  const kind: KeyInfo["kind"] =
    c.contype === "CONSTR_PRIMARY" ? "primary" : c.contype === "CONSTR_UNIQUE" ? "unique" : c.contype === "CONSTR_FOREIGN" ? "foreign" : c.contype === "CONSTR_CHECK" ? "check" : "other";
  return { kind, ...(c.conname ? { name: String(c.conname) } : {}) };
}

function nspColumnName(column: Node): string {
  if (typeof column === "string") return column;
  if (typeof column?.column === "string") return column.column;
  return String(column?.column?.expr?.value ?? column?.expr?.value ?? "");
}

function nspKeyInfo(def: Node): KeyInfo {
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
function nspColumnInfo(el: readonly SqlToken[], def: Node): ColumnInfo {
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

/** A value in `enum(a, b)`: bare unless it would split or end the list. */
function enumValueText(v: string): string {
  return /[,()]|^\s|\s$|^$/.test(v) ? `'${v.replace(/'/g, "''")}'` : v;
}

/** A table's name as the IR knows it: snake_case, or as written when it has no ASCII word (文章). */
function tableName(written: string): string {
  return snakeCase(written) || written;
}

/** 'text' -> text (a MySQL table option's value as node-sql-parser leaves it). */
function unquote(s: string): string {
  const m = /^'(.*)'$/s.exec(s);
  return m ? m[1]!.replace(/''/g, "'").replace(/\\(.)/g, "$1") : s;
}
