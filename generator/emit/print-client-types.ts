// generated/client/schema.ts's types, printed by us from the OpenAPI documents our emitters
// write (emit-openapi.ts, openapi-rest.ts, openapi-builtin-auth.ts), without loading
// openapi-typescript or typescript.js (~1-3 s): the `paths`, `components` and `operations`
// interfaces that openapi-fetch reads, in the layout openapi-typescript 7 gives them (4-space
// indentation, a semicolon after each member, JSDoc comments, non-ASCII as \uXXXX), so that a
// document printed either way reads the same. It knows a closed set of shapes: every key of
// every object it walks must be one it knows (a whitelist), and every value must have the form
// it expects. Anything else (an unknown keyword, a $ref elsewhere than components.schemas or
// components.responses, a discriminator, e.g. in a custom route's schema)
// makes it answer null, and client-types.ts runs openapi-typescript's public API instead.
// tests/unit/print-client-types.test.ts holds the two side by side on every document at hand
// and on generated spec variants: openapi-typescript is the oracle there, not a dependency of
// what is printed (no version of it is written into the output).

/** Thrown where the fast path does not know for certain what openapi-typescript prints. */
class Unsupported extends Error {}

function no(why: string): never {
  throw new Unsupported(why);
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown, what: string): Obj {
  if (!isObj(v)) no(`${what}: not an object`);
  return v;
}

/** Every key of `o` must be in `known`. */
function only(o: Obj, known: ReadonlySet<string>, what: string): void {
  for (const k in o) if (!known.has(k)) no(`${what}: unknown key ${k}`);
}

const INDENT = "    ";
const indents: string[] = [""];
function ind(level: number): string {
  while (indents.length <= level) indents.push(indents[indents.length - 1] + INDENT);
  return indents[level]!;
}

// ---- TypeScript's printer: literals and property names ----------------------------------------

const ESCAPED: Record<string, string> = {
  "\t": "\\t",
  "\v": "\\v",
  "\f": "\\f",
  "\b": "\\b",
  "\r": "\\r",
  "\n": "\\n",
  "\\": "\\\\",
  '"': '\\"',
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
  "\u0085": "\\u0085",
};

function utf16Escape(code: number): string {
  return "\\u" + ("0000" + code.toString(16).toUpperCase()).slice(-4);
}

/** A string literal as the printer writes a synthesized one (double quotes, non-ASCII escaped). */
function stringLiteral(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s) && !/["\\]/.test(s)) return `"${s}"`;
  const escaped = s.replace(/[\\"\u0000-\u001f\u2028\u2029\u0085]/g, (c: string, offset: number) => {
    if (c === "\0") {
      const next = s.charCodeAt(offset + 1);
      return next >= 48 && next <= 57 ? "\\x00" : "\\0";
    }
    return ESCAPED[c] ?? utf16Escape(c.charCodeAt(0));
  });
  return `"${escaped.replace(/[^\u0000-\u007f]/g, (c) => utf16Escape(c.charCodeAt(0)))}"`;
}

const IDENTIFIER_RE = /^[A-Za-z_$][A-Za-z_$0-9]*$/;

/** tsPropertyIndex: a numeric literal, an identifier, or a string literal. */
function propertyName(k: string): string {
  if (String(Number(k)) === k && k[0] !== "-") {
    // Numeric literals other than plain integers ("1.5", "1e+21", "Infinity", "NaN"): not needed.
    if (!/^(0|[1-9][0-9]*)$/.test(k)) no(`property name ${k}`);
    return k;
  }
  return IDENTIFIER_RE.test(k) ? k : stringLiteral(k);
}

// ---- JSDoc comments (addJSDocComment, then the printer) -------------------------------------------

