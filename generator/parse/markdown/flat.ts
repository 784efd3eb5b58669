// Text with positions: a source text's offset <-> line:column index, and Flat, a piece
// of text carrying the source offset of each character, with its sub-string, trim, concat
// and split.
import type { Span } from "../../base/span.js";
import { lineIndexAt, lineStarts } from "../text.js";

/** Offset <-> line:column for one source text. */
export class LineIndex {
  private readonly starts: number[];
  constructor(readonly src: string, readonly file: string) {
    this.starts = lineStarts(src);
  }
  span(offset: number): Span {
    const lo = lineIndexAt(this.starts, offset);
    return { file: this.file, line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.src.length;
  }
  lineText(line: number): string {
    const s = this.lineStart(line);
    const e = this.starts[line] ?? this.src.length + 1;
    return this.src.slice(s, e - 1);
  }
}

/** A piece of text with the source offset of each character (offs has one extra, the end). */
export interface Flat {
  readonly text: string;
  readonly offs: readonly number[];
}

export function flatSub(f: Flat, start: number, end = f.text.length): Flat {
  return { text: f.text.slice(start, end), offs: f.offs.slice(start, end + 1) };
}

export function flatTrim(f: Flat): Flat {
  let s = 0;
  let e = f.text.length;
  while (s < e && /\s/.test(f.text[s]!)) s++;
  while (e > s && /\s/.test(f.text[e - 1]!)) e--;
  return flatSub(f, s, e);
}

export function flatConcat(parts: Flat[]): Flat {
  let text = "";
  const offs: number[] = [];
  for (const p of parts) {
    text += p.text;
    offs.push(...p.offs.slice(0, p.text.length));
  }
  const last = parts[parts.length - 1];
  offs.push(last ? last.offs[last.text.length]! : 0);
  return { text, offs };
}

/**
 * Split at top-level separators (not inside parentheses, brackets or quotes). An apostrophe inside
 * a word ("User's email") opens no quote.
 */
export function flatSplit(f: Flat, seps: string): Flat[] {
  const out: Flat[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < f.text.length; i++) {
    const c = f.text[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if ((c === "'" && !/[A-Za-z]/.test(f.text[i - 1] ?? "")) || c === '"') quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (depth === 0 && seps.includes(c)) {
      out.push(flatSub(f, start, i));
      start = i + 1;
    }
  }
  out.push(flatSub(f, start));
  return out.map(flatTrim).filter((p) => p.text.length > 0);
}
