// YAML spec -> RawSpec. The `yaml` package keeps every node's source range and its
// LineCounter turns offsets into line:column; a JSON Schema (ajv) checks the shape, and
// its errors are mapped back onto the node they are about.
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { isMap, isPair, isScalar, isSeq, LineCounter, Pair as YamlPair, parseDocument, Scalar, YAMLMap as YamlMapNode, YAMLSeq, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import { snakeCase } from "../base/naming.js";
import type { SpecKind } from "./parse-markdown.js";
import type { RawCheck, RawColumn, RawEndpoint, RawEnum, RawIndex, RawQueryParam, RawSpec, RawTable, RawText } from "./raw.js";
import { describe as describeParam } from "./query-params.js";

/**
 * A table as the YAML states it. `shared` is what the canonical form writes for a table nobody
 * owns; the IR builder decides sharing itself (ownership.ts) and does not read this field yet.
 */
export type YamlTable = RawTable;

export interface YamlParseResult {
  readonly raw: RawSpec;
  readonly diagnostics: Diagnostic[];
  readonly notes: { readonly span: Span; readonly message: string }[];
}

const IDENT = "^[A-Za-z_][A-Za-z0-9_]*$";

const INDEX_SCHEMA = {
  type: ["string", "object"],
  minLength: 1,
  properties: {
    table: { type: "string" },
    columns: { type: "array", items: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, minItems: 1 },
    unique: { type: "boolean" },
    name: { type: "string" },
    where: { type: "string", minLength: 1 },
  },
  required: ["columns"],
  additionalProperties: false,
} as const;

/** The YAML form of database/schema.yaml. Documented in docs/spec-format.md. */
export const SCHEMA_YAML_SCHEMA = {
  type: "object",
  properties: {
    tables: {
      type: "object",
      minProperties: 1,
      propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
      additionalProperties: {
        type: "object",
        properties: {
          description: { type: "string" },
          identity: { type: "boolean" },
          owner: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
          renamed_from: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
          // A table nobody owns: "read" (every signed-in user reads it) or "read-write".
          shared: { enum: ["read", "read-write"] },
          // The key beside the columns: "primary_key: id", or a list for a composite key.
          primary_key: { type: ["string", "array"], items: { type: "string" } },
          primaryKey: { type: ["string", "array"], items: { type: "string" } },
          pk: { type: ["string", "array"], items: { type: "string" } },
          // CHECK constraints: the expression in PostgreSQL's syntax, named or not.
          checks: {
            type: "array",
            items: {
              type: ["string", "object"],
              minLength: 1,
              properties: { name: { type: "string", minLength: 1 }, sql: { type: "string", minLength: 1 } },
              required: ["sql"],
              additionalProperties: false,
            },
          },
          columns: {
            type: "object",
            minProperties: 1,
            propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
            additionalProperties: {
              type: ["string", "object"],
              minLength: 1,
              properties: {
                type: { type: "string", minLength: 1 },
                constraints: { type: ["string", "array"], items: { type: "string", minLength: 1 } },
                description: { type: "string" },
                // Flags as keys ("{type: varchar(320), nullable: false}"): read as the constraints they say.
                ...Object.fromEntries(["nullable", "null", "optional", "required", "not_null", "notnull", "unique", "primary_key", "primary", "pk", "auto_increment", "autoincrement", "identity"].map((k) => [k, { type: ["boolean", "string"] }])),
                default: { type: ["string", "number", "boolean", "null"] },
                references: { type: "string", minLength: 1 },
                foreign_key: { type: "string", minLength: 1 },
                fk: { type: "string", minLength: 1 },
                ...Object.fromEntries(["enum", "values", "allowed"].map((k) => [k, { type: "array", minItems: 1, items: { type: ["string", "number", "boolean"] } }])),
              },
              required: ["type"],
              additionalProperties: false,
            },
          },
          indexes: { type: "array", items: INDEX_SCHEMA },
        },
        required: ["columns"],
        additionalProperties: false,
      },
    },
    indexes: { type: "array", items: INDEX_SCHEMA },
    // Named sets of values a column's type may name ("status: TaskStatus").
    enums: {
      type: "object",
      propertyNames: { pattern: IDENT },
      additionalProperties: { type: "array", minItems: 1, items: { type: ["string", "number", "boolean"] } },
    },
    row_level_security: { type: "boolean" },
    // A combined document (the canonical form) also holds the API spec: read by the API reader.
    endpoints: {},
    auth: {},
  },
  required: ["tables"],
  additionalProperties: false,
} as const;

const PARAM = { type: "string", pattern: IDENT } as const;

/** The query parameters of a list endpoint, as explicit keys (what build-list.ts resolves). */
const LIST_SCHEMA = {
  type: "object",
  properties: {
    pagination: { enum: ["offset", "page", "cursor"] },
    limit: {
      type: "object",
      properties: { param: PARAM, default: { type: "integer", minimum: 1 }, max: { type: "integer", minimum: 1 } },
      additionalProperties: false,
    },
    sort: {
      type: "object",
      properties: {
        param: PARAM,
        order: PARAM,
        keys: { type: "array", items: { type: "string", minLength: 1 } },
        default: { type: "string", minLength: 1 },
        direction: { enum: ["asc", "desc"] },
      },
      additionalProperties: false,
    },
    search: {
      type: "object",
      properties: { param: PARAM, columns: { type: "array", items: { type: "string" } } },
      additionalProperties: false,
    },
    filters: {
      type: "object",
      propertyNames: { pattern: IDENT },
      additionalProperties: { type: ["array", "null"], items: { type: ["string", "number", "boolean"] } },
    },
  },
  additionalProperties: false,
} as const;

/** The YAML form of api/rest-endpoints.yaml. */
export const API_YAML_SCHEMA = {
  type: "object",
  properties: {
    endpoints: {
      type: "array",
      items: {
        type: ["string", "object"],
        pattern: "^\\s*[A-Za-z]+\\s+/\\S*\\s*$",
        properties: {
          method: { type: "string", pattern: "^[A-Za-z]+$" },
          path: { type: "string", pattern: "^/\\S*$" },
          summary: { type: "string" },
          status: { type: "integer", minimum: 100, maximum: 599 },
          auth: { enum: ["public", "required"] },
          // The request body's fields by name (the canonical form writes those that decide a reading: listed keys).
          body: { type: "array", items: { type: "string", minLength: 1 } },
          query: { type: "object", additionalProperties: { type: ["string", "null"] } },
          list: LIST_SCHEMA,
          envelope: {
            type: "object",
            properties: {
              items: { type: "string", minLength: 1 },
              total: { type: ["string", "null"] },
              limit: { type: "string", minLength: 1 },
              offset: { type: "string", minLength: 1 },
              page: { type: "string", minLength: 1 },
              pages: { type: "string", minLength: 1 },
            },
            required: ["items"],
            additionalProperties: false,
          },
        },
        required: ["method", "path"],
        additionalProperties: false,
      },
    },
    auth: { type: "string" },
    // A combined document (the canonical form) also holds the schema: read by the schema reader.
    tables: {},
    indexes: {},
    enums: {},
    row_level_security: {},
  },
  required: ["endpoints"],
  additionalProperties: false,
} as const;

// Compiled on first use, so that a run on Markdown specs never pays for ajv's code generation.
let validators: Record<SpecKind, ValidateFunction> | undefined;
function validatorFor(kind: SpecKind): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false, allowUnionTypes: true });
    validators = { schema: ajv.compile(SCHEMA_YAML_SCHEMA), api: ajv.compile(API_YAML_SCHEMA) };
  }
  return validators[kind];
}

