// One model of a CHECK expression, whichever parser read it, and walks over it: the columns it
// names, and what PostgreSQL refuses in a CHECK although it parses.

/** An expression, whichever parser read it. */
export type Expr =
  | { readonly k: "col"; readonly name: string }
  | { readonly k: "num"; readonly value: number; readonly text: string }
  | { readonly k: "str"; readonly value: string }
  | { readonly k: "bool"; readonly value: boolean }
  | { readonly k: "null" }
  | { readonly k: "and" | "or"; readonly args: readonly Expr[] }
  | { readonly k: "not"; readonly arg: Expr }
  /** Binary operators: comparisons (=, <>, <, <=, >, >=) and arithmetic (+ - * / % ||). */
  | { readonly k: "op"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly k: "in"; readonly expr: Expr; readonly list: readonly Expr[]; readonly not: boolean }
  | { readonly k: "between"; readonly expr: Expr; readonly low: Expr; readonly high: Expr; readonly not: boolean }
  | { readonly k: "isnull"; readonly expr: Expr; readonly not: boolean }
  | { readonly k: "match"; readonly how: "like" | "ilike" | "regex" | "iregex" | "glob"; readonly expr: Expr; readonly pattern: Expr; readonly not: boolean; readonly escape?: string }
  | { readonly k: "call"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: "cast"; readonly expr: Expr; readonly type: string }
  | { readonly k: "other"; readonly what: string };

export const OTHER = (what: string): Expr => ({ k: "other", what });

/** What PostgreSQL refuses in a CHECK (it parses, but CREATE TABLE would fail), or null. */
export function forbidden(e: Expr): string | null {
  let why: string | null = null;
  walk(e, (x) => {
    if (x.k === "other" && x.what === "a subquery") why = "PostgreSQL does not allow a subquery in a CHECK";
  });
  return why;
}

export function walk(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.k) {
    case "and":
    case "or":
      e.args.forEach((a) => walk(a, f));
      break;
    case "not":
      walk(e.arg, f);
      break;
    case "op":
      walk(e.left, f);
      walk(e.right, f);
      break;
    case "in":
      walk(e.expr, f);
      e.list.forEach((a) => walk(a, f));
      break;
    case "between":
      walk(e.expr, f);
      walk(e.low, f);
      walk(e.high, f);
      break;
    case "isnull":
    case "cast":
      walk(e.expr, f);
      break;
    case "match":
      walk(e.expr, f);
      walk(e.pattern, f);
      break;
    case "call":
      e.args.forEach((a) => walk(a, f));
      break;
  }
}

export function collectColumns(e: Expr, out: string[]): void {
  walk(e, (x) => {
    if (x.k === "col" && !out.includes(x.name)) out.push(x.name);
  });
}
