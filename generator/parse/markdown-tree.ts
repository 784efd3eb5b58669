// The Markdown syntax tree (mdast, with GFM), parsed piece by piece.
//
// micromark's time grows faster than the text (its list of events is spliced each time a
// block's inline content is tokenised): a 100-table schema (56 kB) took ~0.3 s in one piece,
// most of a `specforge check`. A line that starts with "#" at column 0 is an ATX heading,
// which closes every open block and container, unless it lies inside a fenced code block or
// an HTML block. So the text is cut before such lines (pieces of at least PIECE characters)
// and each piece is parsed on its own, followed by the heading line that begins the next
// piece. That heading must come out as the piece's last top-level node, starting exactly
// where the next piece starts: this proves the cut was at a block boundary (inside a fence
// or an HTML block it would be code or html). The heading is then dropped (the next piece
// has it) and positions are shifted back to lines and offsets of the whole text.
// The one thing that reaches across blocks is a definition (`[x]: url`, `[^x]: note`),
// which turns references anywhere into links; a text with "]:" anywhere is parsed whole, as
// is any text where a cut cannot be proved. tests/unit/markdown-tree.test.ts compares the
// result with the one-piece parse on every spec in the repository and on awkward cases.
// The bundled CLI also keeps each piece's tree from the previous run (useTreeCache; see
// parse-cache.ts), so that only the pieces that changed are parsed again.
// A piece is parsed by fastMarkdown (markdown-fast.ts), a hand-written parser for the subset
// of Markdown that specs are mostly made of, when it is in that subset, and by micromark
// otherwise: the same tree, ~0.4 s less for a 100-table spec in a fresh process.
import { createHash } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { Nodes, Root } from "mdast";
import type { Extension } from "micromark-util-types";
import type { Point } from "unist";
import { fastMarkdown } from "./markdown-fast.js";
import { recoverBlocks } from "./recover-blocks.js";

/** Smallest piece, in characters: below this the per-parse setup costs more than it saves. */
export const PIECE = 2048;

