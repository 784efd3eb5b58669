// A fast path for the Markdown syntax tree: a small line-based parser for the subset of
// CommonMark + GFM that specs are mostly made of, returning exactly the tree (positions
// included) that parseWhole (micromark + mdast-util-from-markdown) would, or null as soon as
// the text holds anything outside that subset. micromark is slow in a fresh process (V8 warms
// up on its many small functions); this parser takes ~50 ms where micromark takes ~0.4 s.
//
// It is a whitelist: whatever it is not certain of gives null, and the caller parses the text
// with micromark as before. Handled: ATX headings; paragraphs (soft and hard line breaks); blank
// lines; thematic breaks (not "-" ones right after a paragraph, which would be setext); bullet
// and ordered lists, tight or loose, nested by indentation, whose items start with content on
// the marker's line; GFM tables whose rows start with "|"; fenced code (``` and ~~~). Inline:
// plain text, code spans, "_" between letters or digits (literal), "&" not followed by "#" or
// a letter or digit (literal), and "**strong**" where the "**" runs pair up one after another.
// Null for, among others: tabs, "\r", control characters, block quotes, HTML, indented code,
// setext headings, empty list items, task list items, lazy continuation lines, unclosed fences
// in list items, "\\", "<", "[", "]", "~", any other "*" or "_", character references, and
// "www.", "http://", "https://" or "@" outside code spans (GFM autolink literals).
// tests/unit/markdown-fast.test.ts compares it with parseWhole on every spec in the repository
// and the shared corpus, and on thousands of generated documents full of near misses.
import type { Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Strong, Table, TableCell, TableRow } from "mdast";
import type { Point, Position } from "unist";

/** Thrown (and caught in fastMarkdown) when the text leaves the subset. */
const OUT = new Error("not in the fast subset");

/** One line of a container's content: its text, and where that text starts. */
interface Line {
  readonly t: string;
  readonly line: number;
  readonly col: number;
  readonly off: number;
}

const pt = (l: Line, i: number): Point => ({ line: l.line, column: l.col + i, offset: l.off + i });
const pos = (start: Point, end: Point): Position => ({ start, end });

const isBlank = (t: string) => /^ *$/.test(t);
const indentOf = (t: string) => {
  let i = 0;
  while (t.charCodeAt(i) === 32) i++;
  return i;
};

const ATX = /^(#{1,6})(?: |$)/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const THEMATIC = /^(?:(?:\* *){3,}|(?:- *){3,}|(?:_ *){3,})$/;
const ITEM = /^([-*+]|\d{1,9}[.)])( *)(.*)$/;
/** A line that could be a setext underline or a table's delimiter row. */
const UNDERLINE_LIKE = /^[-=|: ]*[-=][-=|: ]*$/;

interface Marker {
  readonly kind: string; // "-", "*", "+", "." or ")"
  readonly num: number | null;
  /** Content column, relative to the line's text. */
  readonly w: number;
}

/** A list item's marker on `t` (already known to have an indent of at most 3), or null. */
function marker(t: string, indent: number): Marker | null {
  const m = ITEM.exec(t.slice(indent));
  if (!m) return null;
  const mk = m[1]!;
  const spaces = m[2]!.length;
  const rest = m[3]!;
  if (spaces === 0 && rest !== "") return null; // "-foo", "1.5"
  if (rest === "" || spaces > 4) throw OUT; // empty item, or indented code in an item
  const ordered = mk.length > 1 || /\d/.test(mk);
  return { kind: ordered ? mk[mk.length - 1]! : mk, num: ordered ? Number.parseInt(mk, 10) : null, w: indent + mk.length + spaces };
}

