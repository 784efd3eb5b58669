// Schema blocks written outside Markdown's own syntax, recovered as the nodes they stand for.
// markdown-tree.ts runs this on every tree it returns; parsing a stretch of text again is handed in
// (reparse), so this module needs nothing of the parser's.
import type { Code, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from "mdast";
import type { Point, Position } from "unist";
import { lineIndexAt, lineStarts } from "./text.js";

/** Parses a text on its own (the parser markdown-tree.ts uses), positions relative to that text. */
export type ParseText = (text: string) => Root;

// ---------------------------------------------------------------- blocks written outside Markdown
//
// Specs write schema content Markdown does not see as such: HTML tables (an `html` node, or
// several when blank lines split one), and Prisma models, SQL statements and Mermaid erDiagrams
// written without a code fence (paragraphs, with indented code where blank lines intervene).
// recoverBlocks finds them in the text and puts in their place the node a GFM table or a fenced
// block would have given: a `table` whose cells' `text`/`inlineCode` children point at the
// cell's text in the file, or a `code` node (lang "prisma", "sql" or "mermaid") whose value is
// the source lines as they are, its position covering them (its first line is no fence, so
// parse-markdown's codeFlat maps line i of the value to source line start+i). Only top-level
// blocks, only where the shape is unmistakable: `<table` in a block-level HTML node up to its
// `</table>`; `model X {` / `enum X {` at a line start, Prisma field lines, a `}` line;
// `CREATE TABLE name (` column definitions `)`, `CREATE TYPE name AS ENUM (...);`,
// `CREATE [UNIQUE] INDEX ... ON name (...);`, `ALTER TABLE name ADD|DROP|... ;`; an `erDiagram`
// line and the diagram after it (to a blank line, or on across blank lines while the next line
// is indented diagram content). The blocks a run spans must all be paragraphs, HTML or indented
// code; the rest of a paragraph a run leaves (prose just above or below it) is parsed again on
// its own, at its own place. The tree is that of the parse otherwise, and the parse's cache
// (useTreeCache) holds parses, not this: recoverBlocks runs on every tree, cached or not.

/** Some line may start one of the blocks (a quick test that leaves nearly every text alone). */
const MAY_RECOVER = /<table[\s>]|^ {0,3}(?:model|enum|create|alter|erdiagram|table|ref)\b/im;
const OPENERS = /^( {0,3})(?:model|enum|create|alter|erdiagram|table|ref)\b/gim;
const TABLE_TAG = /<table[\s>]/gi;

/** Line starts of a text: offsets to points and back. */
class Lines {
  private readonly starts: number[];
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  get count(): number {
    return this.starts.length;
  }
  /** 0-based index of the line holding `offset`. */
  index(offset: number): number {
    return lineIndexAt(this.starts, offset);
  }
  start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }
  /** Where line i's text ends (before "\r\n" or "\n"). */
  end(i: number): number {
    let e = i + 1 < this.starts.length ? this.starts[i + 1]! - 1 : this.text.length;
    if (e > this.start(i) && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }
  line(i: number): string {
    return this.text.slice(this.start(i), this.end(i));
  }
  blank(i: number): boolean {
    return !/\S/.test(this.line(i));
  }
  point(offset: number): Point {
    const i = this.index(offset);
    return { line: i + 1, column: offset - this.starts[i]! + 1, offset };
  }
  position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) };
  }
}

/** A stretch [start, end) of the text and the nodes that stand for it. */
interface Run {
  start: number;
  end: number;
  nodes: RootContent[];
  /** For code: merged with a run of the same language that follows after blank lines only. */
  lang?: string;
  first?: number;
  last?: number;
}

const startOf = (n: Nodes): number => n.position?.start.offset ?? 0;
const endOf = (n: Nodes): number => n.position?.end.offset ?? startOf(n);

