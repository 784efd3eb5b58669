// Schema code written without a code fence (Prisma models and enums, SQL CREATE/ALTER
// statements, Mermaid erDiagrams, DBML tables and refs), found for the block recovery
// (recover-blocks.ts): the language of a run of lines that starts one, and its last line.
import type { Lines } from "./source-lines.js";

/** A name in SQL: plain, quoted, in backticks or brackets, optionally schema-qualified. */
const SQL_NAME = String.raw`(?:[A-Za-z_][\w$]*|"[^"\n]+"|\x60[^\x60\n]+\x60|\[[^\]\n]+\])(?:\.(?:[A-Za-z_][\w$]*|"[^"\n]+"|\x60[^\x60\n]+\x60|\[[^\]\n]+\]))*`;
const SQL_CREATE_TABLE = new RegExp(String.raw`create[ \t]+(?:or[ \t]+replace[ \t]+)?(?:(?:global|local)[ \t]+)?(?:(?:temp|temporary|unlogged)[ \t]+)?table[ \t]+(?:if[ \t]+not[ \t]+exists[ \t]+)?${SQL_NAME}[ \t]*\(`, "iy");
const SQL_CREATE_TYPE = new RegExp(String.raw`create[ \t]+type[ \t]+${SQL_NAME}[ \t]+as[ \t]+enum[ \t]*\(`, "iy");
const SQL_CREATE_INDEX = new RegExp(String.raw`create[ \t]+(?:unique[ \t]+)?index[ \t]+(?:concurrently[ \t]+)?(?:if[ \t]+not[ \t]+exists[ \t]+)?(?:${SQL_NAME}[ \t]+)?on[ \t]+(?:only[ \t]+)?${SQL_NAME}[ \t]*(?:using[ \t]+\w+[ \t]*)?\(`, "iy");
const SQL_ALTER_TABLE = new RegExp(String.raw`alter[ \t]+table[ \t]+(?:if[ \t]+exists[ \t]+)?(?:only[ \t]+)?${SQL_NAME}[ \t]+(?:add|drop|alter|rename|enable|disable|owner|set|validate)\b`, "iy");
/** The first definition inside CREATE TABLE's parentheses: a column (name, then a type) or a table constraint. */
const SQL_COLUMN = new RegExp(String.raw`^\s*(?:(?:constraint|primary[ \t]+key|foreign[ \t]+key|unique|check|key|index|exclude)\b|${SQL_NAME}[ \t]+[A-Za-z])`, "i");
/** What may follow CREATE TABLE's closing parenthesis on the next lines (options), before the ";". */
const SQL_TABLE_TAIL = /^\s*(?:;|engine|default|charset|character|collate|comment|with|without|inherits|partition|tablespace|strict|auto_increment|row_format)\b|^\s*;/i;

const PRISMA_OPEN = /^ {0,3}(model|enum)[ \t]+[A-Za-z_]\w*[ \t]*\{[ \t]*(?:\/\/.*)?$/;
/** A model's line: a field (name, type, attributes), a block attribute or a comment. */
const PRISMA_FIELD = /^(?:@@\w+.*|\/\/.*|[A-Za-z_]\w*[ \t]+[A-Za-z_][\w.]*(?:\([^)]*\))?(?:\[\])?\??(?:[ \t]+.*)?)$/;
const PRISMA_VALUE = /^(?:@@\w+.*|\/\/.*|[A-Za-z_]\w*(?:[ \t]+@map\([^)]*\))?(?:[ \t]*\/\/.*)?)$/;
const PRISMA_CLOSE = /^\}[ \t]*(?:\/\/.*)?$/;

