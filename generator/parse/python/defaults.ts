// Column defaults: Python defaults (literals, enum members, `datetime.utcnow`, `uuid.uuid4`)
// and SQLAlchemy's server_default= as default phrases.
import { enumMember } from "./enums.js";
import { dotted, lastPart, numberOf, positional } from "./expr-helpers.js";
import type { Expr } from "./expressions.js";
import { quoteSql } from "./phrases.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";

/** A Python default (`"x"`, `0`, `True`, `Status.TODO`, `datetime.utcnow`, `uuid.uuid4`, `func.now()`) as a phrase; null when it is none of those; undefined for None. */
export function defaultPhrase(cx: PythonReader, v: Expr, from: PyClass | undefined, callable: boolean): string | null | undefined {
  if (v.k === "const") return v.v === "None" ? undefined : v.v === "True" ? "default true" : v.v === "False" ? "default false" : null;
  const n = numberOf(v);
  if (n !== undefined && (v.k === "num" || v.k === "unary")) return `default ${n}`;
  if (v.k === "str") return v.str.formatted ? null : `default ${quoteSql(v.str.value)}`;
  const member = enumMember(cx, v, from);
  if (member !== undefined) return `default ${quoteSql(member)}`;
  const text = cx.src(v);
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
export function serverDefault(v: Expr): string | null {
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
