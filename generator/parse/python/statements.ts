// Python statements: one logical line's tokens read as a class header, an annotated or plain
// assignment, an import, a bare expression, or a statement the reader skips.
import { type Arg, type Expr, ExprParser, SyntaxFail } from "./expressions.js";
import { CLOSER, type Tok } from "./tokens.js";

export type Stmt =
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

export function parseStatement(toks: readonly Tok[], endAt: number): Stmt {
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