const ER_OPEN = /^ {0,3}erDiagram[ \t]*$/i;
/** A relationship's cardinalities ("||--o{"). */
const ER_CARDINALITY = /(?:\|o|\|\||\}o|\}\|)(?:--|\.\.)(?:o\||\|\||o\{|\|\{)/g;
/** A diagram's relationship ("A ||--o{ B : has"), entity block opening ("A {") or comment. */
const ER_LINE = /(?:\|o|\|\||\}o|\}\|)(?:--|\.\.)(?:o\||\|\||o\{|\|\{)|^[A-Za-z_"][\w"\- ]*(?:\[[^\]]*\])?[ \t]*\{$|^%%/;
/** An attribute line inside an entity block ("int id PK", "string name \"the name\""), or its closing brace. */
const ER_ATTRIBUTE = /^(?:[A-Za-z_][\w()[\],.-]*[ \t]+[A-Za-z_*][\w-]*|\}|%%)/;

/** The unfenced block opening at line `first` (its keyword at `at`): its language and last line, or null. */
export function codeRun(text: string, lines: Lines, first: number, at: number): { lang: string; last: number } | null {
  const line = lines.line(first);
  const prisma = PRISMA_OPEN.exec(line);
  if (prisma) {
    const last = prismaEnd(lines, first, prisma[1] === "model" ? PRISMA_FIELD : PRISMA_VALUE);
    return last < 0 ? null : { lang: "prisma", last };
  }
  const dbml = dbmlEnd(lines, first);
  if (dbml >= 0) return { lang: "dbml", last: dbml };
  if (ER_OPEN.test(line)) {
    const last = erEnd(lines, first);
    return last < 0 ? null : { lang: "mermaid", last };
  }
  const end = sqlEnd(text, lines, at);
  return end < 0 ? null : { lang: "sql", last: lines.index(end) };
}

const DBML_NAME = String.raw`(?:"[^"\n]+"|[A-Za-z_]\w*)(?:\.(?:"[^"\n]+"|[A-Za-z_]\w*))?`;
const DBML_TABLE_OPEN = new RegExp(String.raw`^ {0,3}(table|enum)[ \t]+${DBML_NAME}(?:[ \t]+as[ \t]+\w+)?[ \t]*(?:\[[^\]\n]*\])?[ \t]*\{[ \t]*(?:\/\/.*)?$`, "i");
/** `Ref: a.b > c.d`, `Ref name: "a"."b" < "c"."d" [delete: cascade]` on one line. */
const DBML_REF = new RegExp(String.raw`^ {0,3}ref(?:[ \t]+\w+)?[ \t]*:[ \t]*${DBML_NAME}(?:\.(?:"[^"\n]+"|[A-Za-z_]\w*|\([^)\n]*\)))?[ \t]*(?:<>|<|>|-)[ \t]*${DBML_NAME}(?:\.(?:"[^"\n]+"|[A-Za-z_]\w*|\([^)\n]*\)))?[ \t]*(?:\[[^\]\n]*\])?[ \t]*(?:\/\/.*)?$`, "i");
/** A line inside a DBML table: a column (name, type, settings), a note, an index or checks block and its lines, a partial, a comment. */
const DBML_LINE = new RegExp(String.raw`^(?:${DBML_NAME}[ \t]+(?:"[^"\n]+"|[A-Za-z_][\w.]*(?:\([^)\n]*\))?(?:\[\])?)(?:[ \t]*\[.*\])?(?:[ \t]*\/\/.*)?|note[ \t]*:.*|note[ \t]*\{|(?:indexes|checks)[ \t]*\{|\(.*\).*|\x60.*|~\w+|\/\/.*|\}|'.*)$`, "i");
/** A value inside a DBML enum ("active", `"on hold" [note: '...']`). */
const DBML_VALUE = /^(?:"[^"\n]+"|[A-Za-z_]\w*)(?:[ \t]*\[.*\])?(?:[ \t]*\/\/.*)?$|^\/\/.*$/;

/** The last line of a DBML element opening at line `first` (a table or enum block, a Ref line), or -1. */
function dbmlEnd(lines: Lines, first: number): number {
  const line = lines.line(first);
  if (DBML_REF.test(line)) return first;
  const open = DBML_TABLE_OPEN.exec(line);
  if (!open) return -1;
  const table = /^table$/i.test(open[1]!);
  let depth = 1;
  let items = 0;
  for (let i = first + 1; i < lines.count && i <= first + 1000; i++) {
    const t = lines.line(i).trim();
    if (t === "") continue;
    if (!(table ? DBML_LINE : DBML_VALUE).test(t) && !(depth > 1 && t.length > 0) && t !== "}") return -1;
    const bare = t.replace(/'(?:[^'\\]|\\.)*'|"[^"]*"|\x60[^\x60]*\x60/g, "");
    depth += (bare.split("{").length - 1) - (bare.split("}").length - 1);
    if (depth <= 0) return items > 0 ? i : -1;
    if (depth === 1 && t !== "}" && !/^\/\//.test(t)) items++;
  }
  return -1;
}

/** The closing "}" line of a Prisma block whose lines all have the block's shape (one at least), or -1. */
function prismaEnd(lines: Lines, first: number, shape: RegExp): number {
  let items = 0;
  for (let i = first + 1; i < lines.count && i <= first + 1000; i++) {
    const t = lines.line(i).trim();
    if (PRISMA_CLOSE.test(t)) return items > 0 ? i : -1;
    if (t === "" || t.startsWith("//")) continue;
    if (!shape.test(t)) return -1;
    if (!t.startsWith("@@")) items++;
  }
  return -1;
}

/**
 * The last line of an erDiagram: its last relationship, entity line or comment before a blank
 * line outside entity blocks, unless the next non-blank line is indented diagram content (which
 * then goes on); -1 without any diagram line.
 */
function erEnd(lines: Lines, first: number): number {
  let depth = 0;
  let last = first;
  let seen = 0;
  for (let i = first + 1; i < lines.count && i <= first + 2000; i++) {
    const raw = lines.line(i);
    const t = raw.trim();
    if (t === "") {
      let j = i + 1;
      while (j < lines.count && lines.blank(j)) j++;
      const next = j < lines.count ? lines.line(j) : "";
      if (/^[ \t]/.test(next) && (depth > 0 ? ER_ATTRIBUTE : ER_LINE).test(next.trim())) {
        i = j - 1;
        continue;
      }
      break;
    }
    const bare = t.replace(/"[^"]*"/g, "").replace(ER_CARDINALITY, "");
    const inside = depth > 0;
    depth = Math.max(0, depth + (bare.split("{").length - 1) - (bare.split("}").length - 1));
    // Lines after the diagram's last line in the same paragraph (prose) are not the diagram's.
    if (ER_LINE.test(t)) seen++;
    if (inside || depth > 0 || ER_LINE.test(t)) last = i;
  }
  return seen > 0 ? last : -1;
}

/**
 * Where a SQL statement opening at `at` (CREATE TABLE/TYPE/INDEX, ALTER TABLE) ends: the offset
 * of its ";", or for CREATE TABLE written over lines without one, of its closing ")"; -1 when
 * `at` opens no such statement or it does not end before a blank line (outside parentheses).
 */
function sqlEnd(text: string, lines: Lines, at: number): number {
  let open = -1;
  let table = false;
  for (const re of [SQL_CREATE_TABLE, SQL_CREATE_TYPE, SQL_CREATE_INDEX]) {
    re.lastIndex = at;
    if (re.test(text)) {
      open = re.lastIndex - 1;
      table = re === SQL_CREATE_TABLE;
      break;
    }
  }
  if (open < 0) {
    SQL_ALTER_TABLE.lastIndex = at;
    if (!SQL_ALTER_TABLE.test(text)) return -1;
    const s = scanSql(text, lines, SQL_ALTER_TABLE.lastIndex, 0);
    return s.semi;
  }
  const s = scanSql(text, lines, open + 1, 1);
  if (s.close < 0) return -1;
  const inner = text.slice(open + 1, s.close).replace(/--[^\n]*/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
  if (table ? !SQL_COLUMN.test(inner) : !/\S/.test(inner)) return -1;
  if (s.semi >= 0) return s.semi;
  // CREATE TABLE over lines, its ")" alone (or with options) and no ";": ends with that line.
  const openLine = lines.index(open);
  const multiLine = !/\S/.test(text.slice(open + 1, lines.end(openLine)).replace(/--.*$/, ""));
  return table && multiLine ? s.close : -1;
}

/**
 * Scans SQL from `from` at parenthesis depth `depth`: the offset of the ")" that brings it to
 * 0 (close) and of the ";" after it at depth 0 (semi), each -1 if not found. Quotes and
 * comments are skipped. The scan stops at a blank line outside parentheses, after the line of
 * the closing ")" unless the next line goes on with table options or ";", and after 500 lines.
 */
function scanSql(text: string, lines: Lines, from: number, depth: number): { close: number; semi: number } {
  let close = depth === 0 ? from : -1;
  const limit = lines.start(lines.index(from) + 500);
  for (let i = from; i < text.length && i < limit; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === "`") {
      const j = text.indexOf(c, i + 1);
      const nl = text.indexOf("\n", i + 1);
      if (j < 0 || (nl >= 0 && nl < j && c !== "'")) return { close, semi: -1 };
      i = j;
    } else if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const j = text.indexOf("*/", i + 2);
      if (j < 0) return { close, semi: -1 };
      i = j + 1;
    } else if (c === "(") depth++;
    else if (c === ")") {
      if (depth === 0) return { close, semi: -1 };
      if (--depth === 0) close = i;
    } else if (c === ";" && depth === 0) return { close, semi: i };
    else if (c === "\n") {
      const li = lines.index(i + 1);
      if (depth === 0 && (li >= lines.count || lines.blank(li))) return { close, semi: -1 };
      // After the closing ")" the statement may go on with options or its ";" only.
      if (depth === 0 && close >= 0 && close !== from && !SQL_TABLE_TAIL.test(lines.line(li))) return { close, semi: -1 };
    }
  }
  return { close, semi: -1 };
}