/** Whether a non-blank line (indent at most 3) ends a paragraph before it; throws when unsure. */
function interrupts(t: string, indent: number): boolean {
  const s = t.slice(indent);
  if (ATX.test(s)) return true;
  const f = FENCE.exec(s);
  if (f) {
    if (f[1]![0] === "`" && f[2]!.includes("`")) throw OUT;
    return true;
  }
  if (UNDERLINE_LIKE.test(s)) throw OUT; // setext underline or table delimiter row
  if (THEMATIC.test(s)) return true;
  const m = marker(t, indent);
  if (m) {
    if (m.num !== null && m.num !== 1) throw OUT;
    return true;
  }
  return false;
}

function checkLine(t: string): void {
  if (t.trimStart().startsWith(">")) throw OUT;
}

/** Block content of a container: the lines are its own, with its indentation taken off. */
function blocks(lines: readonly Line[], top: boolean): RootContent[] {
  const out: RootContent[] = [];
  let i = 0;
  let afterParagraph = false;
  while (i < lines.length) {
    const l = lines[i]!;
    const interrupting = afterParagraph;
    afterParagraph = false;
    if (isBlank(l.t)) {
      i++;
      continue;
    }
    checkLine(l.t);
    const ind = indentOf(l.t);
    if (ind >= 4) throw OUT; // indented code
    const s = l.t.slice(ind);
    // ATX heading
    const h = ATX.exec(s);
    if (h) {
      out.push(heading(l, ind, h[1]!.length));
      i++;
      continue;
    }
    // Fenced code
    const f = FENCE.exec(s);
    if (f) {
      i = fenced(lines, i, ind, f[1]!, f[2]!, top, out);
      continue;
    }
    if (THEMATIC.test(s)) {
      out.push({ type: "thematicBreak", position: pos(pt(l, ind), pt(l, l.t.length)) });
      i++;
      continue;
    }
    const m = marker(l.t, ind);
    if (m) {
      // micromark parses the first line of a list that interrupts a paragraph as if it still
      // interrupted one ("a\n- 2. b": the item holds the paragraph "2. b", not a list).
      if (interrupting && /^([-*+]|\d{1,9}[.)])( |$)/.test(l.t.slice(m.w))) throw OUT;
      i = list(lines, i, out);
      continue;
    }
    if (s[0] === "|" && i + 1 < lines.length && /^ {0,3}\|[-|: ]*-[-|: ]*$/.test(lines[i + 1]!.t)) {
      i = table(lines, i, out);
      continue;
    }
    i = paragraph(lines, i, out);
    afterParagraph = i < lines.length && !isBlank(lines[i]!.t);
  }
  return out;
}

function heading(l: Line, ind: number, depth: number): Heading {
  let a = ind + depth;
  let b = l.t.length;
  while (a < b && l.t.charCodeAt(a) === 32) a++;
  while (b > a && l.t.charCodeAt(b - 1) === 32) b--;
  // Closing sequence: "#"s preceded by a space (or making up all the content).
  let c = b;
  while (c > a && l.t[c - 1] === "#") c--;
  if (c < b && (c === a || l.t[c - 1] === " ")) {
    b = c;
    while (b > a && l.t.charCodeAt(b - 1) === 32) b--;
  }
  const children = a < b ? inline([{ s: l.t.slice(a, b), l, at: a, lead: 0 }]) : [];
  return { type: "heading", depth: depth as Heading["depth"], children, position: pos(pt(l, ind), pt(l, l.t.length)) };
}