const LB_RE = /\r?\n/g;
// Texts the comment printer handles in ways not reproduced here: line breaks other than LF
// and CRLF (a lone CR, LS, PS: the printer splits lines there too, openapi-typescript does
// not), control characters, and whitespace other than space (a tab changes the
// re-indentation; trim() removes others).
const ODD_TEXT_RE = /\r(?!\n)|[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;

function text(v: unknown, what: string): string {
  if (typeof v !== "string") no(`${what}: not a string`);
  if (ODD_TEXT_RE.test(v)) no(`${what}: unusual characters`);
  return v;
}

/**
 * The comment addJSDocComment attaches to a member, as printed at `level` (each line ending
 * in a newline), or "". Of its fields, only title, summary, format, description, const and
 * enum can reach it here: the whitelists refuse deprecated, default (where it would be
 * commented), example and examples.
 */
function jsdoc(o: Obj, level: number, enumType: string | null): string {
  const out: string[] = [];
  if (o.title) out.push(text(o.title, "title").trim().replace(LB_RE, "\n *     "));
  if (o.summary) out.push(text(o.summary, "summary").trim().replace(LB_RE, "\n *     "));
  if (o.format) {
    const f = text(o.format, "format");
    if (f.includes("\n")) no("format with a line break");
    out.push(`Format: ${f}`);
  }
  if (o.description !== undefined) {
    const d = text(o.description, "description");
    if (d !== "") out.push(`@description ${d.trim().replace(LB_RE, "\n *     ")}`);
  }
  if ("const" in o) out.push("@constant");
  if (enumType !== null) out.push(`@enum {${enumType}}`);
  if (out.length === 0) return "";
  const i = ind(level);
  const multi = out.length > 1 || out.some((x) => x.includes("\n"));
  if (!multi) return `${i}/*${`* ${out[0]} `.replace(/\*\//g, "*\\/")}*/\n`;
  // The printer re-indents each line after the first: the writer's indentation plus the
  // line's own (one space: every such line starts with " *"), then the line trimmed.
  const lines = `/*${`*\n * ${out.join("\n * ")}\n `.replace(/\*\//g, "*\\/")}*/`.split("\n");
  let s = `${i}${lines[0]!.trim()}\n`;
  for (let n = 1; n < lines.length; n++) s += `${i} ${lines[n]!.trim()}\n`;
  return s;
}

/** The `@enum {...}` type addJSDocComment writes for a schema with an enum, else null. */
function enumDocType(s: Obj): string | null {
  if (!s.enum) return null;
  if (Array.isArray(s.type)) return s.type.join("|");
  if (typeof s.type === "string") return s.type;
  return "unknown";
}

// ---- Types -----------------------------------------------------------------------------------------

/** A printed type; `union`: it is a union type (parenthesised as an array's element). */
interface Ty {
  t: string;
  union: boolean;
}

const T_NEVER: Ty = { t: "never", union: false };
const T_UNKNOWN: Ty = { t: "unknown", union: false };
const T_STRING: Ty = { t: "string", union: false };
const T_NUMBER: Ty = { t: "number", union: false };
const T_BOOLEAN: Ty = { t: "boolean", union: false };
const T_NULL: Ty = { t: "null", union: false };
const T_EMPTY_RECORD: Ty = { t: "Record<string, never>", union: false };

/**
 * tsUnion, with tsDedupe: keyword types (string, number, boolean) and null appear once;
 * string literal types (printed as identifiers) are never merged. Never for no member.
 */
function union(members: Ty[]): Ty {
  const seen = new Set<Ty>();
  const out: string[] = [];
  for (const m of members) {
    if (m === T_STRING || m === T_NUMBER || m === T_BOOLEAN || m === T_NULL) {
      if (seen.has(m)) continue;
      seen.add(m);
    }
    out.push(m.t);
  }
  // tsUnion returns a single member as it is (before any deduplication).
  if (members.length === 0) return T_NEVER;
  if (members.length === 1) return members[0]!;
  return { t: out.join(" | "), union: true };
}

const REF_RE = /^#\/components\/(schemas|responses)\/([A-Za-z0-9_][A-Za-z0-9_.-]*)$/;

/** oapiRef, for the $refs our documents use. */
function ref(r: unknown, kind: "schemas" | "responses"): Ty {
  if (typeof r !== "string") no("$ref: not a string");
  const m = REF_RE.exec(r);
  if (!m || m[1] !== kind) no(`$ref ${r}`);
  return { t: `components["${m[1]}"]["${m[2]}"]`, union: false };
}

/** tsLiteral for a string (an identifier whose text is JSON.stringify(value)), a number or null. */
function literalType(v: unknown): Ty {
  if (typeof v === "string") return { t: JSON.stringify(v), union: false };
  if (v === null) return T_NULL;
  // A number from a list ("one of 1, 7, 30"): printed as openapi-typescript prints it (-1 as a prefix minus).
  if (typeof v === "number" && Number.isFinite(v)) return { t: String(v), union: false };
  return no("literal other than a string, a number or null");
}

const SCHEMA_KEYS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "minProperties",
  "items",
  // Printed by neither: openapi-typescript leaves array lengths out unless told (arrayLength) and comments no encoding.
  "minItems",
  "maxItems",
  "contentEncoding",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "pattern",
  "format",
  "description",
  "title",
  "default",
]);
const PRIMITIVE_TYPES = new Set(["string", "number", "integer", "boolean", "null"]);