/** The plain parse: CommonMark with all of GFM. */
export function parseFull(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

// GFM's autolink literals (www., http(s)://, e-mail addresses) are attempted at every letter
// and digit, and looked for again in every text node afterwards: ~20 % of a parse. A text
// with no "www", "http" or "@" (in any case) cannot contain one, so it is parsed without
// them, to the same tree. They are found by construct name: if a later version renamed them,
// nothing would be left out and the parse would just be the plain one.
const AUTOLINK_CONSTRUCTS = new Set(["wwwAutolink", "protocolAutolink", "emailAutolink"]);
const MAY_AUTOLINK = /www|http|@/i;

function gfmWithoutAutolinks(): Extension {
  const full = gfm();
  const text: NonNullable<Extension["text"]> = {};
  for (const [code, constructs] of Object.entries(full.text ?? {})) {
    const kept = (Array.isArray(constructs) ? constructs : constructs ? [constructs] : []).filter((c) => !AUTOLINK_CONSTRUCTS.has(c.name ?? ""));
    if (kept.length > 0) text[Number(code)] = kept;
  }
  return { ...full, text };
}

/** The same tree as parseFull, faster for texts without autolink literals. */
export function parseWhole(text: string): Root {
  if (MAY_AUTOLINK.test(text)) return parseFull(text);
  const mdast = gfmFromMarkdown().filter((e) => !(e.enter && "literalAutolink" in e.enter));
  return fromMarkdown(text, { extensions: [gfmWithoutAutolinks()], mdastExtensions: mdast });
}

/** Serialised trees (node:v8, exact for plain data) by the SHA-256 of the text they came from. */
export interface TreeCache {
  get(key: string): Uint8Array | undefined;
  set(key: string, tree: Uint8Array): void;
}

let treeCache: TreeCache | null = null;

/** Use `cache` for the pieces' trees from now on (null: parse everything). */
export function useTreeCache(cache: TreeCache | null): void {
  treeCache = cache;
}

// The hand-written parser for the common subset (markdown-fast.ts) parses a piece when it can,
// micromark otherwise. SPECFORGE_FAST_MARKDOWN=0 turns it off (to compare, or to rule it out).
// With a cache, the cache is asked first and the fast parser's trees are kept too: in a fresh
// process a hit (hash and deserialise) costs about half of the fast parse.
const fastPath = process.env.SPECFORGE_FAST_MARKDOWN !== "0";

function parseText(text: string): Root {
  return (fastPath ? fastMarkdown(text) : null) ?? parseWhole(text);
}

/** fastMarkdown or parseWhole, through the cache when there is one; the caller owns (and may change) the tree. */
function parsePiece(text: string): Root {
  if (!treeCache) return parseText(text);
  const key = createHash("sha256").update(text).digest("hex");
  const hit = treeCache.get(key);
  if (hit) return deserialize(hit) as Root;
  const tree = parseText(text);
  treeCache.set(key, serialize(tree));
  return tree;
}

/** Offsets where pieces start (after 0): column-0 ATX heading lines, PIECE or more apart. */
function cuts(text: string, piece: number): number[] {
  // "\r" alone is a line ending too; rather than track it, such texts are parsed whole.
  if (text.includes("]:") || text.includes("\r")) return [];
  const out: number[] = [];
  let last = 0;
  for (const m of text.matchAll(/^#{1,6}(?=[ \t\n]|$)/gm)) {
    if (m.index - last >= piece && m.index > 0) {
      out.push(m.index);
      last = m.index;
    }
  }
  return out;
}

function movePoint(q: Point, lines: number, offset: number): Point {
  return { line: q.line + lines, column: q.column, ...(q.offset !== undefined ? { offset: q.offset + offset } : {}) };
}

/** Moves a node of a piece (and its descendants) to the whole text's lines and offsets. */
function shift(node: Nodes, lines: number, offset: number): void {
  const p = node.position;
  if (p) node.position = { start: movePoint(p.start, lines, offset), end: movePoint(p.end, lines, offset) };
  if ("children" in node) for (const c of node.children) shift(c, lines, offset);
}

/**
 * The pieces markdownTree parses one by one: [start, end) of the text each covers, and the
 * text parsed, which (for all but the last) runs on to the end of the next piece's heading line.
 */
export function markdownPieces(text: string, piece = PIECE): { start: number; end: number; text: string }[] {
  const at = cuts(text, piece);
  const out: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (const end of at) {
    const eol = text.indexOf("\n", end);
    out.push({ start, end, text: text.slice(start, eol === -1 ? text.length : eol) });
    start = end;
  }
  out.push({ start, end: text.length, text: text.slice(start) });
  return out;
}

/**
 * The tree parse-markdown.ts reads: the parse (parsedTree), with the schema blocks written
 * outside Markdown's own syntax turned into the nodes they stand for (recoverBlocks).
 */
export function markdownTree(text: string, piece = PIECE): Root {
  return recoverBlocks(parsedTree(text, piece), text, parseText);
}

/** The plain CommonMark + GFM tree (the same as parseFull), parsed piece by piece. */
export function parsedTree(text: string, piece = PIECE): Root {
  const pieces = markdownPieces(text, piece);
  if (pieces.length === 1) return parsePiece(text);
  const root: Root = { type: "root", children: [] };
  let line = 0; // lines before the piece's start
  let first: Root | undefined;
  for (const [i, { start, end, text: part }] of pieces.entries()) {
    const last = i === pieces.length - 1;
    const tree = parsePiece(part);
    if (!last) {
      const next = tree.children.pop();
      if (next?.type !== "heading" || next.position?.start.offset !== end - start || next.position.start.column !== 1) return parsePiece(text);
    }
    for (const c of tree.children) {
      shift(c, line, start);
      root.children.push(c);
    }
    if (i === 0) first = tree;
    if (last && first?.position && tree.position) {
      root.position = { start: first.position.start, end: movePoint(tree.position.end, line, start) };
    }
    for (let k = start; k < end; k++) if (text.charCodeAt(k) === 10) line++;
  }
  return root;
}