export function parseYaml(src: string, file: string, kind: SpecKind): YamlParseResult {
  const lc = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const notes: { span: Span; message: string }[] = [];
  const at = (offset: number): Span => {
    const p = lc.linePos(offset);
    return { file, line: Math.max(1, p.line), column: Math.max(1, p.col) };
  };
  const empty: RawSpec = { tables: [], indexes: [], endpoints: [] };
  for (const e of doc.errors) {
    diagnostics.push({ severity: "error", code: "SF301", message: `YAML: ${e.message.split("\n")[0]}`, span: at(e.pos[0]) });
  }
  if (doc.errors.length) return { raw: empty, diagnostics, notes };

  if (kind === "schema") listShapes(doc, notes, at);
  const data: unknown = doc.toJS() ?? {};
  const validate = validatorFor(kind);
  if (!validate(data)) {
    const errors = pickErrors(validate.errors ?? []);
    for (const err of errors) diagnostics.push(mapAjvError(err, doc, at, kind));
    if (diagnostics.some((d) => d.severity === "error")) return { raw: empty, diagnostics, notes };
  }
  diagnostics.push(...strayKeys(data, doc, at, kind));
  const reader = new YamlReader(src, at, notes);
  const raw = kind === "schema" ? reader.schema(doc) : reader.api(doc);
  return { raw, diagnostics, notes };
}