/** Whether `default` may appear: only on a parameter's schema itself (it is neither typed nor commented there). */
type Place = "nested" | "parameter";

/** Checks what transformSchemaObject reads of a schema, whatever branch it then takes. */
function checkSchema(s: Obj, place: Place): void {
  only(s, SCHEMA_KEYS, "schema");
  if ("$ref" in s) {
    if (Object.keys(s).length !== 1) no("$ref with siblings");
    return;
  }
  if ("default" in s) {
    if (place !== "parameter") no("default");
    if (!["string", "number", "boolean"].includes(typeof s.default)) no("default: not a scalar");
  }
  for (const k of ["minLength", "maxLength", "minimum", "maximum", "minProperties", "minItems", "maxItems"] as const) if (k in s && typeof s[k] !== "number") no(`${k}: not a number`);
  if ("contentEncoding" in s && typeof s.contentEncoding !== "string") no("contentEncoding: not a string");
  if ("pattern" in s && typeof s.pattern !== "string") no("pattern: not a string");
  if ("type" in s) {
    const t = s.type;
    if (Array.isArray(t)) {
      // A list may name "array" (a nullable list column: ["array", "null"]), printed member by member.
      if (t.length === 0 || !t.every((x) => typeof x === "string" && (PRIMITIVE_TYPES.has(x) || x === "array"))) no("type list");
    } else if (typeof t !== "string" || !(PRIMITIVE_TYPES.has(t) || t === "array" || t === "object")) no(`type ${String(t)}`);
  }
  if ("required" in s && !(Array.isArray(s.required) && s.required.every((x) => typeof x === "string"))) no("required: not a list of names");
  if ("additionalProperties" in s && s.additionalProperties !== false) no("additionalProperties other than false");
  if ("properties" in s) obj(s.properties, "properties");
  if ("items" in s) obj(s.items, "items");
  if ("enum" in s && !Array.isArray(s.enum)) no("enum: not a list");
  if ("const" in s && typeof s.const !== "string") no("const other than a string");
  // title, description and format are checked further where they are printed (jsdoc).
  for (const k of ["title", "description", "format"] as const) if (k in s && typeof s[k] !== "string") no(`${k}: not a string`);
}

/** transformSchemaObject, for the shapes checkSchema lets through; `level`: where the type starts. */
function schemaType(s: Obj, level: number, place: Place = "nested"): Ty {
  checkSchema(s, place);
  if ("$ref" in s) return ref(s.$ref, "schemas");
  if (s.const !== undefined) return literalType(s.const);
  if (Array.isArray(s.enum)) {
    if (s.type === "object" || "properties" in s || "additionalProperties" in s) no("enum on an object");
    const members = s.enum.map(literalType);
    if (Array.isArray(s.type) && s.type.includes("null")) members.push(T_NULL);
    return union(members);
  }
  const core = schemaCore(s, level, place);
  if (core) return core;
  return "type" in s ? T_EMPTY_RECORD : T_UNKNOWN;
}

