// Which SQL dialect a statement is in: from its text (backticks, ENGINE=, AUTO_INCREMENT, ENUM(
// -> MySQL; AUTOINCREMENT, WITHOUT ROWID -> SQLite), else from the fence's language, else from
// the other statements of the block, else PostgreSQL; and so which parsers a block needs loaded.
import type { SourceBlock } from "./block.js";
import { lexSql, type SqlToken } from "./sql-lexer.js";
import { lower, splitSqlStatements, type SqlStatement, statementKind } from "./sql-statements.js";

export type SqlDialect = "postgresql" | "mysql" | "sqlite";

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
export function fenceDialect(lang: string): SqlDialect | undefined {
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
    // ENUM( as a column type is MySQL's; CREATE TYPE name AS ENUM ( is PostgreSQL's.
    if (w === "enum" && next?.text === "(" && lower(ts[k - 1]) !== "as") return "mysql";
    if (w === "on" && lower(next) === "update" && /^current_timestamp$|^now$/.test(lower(ts[k + 2]))) return "mysql";
    if (w === "autoincrement") return "sqlite";
    if (w === "without" && lower(next) === "rowid") return "sqlite";
  }
  return null;
}

export function blockDialect(block: Pick<SourceBlock, "lang">, statements: readonly SqlStatement[]): SqlDialect {
  const byFence = fenceDialect(block.lang);
  if (byFence) return byFence;
  for (const s of statements) {
    const d = dialectMarkers(s.tokens);
    if (d) return d;
  }
  return "postgresql";
}

export const MYSQL_HINT = /`|\bengine\s*=|\bauto_increment\b|(?<!\bas\s+)\benum\s*\(/i;

/** The dialects the reader will parse a block's statements in first (what loadSqlReader needs loaded). */
export function sqlDialectsOf(block: Pick<SourceBlock, "text" | "lang">): SqlDialect[] {
  const mysqlish = fenceDialect(block.lang) === "mysql" || MYSQL_HINT.test(block.text);
  const statements = splitSqlStatements(lexSql(block.text, { mysql: mysqlish })).filter((s) => statementKind(s.tokens) !== "other");
  const primary = blockDialect(block, statements);
  const out = new Set<SqlDialect>();
  for (const s of statements) out.add(dialectMarkers(s.tokens) ?? primary);
  return [...out].sort();
}
