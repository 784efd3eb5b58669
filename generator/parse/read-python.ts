// Python model classes pasted into a spec: SQLModel (`class Task(SQLModel, table=True)`),
// SQLAlchemy 2.0 (`Mapped[...] = mapped_column(...)`) and classic (`Column(...)`, `Table(...)`),
// Django (`models.Model`), Pydantic request bodies (`class TaskCreate(BaseModel)`) and enums,
// read into the raw shape in the texts the IR builder reads (`varchar(32)`, `not null`,
// `references users(id) on delete cascade`, `max length 200`), every text at its place.
//
// The Python these classes use is a small, regular part of the language (class bodies,
// annotated assignments, calls with keyword arguments, literals, comments, decorators,
// continuation lines): a hand-written tokenizer and expression parser read it. Measured on a
// 9 KB block of nine SQLAlchemy models, the whole read here (~2 ms warm) costs a little less
// than tree-sitter's Python grammar (web-tree-sitter + tree-sitter-python's .wasm) takes to
// parse alone, and tree-sitter also costs 20-50 ms to load and ~0.8 MB of runtime files
// (12 MB installed) for a tree this reader would still have to interpret. Code that is not a model
// (functions, queries) is tokenized and skipped; a model class with a syntax error is one
// SF113 warning at the class, and the rest of the block is still read.
import type { Diagnostic } from "../base/diagnostics.js";
import { plural, snakeCase, words } from "../base/naming.js";
import { emptyResult, type BlockReader, type ReaderResult, type SourceBlock } from "./block.js";
import type { RawCheck, RawColumn, RawEnum, RawIndex, RawTable, RawText } from "./raw.js";

/** The Python reader (no parser to load: the first call costs nothing). */
export async function loadPythonReader(): Promise<BlockReader> {
  return (block) => {
    const reader = new PythonReader(block);
    try {
      reader.read();
    } catch (err) {
      // Only a fault of this reader gets here (say, brackets nested past the stack): one warning, never a throw.
      const message = `the python block could not be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)})`;
      reader.out.diagnostics.push({ severity: "warning", code: "SF113", message, span: block.at(0) });
    }
    return reader.out;
  };
}

// ================================================================ tokens

interface PyString {
  /** The value with escapes decoded (raw strings keep their backslashes). */
  readonly value: string;
  /** Offset of the first character inside the quotes. */
  readonly contentAt: number;
  /** f-string (a template, not a value). */
  readonly formatted: boolean;
}

interface Tok {
  readonly kind: "name" | "num" | "str" | "op";
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly str?: PyString;
}

/** One logical line: physical lines joined inside brackets and after a backslash. */
interface Line {
  readonly indent: number;
  readonly toks: Tok[];
  readonly start: number;
  end: number;
  /** The comment at the end of the line, without `#`. */
  comment?: string;
}

interface Problem {
  readonly at: number;
  readonly message: string;
}

const OPS3 = new Set(["**=", "//=", ">>=", "<<=", "..."]);
const OPS2 = new Set(["->", "**", "//", "==", "!=", "<=", ">=", ":=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="]);
const OP1 = "()[]{},:;.+-*/%|&^~<>=@!";
const CLOSER: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0", a: "\x07", b: "\b", f: "\f", v: "\v" };
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;
const STRING_PREFIX = /^[rRbBuUfF]{1,2}$/;

function isAsciiWord(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function tokenize(src: string): { lines: Line[]; problems: Problem[] } {
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

// ================================================================ expressions

type Expr =
  | { readonly k: "name"; readonly id: string; readonly s: number; readonly e: number }
  | { readonly k: "const"; readonly v: "True" | "False" | "None" | "..."; readonly s: number; readonly e: number }
  | { readonly k: "num"; readonly text: string; readonly s: number; readonly e: number }
  | { readonly k: "str"; readonly str: PyString; readonly s: number; readonly e: number }
  | { readonly k: "attr"; readonly obj: Expr; readonly name: string; readonly s: number; readonly e: number }
  | { readonly k: "call"; readonly fn: Expr; readonly args: readonly Arg[]; readonly s: number; readonly e: number }
  | { readonly k: "sub"; readonly obj: Expr; readonly items: readonly Expr[]; readonly s: number; readonly e: number }
  | { readonly k: "seq"; readonly kind: "list" | "tuple" | "set"; readonly items: readonly Expr[]; readonly s: number; readonly e: number }
  | { readonly k: "dict"; readonly s: number; readonly e: number }
  | { readonly k: "bin"; readonly op: string; readonly l: Expr; readonly r: Expr; readonly s: number; readonly e: number }
  | { readonly k: "unary"; readonly op: string; readonly x: Expr; readonly s: number; readonly e: number }
  | { readonly k: "lambda"; readonly body: Expr; readonly s: number; readonly e: number }
  /** Parsed but not kept: comprehensions, conditional expressions, slices, starred items. */
  | { readonly k: "other"; readonly s: number; readonly e: number };

type Call = Extract<Expr, { k: "call" }>;

interface Arg {
  readonly name?: string;
  readonly value: Expr;
  readonly s: number;
  readonly e: number;
  readonly star?: boolean;
}

class SyntaxFail extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set([
  "and", "as", "assert", "async", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
  "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
]);
const LEVELS: readonly (readonly string[])[] = [
  ["or"], ["and"], ["<", ">", "==", ">=", "<=", "!=", "in", "not in", "is", "is not"], ["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "//", "%", "@"],
];
const NOT_LEVEL = 2;

class ExprParser {
  private i = 0;
  constructor(
    private readonly toks: readonly Tok[],
    private readonly endAt: number,
  ) {}

  get done(): boolean {
    return this.i >= this.toks.length;
  }
  private peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  isOp(t: string, k = 0): boolean {
    const x = this.peek(k);
    return !!x && x.kind === "op" && x.text === t;
  }
  isWord(t: string, k = 0): boolean {
    const x = this.peek(k);
    return !!x && x.kind === "name" && x.text === t;
  }
  private at(): number {
    return this.peek()?.start ?? this.endAt;
  }
  private prevEnd(): number {
    return this.toks[this.i - 1]?.end ?? this.endAt;
  }
  next(): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new SyntaxFail(this.endAt, "the line ends too early");
    return t;
  }
  expect(op: string): Tok {
    if (!this.isOp(op)) throw new SyntaxFail(this.at(), `"${op}" expected`);
    return this.next();
  }
  end(): void {
    if (!this.done) throw new SyntaxFail(this.at(), `unexpected "${this.peek()!.text}"`);
  }

  /** Skips tokens up to (not including) one of `stops` outside brackets, or the bracket closing the current one. */
  private skip(stops: readonly string[]): void {
    let depth = 0;
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.kind === "op") {
        if (depth === 0 && stops.includes(t.text)) return;
        if (CLOSER[t.text]) depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") {
          if (depth === 0) return;
          depth--;
        }
      }
      this.i++;
    }
  }

  /** `a, b` without brackets: a tuple. */
  testList(): Expr {
    const first = this.test();
    if (!this.isOp(",")) return first;
    const items = [first];
    while (this.isOp(",")) {
      this.i++;
      if (this.done || this.isOp("=") || this.isOp(")")) break;
      items.push(this.test());
    }
    return { k: "seq", kind: "tuple", items, s: first.s, e: items[items.length - 1]!.e };
  }

  test(): Expr {
    if (this.isWord("lambda")) {
      const s = this.next().start;
      this.skip([":"]);
      this.expect(":");
      const body = this.test();
      return { k: "lambda", body, s, e: body.e };
    }
    const x = this.binary(0);
    if (this.isWord("if")) {
      this.i++;
      this.binary(0);
      if (!this.isWord("else")) throw new SyntaxFail(this.at(), '"else" expected');
      this.i++;
      const y = this.test();
      return { k: "other", s: x.s, e: y.e };
    }
    return x;
  }

  private binary(level: number): Expr {
    if (level === NOT_LEVEL && this.isWord("not")) {
      const s = this.next().start;
      const x = this.binary(NOT_LEVEL);
      return { k: "unary", op: "not", x, s, e: x.e };
    }
    if (level === LEVELS.length) return this.unary();
    let l = this.binary(level + 1);
    for (;;) {
      const op = this.binOp(LEVELS[level]!);
      if (!op) return l;
      const r = this.binary(level + 1);
      l = { k: "bin", op, l, r, s: l.s, e: r.e };
    }
  }

  private binOp(ops: readonly string[]): string | null {
    const t = this.peek();
    if (!t) return null;
    if (t.kind === "op" && ops.includes(t.text)) {
      this.i++;
      return t.text;
    }
    if (t.kind !== "name") return null;
    if (t.text === "not" && this.isWord("in", 1) && ops.includes("not in")) {
      this.i += 2;
      return "not in";
    }
    if (t.text === "is" && ops.includes("is")) {
      const not = this.isWord("not", 1);
      this.i += not ? 2 : 1;
      return not ? "is not" : "is";
    }
    if ((t.text === "or" || t.text === "and" || t.text === "in") && ops.includes(t.text)) {
      this.i++;
      return t.text;
    }
    return null;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t && t.kind === "op" && (t.text === "-" || t.text === "+" || t.text === "~")) {
      this.i++;
      const x = this.unary();
      return { k: "unary", op: t.text, x, s: t.start, e: x.e };
    }
    if (this.isWord("await")) this.i++;
    const base = this.primary();
    if (this.isOp("**")) {
      this.i++;
      const r = this.unary();
      return { k: "bin", op: "**", l: base, r, s: base.s, e: r.e };
    }
    return base;
  }

  private primary(): Expr {
    let x = this.atom();
    for (;;) {
      if (this.isOp(".")) {
        this.i++;
        const n = this.next();
        if (n.kind !== "name") throw new SyntaxFail(n.start, 'a name is expected after "."');
        x = { k: "attr", obj: x, name: n.text, s: x.s, e: n.end };
      } else if (this.isOp("(")) {
        this.i++;
        const args = this.args();
        const close = this.expect(")");
        x = { k: "call", fn: x, args, s: x.s, e: close.end };
      } else if (this.isOp("[")) {
        this.i++;
        const items = this.subscript();
        const close = this.expect("]");
        x = { k: "sub", obj: x, items, s: x.s, e: close.end };
      } else return x;
    }
  }

  private atom(): Expr {
    const t = this.next();
    if (t.kind === "name") {
      if (t.text === "True" || t.text === "False" || t.text === "None") return { k: "const", v: t.text, s: t.start, e: t.end };
      if (KEYWORDS.has(t.text)) throw new SyntaxFail(t.start, `unexpected "${t.text}"`);
      return { k: "name", id: t.text, s: t.start, e: t.end };
    }
    if (t.kind === "num") return { k: "num", text: t.text, s: t.start, e: t.end };
    if (t.kind === "str") {
      // Adjacent literals are one string ("a" "b").
      let str = t.str!;
      let e = t.end;
      while (this.peek()?.kind === "str") {
        const u = this.next();
        str = { value: str.value + u.str!.value, contentAt: str.contentAt, formatted: str.formatted || u.str!.formatted };
        e = u.end;
      }
      return { k: "str", str, s: t.start, e };
    }
    if (t.text === "...") return { k: "const", v: "...", s: t.start, e: t.end };
    if (t.text === "(") return this.group(t, ")", "tuple");
    if (t.text === "[") return this.group(t, "]", "list");
    if (t.text === "{") return this.braces(t);
    if (t.text === "*" || t.text === "**") {
      const x = this.binary(3);
      return { k: "other", s: t.start, e: x.e };
    }
    throw new SyntaxFail(t.start, `unexpected "${t.text}"`);
  }

  private comprehension(open: Tok, close: string): Expr {
    this.skip([]);
    const end = this.expect(close);
    return { k: "other", s: open.start, e: end.end };
  }

  private group(open: Tok, close: string, kind: "tuple" | "list"): Expr {
    const items: Expr[] = [];
    let comma = false;
    while (!this.isOp(close)) {
      const x = this.test();
      if (this.isWord("for") || this.isWord("async")) return this.comprehension(open, close);
      if (this.isOp(":=")) {
        this.i++;
        this.test();
      }
      items.push(x);
      if (!this.isOp(",")) break;
      this.i++;
      comma = true;
    }
    const end = this.expect(close);
    // "(x)" is x itself.
    if (kind === "tuple" && items.length === 1 && !comma) return items[0]!;
    return { k: "seq", kind, items, s: open.start, e: end.end };
  }

  private braces(open: Tok): Expr {
    if (this.isOp("}")) return { k: "dict", s: open.start, e: this.next().end };
    const items: Expr[] = [];
    let dict = false;
    while (!this.isOp("}")) {
      if (this.isOp("**")) {
        this.i++;
        this.binary(3);
        dict = true;
      } else {
        const x = this.test();
        if (this.isWord("for") || this.isWord("async")) return this.comprehension(open, "}");
        if (this.isOp(":")) {
          this.i++;
          this.test();
          dict = true;
          if (this.isWord("for") || this.isWord("async")) return this.comprehension(open, "}");
        } else items.push(x);
      }
      if (!this.isOp(",")) break;
      this.i++;
    }
    const end = this.expect("}");
    return dict ? { k: "dict", s: open.start, e: end.end } : { k: "seq", kind: "set", items, s: open.start, e: end.end };
  }

  private args(): Arg[] {
    const out: Arg[] = [];
    while (!this.isOp(")")) {
      const t = this.peek();
      if (!t) throw new SyntaxFail(this.endAt, '")" expected');
      if (t.kind === "op" && (t.text === "*" || t.text === "**")) {
        this.i++;
        const v = this.test();
        out.push({ value: v, s: t.start, e: v.e, star: true });
      } else if (t.kind === "name" && this.isOp("=", 1)) {
        this.i += 2;
        const v = this.test();
        out.push({ name: t.text, value: v, s: t.start, e: v.e });
      } else {
        const v = this.test();
        if (this.isWord("for") || this.isWord("async")) {
          this.skip([]);
          out.push({ value: { k: "other", s: v.s, e: this.prevEnd() }, s: v.s, e: this.prevEnd() });
          break;
        }
        out.push({ value: v, s: v.s, e: v.e });
      }
      if (!this.isOp(",")) break;
      this.i++;
    }
    return out;
  }

  private subscript(): Expr[] {
    const items: Expr[] = [];
    while (!this.isOp("]")) {
      const s = this.at();
      let x: Expr | null = this.isOp(":") ? null : this.test();
      if (this.isOp(":")) {
        this.skip([","]);
        x = { k: "other", s, e: this.prevEnd() };
      }
      items.push(x!);
      if (!this.isOp(",")) break;
      this.i++;
    }
    return items;
  }
}