/** transformSchemaObjectCore: undefined when it finds nothing (then Record<string, never> or unknown). */
function schemaCore(s: Obj, level: number, place: Place): Ty | undefined {
  const t = s.type;
  if (t) {
    if (t === "null") return T_NULL;
    if (t === "string") return T_STRING;
    if (t === "number" || t === "integer") return T_NUMBER;
    if (t === "boolean") return T_BOOLEAN;
    if (t === "array") {
      if (!s.items) return { t: "unknown[]", union: false };
      const items = s.items as Obj;
      const item = schemaType(items, level);
      // An array of arrays: openapi-typescript wraps the inner array type once more.
      if (items.type === "array") return { t: `${item.t}[]`, union: false };
      return { t: item.union ? `(${item.t})[]` : `${item.t}[]`, union: false };
    }
    if (Array.isArray(t)) {
      const members: Ty[] = [];
      for (const x of t) members.push(x === "null" ? T_NULL : schemaType({ ...s, type: x }, level, place));
      return union(members);
    }
  }
  const props = s.properties as Obj | undefined;
  if (!props) return undefined;
  const names = Object.keys(props);
  if (names.length === 0) return undefined;
  const required = (s.required as string[] | undefined) ?? null;
  const inner = level + 1;
  const i = ind(inner);
  let body = "{\n";
  for (const k of names) {
    const v = obj(props[k], `property ${k}`);
    // A property with a default is required in some places (defaultNonNullable): not reproduced.
    if ("default" in v) no("property with a default");
    const optional = required !== null && required.includes(k) ? "" : "?";
    const ty = schemaType(v, inner);
    body += jsdoc(v, inner, "$ref" in v ? null : enumDocType(v));
    body += `${i}${propertyName(k)}${optional}: ${ty.t};\n`;
  }
  return { t: `${body}${ind(level)}}`, union: false };
}

// ---- Paths and operations ----------------------------------------------------------------------

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const METHOD_SET = new Set<string>(METHODS);
const OPERATION_KEYS = new Set(["operationId", "summary", "description", "tags", "security", "parameters", "requestBody", "responses"]);
const PARAMETER_KEYS = new Set(["name", "in", "required", "description", "schema"]);
const REQUEST_BODY_KEYS = new Set(["required", "content", "description"]);
const MEDIA_TYPE_KEYS = new Set(["schema"]);
const RESPONSE_KEYS = new Set(["description", "headers", "content"]);
const HEADER_KEYS = new Set(["description", "schema", "required"]);
const REF_KEYS = new Set(["$ref"]);
const PARAM_IN = ["query", "header", "path", "cookie"] as const;

function checkParameter(p: Obj): void {
  only(p, PARAMETER_KEYS, "parameter");
  if (typeof p.name !== "string") no("parameter name");
  if (typeof p.in !== "string" || !(PARAM_IN as readonly string[]).includes(p.in)) no("parameter in");
  if ("required" in p && typeof p.required !== "boolean") no("parameter required");
}

/** transformParametersArray: the `parameters: {...}` member, at `level`. */
function parametersMember(params: Obj[], level: number): string {
  const i = ind(level);
  const i1 = ind(level + 1);
  let s = `${i}parameters: {\n`;
  for (const where of PARAM_IN) {
    let members = "";
    let count = 0;
    let allOptional = true;
    for (const p of params) {
      if (p.in !== where) continue;
      const optional = where !== "path" && !p.required;
      if (!optional) allOptional = false;
      count++;
      const ty = p.schema ? schemaType(obj(p.schema, "parameter schema"), level + 2, "parameter") : T_STRING;
      members += jsdoc(p, level + 2, null);
      members += `${ind(level + 2)}${propertyName(p.name as string)}${optional ? "?" : ""}: ${ty.t};\n`;
    }
    if (count === 0) s += `${i1}${where}?: never;\n`;
    else s += `${i1}${where}${allOptional ? "?" : ""}: {\n${members}${i1}};\n`;
  }
  return `${s}${i}};\n`;
}

/** The members of a `content` map (media types), at `level`. */
function contentMembers(content: Obj, level: number): string {
  let s = "";
  for (const [type, m] of Object.entries(content)) {
    const media = obj(m, "media type");
    only(media, MEDIA_TYPE_KEYS, "media type");
    const ty = media.schema === undefined ? T_UNKNOWN : schemaType(obj(media.schema, "media type schema"), level);
    s += `${ind(level)}${propertyName(type)}: ${ty.t};\n`;
  }
  return s;
}