/** The keys a data model written as lists names its entities and their fields with. */
const ENTITY_LIST_KEYS = ["tables", "entities", "models", "collections", "resources", "schemas"];
const FIELD_LIST_KEYS = ["columns", "fields", "attributes", "properties"];
/** A field's length and bounds written as keys: the constraint each says. */
const BOUND_KEYS: Record<string, string> = {
  max_length: "max length", maxlength: "max length", max_len: "max length", length: "max length", size: "max length",
  min_length: "min length", minlength: "min length", min_len: "min length", min: "min", minimum: "min", max: "max", maximum: "max",
};

/** A scalar made here, placed where `from` was written, so that what it says points back at the spec. */
function placed(value: string, from: Node): Scalar {
  const s = new Scalar(value);
  if (from.range) s.range = from.range;
  return s;
}

/** The map's pair whose key is one of `keys` (any case, "-" or "_"). */
function pairOf(map: YAMLMap, keys: readonly string[]): Pair<unknown, unknown> | undefined {
  return map.items.find((p) => isScalar(p.key) && keys.includes(String(p.key.value).toLowerCase().replace(/-/g, "_")));
}

/**
 * A list of fields, each a mapping with its name ("- name: title", "type: string", "required:
 * true", "max_length: 300"), as the columns mapping the YAML form reads: keyed by the name, its
 * bounds as constraints, "type: enum" with its values as enum(a, b). null unless every item has
 * a name.
 */
function fieldMap(seq: YAMLSeq): YamlMapNode | null {
  if (!seq.items.length || !seq.items.every((f) => isMap(f) && isScalar(pairOf(f, ["name"])?.value))) return null;
  const out = new YamlMapNode();
  for (const f of seq.items as YAMLMap[]) {
    const nameNode = pairOf(f, ["name"])!.value as Scalar;
    const col = new YamlMapNode();
    const constraints = new YAMLSeq();
    const typeNode = pairOf(f, ["type"])?.value;
    const values = pairOf(f, ["values", "enum", "allowed"])?.value;
    const enumType = isScalar(typeNode) && /^enum$/i.test(String(typeNode.value)) && isSeq(values) && values.items.every(isScalar);
    for (const p of f.items) {
      const key = isScalar(p.key) ? String(p.key.value).toLowerCase().replace(/-/g, "_") : "";
      if (key === "name" || (enumType && (key === "values" || key === "enum" || key === "allowed"))) continue;
      const bound = BOUND_KEYS[key];
      if (bound && isScalar(p.value) && typeof p.value.value === "number") {
        constraints.items.push(placed(`${bound} ${p.value.value}`, p.key as Node));
        continue;
      }
      if (key === "type" && enumType) {
        col.items.push(new YamlPair(p.key, placed(`enum(${(values as YAMLSeq).items.map((v) => String((v as Scalar).value)).join(", ")})`, typeNode as Scalar)));
        continue;
      }
      col.items.push(p);
    }
    if (constraints.items.length) col.items.push(new YamlPair(new Scalar("constraints"), constraints));
    if (!pairOf(col, ["type"])) col.items.push(new YamlPair(new Scalar("type"), placed("text", nameNode)));
    out.items.push(new YamlPair(nameNode, col));
  }
  return out;
}

/**
 * A data model written as lists rather than the YAML form's mappings: "entities:" (or
 * "models:", "tables:", "collections:") over "- name: Book" items, each with "fields:" (or
 * "columns:", "attributes:") over "- name: title" items. Rewritten in place, each name and value
 * keeping where it was written, into "tables: {Book: {columns: {title: {...}}}}"; noted once.
 */
