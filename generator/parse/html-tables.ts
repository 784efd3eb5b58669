// HTML tables in a Markdown text (`<table>` up to its `</table>`, across the html nodes blank
// lines split it into), turned by the block recovery (recover-blocks.ts) into the `table` node a
// GFM table would have given: each cell's text and inline code at its place in the file,
// entities decoded, <b>/<i>/<code> as strong, emphasis and inline code.
import type { Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow } from "mdast";
import { endOf, type Lines, startOf } from "./source-lines.js";

/** Whether `at` lies inside an HTML comment opened in [from, at). */
export function insideComment(text: string, from: number, at: number): boolean {
  const before = text.slice(from, at);
  const i = before.lastIndexOf("<!--");
  return i >= 0 && !before.includes("-->", i + 4);
}

/** The offset just after the `</table>` closing the table opened at `at` (nested tables counted), or -1. */
export function tableEnd(text: string, at: number): number {
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
export function htmlTable(text: string, lines: Lines, start: number, end: number): RootContent[] | null {
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