// One field's zod schema read into its base (string, number, array, enum, object) and the value
// rules its methods state (`z.string().min(1).max(100)`, `.email()`, `.regex(/.../)`,
// `z.enum([...])`), and the names zod is imported under.
import type TS from "typescript";
import type { Chain, Method } from "./syntax.js";
import type { ZodContext, ZodObject, ZodRule, ZodRuleKind, ZodValue } from "./zod-shapes.js";
import { ZOD_FORMATS, ZOD_NEUTRAL, ZOD_NUMBER_FNS, ZOD_OBJECT_FNS, ZOD_UNREAD_FORMATS } from "./zod-vocabulary.js";

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** A regular expression's source with every `/` escaped, so `pattern /.../` ends where it should (`\/` means `/` in every mode). */
function slashSafe(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === "\\") {
      out += ch + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    out += ch === "/" ? "\\/" : ch;
  }
  return inClass ? source : out;
}

/** `one of ('a', 'b')`; values holding a comma or `)` are written as a plain quoted list, which the constraint reader also reads. */
function oneOfText(values: readonly string[]): string | null {
  const quoted: string[] = [];
  for (const v of values) {
    const q = !v.includes("'") ? "'" : !v.includes('"') ? '"' : !v.includes("`") ? "`" : null;
    if (!q) return null;
    quoted.push(q + v + q);
  }
  if (values.every((v) => !/[,)]/.test(v))) return `one of (${quoted.join(", ")})`;
  return values.length >= 2 ? `one of ${quoted.join(", ")}` : null;
}

export const asMethod = (c: Chain): Method => ({ name: c.name, node: c.nameNode, args: c.args });

/** `zodSpace(e)`: the namespace under zod that `e` names ("" for zod itself), or null when `e` is not zod. */
export function zodNamespace(cx: ZodContext) {
  const { ts, unwrap } = cx;
  // The names zod is imported under (`import { z } from 'zod'`, `import * as v from 'zod/v4'`).
  const zodNames = new Set(["z"]);
  for (const st of cx.sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/^zod(\/|$)/.test(st.moduleSpecifier.text)) continue;
    const clause = st.importClause;
    if (clause?.name) zodNames.add(clause.name.text);
    const nb = clause?.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) zodNames.add(nb.name.text);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if ((el.propertyName ?? el.name).text === "z") zodNames.add(el.name.text);
  }
  const isZod = (e: TS.Expression | undefined): boolean => !!e && ts.isIdentifier(e) && zodNames.has(e.text);
  /** `z.coerce.number()`, `z.iso.datetime()`: the namespace under z. */
  const zodSpace = (e: TS.Expression | undefined): string | null => {
    if (!e) return null;
    const u = unwrap(e);
    if (isZod(u)) return "";
    return ts.isPropertyAccessExpression(u) && isZod(unwrap(u.expression)) ? u.name.text : null;
  };
  return { zodSpace };
}