function listShapes(doc: Document, notes: { span: Span; message: string }[], at: (o: number) => Span): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const tablesPair = pairOf(root, ["tables"]);
  const listPair = isSeq(tablesPair?.value) ? tablesPair : tablesPair ? undefined : pairOf(root, ENTITY_LIST_KEYS);
  const tables = new YamlMapNode();
  if (listPair && isSeq(listPair.value)) {
    const seq = listPair.value;
    if (!seq.items.length || !seq.items.every((e) => isMap(e) && isScalar(pairOf(e, ["name"])?.value))) return;
    for (const e of seq.items as YAMLMap[]) {
      const t = new YamlMapNode();
      for (const p of e.items) {
        const key = isScalar(p.key) ? String(p.key.value).toLowerCase().replace(/-/g, "_") : "";
        if (key === "name") continue;
        if (FIELD_LIST_KEYS.includes(key)) {
          const cols = isSeq(p.value) ? fieldMap(p.value) : isMap(p.value) ? p.value : null;
          if (cols) t.items.push(new YamlPair(placed("columns", p.key as Node), cols));
          continue;
        }
        t.items.push(p);
      }
      tables.items.push(new YamlPair(pairOf(e, ["name"])!.value, t));
    }
    root.items.splice(root.items.indexOf(listPair), 1, new YamlPair(placed("tables", listPair.key as Node), tables));
    const k = listPair.key as Node;
    notes.push({ span: at(k.range?.[0] ?? 0), message: `"${String((k as Scalar).value)}" lists the tables, each with a name and a list of fields: read as the YAML form's tables` });
    return;
  }
  // The mapping form with each table's columns as a list of named fields.
  if (isMap(tablesPair?.value)) {
    for (const tp of tablesPair.value.items) {
      if (!isMap(tp.value)) continue;
      const cp = pairOf(tp.value, FIELD_LIST_KEYS);
      if (!cp || !isSeq(cp.value)) continue;
      const cols = fieldMap(cp.value);
      if (cols) tp.value.items.splice(tp.value.items.indexOf(cp), 1, new YamlPair(placed("columns", cp.key as Node), cols));
    }
  }
}

/**
 * The other spec's keys, allowed so that one document can hold both (`tables` and
 * `endpoints`), are unknown keys in a document that holds only this spec's part.
 */
function strayKeys(data: unknown, doc: Document, at: (o: number) => Span, kind: SpecKind): Diagnostic[] {
  if (!data || typeof data !== "object" || !isMap(doc.contents)) return [];
  const keys = Object.keys(data);
  const [anchor, others] = kind === "schema" ? ["endpoints", ["auth"]] : ["tables", ["indexes", "enums", "row_level_security"]];
  if (keys.includes(anchor)) return [];
  return doc.contents.items
    .filter((p) => isScalar(p.key) && others.includes(String(p.key.value)))
    .map((p) => ({
      severity: "warning" as const,
      code: "SF303",
      message: `unknown key "${String((p.key as Scalar).value)}" in the document; it is ignored`,
      span: at((p.key as Scalar).range?.[0] ?? 0),
      hint: kind === "schema" ? "auth belongs to the API spec (or to a document that also holds endpoints)" : "indexes, enums and row_level_security belong to the schema (or to a document that also holds tables)",
    }));
}

/** One error per place: a union type produces several errors for the same value. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const key = e.instancePath + (e.keyword === "additionalProperties" ? `/${String(e.params.additionalProperty)}` : "");
    const list = byPath.get(key);
    if (list) list.push(e);
    else byPath.set(key, [e]);
  }
  const out: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const rank = (e: ErrorObject) => ["type", "required", "additionalProperties", "enum", "pattern", "minimum", "maximum"].indexOf(e.keyword);
    out.push([...list].sort((a, b) => rank(a) - rank(b))[0]!);
  }
  return out;
}

function pathOf(instancePath: string): string[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function mapAjvError(err: ErrorObject, doc: Document, at: (o: number) => Span, kind: SpecKind): Diagnostic {
  const parts = pathOf(err.instancePath);
  const node = (parts.length ? doc.getIn(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true) : doc.contents) as Node | undefined;
  let offset = node?.range?.[0] ?? 0;
  const where = parts.length ? parts.join(".") : "the document";
  let message: string;
  let severity: "error" | "warning" = "error";
  let code = "SF302";
  let hint: string | undefined;
  switch (err.keyword) {
    case "additionalProperties": {
      const prop = String(err.params.additionalProperty);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === prop);
        const k = pair?.key as Node | undefined;
        if (k?.range) offset = k.range[0];
      }
      severity = "warning";
      code = "SF303";
      message = `unknown key "${prop}" in ${where}; it is ignored`;
      hint = kind === "schema"
        ? "known keys: tables, indexes, enums, row_level_security; in a table: description, identity, owner, shared, renamed_from, columns, indexes, checks"
        : "known keys: endpoints, auth; in an endpoint: method, path, summary, status, auth, body, query, list, envelope";
      break;
    }
    case "required":
      message = `${where} needs "${String(err.params.missingProperty)}"`;
      break;
    case "type":
      message = `${where} should be ${String(err.params.type).replace(",", " or ")}`;
      break;
    case "pattern":
      message = `${where} is not in the expected form (${String(err.params.pattern)})`;
      hint = kind === "api" ? 'write an endpoint as "GET /api/{user_id}/tasks" or {method, path}' : "names are letters, digits and underscores";
      break;
    case "propertyNames": {
      message = `${where} has a name that is not an identifier`;
      break;
    }
    default:
      message = `${where} ${err.message ?? "is not valid"}`;
  }
  return { severity, code, message, span: at(offset), ...(hint ? { hint } : {}) };
}

/** Pieces of a "type, phrase, phrase" text: split at commas outside quotes and parentheses, trimmed, empty ones dropped. */
/** A YAML flag's truth: true/false, yes/no, on/off (as YAML 1.2 leaves them strings); null if neither. */
function yamlYes(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") return null;
  if (/^(?:yes|y|on|true)$/i.test(v)) return true;
  if (/^(?:no|n|off|false)$/i.test(v)) return false;
  return null;
}

