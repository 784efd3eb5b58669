// OpenAPI 3.0/3.1 (YAML or JSON, a whole file or a fenced block) -> pieces of the raw shape:
// endpoints with their query parameters, request-body fields and list envelope, and the
// component schemas that look like database rows as candidate tables. The `yaml` package keeps
// every node's source range, so each RawText points at the exact text in the file; local $refs
// are followed over the same YAML tree, so a field read through a $ref points at the referenced
// schema. swagger-parser is not used: it is async, loses positions, and costs ~200 ms (import
// plus first validation) on this machine, so the shape checks below are our own. Walking the
// YAML tree (positions, $refs, flattened schemas) is openapi-document.ts's.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node, type YAMLMap } from "yaml";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import { plural, singular, snakeCase } from "../base/naming.js";
import type { ReaderNote } from "./block.js";
import { OpenApiDocument, type Flat, type Prop } from "./openapi-document.js";
import type { RawBodyField, RawColumn, RawEndpoint, RawEnvelope, RawQueryParam, RawTable, RawText } from "./raw.js";

export interface OpenApiResult {
  readonly endpoints: RawEndpoint[];
  readonly diagnostics: Diagnostic[];
  readonly notes: ReaderNote[];
  /** Component schemas that look like database rows (an object with an `id`), as candidate tables. */
  readonly schemas: RawTable[];
  /** The guesses behind `schemas` (table names, skipped duplicates): worth showing only when they are used. */
  readonly schemaNotes: ReaderNote[];
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);
const OTHER_METHODS = new Set(["head", "options", "trace", "connect", "query"]);
const PATH_ITEM_KEYS = new Set(["summary", "description", "servers", "parameters", "$ref"]);
const TOTAL = /^(total|count|total_count|totalcount|total_items|totalitems)$/i;
const HEALTH_PATH = /\/(health|healthz|healthcheck|health[-_]check|ping|ready|readyz|readiness|live|livez|liveness)\/?$/i;
const HEALTH_WORDS = /\bhealth[\s_-]?check|\bliveness\b|\breadiness\b/i;

