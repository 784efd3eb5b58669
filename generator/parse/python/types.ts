// Column types and value rules from annotations (`Optional[int]`, `Mapped[str | None]`,
// `constr(max_length=50)`, `Literal["a", "b"]`, annotated-types' rules) and from SQLAlchemy
// type expressions (`String(32)`, `Numeric(10, 2)`, `Enum(Status)`).
import { family } from "./class-kinds.js";
import type { Phrase, TypeRead } from "./drafts.js";
import { enumOf } from "./enums.js";
import { dotted, isTrue, kwarg, lastPart, numberOf, positional } from "./expr-helpers.js";
import type { Call, Expr } from "./expressions.js";
import { patternPhrase } from "./phrases.js";
import type { PythonReader } from "./state.js";
import type { PyClass } from "./structure.js";
import { CON_TYPES, own, PY_RULE_TYPES, PY_SCALARS, RULE_KEYWORDS, SA_TYPES, type TypeArgs } from "./vocabulary.js";

function flattenUnion(e: Expr): Expr[] {
  return e.k === "bin" && e.op === "|" ? [...flattenUnion(e.l), ...flattenUnion(e.r)] : [e];
}

/** What an annotation says: `Optional[int]`, `Mapped[str | None]`, `constr(max_length=50)`, `Literal["a", "b"]`. */
export function pyType(cx: PythonReader, e: Expr, from: PyClass | undefined, mode: "table" | "body"): TypeRead {
  const none: TypeRead = { sql: "", optional: false, rules: [], fieldCalls: [] };
  switch (e.k) {
    case "const":
      return e.v === "None" ? { ...none, optional: true } : none;
    case "str": {
      // A forward reference: a scalar spelled in quotes, or (usually) another model.
      const inner = e.str.value.trim();
      if (/^[A-Za-z_][\w.]*$/.test(inner) && (own(PY_SCALARS, inner) || enumOf(cx, lastPart(inner), from)))
        return pyType(cx, { k: "name", id: inner, s: e.s, e: e.e }, from, mode);
      return { ...none, relation: true };
    }
    case "name":
    case "attr": {
      const d = dotted(e)!;
      const full = cx.resolve(d);
      const last = lastPart(full);
      const scalar = own(PY_SCALARS, d) ?? own(PY_SCALARS, full) ?? (full.includes(".") && !d.includes(".") ? own(PY_SCALARS, last) : undefined);
      if (scalar) return { ...none, sql: scalar };
      const ruled = own(PY_RULE_TYPES, last);
      if (ruled) return { ...none, sql: ruled[0], rules: [{ text: ruled[1], at: e.s, rule: true }] };
      const en = enumOf(cx, last, from);
      if (en) {
        const values = { list: en.values.map((v) => v.text), at: e.s };
        if (en.integer) return { ...none, sql: "integer" };
        // A nested enum has no RawEnum of its own (two models may each have a "Status"): its values are inline.
        return { ...none, sql: en.cls.outer ? `enum(${values.list.join(", ")})` : en.cls.name, values };
      }
      const cls = d.includes(".") ? undefined : cx.lookupClass(d, from);
      if (cls && family(cx, cls) !== "none") return { ...none, relation: true };
      return { ...none, sql: d };
    }
    case "sub": {
      const head = lastPart(cx.resolve(dotted(e.obj) ?? ""));
      const items = e.items;
      switch (head) {
        case "Optional":
          return { ...pyType(cx, items[0] ?? e.obj, from, mode), optional: true };
        case "Union":
          return union(cx, items, from, mode, e);
        case "Mapped":
        case "Required":
        case "NotRequired":
        case "Final":
          return items[0] ? pyType(cx, items[0], from, mode) : none;
        case "ClassVar":
          return { ...none, classVar: true };
        case "Annotated": {
          const base = items[0] ? pyType(cx, items[0], from, mode) : none;
          const rules = [...base.rules];
          const fieldCalls = [...base.fieldCalls];
          for (const m of items.slice(1)) {
            if (m.k !== "call") continue;
            const callee = lastPart(dotted(m.fn) ?? "");
            if (callee === "Field") fieldCalls.push(m);
            else rules.push(...constraintCallRules(cx, m, base.list ?? false));
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
          const inner = items[0] ? pyType(cx, items[0], from, mode) : none;
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
          return { ...none, sql: cx.src(e) };
      }
    }
    case "bin":
      if (e.op === "|") return union(cx, flattenUnion(e), from, mode, e);
      return { ...none, sql: cx.src(e) };
    case "call": {
      const callee = lastPart(cx.resolve(dotted(e.fn) ?? ""));
      const base = own(CON_TYPES, callee);
      if (!base) return { ...none, sql: cx.src(e) };
      if (base === "[]") {
        const first = positional(e)[0]?.value ?? kwarg(e, "item_type")?.value;
        const inner = first ? pyType(cx, first, from, mode) : none;
        return { ...none, sql: inner.sql && /^[a-z]/.test(inner.sql) && inner.sql !== "json" ? `${inner.sql}[]` : "json", list: true, rules: constraintCallRules(cx, e, true) };
      }
      let sql = base;
      if (base === "decimal") {
        const p = numberOf(kwarg(e, "max_digits")?.value);
        const s = numberOf(kwarg(e, "decimal_places")?.value);
        if (p !== undefined) sql = s !== undefined ? `decimal(${p},${s})` : `decimal(${p})`;
      }
      return { ...none, sql, rules: constraintCallRules(cx, e, false) };
    }
    default:
      return { ...none, sql: cx.src(e) };
  }
}

export function union(cx: PythonReader, items: readonly Expr[], from: PyClass | undefined, mode: "table" | "body", whole: Expr): TypeRead {
  const rest = items.filter((x) => !(x.k === "const" && x.v === "None"));
  const optional = rest.length < items.length;
  if (rest.length === 1) {
    const t = pyType(cx, rest[0]!, from, mode);
    return { ...t, optional: t.optional || optional };
  }
  const reads = rest.map((x) => pyType(cx, x, from, mode));
  if (reads.some((r) => r.relation)) return { sql: "", optional, rules: [], relation: true, fieldCalls: [] };
  return { sql: reads.every((r) => r.sql === reads[0]!.sql) ? reads[0]!.sql : cx.src(whole), optional, rules: [], fieldCalls: [] };
}

/** Rules stated by `constr(...)`, `StringConstraints(...)`, annotated-types' `MaxLen(5)`, `Gt(0)`. */
export function constraintCallRules(cx: PythonReader, call: Call, list: boolean): Phrase[] {
  const callee = lastPart(dotted(call.fn) ?? "");
  const out: Phrase[] = [];
  const single: Readonly<Record<string, string>> = { MinLen: "min_length", MaxLen: "max_length", Gt: "gt", Ge: "ge", Lt: "lt", Le: "le" };
  const key = own(single, callee);
  if (key) {
    const p = rulePhrase(cx, key, positional(call)[0]?.value, list);
    if (p) out.push({ text: p, at: call.s, rule: true });
    return out;
  }
  if (callee === "Len") {
    const [a, b] = positional(call);
    const lo = a && rulePhrase(cx, "min_length", a.value, list);
    const hi = b && rulePhrase(cx, "max_length", b.value, list);
    if (lo) out.push({ text: lo, at: call.s, rule: true });
    if (hi) out.push({ text: hi, at: call.s, rule: true });
    return out;
  }
  for (const a of call.args) {
    if (!a.name) continue;
    const p = rulePhrase(cx, a.name, a.value, list);
    if (p) out.push({ text: p, at: a.s, rule: true });
  }
  return out;
}

/** A value rule from a keyword (`max_length=200` -> "max length 200"); undefined when the keyword is no rule, null when its value is not a literal. */
export function rulePhrase(cx: PythonReader, key: string, v: Expr | undefined, list: boolean): string | null | undefined {
  if (!RULE_KEYWORDS.has(key)) return undefined;
  // MAX_TITLE = 200 written above the class.
  const value = v?.k === "name" && cx.consts.has(v.id) ? cx.consts.get(v.id) : v;
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
export function saType(cx: PythonReader, e: Expr, from: PyClass | undefined): string | null {
  const call = e.k === "call" ? e : null;
  const d = dotted(call ? call.fn : e);
  if (!d) return null;
  const last = lastPart(cx.resolve(d));
  const args: TypeArgs = {
    num: (index, key) => numberOf((index >= 0 && call ? positional(call)[index]?.value : undefined) ?? (call ? kwarg(call, key)?.value : undefined)),
    flag: (key) => !!call && isTrue(kwarg(call, key)?.value),
  };
  if (last === "ARRAY") {
    const inner = call ? (positional(call)[0]?.value ?? kwarg(call, "item_type")?.value) : undefined;
    const t = inner ? saType(cx, inner, from) : null;
    return t ? `${t}[]` : null;
  }
  if (last === "Enum" || last === "ENUM") {
    const first = call ? positional(call) : [];
    const strs = first.filter((a) => a.value.k === "str").map((a) => (a.value as Extract<Expr, { k: "str" }>).str.value);
    if (strs.length && strs.length === first.length) return `enum(${strs.join(", ")})`;
    const cls = first[0] ? dotted(first[0].value) : null;
    if (cls) {
      const en = enumOf(cx, lastPart(cls), from);
      if (en?.cls.outer) return `enum(${en.values.map((v) => v.text).join(", ")})`;
      return en ? en.cls.name : lastPart(cls);
    }
    return "enum";
  }
  const make = own(SA_TYPES, last);
  if (make) return make(args);
  if (/^[A-Z]/.test(last) && enumOf(cx, last, from) && !call) return enumOf(cx, last, from)!.cls.name;
  return null;
}