/** transformResponseObject, as a type starting at `level`. */
function responseType(r: Obj, level: number): string {
  only(r, RESPONSE_KEYS, "response");
  const i1 = ind(level + 1);
  const i2 = ind(level + 2);
  let s = `{\n${i1}headers: {\n`;
  if (r.headers !== undefined) {
    for (const [name, h] of Object.entries(obj(r.headers, "headers"))) {
      const header = obj(h, "header");
      only(header, HEADER_KEYS, "header");
      if ("required" in header && typeof header.required !== "boolean") no("header required");
      const ty = header.schema ? schemaType(obj(header.schema, "header schema"), level + 2) : T_UNKNOWN;
      s += jsdoc(header, level + 2, null);
      s += `${i2}${propertyName(name)}${header.required ? "" : "?"}: ${ty.t};\n`;
    }
  }
  s += `${i2}[name: string]: unknown;\n${i1}};\n`;
  const content = r.content === undefined ? "" : contentMembers(obj(r.content, "content"), level + 2);
  s += content ? `${i1}content: {\n${content}${i1}};\n` : `${i1}content?: never;\n`;
  return `${s}${ind(level)}}`;
}

/** transformOperationObject's members (parameters, requestBody, responses), at `level`. */
function operationMembers(op: Obj, level: number): string {
  const i = ind(level);
  const params = op.parameters === undefined ? [] : op.parameters;
  if (!Array.isArray(params)) no("parameters: not a list");
  // keyedParameters: one per in-name pair, the last one winning, in the order of first appearance.
  const keyed = new Map<string, Obj>();
  for (const p of params) {
    const param = obj(p, "parameter");
    checkParameter(param);
    keyed.set(`${param.in as string}-${param.name as string}`, param);
  }
  let s = parametersMember([...keyed.values()], level);
  if (op.requestBody !== undefined) {
    const rb = obj(op.requestBody, "requestBody");
    only(rb, REQUEST_BODY_KEYS, "requestBody");
    if ("required" in rb && typeof rb.required !== "boolean") no("requestBody required");
    const content = rb.content === undefined ? "" : contentMembers(obj(rb.content, "content"), level + 2);
    s += jsdoc(rb, level, null);
    s += `${i}requestBody${rb.required ? "" : "?"}: {\n${ind(level + 1)}content: {\n`;
    s += content || `${ind(level + 2)}"*/*"?: never;\n`;
    s += `${ind(level + 1)}};\n${i}};\n`;
  } else s += `${i}requestBody?: never;\n`;
  let rs = "";
  if (op.responses !== undefined) {
    for (const [code, r] of Object.entries(obj(op.responses, "responses"))) {
      const res = obj(r, `response ${code}`);
      if ("$ref" in res) {
        only(res, REF_KEYS, "response $ref");
        rs += `${ind(level + 1)}${propertyName(code)}: ${ref(res.$ref, "responses").t};\n`;
      } else {
        rs += jsdoc(res, level + 1, null);
        rs += `${ind(level + 1)}${propertyName(code)}: ${responseType(res, level + 1)};\n`;
      }
    }
  }
  s += rs ? `${i}responses: {\n${rs}${i}};\n` : `${i}responses: never;\n`;
  return s;
}

const OPERATION_ID_RE = /^[A-Za-z0-9_$][A-Za-z0-9_$.-]*$/;

// ---- The document ------------------------------------------------------------------------------

const ROOT_KEYS = new Set(["openapi", "info", "servers", "security", "paths", "components", "tags", "externalDocs", "jsonSchemaDialect"]);
const COMPONENT_KEYS = new Set(["schemas", "responses", "securitySchemes"]);

