// Python tokens: a block's text cut into logical lines (physical lines joined inside brackets
// and after a backslash) of names, numbers, strings (escapes decoded) and operators, each
// line with its indentation and trailing comment; what cannot be cut is a problem at its offset.
import { own } from "./vocabulary.js";

export interface PyString {
  /** The value with escapes decoded (raw strings keep their backslashes). */
  readonly value: string;
  /** Offset of the first character inside the quotes. */
  readonly contentAt: number;
  /** f-string (a template, not a value). */
  readonly formatted: boolean;
}

export interface Tok {
  readonly kind: "name" | "num" | "str" | "op";
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly str?: PyString;
}

/** One logical line: physical lines joined inside brackets and after a backslash. */
export interface Line {
  readonly indent: number;
  readonly toks: Tok[];
  readonly start: number;
  end: number;
  /** The comment at the end of the line, without `#`. */
  comment?: string;
}

export interface Problem {
  readonly at: number;
  readonly message: string;
}

const OPS3 = new Set(["**=", "//=", ">>=", "<<=", "..."]);
const OPS2 = new Set(["->", "**", "//", "==", "!=", "<=", ">=", ":=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="]);
const OP1 = "()[]{},:;.+-*/%|&^~<>=@!";
export const CLOSER: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v" };
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;
const STRING_PREFIX = /^[rRbBuUfF]{1,2}$/;

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

export function tokenize(src: string): { lines: Line[]; problems: Problem[] } {
  const lines: Line[] = [];
  const problems: Problem[] = [];
  const open: { ch: string; at: number }[] = [];
  let cur: Line | null = null;
  let lineStart = true;
  let i = 0;
  const n = src.length;
  const finish = (): void => {
    if (cur && cur.toks.length) lines.push(cur);
    cur = null;
  };
  const push = (t: Tok): void => {
    cur ??= { indent: 0, toks: [], start: t.start, end: t.start };
    cur.toks.push(t);
    cur.end = t.end;
  };
  /** A string literal whose prefix ends at `q` (the opening quote). */
  const readString = (start: number, q: number): number => {
    const prefix = src.slice(start, q);
    const quote = src[q]!;
    const triple = src[q + 1] === quote && src[q + 2] === quote;
    const rawStr = /r/i.test(prefix);
    let j = q + (triple ? 3 : 1);
    const contentAt = j;
    let value = "";
    let chunk = j;
    let end = -1;
    while (j < n) {
      const ch = src[j]!;
      if (ch === "\\" && j + 1 < n) {
        if (!rawStr) {
          value += src.slice(chunk, j);
          const nx = src[j + 1]!;
          if (nx !== "\n") value += own(ESCAPES, nx) ?? ch + nx;
          chunk = j + 2;
        }
        j += 2;
        continue;
      }
      if (ch === quote && (!triple || (src[j + 1] === quote && src[j + 2] === quote))) {
        end = j + (triple ? 3 : 1);
        break;
      }
      if (ch === "\n" && !triple) break;
      j++;
    }
    value += src.slice(chunk, j);
    if (end < 0) {
      problems.push({ at: start, message: "a string is never closed" });
      end = j;
    }
    push({ kind: "str", text: src.slice(start, end), start, end, str: { value, contentAt, formatted: /f/i.test(prefix) } });
    return end;
  };
  while (i < n) {
    if (lineStart && open.length === 0) {
      lineStart = false;
      let col = 0;
      while (i < n && (src[i] === " " || src[i] === "\t" || src[i] === "\f")) {
        col = src[i] === "\t" ? col - (col % 8) + 8 : col + 1;
        i++;
      }
      const c = src[i];
      if (c === undefined) break;
      if (c !== "\n" && c !== "\r" && c !== "#") cur = { indent: col, toks: [], start: i, end: i };
      continue;
    }
    const c = src[i]!;
    const code = src.charCodeAt(i);
    if (c === "\n") {
      i++;
      if (open.length) {
        // A bracket left open swallows everything after it; a definition starting at the left
        // margin is surely not inside it, so the damage stays in the statement it was in.
        if (!/^(?:class\s|def\s|async\s|@)/.test(src.slice(i, i + 6))) continue;
        problems.push({ at: open[0]!.at, message: `"${open[0]!.ch}" is never closed` });
        open.length = 0;
      }
      finish();
      lineStart = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\f" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      let e = src.indexOf("\n", i);
      if (e < 0) e = n;
      if (cur && cur.toks.length) cur.comment = src.slice(i + 1, e).trim();
      i = e;
      continue;
    }
    if (c === "\\" && (src[i + 1] === "\n" || (src[i + 1] === "\r" && src[i + 2] === "\n"))) {
      i += src[i + 1] === "\n" ? 2 : 3;
      continue;
    }
    if (c === "'" || c === '"') {
      i = readString(i, i);
      continue;
    }
    if (isAsciiWord(code) && !(code >= 48 && code <= 57)) {
      let j = i + 1;
      while (j < n && isAsciiWord(src.charCodeAt(j))) j++;
      if (j < n && src.charCodeAt(j) > 127) {
        NAME.lastIndex = i;
        j = i + NAME.exec(src)![0].length;
      }
      if ((src[j] === "'" || src[j] === '"') && STRING_PREFIX.test(src.slice(i, j))) {
        i = readString(i, j);
        continue;
      }
      push({ kind: "name", text: src.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (code > 127) {
      NAME.lastIndex = i;
      const nm = NAME.exec(src);
      if (nm) {
        push({ kind: "name", text: nm[0], start: i, end: i + nm[0].length });
        i += nm[0].length;
        continue;
      }
    }
    if ((code >= 48 && code <= 57) || (c === "." && /\d/.test(src[i + 1] ?? ""))) {
      NUMBER.lastIndex = i;
      const num = NUMBER.exec(src)!;
      push({ kind: "num", text: num[0], start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const op = OPS3.has(src.slice(i, i + 3)) ? src.slice(i, i + 3) : OPS2.has(src.slice(i, i + 2)) ? src.slice(i, i + 2) : OP1.includes(c) ? c : null;
    if (!op) {
      problems.push({ at: i, message: `unexpected character "${c}"` });
      i++;
      continue;
    }
    if (CLOSER[op]) open.push({ ch: op, at: i });
    else if (op === ")" || op === "]" || op === "}") {
      const k = open.map((o) => CLOSER[o.ch]).lastIndexOf(op);
      if (k < 0 || k !== open.length - 1) problems.push({ at: i, message: `unexpected "${op}"` });
      if (k >= 0) open.length = k;
    }
    push({ kind: "op", text: op, start: i, end: i + op.length });
    i += op.length;
  }
  if (open.length) problems.push({ at: open[0]!.at, message: `"${open[0]!.ch}" is never closed` });
  finish();
  return { lines, problems };
}
