// JSON Schema documents of records pasted into a spec (a ```json or ```yaml block holding an
// object schema: `"type": "object"` with `"properties"`), parsed by the `yaml` package (JSON is
// YAML; every node keeps its offset, so a diagnostic points at its line). What it reads:
// - Tables: the root schema (named by its `title`, else by the section it is under), each object
//   schema under `$defs`/`definitions`, or each object schema of a root that maps names to
//   schemas (`{ "Task": { "type": "object", ... } }`); a title is taken snake_case plural
//   (`TaskList` -> task_lists, noted), a section's table name as written.
// - Columns: each property, snake_case as written; NOT NULL when `required` lists it, nullable
//   otherwise or when its type allows "null" (`nullable: true` too). `id` is the key (uuid with a
//   random default, integer serial). `$ref` to another schema of the block is a key column
//   (`<property>_id`, or the property itself when it is already `xId`); an array of `$ref`s is
//   one-to-many (the key added on the other side when missing); `xId` beside a schema X is a key.
// - Types: string text (`format`: date-time timestamptz, date date, uuid uuid, email/uri a
//   format rule), integer, number numeric, boolean, array of scalars `text[]`..., objects and
//   other arrays jsonb, `enum` its values.
// - Rules: minLength, maxLength, minimum, maximum, exclusiveMinimum/Maximum, pattern, default,
//   format; `description` is the column's description (its prose rules are read by the IR).
// A keyword that changes what a value may be and is not read here (oneOf, allOf, const...) is
// SF113 at its place.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { plural, singular, snakeCase } from "../base/naming.js";
import { type BlockContext, type BlockReader, type ReaderResult, type SourceBlock, openResult } from "./block.js";
import type { RawColumn, RawText } from "./raw.js";

/** The JSON Schema reader (no parser beyond `yaml`, which every spec already loads). */
export function loadJsonSchemaReader(): BlockReader {
  return readJsonSchema;
}

const HINT = "a table is an object schema: { \"title\": \"Task\", \"type\": \"object\", \"required\": [...], \"properties\": { \"title\": { \"type\": \"string\", \"maxLength\": 200 } } }";
const QUIET = new Set(["type", "description", "title", "examples", "example", "$id", "$schema", "$comment", "readOnly", "writeOnly", "additionalProperties", "nullable", "format", "enum", "items", "$ref", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "default", "deprecated", "uniqueItems", "minItems", "maxItems", "x-unique", "unique", "properties", "required"]);
/** Titles of bodies that travel over the wire, not rows. */
const TRANSFER = /(?:Request|Response|Payload|Body|Input|Params|Dto|DTO|Result|Error)$|^(?:Create|Update|Patch|New|Edit)[A-Z]/;
const USER_STEMS = /^(?:user|owner|author|creator|created_?by|assignee|member|account)$/i;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface SchemaAt {
  readonly name: string;
  readonly at: number;
  readonly node: YAMLMap;
  /** Named by the section it is under (as written), not by a title. */
  readonly asWritten: boolean;
}