function fenced(lines: readonly Line[], i: number, ind: number, fence: string, infoRaw: string, top: boolean, out: RootContent[]): number {
  const l = lines[i]!;
  if (fence[0] === "`" && infoRaw.includes("`")) throw OUT;
  if (/[\\&]/.test(infoRaw)) throw OUT;
  const info = infoRaw.replace(/^ +/, "");
  let lang: string | null = null;
  let meta: string | null = null;
  if (/[^ ]/.test(info)) {
    const sp = info.indexOf(" ");
    if (sp === -1) lang = info;
    else {
      lang = info.slice(0, sp);
      const rest = info.slice(sp).replace(/^ +/, "");
      if (rest !== "") meta = rest;
    }
  }
  const content: string[] = [];
  let j = i + 1;
  let end: Point | null = null;
  const closing = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},} *$`);
  for (; j < lines.length; j++) {
    const t = lines[j]!.t;
    if (closing.test(t)) {
      end = pt(lines[j]!, t.length);
      j++;
      break;
    }
    if (!top && isBlank(t) && t !== "") throw OUT;
    let k = 0;
    while (k < ind && t.charCodeAt(k) === 32) k++;
    content.push(t.slice(k));
  }
  let value = content.join("\n");
  if (!end) {
    if (!top) throw OUT; // unclosed inside a list item
    const last = lines[lines.length - 1]!;
    end = pt(last, last.t.length);
    if (value.endsWith("\n")) value = value.slice(0, -1);
  }
  const node: Code = { type: "code", lang, meta, value, position: pos(pt(l, ind), end) };
  out.push(node);
  return j;
}

function paragraph(lines: readonly Line[], i: number, out: RootContent[]): number {
  const first = lines[i]!;
  const ind = indentOf(first.t);
  const segs: Seg[] = [{ s: first.t.slice(ind), l: first, at: ind, lead: 0 }];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const t = lines[j]!.t;
    if (isBlank(t)) break;
    checkLine(t);
    const k = indentOf(t);
    if (k <= 3 && UNDERLINE_LIKE.test(t.slice(k))) throw OUT;
    if (k <= 3 && interrupts(t, k)) break;
    segs.push({ s: t.slice(k), l: lines[j]!, at: k, lead: k });
  }
  const lastLine = lines[j - 1]!;
  const last = segs[segs.length - 1]!;
  last.s = last.s.replace(/ +$/, "");
  const node: Paragraph = { type: "paragraph", children: inline(segs), position: pos(pt(first, ind), pt(lastLine, lastLine.t.length)) };
  out.push(node);
  return j;
}

/** A row's cells: [start, end) of each cell (from its pipe) and of its trimmed content. */
function cells(t: string, ind: number): { a: number; b: number; ca: number; cb: number }[] {
  const pipes: number[] = [];
  for (let k = ind; k < t.length; k++) if (t[k] === "|") pipes.push(k);
  let end = t.length;
  while (end > ind && t.charCodeAt(end - 1) === 32) end--;
  const tailBlank = pipes[pipes.length - 1] === end - 1;
  if (pipes.length < 2 && tailBlank) throw OUT; // "|" alone
  const out: { a: number; b: number; ca: number; cb: number }[] = [];
  const n = tailBlank ? pipes.length - 1 : pipes.length;
  for (let c = 0; c < n; c++) {
    const a = pipes[c]!;
    const b = c + 1 < n ? pipes[c + 1]! : t.length;
    let ca = a + 1;
    let cb = c + 1 < pipes.length ? pipes[c + 1]! : end;
    while (ca < cb && t.charCodeAt(ca) === 32) ca++;
    while (cb > ca && t.charCodeAt(cb - 1) === 32) cb--;
    out.push({ a, b, ca, cb });
  }
  return out;
}

function table(lines: readonly Line[], i: number, out: RootContent[]): number {
  const head = lines[i]!;
  const delim = lines[i + 1]!;
  const hInd = indentOf(head.t);
  const dInd = indentOf(delim.t);
  const hc = cells(head.t, hInd);
  const dc = cells(delim.t, dInd);
  if (hc.length !== dc.length) throw OUT;
  const align = dc.map(({ ca, cb }) => {
    const d = delim.t.slice(ca, cb);
    if (!/^:?-+:?$/.test(d)) throw OUT;
    const left = d.startsWith(":");
    const right = d.endsWith(":");
    return left && right ? "center" : left ? "left" : right ? "right" : null;
  });
  const row = (l: Line, ind: number, cs: ReturnType<typeof cells>): TableRow => ({
    type: "tableRow",
    children: cs.map(
      (c): TableCell => ({
        type: "tableCell",
        children: c.ca < c.cb ? inline([{ s: l.t.slice(c.ca, c.cb), l, at: c.ca, lead: 0 }]) : [],
        position: pos(pt(l, c.a), pt(l, c.b)),
      }),
    ),
    position: pos(pt(l, ind), pt(l, l.t.length)),
  });
  const rows = [row(head, hInd, hc)];
  let j = i + 2;
  for (; j < lines.length; j++) {
    const l = lines[j]!;
    if (isBlank(l.t)) break;
    const ind = indentOf(l.t);
    if (ind > 3 || l.t[ind] !== "|") throw OUT;
    rows.push(row(l, ind, cells(l.t, ind)));
  }
  const last = lines[j - 1]!;
  const node: Table = { type: "table", align, children: rows, position: pos(pt(head, hInd), pt(last, last.t.length)) };
  out.push(node);
  return j;
}

function list(lines: readonly Line[], i: number, out: RootContent[]): number {
  const ind0 = indentOf(lines[i]!.t);
  const m0 = marker(lines[i]!.t, ind0)!;
  const items: ListItem[] = [];
  let spread = false;
  let j = i;
  for (;;) {
    const l = lines[j]!;
    const ind = indentOf(l.t);
    const m = marker(l.t, ind)!;
    const own: Line[] = [{ t: l.t.slice(m.w), line: l.line, col: l.col + m.w, off: l.off + m.w }];
    let k = j + 1;
    for (; k < lines.length; k++) {
      const t = lines[k]!.t;
      if (isBlank(t)) {
        const cut = Math.min(t.length, m.w);
        own.push({ t: t.slice(cut), line: lines[k]!.line, col: lines[k]!.col + cut, off: lines[k]!.off + cut });
        continue;
      }
      if (indentOf(t) < m.w) break;
      own.push({ t: t.slice(m.w), line: lines[k]!.line, col: lines[k]!.col + m.w, off: lines[k]!.off + m.w });
    }
    // Trailing blank lines belong to the list, not the item.
    let trailing = 0;
    while (own.length > 1 && isBlank(own[own.length - 1]!.t)) {
      own.pop();
      trailing++;
    }
    const children = blocks(own, false) as ListItem["children"];
    let itemSpread = false;
    for (let c = 1; c < children.length; c++) if (children[c]!.position!.start.line - children[c - 1]!.position!.end.line > 1) itemSpread = true;
    const lastOwn = lines[k - 1 - trailing]!;
    items.push({ type: "listItem", spread: itemSpread, checked: null, children, position: pos(pt(l, ind), pt(lastOwn, lastOwn.t.length)) });
    j = k;
    if (j >= lines.length) break;
    const next = lines[j]!.t;
    checkLine(next);
    const nInd = indentOf(next);
    const sibling = nInd <= 3 && !THEMATIC.test(next.slice(nInd)) && marker(next, nInd)?.kind === m0.kind;
    if (sibling) {
      if (trailing > 0) spread = true;
      continue;
    }
    if (trailing === 0 && (nInd > 3 || !interrupts(next, nInd))) throw OUT; // lazy continuation
    break;
  }
  const last = items[items.length - 1]!;
  const node: List = { type: "list", ordered: m0.num !== null, start: m0.num, spread, children: items, position: pos({ ...items[0]!.position!.start }, { ...last.position!.end }) };
  out.push(node);
  // Leave the trailing blank lines to the caller (they are skipped there).
  return j;
}

// ---- Inline content ----

/** One line of inline content: its text and where in the Line it starts; lead: spaces removed before it. */
interface Seg {
  s: string;
  readonly l: Line;
  readonly at: number;
  readonly lead: number;
}

const WS = /\s/;
const PUNCT = /\p{P}|\p{S}/u;
const ALNUM = /[0-9A-Za-z]/;
const isWs = (c: string | undefined) => c === undefined || WS.test(c);
const isPunct = (c: string | undefined) => c !== undefined && PUNCT.test(c);

type Piece = { k: "text" | "break"; a: number; b: number } | { k: "code"; a: number; b: number; value: string } | { k: "open" | "close" | "both"; a: number };

function inline(segs: readonly Seg[]): PhrasingContent[] {
  const r = segs.map((s) => s.s).join("\n");
  const starts: number[] = [];
  let acc = 0;
  for (const s of segs) {
    starts.push(acc);
    acc += s.s.length + 1;
  }
  const point = (x: number): Point => {
    let k = segs.length - 1;
    while (starts[k]! > x) k--;
    const s = segs[k]!;
    return pt(s.l, s.at + (x - starts[k]!));
  };
  // The end of a line ending: column 1 of the next line (for a text node, or a hard break).
  const column1 = (x: number): Point => {
    const l = segs[starts.indexOf(x)]!.l;
    return { line: l.line, column: 1, offset: l.off - l.col + 1 };
  };
  // A text node starts at its first character, or at its line ending when only spaces come
  // before that; one that ends with a line ending ends at the start of the next line.
  const text = (a: number, b: number): PhrasingContent => {
    const value = textValue(r.slice(a, b));
    let sa = a;
    while (r[sa] === " ") sa++;
    const start = r[sa] === "\n" ? point(sa) : point(a);
    const end = r[b - 1] === "\n" ? column1(b) : point(b);
    return { type: "text", value, position: pos(start, end) };
  };
  const pieces: Piece[] = [];
  let textStart = 0;
  const flush = (b: number) => {
    if (b > textStart) pieces.push({ k: "text", a: textStart, b });
  };
  let i = 0;
  while (i < r.length) {
    const c = r[i]!;
    if (c === "`") {
      let n = 1;
      while (r[i + n] === "`") n++;
      // Find a closing run of exactly n backticks.
      let j = i + n;
      let close = -1;
      while (j < r.length) {
        if (r[j] === "`") {
          let e = j;
          while (r[e] === "`") e++;
          if (e - j === n) {
            close = j;
            break;
          }
          j = e;
        } else j++;
      }
      if (close === -1) {
        // micromark's failed attempt at a code span over several lines of a list item moves
        // the end of a later hard break to after the item's indent ("- `  \n  word").
        if (segs.length > 1 && segs[0]!.l.col > 1) throw OUT;
        i += n;
        continue;
      }
      let raw = r.slice(i + n, close);
      for (let x = raw.indexOf("\n"); x !== -1; x = raw.indexOf("\n", x + 1)) {
        const at = i + n + x;
        const k = starts.indexOf(at + 1);
        if (r[at - 1] === " " || k === -1 || segs[k]!.lead > 0) throw OUT;
      }
      // One space (or line ending: mdast keeps those) off each end when both ends are one,
      // unless the content is nothing else.
      const sp = (ch: string | undefined) => ch === " " || ch === "\n";
      if (raw.length >= 2 && sp(raw[0]) && sp(raw[raw.length - 1]) && /[^ \n]/.test(raw)) raw = raw.slice(1, -1);
      flush(i);
      pieces.push({ k: "code", a: i, b: close + n, value: raw });
      i = close + n;
      textStart = i;
      continue;
    }
    if (c === "\\" || c === "<" || c === "[" || c === "]" || c === "~") throw OUT;
    // "&" starts a character reference only before "#" or a letter or digit.
    if (c === "&" && /[#0-9A-Za-z]/.test(r[i + 1] ?? "")) throw OUT;
    if (c === "\n") {
      // Two or more spaces before a line ending: a hard break.
      let sp = i;
      while (sp > textStart && r[sp - 1] === " ") sp--;
      if (i - sp >= 2) {
        flush(sp);
        pieces.push({ k: "break", a: sp, b: i + 1 });
        textStart = i + 1;
      }
      i++;
      continue;
    }
    if (c === "_") {
      let n = 1;
      while (r[i + n] === "_") n++;
      if (!ALNUM.test(r[i - 1] ?? " ") || !ALNUM.test(r[i + n] ?? " ")) throw OUT;
      i += n;
      continue;
    }
    if (c === "*") {
      let n = 1;
      while (r[i + n] === "*") n++;
      if (n !== 2) throw OUT;
      const before = r[i - 1];
      const after = r[i + 2];
      const left = !isWs(after) && (!isPunct(after) || isWs(before) || isPunct(before));
      const right = !isWs(before) && (!isPunct(before) || isWs(after) || isPunct(after));
      if (!left && !right) throw OUT;
      flush(i);
      pieces.push({ k: left && right ? "both" : left ? "open" : "close", a: i });
      i += 2;
      textStart = i;
      continue;
    }
    i++;
  }
  flush(r.length);
  // "**" runs (each can open, close, or both) must pair up one after the other: a run that
  // can close closes the open one, if any; otherwise it must be able to open.
  let open = false;
  for (const p of pieces) {
    if (p.k === "open" || p.k === "close" || p.k === "both") {
      if (open) {
        if (p.k === "open") throw OUT;
        p.k = "close";
        open = false;
      } else {
        if (p.k === "close") throw OUT;
        p.k = "open";
        open = true;
      }
    }
  }
  if (open) throw OUT;
  const top: PhrasingContent[] = [];
  let strong: Strong | null = null;
  for (const p of pieces) {
    if (p.k === "open") {
      strong = { type: "strong", children: [], position: pos(point(p.a), point(p.a)) };
    } else if (p.k === "close") {
      strong!.position!.end = point(p.a + 2);
      top.push(strong!);
      strong = null;
    } else if (p.k === "code" || p.k === "break" || p.k === "text") {
      const node: PhrasingContent =
        p.k === "code" ? { type: "inlineCode", value: p.value, position: pos(point(p.a), point(p.b)) } : p.k === "break" ? { type: "break", position: pos(point(p.a), column1(p.b)) } : text(p.a, p.b);
      (strong ? strong.children : top).push(node);
    }
  }
  return top;
}

