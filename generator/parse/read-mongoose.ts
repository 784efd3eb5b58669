// Mongoose schemas pasted into a spec (a ```js/```ts block holding `new mongoose.Schema({...})`
// or `new Schema({...})`): each schema a model is made of becomes a raw table, each path a
// column, in the texts the IR builder reads: the type ("String" -> text, "Number" -> numeric,
// "Date" -> timestamptz, an ObjectId with `ref: 'User'` -> a reference to that model), and the
// path's options as constraint phrases (required, unique, default, enum, min/max,
// minlength/maxlength, match). `{ timestamps: true }` adds createdAt and updatedAt. The model's
// name is the one `mongoose.model('Name', schema)` gives it, else the schema variable's
// (`tripSchema` -> Trip). Read with the TypeScript parser (syntax only), loaded only when a spec
// holds a Mongoose schema. What is not understood is SF113 at its place, never dropped silently.
import type TS from "typescript";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import { emptyResult, type ReaderResult, type SourceBlock } from "./block.js";
import { lazyTypeScriptReader } from "./typescript-reader.js";
import type { RawColumn, RawTable, RawText } from "./raw.js";
import { plural, snakeCase } from "../base/naming.js";

type Ts = typeof TS;

/** A Mongoose schema in a block's text: `new Schema(`, `new mongoose.Schema(`, `mongoose.Schema(`. */
const MONGOOSE = /\bnew\s+(?:mongoose\s*\.\s*)?Schema\s*(?:<[^>]*>\s*)?\(|\bmongoose\s*\.\s*Schema\s*\(\s*\{/;

/** The Mongoose reader; its first call imports TypeScript (once per process). */
export const loadMongooseReader = lazyTypeScriptReader((ts, block) => readMongoose(ts, block));

const HINT = "a path is written name: Type or name: { type: Type, required, unique, default, enum, min, max, minlength, maxlength, ref }";

/** Mongoose's SchemaTypes -> a type the IR reads. */
const TYPES: Record<string, string> = {
  string: "text",
  number: "numeric",
  boolean: "boolean",
  bool: "boolean",
  date: "timestamptz",
  buffer: "bytea",
  mixed: "json",
  object: "json",
  map: "json",
  array: "json",
  decimal128: "decimal",
  decimal: "decimal",
  uuid: "uuid",
  bigint: "bigint",
  int32: "integer",
  double: "double precision",
  objectid: "objectid",
};

function readMongoose(ts: Ts, block: SourceBlock): ReaderResult {
  const out = emptyResult();
  const text = block.text;
  if (!MONGOOSE.test(text)) return out;
  const sf = ts.createSourceFile("block.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const start = (n: TS.Node): number => n.getStart(sf);
  const raw = (t: string, at: number): RawText => ({ text: t, span: span(at) });
  const warn = (message: string, at: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(at), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const note = (message: string, at: number): void => {
    out.notes.push({ span: span(at), message });
  };
  const unwrap = (e: TS.Expression): TS.Expression => {
    while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    return e;
  };
  const propName = (n: TS.PropertyName): string | null => (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : null);
  const lastName = (e: TS.Expression): string | null => {
    const u = unwrap(e);
    if (ts.isIdentifier(u)) return u.text;
    if (ts.isPropertyAccessExpression(u)) return u.name.text;
    return null;
  };
  /** `new Schema({...}, {...})` or `mongoose.Schema({...})`: its arguments; null for anything else. */
  const schemaArgs = (e: TS.Expression): readonly TS.Expression[] | null => {
    const u = unwrap(e);
    if ((ts.isNewExpression(u) || ts.isCallExpression(u)) && lastName(u.expression) === "Schema" && u.arguments?.length && ts.isObjectLiteralExpression(unwrap(u.arguments[0]!))) return u.arguments;
    return null;
  };

  // Every schema, by the variable holding it; and the models made of them.
  const schemas = new Map<string, { args: readonly TS.Expression[]; at: number }>();
  const inline: { args: readonly TS.Expression[]; at: number; model: string; modelAt: number }[] = [];
  const models = new Map<string, { name: string; at: number }>();
  const indexes: { schema: string; columns: string[]; unique: boolean; at: number }[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name)) {
      const args = schemaArgs(n.initializer);
      if (args) schemas.set(n.name.text, { args, at: start(n.name) });
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "index" && ts.isIdentifier(n.expression.expression) && n.arguments.length) {
      const fields = unwrap(n.arguments[0]!);
      const opts = n.arguments[1] ? unwrap(n.arguments[1]) : undefined;
      const unique = !!opts && ts.isObjectLiteralExpression(opts) && opts.properties.some((q) => ts.isPropertyAssignment(q) && propName(q.name) === "unique" && unwrap(q.initializer).kind === ts.SyntaxKind.TrueKeyword);
      if (ts.isObjectLiteralExpression(fields)) {
        const cols = fields.properties.map((q) => (ts.isPropertyAssignment(q) ? propName(q.name) : null));
        if (cols.every((c): c is string => c !== null && !c.includes("."))) indexes.push({ schema: n.expression.expression.text, columns: cols, unique, at: start(n) });
        else if (unique) warn(`a unique index over a nested path (${fields.getText(sf).slice(0, 40)}) is not kept; it is not enforced`, start(n));
      }
    }
    if (ts.isCallExpression(n) && lastName(n.expression) === "model" && n.arguments.length >= 2) {
      const [nameArg, schemaArg] = [unwrap(n.arguments[0]!), unwrap(n.arguments[1]!)];
      if (ts.isStringLiteral(nameArg) || ts.isNoSubstitutionTemplateLiteral(nameArg)) {
        if (ts.isIdentifier(schemaArg)) models.set(schemaArg.text, { name: nameArg.text, at: start(nameArg) + 1 });
        else {
          const args = schemaArgs(schemaArg);
          if (args) inline.push({ args, at: start(schemaArg), model: nameArg.text, modelAt: start(nameArg) + 1 });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);

  /** `tripSchema` -> "Trip", `UserSchema` -> "User"; null when the name says nothing. */
  const nameOfVariable = (v: string): string | null => {
    const m = /^(.+?)_?[Ss]chema$/.exec(v);
    if (!m) return null;
    return m[1]!.charAt(0).toUpperCase() + m[1]!.slice(1);
  };
  // Schemas used only inside another (an array of sub-documents) make no table of their own.
  const embedded = new Set<string>();
  for (const [v, s] of schemas) {
    for (const other of schemas.keys()) {
      if (other !== v && new RegExp(`\\b${other}\\b`).test(s.args.map((a) => a.getText(sf)).join(" "))) embedded.add(other);
    }
  }

  const tableOf = (name: string, nameAt: number, args: readonly TS.Expression[], variable?: string): void => {
    const obj = unwrap(args[0]!) as TS.ObjectLiteralExpression;
    const columns: RawColumn[] = [];
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) {
        warn(`"...${p.expression.getText(sf)}" in schema ${name} is not read; the paths it adds are missing`, start(p), HINT);
        continue;
      }
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) {
        warn(`"${p.getText(sf).slice(0, 40)}" in schema ${name} is not a path; it is ignored`, start(p), HINT);
        continue;
      }
      const key = propName(p.name);
      if (!key) {
        warn(`a path of schema ${name} has a computed name; it is ignored`, start(p), HINT);
        continue;
      }
      if (key === "_id" || key === "__v") continue;
      const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      const col = pathColumn(name, key, start(p.name), value);
      if (col) columns.push(col);
    }
    const options = args[1] ? unwrap(args[1]) : undefined;
    if (options && ts.isObjectLiteralExpression(options)) {
      for (const p of options.properties) {
        if (!ts.isPropertyAssignment(p) || propName(p.name) !== "timestamps") continue;
        const v = unwrap(p.initializer);
        const at = start(p);
        let created = "createdAt";
        let updated: string | null = "updatedAt";
        if (v.kind === ts.SyntaxKind.FalseKeyword) continue;
        if (ts.isObjectLiteralExpression(v)) {
          for (const q of v.properties) {
            if (!ts.isPropertyAssignment(q)) continue;
            const qv = unwrap(q.initializer);
            const k = propName(q.name);
            const s = ts.isStringLiteral(qv) ? qv.text : qv.kind === ts.SyntaxKind.FalseKeyword ? null : undefined;
            if (k === "createdAt" && s) created = s;
            if (k === "updatedAt" && s !== undefined) updated = s;
          }
        }
        for (const c of [created, updated]) {
          if (c && !columns.some((x) => x.name.text === c)) columns.push({ name: raw(c, at), type: raw("timestamptz", at), constraints: [raw("not null", at), raw("default now()", at)] });
        }
        note(`schema ${name}: { timestamps } adds ${[created, updated].filter(Boolean).join(" and ")}`, at);
      }
    }
    // Every Mongoose document has an _id, generated unless given.
    columns.unshift({ name: raw("id", nameAt), type: raw("uuid", nameAt), constraints: [raw("primary key", nameAt), raw("default gen_random_uuid()", nameAt)] });
    const own = indexes.filter((x) => x.schema === variable).map((x) => ({ columns: x.columns, unique: x.unique, span: span(x.at) }));
    // Mongoose stores model "Hive" in collection "hives": the table is named as the spec's other
    // entities are, snake_case plural ("UserProfile" -> user_profiles); references by model name resolve to it.
    const tableName = snakeCase(plural(name));
    if (tableName !== name) note(`model "${name}" read as table "${tableName}" (snake_case plural, as Mongoose names its collection)`, nameAt);
    const table: RawTable = { name: raw(tableName, nameAt), columns, indexes: own, notation: "mongoose" };
    out.tables.push(table);
  };

  /** One path: `name: String`, `name: { type: String, ... }`, `tags: [String]`, `items: [itemSchema]`. */
  const pathColumn = (table: string, key: string, keyAt: number, value0: TS.Expression): RawColumn | null => {
    const value = unwrap(value0);
    const name = raw(key, keyAt);
    const at = start(value);
    const constraints: RawText[] = [];
    let typeText: string | null = null;
    let description: string | undefined;
    const typeName = (e: TS.Expression): string | null => {
      const u = unwrap(e);
      if (ts.isArrayLiteralExpression(u)) return "array";
      if (ts.isObjectLiteralExpression(u)) return "object";
      const n = lastName(u);
      return n ? n.toLowerCase() : null;
    };
    const mapType = (t: string | null, e: TS.Expression): string | null => {
      if (!t) return null;
      if (TYPES[t]) return TYPES[t]!;
      if (schemas.has(unwrap(e).getText(sf))) return "json";
      return null;
    };
    let options: TS.ObjectLiteralExpression | null = null;
    if (ts.isObjectLiteralExpression(value)) {
      const typeProp = value.properties.find((q): q is TS.PropertyAssignment => ts.isPropertyAssignment(q) && propName(q.name) === "type");
      if (typeProp && !ts.isObjectLiteralExpression(unwrap(typeProp.initializer))) {
        options = value;
        typeText = mapType(typeName(typeProp.initializer), typeProp.initializer);
        if (!typeText) {
          warn(`the type of ${table}.${key} ("${typeProp.initializer.getText(sf)}") is not a Mongoose type; it is stored as text`, start(typeProp.initializer), HINT);
          typeText = "text";
        }
      } else {
        // A nested object of paths (a sub-document written inline): kept whole.
        typeText = "json";
        note(`${table}.${key} holds a nested object of paths: stored as json`, at);
      }
    } else if (ts.isArrayLiteralExpression(value)) {
      typeText = "json";
      const el = value.elements[0] ? unwrap(value.elements[0]) : undefined;
      // `[String]`, or `[{ type: String }]`: a list of that type.
      const typeProp = el && ts.isObjectLiteralExpression(el) ? el.properties.find((q): q is TS.PropertyAssignment => ts.isPropertyAssignment(q) && propName(q.name) === "type") : undefined;
      const inner = typeProp ? typeName(typeProp.initializer) : el ? typeName(el) : null;
      if (inner === "string") typeText = "text[]";
      else if (inner === "number") typeText = "numeric[]";
    } else {
      typeText = mapType(typeName(value), value);
      if (!typeText) {
        warn(`${table}.${key} ("${value.getText(sf).slice(0, 40)}") is not a Mongoose type; the path is ignored`, at, HINT);
        return null;
      }
    }
    let required = false;
    let ref: string | null = null;
    if (options) {
      for (const q of options.properties) {
        if (!ts.isPropertyAssignment(q)) continue;
        const k = propName(q.name);
        const v = unwrap(q.initializer);
        const qAt = start(q);
        const first = ts.isArrayLiteralExpression(v) && v.elements.length ? unwrap(v.elements[0]!) : v;
        const lit = (e: TS.Expression): string | null => {
          const u = unwrap(e);
          if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return `'${u.text.replace(/'/g, "''")}'`;
          if (ts.isNumericLiteral(u)) return u.text;
          if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(u.operand)) return `-${u.operand.text}`;
          if (u.kind === ts.SyntaxKind.TrueKeyword) return "true";
          if (u.kind === ts.SyntaxKind.FalseKeyword) return "false";
          return null;
        };
        switch (k) {
          case "type":
          case "trim":
          case "lowercase":
          case "uppercase":
          case "index":
          case "select":
          case "immutable":
          case "sparse":
          case "get":
          case "set":
          case "alias":
          case "autopopulate":
            break;
          case "required":
            if (first.kind === ts.SyntaxKind.TrueKeyword) required = true;
            else if (first.kind !== ts.SyntaxKind.FalseKeyword) warn(`${table}.${key}: "required: ${v.getText(sf).slice(0, 40)}" depends on the document; it is not enforced`, qAt);
            break;
          case "unique":
            if (first.kind === ts.SyntaxKind.TrueKeyword) constraints.push(raw("unique", qAt));
            break;
          case "ref": {
            const r = lit(v);
            if (r) ref = r.slice(1, -1);
            break;
          }
          case "default": {
            const d = lit(v);
            if (d !== null) constraints.push(raw(`default ${d}`, qAt));
            else if (/^Date\.now(\(\))?$/.test(v.getText(sf))) constraints.push(raw("default now()", qAt));
            else if (ts.isArrayLiteralExpression(v) && v.elements.length === 0) break;
            else note(`${table}.${key}: its default "${v.getText(sf).slice(0, 40)}" is computed; it is not kept`, qAt);
            break;
          }
          case "enum": {
            const list = ts.isObjectLiteralExpression(v)
              ? v.properties.find((x): x is TS.PropertyAssignment => ts.isPropertyAssignment(x) && propName(x.name) === "values")?.initializer
              : v;
            const arr = list ? unwrap(list) : null;
            const values = arr && ts.isArrayLiteralExpression(arr) ? arr.elements.map((x) => lit(x)) : null;
            if (values && values.length && values.every((x) => x !== null)) typeText = `enum(${values.join(", ")})`;
            else warn(`${table}.${key}: the values of "enum: ${v.getText(sf).slice(0, 40)}" are not listed here; they are not enforced`, qAt);
            break;
          }
          case "min":
          case "max":
          case "minlength":
          case "maxlength":
          case "minLength":
          case "maxLength": {
            const n = lit(first);
            if (n === null || !/^-?\d+(\.\d+)?$/.test(n)) {
              warn(`${table}.${key}: "${k}: ${v.getText(sf).slice(0, 40)}" is not a number; it is not enforced`, qAt);
              break;
            }
            const word = k.toLowerCase() === "min" ? ">=" : k.toLowerCase() === "max" ? "<=" : k.toLowerCase() === "minlength" ? "min length" : "max length";
            constraints.push(raw(`${word} ${n}`, qAt));
            break;
          }
          case "match": {
            const re = unwrap(first);
            if (ts.isRegularExpressionLiteral(re)) {
              const m = /^\/(.*)\/([a-z]*)$/s.exec(re.text);
              if (m && !m[2]!.replace(/[gu]/g, "")) constraints.push(raw(`pattern ${m[1]}`, qAt));
              else warn(`${table}.${key}: the pattern ${re.text} has flags; it is not enforced`, qAt);
            } else warn(`${table}.${key}: "match: ${v.getText(sf).slice(0, 40)}" is not a regular expression literal; it is not enforced`, qAt);
            break;
          }
          case "validate":
            warn(`${table}.${key}: its validator is code; it is not enforced`, qAt);
            break;
          case "description":
          case "comment": {
            const d = lit(v);
            if (d) description = d.slice(1, -1);
            break;
          }
          default:
            warn(`${table}.${key}: option "${k ?? q.name.getText(sf)}" is not understood; it is ignored`, qAt, HINT);
        }
      }
    }
    if (typeText === "objectid") {
      typeText = "uuid";
      if (ref) constraints.push(raw(`references ${ref}(id)`, at));
      else note(`${table}.${key} is an ObjectId with no ref: stored as a uuid that references nothing`, at);
    }
    constraints.unshift(raw(required ? "not null" : "nullable", at));
    return { name, type: raw(typeText ?? "text", at), constraints, ...(description ? { description } : {}) };
  };

  const made = new Set<string>();
  for (const [v, s] of schemas) {
    const model = models.get(v);
    if (!model && embedded.has(v)) {
      note(`schema ${v} is used inside another schema and made into no model: it is stored in that schema's column`, s.at);
      continue;
    }
    const name = model?.name ?? nameOfVariable(v);
    if (!name) {
      warn(`schema ${v} is made into no model here and its name does not say one; it is not read`, s.at, "write mongoose.model('Name', schema)");
      continue;
    }
    if (made.has(name)) continue;
    made.add(name);
    if (!model) note(`schema ${v} is made into no model here: read as model ${name}, the name of its variable`, s.at);
    tableOf(name, model?.at ?? s.at, s.args, v);
  }
  for (const m of inline) {
    if (made.has(m.model)) continue;
    made.add(m.model);
    tableOf(m.model, m.modelAt, m.args);
  }
  return out;
}