/** Index of the top-level node whose start is the last at or before `offset`, or -1. */
function nodeBefore(kids: readonly RootContent[], offset: number): number {
  let lo = 0;
  let hi = kids.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(kids[mid]!) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function isFence(text: string, node: RootContent): boolean {
  return node.type === "code" && /^[ \t]*(?:```|~~~)/.test(text.slice(startOf(node), startOf(node) + 40));
}

/** The top-level nodes [start, end) touches, if all are blocks a run may replace (paragraphs, HTML, indented code). */
function spannable(text: string, kids: readonly RootContent[], start: number, end: number): boolean {
  let i = Math.max(nodeBefore(kids, start), 0);
  for (; i < kids.length; i++) {
    const n = kids[i]!;
    if (startOf(n) >= end) break;
    if (endOf(n) <= start) continue;
    if (n.type !== "paragraph" && n.type !== "html" && !(n.type === "code" && !n.lang && !isFence(text, n))) return false;
  }
  return true;
}

/** Whether `offset` lies inside inline code or inline HTML of a paragraph (a block's opening there is not one). */
function insideInline(node: Nodes, offset: number): boolean {
  if (!("children" in node)) return false;
  for (const c of node.children as Nodes[]) {
    if (startOf(c) > offset) break;
    if (endOf(c) <= offset) continue;
    if (c.type === "inlineCode" || c.type === "html") return startOf(c) < offset;
    return insideInline(c, offset);
  }
  return false;
}

/** The tree with HTML tables and unfenced schema code turned into `table` and `code` nodes (see above). */
export function recoverBlocks(root: Root, text: string, parseText: ParseText): Root {
  const kids = root.children;
  if (kids.length === 0 || !MAY_RECOVER.test(text) || /\r(?!\n)/.test(text)) return root;
  let lines: Lines | undefined;
  const L = () => (lines ??= new Lines(text));
  const runs: Run[] = [];

  TABLE_TAG.lastIndex = 0;
  for (let m = TABLE_TAG.exec(text); m; m = TABLE_TAG.exec(text)) {
    const at = m.index;
    const k = nodeBefore(kids, at);
    const node = k >= 0 ? kids[k]! : undefined;
    if (!node || node.type !== "html" || endOf(node) <= at || insideComment(text, startOf(node), at)) continue;
    const end = tableEnd(text, at);
    if (end < 0 || !spannable(text, kids, at, end)) continue;
    const nodes = htmlTable(text, L(), at, end);
    if (nodes) runs.push({ start: at, end, nodes });
    TABLE_TAG.lastIndex = end;
  }

  OPENERS.lastIndex = 0;
  for (let m = OPENERS.exec(text); m; m = OPENERS.exec(text)) {
    const at = m.index + m[1]!.length;
    const k = nodeBefore(kids, at);
    const node = k >= 0 ? kids[k]! : undefined;
    if (!node || node.type !== "paragraph" || endOf(node) <= at || insideInline(node, at)) continue;
    const lines = L();
    const first = lines.index(at);
    const found = codeRun(text, lines, first, at);
    if (!found) continue;
    const start = lines.start(first);
    const end = lines.end(found.last);
    if (!spannable(text, kids, start, end)) continue;
    runs.push({ start, end, nodes: [], lang: found.lang, first, last: found.last });
    OPENERS.lastIndex = lines.start(found.last + 1);
  }
  if (runs.length === 0) return root;
  // `enum x { a b }` is Prisma's and DBML's alike: among DBML tables (and no Prisma model) it is DBML.
  if (runs.some((r) => r.lang === "dbml") && !runs.some((r) => r.lang === "prisma" && /^\s*model\b/.test(L().line(r.first!)))) {
    for (const r of runs) if (r.lang === "prisma") r.lang = "dbml";
  }
  return { ...root, children: rebuild(text, L(), kids, joinRuns(text, L(), runs), parseText) };
}

/** Runs in order, overlaps dropped, code runs of one language apart only by blank lines made one. */
function joinRuns(text: string, lines: Lines, found: Run[]): Run[] {
  found.sort((a, b) => a.start - b.start);
  const runs: Run[] = [];
  for (const r of found) {
    const prev = runs[runs.length - 1];
    if (prev && r.start < prev.end) continue;
    if (prev && prev.lang && prev.lang === r.lang && !/\S/.test(text.slice(prev.end, r.start))) {
      prev.end = r.end;
      prev.last = r.last;
      continue;
    }
    runs.push(r);
  }
  for (const r of runs) {
    if (r.lang === undefined) continue;
    const value: string[] = [];
    for (let i = r.first!; i <= r.last!; i++) value.push(lines.line(i));
    const code: Code = { type: "code", lang: r.lang, meta: null, value: value.join("\n"), position: lines.position(r.start, r.end) };
    r.nodes = [code];
  }
  return runs;
}

/** The top-level nodes with each run's stretch replaced by its nodes; what a run leaves of a node is parsed again. */
function rebuild(text: string, lines: Lines, kids: readonly RootContent[], runs: readonly Run[], parseText: ParseText): RootContent[] {
  const out: RootContent[] = [];
  const placed = new Set<Run>();
  let ri = 0;
  for (const node of kids) {
    const s = startOf(node);
    const e = endOf(node);
    while (ri < runs.length && runs[ri]!.end <= s) ri++;
    if (ri >= runs.length || runs[ri]!.start >= e) {
      out.push(node);
      continue;
    }
    let cursor = s;
    for (let j = ri; j < runs.length && runs[j]!.start < e; j++) {
      const r = runs[j]!;
      if (r.start > cursor) out.push(...reparse(text, lines, cursor, r.start, parseText));
      if (!placed.has(r)) {
        placed.add(r);
        out.push(...r.nodes);
      }
      cursor = Math.max(cursor, r.end);
    }
    if (cursor < e) out.push(...reparse(text, lines, cursor, e, parseText));
  }
  return out;
}

/** The blocks of text [a, b), parsed on their own and placed where they are in the whole text. */
function reparse(text: string, lines: Lines, a: number, b: number, parseText: ParseText): RootContent[] {
  const slice = text.slice(a, b);
  if (!/\S/.test(slice)) return [];
  const at = lines.point(a);
  const tree = parseText(slice);
  const move = (q: Point): Point => ({
    line: q.line + at.line - 1,
    column: q.line === 1 ? q.column + at.column - 1 : q.column,
    ...(q.offset !== undefined ? { offset: q.offset + a } : {}),
  });
  const place = (n: Nodes) => {
    if (n.position) n.position = { start: move(n.position.start), end: move(n.position.end) };
    if ("children" in n) for (const c of n.children as Nodes[]) place(c);
  };
  for (const c of tree.children) place(c);
  return tree.children;
}

// ---- schema code without a fence

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
function codeRun(text: string, lines: Lines, first: number, at: number): { lang: string; last: number } | null {
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

// ---- HTML tables

/** Whether `at` lies inside an HTML comment opened in [from, at). */
function insideComment(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  const i = before.lastIndexOf("<!--");
  return i >= 0 && !before.includes("-->", i + 4);
}

/** The offset just after the `</table>` closing the table opened at `at` (nested tables counted), or -1. */
function tableEnd(text: string, at: number): number {
  const re = /<!--[\s\S]*?-->|<(\/?)table(?=[\s>/])[^>]*>/gi;
  re.lastIndex = at;
  let depth = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith("<!--")) continue;
    if (!m[1]) depth++;
    else if (--depth === 0) return re.lastIndex;
  }
  return -1;
}

const TAG_AT = /<(\/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
/** In a cell's text: a character reference, white space holding a line break or tab, a run of backticks, "**". */
const CELL_SEGMENT = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|[ \t]*[\n\t][ \t\r\n]*|\r\n[ \t\r\n]*|`+|\*\*/g;
const ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ensp: " ", emsp: " ", thinsp: " ", shy: "",
  ndash: "–", mdash: "—", hellip: "…", laquo: "«", raquo: "»", lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”",
  larr: "←", rarr: "→", harr: "↔", uarr: "↑", darr: "↓", rArr: "⇒", lArr: "⇐", hArr: "⇔",
  times: "×", divide: "÷", middot: "·", bull: "•", le: "≤", ge: "≥", ne: "≠", plusmn: "±", deg: "°", micro: "µ",
  copy: "©", reg: "®", trade: "™", sect: "§", para: "¶", euro: "€", pound: "£", yen: "¥", cent: "¢",
  check: "✓", cross: "✗", infin: "∞", empty: "∅", isin: "∈", notin: "∉", sum: "∑",
  auml: "ä", ouml: "ö", uuml: "ü", Auml: "Ä", Ouml: "Ö", Uuml: "Ü", szlig: "ß",
  aacute: "á", eacute: "é", iacute: "í", oacute: "ó", uacute: "ú", ntilde: "ñ", ccedil: "ç",
  agrave: "à", egrave: "è", ograve: "ò", acirc: "â", ecirc: "ê", ocirc: "ô", atilde: "ã", otilde: "õ",
};

/** The text a character reference stands for; undefined for a name not known here (kept as written). */
function entity(ref: string): string | undefined {
  const body = ref.slice(1, -1);
  if (body[0] !== "#") return ENTITIES[body];
  const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
  return code === 0 ? "\uFFFD" : code === 0xa0 ? " " : String.fromCodePoint(code);
}

const decodeAll = (s: string) => s.replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (r) => entity(r) ?? r);

type Inline = Extract<PhrasingContent, { type: "strong" | "emphasis" | "delete" }>;
const INLINE_TAGS: Record<string, Inline["type"]> = { b: "strong", strong: "strong", i: "emphasis", em: "emphasis", s: "delete", del: "delete", strike: "delete" };
const CODE_TAGS = new Set(["code", "kbd", "tt", "samp", "var"]);
/** Tags that separate words in a cell ("<p>a</p><p>b</p>" reads "a b"). */
const SEPARATING_TAGS = new Set(["p", "div", "li", "ul", "ol", "dl", "dt", "dd", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "thead", "tbody", "tfoot"]);
const CELL_BOUNDARY = /<\/?(?:td|th|tr|table|thead|tbody|tfoot|caption)\b/i;

interface CellDraft {
  readonly header: boolean;
  readonly span: number;
  readonly start: number;
  end: number;
  readonly kids: PhrasingContent[];
  readonly open: { tag: string; node: Inline }[];
}

interface RowDraft {
  start: number;
  end: number;
  readonly cells: CellDraft[];
}

/**
 * The nodes standing for the HTML table at [start, end): a `table` (its first row the header;
 * its position from that row to `</table>`), preceded by a paragraph of bold text for each
 * title row (a first row of one cell over the columns, as `<th colspan="4">Users</th>`) or
 * `<caption>`, as "**Users**" written above a table would be; null for a table without rows.
 */
function htmlTable(text: string, lines: Lines, start: number, end: number): RootContent[] | null {
  const rows: RowDraft[] = [];
  const captions: CellDraft[] = [];
  let row: RowDraft | null = null;
  let cell: CellDraft | null = null;
  let caption = false;
  let nested = -1; // tables open inside the table (-1 before its own tag)
  const position = (a: number, b: number) => lines.position(a, b);
  const into = (c: CellDraft) => (c.open.length ? c.open[c.open.length - 1]!.node.children : c.kids);
  const textNode = (value: string, a: number, b: number): PhrasingContent => ({ type: "text", value, position: position(a, b) });

  const closeCell = (contentEnd: number, tagEnd?: number) => {
    if (!cell) return;
    const c = cell;
    cell = null;
    for (const o of c.open) o.node.position = position(startOf(o.node), contentEnd);
    c.open.length = 0;
    // Trailing white space and line breaks are not the cell's text.
    for (;;) {
      const last = c.kids[c.kids.length - 1];
      if (!last) break;
      if (last.type === "break" || (last.type === "text" && !/\S/.test(last.value))) {
        c.kids.pop();
        continue;
      }
      if (last.type === "text" && /\s$/.test(last.value) && text.slice(startOf(last), endOf(last)) === last.value) {
        const value = last.value.replace(/\s+$/, "");
        last.value = value;
        last.position = position(startOf(last), startOf(last) + value.length);
      }
      break;
    }
    let e = contentEnd;
    while (e > c.start && /\s/.test(text[e - 1]!)) e--;
    c.end = tagEnd ?? e;
    if (caption) {
      captions.push(c);
      caption = false;
      return;
    }
    if (!row) row = { start: c.start, end: c.end, cells: [] };
    row.cells.push(c);
    row.end = Math.max(row.end, c.end);
  };
  const closeRow = () => {
    if (row && row.cells.length > 0) rows.push(row);
    row = null;
  };

  /** The text [a, b) into the open cell: character references, line breaks, `code` and **bold** as nodes. */
  const cellText = (a: number, b: number) => {
    const c = cell;
    if (!c) return;
    const out = into(c);
    if (c.kids.length === 0 && c.open.length === 0) while (a < b && /\s/.test(text[a]!)) a++;
    let plain = a;
    const flush = (to: number) => {
      if (to > plain) out.push(textNode(text.slice(plain, to), plain, to));
    };
    CELL_SEGMENT.lastIndex = a;
    for (let m = CELL_SEGMENT.exec(text); m && m.index < b; m = CELL_SEGMENT.exec(text)) {
      const s = m.index;
      let e = s + m[0].length;
      if (e > b) break;
      const ch = m[0][0];
      let node: PhrasingContent | undefined;
      if (ch === "&") {
        const v = entity(m[0]);
        if (v !== undefined) node = textNode(v, s, e);
      } else if (ch === "`") {
        const close = new RegExp(`(?<!\`)\`{${m[0].length}}(?!\`)`, "g");
        close.lastIndex = e;
        const cm = close.exec(text);
        if (cm && cm.index + cm[0].length <= b) {
          let value = text.slice(e, cm.index).replace(/\r?\n/g, " ");
          if (/^ .*[^ ].* $/.test(value)) value = value.slice(1, -1);
          e = cm.index + cm[0].length;
          node = { type: "inlineCode", value, position: position(s, e) };
        }
      } else if (ch === "*") {
        const close = text.indexOf("**", e);
        if (close > e && close + 2 <= b && /^\S[^\n]*$/.test(text.slice(e, close)) && !/\s$/.test(text.slice(e, close))) {
          node = { type: "strong", children: [textNode(text.slice(e, close), e, close)], position: position(s, close + 2) };
          e = close + 2;
        }
      } else node = textNode(" ", s, e);
      if (!node) continue;
      flush(s);
      out.push(node);
      plain = e;
      CELL_SEGMENT.lastIndex = e;
    }
    flush(b);
  };

  /** A tag [s, e) read; returns where reading goes on. */
  const tag = (closing: boolean, name: string, attrs: string, s: number, e: number): number => {
    if (name === "table") {
      if (!closing) nested++;
      else nested--;
      if (nested > 0 || (nested === 0 && closing)) {
        if (cell && into(cell).length > 0) into(cell).push(textNode(" ", s, e));
      }
      return e;
    }
    if (nested > 0) {
      if (cell && SEPARATING_TAGS.has(name) && into(cell).length > 0) into(cell).push(textNode(" ", s, e));
      return e;
    }
    switch (name) {
      case "tr":
        closeCell(s);
        if (closing) {
          if (row) row.end = e;
          closeRow();
        } else {
          closeRow();
          row = { start: s, end: e, cells: [] };
        }
        return e;
      case "td":
      case "th":
      case "caption":
        if (closing) closeCell(s, e);
        else {
          closeCell(s);
          if (name === "caption") {
            closeRow();
            caption = true;
          }
          const span = /\bcolspan\s*=\s*["']?\s*(\d+)/i.exec(attrs);
          cell = { header: name === "th", span: span ? Math.min(Math.max(Number(span[1]), 1), 64) : 1, start: s, end: e, kids: [], open: [] };
        }
        return e;
      case "thead":
      case "tbody":
      case "tfoot":
        closeCell(s);
        closeRow();
        return e;
    }
    const c = cell as CellDraft | null;
    if (!c) return e;
    const out = into(c);
    if (name === "br") {
      if (c.kids.length > 0) out.push({ type: "break", position: position(s, e) });
      return e;
    }
    if (CODE_TAGS.has(name) && !closing) {
      const close = new RegExp(`</${name}\\s*>`, "ig");
      close.lastIndex = e;
      const m = close.exec(text);
      if (m && m.index + m[0].length <= end && !CELL_BOUNDARY.test(text.slice(e, m.index))) {
        const value = decodeAll(text.slice(e, m.index).replace(/<[^>]*>/g, "")).replace(/\s*\r?\n\s*/g, " ");
        if (/\S/.test(value)) out.push({ type: "inlineCode", value, position: position(s, m.index + m[0].length) });
        return m.index + m[0].length;
      }
      return e;
    }
    const kind = INLINE_TAGS[name];
    if (kind) {
      if (!closing) {
        const node = { type: kind, children: [], position: position(s, e) } as Inline;
        out.push(node);
        c.open.push({ tag: kind, node });
      } else {
        const k = c.open.map((o) => o.tag).lastIndexOf(kind);
        if (k >= 0) {
          for (const o of c.open.splice(k)) o.node.position = position(startOf(o.node), e);
        }
      }
      return e;
    }
    if (SEPARATING_TAGS.has(name) && out.length > 0) out.push(textNode(" ", s, e));
    return e;
  };

  for (let i = start; i < end; ) {
    const lt = text.indexOf("<", i);
    const stop = lt < 0 || lt >= end ? end : lt;
    if (stop > i) cellText(i, stop);
    if (stop >= end) break;
    if (text.startsWith("<!--", stop)) {
      const e = text.indexOf("-->", stop + 4);
      i = e < 0 || e + 3 > end ? end : e + 3;
      continue;
    }
    TAG_AT.lastIndex = stop;
    const m = TAG_AT.exec(text);
    if (!m || TAG_AT.lastIndex > end) {
      cellText(stop, stop + 1);
      i = stop + 1;
      continue;
    }
    i = tag(m[1] === "/", m[2]!.toLowerCase(), m[3] ?? "", stop, TAG_AT.lastIndex);
  }
  closeCell(end);
  closeRow();

  // Title rows: one cell over columns the next row has more of.
  const width = (r: RowDraft) => r.cells.reduce((n, c) => n + c.span, 0);
  while (rows.length >= 2 && rows[0]!.cells.length === 1 && width(rows[1]!) >= 2) captions.push(rows.shift()!.cells[0]!);
  if (rows.length === 0) return null;

  const out: RootContent[] = [];
  for (const c of captions) {
    if (c.kids.length === 0) continue;
    const at = position(startOf(c.kids[0]!), endOf(c.kids[c.kids.length - 1]!));
    const title: Paragraph = { type: "paragraph", children: [{ type: "strong", children: c.kids, position: at }], position: at };
    out.push(title);
  }
  const columns = Math.max(...rows.map(width));
  const tableRows: TableRow[] = rows.map((r) => ({
    type: "tableRow",
    children: r.cells.flatMap((c) => {
      const cellNode = (kids: PhrasingContent[]): TableCell => ({ type: "tableCell", children: kids, position: position(c.start, c.end) });
      return [cellNode(c.kids), ...Array.from({ length: c.span - 1 }, () => cellNode([]))];
    }),
    position: position(r.start, r.end),
  }));
  const table: Table = { type: "table", align: Array.from({ length: columns }, () => null), children: tableRows, position: position(rows[0]!.start, end) };
  out.push(table);
  return out;
}
