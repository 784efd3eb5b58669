// Small readers of parsed expressions: dotted names, keyword and positional arguments, True,
// and number literals.
import type { Arg, Call, Expr } from "./expressions.js";

export function dotted(e: Expr): string | null {
  if (e.k === "name") return e.id;
  if (e.k === "attr") {
    const o = dotted(e.obj);
    return o === null ? null : `${o}.${e.name}`;
  }
  return null;
}

export function lastPart(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

export function isTrue(e: Expr | undefined): boolean {
  return e?.k === "const" && e.v === "True";
}

export function kwarg(call: Call, name: string): Arg | undefined {
  return call.args.find((a) => a.name === name);
}

export function positional(call: Call): Arg[] {
  return call.args.filter((a) => !a.name && !a.star);
}

/** A number written as a literal (`5`, `-1.5`, `Decimal("0.01")`), or undefined. */
export function numberOf(e: Expr | undefined): string | undefined {
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
