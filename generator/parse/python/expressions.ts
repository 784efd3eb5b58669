// Python expressions: the Expr tree of one logical line's tokens (names, literals, attributes,
// calls with keyword arguments, subscripts, operators by precedence) and the SyntaxFail a line
// that is not an expression throws.
import { CLOSER, type PyString, type Tok } from "./tokens.js";

export type Expr =
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

export type Call = Extract<Expr, { k: "call" }>;

export interface Arg {
  readonly name?: string;
  readonly value: Expr;
  readonly s: number;
  readonly e: number;
  readonly star?: boolean;
}

export class SyntaxFail extends Error {
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

export class ExprParser {
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