// ================================================================ statements

type Stmt =
  | { readonly k: "class"; readonly name: string; readonly nameAt: number; readonly args: readonly Arg[]; readonly inline: readonly Tok[] }
  | { readonly k: "ann"; readonly target: Expr; readonly ann: Expr; readonly value?: Expr }
  | { readonly k: "assign"; readonly targets: readonly Expr[]; readonly value: Expr }
  | { readonly k: "expr"; readonly value: Expr }
  | { readonly k: "import"; readonly names: readonly { readonly origin: string; readonly as: string }[] }
  | { readonly k: "skip" };

/** Statements that open a block or end a function: nothing a model declares. */
const SKIPPED_STATEMENTS = new Set([
  "def", "async", "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "return", "pass", "break", "continue",
  "raise", "global", "nonlocal", "del", "assert", "yield",
]);

const AUGMENTED = new Set(["+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@="]);

function parseStatement(toks: readonly Tok[], endAt: number): Stmt {
  const t0 = toks[0]!;
  if (t0.kind === "op" && t0.text === "@") return { k: "skip" };
  if (t0.kind === "name") {
    if (t0.text === "class") {
      const name = toks[1];
      if (!name || name.kind !== "name") throw new SyntaxFail(name?.start ?? endAt, "a class name is expected");
      // The header ends at the first ":" outside brackets.
      let depth = 0;
      let colon = -1;
      for (let k = 2; k < toks.length && colon < 0; k++) {
        const t = toks[k]!;
        if (t.kind !== "op") continue;
        if (CLOSER[t.text]) depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
        else if (t.text === ":" && depth === 0) colon = k;
      }
      if (colon < 0) throw new SyntaxFail(endAt, '":" expected after the class header');
      const header = new ExprParser(toks.slice(1, colon), toks[colon]!.start);
      const h = header.test();
      header.end();
      // class Name, class Name(bases), class Name[T](bases)
      const args = h.k === "call" ? h.args : [];
      if (h.k !== "call" && h.k !== "name" && !(h.k === "sub" && h.obj.k === "name")) throw new SyntaxFail(toks[2]?.start ?? endAt, "the class header is not understood");
      return { k: "class", name: name.text, nameAt: name.start, args, inline: toks.slice(colon + 1) };
    }
    if (t0.text === "import" || t0.text === "from") return parseImport(toks);
    if (SKIPPED_STATEMENTS.has(t0.text)) return { k: "skip" };
  }
  if (toks.some((t) => t.kind === "op" && AUGMENTED.has(t.text))) return { k: "skip" };
  const p = new ExprParser(toks, endAt);
  const first = p.testList();
  if (p.isOp(":")) {
    p.next();
    const ann = p.test();
    let value: Expr | undefined;
    if (p.isOp("=")) {
      p.next();
      value = p.testList();
    }
    p.end();
    return value ? { k: "ann", target: first, ann, value } : { k: "ann", target: first, ann };
  }
  if (p.isOp("=")) {
    const targets = [first];
    let value: Expr = first;
    while (p.isOp("=")) {
      p.next();
      value = p.testList();
      if (p.isOp("=")) targets.push(value);
    }
    p.end();
    return { k: "assign", targets, value };
  }
  p.end();
  return { k: "expr", value: first };
}

function parseImport(toks: readonly Tok[]): Stmt {
  const names: { origin: string; as: string }[] = [];
  const dotted = (from: number): { name: string; next: number } => {
    let name = "";
    let k = from;
    while (k < toks.length && (toks[k]!.kind === "name" || toks[k]!.text === ".") && toks[k]!.text !== "import" && toks[k]!.text !== "as") name += toks[k++]!.text;
    return { name, next: k };
  };
  if (toks[0]!.text === "from") {
    const mod = dotted(1);
    let k = mod.next + 1; // past "import"
    while (k < toks.length) {
      const t = toks[k]!;
      if (t.kind === "name") {
        const alias = toks[k + 1]?.text === "as" ? toks[k + 2]?.text : undefined;
        names.push({ origin: `${mod.name}.${t.text}`, as: alias ?? t.text });
        k += alias ? 3 : 1;
      } else k++;
    }
  } else {
    let k = 1;
    while (k < toks.length) {
      const d = dotted(k);
      if (!d.name) {
        k++;
        continue;
      }
      const alias = toks[d.next]?.text === "as" ? toks[d.next + 1]?.text : undefined;
      if (alias) names.push({ origin: d.name, as: alias });
      k = alias ? d.next + 2 : d.next;
    }
  }
  return { k: "import", names };
}

// ================================================================ module structure

interface Node {
  readonly line: Line;
  readonly children: Node[];
}

function lineTree(lines: readonly Line[]): Node[] {
  const root: Node[] = [];
  const stack: { indent: number; children: Node[] }[] = [{ indent: -1, children: root }];
  for (const line of lines) {
    while (stack.length > 1 && line.indent <= stack[stack.length - 1]!.indent) stack.pop();
    const node: Node = { line, children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push({ indent: line.indent, children: node.children });
  }
  return root;
}

function lastLine(node: Node): Line {
  let n = node;
  while (n.children.length) n = n.children[n.children.length - 1]!;
  return n.line;
}

interface BodyItem {
  readonly stmt: Stmt;
  readonly comment?: string;
}

interface PyClass {
  readonly name: string;
  readonly nameAt: number;
  readonly start: number;
  readonly end: number;
  readonly args: readonly Arg[];
  readonly body: BodyItem[];
  readonly nested: Map<string, PyClass>;
  readonly outer?: PyClass;
  doc?: string;
  /** The first syntax error inside the class: it is not read. */
  problem?: Problem;
}

const COMPOUND = new Set(["class", "def", "async", "if", "elif", "else", "for", "while", "try", "except", "finally", "with"]);

/** The simple statements of a line; a compound statement (`class X: a = 1; b = 2`) owns everything after its colon. */
function splitSemicolons(toks: readonly Tok[]): Tok[][] {
  const t0 = toks[0];
  if (t0?.kind === "name" && COMPOUND.has(t0.text)) return [[...toks]];
  const out: Tok[][] = [[]];
  for (const t of toks) {
    if (t.kind === "op" && t.text === ";") out.push([]);
    else out[out.length - 1]!.push(t);
  }
  return out.filter((x) => x.length > 0);
}

/** A class from its header statement and its indented lines (`node` null: a one-line class). */
function buildClass(stmt: Extract<Stmt, { k: "class" }>, header: Line, node: Node | null, problems: readonly Problem[], outer?: PyClass): PyClass {
  const start = header.toks[0]!.start;
  const end = node ? lastLine(node).end : header.end;
  const cls: PyClass = { name: stmt.name, nameAt: stmt.nameAt, start, end, args: stmt.args, body: [], nested: new Map(), ...(outer ? { outer } : {}) };
  const problem = problems.find((p) => p.at >= start && p.at <= end);
  if (problem) cls.problem = problem;
  const take = (toks: readonly Tok[], line: Line, comment: string | undefined, child: Node | null): void => {
    let s: Stmt;
    try {
      s = parseStatement(toks, line.end);
    } catch (err) {
      if (!(err instanceof SyntaxFail)) throw err;
      cls.problem ??= { at: err.at, message: err.message };
      return;
    }
    if (s.k === "class") {
      const inner = buildClass(s, line, child, problems, cls);
      cls.nested.set(s.name, inner);
      if (inner.problem) cls.problem ??= inner.problem;
    }
    cls.body.push({ stmt: s, ...(comment ? { comment } : {}) });
  };
  for (const part of splitSemicolons(stmt.inline)) take(part, header, header.comment, null);
  for (const child of node?.children ?? []) {
    const parts = splitSemicolons(child.line.toks);
    parts.forEach((part, i) => take(part, child.line, i === parts.length - 1 ? child.line.comment : undefined, i === 0 ? child : null));
  }
  const first = cls.body[0]?.stmt;
  if (first?.k === "expr" && first.value.k === "str") cls.doc = first.value.str.value.replace(/\s+/g, " ").trim();
  return cls;
}

// ================================================================ what names mean

const ENUM_BASES = new Set(["Enum", "StrEnum", "IntEnum", "Flag", "IntFlag", "TextChoices", "IntegerChoices", "Choices"]);
const INT_ENUM_BASES = new Set(["IntEnum", "IntFlag", "Flag", "IntegerChoices"]);
const DECLARATIVE_BASES = new Set(["DeclarativeBase", "DeclarativeBaseNoMeta", "MappedAsDataclass"]);
/** Names a declarative base usually has when the block does not define it. */
const DECLARATIVE_NAMES = new Set(["Base", "db.Model", "Model"]);
const RELATION_CALLS = new Set(["Relationship", "relationship", "relation", "backref", "association_proxy", "dynamic_loader", "synonym", "composite", "column_property", "query_expression", "deferred", "GenericForeignKey", "GenericRelation", "hybrid_property"]);
const COLUMN_CALLS = new Set(["Column", "mapped_column", "column"]);

const PY_SCALARS: Readonly<Record<string, string>> = {
  int: "integer", str: "string", bool: "boolean", float: "float", bytes: "bytea", bytearray: "bytea",
  datetime: "timestamp", "datetime.datetime": "timestamp", date: "date", "datetime.date": "date", time: "time", "datetime.time": "time",
  timedelta: "interval", "datetime.timedelta": "interval",
  UUID: "uuid", "uuid.UUID": "uuid", UUID1: "uuid", UUID3: "uuid", UUID4: "uuid", UUID5: "uuid",
  Decimal: "decimal", "decimal.Decimal": "decimal",
  dict: "json", Dict: "json", Any: "json", JSON: "json", Json: "json", list: "json", List: "json", Mapping: "json", object: "json",
  StrictStr: "string", SecretStr: "string", StrictInt: "integer", StrictFloat: "float", StrictBool: "boolean", StrictBytes: "bytea",
  AwareDatetime: "timestamp", NaiveDatetime: "timestamp", PastDatetime: "timestamp", FutureDatetime: "timestamp", PastDate: "date", FutureDate: "date",
  IPvAnyAddress: "inet", IPv4Address: "inet", IPv6Address: "inet", "ipaddress.IPv4Address": "inet", "ipaddress.IPv6Address": "inet",
  IPvAnyNetwork: "cidr", IPv4Network: "cidr", IPv6Network: "cidr",
};

/** Pydantic types that carry a rule: the type text and the rule phrase. */
const PY_RULE_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  EmailStr: ["string", "format email"], NameEmail: ["string", "format email"],
  HttpUrl: ["string", "format uri"], AnyUrl: ["string", "format uri"], AnyHttpUrl: ["string", "format uri"], HttpsUrl: ["string", "format uri"], FileUrl: ["string", "format uri"],
  PositiveInt: ["integer", "> 0"], NegativeInt: ["integer", "< 0"], NonNegativeInt: ["integer", "min 0"], NonPositiveInt: ["integer", "max 0"],
  PositiveFloat: ["float", "> 0"], NegativeFloat: ["float", "< 0"], NonNegativeFloat: ["float", "min 0"], NonPositiveFloat: ["float", "max 0"],
};

const RULE_KEYWORDS = new Set(["min_length", "max_length", "min_items", "max_items", "ge", "le", "gt", "lt", "pattern", "regex"]);

const CON_TYPES: Readonly<Record<string, string>> = { constr: "string", conint: "integer", confloat: "float", condecimal: "decimal", conbytes: "bytea", condate: "date", conlist: "[]", conset: "[]" };

