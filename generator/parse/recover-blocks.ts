// Schema blocks written outside Markdown's own syntax, recovered as the nodes they stand for.
// markdown-tree.ts runs this on every tree it returns; parsing a stretch of text again is handed in
// (reparse), so this module needs nothing of the parser's.
import type { Code, Nodes, Root, RootContent } from "mdast";
import type { Point } from "unist";
import { htmlTable, insideComment, tableEnd } from "./html-tables.js";
import { endOf, Lines, startOf } from "./source-lines.js";
import { codeRun } from "./unfenced-code.js";

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
