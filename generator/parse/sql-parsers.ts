// The SQL parsers, loaded only when a block needs them, and a statement parsed in one dialect.
//
// Which parser, by measurement on every SQL block of the corpus and the repository:
// PostgreSQL's own (libpg-query, WASM; 173 of 174 PostgreSQL DDL statements, where
// node-sql-parser's PostgreSQL build parses 170 and fails on plain PostgreSQL such as
// ALTER TABLE ... ENABLE ROW LEVEL SECURITY) for PostgreSQL and for CHECK expressions;
// node-sql-parser's per-dialect builds (~15-20 ms to load each, against ~70 ms for its full
// build) for MySQL (18 of 18) and SQLite.
//
// No parser is imported at the top: a spec without SQL loads none. loadPostgresParser loads
// libpg-query; a node-sql-parser build is required the first time a block needs it.
import { createRequire } from "node:module";
import type { SqlDialect } from "./sql-dialect.js";

/** What the parts of libpg-query and node-sql-parser used here look like. */
// The parsers' trees are plain JSON; they are read by field name, as their docs describe.
export type Node = any;

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

export type Parsed =
  | { readonly dialect: "postgresql"; readonly stmt: Node; /** block offset of a node location */ readonly at: (loc: number | undefined) => number }
  | { readonly dialect: "mysql" | "sqlite"; readonly ast: Node };

export interface ParseFailure {
  readonly message: string;
  /** Block offset the parser complained at. */
  readonly at: number;
}

/** Parses `text`, whose first character is at block offset `base` (negative for a probe's made-up prefix). */
export function parseAs(dialect: SqlDialect, text: string, base: number): Parsed | ParseFailure {
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

export function isFailure(p: Parsed | ParseFailure): p is ParseFailure {
  return "message" in p;
}

/** The parsers to try, the statement's own dialect first (PostgreSQL's only when it was loaded). */
export function dialectOrder(primary: SqlDialect): SqlDialect[] {
  const all: SqlDialect[] = primary === "postgresql" ? ["postgresql", "mysql", "sqlite"] : primary === "mysql" ? ["mysql", "postgresql", "sqlite"] : ["sqlite", "postgresql", "mysql"];
  return pgModule ? all : all.filter((d) => d !== "postgresql");
}

export const DIALECT_NAME: Record<SqlDialect, string> = { postgresql: "PostgreSQL", mysql: "MySQL", sqlite: "SQLite" };