export function splitPhrases(value: string): string[] {
  return phraseRanges(value).map((p) => p.text);
}

function phraseRanges(value: string): { from: number; text: string }[] {
  const out: { from: number; text: string }[] = [];
  let depth = 0;
  let quote = "";
  let from = 0;
  const push = (a: number, b: number) => {
    const raw = value.slice(a, b);
    const t = raw.trim();
    if (t) out.push({ from: a + (raw.length - raw.trimStart().length), text: t });
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      push(from, i);
      from = i + 1;
    }
  }
  push(from, value.length);
  return out;
}

class YamlReader {
  constructor(
    private readonly src: string,
    private readonly at: (o: number) => Span,
    private readonly notes: { span: Span; message: string }[],
  ) {}

  /** Where the characters of a scalar's value start in the source (after a quote). */
  private valueStart(node: Scalar): number {
    const start = node.range?.[0] ?? 0;
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return start + 1;
    return start;
  }

  private text(node: unknown): RawText {
    const s = node as Scalar;
    return { text: String(s.value), span: this.at(this.valueStart(s)) };
  }

  /** A scalar split at top-level commas, each piece with its exact position when the source allows it. */
  private pieces(node: Scalar): RawText[] {
    const value = String(node.value);
    const start = this.valueStart(node);
    const exact = this.src.slice(start, start + value.length) === value;
    return phraseRanges(value).map(({ from, text }) => ({ text, span: this.at(exact ? start + from : start) }));
  }

  private get(map: YAMLMap, key: string): Node | undefined {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<unknown, Node> | undefined;
    return pair?.value ?? undefined;
  }