/** The readers of one field's schema; `objectOf` (from the object reader) gives the object schema a variable holds. */
export function zodValues(cx: ZodContext, zodSpace: (e: TS.Expression | undefined) => string | null, objectOf: (name: string) => ZodObject | null) {
  const { ts, vars, start, note, unwrap, str, unchain, propName } = cx;
  /** A number written in the code: a literal, a negated literal, or a constant the block defines. */
  const numArg = (e: TS.Expression | undefined, depth = 0): number | null => {
    if (!e || depth > 4) return null;
    const u = unwrap(e);
    if (ts.isNumericLiteral(u)) return Number(u.text);
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken) {
      const n = numArg(u.operand, depth + 1);
      return n === null ? null : -n;
    }
    if (ts.isIdentifier(u) && vars.has(u.text)) return numArg(vars.get(u.text), depth + 1);
    return null;
  };
  const numText = (n: number): string => String(n);

  /** The values of `enum Status { A = 'a' }` or `const Status = { A: 'a' } as const` in the block. */
  const enumLikeValues = (e: TS.Expression | undefined): string[] | null => {
    if (!e) return null;
    let u = unwrap(e);
    if (ts.isIdentifier(u)) {
      const name = u.text;
      const decl = cx.sf.statements.find((s): s is TS.EnumDeclaration => ts.isEnumDeclaration(s) && s.name.text === name);
      if (decl) {
        const values: string[] = [];
        for (const m of decl.members) {
          // A member with no string value is a number: not a list of words.
          const s = m.initializer ? str(m.initializer) : null;
          if (!s) return null;
          values.push(s.text);
        }
        return values;
      }
      const init = vars.get(name);
      if (!init) return null;
      u = unwrap(init);
    }
    if (ts.isArrayLiteralExpression(u)) return cx.stringList(u)?.map((v) => v.text) ?? null;
    if (!ts.isObjectLiteralExpression(u)) return null;
    const values: string[] = [];
    for (const p of u.properties) {
      const s = ts.isPropertyAssignment(p) ? str(p.initializer) : null;
      if (!s) return null;
      values.push(s.text);
    }
    return values;
  };

  const readValue = (e0: TS.Expression, label: string, depth: number): ZodValue => {
    const e = unwrap(e0);
    if (depth > 12) return { base: "other", rules: [] };
    if (ts.isIdentifier(e)) {
      if (objectOf(e.text)) return { base: "object", rules: [] };
      const init = vars.get(e.text);
      return init ? readValue(init, label, depth + 1) : { base: "unknown", rules: [] };
    }
    // `otherSchema.shape.title`: that schema's field.
    if (ts.isPropertyAccessExpression(e)) {
      const inner = unwrap(e.expression);
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === "shape" && ts.isIdentifier(unwrap(inner.expression))) {
        const f = objectOf((unwrap(inner.expression) as TS.Identifier).text)?.fields.get(e.name.text);
        if (f) return cloneValue(f.value);
      }
      return { base: "other", rules: [] };
    }
    const c = unchain(e);
    if (!c) return { base: "other", rules: [] };
    let v: ZodValue;
    let methods: readonly Method[] = c.methods;
    const space = zodSpace(c.object);
    if (space !== null) v = rootValue(c, space, label, depth);
    else if (c.object && ts.isIdentifier(c.object) && vars.has(c.object.text)) {
      // `titleSchema.max(50)`: a schema the block defines, refined further.
      v = objectOf(c.object.text) ? { base: "object", rules: [] } : readValue(c.object, label, depth + 1);
      methods = [asMethod(c), ...c.methods];
    } else return { base: "other", rules: [] };
    for (const m of methods) v = applyMethod(v, m, label);
    return v;
  };

  const cloneValue = (v: ZodValue): ZodValue => ({ base: v.base, rules: [...v.rules], ...(v.element ? { element: cloneValue(v.element) } : {}) });

  const rootValue = (c: Chain, space: string, label: string, depth: number): ZodValue => {
    const at = start(c.nameNode);
    const n = c.name;
    if (space === "iso" || (space === "" && (ZOD_FORMATS[n] || ZOD_UNREAD_FORMATS.has(n)) && n !== "date")) {
      // Zod 4's z.email(), z.uuid(), z.iso.datetime(): a string with that check.
      return applyMethod({ base: "string", rules: [] }, asMethod(c), label);
    }
    if (n === "string") return { base: "string", rules: [] };
    if (ZOD_NUMBER_FNS.has(n)) return { base: "number", rules: [] };
    if (n === "array") return { base: "array", rules: [], element: c.args[0] ? readValue(c.args[0], label, depth + 1) : { base: "unknown", rules: [] } };
    if (ZOD_OBJECT_FNS.has(n)) return { base: "object", rules: [] };
    if (n === "optional" || n === "nullable" || n === "nullish" || n === "readonly") return c.args[0] ? readValue(c.args[0], label, depth + 1) : { base: "other", rules: [] };
    const enumOf = (values: readonly string[] | null, what: string): ZodValue => {
      if (!values?.length) {
        note(`${label}: the values of ${what} are not written in this block; they are not read as a rule`, at);
        return { base: "other", rules: [] };
      }
      const text = oneOfText(values);
      if (!text) {
        note(`${label}: the values of ${what} cannot be written as a rule; they are not read`, at);
        return { base: "enum", rules: [] };
      }
      return { base: "enum", rules: [{ text, at, kind: "values", values }] };
    };
    if (n === "enum") return enumOf(enumLikeValues(c.args[0]), "z.enum(...)");
    if (n === "nativeEnum") return enumOf(enumLikeValues(c.args[0]), `z.nativeEnum(${c.args[0]?.getText(cx.sf) ?? ""})`);
    if (n === "literal") {
      const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
      const one = str(arg);
      if (one) return enumOf([one.text], "z.literal(...)");
      if (arg && ts.isArrayLiteralExpression(arg)) return enumOf(cx.stringList(arg)?.map((x) => x.text) ?? null, "z.literal([...])");
      return { base: "other", rules: [] };
    }
    if (n === "union") {
      // z.union([z.literal('a'), z.literal('b')]): the values of an enum.
      const arr = c.args[0] ? unwrap(c.args[0]) : undefined;
      const values: string[] = [];
      if (arr && ts.isArrayLiteralExpression(arr)) {
        for (const el of arr.elements) {
          const lc = unchain(el);
          const s = lc && lc.name === "literal" && zodSpace(lc.object) === "" && !lc.methods.length ? str(lc.args[0]) : null;
          if (!s) return { base: "other", rules: [] };
          values.push(s.text);
        }
        return enumOf(values, "z.union([...])");
      }
      return { base: "other", rules: [] };
    }
    return { base: "other", rules: [] };
  };

  const applyMethod = (v: ZodValue, m: Method, label: string): ZodValue => {
    const at = start(m.node);
    const name = m.name;
    const rule = (text: string, kind: ZodRuleKind, extra: Partial<ZodRule> = {}): ZodValue => {
      v.rules.push({ text, at, kind, ...extra });
      return v;
    };
    const bound = (): number | null => {
      const n = numArg(m.args[0]);
      if (n === null) note(`${label}: the bound of .${name}(${m.args[0]?.getText(cx.sf) ?? ""}) is not a number written here; it is not read as a rule`, at);
      return n;
    };
    if (ZOD_NEUTRAL.has(name)) return v;
    if (name === "array") return { base: "array", rules: [], element: v };
    if (["refine", "superRefine", "check", "transform", "pipe", "preprocess", "overwrite", "or", "and"].includes(name)) {
      note(`${label}: .${name}(...) is code; what it checks is not read as a rule`, at);
      return name === "or" || name === "and" || name === "pipe" || name === "transform" ? { base: "other", rules: [] } : v;
    }
    const base = v.base;
    switch (name) {
      case "min":
      case "max":
      case "length":
      case "nonempty": {
        const n = name === "nonempty" ? 1 : bound();
        if (n === null) return v;
        const lo = name === "min" || name === "length" || name === "nonempty";
        const hi = name === "max" || name === "length";
        if (base === "array") {
          if (lo) rule(`at least ${numText(n)} items`, "items");
          if (hi) rule(`at most ${numText(n)} items`, "items");
        } else if (base === "number") {
          if (name === "length") return v;
          rule(`${lo ? "min" : "max"} ${numText(n)}`, "value");
        } else if (base === "string" || (base === "unknown" && name === "length")) {
          if (lo) rule(`min length ${numText(n)}`, "length");
          if (hi) rule(`max length ${numText(n)}`, "length");
        } else if (base === "unknown") rule(`${lo ? "min" : "max"} ${numText(n)}`, "either");
        else note(`${label}: .${name}() on this kind of value is not read as a rule`, at);
        return v;
      }
      case "gte":
      case "lte":
      case "gt":
      case "lt": {
        const n = bound();
        if (n === null) return v;
        if (base !== "number" && base !== "unknown") {
          note(`${label}: .${name}() on this kind of value is not read as a rule`, at);
          return v;
        }
        v.base = "number";
        const op = name === "gte" ? "min" : name === "lte" ? "max" : name === "gt" ? ">" : "<";
        return rule(`${op} ${numText(n)}`, "value");
      }
      case "positive":
      case "negative":
      case "nonnegative":
      case "nonpositive":
        v.base = "number";
        return rule(name === "positive" ? "> 0" : name === "negative" ? "< 0" : name === "nonnegative" ? "min 0" : "max 0", "value");
      case "multipleOf":
      case "step":
        note(`${label}: .${name}() is not read as a rule (no rule for multiples)`, at);
        return v;
      case "regex": {
        const arg = m.args[0] ? unwrap(m.args[0]) : undefined;
        if (!arg || !ts.isRegularExpressionLiteral(arg)) {
          note(`${label}: the pattern of .regex(...) is not a regular expression literal; it is not read as a rule`, at);
          return v;
        }
        const slash = arg.text.lastIndexOf("/");
        const source = arg.text.slice(1, slash);
        const flags = arg.text.slice(slash + 1);
        if (flags) {
          note(`${label}: the pattern ${arg.text} has flags (${flags}), which a column rule cannot keep; it is not read as a rule`, at);
          return v;
        }
        v.base = "string";
        return rule(`pattern /${slashSafe(source)}/`, "pattern");
      }
      case "startsWith":
      case "endsWith":
      case "includes": {
        const s = str(m.args[0]);
        if (!s) return v;
        const re = name === "startsWith" ? `^${escapeRegex(s.text)}` : name === "endsWith" ? `${escapeRegex(s.text)}$` : escapeRegex(s.text);
        v.base = "string";
        return rule(`pattern /${re}/`, "pattern");
      }
      case "ip": {
        const version = str((m.args[0] && ts.isObjectLiteralExpression(unwrap(m.args[0])) ? (unwrap(m.args[0]) as TS.ObjectLiteralExpression).properties : [])
          .flatMap((p) => (ts.isPropertyAssignment(p) && propName(p.name) === "version" ? [p.initializer] : []))[0])?.text;
        if (version !== "v4" && version !== "v6") {
          note(`${label}: .ip() allows IPv4 and IPv6; no one format says that, so it is not read as a rule`, at);
          return v;
        }
        v.base = "string";
        return rule(`format ip${version}`, "format", { format: `ip${version}` });
      }
    }
    const format = ZOD_FORMATS[name];
    if (format && (base === "string" || base === "unknown")) {
      v.base = "string";
      return rule(`format ${format}`, "format", { format });
    }
    if (ZOD_UNREAD_FORMATS.has(name)) {
      note(`${label}: .${name}() names a format the app does not check; it is not read as a rule`, at);
      return v;
    }
    note(`${label}: .${name}() is not read as a rule`, at);
    return v;
  };
  return { readValue, applyMethod };
}