/** SQLAlchemy column types -> PostgreSQL type text. */
const SA_TYPES: Readonly<Record<string, (a: TypeArgs) => string | null>> = {
  Integer: () => "integer", INTEGER: () => "integer", INT: () => "integer",
  BigInteger: () => "bigint", BIGINT: () => "bigint",
  SmallInteger: () => "smallint", SMALLINT: () => "smallint",
  String: (a) => sized("varchar", a.num(0, "length")), VARCHAR: (a) => sized("varchar", a.num(0, "length")),
  Unicode: (a) => sized("varchar", a.num(0, "length")), NVARCHAR: (a) => sized("varchar", a.num(0, "length")),
  CHAR: (a) => sized("char", a.num(0, "length")), NCHAR: (a) => sized("char", a.num(0, "length")),
  Text: () => "text", TEXT: () => "text", UnicodeText: () => "text", CLOB: () => "text",
  Boolean: () => "boolean", BOOLEAN: () => "boolean",
  DateTime: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"), DATETIME: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"),
  TIMESTAMP: (a) => (a.flag("timezone") ? "timestamptz" : "timestamp"),
  Date: () => "date", DATE: () => "date",
  Time: (a) => (a.flag("timezone") ? "timetz" : "time"), TIME: (a) => (a.flag("timezone") ? "timetz" : "time"),
  Interval: () => "interval", INTERVAL: () => "interval",
  Numeric: (a) => decimal(a), NUMERIC: (a) => decimal(a), DECIMAL: (a) => decimal(a),
  Float: () => "float", FLOAT: () => "float", REAL: () => "float", Double: () => "float", DOUBLE: () => "float", DOUBLE_PRECISION: () => "float",
  JSON: () => "json", JSONB: () => "jsonb",
  UUID: () => "uuid", Uuid: () => "uuid",
  LargeBinary: () => "bytea", BINARY: () => "bytea", VARBINARY: () => "bytea", BYTEA: () => "bytea", BLOB: () => "bytea",
  INET: () => "inet", CIDR: () => "cidr", MACADDR: () => "macaddr", CITEXT: () => "citext", MONEY: () => "money",
  TSVECTOR: () => "tsvector", HSTORE: () => "hstore", XML: () => "xml",
  Vector: (a) => sized("vector", a.num(0, "dim")), VECTOR: (a) => sized("vector", a.num(0, "dim")),
};

interface TypeArgs {
  /** A number literal given at `index` (-1: keyword only) or as `key=`. */
  num(index: number, key: string): string | undefined;
  flag(key: string): boolean;
}

function sized(name: string, n: string | number | undefined): string {
  return n === undefined ? name : `${name}(${n})`;
}

function decimal(a: TypeArgs): string {
  const p = a.num(0, "precision");
  const s = a.num(1, "scale");
  return p === undefined ? "decimal" : s === undefined ? `decimal(${p})` : `decimal(${p},${s})`;
}

/** Django field classes -> PostgreSQL type text and the rule the class itself states. */
const DJANGO_TYPES: Readonly<Record<string, (a: TypeArgs) => readonly [string, string?]>> = {
  AutoField: () => ["serial"], BigAutoField: () => ["bigserial"], SmallAutoField: () => ["smallserial"],
  CharField: (a) => [sized("varchar", a.num(-1, "max_length"))], TextField: () => ["text"],
  SlugField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 50), "pattern '^[-a-zA-Z0-9_]+$'"],
  EmailField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 254), "format email"],
  URLField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 200), "format uri"],
  UUIDField: () => ["uuid"], IntegerField: () => ["integer"], BigIntegerField: () => ["bigint"], SmallIntegerField: () => ["smallint"],
  PositiveIntegerField: () => ["integer", "min 0"], PositiveSmallIntegerField: () => ["smallint", "min 0"], PositiveBigIntegerField: () => ["bigint", "min 0"],
  FloatField: () => ["float"],
  DecimalField: (a) => {
    const p = a.num(-1, "max_digits");
    const s = a.num(-1, "decimal_places");
    return [p === undefined ? "decimal" : s === undefined ? `decimal(${p})` : `decimal(${p},${s})`];
  },
  BooleanField: () => ["boolean"], NullBooleanField: () => ["boolean"],
  DateField: () => ["date"], DateTimeField: () => ["timestamp"], TimeField: () => ["time"], DurationField: () => ["interval"],
  JSONField: () => ["jsonb"], BinaryField: () => ["bytea"], GenericIPAddressField: () => ["inet"], IPAddressField: () => ["inet"],
  FileField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)], ImageField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)],
  FilePathField: (a) => [sized("varchar", a.num(-1, "max_length") ?? 100)],
  CICharField: () => ["citext"], CITextField: () => ["citext"], CIEmailField: () => ["citext", "format email"],
};
const DJANGO_RELATIONS = new Set(["ForeignKey", "OneToOneField"]);

const ON_DELETE: Readonly<Record<string, string>> = {
  CASCADE: "cascade", "SET NULL": "set null", SET_NULL: "set null", RESTRICT: "restrict", PROTECT: "restrict", "NO ACTION": "no action", DO_NOTHING: "no action",
};

/** Words that name what a request body does, not the table it is about. */
const BODY_SUFFIXES = new Set(["create", "update", "base", "in", "out", "request", "response", "schema", "read", "public", "patch", "put", "input", "output", "payload", "body", "db", "dto"]);
const BODY_PREFIXES = new Set(["create", "update", "new", "base", "patch"]);
/** First words of a body model about signing up or in: its rules are about the users table. */
const AUTH_BODY = /^(register|registration|signup|signin|login|logon|auth|authentication|credentials?|sign_up|sign_in|log_in)(_|$)/;

/** Field(...) keywords with no rule for a table (documentation, serialisation). */
const FIELD_IGNORED = new Set([
  "title", "schema_extra", "alias", "examples", "example", "json_schema_extra", "exclude", "include", "repr", "const", "discriminator", "frozen",
  "validation_alias", "serialization_alias", "allow_mutation", "unique_items", "strict", "init", "init_var", "kw_only", "validate_default", "deprecated",
  "coerce_numbers_to_str", "union_mode", "fail_fast", "allow_inf_nan", "sa_column_kwargs", "sa_column_args", "sa_relationship", "sa_relationship_args",
  "sa_relationship_kwargs", "field_title_generator",
]);
/** mapped_column(...) / Column(...) keywords with nothing to read. */
const COLUMN_IGNORED = new Set([
  "onupdate", "server_onupdate", "key", "quote", "info", "system", "init", "repr", "compare", "kw_only", "hash", "deferred", "deferred_group",
  "deferred_raiseload", "active_history", "sort_order", "use_existing_column", "dataclass_metadata", "insert_sentinel", "_omit_from_statements",
]);
/** Django field keywords with nothing to read. */
const DJANGO_IGNORED = new Set([
  "verbose_name", "blank", "editable", "related_name", "related_query_name", "error_messages", "unique_for_date", "unique_for_month",
  "unique_for_year", "upload_to", "storage", "width_field", "height_field", "protocol", "unpack_ipv4", "db_collation", "limit_choices_to",
  "db_constraint", "swappable", "allow_unicode", "allow_files", "allow_folders", "path", "match", "recursive", "encoder", "decoder", "db_tablespace",
  "serialize", "auto_created", "parent_link",
]);

/** `rec[key]` only for the record's own keys ("toString" is no type name). */
function own<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(rec, key) ? rec[key] : undefined;
}

function dotted(e: Expr): string | null {
  if (e.k === "name") return e.id;
  if (e.k === "attr") {
    const o = dotted(e.obj);
    return o === null ? null : `${o}.${e.name}`;
  }
  return null;
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

function isTrue(e: Expr | undefined): boolean {
  return e?.k === "const" && e.v === "True";
}

function kwarg(call: Call, name: string): Arg | undefined {
  return call.args.find((a) => a.name === name);
}

function positional(call: Call): Arg[] {
  return call.args.filter((a) => !a.name && !a.star);
}

/** A number written as a literal (`5`, `-1.5`, `Decimal("0.01")`), or undefined. */
function numberOf(e: Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.k === "num" && /^[\d_]+(\.[\d_]*)?$/.test(e.text)) return e.text.replace(/_/g, "").replace(/\.$/, "");
  if (e.k === "unary" && (e.op === "-" || e.op === "+")) {
    const n = numberOf(e.x);
    return n === undefined ? undefined : e.op === "-" ? `-${n}` : n;
  }
  if (e.k === "call" && (dotted(e.fn) ?? "").endsWith("Decimal") && e.args.length === 1 && e.args[0]!.value.k === "str") {
    const v = e.args[0]!.value.str.value.trim();
    return /^-?\d+(\.\d+)?$/.test(v) ? v : undefined;
  }
  return undefined;
}

function quoteSql(v: string): string {
  if (!v.includes("'")) return `'${v}'`;
  if (!v.includes('"')) return `"${v}"`;
  return `'${v.replace(/'/g, "''")}'`;
}