function textValue(s: string): string {
  if (/www\.|https?:\/\/|@/i.test(s)) throw OUT; // GFM autolink literals
  return s.replace(/ \n/g, "\n");
}

/** The tree parseWhole(text) would give, when the text is in the subset this parser handles; otherwise null. */
export function fastMarkdown(text: string): Root | null {
  try {
    return fastMarkdownOrThrow(text);
  } catch {
    // A fault of this parser must not stop a run that micromark can finish: null, and micromark
    // parses the text. Tests call fastMarkdownOrThrow, where such a fault fails them.
    return null;
  }
}

/** fastMarkdown, but a fault of its own (anything but leaving the subset) is thrown: for tests. */
export function fastMarkdownOrThrow(text: string): Root | null {
  // Tabs, "\r", NUL and other controls, and a byte order mark: not handled.
  if (/[\0-\x09\x0b-\x1f\x7f\ufeff]/.test(text)) return null;
  const lines: Line[] = [];
  let off = 0;
  let n = 1;
  for (;;) {
    const e = text.indexOf("\n", off);
    const t = e === -1 ? text.slice(off) : text.slice(off, e);
    lines.push({ t, line: n, col: 1, off });
    if (e === -1) break;
    off = e + 1;
    n++;
  }
  try {
    const children = blocks(lines, true);
    const last = lines[lines.length - 1]!;
    return { type: "root", children, position: pos({ line: 1, column: 1, offset: 0 }, pt(last, last.t.length)) };
  } catch (e) {
    if (e === OUT) return null;
    throw e;
  }
}