  schema(doc: Document): RawSpec {
    const root = doc.contents;
    const tables: RawTable[] = [];
    const indexes: RawIndex[] = [];
    if (!isMap(root)) return { tables, indexes, endpoints: [] };
    const tmap = this.get(root, "tables");
    if (isMap(tmap)) {
      for (const pair of tmap.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !isMap(pair.value)) continue;
        const name = this.text(pair.key);
        const snake = snakeCase(name.text);
        if (snake !== name.text) this.notes.push({ span: name.span, message: `table "${name.text}" read as "${snake}" (snake_case)` });
        const t = pair.value;
        const columns: RawColumn[] = [];
        const cmap = this.get(t, "columns");
        if (isMap(cmap)) {
          for (const cp of cmap.items) {
            if (!isPair(cp) || !isScalar(cp.key)) continue;
            const cname = this.text(cp.key);
            const v = cp.value;
            if (isScalar(v)) {
              const [type, ...constraints] = this.pieces(v);
              if (type) columns.push({ name: cname, type, constraints });
            } else if (isMap(v)) {
              const typeNode = this.get(v, "type");
              if (!isScalar(typeNode)) continue;
              const cons = this.get(v, "constraints");
              const constraints: RawText[] = isScalar(cons)
                ? this.pieces(cons)
                : isSeq(cons)
                  ? cons.items.filter(isScalar).map((s) => this.text(s))
                  : [];
              // Flags as keys: "{type: varchar(320), nullable: false}", "required: true", "unique: yes",
              // "primary_key: true", "default: 0", "enum: [a, b]", "references: users.id".
              for (const fp of v.items) {
                if (!isPair(fp) || !isScalar(fp.key) || fp.value === null || fp.value === undefined) continue;
                const key = String(fp.key.value).toLowerCase().replace(/[-\s]/g, "_");
                const node = fp.value as Node;
                const at = this.text(fp.key).span;
                const yes = isScalar(node) ? yamlYes(node.value) : null;
                const say = (text: string) => constraints.push({ text, span: at });
                if ((key === "nullable" || key === "null" || key === "optional") && yes !== null) say(yes ? "nullable" : "not null");
                else if ((key === "required" || key === "not_null" || key === "notnull") && yes !== null) say(yes ? "not null" : "nullable");
                else if ((key === "unique" || key === "primary_key" || key === "primary" || key === "pk") && yes === true) say(key === "unique" ? "unique" : "primary key");
                else if ((key === "auto_increment" || key === "autoincrement" || key === "identity") && yes === true) say("auto increment");
                else if (key === "default" && isScalar(node) && node.value !== null) say(`default ${typeof node.value === "string" && !/^[\w.]+\(\)$/.test(node.value) ? `'${node.value}'` : String(node.value)}`);
                else if ((key === "references" || key === "foreign_key" || key === "fk") && isScalar(node) && typeof node.value === "string") say(`references ${node.value}`);
                else if ((key === "enum" || key === "values" || key === "allowed") && isSeq(node) && node.items.every(isScalar))
                  say(`check (${cname.text} in (${node.items.map((x) => `'${String((x as Scalar).value).replace(/'/g, "''")}'`).join(", ")}))`);
              }
              const desc = this.get(v, "description");
              columns.push({
                name: cname,
                type: this.text(typeNode),
                constraints,
                ...(isScalar(desc) && String(desc.value) ? { description: String(desc.value) } : {}),
              });
            }
          }
        }
        // "primary_key: Id" (or a list, a composite key) beside the columns.
        const pkNode = this.get(t, "primary_key") ?? this.get(t, "primaryKey") ?? this.get(t, "pk");
        const pkNames = isScalar(pkNode) && typeof pkNode.value === "string" ? pkNode.value.split(/\s*,\s*/) : isSeq(pkNode) ? pkNode.items.filter(isScalar).map((x) => String(x.value)) : [];
        for (const pk of pkNames) {
          const c = columns.findIndex((x) => x.name.text === pk);
          if (c >= 0) columns[c] = { ...columns[c]!, constraints: [...columns[c]!.constraints, { text: "primary key", span: this.text(pkNode as Scalar).span ?? columns[c]!.name.span }] };
        }
        const desc = this.get(t, "description");
        const owner = this.get(t, "owner");
        const identity = this.get(t, "identity");
        const renamedFrom = this.get(t, "renamed_from");
        const idx = this.get(t, "indexes");
        const shared = this.get(t, "shared");
        const checks = this.get(t, "checks");
        const table: YamlTable = {
          name: { text: snake, span: name.span },
          ...(isScalar(desc) && String(desc.value) ? { description: String(desc.value) } : {}),
          columns,
          indexes: isSeq(idx) ? idx.items.map((i) => this.index(i as Node)).filter((i): i is RawIndex => i !== null) : [],
          ...(isSeq(checks) && checks.items.length ? { checks: checks.items.map((c) => this.check(c as Node)).filter((c): c is RawCheck => c !== null) } : {}),
          ...(isScalar(owner) ? { owner: this.text(owner) } : {}),
          ...(isScalar(identity) && identity.value === true ? { identity: true } : {}),
          ...(isScalar(renamedFrom) ? { renamedFrom: this.text(renamedFrom) } : {}),
          ...(isScalar(shared) && (shared.value === "read" || shared.value === "read-write") ? { shared: shared.value } : {}),
          notation: "yaml",
        };
        tables.push(table);
      }
    }
    const top = this.get(root, "indexes");
    if (isSeq(top)) for (const i of top.items) {
      const idx = this.index(i as Node);
      if (idx) indexes.push(idx);
    }
    const enums: RawEnum[] = [];
    const emap = this.get(root, "enums");
    if (isMap(emap)) {
      for (const pair of emap.items) {
        if (!isScalar(pair.key) || !isSeq(pair.value)) continue;
        enums.push({ name: this.text(pair.key), values: pair.value.items.filter(isScalar).map((v) => this.text(v)) });
      }
    }
    const rls = this.get(root, "row_level_security");
    return {
      tables,
      indexes,
      endpoints: [],
      ...(enums.length ? { enums } : {}),
      ...(isScalar(rls) && typeof rls.value === "boolean" ? { rowLevelSecurity: rls.value } : {}),
    };
  }

  /** A table CHECK: "amount > 0" or {name, sql}; the expression is PostgreSQL's syntax. */
  private check(node: Node): RawCheck | null {
    if (isScalar(node)) return { expression: this.text(node), dialect: "postgresql" };
    if (!isMap(node)) return null;
    const sql = this.get(node, "sql");
    const name = this.get(node, "name");
    if (!isScalar(sql)) return null;
    return { expression: this.text(sql), ...(isScalar(name) ? { name: String(name.value) } : {}), dialect: "postgresql" };
  }

  /** "(a, b)", "unique (a, b)", "tasks(a)", "tasks.a", "name on tasks(a, b)", or {table, columns, unique, name}. */
  private index(node: Node): RawIndex | null {
    const span = this.at(node.range?.[0] ?? 0);
    if (isScalar(node)) {
      const text = String(node.value).trim();
      const unique = /^unique\b/i.test(text);
      let m = /^(?:unique\s+)?(?:(?:index\s+)?([A-Za-z_]\w*)\s+on\s+)?(?:([A-Za-z_]\w*)\s*)?\(([^)]*)\)\s*$/i.exec(text);
      if (m && m[2] && /^(unique|index)$/i.test(m[2])) m = null;
      if (m) {
        const cols = m[3]!.split(",").map((c) => c.trim()).filter(Boolean);
        if (cols.length && cols.every((c) => /^[A-Za-z_]\w*$/.test(c)))
          return { columns: cols, unique, ...(m[1] ? { name: m[1] } : {}), ...(m[2] ? { table: snakeCase(m[2]) } : {}), span };
      }
      const d = /^(?:unique\s+)?([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/i.exec(text);
      if (d) return { columns: [d[2]!], unique, table: snakeCase(d[1]!), span };
      this.notes.push({ span, message: `index "${text}" is not understood` });
      return null;
    }
    if (isMap(node)) {
      const cols = this.get(node, "columns");
      const table = this.get(node, "table");
      const unique = this.get(node, "unique");
      const name = this.get(node, "name");
      // A partial index's condition, in PostgreSQL's syntax: "where: deleted_at IS NULL".
      const where = this.get(node, "where");
      if (!isSeq(cols)) return null;
      return {
        columns: cols.items.filter(isScalar).map((s) => String(s.value)),
        unique: isScalar(unique) && unique.value === true,
        ...(isScalar(name) ? { name: String(name.value) } : {}),
        ...(isScalar(table) ? { table: snakeCase(String(table.value)) } : {}),
        span,
        ...(isScalar(where) ? { where: { expression: { text: String(where.value), span: this.at(where.range?.[0] ?? 0) }, dialect: "postgresql" as const } } : {}),
      };
    }
    return null;
  }

  /**
   * `list:` as the query parameters build-list.ts resolves: one parameter for the paging style,
   * the limit (its default and "max N"), the sort parameter (its keys and default word), the
   * order parameter (its default direction), the search parameter (the columns it searches)
   * and one per filter (the words it accepts). A `list:` key always declares the parameters,
   * so the list is not inferred from the columns.
   */
  /** An envelope's page size, offset, page number and page count, as far as it names them. */
  private envelopeCounters(envelope: YAMLMap): { limit?: string; offset?: string; page?: string; pages?: string } {
    const out: { limit?: string; offset?: string; page?: string; pages?: string } = {};
    for (const k of ["limit", "offset", "page", "pages"] as const) {
      const v = this.get(envelope, k);
      if (isScalar(v) && v.value !== null) out[k] = String(v.value);
    }
    return out;
  }

  private listParams(list: YAMLMap, at: Node): RawQueryParam[] {
    const out: RawQueryParam[] = [];
    const name = (node: Node | undefined, fallback: string, where: Node): RawText =>
      isScalar(node) && typeof node.value === "string" ? this.text(node) : { text: fallback, span: this.at(where.range?.[0] ?? 0) };
    const str = (node: Node | undefined): string | undefined => (isScalar(node) && node.value !== null ? String(node.value) : undefined);
    const pagination = this.get(list, "pagination");
    out.push({ name: name(pagination, str(pagination) ?? "offset", pagination ?? at), values: [], text: "" });
    const limit = this.get(list, "limit");
    if (isMap(limit)) {
      const def = str(this.get(limit, "default"));
      const max = str(this.get(limit, "max"));
      out.push({ name: name(this.get(limit, "param"), "limit", limit), values: [], ...(def ? { default: def } : {}), text: max ? `max ${max}` : "" });
    }
    const sort = this.get(list, "sort");
    if (isMap(sort)) {
      const keys = this.get(sort, "keys");
      const def = str(this.get(sort, "default"));
      out.push({ name: name(this.get(sort, "param"), "sort", sort), values: isSeq(keys) ? keys.items.filter(isScalar).map((k) => String(k.value)) : [], ...(def ? { default: def } : {}), text: "" });
      const order = this.get(sort, "order");
      // The default direction is the order parameter's default: without one, the column's kind decides.
      const dir = str(this.get(sort, "direction"));
      if (isScalar(order)) out.push({ name: this.text(order), values: [], ...(dir ? { default: dir } : {}), text: "" });
    }
    const search = this.get(list, "search");
    if (isMap(search)) {
      const cols = this.get(search, "columns");
      out.push({ name: name(this.get(search, "param"), "search", search), values: [], text: isSeq(cols) ? cols.items.filter(isScalar).map((c) => String(c.value)).join(" ") : "" });
    }
    const filters = this.get(list, "filters");
    if (isMap(filters)) {
      for (const pair of filters.items) {
        if (!isScalar(pair.key)) continue;
        const words = isSeq(pair.value) ? pair.value.items.filter(isScalar).map((w) => String(w.value)) : [];
        out.push({ name: this.text(pair.key), values: words, text: "" });
      }
    }
    return out;
  }

  api(doc: Document): RawSpec {
    const root = doc.contents;
    const endpoints: RawEndpoint[] = [];
    if (!isMap(root)) return { tables: [], indexes: [], endpoints };
    const list = this.get(root, "endpoints");
    if (!isSeq(list)) return { tables: [], indexes: [], endpoints };
    for (const item of list.items) {
      if (isScalar(item)) {
        const value = String(item.value);
        const start = this.valueStart(item);
        const m = /^(\s*)([A-Za-z]+)(\s+)(\S+)/.exec(value);
        if (!m) continue;
        const exact = this.src.slice(start, start + value.length) === value;
        const mAt = start + m[1]!.length;
        const pAt = mAt + m[2]!.length + m[3]!.length;
        endpoints.push({
          method: { text: m[2]!, span: this.at(exact ? mAt : start) },
          path: { text: m[4]!, span: this.at(exact ? pAt : start) },
        });
      } else if (isMap(item)) {
        const method = this.get(item, "method");
        const path = this.get(item, "path");
        if (!isScalar(method) || !isScalar(path)) continue;
        const summary = this.get(item, "summary");
        const status = this.get(item, "status");
        const auth = this.get(item, "auth");
        // query: { status: "all|pending|completed (default: all)", limit: "integer (default: 50, max 100)" }
        const q = this.get(item, "query");
        const query: RawQueryParam[] = [];
        if (isMap(q)) {
          for (const pair of q.items) {
            if (!isScalar(pair.key)) continue;
            const text = isScalar(pair.value) && pair.value.value !== null ? String(pair.value.value) : "";
            query.push({ name: this.text(pair.key), text, ...describeParam(text) });
          }
        }
        const list = this.get(item, "list");
        if (isMap(list)) query.push(...this.listParams(list, path));
        const bodyNode = this.get(item, "body");
        const body = isSeq(bodyNode) ? bodyNode.items.filter(isScalar).map((x) => ({ name: this.text(x), constraints: [] })) : [];
        const envelope = this.get(item, "envelope");
        const items = isMap(envelope) ? this.get(envelope, "items") : undefined;
        const total = isMap(envelope) ? this.get(envelope, "total") : undefined;
        endpoints.push({
          ...(query.length ? { query } : {}),
          ...(body.length ? { body } : {}),
          ...(isScalar(items) ? { envelope: { items: String(items.value), total: isScalar(total) && total.value !== null ? String(total.value) : null, ...this.envelopeCounters(envelope as YAMLMap) } } : {}),
          method: this.text(method),
          path: this.text(path),
          ...(isScalar(summary) && String(summary.value) ? { summary: String(summary.value) } : {}),
          ...(isScalar(auth) && (auth.value === "public" || auth.value === "required") ? { auth: auth.value } : {}),
          ...(isScalar(status) && typeof status.value === "number" ? { status: status.value } : {}),
        });
      }
    }
    const authMode = this.get(root, "auth");
    return { tables: [], indexes: [], endpoints, ...(isScalar(authMode) && typeof authMode.value === "string" ? { authMode: this.text(authMode) } : {}) };
  }
}