function fastTypes(doc: Obj): string {
  for (const k in doc) if (!ROOT_KEYS.has(k) && !k.startsWith("x-")) no(`document: unknown key ${k}`);
  let out = "";
  let operations = "";
  if (doc.paths !== undefined) {
    let members = "";
    for (const [url, item] of Object.entries(obj(doc.paths, "paths"))) {
      const pathItem = obj(item, `path ${url}`);
      for (const k in pathItem) if (!METHOD_SET.has(k)) no(`path item: unknown key ${k}`);
      members += `${INDENT}${propertyName(url)}: {\n`;
      members += parametersMember([], 2);
      for (const method of METHODS) {
        if (pathItem[method] === undefined) {
          members += `${ind(2)}${method}?: never;\n`;
          continue;
        }
        const op = obj(pathItem[method], `${method} ${url}`);
        only(op, OPERATION_KEYS, "operation");
        // Without an operationId, the operation's type would be written inline: not reproduced.
        if (typeof op.operationId !== "string" || !OPERATION_ID_RE.test(op.operationId)) no("operationId");
        members += jsdoc(op, 2, null);
        members += `${ind(2)}${method}: operations[${stringLiteral(op.operationId)}];\n`;
        operations += `${INDENT}${propertyName(op.operationId)}: {\n${operationMembers(op, 2)}${INDENT}};\n`;
      }
      members += `${INDENT}};\n`;
    }
    out += members ? `export interface paths {\n${members}}\n` : "export type paths = Record<string, never>;\n";
  } else out += "export type paths = Record<string, never>;\n";
  out += "export type webhooks = Record<string, never>;\n";
  if (doc.components !== undefined) {
    const components = obj(doc.components, "components");
    only(components, COMPONENT_KEYS, "components");
    let s = "export interface components {\n";
    const schemas = components.schemas === undefined ? [] : Object.entries(obj(components.schemas, "schemas"));
    if (schemas.length) {
      s += `${INDENT}schemas: {\n`;
      for (const [name, v] of schemas) {
        const schema = obj(v, `schema ${name}`);
        if ("default" in schema) no("component schema with a default");
        const ty = schemaType(schema, 2);
        s += jsdoc(schema, 2, "$ref" in schema ? null : enumDocType(schema));
        s += `${ind(2)}${propertyName(name)}: ${ty.t};\n`;
      }
      s += `${INDENT}};\n`;
    } else s += `${INDENT}schemas: never;\n`;
    const responses = components.responses === undefined ? [] : Object.entries(obj(components.responses, "responses"));
    if (responses.length) {
      s += `${INDENT}responses: {\n`;
      for (const [name, v] of responses) {
        const r = obj(v, `response ${name}`);
        const ty = responseType(r, 2);
        s += jsdoc(r, 2, null);
        s += `${ind(2)}${propertyName(name)}: ${ty};\n`;
      }
      s += `${INDENT}};\n`;
    } else s += `${INDENT}responses: never;\n`;
    s += `${INDENT}parameters: never;\n${INDENT}requestBodies: never;\n${INDENT}headers: never;\n${INDENT}pathItems: never;\n}\n`;
    out += s;
  } else out += "export type components = Record<string, never>;\n";
  out += "export type $defs = Record<string, never>;\n";
  out += operations ? `export interface operations {\n${operations}}\n` : "export type operations = Record<string, never>;\n";
  return out;
}

/**
 * The types for `openapiJson`; or null when the document holds anything this printer does
 * not know for certain (then openapi-typescript itself must run).
 */
export function printSchemaTypes(openapiJson: string): string | null {
  return printSchemaTypesOrRefusal(openapiJson).types;
}

/** The types, or why the fast path refuses the document (for tests and debugging). */
export function printSchemaTypesOrRefusal(openapiJson: string): { types: string; refusal: null } | { types: null; refusal: string } {
  // A discriminator shapes openapi-typescript's union types; this printer leaves it to it.
  if (openapiJson.includes('"discriminator"')) return { types: null, refusal: "discriminator" };
  let doc: unknown;
  try {
    doc = JSON.parse(openapiJson);
  } catch {
    return { types: null, refusal: "not JSON" };
  }
  if (!isObj(doc)) return { types: null, refusal: "not an object" };
  try {
    return { types: fastTypes(doc), refusal: null };
  } catch (e) {
    if (e instanceof Unsupported) return { types: null, refusal: e.message };
    throw e;
  }
}