/** A pattern phrase the builder reads back exactly (a quoted form cannot hold quotes). */
function patternPhrase(re: string): string {
  if (!/['"`]/.test(re)) return `pattern '${re}'`;
  return `pattern /${re.replace(/(?<!\\)\//g, "\\/")}/`;
}

function oneOfPhrase(values: readonly string[]): string | null {
  if (values.length === 0) return null;
  if (values.every((v) => !/[,()'"]/.test(v))) return `one of (${values.map((v) => `'${v}'`).join(", ")})`;
  if (values.length < 2) return null;
  if (values.every((v) => !v.includes("'"))) return `one of ${values.map((v) => `'${v}'`).join(", ")}`;
  if (values.every((v) => !v.includes('"'))) return `one of ${values.map((v) => `"${v}"`).join(", ")}`;
  return null;
}

// ================================================================ the reader

type Family = "sqlmodel" | "sqlalchemy" | "django" | "pydantic" | "enum" | "declarative" | "none";

interface Phrase {
  readonly text: string;
  readonly at: number;
  /** A value rule (length, bounds, format, pattern, values): what a request body model contributes. */
  readonly rule: boolean;
}

interface ColDraft {
  /** The attribute name in the class (Django's foreign key `owner` is column `owner_id`). */
  readonly field: string;
  readonly name: RawText;
  type: RawText;
  readonly phrases: Phrase[];
  description?: string;
  primaryKey: boolean;
}

interface TableDraft {
  readonly name: RawText;
  readonly description?: string;
  readonly columns: ColDraft[];
  readonly indexes: RawIndex[];
  readonly checks: RawCheck[];
  readonly fragment?: boolean;
}

interface EnumInfo {
  readonly cls: PyClass;
  readonly values: { readonly text: string; readonly at: number }[];
  /** Member name -> stored value. */
  readonly members: ReadonlyMap<string, string>;
  readonly integer: boolean;
}

interface TypeRead {
  /** Type text for a table column ("" when the annotation gives none). */
  readonly sql: string;
  readonly optional: boolean;
  readonly rules: Phrase[];
  readonly relation?: boolean;
  readonly classVar?: boolean;
  readonly list?: boolean;
  /** Values a Literal[...] or an enum allows (a request body states them as a rule). */
  readonly values?: { readonly list: readonly string[]; readonly at: number };
  /** Field(...) calls inside Annotated[...]. */
  readonly fieldCalls: Call[];
}

interface FieldRead {
  readonly phrases: Phrase[];
  explicitNull: boolean | null;
  hasDefault: boolean;
  description?: string;
  indexAt?: number;
  saColumn?: Call;
  saType?: Expr;
  maxDigits?: string;
  decimalPlaces?: string;
}

class PythonReader {
  readonly out: ReaderResult = emptyResult();
  private readonly text: string;
  private readonly classes = new Map<string, PyClass>();
  private readonly origins = new Map<string, string>();
  private readonly declarative = new Set(DECLARATIVE_NAMES);
  private readonly consts = new Map<string, Expr>();
  private readonly families = new Map<PyClass, Family>();
  private readonly enums = new Map<PyClass, EnumInfo>();
  private readonly tableNames = new Map<PyClass, { text: string; at: number; derived: boolean }>();
  /** Everything that becomes output, in the order it is written. */
  private readonly items: ({ k: "class"; cls: PyClass } | { k: "table"; call: Call } | { k: "index"; call: Call })[] = [];

  constructor(private readonly block: SourceBlock) {
    this.text = block.text;
  }

  private raw(text: string, at: number): RawText {
    return { text, span: this.block.at(Math.max(0, Math.min(at, this.text.length))) };
  }
  private warn(message: string, at: number, hint?: string): void {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: this.block.at(Math.max(0, Math.min(at, this.text.length))), ...(hint ? { hint } : {}) };
    this.out.diagnostics.push(d);
  }
  private note(message: string, at: number): void {
    this.out.notes.push({ span: this.block.at(Math.max(0, Math.min(at, this.text.length))), message });
  }
  private src(e: { s: number; e: number }): string {
    return this.text.slice(e.s, e.e);
  }

  // -------------------------------------------------------------- module

  read(): void {
    const { lines, problems } = tokenize(this.text);
    for (const node of lineTree(lines)) {
      const parts = splitSemicolons(node.line.toks);
      for (const [i, part] of parts.entries()) {
        let s: Stmt;
        try {
          s = parseStatement(part, node.line.end);
        } catch (err) {
          if (!(err instanceof SyntaxFail)) throw err;
          // A class whose header cannot be read is still a class the spec meant.
          const m = /^class\s+([A-Za-z_]\w*)/.exec(this.text.slice(part[0]!.start, node.line.end));
          if (m) this.warn(`class ${m[1]} could not be read (${err.message}); it is skipped`, part[0]!.start + m[0].length - m[1]!.length);
          continue;
        }
        if (s.k === "class") {
          const cls = buildClass(s, node.line, i === 0 ? node : null, problems);
          this.classes.set(cls.name, cls);
          this.items.push({ k: "class", cls });
        } else if (s.k === "import") for (const n of s.names) this.origins.set(n.as, n.origin);
        else if (s.k === "assign") this.moduleAssign(s);
        else if (s.k === "expr" && s.value.k === "call" && lastPart(dotted(s.value.fn) ?? "") === "Index") this.items.push({ k: "index", call: s.value });
      }
    }
    for (const item of this.items) if (item.k === "class") this.collectEnums(item.cls);
    for (const item of this.items) {
      try {
        if (item.k === "class") this.readClass(item.cls);
        else if (item.k === "table") this.readTableCall(item.call);
        else this.readModuleIndex(item.call);
      } catch (err) {
        // A fault of this reader must not lose the rest of the block.
        const at = item.k === "class" ? item.cls.nameAt : item.call.s;
        this.warn(`${item.k === "class" ? `class ${item.cls.name}` : "this statement"} could not be read (${err instanceof Error ? err.message : String(err)}); it is skipped`, at);
      }
    }
  }

  private moduleAssign(s: Extract<Stmt, { k: "assign" }>): void {
    const v = s.value;
    const callee = v.k === "call" ? lastPart(this.resolve(dotted(v.fn) ?? "")) : "";
    for (const t of s.targets) {
      const name = dotted(t);
      if (!name) continue;
      if (callee === "declarative_base" || callee === "generate_base" || callee === "as_declarative") this.declarative.add(name);
      else if (callee === "SQLAlchemy") this.declarative.add(`${name}.Model`);
      else this.consts.set(name, v);
    }
    if (callee === "Table" && v.k === "call") this.items.push({ k: "table", call: v });
  }

  /** A name as imported: `sa.Column` -> `sqlalchemy.Column`, `SAEnum` -> `sqlalchemy.Enum`. */
  private resolve(name: string): string {
    const dot = name.indexOf(".");
    const head = dot < 0 ? name : name.slice(0, dot);
    const origin = this.origins.get(head);
    return origin ? origin + (dot < 0 ? "" : name.slice(dot)) : name;
  }

  private calleeOf(e: Expr | undefined): string {
    return e?.k === "call" ? lastPart(this.resolve(dotted(e.fn) ?? "")) : "";
  }

  /** A class of this block by the name written in code (`User`, `"User"`), looked up from inside `from`. */
  private lookupClass(name: string, from?: PyClass): PyClass | undefined {
    for (let c = from; c; c = c.outer) {
      const n = c.nested.get(name);
      if (n) return n;
    }
    return this.classes.get(name);
  }

  private baseNames(c: PyClass): string[] {
    return c.args.filter((a) => !a.name && !a.star).map((a) => dotted(a.value) ?? "").filter(Boolean);
  }

  private family(c: PyClass, seen = new Set<PyClass>()): Family {
    const known = this.families.get(c);
    if (known) return known;
    seen.add(c);
    const f = this.familyOf(c, seen);
    this.families.set(c, f);
    return f;
  }

  private familyOf(c: PyClass, seen: Set<PyClass>): Family {
    const bases = this.baseNames(c);
    if (bases.some((b) => ENUM_BASES.has(lastPart(this.resolve(b))))) return "enum";
    for (const b of bases) {
      const local = b.includes(".") ? undefined : this.lookupClass(b, c.outer);
      if (local && local !== c && !seen.has(local)) {
        const f = this.family(local, seen);
        if (f === "declarative") return "sqlalchemy";
        if (f !== "none") return f;
        continue;
      }
      const full = this.resolve(b);
      const last = lastPart(full);
      if (last === "SQLModel") return "sqlmodel";
      if (b === "models.Model" || /^django\..*\.Model$/.test(full)) return "django";
      if (last === "BaseModel" || last === "RootModel") return "pydantic";
      if (DECLARATIVE_BASES.has(last)) return "declarative";
      if (this.declarative.has(b) && !full.startsWith("django.")) return this.looksDjango(c) ? "django" : "sqlalchemy";
    }
    // Bases this block does not define: what the body declares tells.
    if (this.looksDjango(c)) return "django";
    if (
      c.body.some(({ stmt: s }) => {
        if (s.k === "ann") return (dotted(s.ann.k === "sub" ? s.ann.obj : s.ann) ?? "").endsWith("Mapped") || COLUMN_CALLS.has(this.calleeOf(s.value));
        if (s.k === "assign") return COLUMN_CALLS.has(this.calleeOf(s.value)) || s.targets.some((t) => t.k === "name" && t.id === "__tablename__");
        return false;
      })
    )
      return "sqlalchemy";
    return "none";
  }

  private looksDjango(c: PyClass): boolean {
    return c.body.some(({ stmt: s }) => {
      if (s.k !== "assign" || s.value.k !== "call") return false;
      const d = dotted(s.value.fn) ?? "";
      const last = lastPart(d);
      return (d.startsWith("models.") && (last.endsWith("Field") || DJANGO_RELATIONS.has(last) || last === "ManyToManyField")) || (!d.includes(".") && !!own(DJANGO_TYPES, last));
    });
  }

  /** `__tablename__`, `__abstract__`, Meta options: a class attribute assigned a value. */
  private attr(c: PyClass, name: string): Expr | undefined {
    for (const { stmt: s } of c.body) {
      if (s.k === "assign" && s.targets.some((t) => t.k === "name" && t.id === name)) return s.value;
      if (s.k === "ann" && s.target.k === "name" && s.target.id === name && s.value) return s.value;
    }
    return undefined;
  }

  private localBases(c: PyClass): PyClass[] {
    return this.baseNames(c)
      .filter((b) => !b.includes("."))
      .map((b) => this.lookupClass(b, c.outer))
      .filter((x): x is PyClass => !!x && x !== c);
  }

  /** Whether the class's bases reach a declarative base (else it is a mixin). */
  private reachesDeclarative(c: PyClass, seen = new Set<PyClass>()): boolean {
    seen.add(c);
    for (const b of this.baseNames(c)) {
      const local = b.includes(".") ? undefined : this.lookupClass(b, c.outer);
      if (local && local !== c) {
        if (seen.has(local)) continue;
        if (this.family(local) === "declarative" || this.reachesDeclarative(local, seen)) return true;
        continue;
      }
      const full = this.resolve(b);
      if (this.declarative.has(b) || DECLARATIVE_BASES.has(lastPart(full))) return true;
    }
    return false;
  }

  private djangoMeta(c: PyClass): PyClass | undefined {
    return c.nested.get("Meta");
  }

  private isTable(c: PyClass): boolean {
    switch (this.family(c)) {
      case "sqlmodel":
        return isTrue(c.args.find((a) => a.name === "table")?.value);
      case "sqlalchemy":
        if (isTrue(this.attr(c, "__abstract__"))) return false;
        return this.attr(c, "__tablename__") !== undefined || this.reachesDeclarative(c);
      case "django": {
        const meta = this.djangoMeta(c);
        return !(meta && (isTrue(this.attr(meta, "abstract")) || isTrue(this.attr(meta, "proxy"))));
      }
      default:
        return false;
    }
  }

  /** The class's fields with those of its non-table bases first (as Python orders them). */
  private fields(c: PyClass, seen = new Set<PyClass>()): { item: BodyItem; owner: PyClass }[] {
    seen.add(c);
    const out: { item: BodyItem; owner: PyClass }[] = [];
    const add = (item: BodyItem, owner: PyClass): void => {
      const name = fieldName(item.stmt);
      const k = name === null ? -1 : out.findIndex((x) => fieldName(x.item.stmt) === name);
      if (k >= 0) out[k] = { item, owner };
      else out.push({ item, owner });
    };
    for (const b of this.localBases(c).reverse()) {
      if (seen.has(b) || this.isTable(b) || this.family(b) === "enum") continue;
      for (const f of this.fields(b, seen)) add(f.item, f.owner);
    }
    for (const item of c.body) if (item.stmt.k === "ann" || item.stmt.k === "assign") add(item, c);
    return out;
  }

  // -------------------------------------------------------------- enums

  private collectEnums(c: PyClass): void {
    for (const n of c.nested.values()) this.collectEnums(n);
    if (c.problem || this.family(c) !== "enum") return;
    const bases = this.baseNames(c).map((b) => lastPart(this.resolve(b)));
    const values: { text: string; at: number }[] = [];
    const members = new Map<string, string>();
    let named = false;
    const strEnum = bases.includes("StrEnum") || bases.includes("TextChoices");
    for (const { stmt: s } of c.body) {
      if (s.k !== "assign" || s.targets.length !== 1 || s.targets[0]!.k !== "name") continue;
      const member = s.targets[0] as Extract<Expr, { k: "name" }>;
      if (member.id.startsWith("_")) continue;
      let v = s.value;
      if (v.k === "seq" && v.kind === "tuple" && v.items[0]) v = v.items[0];
      if (v.k === "str") {
        values.push({ text: v.str.value, at: v.str.contentAt });
        members.set(member.id, v.str.value);
      } else if (v.k === "num" || (v.k === "unary" && numberOf(v) !== undefined)) {
        values.push({ text: numberOf(v) ?? v.k, at: v.s });
        members.set(member.id, numberOf(v) ?? "");
        named = true;
      } else if (v.k === "call" && lastPart(dotted(v.fn) ?? "") === "auto") {
        // StrEnum's auto() is the member's name in lower case; other enums number their members.
        const value = strEnum ? member.id.toLowerCase() : member.id;
        values.push({ text: value, at: member.s });
        members.set(member.id, value);
        if (!strEnum) named = true;
      }
    }
    const integer = bases.some((b) => INT_ENUM_BASES.has(b));
    if (named && !integer) {
      // SQLAlchemy stores an enum's member names unless told otherwise.
      values.length = 0;
      for (const { stmt: s } of c.body) {
        if (s.k === "assign" && s.targets.length === 1 && s.targets[0]!.k === "name" && !s.targets[0]!.id.startsWith("_")) {
          values.push({ text: s.targets[0]!.id, at: s.targets[0]!.s });
          members.set(s.targets[0]!.id, s.targets[0]!.id);
        }
      }
      this.note(`enum ${c.name} has values that are not strings: its member names are read as its values`, c.nameAt);
    }
    this.enums.set(c, { cls: c, values, members, integer });
    if (c.outer) return;
    if (integer) {
      this.note(`${c.name} holds numbers: it is not read as a set of text values`, c.nameAt);
      return;
    }
    const e: RawEnum = { name: this.raw(c.name, c.nameAt), values: values.map((v) => this.raw(v.text, v.at)) };
    this.out.enums.push(e);
  }

  private enumOf(name: string, from?: PyClass): EnumInfo | undefined {
    const c = this.lookupClass(name, from);
    return c ? this.enums.get(c) : undefined;
  }

  /** `Status.ACTIVE` of an enum of this block -> its stored value. */
  private enumMember(e: Expr, from?: PyClass): string | undefined {
    if (e.k !== "attr") return undefined;
    const owner = dotted(e.obj);
    if (!owner) return undefined;
    const info = this.enumOf(lastPart(owner), from);
    return info?.members.get(e.name);
  }

  // -------------------------------------------------------------- classes

  private readClass(c: PyClass): void {
    const fam = this.family(c);
    if (fam === "enum" || fam === "declarative" || fam === "none") return;
    const table = this.isTable(c);
    if (c.problem) {
      if (table || fam === "pydantic" || fam === "sqlmodel") this.warn(`class ${c.name} could not be read (${c.problem.message} at ${this.where(c.problem.at)}); it is skipped`, c.nameAt);
      return;
    }
    if (fam === "pydantic" || (fam === "sqlmodel" && !table)) {
      if (this.isBaseOfTable(c)) return;
      this.readBodyModel(c);
      return;
    }
    if (!table) return;
    if (fam === "sqlalchemy") {
      const parent = this.localBases(c).find((b) => this.isTable(b));
      if (parent && this.attr(c, "__tablename__") === undefined) {
        this.warn(`class ${c.name} extends the table class ${parent.name} without a __tablename__ of its own (single-table inheritance); it is not read`, c.nameAt,
          "give it its own __tablename__, or write its columns in the parent class");
        return;
      }
    }
    const draft = fam === "sqlmodel" ? this.readSqlModel(c) : fam === "sqlalchemy" ? this.readSqlAlchemy(c) : this.readDjango(c);
    if (draft.columns.length === 0) {
      this.warn(`class ${c.name} declares no column this reader understands; it is skipped`, c.nameAt);
      return;
    }
    this.emit(draft);
  }

  private where(at: number): string {
    const s = this.block.at(at);
    return `${s.line}:${s.column}`;
  }

  private isBaseOfTable(c: PyClass): boolean {
    for (const other of this.classes.values()) {
      if (other === c || !this.isTable(other)) continue;
      const stack = this.localBases(other);
      const seen = new Set<PyClass>();
      while (stack.length) {
        const b = stack.pop()!;
        if (b === c) return true;
        if (seen.has(b)) continue;
        seen.add(b);
        stack.push(...this.localBases(b));
      }
    }
    return false;
  }

  private tableName(c: PyClass): { text: string; at: number; derived: boolean } {
    const known = this.tableNames.get(c);
    if (known) return known;
    const fam = this.family(c);
    let name: { text: string; at: number; derived: boolean };
    const explicit = fam === "django" ? (this.djangoMeta(c) ? this.attr(this.djangoMeta(c)!, "db_table") : undefined) : this.ownOrInherited(c, "__tablename__");
    if (explicit?.k === "str" && !explicit.str.formatted) name = { text: explicit.str.value, at: explicit.str.contentAt, derived: false };
    else if (fam === "sqlmodel") name = { text: c.name.toLowerCase(), at: c.nameAt, derived: false };
    else {
      const w = words(c.name);
      if (w.length) w[w.length - 1] = plural(w[w.length - 1]!);
      name = { text: w.join("_"), at: c.nameAt, derived: true };
    }
    this.tableNames.set(c, name);
    return name;
  }

  private ownOrInherited(c: PyClass, attr: string, seen = new Set<PyClass>()): Expr | undefined {
    seen.add(c);
    const own = this.attr(c, attr);
    if (own) return own;
    for (const b of this.localBases(c)) if (!seen.has(b) && !this.isTable(b)) return this.ownOrInherited(b, attr, seen);
    return undefined;
  }

  private startTable(c: PyClass): TableDraft {
    const n = this.tableName(c);
    if (n.derived) {
      const what = this.family(c) === "django" ? "Meta.db_table" : "__tablename__";
      this.note(`class ${c.name} names no ${what}: its table is read as "${n.text}"`, c.nameAt);
    }
    return { name: this.raw(n.text, n.at), ...(c.doc ? { description: c.doc } : {}), columns: [], indexes: [], checks: [] };
  }

  private emit(t: TableDraft): void {
    const columns: RawColumn[] = t.columns.map((c) => ({
      name: c.name,
      type: c.type,
      constraints: (t.fragment ? c.phrases.filter((p) => p.rule) : c.phrases).map((p) => this.raw(p.text, p.at)),
      ...(c.description && !t.fragment ? { description: c.description } : {}),
    }));
    const table: RawTable = {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      columns,
      indexes: t.indexes,
      ...(t.checks.length ? { checks: t.checks } : {}),
      notation: "python",
      ...(t.fragment ? { fragment: true } : {}),
    };
    this.out.tables.push(table);
  }

  // -------------------------------------------------------------- types

  /** What an annotation says: `Optional[int]`, `Mapped[str | None]`, `constr(max_length=50)`, `Literal["a", "b"]`. */
  private pyType(e: Expr, from: PyClass | undefined, mode: "table" | "body"): TypeRead {
    const none: TypeRead = { sql: "", optional: false, rules: [], fieldCalls: [] };
    switch (e.k) {
      case "const":
        return e.v === "None" ? { ...none, optional: true } : none;
      case "str": {
        // A forward reference: a scalar spelled in quotes, or (usually) another model.
        const inner = e.str.value.trim();
        if (/^[A-Za-z_][\w.]*$/.test(inner) && (own(PY_SCALARS, inner) || this.enumOf(lastPart(inner), from)))
          return this.pyType({ k: "name", id: inner, s: e.s, e: e.e }, from, mode);
        return { ...none, relation: true };
      }
      case "name":
      case "attr": {
        const d = dotted(e)!;
        const full = this.resolve(d);
        const last = lastPart(full);
        const scalar = own(PY_SCALARS, d) ?? own(PY_SCALARS, full) ?? (full.includes(".") && !d.includes(".") ? own(PY_SCALARS, last) : undefined);
        if (scalar) return { ...none, sql: scalar };
        const ruled = own(PY_RULE_TYPES, last);
        if (ruled) return { ...none, sql: ruled[0], rules: [{ text: ruled[1], at: e.s, rule: true }] };
        const en = this.enumOf(last, from);
        if (en) {
          const values = { list: en.values.map((v) => v.text), at: e.s };
          if (en.integer) return { ...none, sql: "integer" };
          // A nested enum has no RawEnum of its own (two models may each have a "Status"): its values are inline.
          return { ...none, sql: en.cls.outer ? `enum(${values.list.join(", ")})` : en.cls.name, values };
        }
        const cls = d.includes(".") ? undefined : this.lookupClass(d, from);
        if (cls && this.family(cls) !== "none") return { ...none, relation: true };
        return { ...none, sql: d };
      }
      case "sub": {
        const head = lastPart(this.resolve(dotted(e.obj) ?? ""));
        const items = e.items;
        switch (head) {
          case "Optional":
            return { ...this.pyType(items[0] ?? e.obj, from, mode), optional: true };
          case "Union":
            return this.union(items, from, mode, e);
          case "Mapped":
          case "Required":
          case "NotRequired":
          case "Final":
            return items[0] ? this.pyType(items[0], from, mode) : none;
          case "ClassVar":
            return { ...none, classVar: true };
          case "Annotated": {
            const base = items[0] ? this.pyType(items[0], from, mode) : none;
            const rules = [...base.rules];
            const fieldCalls = [...base.fieldCalls];
            for (const m of items.slice(1)) {
              if (m.k !== "call") continue;
              const callee = lastPart(dotted(m.fn) ?? "");
              if (callee === "Field") fieldCalls.push(m);
              else rules.push(...this.constraintCallRules(m, base.list ?? false));
            }
            return { ...base, rules, fieldCalls };
          }
          case "Literal": {
            const vals = items.filter((x): x is Extract<Expr, { k: "str" }> => x.k === "str").map((x) => x.str.value);
            if (vals.length !== items.length || vals.length === 0) return { ...none, sql: items.every((x) => numberOf(x) !== undefined) ? "integer" : "" };
            return { ...none, sql: mode === "table" ? `enum(${vals.join(", ")})` : "string", values: { list: vals, at: e.s } };
          }
          case "List":
          case "list":
          case "Sequence":
          case "Set":
          case "set":
          case "FrozenSet":
          case "frozenset":
          case "Tuple":
          case "tuple": {
            const inner = items[0] ? this.pyType(items[0], from, mode) : none;
            if (inner.relation) return { ...none, relation: true };
            const sql = inner.sql && !/^(json|jsonb)$/.test(inner.sql) && !inner.sql.endsWith("[]") && /^[a-z]/.test(inner.sql) ? `${inner.sql}[]` : "json";
            return { ...none, sql, list: true };
          }
          case "Dict":
          case "dict":
          case "Mapping":
            return { ...none, sql: "json" };
          case "Type":
          case "type":
            return { ...none, relation: true };
          default:
            return { ...none, sql: this.src(e) };
        }
      }
      case "bin":
        if (e.op === "|") return this.union(flattenUnion(e), from, mode, e);
        return { ...none, sql: this.src(e) };
      case "call": {
        const callee = lastPart(this.resolve(dotted(e.fn) ?? ""));
        const base = own(CON_TYPES, callee);
        if (!base) return { ...none, sql: this.src(e) };
        if (base === "[]") {
          const first = positional(e)[0]?.value ?? kwarg(e, "item_type")?.value;
          const inner = first ? this.pyType(first, from, mode) : none;
          return { ...none, sql: inner.sql && /^[a-z]/.test(inner.sql) && inner.sql !== "json" ? `${inner.sql}[]` : "json", list: true, rules: this.constraintCallRules(e, true) };
        }
        let sql = base;
        if (base === "decimal") {
          const p = numberOf(kwarg(e, "max_digits")?.value);
          const s = numberOf(kwarg(e, "decimal_places")?.value);
          if (p !== undefined) sql = s !== undefined ? `decimal(${p},${s})` : `decimal(${p})`;
        }
        return { ...none, sql, rules: this.constraintCallRules(e, false) };
      }
      default:
        return { ...none, sql: this.src(e) };
    }
  }

  private union(items: readonly Expr[], from: PyClass | undefined, mode: "table" | "body", whole: Expr): TypeRead {
    const rest = items.filter((x) => !(x.k === "const" && x.v === "None"));
    const optional = rest.length < items.length;
    if (rest.length === 1) {
      const t = this.pyType(rest[0]!, from, mode);
      return { ...t, optional: t.optional || optional };
    }
    const reads = rest.map((x) => this.pyType(x, from, mode));
    if (reads.some((r) => r.relation)) return { sql: "", optional, rules: [], relation: true, fieldCalls: [] };
    return { sql: reads.every((r) => r.sql === reads[0]!.sql) ? reads[0]!.sql : this.src(whole), optional, rules: [], fieldCalls: [] };
  }

  /** Rules stated by `constr(...)`, `StringConstraints(...)`, annotated-types' `MaxLen(5)`, `Gt(0)`. */
  private constraintCallRules(call: Call, list: boolean): Phrase[] {
    const callee = lastPart(dotted(call.fn) ?? "");
    const out: Phrase[] = [];
    const single: Readonly<Record<string, string>> = { MinLen: "min_length", MaxLen: "max_length", Gt: "gt", Ge: "ge", Lt: "lt", Le: "le" };
    const key = own(single, callee);
    if (key) {
      const p = this.rulePhrase(key, positional(call)[0]?.value, list);
      if (p) out.push({ text: p, at: call.s, rule: true });
      return out;
    }
    if (callee === "Len") {
      const [a, b] = positional(call);
      const lo = a && this.rulePhrase("min_length", a.value, list);
      const hi = b && this.rulePhrase("max_length", b.value, list);
      if (lo) out.push({ text: lo, at: call.s, rule: true });
      if (hi) out.push({ text: hi, at: call.s, rule: true });
      return out;
    }
    for (const a of call.args) {
      if (!a.name) continue;
      const p = this.rulePhrase(a.name, a.value, list);
      if (p) out.push({ text: p, at: a.s, rule: true });
    }
    return out;
  }

  /** A value rule from a keyword (`max_length=200` -> "max length 200"); undefined when the keyword is no rule, null when its value is not a literal. */
  private rulePhrase(key: string, v: Expr | undefined, list: boolean): string | null | undefined {
    if (!RULE_KEYWORDS.has(key)) return undefined;
    // MAX_TITLE = 200 written above the class.
    const value = v?.k === "name" && this.consts.has(v.id) ? this.consts.get(v.id) : v;
    if (key === "pattern" || key === "regex") return value?.k === "str" && !value.str.formatted ? patternPhrase(value.str.value) : null;
    const n = numberOf(value);
    if (n === undefined) return null;
    switch (key) {
      case "min_length":
        return list ? `at least ${n} items` : `min length ${n}`;
      case "max_length":
        return list ? `at most ${n} items` : `max length ${n}`;
      case "min_items":
        return `at least ${n} items`;
      case "max_items":
        return `at most ${n} items`;
      case "ge":
        return `min ${n}`;
      case "le":
        return `max ${n}`;
      case "gt":
        return `> ${n}`;
      default:
        return `< ${n}`;
    }
  }

  /** A column type written in SQLAlchemy (`String(32)`, `sa.Numeric(10, 2)`, `ARRAY(Text)`, `Enum(Status)`); null when it is no type. */
  private saType(e: Expr, from: PyClass | undefined): string | null {
    const call = e.k === "call" ? e : null;
    const d = dotted(call ? call.fn : e);
    if (!d) return null;
    const last = lastPart(this.resolve(d));
    const args: TypeArgs = {
      num: (index, key) => numberOf((index >= 0 && call ? positional(call)[index]?.value : undefined) ?? (call ? kwarg(call, key)?.value : undefined)),
      flag: (key) => !!call && isTrue(kwarg(call, key)?.value),
    };
    if (last === "ARRAY") {
      const inner = call ? (positional(call)[0]?.value ?? kwarg(call, "item_type")?.value) : undefined;
      const t = inner ? this.saType(inner, from) : null;
      return t ? `${t}[]` : null;
    }
    if (last === "Enum" || last === "ENUM") {
      const first = call ? positional(call) : [];
      const strs = first.filter((a) => a.value.k === "str").map((a) => (a.value as Extract<Expr, { k: "str" }>).str.value);
      if (strs.length && strs.length === first.length) return `enum(${strs.join(", ")})`;
      const cls = first[0] ? dotted(first[0].value) : null;
      if (cls) {
        const en = this.enumOf(lastPart(cls), from);
        if (en?.cls.outer) return `enum(${en.values.map((v) => v.text).join(", ")})`;
        return en ? en.cls.name : lastPart(cls);
      }
      return "enum";
    }
    const make = own(SA_TYPES, last);
    if (make) return make(args);
    if (/^[A-Z]/.test(last) && this.enumOf(last, from) && !call) return this.enumOf(last, from)!.cls.name;
    return null;
  }

  // -------------------------------------------------------------- defaults

  /** A Python default (`"x"`, `0`, `True`, `Status.TODO`, `datetime.utcnow`, `uuid.uuid4`, `func.now()`) as a phrase; null when it is none of those; undefined for None. */
  private defaultPhrase(v: Expr, from: PyClass | undefined, callable: boolean): string | null | undefined {
    if (v.k === "const") return v.v === "None" ? undefined : v.v === "True" ? "default true" : v.v === "False" ? "default false" : null;
    const n = numberOf(v);
    if (n !== undefined && (v.k === "num" || v.k === "unary")) return `default ${n}`;
    if (v.k === "str") return v.str.formatted ? null : `default ${quoteSql(v.str.value)}`;
    const member = this.enumMember(v, from);
    if (member !== undefined) return `default ${quoteSql(member)}`;
    const text = this.src(v);
    if (callable || v.k === "call" || v.k === "lambda") {
      if (/\b(utcnow|now|current_timestamp|today)\b/i.test(text)) return "default now()";
      if (/\buuid[147]\b|\bgen_random_uuid\b|\buuid_generate_v4\b/.test(text)) return "default gen_random_uuid()";
      if (/^(dict|Dict)(\(\))?$/.test(text)) return "default {}";
      if (/^(list|List)(\(\))?$/.test(text)) return "default []";
    }
    if (v.k === "seq" && v.items.length === 0 && v.kind === "list") return "default []";
    if (v.k === "dict" && text.replace(/\s/g, "") === "{}") return "default {}";
    return null;
  }

  /** `server_default=`: SQL text (`text("now()")`, `func.now()`, `"0"`, `sa.true()`). */
  private serverDefault(v: Expr): string | null {
    if (v.k === "str") {
      const t = v.str.value.trim();
      if (/^(now\(\)|current_timestamp(\(\))?|current_date|gen_random_uuid\(\)|uuid_generate_v4\(\))$/i.test(t)) return `default ${t}`;
      return `default ${quoteSql(v.str.value)}`;
    }
    if (v.k !== "call") return null;
    const callee = dotted(v.fn) ?? "";
    const last = lastPart(callee);
    const first = positional(v)[0]?.value;
    if ((last === "text" || last === "literal_column") && first?.k === "str") return `default ${first.str.value.trim()}`;
    if (last === "true" || last === "false") return `default ${last}`;
    if (/(^|\.)func\./.test(callee) || callee.startsWith("func.")) {
      if (last === "now" || last === "current_timestamp" || last === "localtimestamp") return "default now()";
      if (v.args.length === 0) return `default ${last}()`;
    }
    return null;
  }

  // -------------------------------------------------------------- SQLModel

  private readSqlModel(c: PyClass): TableDraft {
    const t = this.startTable(c);
    for (const { item, owner } of this.fields(c)) {
      if (item.stmt.k !== "ann") continue;
      const col = this.sqlModelField(item.stmt, item.comment, owner, t, "table");
      if (col) t.columns.push(col);
    }
    this.tableArgs(c, t);
    return t;
  }

  /** One annotated field of a SQLModel class (or a Pydantic model when `mode` is "body"). */
  private sqlModelField(s: Extract<Stmt, { k: "ann" }>, comment: string | undefined, owner: PyClass, t: TableDraft, mode: "table" | "body"): ColDraft | null {
    if (s.target.k !== "name" || s.target.id.startsWith("_")) return null;
    const name = s.target.id;
    const v = s.value;
    if (v && RELATION_CALLS.has(this.calleeOf(v))) return null;
    const ty = this.pyType(s.ann, owner, mode);
    if (ty.classVar || ty.relation) return null;
    const f: FieldRead = { phrases: [...ty.rules], explicitNull: null, hasDefault: false };
    if (comment) f.description = comment;
    for (const call of ty.fieldCalls) this.fieldArgs(call, f, ty, mode, owner);
    if (v) {
      const callee = this.calleeOf(v);
      if (callee === "Field" && v.k === "call") this.fieldArgs(v, f, ty, mode, owner);
      else {
        const d = this.defaultPhrase(v, owner, false);
        if (d) f.phrases.push({ text: d, at: v.s, rule: false });
        else if (d === null && mode === "table") this.warn(`default ${this.src(v)} is not understood`, v.s);
        f.hasDefault = true;
      }
    }
    let typeText = ty.sql;
    let typeAt = s.ann.s;
    if (f.saType) {
      const st = this.saType(f.saType, owner);
      if (st) {
        typeText = st;
        typeAt = f.saType.s;
      }
    }
    if (f.saColumn) {
      const col = this.columnCall(f.saColumn, owner);
      if (col.type) {
        typeText = col.type.text;
        typeAt = col.type.at;
      }
      f.phrases.push(...col.phrases.filter((p) => p.text !== "nullable" && p.text !== "not null"));
      if (col.explicitNull !== null) f.explicitNull = col.explicitNull;
      if (col.indexAt !== undefined) f.indexAt = col.indexAt;
      if (col.description) f.description = col.description;
    }
    if (f.maxDigits !== undefined && typeText === "decimal") typeText = f.decimalPlaces !== undefined ? `decimal(${f.maxDigits},${f.decimalPlaces})` : `decimal(${f.maxDigits})`;
    if (mode === "body") {
      if (ty.values) {
        const p = oneOfPhrase(ty.values.list);
        if (p) f.phrases.unshift({ text: p, at: ty.values.at, rule: true });
      }
      return { field: name, name: this.raw(name, s.target.s), type: this.raw("", s.ann.s), phrases: f.phrases, primaryKey: false };
    }
    if (f.indexAt !== undefined) t.indexes.push({ columns: [name], unique: false, span: this.block.at(f.indexAt) });
    // Pydantic: a field is required (not null) unless it is Optional or has a default of None.
    const nullable = f.explicitNull ?? (ty.optional || (f.hasDefault && v?.k === "const" && v.v === "None"));
    f.phrases.push({ text: nullable ? "nullable" : "not null", at: s.ann.s, rule: false });
    return {
      field: name,
      name: this.raw(name, s.target.s),
      type: this.raw(typeText, typeAt),
      phrases: f.phrases,
      ...(f.description ? { description: f.description } : {}),
      primaryKey: f.phrases.some((p) => p.text === "primary key"),
    };
  }

  /** The keywords of a SQLModel / Pydantic `Field(...)`. */
  private fieldArgs(call: Call, f: FieldRead, ty: TypeRead, mode: "table" | "body", owner: PyClass): void {
    const phrase = (text: string, a: Arg, rule = false) => f.phrases.push({ text, at: a.s, rule });
    for (const a of call.args) {
      if (a.star) continue;
      const v = a.value;
      if (!a.name) {
        // Field("x"): the default; Field(...): required.
        const d = v.k === "const" && v.v === "..." ? undefined : this.defaultPhrase(v, owner, false);
        if (d) {
          phrase(d, a);
          f.hasDefault = true;
        }
        continue;
      }
      const k = a.name;
      const rule = this.rulePhrase(k, v, ty.list ?? false);
      if (rule) {
        phrase(rule, a, true);
        continue;
      }
      if (rule === null) {
        this.warn(`Field argument ${k}=${this.src(v)} is not understood; it is ignored`, a.s);
        continue;
      }
      switch (k) {
        case "primary_key":
          if (isTrue(v)) phrase("primary key", a);
          break;
        case "unique":
          if (isTrue(v)) phrase("unique", a);
          break;
        case "nullable":
          f.explicitNull = isTrue(v);
          break;
        case "index":
          if (isTrue(v)) f.indexAt = a.s;
          break;
        case "foreign_key": {
          const ref = v.k === "str" ? /^(?:[A-Za-z_]\w*\.)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(v.str.value) : null;
          if (ref) phrase(`references ${ref[1]}(${ref[2]})`, a);
          else this.warn(`foreign key ${this.src(v)} is not understood`, a.s);
          break;
        }
        case "ondelete":
        case "on_delete": {
          const od = v.k === "str" ? own(ON_DELETE, v.str.value.trim().toUpperCase()) : undefined;
          if (od) phrase(`on delete ${od}`, a);
          else this.warn(`${k}=${this.src(v)} is not understood; it is ignored`, a.s);
          break;
        }
        case "default": {
          const d = this.defaultPhrase(v, owner, false);
          if (d) {
            phrase(d, a);
            f.hasDefault = true;
          } else if (d === undefined) f.hasDefault = true;
          else if (mode === "table") this.warn(`default ${this.src(v)} is not understood`, a.s);
          break;
        }
        case "default_factory": {
          const d = this.defaultPhrase(v, owner, true);
          if (d) phrase(d, a);
          else if (mode === "table") this.warn(`default_factory ${this.src(v)} is not understood`, a.s);
          f.hasDefault = true;
          break;
        }
        case "description":
          if (v.k === "str") f.description = v.str.value;
          break;
        case "sa_column":
          if (v.k === "call") f.saColumn = v;
          break;
        case "sa_type":
          f.saType = v;
          break;
        case "max_digits":
          f.maxDigits = numberOf(v);
          break;
        case "decimal_places":
          f.decimalPlaces = numberOf(v);
          break;
        default:
          if (!FIELD_IGNORED.has(k)) this.warn(`Field argument ${k} is not understood; it is ignored`, a.s);
      }
    }
  }

  // -------------------------------------------------------------- Pydantic request bodies

  private readBodyModel(c: PyClass): void {
    const target = this.bodyTarget(c);
    if (!target) return;
    const t: TableDraft = { name: this.raw(target, c.nameAt), columns: [], indexes: [], checks: [], fragment: true };
    for (const { item, owner } of this.fields(c)) {
      if (item.stmt.k !== "ann") continue;
      const col = this.sqlModelField(item.stmt, undefined, owner, t, "body");
      if (col && col.phrases.some((p) => p.rule)) t.columns.push(col);
    }
    if (t.columns.length === 0) return;
    this.note(`${c.name} is a request body model: its rules are read for table "${target}"`, c.nameAt);
    this.emit(t);
  }

  /** The table a body model is about: `TaskCreate` -> tasks, `UserInDB` -> users, `RegisterRequest` -> users. */
  private bodyTarget(c: PyClass): string | null {
    const w = words(c.name);
    if (AUTH_BODY.test(w.join("_"))) return this.tableFor(["user"]) ?? "users";
    while (w.length > 1 && BODY_SUFFIXES.has(w[w.length - 1]!)) w.pop();
    while (w.length > 1 && BODY_PREFIXES.has(w[0]!)) w.shift();
    if (w.length === 0 || (w.length === 1 && (BODY_SUFFIXES.has(w[0]!) || BODY_PREFIXES.has(w[0]!)))) return null;
    const found = this.tableFor(w);
    if (found) return found;
    w[w.length - 1] = plural(w[w.length - 1]!);
    return w.join("_");
  }

  /** The table of a table class of this block whose name is these words. */
  private tableFor(w: readonly string[]): string | null {
    const key = w.join("_");
    for (const c of this.classes.values()) if (snakeCase(c.name) === key && this.isTable(c) && !c.problem) return this.tableName(c).text;
    return null;
  }

  // -------------------------------------------------------------- SQLAlchemy

  private readSqlAlchemy(c: PyClass): TableDraft {
    const t = this.startTable(c);
    for (const { item, owner } of this.fields(c)) {
      const s = item.stmt;
      let target: Expr | undefined;
      let ann: Expr | undefined;
      let value: Expr | undefined;
      if (s.k === "ann") ({ target, ann, value } = s);
      else if (s.k === "assign" && s.targets.length === 1) {
        target = s.targets[0];
        value = s.value;
      }
      if (!target || target.k !== "name" || target.id.startsWith("_")) continue;
      const callee = this.calleeOf(value);
      if (RELATION_CALLS.has(callee)) continue;
      const mapped = ann && ann.k === "sub" && lastPart(dotted(ann.obj) ?? "") === "Mapped";
      if (value && !COLUMN_CALLS.has(callee)) continue;
      if (!value && !mapped) continue;
      const ty = ann ? this.pyType(ann, owner, "table") : undefined;
      if (!value && ty?.relation) continue;
      if (ty?.classVar) continue;
      const col = value?.k === "call" ? this.columnCall(value, owner) : { phrases: [], explicitNull: null, primaryKey: false } as ColumnRead;
      if (!col.type && ty?.relation && !col.phrases.some((p) => p.text.startsWith("references"))) continue;
      const name = col.name ?? { text: target.id, at: target.s };
      const phrases = [...(ty?.rules ?? []), ...col.phrases];
      if (col.explicitNull === null && !col.primaryKey) {
        // SQLAlchemy 2.0: Mapped[str] is NOT NULL, Mapped[str | None] nullable; a bare Column is nullable.
        if (mapped && ann) phrases.push({ text: ty!.optional ? "nullable" : "not null", at: ann.s, rule: false });
        else phrases.push({ text: "nullable", at: value?.s ?? target.s, rule: false });
      }
      if (col.indexAt !== undefined) t.indexes.push({ columns: [name.text], unique: false, span: this.block.at(col.indexAt) });
      const type = col.type ?? (ty && ty.sql ? { text: ty.sql === "string" ? "varchar" : ty.sql, at: ann!.s } : { text: "", at: ann?.s ?? name.at });
      t.columns.push({
        field: target.id,
        name: this.raw(name.text, name.at),
        type: this.raw(type.text, type.at),
        phrases,
        ...(col.description ?? item.comment ? { description: (col.description ?? item.comment)! } : {}),
        primaryKey: col.primaryKey,
      });
    }
    this.tableArgs(c, t);
    return t;
  }

  /** `__table_args__ = (UniqueConstraint(...), Index(...), CheckConstraint(...), {...})`. */
  private tableArgs(c: PyClass, t: TableDraft): void {
    const v = this.ownOrInherited(c, "__table_args__");
    if (!v || v.k === "dict") return;
    const entries = v.k === "seq" ? v.items : [v];
    for (const e of entries) {
      if (e.k === "dict") continue;
      if (e.k !== "call") {
        this.warn(`${this.src(e)} in __table_args__ is not understood; it is ignored`, e.s);
        continue;
      }
      this.tableConstraint(e, t, c);
    }
  }

  /** A column given as "name", `Task.name` or `name` -> its column name in `t`. */
  private columnRef(e: Expr, t: TableDraft): string | null {
    if (e.k === "str") return e.str.value;
    const d = dotted(e);
    if (!d) return null;
    const field = lastPart(d);
    return t.columns.find((c) => c.field === field)?.name.text ?? field;
  }

  private tableConstraint(call: Call, t: TableDraft, c: PyClass | null): void {
    const callee = this.calleeOf(call);
    const name = kwarg(call, "name")?.value;
    const constraintName = name?.k === "str" ? name.str.value : undefined;
    const cols = (args: readonly Arg[]): string[] | null => {
      const out = args.map((a) => this.columnRef(a.value, t));
      return out.every((x): x is string => x !== null) ? out : null;
    };
    switch (callee) {
      case "UniqueConstraint":
      case "Index": {
        const args = positional(call);
        const idxName = callee === "Index" && args[0]?.value.k === "str" ? args[0].value.str.value : constraintName;
        const colArgs = callee === "Index" ? args.slice(1) : args;
        const list = cols(colArgs);
        const unique = callee === "UniqueConstraint" || isTrue(kwarg(call, "unique")?.value);
        if (!list || list.length === 0) {
          this.warn(`${callee} on an expression is not read; it is ignored`, call.s);
          return;
        }
        if (unique && call.args.some((a) => a.name && /_where$/.test(a.name))) {
          this.warn(`a partial unique ${callee === "Index" ? "index" : "constraint"} is not read (it would forbid more than the spec says); it is ignored`, call.s);
          return;
        }
        t.indexes.push({ columns: list, unique, ...(idxName ? { name: idxName } : {}), span: this.block.at(call.s) });
        return;
      }
      case "CheckConstraint": {
        const sql = positional(call)[0]?.value ?? kwarg(call, "sqltext")?.value;
        if (sql?.k !== "str" || sql.str.formatted) {
          this.warn("CheckConstraint without a literal SQL text is not read; it is ignored", call.s);
          return;
        }
        t.checks.push({ expression: this.raw(sql.str.value.trim(), sql.str.contentAt + (sql.str.value.length - sql.str.value.trimStart().length)), ...(constraintName ? { name: constraintName } : {}), dialect: "postgresql" });
        return;
      }
      case "PrimaryKeyConstraint": {
        const list = cols(positional(call));
        for (const n of list ?? []) {
          const col = t.columns.find((x) => x.name.text === n);
          if (col) {
            col.phrases.push({ text: "primary key", at: call.s, rule: false });
            col.primaryKey = true;
          } else this.warn(`PrimaryKeyConstraint names "${n}", which is not a column of ${t.name.text}`, call.s);
        }
        return;
      }
      case "ForeignKeyConstraint": {
        const [local, remote] = positional(call).map((a) => a.value);
        const l = local?.k === "seq" ? cols(local.items.map((x) => ({ value: x, s: x.s, e: x.e }))) : null;
        const r = remote?.k === "seq" ? remote.items.map((x) => (x.k === "str" ? x.str.value : dotted(x))) : null;
        if (!l || !r || l.length !== 1 || r.length !== 1 || !r[0]) {
          this.warn("ForeignKeyConstraint over several columns is not read; it is ignored", call.s);
          return;
        }
        const ref = this.fkTarget(r[0], c ?? undefined);
        const col = t.columns.find((x) => x.name.text === l[0]);
        if (!ref || !col) {
          this.warn(`ForeignKeyConstraint ${this.src(call)} is not understood; it is ignored`, call.s);
          return;
        }
        col.phrases.push({ text: `references ${ref}${this.onDeleteSuffix(call)}`, at: call.s, rule: false });
        return;
      }
      default:
        this.warn(`${callee || this.src(call.fn)} in __table_args__ is not understood; it is ignored`, call.s);
    }
  }

  private onDeleteSuffix(call: Call): string {
    const v = kwarg(call, "ondelete")?.value;
    if (v?.k !== "str") return "";
    const od = own(ON_DELETE, v.str.value.trim().toUpperCase());
    if (!od) this.warn(`ondelete=${this.src(v)} is not understood; it is ignored`, v.s);
    return od ? ` on delete ${od}` : "";
  }

  /** "users.id", "public.users.id", `User.id`, `users.c.id` -> "users(id)". */
  private fkTarget(ref: string, from?: PyClass): string | null {
    const parts = ref.split(".").filter((p) => p !== "c");
    if (parts.length < 2) return null;
    const col = parts[parts.length - 1]!;
    const tbl = parts[parts.length - 2]!;
    const cls = this.lookupClass(tbl, from);
    if (cls && this.isTable(cls)) {
      return `${this.tableName(cls).text}(${col})`;
    }
    if (!/^[A-Za-z_]\w*$/.test(tbl) || !/^[A-Za-z_]\w*$/.test(col)) return null;
    return `${tbl}(${col})`;
  }

  /** `Column(...)` / `mapped_column(...)` / SQLModel's `sa_column=Column(...)`. */
  private columnCall(call: Call, from: PyClass | undefined): ColumnRead {
    const r: ColumnRead = { phrases: [], explicitNull: null, primaryKey: false };
    const fn = this.calleeOf(call);
    const phrase = (text: string, at: number, rule = false) => r.phrases.push({ text, at, rule });
    positional(call).forEach((a, i) => {
      const v = a.value;
      if (i === 0 && v.k === "str") {
        r.name = { text: v.str.value, at: v.str.contentAt };
        return;
      }
      const callee = this.calleeOf(v);
      if (callee === "ForeignKey") {
        const fk = v as Call;
        const target = positional(fk)[0]?.value ?? kwarg(fk, "column")?.value;
        const refText = target ? (target.k === "str" ? target.str.value : dotted(target)) : null;
        const ref = refText ? this.fkTarget(refText, from) : null;
        if (ref) phrase(`references ${ref}${this.onDeleteSuffix(fk)}`, fk.s);
        else this.warn(`foreign key ${target ? this.src(target) : "()"} is not understood`, fk.s);
        return;
      }
      if (callee === "CheckConstraint") {
        const sql = positional(v as Call)[0]?.value;
        if (sql?.k === "str" && !sql.str.formatted) phrase(`check (${sql.str.value.trim()})`, v.s);
        else this.warn("CheckConstraint without a literal SQL text is not read; it is ignored", v.s);
        return;
      }
      if (callee === "Identity" || callee === "Sequence") {
        phrase("auto increment", v.s);
        return;
      }
      const t = this.saType(v, from);
      if (t && !r.type) {
        r.type = { text: t, at: v.s };
        return;
      }
      const d = dotted(v.k === "call" ? v.fn : v);
      if (d && /^[A-Z]/.test(lastPart(d)) && !r.type && callee !== "Computed") {
        // A type this reader does not know: passed on as written, for the builder to judge.
        const nums = v.k === "call" ? positional(v).map((x) => numberOf(x.value)).filter((x) => x !== undefined) : [];
        r.type = { text: lastPart(d).toLowerCase() + (nums.length ? `(${nums.join(",")})` : ""), at: v.s };
        return;
      }
      this.warn(`${this.src(v)} in ${fn || "the column"} is not understood; it is ignored`, v.s);
    });
    for (const a of call.args) {
      if (!a.name) continue;
      const v = a.value;
      switch (a.name) {
        case "primary_key":
          if (isTrue(v)) {
            phrase("primary key", a.s);
            r.primaryKey = true;
          }
          break;
        case "nullable":
          r.explicitNull = isTrue(v);
          phrase(isTrue(v) ? "nullable" : "not null", a.s);
          break;
        case "unique":
          if (isTrue(v)) phrase("unique", a.s);
          break;
        case "index":
          if (isTrue(v)) r.indexAt = a.s;
          break;
        case "default":
        case "insert_default":
        case "default_factory": {
          const d = this.defaultPhrase(v, from, a.name === "default_factory" || v.k !== "call");
          if (d) phrase(d, a.s);
          else if (d === null) this.warn(`default ${this.src(v)} is not understood`, a.s);
          break;
        }
        case "server_default": {
          const d = this.serverDefault(v);
          if (d) phrase(d, a.s);
          else this.warn(`server_default ${this.src(v)} is not understood`, a.s);
          break;
        }
        case "autoincrement":
          if (isTrue(v)) phrase("auto increment", a.s);
          break;
        case "comment":
        case "doc":
          if (v.k === "str") r.description = v.str.value;
          break;
        case "name":
          if (v.k === "str") r.name = { text: v.str.value, at: v.str.contentAt };
          break;
        case "type_": {
          const t = this.saType(v, from);
          if (t) r.type = { text: t, at: v.s };
          break;
        }
        default:
          if (!COLUMN_IGNORED.has(a.name)) this.warn(`${fn || "Column"} argument ${a.name} is not understood; it is ignored`, a.s);
      }
    }
    return r;
  }

  /** `users = Table("users", metadata, Column("id", Integer, primary_key=True), ...)`. */
  private readTableCall(call: Call): void {
    const args = positional(call);
    const first = args[0]?.value;
    if (first?.k !== "str") {
      this.warn("Table(...) without a literal name is not read", call.s);
      return;
    }
    const t: TableDraft = { name: this.raw(first.str.value, first.str.contentAt), columns: [], indexes: [], checks: [] };
    for (const a of args.slice(2)) {
      const v = a.value;
      if (v.k !== "call") continue;
      if (!COLUMN_CALLS.has(this.calleeOf(v))) {
        this.tableConstraint(v, t, null);
        continue;
      }
      const col = this.columnCall(v, undefined);
      if (!col.name) {
        this.warn("a Column of Table(...) without a literal name is not read", v.s);
        continue;
      }
      if (col.explicitNull === null && !col.primaryKey) col.phrases.push({ text: "nullable", at: v.s, rule: false });
      if (col.indexAt !== undefined) t.indexes.push({ columns: [col.name.text], unique: false, span: this.block.at(col.indexAt) });
      t.columns.push({
        field: col.name.text,
        name: this.raw(col.name.text, col.name.at),
        type: this.raw(col.type?.text ?? "", col.type?.at ?? v.s),
        phrases: col.phrases,
        ...(col.description ? { description: col.description } : {}),
        primaryKey: col.primaryKey,
      });
    }
    this.emit(t);
  }

  /** `Index("ix_tasks_user", Task.user_id, Task.created_at)` written after the classes. */
  private readModuleIndex(call: Call): void {
    const args = positional(call);
    const name = args[0]?.value.k === "str" ? args[0].value.str.value : undefined;
    const cols = args.slice(1).map((a) => dotted(a.value));
    const owners = [...new Set(cols.map((d) => (d && d.includes(".") ? d.slice(0, d.lastIndexOf(".")) : null)))];
    const cls = owners.length === 1 && owners[0] ? this.lookupClass(owners[0]) : undefined;
    if (!cls || !this.isTable(cls) || cols.some((d) => !d)) {
      this.warn("Index(...) outside a class is read only on columns of one model class (Index(\"name\", Task.a, Task.b)); it is ignored", call.s);
      return;
    }
    this.out.indexes.push({
      columns: cols.map((d) => lastPart(d!)),
      unique: isTrue(kwarg(call, "unique")?.value),
      ...(name ? { name } : {}),
      table: this.tableName(cls).text,
      span: this.block.at(call.s),
    });
  }

  // -------------------------------------------------------------- Django

  private readDjango(c: PyClass): TableDraft {
    const t = this.startTable(c);
    for (const { item, owner } of this.fields(c)) {
      const s = item.stmt;
      if (s.k !== "assign" || s.targets.length !== 1 || s.targets[0]!.k !== "name" || s.value.k !== "call") continue;
      const target = s.targets[0] as Extract<Expr, { k: "name" }>;
      const call = s.value;
      const fn = lastPart(this.resolve(dotted(call.fn) ?? ""));
      if (fn === "ManyToManyField") {
        this.note(`${c.name}.${target.id} is a many-to-many relation: its join table is not written in the spec, so it is not read`, target.s);
        continue;
      }
      if (RELATION_CALLS.has(fn) || fn === "Manager" || fn.endsWith("Manager")) continue;
      if (!own(DJANGO_TYPES, fn) && !DJANGO_RELATIONS.has(fn) && fn !== "ArrayField") {
        if (fn.endsWith("Field")) this.warn(`the field type ${fn} is not understood; ${c.name}.${target.id} is skipped`, call.s);
        continue;
      }
      const col = this.djangoField(target, call, fn, owner, item.comment);
      if (!col) continue;
      t.columns.push(col.col);
      if (col.indexAt !== undefined) t.indexes.push({ columns: [col.col.name.text], unique: false, span: this.block.at(col.indexAt) });
    }
    if (!t.columns.some((x) => x.primaryKey)) {
      // Django gives every model without a primary key an "id" that counts up.
      t.columns.unshift({ field: "id", name: this.raw("id", c.nameAt), type: this.raw("bigserial", c.nameAt), phrases: [{ text: "primary key", at: c.nameAt, rule: false }], primaryKey: true });
      this.note(`Django adds "id" (bigint, counting up) to ${c.name} as its primary key`, c.nameAt);
    }
    const meta = this.djangoMeta(c);
    if (meta) this.djangoMetaOptions(meta, t);
    return t;
  }

  private djangoField(target: Extract<Expr, { k: "name" }>, call: Call, fn: string, owner: PyClass, comment: string | undefined): { col: ColDraft; indexAt?: number } | null {
    const phrases: Phrase[] = [];
    const phrase = (text: string, at: number, rule = false) => phrases.push({ text, at, rule });
    const args: TypeArgs = {
      num: (_i, key) => numberOf(kwarg(call, key)?.value),
      flag: (key) => isTrue(kwarg(call, key)?.value),
    };
    let typeText = "";
    let colName = target.id;
    let description = comment;
    let indexAt: number | undefined;
    let nullable = fn === "NullBooleanField";
    let primaryKey = false;
    // What the field class itself implies (EmailField: an email) comes after what is written, which the builder reads first.
    let implied: string | undefined;
    if (DJANGO_RELATIONS.has(fn)) {
      const to = positional(call)[0]?.value ?? kwarg(call, "to")?.value;
      const ref = to ? this.djangoTarget(to, owner) : null;
      if (!ref) {
        this.warn(`the target ${to ? this.src(to) : "()"} of ${target.id} is not understood; the field is skipped`, call.s);
        return null;
      }
      colName = `${target.id}_id`;
      const toField = kwarg(call, "to_field")?.value;
      const refCol = toField?.k === "str" ? toField.str.value : ref.column;
      typeText = toField?.k === "str" ? "" : ref.type;
      phrase(`references ${ref.table}(${refCol})`, call.s);
      if (fn === "OneToOneField") phrase("unique", call.s);
    } else if (fn === "ArrayField") {
      const base = positional(call)[0]?.value ?? kwarg(call, "base_field")?.value;
      const inner = base?.k === "call" ? own(DJANGO_TYPES, lastPart(dotted(base.fn) ?? "")) : undefined;
      if (!inner || base?.k !== "call") {
        this.warn(`the element type of ${target.id} is not understood; the field is skipped`, call.s);
        return null;
      }
      const innerArgs: TypeArgs = { num: (_i, key) => numberOf(kwarg(base, key)?.value), flag: () => false };
      typeText = `${inner(innerArgs)[0]}[]`;
      const size = numberOf(kwarg(call, "size")?.value);
      if (size !== undefined) phrase(`at most ${size} items`, kwarg(call, "size")!.s, true);
    } else {
      const [sql, rule] = own(DJANGO_TYPES, fn)!(args);
      typeText = sql;
      implied = rule;
    }
    for (const a of call.args) {
      if (!a.name) continue;
      const v = a.value;
      switch (a.name) {
        case "null":
          nullable = isTrue(v);
          break;
        case "primary_key":
          if (isTrue(v)) {
            phrase("primary key", a.s);
            primaryKey = true;
          }
          break;
        case "unique":
          if (isTrue(v)) phrase("unique", a.s);
          break;
        case "db_index":
          if (isTrue(v)) indexAt = a.s;
          break;
        case "db_column":
          if (v.k === "str") colName = v.str.value;
          break;
        case "help_text":
        case "db_comment":
          if (v.k === "str") description = v.str.value;
          break;
        case "auto_now":
        case "auto_now_add":
          if (isTrue(v)) phrase("default now()", a.s);
          break;
        case "default":
        case "db_default": {
          const d = this.defaultPhrase(v, owner, a.name === "default" && v.k !== "call");
          if (d) phrase(d, a.s);
          else if (d === null) this.warn(`default ${this.src(v)} is not understood`, a.s);
          break;
        }
        case "choices": {
          const values = this.choiceValues(v, owner);
          if (values === "integer") break;
          const p = values ? oneOfPhrase(values) : null;
          if (p) phrase(p, a.s, true);
          else this.warn(`choices ${this.src(v)} are not understood; they are ignored`, a.s);
          break;
        }
        case "validators":
          this.djangoValidators(v, phrases);
          break;
        case "on_delete": {
          const d = lastPart(dotted(v) ?? "");
          const od = own(ON_DELETE, d);
          if (od) phrase(`on delete ${od}`, a.s);
          else this.warn(`on_delete=${this.src(v)} is not supported; the key gets no delete rule`, a.s);
          break;
        }
        case "to":
        case "to_field":
        case "max_length":
        case "max_digits":
        case "decimal_places":
        case "base_field":
        case "size":
          break;
        default:
          if (!DJANGO_IGNORED.has(a.name)) this.warn(`${fn} argument ${a.name} is not understood; it is ignored`, a.s);
      }
    }
    if (implied) phrase(implied, call.s, true);
    if (!primaryKey) phrase(nullable ? "nullable" : "not null", call.s);
    return {
      col: {
        field: target.id,
        name: this.raw(colName, target.s),
        type: this.raw(typeText, call.s),
        phrases,
        ...(description ? { description } : {}),
        primaryKey,
      },
      ...(indexAt !== undefined ? { indexAt } : {}),
    };
  }

  /** `ForeignKey(User)`, `"User"`, `"app.User"`, `"self"`, `settings.AUTH_USER_MODEL` -> the referenced table, key column and type. */
  private djangoTarget(e: Expr, owner: PyClass): { table: string; column: string; type: string } | null {
    let name: string | null = e.k === "str" ? e.str.value : e.k === "call" ? dotted(e.fn) : dotted(e);
    if (!name) return null;
    if (name === "self") name = owner.name;
    // The project's user model: this block's User, else the users table.
    if (/AUTH_USER_MODEL$|(^|\.)get_user_model$/.test(name)) name = this.lookupClass("User") ? "User" : "auth.User";
    const simple = lastPart(name);
    const cls = this.lookupClass(simple, owner);
    if (cls && this.family(cls) === "django" && this.isTable(cls)) {
      const pk = this.djangoPrimaryKey(cls);
      return { table: this.tableName(cls).text, column: pk.column, type: pk.type };
    }
    const w = words(simple);
    if (w.length === 0) return null;
    w[w.length - 1] = plural(w[w.length - 1]!);
    return { table: w.join("_"), column: "id", type: "" };
  }

  private djangoPrimaryKey(c: PyClass): { column: string; type: string } {
    for (const { item } of this.fields(c)) {
      const s = item.stmt;
      if (s.k !== "assign" || s.value.k !== "call" || s.targets[0]?.k !== "name" || !isTrue(kwarg(s.value, "primary_key")?.value)) continue;
      const fn = lastPart(dotted(s.value.fn) ?? "");
      const make = own(DJANGO_TYPES, fn);
      const sql = make ? make({ num: (_i, key) => numberOf(kwarg(s.value as Call, key)?.value), flag: () => false })[0] : "";
      const col = kwarg(s.value, "db_column")?.value;
      return { column: col?.k === "str" ? col.str.value : s.targets[0].id, type: sql.replace(/^bigserial$/, "bigint").replace(/^serial$/, "integer").replace(/^smallserial$/, "smallint") };
    }
    return { column: "id", type: "bigint" };
  }

  /** `Status.choices`, `[("a", "A"), ...]`, `STATUS_CHOICES` -> the stored values; "integer" for numbered choices. */
  private choiceValues(v: Expr, owner: PyClass): string[] | "integer" | null {
    if (v.k === "attr" && v.name === "choices") {
      const en = this.enumOf(lastPart(dotted(v.obj) ?? ""), owner);
      if (!en) return null;
      return en.integer ? "integer" : en.values.map((x) => x.text);
    }
    const d = dotted(v);
    const seq = d ? (this.attr(owner, d) ?? this.consts.get(d)) : v;
    if (!seq || seq.k !== "seq") return null;
    const out: string[] = [];
    for (const item of seq.items) {
      const first = item.k === "seq" ? item.items[0] : undefined;
      if (first?.k === "str") out.push(first.str.value);
      else if (first && numberOf(first) !== undefined) return "integer";
      else return null;
    }
    return out;
  }

  private djangoValidators(v: Expr, phrases: Phrase[]): void {
    if (v.k !== "seq") return;
    for (const item of v.items) {
      const callee = item.k === "call" ? lastPart(dotted(item.fn) ?? "") : lastPart(dotted(item) ?? "");
      const arg = item.k === "call" ? (positional(item)[0]?.value ?? kwarg(item, "limit_value")?.value ?? kwarg(item, "regex")?.value) : undefined;
      const n = numberOf(arg);
      let text: string | null = null;
      if (callee === "MinValueValidator" && n !== undefined) text = `min ${n}`;
      else if (callee === "MaxValueValidator" && n !== undefined) text = `max ${n}`;
      else if (callee === "MinLengthValidator" && n !== undefined) text = `min length ${n}`;
      else if (callee === "MaxLengthValidator" && n !== undefined) text = `max length ${n}`;
      else if (callee === "RegexValidator" && arg?.k === "str") text = patternPhrase(arg.str.value);
      else if (callee === "EmailValidator" || callee === "validate_email") text = "format email";
      else if (callee === "URLValidator") text = "format uri";
      else if (callee === "validate_slug") text = "pattern '^[-a-zA-Z0-9_]+$'";
      if (text) phrases.push({ text, at: item.s, rule: true });
      else this.warn(`the validator ${this.src(item)} is not understood; it is ignored`, item.s);
    }
  }

  private djangoMetaOptions(meta: PyClass, t: TableDraft): void {
    const colOf = (field: string): string => t.columns.find((x) => x.field === field)?.name.text ?? field;
    const fieldList = (e: Expr | undefined): string[] | null => {
      if (!e || e.k !== "seq") return null;
      const out = e.items.map((x) => (x.k === "str" ? colOf(x.str.value.replace(/^-/, "")) : null));
      return out.every((x): x is string => x !== null) ? out : null;
    };
    for (const { stmt: s } of meta.body) {
      if (s.k !== "assign" || s.targets[0]?.k !== "name") continue;
      const key = s.targets[0].id;
      const v = s.value;
      if (key === "unique_together" || key === "index_together") {
        const groups = v.k === "seq" && v.items.every((x) => x.k === "seq") ? v.items : [v];
        for (const g of groups) {
          const cols = fieldList(g);
          if (cols && cols.length) t.indexes.push({ columns: cols, unique: key === "unique_together", span: this.block.at(g.s) });
          else this.warn(`${key} ${this.src(g)} is not understood; it is ignored`, g.s);
        }
      } else if ((key === "indexes" || key === "constraints") && v.k === "seq") {
        for (const item of v.items) {
          if (item.k !== "call") {
            this.warn(`${this.src(item)} in Meta.${key} is not understood; it is ignored`, item.s);
            continue;
          }
          const callee = lastPart(dotted(item.fn) ?? "");
          const nameV = kwarg(item, "name")?.value;
          const name = nameV?.k === "str" ? nameV.str.value : undefined;
          if (callee === "Index" || callee === "UniqueConstraint") {
            const cols = fieldList(kwarg(item, "fields")?.value);
            if (!cols || cols.length === 0) this.warn(`${callee} on expressions is not read; it is ignored`, item.s);
            else if (callee === "UniqueConstraint" && kwarg(item, "condition")) this.warn("a conditional UniqueConstraint is not read (it would forbid more than the spec says); it is ignored", item.s);
            else t.indexes.push({ columns: cols, unique: callee === "UniqueConstraint", ...(name ? { name } : {}), span: this.block.at(item.s) });
          } else if (callee === "CheckConstraint") {
            const q = kwarg(item, "check")?.value ?? kwarg(item, "condition")?.value;
            const sql = q ? this.qToSql(q, colOf) : null;
            if (!sql || !q) this.warn(`the condition of ${name ?? "this CheckConstraint"} is not understood; it is ignored`, item.s);
            else t.checks.push({ expression: this.raw(sql, q.s), ...(name ? { name } : {}), dialect: "postgresql" });
          } else this.warn(`${callee} in Meta.${key} is not understood; it is ignored`, item.s);
        }
      }
    }
  }

  /** `Q(price__gt=0) & ~Q(status="x")` -> `price > 0 AND NOT (status = 'x')`; null when a lookup is not known. */
  private qToSql(e: Expr, colOf: (field: string) => string): string | null {
    if (e.k === "bin" && (e.op === "&" || e.op === "|")) {
      const l = this.qToSql(e.l, colOf);
      const r = this.qToSql(e.r, colOf);
      return l && r ? `(${l} ${e.op === "&" ? "AND" : "OR"} ${r})` : null;
    }
    if (e.k === "unary" && e.op === "~") {
      const x = this.qToSql(e.x, colOf);
      return x ? `NOT (${x})` : null;
    }
    if (e.k !== "call" || lastPart(dotted(e.fn) ?? "") !== "Q") return null;
    const parts: string[] = [];
    for (const a of e.args) {
      if (!a.name) {
        const x = this.qToSql(a.value, colOf);
        if (!x) return null;
        parts.push(x);
        continue;
      }
      const m = /^([A-Za-z_]\w*?)(?:__(exact|gt|gte|lt|lte|in|isnull|range))?$/.exec(a.name);
      if (!m || m[1]!.includes("__")) return null;
      const col = colOf(m[1]!);
      const value = (x: Expr): string | null => {
        const n = numberOf(x);
        if (n !== undefined) return n;
        if (x.k === "str") return `'${x.str.value.replace(/'/g, "''")}'`;
        if (x.k === "const" && (x.v === "True" || x.v === "False")) return x.v.toLowerCase();
        if (x.k === "call" && lastPart(dotted(x.fn) ?? "") === "F" && x.args[0]?.value.k === "str") return colOf(x.args[0].value.str.value);
        return null;
      };
      const op = m[2] ?? "exact";
      if (op === "isnull") {
        parts.push(`${col} IS ${isTrue(a.value) ? "" : "NOT "}NULL`);
        continue;
      }
      if (op === "in" || op === "range") {
        if (a.value.k !== "seq") return null;
        const vals = a.value.items.map(value);
        if (vals.some((x) => x === null)) return null;
        parts.push(op === "in" ? `${col} IN (${vals.join(", ")})` : `${col} BETWEEN ${vals[0]} AND ${vals[1]}`);
        continue;
      }
      const v = value(a.value);
      if (v === null) return null;
      parts.push(`${col} ${{ exact: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" }[op]} ${v}`);
    }
    return parts.length ? parts.join(" AND ") : null;
  }
}

interface ColumnRead {
  name?: { text: string; at: number };
  type?: { text: string; at: number };
  readonly phrases: Phrase[];
  explicitNull: boolean | null;
  primaryKey: boolean;
  indexAt?: number;
  description?: string;
}

function fieldName(s: Stmt): string | null {
  if (s.k === "ann" && s.target.k === "name") return s.target.id;
  if (s.k === "assign" && s.targets.length === 1 && s.targets[0]!.k === "name") return s.targets[0]!.id;
  return null;
}

function flattenUnion(e: Expr): Expr[] {
  return e.k === "bin" && e.op === "|" ? [...flattenUnion(e.l), ...flattenUnion(e.r)] : [e];
}
