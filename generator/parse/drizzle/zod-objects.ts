// A whole zod object schema: its fields (`z.object({...})`, spreads of other schemas' shapes),
// what .extend/.merge/.pick/.omit make of it, and drizzle-zod's schemas with their refinements
// of the table's columns.
import type TS from "typescript";
import { snakeCase } from "../../base/naming.js";
import type { Chain, Method } from "./syntax.js";
import { columnKind, matchColumn } from "./zod-columns.js";
import type { ZodContext, ZodField, ZodObject, ZodTable, ZodValue } from "./zod-shapes.js";
import { asMethod, zodValues } from "./zod-values.js";
import { DRIZZLE_ZOD_FNS, ZOD_NEUTRAL, ZOD_OBJECT_FNS } from "./zod-vocabulary.js";

/** The object schema reader of one block (it caches each variable's schema). */
export function zodObjects(cx: ZodContext, zodSpace: (e: TS.Expression | undefined) => string | null) {
  const { ts, vars, start, note, unwrap, unchain, propName } = cx;
  const tableByVar = new Map(cx.tables.filter((t) => t.varName).map((t) => [t.varName!, t]));
  const objectCache = new Map<string, ZodObject | null>();
  const reading = new Set<string>();
  const { readValue, applyMethod } = zodValues(cx, zodSpace, objectOf);

  /** The object schema a variable holds, or null when it holds none. */
  function objectOf(name: string): ZodObject | null {
    if (objectCache.has(name)) return objectCache.get(name)!;
    const init = vars.get(name);
    if (!init || reading.has(name)) return null;
    reading.add(name);
    const o = readObject(init, name);
    reading.delete(name);
    objectCache.set(name, o);
    return o;
  }

  const cloneObject = (o: ZodObject): ZodObject => ({ fields: new Map(o.fields), ...(o.table ? { table: o.table } : {}) });

  function readObject(e0: TS.Expression, label: string): ZodObject | null {
    const e = unwrap(e0);
    if (ts.isIdentifier(e)) {
      const o = objectOf(e.text);
      return o ? cloneObject(o) : null;
    }
    const c = unchain(e);
    if (!c) return null;
    let o: ZodObject;
    let methods: readonly Method[] = c.methods;
    if (zodSpace(c.object) === "" && ZOD_OBJECT_FNS.has(c.name)) o = { fields: fieldsOf(c.args[0], label) };
    else if (!c.object && DRIZZLE_ZOD_FNS.has(c.name)) {
      const made = drizzleZod(c);
      if (!made) return null;
      o = made;
    } else if (c.object && ts.isIdentifier(c.object) && vars.has(c.object.text)) {
      const base = objectOf(c.object.text);
      if (!base) return null;
      o = cloneObject(base);
      methods = [asMethod(c), ...c.methods];
    } else return null;
    for (const m of methods) applyObjectMethod(o, m, label);
    return o;
  }

  /** The fields of `{ a: z.string(), ...other.shape }`. */
  function fieldsOf(arg: TS.Expression | undefined, label: string): Map<string, ZodField> {
    const fields = new Map<string, ZodField>();
    const obj = arg ? unwrap(arg) : undefined;
    if (!obj) return fields;
    if (ts.isIdentifier(obj)) {
      // z.object(shape) with `const shape = { ... }` in the block.
      const init = vars.get(obj.text);
      return init && ts.isObjectLiteralExpression(unwrap(init)) ? fieldsOf(init, label) : fields;
    }
    if (!ts.isObjectLiteralExpression(obj)) return fields;
    for (const p of obj.properties) {
      if (ts.isPropertyAssignment(p)) {
        const key = propName(p.name);
        if (key !== null) fields.set(key, { key, keyAt: start(p.name), value: readValue(p.initializer, `${label}.${key}`, 0), label });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        const init = vars.get(p.name.text);
        if (init) fields.set(p.name.text, { key: p.name.text, keyAt: start(p.name), value: readValue(p.name, `${label}.${p.name.text}`, 0), label });
      } else if (ts.isSpreadAssignment(p)) {
        let u = unwrap(p.expression);
        if (ts.isPropertyAccessExpression(u) && u.name.text === "shape") u = unwrap(u.expression);
        const from = ts.isIdentifier(u) ? objectOf(u.text) : null;
        if (from) for (const [k, f] of from.fields) fields.set(k, f);
        else if (ts.isIdentifier(u) && vars.has(u.text)) for (const [k, f] of fieldsOf(vars.get(u.text), label)) fields.set(k, f);
      }
    }
    return fields;
  }

  /** Keys listed as `{ a: true, b: true }` (pick/omit). */
  const keysOf = (arg: TS.Expression | undefined): string[] | null => {
    const obj = arg ? unwrap(arg) : undefined;
    if (!obj || !ts.isObjectLiteralExpression(obj)) return null;
    return obj.properties.flatMap((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? [propName(p.name)] : [])).filter((k): k is string => k !== null);
  };

  function applyObjectMethod(o: ZodObject, m: Method, label: string): void {
    const at = start(m.node);
    switch (m.name) {
      case "extend":
      case "safeExtend":
        for (const [k, f] of fieldsOf(m.args[0], label)) o.fields.set(k, f);
        return;
      case "merge": {
        const other = m.args[0] ? readObject(m.args[0], label) : null;
        if (other) for (const [k, f] of other.fields) o.fields.set(k, f);
        else note(`${label}: .merge(${m.args[0]?.getText(cx.sf) ?? ""}) names a schema not read here; its fields are not read`, at);
        return;
      }
      case "pick":
      case "omit": {
        const keys = keysOf(m.args[0]);
        if (!keys) {
          note(`${label}: the keys of .${m.name}(...) are not written here; all fields are kept`, at);
          return;
        }
        for (const k of [...o.fields.keys()]) if (keys.includes(k) !== (m.name === "pick")) o.fields.delete(k);
        return;
      }
    }
    if (ZOD_NEUTRAL.has(m.name)) return;
    if (m.name === "refine" || m.name === "superRefine" || m.name === "check" || m.name === "transform") {
      note(`${label}: .${m.name}(...) is code; what it checks is not read as a rule`, at);
      return;
    }
    note(`${label}: .${m.name}() on a schema is not read`, at);
  }

  /** drizzle-zod: `createInsertSchema(tasks, { title: (s) => s.min(1), email: z.string().email() })`. */
  function drizzleZod(c: Chain): ZodObject | null {
    const arg = c.args[0] ? unwrap(c.args[0]) : undefined;
    if (!arg || !ts.isIdentifier(arg)) return null;
    const known = tableByVar.get(arg.text) ?? null;
    const table = { name: known?.name ?? snakeCase(arg.text), at: start(arg), known };
    const label = `${c.name}(${arg.text})`;
    const fields = new Map<string, ZodField>();
    const refine = c.args[1] ? unwrap(c.args[1]) : undefined;
    if (refine && ts.isObjectLiteralExpression(refine)) {
      for (const p of refine.properties) {
        if (!ts.isPropertyAssignment(p)) continue;
        const key = propName(p.name);
        if (key === null) continue;
        const where = `${label}.${key}`;
        const fn = unwrap(p.initializer);
        let value: ZodValue;
        if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
          value = refinement(fn, key, known, where);
        } else value = readValue(fn, where, 0);
        fields.set(key, { key, keyAt: start(p.name), value, label });
      }
    }
    return { fields, table };
  }

  /** `(s) => s.min(1).max(100)` (or drizzle-zod 0.5's `(schema) => schema.title.min(1)`): the column's own schema, refined. */
  function refinement(fn: TS.Expression, key: string, known: ZodTable | null, where: string): ZodValue {
    const param = cx.firstParam(fn);
    const body = cx.returned(fn);
    const col = known ? matchColumn(known, key) : null;
    const kind = col ? columnKind(col.type, cx.enums).kind : null;
    let v: ZodValue = { base: kind === "text" ? "string" : kind === "number" ? "number" : kind === "array" ? "array" : "unknown", rules: [] };
    if (!param || !body) {
      note(`${where}: this refinement is not understood; it is not read as a rule`, start(fn));
      return v;
    }
    const c = unchain(body);
    const onParam = (e: TS.Expression | undefined): boolean => {
      const u = e ? unwrap(e) : undefined;
      if (!u) return false;
      if (ts.isIdentifier(u)) return u.text === param;
      return ts.isPropertyAccessExpression(u) && ts.isIdentifier(unwrap(u.expression)) && (unwrap(u.expression) as TS.Identifier).text === param;
    };
    if (!c || !onParam(c.object)) {
      if (!(ts.isIdentifier(body) && body.text === param)) note(`${where}: this refinement is not understood; it is not read as a rule`, start(body));
      return v;
    }
    for (const m of [asMethod(c), ...c.methods]) v = applyMethod(v, m, where);
    return v;
  }
  return { objectOf };
}
