// Syntax helpers over the block's TypeScript tree: literals, object properties, builder call
// chains (`text('id').primaryKey()`), functions' returned expressions, comments on properties.
import type TS from "typescript";
import type { DrizzleBlock } from "./context.js";

export interface Method {
  readonly name: string;
  readonly node: TS.Node;
  readonly args: readonly TS.Expression[];
}

/** `text('id').primaryKey().default('x')`: the builder call and the methods chained on it, in written order. */
export interface Chain {
  readonly call: TS.CallExpression;
  readonly name: string;
  readonly nameNode: TS.Node;
  /** `t` in `t.text()`, `schema` in `schema.table()`. */
  readonly object?: TS.Expression;
  readonly args: readonly TS.Expression[];
  readonly methods: readonly Method[];
}

export type Syntax = ReturnType<typeof syntaxHelpers>;

/** The syntax helpers over one block's tree. */
export function syntaxHelpers(cx: Pick<DrizzleBlock, "ts" | "start" | "text">) {
  const { ts, start, text } = cx;
  const unwrap = (e: TS.Expression): TS.Expression => {
    for (;;) {
      if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e))
        e = e.expression;
      else return e;
    }
  };
  const str = (e: TS.Expression | undefined): { text: string; at: number } | null => {
    if (!e) return null;
    const u = unwrap(e);
    return ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u) ? { text: u.text, at: start(u) + 1 } : null;
  };
  const propName = (n: TS.PropertyName): string | null => (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : null);
  const prop = (obj: TS.Expression | undefined, key: string): TS.Expression | undefined => {
    if (!obj) return undefined;
    const o = unwrap(obj);
    if (!ts.isObjectLiteralExpression(o)) return undefined;
    for (const p of o.properties) if (ts.isPropertyAssignment(p) && propName(p.name) === key) return p.initializer;
    return undefined;
  };
  const num = (e: TS.Expression | undefined): string | null => {
    if (!e) return null;
    const u = unwrap(e);
    return ts.isNumericLiteral(u) ? u.text : null;
  };
  const isTrue = (e: TS.Expression | undefined): boolean => !!e && unwrap(e).kind === ts.SyntaxKind.TrueKeyword;
  const objectArg = (args: readonly TS.Expression[]): TS.Expression | undefined => args.map(unwrap).find((a) => ts.isObjectLiteralExpression(a));

  /** Unchains `a(...).b(...).c(...)`; null when the expression is not such a chain. */
  const unchain = (e0: TS.Expression): Chain | null => {
    let e = unwrap(e0);
    const methods: Method[] = [];
    while (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      if (ts.isIdentifier(callee)) return { call: e, name: callee.text, nameNode: callee, args: e.arguments, methods };
      if (!ts.isPropertyAccessExpression(callee)) return null;
      const inner = unwrap(callee.expression);
      if (!ts.isCallExpression(inner))
        return { call: e, name: callee.name.text, nameNode: callee.name, object: inner, args: e.arguments, methods };
      methods.unshift({ name: callee.name.text, node: callee.name, args: e.arguments });
      e = inner;
    }
    return null;
  };
  /** The expression a function returns: `() => x`, `() => { return x }`. */
  const returned = (fn: TS.Expression | undefined): TS.Expression | null => {
    if (!fn) return null;
    const f = unwrap(fn);
    if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return null;
    if (!ts.isBlock(f.body)) return unwrap(f.body);
    const ret = f.body.statements.find(ts.isReturnStatement);
    return ret?.expression ? unwrap(ret.expression) : null;
  };
  const firstParam = (fn: TS.Expression | undefined): string | null => {
    if (!fn) return null;
    const f = unwrap(fn);
    if (!ts.isArrowFunction(f) && !ts.isFunctionExpression(f)) return null;
    const p = f.parameters[0];
    return p && ts.isIdentifier(p.name) ? p.name.text : null;
  };
  /** A literal written in the code (strings, numbers, booleans, null, arrays and objects of them). */
  const literal = (e: TS.Expression): { value: unknown } | null => {
    const u = unwrap(e);
    if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return { value: u.text };
    if (ts.isNumericLiteral(u)) return { value: Number(u.text) };
    if (ts.isBigIntLiteral(u)) return { value: Number(u.text.slice(0, -1)) };
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(u.operand)) return { value: -Number(u.operand.text) };
    if (u.kind === ts.SyntaxKind.TrueKeyword) return { value: true };
    if (u.kind === ts.SyntaxKind.FalseKeyword) return { value: false };
    if (u.kind === ts.SyntaxKind.NullKeyword) return { value: null };
    if (ts.isArrayLiteralExpression(u)) {
      const items: unknown[] = [];
      for (const x of u.elements) {
        const v = literal(x);
        if (!v) return null;
        items.push(v.value);
      }
      return { value: items };
    }
    if (ts.isObjectLiteralExpression(u)) {
      const obj: Record<string, unknown> = {};
      for (const p of u.properties) {
        if (!ts.isPropertyAssignment(p)) return null;
        const k = propName(p.name);
        const v = literal(p.initializer);
        if (k === null || !v) return null;
        obj[k] = v.value;
      }
      return { value: obj };
    }
    return null;
  };
  /** The SQL of sql`...` with no ${} in it. */
  const sqlText = (e: TS.Expression): string | null => {
    const u = unwrap(e);
    if (!ts.isTaggedTemplateExpression(u) || !ts.isIdentifier(u.tag) || u.tag.text !== "sql") return null;
    return ts.isNoSubstitutionTemplateLiteral(u.template) ? u.template.text.trim() : null;
  };
  /** A trailing `// comment` on the line a property ends on, or a JSDoc comment before it. */
  const describe = (p: TS.Node): string | undefined => {
    let i = p.end;
    while (text[i] === " " || text[i] === "\t" || text[i] === ",") i++;
    if (text.startsWith("//", i)) {
      const eol = text.indexOf("\n", i);
      const c = text.slice(i + 2, eol < 0 ? text.length : eol).trim();
      if (c) return c;
    }
    const jsdoc = (ts.getLeadingCommentRanges(text, p.pos) ?? []).filter((r) => text.startsWith("/**", r.pos)).pop();
    if (jsdoc) {
      const c = text
        .slice(jsdoc.pos + 3, jsdoc.end - 2)
        .split("\n")
        .map((l) => l.replace(/^\s*\*?\s?/, "").trim())
        .filter(Boolean)
        .join(" ");
      if (c) return c;
    }
    return undefined;
  };
  return { unwrap, str, propName, prop, num, isTrue, objectArg, unchain, returned, firstParam, literal, sqlText, describe };
}