/** Cheap test on the text (no parse): a top-level `openapi:`/`swagger:` key, or top-level `paths:` holding a `/...` key. */
export function isOpenApiDocument(text: string): boolean {
  const head = text.replace(/^\uFEFF/, "");
  if (/^\s*\{/.test(head)) return /"(?:openapi|swagger)"\s*:\s*"?\d/.test(head) || /"paths"\s*:\s*\{\s*"\//.test(head);
  return /^["']?(?:openapi|swagger)["']?[ \t]*:[ \t]*["']?\d/m.test(head) || /^paths[ \t]*:[ \t]*(?:#[^\n]*)?\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+["']?\//m.test(head);
}

/**
 * Read an OpenAPI document. `at` maps an offset of `text` to its place in the file (a fenced
 * block); without it `text` is the whole file. Synchronous; never throws on bad input.
 */
export function readOpenApi(text: string, file: string, at?: (offset: number) => Span): OpenApiResult {
  let where = at;
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (!where) {
    where = (offset: number): Span => {
      const p = lc.linePos(offset);
      return { file, line: Math.max(1, p.line), column: Math.max(1, p.col) };
    };
  }
  return new OpenApiReader(doc, where).read();
}

class OpenApiReader extends OpenApiDocument {
  private readonly schemaNotes: ReaderNote[] = [];

  read(): OpenApiResult {
    const empty = (): OpenApiResult => ({ endpoints: [], diagnostics: this.diagnostics, notes: this.notes, schemas: [], schemaNotes: [] });
    for (const e of this.doc.errors) this.error(`the OpenAPI document does not parse: ${e.message.split("\n")[0]}`, e.pos[0]);
    if (this.doc.errors.length) return empty();
    const root = this.deAlias(this.doc.contents);
    if (!isMap(root)) {
      this.error("the OpenAPI document is not a mapping of keys (openapi, info, paths...)", root?.range?.[0] ?? 0);
      return empty();
    }
    const swagger = this.pairOf(root, "swagger");
    if (swagger) {
      this.error("Swagger / OpenAPI 2.0 documents are not read; only OpenAPI 3.0 and 3.1", this.offsetOf(swagger.value ?? swagger.key), "convert it to OpenAPI 3 (for example with swagger2openapi)");
      return empty();
    }
    const version = this.pairOf(root, "openapi");
    if (version) {
      const v = this.scalarText(version.value);
      if (v === undefined || !/^3(\.|$)/.test(v)) {
        this.error(`OpenAPI version "${v ?? ""}" is not read; only 3.0 and 3.1`, this.offsetOf(version.value ?? version.key));
        return empty();
      }
    }
    const paths = this.value(root, "paths");
    if (paths !== undefined && !isMap(paths) && !(isScalar(paths) && paths.value === null)) {
      this.error('"paths" is not a mapping of paths to operations', this.offsetOf(paths));
      return empty();
    }
    const components = this.value(root, "components");
    const schemasNode = isMap(components) ? this.value(components, "schemas") : undefined;
    if (schemasNode !== undefined && !isMap(schemasNode) && !(isScalar(schemasNode) && schemasNode.value === null)) {
      this.error('"components.schemas" is not a mapping of names to schemas', this.offsetOf(schemasNode));
      return empty();
    }
    const endpoints = isMap(paths) ? this.readPaths(root, paths) : [];
    const schemas = isMap(schemasNode) ? this.readSchemas(schemasNode) : [];
    this.serverBase(root);
    return { endpoints, diagnostics: this.diagnostics, notes: this.notes, schemas, schemaNotes: this.schemaNotes };
  }

  /** Paths are relative to the server URL; a base path there is worth a note (paths are kept as written). */
  private serverBase(root: YAMLMap): void {
    const servers = this.value(root, "servers");
    const first = isSeq(servers) ? this.deAlias(servers.items[0]) : undefined;
    const url = isMap(first) ? this.value(first, "url") : undefined;
    const text = this.scalarText(url);
    const base = text ? /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*)?(\/[^?#]*?)\/?$/i.exec(text)?.[1] : undefined;
    if (base && base !== "/") this.note(url, `the server URL has the base path "${base}"; paths are read as written, without it`);
  }

  // -------------------------------------------------------------- paths

  private readPaths(root: YAMLMap, paths: YAMLMap): RawEndpoint[] {
    const out: RawEndpoint[] = [];
    const publicByDefault = !this.anySecurity(root, paths);
    for (const pair of paths.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const pathKey = pair.key;
      const pathText = String(pathKey.value);
      if (pathText.startsWith("x-")) continue;
      if (!pathText.startsWith("/")) {
        this.report("warning", "SF208", `path "${pathText}" does not start with "/"; its operations are skipped`, this.offsetOf(pathKey));
        continue;
      }
      const item = this.resolve(pair.value);
      if (!isMap(item)) {
        // An empty path (`/x:`) says nothing; an unfollowed $ref is already reported.
        const written = this.deAlias(pair.value);
        const empty = written === undefined || (isScalar(written) && written.value === null);
        if (!empty && !isMap(written)) this.report("warning", "SF208", `path "${pathText}" is not a mapping of operations; it is skipped`, this.offsetOf(written));
        continue;
      }
      const shared = this.parameters(this.value(item, "parameters"));
      for (const op of item.items) {
        if (!isPair(op) || !isScalar(op.key)) continue;
        const methodKey = op.key;
        const word = String(methodKey.value);
        const lower = word.toLowerCase();
        if (lower.startsWith("x-") || PATH_ITEM_KEYS.has(word)) continue;
        if (!METHODS.has(lower)) {
          const known = OTHER_METHODS.has(lower);
          this.report("warning", "SF208", known
            ? `${word.toUpperCase()} ${pathText}: HTTP method ${word.toUpperCase()} is not supported; the operation is skipped`
            : `"${word}" under ${pathText} is not an HTTP method; it is skipped`, this.offsetOf(methodKey), "use get, post, put, patch or delete");
          continue;
        }
        const operation = this.deAlias(op.value);
        if (!isMap(operation)) {
          this.report("warning", "SF208", `${word.toUpperCase()} ${pathText}: the operation is not a mapping; it is skipped`, this.offsetOf(op.value ?? methodKey));
          continue;
        }
        const ep = this.operation(methodKey, pathKey, operation, shared, publicByDefault);
        out.push(ep);
      }
    }
    return out;
  }

  /** Whether the document asks for authentication anywhere (top level, any operation, or defines schemes). */
  private anySecurity(root: YAMLMap, paths: YAMLMap): boolean {
    const top = this.value(root, "security");
    if (isSeq(top) && top.items.length) return true;
    const components = this.value(root, "components");
    const schemes = isMap(components) ? this.value(components, "securitySchemes") : undefined;
    if (isMap(schemes) && schemes.items.length) return true;
    for (const p of paths.items) {
      const item = isPair(p) ? this.deAlias(p.value) : undefined;
      if (!isMap(item)) continue;
      for (const op of item.items) {
        const o = isPair(op) ? this.deAlias(op.value) : undefined;
        if (!isMap(o)) continue;
        const s = this.value(o, "security");
        if (isSeq(s) && s.items.some((r) => isMap(this.deAlias(r)) && (this.deAlias(r) as YAMLMap).items.length)) return true;
      }
    }
    return false;
  }

  private operation(methodKey: Scalar, pathKey: Scalar, op: YAMLMap, shared: Map<string, YAMLMap>, publicByDefault: boolean): RawEndpoint {
    const method = this.raw(methodKey);
    const path = this.raw(pathKey);
    const lower = method.text.toLowerCase();
    const where = `${method.text.toUpperCase()} ${path.text}`;
    const summaryText = this.summary(op);

    // auth: an explicit empty security list, or a plain health check in a document that asks for no auth at all.
    let auth: "public" | undefined;
    const sec = this.value(op, "security");
    if (isSeq(sec)) {
      const reqs = sec.items.map((r) => this.deAlias(r));
      const empty = (r: Node | undefined) => isMap(r) && r.items.length === 0;
      if (reqs.length === 0 || reqs.every(empty)) {
        auth = "public";
        this.note(sec, `${where} is public (its security list asks for nothing)`);
      } else if (reqs.some(empty)) this.note(sec, `${where} makes authentication optional; read as required`);
    } else if (publicByDefault && (lower === "get" || lower === "head") && !path.text.includes("{") &&
      (HEALTH_PATH.test(path.text) || HEALTH_WORDS.test(summaryText ?? "") || HEALTH_WORDS.test(this.scalarText(this.value(op, "operationId")) ?? ""))) {
      auth = "public";
      this.note(methodKey, `${where} read as public: it is a health check and the document asks for no authentication`);
    }

    // status: the first 2xx response.
    let status: number | undefined;
    let okResponse: Node | undefined;
    const responses = this.value(op, "responses");
    if (isMap(responses)) {
      for (const r of responses.items) {
        if (!isPair(r) || !isScalar(r.key)) continue;
        const code = String(r.key.value);
        if (/^2\d\d$/.test(code)) {
          status = Number(code);
          okResponse = r.value as Node | undefined;
          break;
        }
      }
    }

    // query parameters: the path item's, overridden by the operation's own (same name and place).
    const params = new Map(shared);
    for (const [k, v] of this.parameters(this.value(op, "parameters"))) params.set(k, v);
    const query: RawQueryParam[] = [];
    for (const [k, p] of params) if (k.startsWith("query:")) {
      const q = this.queryParam(p);
      if (q) query.push(q);
    }

    const envelope = lower === "get" && okResponse !== undefined ? this.envelope(okResponse) : undefined;
    const body = lower === "post" || lower === "put" || lower === "patch" ? this.body(op, where) : undefined;
    return {
      method,
      path,
      ...(summaryText ? { summary: summaryText } : {}),
      ...(auth ? { auth } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(query.length ? { query } : {}),
      ...(envelope ? { envelope } : {}),
      ...(body ? { body } : {}),
    };
  }

  private summary(op: YAMLMap): string | undefined {
    const s = this.scalarText(this.value(op, "summary"))?.trim();
    if (s) return s;
    const d = this.scalarText(this.value(op, "description"))?.trim();
    if (d) {
      const first = /^([\s\S]*?[.!?])(?=\s|$)/.exec(d)?.[1] ?? d.split("\n")[0]!;
      const one = first.replace(/\s+/g, " ").replace(/\.$/, "").trim();
      if (one) return one;
    }
    return this.scalarText(this.value(op, "operationId"))?.trim() || undefined;
  }

  /** A parameters list -> "in:name" -> the parameter's map (refs followed). */
  private parameters(node: Node | undefined): Map<string, YAMLMap> {
    const out = new Map<string, YAMLMap>();
    if (!isSeq(node)) return out;
    for (const item of node.items) {
      const p = this.resolve(item);
      if (p === undefined && isMap(this.deAlias(item))) continue; // an unfollowed $ref, already reported
      const name = isMap(p) ? this.scalarText(this.value(p, "name")) : undefined;
      const where = isMap(p) ? this.scalarText(this.value(p, "in")) : undefined;
      if (!isMap(p) || !name || !where) {
        this.report("warning", "SF113", "a parameter without a name and an `in` is not understood; it is skipped", this.offsetOf(item));
        continue;
      }
      out.set(`${where}:${name}`, p);
    }
    return out;
  }

  private queryParam(p: YAMLMap): RawQueryParam | null {
    const nameNode = this.value(p, "name");
    if (!isScalar(nameNode)) return null;
    const schema = this.flatten(this.value(p, "schema"));
    const parts: string[] = [];
    let type: string | undefined;
    let values: string[] = [];
    let def: string | undefined;
    if (schema) {
      const t = this.typeOf(schema);
      const format = this.scalarText(this.kwValue(schema, "format"));
      type = t.type === "string" && format === "date-time" ? "datetime" : t.type === "string" && (format === "date" || format === "uuid") ? format : t.type;
      let valueSchema = schema;
      if (t.type === "array") {
        const items = this.flatten(this.kwValue(schema, "items"));
        if (items) valueSchema = items;
      }
      const e = this.enumValues(valueSchema);
      if (e) values = e.values.map(String);
      const d = this.kwValue(schema, "default");
      if (isScalar(d) && d.value !== null && typeof d.value !== "object") def = String(d.value);
      if (type) parts.push(format && !["date-time", "date", "uuid"].includes(format) ? `${type} (${format})` : type);
      for (const [k, w] of [["minimum", "minimum"], ["maximum", "maximum"], ["exclusiveMinimum", "greater than"], ["exclusiveMaximum", "less than"], ["minLength", "min length"], ["maxLength", "max length"], ["minItems", "min items"], ["maxItems", "max items"]] as const) {
        const n = this.kwNumber(schema, k);
        if (n !== undefined) parts.push(`${w} ${n}`);
      }
      if (values.length) parts.push(`one of: ${values.join(" | ")}`);
      if (def !== undefined) parts.push(`default ${def}`);
    }
    const required = this.value(p, "required");
    if (isScalar(required) && required.value === true) parts.push("required");
    const description = this.scalarText(this.value(p, "description"))?.replace(/\s+/g, " ").trim();
    // "; " before the prose keeps "default 20" from swallowing a full stop when describe() reads the text.
    const text = parts.join(", ") + (description ? `${parts.length ? "; " : ""}${description}` : "");
    return { name: this.raw(nameNode), values, text, ...(type ? { type } : {}), ...(def !== undefined ? { default: def } : {}) };
  }

  /** The JSON schema of a response or request body (refs followed), if it has one. */
  private jsonSchema(holder: Node | undefined): Node | undefined {
    const h = this.resolve(holder);
    if (!isMap(h)) return undefined;
    const content = this.value(h, "content");
    if (!isMap(content)) return undefined;
    const pick = this.value(content, "application/json") ?? (content.items.find((p) => isPair(p) && isScalar(p.key) && /[/+]json\b/i.test(String(p.key.value)))?.value as Node | undefined);
    const media = this.deAlias(pick);
    return isMap(media) ? this.value(media, "schema") : undefined;
  }

  /** `{tasks: [{...}], total: 3}` (or `{data: [...], meta: {total}}`) as a list response -> its envelope. */
  private envelope(response: Node): RawEnvelope | undefined {
    const schemaNode = this.jsonSchema(response);
    if (schemaNode === undefined) return undefined;
    const f = this.flatten(schemaNode);
    if (!f || this.typeOf(f).type !== "object") return undefined;
    const props = [...f.properties].map(([name, p]) => ({ name, flat: this.flatten(p.value) }));
    const arrays = props.filter((p) => p.flat && this.typeOf(p.flat).type === "array");
    if (arrays.length !== 1) return undefined;
    const items = this.flatten(this.kwValue(arrays[0]!.flat!, "items"));
    if (!items || this.typeOf(items).type !== "object") return undefined;
    const numeric = (x: Flat | undefined) => !!x && ["integer", "number"].includes(this.typeOf(x).type ?? "");
    // A counter beside the rows, or nested ({meta: {total}}): written as a dotted path.
    const counter = (re: RegExp): string | null => {
      const here = props.find((p) => re.test(p.name) && numeric(p.flat));
      if (here) return here.name;
      for (const p of props) {
        if (!p.flat || this.typeOf(p.flat).type !== "object" || p === arrays[0]) continue;
        const inner = [...p.flat.properties].find(([n, v]) => re.test(n) && numeric(this.flatten(v.value)));
        if (inner) return `${p.name}.${inner[0]}`;
      }
      return null;
    };
    const total = counter(TOTAL);
    const limit = counter(/^(limit|page_?size|per_?page|size|pagesize|perpage)$/i);
    const offset = counter(/^(offset|skip)$/i);
    const page = counter(/^(page|current_?page|page_?number)$/i);
    const pages = counter(/^(total_?pages|pages|page_?count|last_?page)$/i);
    return { items: arrays[0]!.name, total, ...(limit ? { limit } : {}), ...(offset ? { offset } : {}), ...(page ? { page } : {}), ...(pages ? { pages } : {}) };
  }

  private body(op: YAMLMap, where: string): RawBodyField[] | undefined {
    const holder = this.value(op, "requestBody");
    if (holder === undefined) return undefined;
    const schemaNode = this.jsonSchema(holder);
    if (schemaNode === undefined) {
      if (isMap(this.resolve(holder))) this.note(holder, `${where}: the request body has no JSON schema; its fields are not read`);
      return undefined;
    }
    const f = this.flatten(schemaNode);
    if (!f) return undefined;
    if (this.typeOf(f).type !== "object" || f.properties.size === 0) {
      this.note(schemaNode, `${where}: the request body is ${f.union ? "a oneOf/anyOf" : "not an object with properties"}; its fields are not read`);
      return undefined;
    }
    const out: RawBodyField[] = [];
    for (const [name, p] of f.properties) {
      const pf = this.flatten(p.value);
      const ro = pf ? this.kwValue(pf, "readOnly") : undefined;
      if (isScalar(ro) && ro.value === true) {
        this.note(p.key, `${where}: body field "${name}" is read-only; it is not accepted in the request`);
        continue;
      }
      const field: RawBodyField = {
        name: this.raw(p.key),
        ...(pf ? this.bodyType(pf, p.key) : {}),
        ...(f.required.has(name) ? { required: true } : {}),
        constraints: pf ? this.constraints(pf, name, "body") : [],
      };
      out.push(field);
    }
    return out;
  }

  private bodyType(f: Flat, at: Scalar): { type: RawText } | Record<string, never> {
    const t = this.typeOf(f);
    if (!t.type) return {};
    const format = this.scalarText(this.kwValue(f, "format"));
    const text = t.type === "string" && format ? `string(${format})` : t.type;
    return { type: this.phrase(text, t.node ?? at) };
  }

  /**
   * Constraint phrases the IR builder reads (interpretConstraint): "min length N", "max length N",
   * "min N", "max N", "one of ('a', 'b')", "nullable", "default X", plus "pattern <regex>",
   * "format <name>" (columns), "exclusive min N"/"exclusive max N" (non-integers).
   */
  private constraints(f: Flat, name: string, kind: "body" | "column"): RawText[] {
    const out: RawText[] = [];
    const t = this.typeOf(f).type;
    const pos = (key: string) => this.kw(f, key)?.key;
    const num = (key: string) => this.kwNumber(f, key);
    const push = (text: string, key: string) => out.push(this.phrase(text, pos(key)));
    if (f.nullable) out.push(this.phrase("nullable", f.nullAt));
    for (const [key, word] of [["minLength", "min length"], ["maxLength", "max length"]] as const) {
      const n = num(key);
      if (n !== undefined) push(`${word} ${n}`, key);
    }
    if (t === "integer" || t === "number") {
      for (const side of ["min", "max"] as const) {
        const incKey = side === "min" ? "minimum" : "maximum";
        const exKey = side === "min" ? "exclusiveMinimum" : "exclusiveMaximum";
        const inc = num(incKey);
        // 3.0: exclusiveMinimum is a boolean beside minimum; 3.1: it is the bound itself.
        const exV = this.kwValue(f, exKey);
        const ex = isScalar(exV) && typeof exV.value === "number" ? exV.value : isScalar(exV) && exV.value === true ? inc : undefined;
        const exWins = ex !== undefined && (inc === undefined || (side === "min" ? ex >= inc : ex <= inc));
        if (exWins) {
          // An integer above N is at least N + 1; a number has no inclusive equivalent.
          const step = side === "min" ? 1 : -1;
          push(t === "integer" && Number.isInteger(ex) ? `${side} ${ex + step}` : `exclusive ${side} ${ex}`, exKey);
        } else if (inc !== undefined) push(`${side} ${inc}`, incKey);
      }
    }
    // A column's enum is its type (enum(a, b)); a body field's is a rule on it.
    const e = this.enumValues(f);
    if (e && kind === "body") out.push(this.phrase(`one of (${e.values.map(quoteValue).join(", ")})`, e.node));
    const pattern = this.scalarText(this.kwValue(f, "pattern"));
    if (pattern !== undefined && pattern !== "") push(`pattern ${pattern}`, "pattern");
    if (kind === "column" && t === "string") {
      const format = this.scalarText(this.kwValue(f, "format"));
      if (format && !COLUMN_FORMATS[format]) push(`format ${format}`, "format");
    }
    const d = this.kwValue(f, "default");
    if (isScalar(d) && d.value !== null && typeof d.value !== "object") {
      const v = d.value;
      push(`default ${typeof v === "string" ? `'${v.replace(/'/g, "''")}'` : String(v)}`, "default");
    }
    return out;
  }

  // -------------------------------------------------------------- component schemas -> candidate tables

  private readSchemas(schemas: YAMLMap): RawTable[] {
    const out: RawTable[] = [];
    const byName = new Map<string, string>();
    for (const pair of schemas.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const schemaName = String(pair.key.value);
      const f = this.flatten(pair.value);
      if (!f || this.typeOf(f).type !== "object" || !f.properties.has("id")) continue;
      // "TaskResponse", "TaskOut", "TaskRead" describe the tasks row as much as "Task" does.
      const core = schemaName.replace(/(?<=[a-z0-9])(?:Response|Out|Output|Read|Public|Dto|DTO|Model|Schema|Entity|Detail|Details|Resource|Record|Row)$/, "") || schemaName;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(core)) continue;
      const snake = snakeCase(core);
      const table = singular(snake) === snake ? plural(snake) : snake;
      const first = byName.get(table);
      if (first !== undefined) {
        this.note(pair.key, `schema "${schemaName}" would be table "${table}" too, which schema "${first}" already gives; it is not read as a table`, this.schemaNotes);
        continue;
      }
      byName.set(table, schemaName);
      this.note(pair.key, `schema "${schemaName}" read as candidate table "${table}" (it has an id)`, this.schemaNotes);
      const columns: RawColumn[] = [];
      for (const [name, p] of f.properties) {
        const pf = this.flatten(p.value);
        columns.push(this.column(name, p, pf, f.required.get(name)));
      }
      const description = this.scalarText(this.kwValue(f, "description"))?.trim();
      out.push({
        name: { text: table, span: this.at(this.offsetOf(pair.key)) },
        ...(description ? { description } : {}),
        columns,
        indexes: [],
        notation: "openapi",
      });
    }
    return out;
  }

  private column(name: string, p: Prop, f: Flat | undefined, requiredAt: Scalar | undefined): RawColumn {
    const nameText = this.raw(p.key);
    if (!f) return { name: nameText, type: this.phrase("jsonb", p.key), constraints: [] };
    const t = this.typeOf(f);
    const format = this.scalarText(this.kwValue(f, "format"));
    const e = this.enumValues(f);
    let type: string;
    switch (t.type) {
      case "string":
        type = e ? `enum(${e.values.map((v) => enumWord(String(v))).join(", ")})` : COLUMN_FORMATS[format ?? ""] ?? "text";
        break;
      case "integer":
        type = format === "int64" ? "bigint" : "integer";
        break;
      case "number":
        type = "float";
        break;
      case "boolean":
        type = "boolean";
        break;
      case "array": {
        const items = this.flatten(this.kwValue(f, "items"));
        const it = items ? this.typeOf(items) : {};
        const itemFormat = items ? this.scalarText(this.kwValue(items, "format")) : undefined;
        const scalar = it.type === "string" ? COLUMN_FORMATS[itemFormat ?? ""] ?? "text" : it.type === "integer" ? (itemFormat === "int64" ? "bigint" : "integer") : it.type === "number" ? "float" : it.type === "boolean" ? "boolean" : undefined;
        type = scalar ? `${scalar}[]` : "jsonb";
        break;
      }
      default:
        type = "jsonb";
        if (f.union) this.note(p.key, `"${name}": a oneOf/anyOf value is stored as jsonb`, this.schemaNotes);
    }
    // An enum column's type text is made of its values: point at them.
    const typeAt = (type.startsWith("enum(") ? e?.node : undefined) ?? t.node ?? p.key;
    const constraints: RawText[] = [];
    if (name === "id") {
      constraints.push(this.phrase("primary key", p.key));
      if (type === "integer" || type === "bigint") constraints.push(this.phrase("auto increment", t.node ?? p.key));
      else if (type === "uuid" && !this.kw(f, "default")) constraints.push(this.phrase("default gen_random_uuid()", t.node ?? p.key));
    } else if (requiredAt && !f.nullable) constraints.push(this.phrase("not null", requiredAt));
    constraints.push(...this.constraints(f, name, "column"));
    const description = this.scalarText(this.kwValue(f, "description"))?.replace(/\s+/g, " ").trim();
    return { name: nameText, type: this.phrase(type, typeAt), constraints, ...(description ? { description } : {}) };
  }
}

/** String formats that are a PostgreSQL type of their own; other formats stay rules on text ("format email"). */
const COLUMN_FORMATS: Record<string, string> = {
  "date-time": "timestamp",
  date: "date",
  time: "time",
  uuid: "uuid",
  ipv4: "inet",
  ipv6: "inet",
  byte: "bytea",
  binary: "bytea",
};

function quoteValue(v: string | number | boolean): string {
  return typeof v === "string" ? `'${v.replace(/'/g, "''")}'` : String(v);
}

/** A bare word inside enum(...) when it is one; quoted when it holds separators. */
function enumWord(v: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(v) ? v : `'${v.replace(/'/g, "''")}'`;
}