function readJsonSchema(block: SourceBlock, context: BlockContext): ReaderResult {
  const { out, raw, warn, note } = openResult(block);
  const doc = parseDocument(block.text, { keepSourceTokens: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    warn(`the schema could not be parsed (${e.message.split("\n")[0]}); it is not read`, e.pos[0], HINT);
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) return out;
  const pos = (n: unknown): number => ((n as Node | null)?.range?.[0] ?? 0);
  const get = (m: YAMLMap, key: string): Node | undefined => (m.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === key)?.value as Node | undefined;
  const pairAt = (m: YAMLMap, key: string): number => pos((m.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === key)?.key);
  const js = (n: Node | undefined): Json => (n ? (n.toJSON() as Json) : null);
  const isObjectSchema = (n: unknown): n is YAMLMap => isMap(n) && js(get(n, "type") as Node) === "object" && isMap(get(n, "properties"));

  // ------------------------------------------------------------ which schemas are tables
  const schemas: SchemaAt[] = [];
  const byRef = new Map<string, SchemaAt>();
  const titleName = (t: string): string => (/^[a-z][a-z0-9_]*$/.test(t) ? t : snakeCase(plural(t.replace(/\s+/g, ""))));
  const addSchema = (key: string | null, n: YAMLMap, refs: string[]): void => {
    const title = js(get(n, "title"));
    let name: string;
    let asWritten = false;
    const label = typeof title === "string" ? title.trim() : key ?? "";
    if (TRANSFER.test(label.replace(/\s+/g, ""))) {
      note(`the schema ${label} is a request or response body, not a table`, pos(n));
      return;
    }
    if (typeof title === "string" && /^[A-Za-z][\w ]*$/.test(title.trim())) name = titleName(title.trim());
    else if (key) name = titleName(key);
    else if (context.sectionTable) {
      name = context.sectionTable;
      asWritten = true;
    } else {
      warn("this object schema has no title and is not under a table's heading; it is not read as a table", pos(n), HINT);
      return;
    }
    const s: SchemaAt = { name, at: pos(n), node: n, asWritten };
    schemas.push(s);
    for (const r of refs) byRef.set(r, s);
  };
  if (isObjectSchema(root)) addSchema(null, root, ["#"]);
  for (const defsKey of ["$defs", "definitions"]) {
    const defs = get(root, defsKey);
    if (!isMap(defs)) continue;
    for (const p of defs.items as Pair[]) {
      const k = isScalar(p.key) ? String(p.key.value) : "";
      if (isObjectSchema(p.value)) addSchema(k, p.value, [`#/${defsKey}/${k}`, k]);
    }
  }
  if (!schemas.length) {
    // `{ "Task": { "type": "object", ... }, "User": { ... } }`: names mapped to schemas.
    for (const p of root.items as Pair[]) {
      const k = isScalar(p.key) ? String(p.key.value) : "";
      if (isObjectSchema(p.value)) addSchema(k, p.value, [k, `#/${k}`, `#/definitions/${k}`, `#/$defs/${k}`]);
    }
  }
  const refTarget = (ref: string): SchemaAt | null => {
    const direct = byRef.get(ref);
    if (direct) return direct;
    const last = ref.split("/").pop() ?? "";
    return byRef.get(last.replace(/\.json$/, "")) ?? schemas.find((s) => s.name === titleName(last.replace(/\.json$/, ""))) ?? null;
  };
  const keyOf = (s: SchemaAt): { column: string; type: string } => {
    const props = get(s.node, "properties") as YAMLMap;
    const id = (props.items as Pair[]).find((p) => isScalar(p.key) && /^_?id$/i.test(String(p.key.value)));
    const t = id && isMap(id.value) ? js(get(id.value, "type")) : null;
    return { column: "id", type: t === "integer" ? "integer" : "" };
  };
  const keyTarget = (stem: string): string | null => {
    const rec = schemas.find((s) => snakeCase(singular(s.name)) === snakeCase(stem));
    if (rec) return rec.name;
    if (USER_STEMS.test(stem)) return schemas.find((s) => /^(users|accounts|profiles)$/.test(s.name))?.name ?? "users";
    return null;
  };

  // ------------------------------------------------------------ columns
  const columnsOf = new Map<SchemaAt, { name: RawText; type: RawText; nullable: boolean; constraints: RawText[]; description?: string }[]>();
  const many: { from: SchemaAt; prop: string; target: SchemaAt; at: number }[] = [];
  for (const s of schemas) {
    const props = get(s.node, "properties") as YAMLMap;
    const required = new Set(((js(get(s.node, "required")) as Json[] | null) ?? []).map(String));
    const cols: NonNullable<ReturnType<typeof columnsOf.get>> = [];
    for (const p of props.items as Pair[]) {
      const key = isScalar(p.key) ? String(p.key.value) : "";
      const at = pos(p.key);
      if (!isMap(p.value)) {
        warn(`${s.name}.${key}: its schema is not an object; it is not a column`, at, HINT);
        continue;
      }
      const m = p.value;
      const v = js(m) as { [k: string]: Json };
      let types = Array.isArray(v.type) ? v.type.map(String) : typeof v.type === "string" ? [v.type] : [];
      let nullable = !required.has(key) || types.includes("null") || v.nullable === true;
      types = types.filter((t) => t !== "null");
      const constraints: RawText[] = [];
      const phrase = (t: string, k: string): void => {
        constraints.push(raw(t, pairAt(m, k) || at));
      };
      for (const k of Object.keys(v)) {
        if (QUIET.has(k)) continue;
        if (k === "anyOf" || k === "oneOf") {
          // `anyOf: [{ $ref }, { type: null }]`: a nullable reference.
          const alts = (v[k] as Json[]) ?? [];
          const nonNull = alts.filter((a) => !(a && typeof a === "object" && !Array.isArray(a) && a.type === "null"));
          if (nonNull.length === 1 && nonNull.length < alts.length && typeof nonNull[0] === "object" && nonNull[0] && !Array.isArray(nonNull[0])) {
            nullable = true;
            Object.assign(v, nonNull[0]);
            if (typeof v.type === "string") types = [v.type];
            continue;
          }
        }
        warn(`${s.name}.${key}: the keyword "${k}" is not read here; what it says is not enforced`, pairAt(m, k), HINT);
      }
      const str = (x: Json | undefined): string | null => (typeof x === "string" ? x : null);
      const num = (x: Json | undefined): number | null => (typeof x === "number" ? x : null);
      if (num(v.minLength) !== null) phrase(`min length ${v.minLength}`, "minLength");
      if (num(v.maxLength) !== null) phrase(`max length ${v.maxLength}`, "maxLength");
      if (num(v.minimum) !== null) phrase(`>= ${v.minimum}`, "minimum");
      if (num(v.maximum) !== null) phrase(`<= ${v.maximum}`, "maximum");
      if (num(v.exclusiveMinimum) !== null) phrase(`> ${v.exclusiveMinimum}`, "exclusiveMinimum");
      if (num(v.exclusiveMaximum) !== null) phrase(`< ${v.exclusiveMaximum}`, "exclusiveMaximum");
      if (str(v.pattern)) phrase(`pattern '${v.pattern}'`, "pattern");
      if (v["x-unique"] === true || v.unique === true) phrase("unique", v.unique === true ? "unique" : "x-unique");
      const format = str(v.format)?.toLowerCase() ?? "";
      if (format === "email") phrase("email format", "format");
      if (format === "uri" || format === "url") phrase("url format", "format");
      if (v.default !== undefined && v.default !== null && typeof v.default !== "object") {
        phrase(typeof v.default === "string" ? `default '${v.default.replace(/'/g, "''")}'` : `default ${String(v.default)}`, "default");
      }
      const description = str(v.description)?.replace(/\s+/g, " ").trim();
      const col = snakeCase(key);
      const add = (name: string, type: string, extra: string[] = [], nul = nullable): void => {
        cols.push({ name: raw(name, at), type: raw(type, at), nullable: nul, constraints: [...extra.map((x) => raw(x, at)), ...constraints], ...(description ? { description } : {}) });
      };
      // A reference to another schema of the block.
      const ref = str(v.$ref);
      if (ref) {
        const target = refTarget(ref);
        if (!target) {
          warn(`${s.name}.${key}: $ref ${ref} is not a schema of this block; stored as jsonb`, pairAt(m, "$ref"), HINT);
          add(col, "jsonb");
          continue;
        }
        const name = /_?id$/i.test(key) ? col : `${col}_id`;
        add(name, keyOf(target).type, [`references ${target.name}(id)`]);
        if (name !== col) note(`${s.name}.${key} ($ref ${ref}) is a key to ${target.name}: the column "${name}"`, at);
        continue;
      }
      const type0 = types[0] ?? (Array.isArray(v.enum) ? "string" : "");
      if (type0 === "array") {
        const items = isMap(get(m, "items")) ? (js(get(m, "items")) as { [k: string]: Json }) : {};
        const ir = str(items.$ref);
        const target = ir ? refTarget(ir) : null;
        if (target) {
          many.push({ from: s, prop: key, target, at });
          continue;
        }
        const it = str(items.type);
        add(col, it === "string" ? (items.format === "uuid" ? "uuid[]" : "text[]") : it === "integer" ? "integer[]" : it === "number" ? "numeric[]" : it === "boolean" ? "boolean[]" : "jsonb");
        continue;
      }
      let type: string;
      if (Array.isArray(v.enum) && v.enum.every((x) => typeof x === "string")) type = `enum(${(v.enum as string[]).map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")})`;
      else if (type0 === "string") type = format === "date-time" ? "timestamptz" : format === "date" ? "date" : format === "uuid" ? "uuid" : format === "time" ? "time" : "text";
      else if (type0 === "integer") type = "integer";
      else if (type0 === "number") type = "numeric";
      else if (type0 === "boolean") type = "boolean";
      else if (type0 === "object") type = "jsonb";
      else {
        warn(`${s.name}.${key}: no type is given; stored as jsonb`, at, HINT);
        type = "jsonb";
      }
      if (/^_?id$/i.test(key)) {
        const serial = type === "integer";
        add(col === "_id" ? "id" : col, serial ? "serial" : type === "text" ? "uuid" : type, ["primary key", ...(!serial && (type === "text" || type === "uuid") && !constraints.some((c) => /^default/.test(c.text)) ? ["default gen_random_uuid()"] : [])], false);
        continue;
      }
      const stem = /^(.+?)_?I[dD]$/.exec(key)?.[1];
      const keyTo = stem && /^(text|uuid|integer)$/.test(type) ? keyTarget(stem) : null;
      if (keyTo && keyTo !== s.name) {
        add(col, "", [`references ${keyTo}(id)`]);
        continue;
      }
      add(col, type, type === "timestamptz" && /^(created_?at|updated_?at)$/i.test(key) && !constraints.some((c) => /^default/.test(c.text)) ? ["default now()"] : []);
    }
    if (!cols.length) {
      warn(`the schema ${s.name} has no property read here; it is not a table`, s.at, HINT);
      continue;
    }
    columnsOf.set(s, cols);
  }
  // One-to-many (`"items": { "type": "array", "items": { "$ref": ... } }`): the key is on the other side.
  for (const r of many) {
    const cols = columnsOf.get(r.target);
    if (!cols || r.target === r.from) continue;
    const refs = `references ${r.from.name}(id)`;
    if (cols.some((c) => c.constraints.some((k) => k.text.startsWith(refs)))) continue;
    const colName = `${snakeCase(singular(r.from.name))}_id`;
    if (cols.some((c) => c.name.text === colName)) continue;
    cols.push({ name: raw(colName, r.at), type: raw(keyOf(r.from).type, r.at), nullable: false, constraints: [raw(refs, r.at)] });
    note(`${r.from.name}.${r.prop} (an array of ${r.target.name}) is one-to-many: ${r.target.name} gets the key "${colName}"`, r.at);
  }
  for (const [s, cols] of columnsOf) {
    if (!s.asWritten) note(`the schema at this place is read as table "${s.name}" (its title or name, snake_case plural)`, s.at);
    const rawCols: RawColumn[] = cols.map((c) => ({ name: c.name, type: c.type, constraints: [{ text: c.nullable ? "nullable" : "not null", span: c.type.span }, ...c.constraints], ...(c.description ? { description: c.description } : {}) }));
    const description = js(get(s.node, "description"));
    out.tables.push({ name: raw(s.name, s.at), columns: rawCols, indexes: [], ...(typeof description === "string" ? { description } : {}), notation: "jsonschema" });
  }
  return out;
}
