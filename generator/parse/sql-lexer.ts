// The SQL lexer under the SQL readers: a block's text as tokens (words, quoted names, strings,
// numbers, operators, punctuation, statement ends), each with its offsets in the text, past
// comments, dollar quotes and a MySQL client's DELIMITER; what keeps every text the readers take
// a slice of the block at the line:column it was written at.

export interface SqlToken {
  /** "end" ends a statement (";" or a MySQL client DELIMITER). */
  readonly kind: "word" | "qident" | "string" | "number" | "op" | "punct" | "end";
  /** The token as written. */
  readonly text: string;
  /** Words as written; quoted identifiers and strings unquoted and unescaped. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** The first token on its line. */
  readonly lineStart: boolean;
}

export interface LexOptions {
  /** MySQL: `#` comments anywhere, backslash escapes in strings, no dollar quotes. */
  readonly mysql?: boolean;
}

const OP_CHARS = "+-*/<>=~!@#%^&|?:";

/** Tokens of SQL text; comments and white space are skipped, unterminated quotes run to the end. */
export function lexSql(text: string, options: LexOptions = {}): SqlToken[] {
  const mysql = options.mysql ?? false;
  const out: SqlToken[] = [];
  const n = text.length;
  let i = 0;
  let lineStart = true;
  let delimiter = ";";
  const push = (kind: SqlToken["kind"], start: number, end: number, value?: string) => {
    const t = text.slice(start, end);
    out.push({ kind, text: t, value: value ?? t, start, end, lineStart });
    lineStart = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === "\n") {
      lineStart = true;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0") {
      i++;
      continue;
    }
    if (lineStart && (c === "d" || c === "D")) {
      // A MySQL client command, not SQL: `DELIMITER //` ... `//`.
      const m = /delimiter[ \t]+([^\s\w]+)[ \t]*(?=\r?\n|$)/iy;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r) {
        push("end", i, m.lastIndex, "");
        delimiter = r[1]!;
        i = m.lastIndex;
        continue;
      }
    }
    if (delimiter !== ";" && text.startsWith(delimiter, i)) {
      push("end", i, i + delimiter.length);
      i += delimiter.length;
      continue;
    }
    const d = text[i + 1];
    if (c === "-" && d === "-") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "#" && (mysql || lineStart)) {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && d === "*") {
      let depth = 0;
      while (i < n) {
        if (text[i] === "/" && text[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (text[i] === "*" && text[i + 1] === "/") {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
      continue;
    }
    const start = i;
    // Strings, with an optional one-letter prefix (E'..', N'..', B'..', X'..').
    const prefixed = /[EeNnBbXx]/.test(c) && d === "'" && !isIdentChar(text[i - 1]);
    if (c === "'" || prefixed) {
      const backslash = mysql || ((c === "E" || c === "e") && prefixed);
      i = prefixed ? i + 2 : i + 1;
      let value = "";
      while (i < n) {
        const ch = text[i]!;
        if (backslash && ch === "\\" && i + 1 < n) {
          value += unescapeChar(text[i + 1]!);
          i += 2;
        } else if (ch === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      push("string", start, i, value);
      continue;
    }
    if (c === "$" && !mysql && !isIdentChar(text[i - 1])) {
      const m = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;
      m.lastIndex = i;
      const r = m.exec(text);
      if (r) {
        const close = text.indexOf(r[0], m.lastIndex);
        const end = close < 0 ? n : close + r[0].length;
        push("string", start, end, text.slice(m.lastIndex, close < 0 ? n : close));
        i = end;
        continue;
      }
    }
    if (c === '"' || c === "`") {
      i++;
      let value = "";
      while (i < n) {
        if (text[i] === c && text[i + 1] === c) {
          value += c;
          i += 2;
        } else if (text[i] === c) {
          i++;
          break;
        } else value += text[i++];
      }
      push("qident", start, i, value);
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(d ?? ""))) {
      const m = /[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?/y;
      m.lastIndex = i;
      m.exec(text);
      i = Math.max(m.lastIndex, i + 1);
      push("number", start, i);
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentChar(text[i])) i++;
      push("word", start, i);
      continue;
    }
    if (c === ";" && delimiter === ";") {
      push("end", i, i + 1);
      i++;
      continue;
    }
    if ("(),;.[]{}".includes(c)) {
      push("punct", i, i + 1);
      i++;
      continue;
    }
    if (OP_CHARS.includes(c) || c === "$") {
      i++;
      while (i < n && OP_CHARS.includes(text[i]!) && !text.startsWith("--", i) && !text.startsWith("/*", i)) i++;
      if (c === "$") while (i < n && /[0-9]/.test(text[i]!)) i++; // $1 parameters
      push("op", start, i);
      continue;
    }
    push("op", i, i + 1); // anything else: one character
    i++;
  }
  return out;
}

function isIdentStart(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z_]/.test(c) || c.charCodeAt(0) >= 0x80);
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80);
}

function unescapeChar(c: string): string {
  return c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c;
}
