// A block's structure: its logical lines as a tree by indentation, and each class built from
// its header and indented body (fields, nested classes, decorators, docstring, problems).
import { type Arg, SyntaxFail } from "./expressions.js";
import { parseStatement, type Stmt } from "./statements.js";
import type { Line, Problem, Tok } from "./tokens.js";

interface Node {
  readonly line: Line;
  readonly children: Node[];
}

export function lineTree(lines: readonly Line[]): Node[] {
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

export interface BodyItem {
  readonly stmt: Stmt;
  readonly comment?: string;
}

export interface PyClass {
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
export function splitSemicolons(toks: readonly Tok[]): Tok[][] {
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
export function buildClass(stmt: Extract<Stmt, { k: "class" }>, header: Line, node: Node | null, problems: readonly Problem[], outer?: PyClass): PyClass {
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
