// JSON Schemas of each table's row and request bodies, shared by the routes (ajv),
// the models (Objection validation) and the OpenAPI document.
import type { Column, IR, Table } from "../ir/types.js";
import { tableInfo, columnSchema, type TableInfo } from "./table-info.js";
import { columnTsType } from "../ir/column-forms.js";
import { key, literal, tsHeader, type FileMap } from "./common.js";
import { uniqueName } from "../plan/names.js";

export interface BodySchemas {
  /** Every column: what the model validates (custom code may write a hidden column through it). */
  row: Record<string, unknown>;
  /** The row as the API answers with it: without the hidden columns (TableInfo.hidden). */
  answer: Record<string, unknown>;
  create: Record<string, unknown>;
  replace: Record<string, unknown>;
  patch: Record<string, unknown>;
}

export function bodySchemas(info: TableInfo): BodySchemas {
  const rowProps: Record<string, unknown> = {};
  for (const c of info.table.columns) rowProps[c.name] = columnSchema(c, "out");
  const inProps: Record<string, unknown> = {};
  for (const c of info.writable) inProps[c.name] = columnSchema(c, "in");
  const required = info.requiredOnCreate.map((c) => c.name);
  const model = info.model;
  const row = {
    title: model,
    type: "object",
    properties: rowProps,
    required: info.table.columns.map((c) => c.name),
    additionalProperties: false,
  };
  const shown = info.table.columns.filter((c) => !info.hidden.includes(c)).map((c) => c.name);
  return {
    row,
    answer: info.hidden.length ? { ...row, properties: Object.fromEntries(shown.map((n) => [n, rowProps[n]])), required: shown } : row,
    create: {
      title: `${model}Create`,
      type: "object",
      properties: inProps,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    },
    replace: {
      title: `${model}Replace`,
      type: "object",
      properties: inProps,
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    },
    patch: {
      title: `${model}Patch`,
      type: "object",
      properties: inProps,
      minProperties: 1,
      additionalProperties: false,
    },
  };
}

// ---- What only the app's own validator reads (runtime/validate.ts registers these keywords);
// kept out of the OpenAPI document, which states the same rules in plain JSON Schema or not at all.

/** How runtime/validate.ts compares two fields of a compare rule (x-compare). */
function compareKind(c: Column): string {
  switch (c.type.kind) {
    case "integer":
    case "float":
      return "number";
    case "bigint":
    case "decimal":
      return "decimal";
    case "timestamp":
    case "date":
    case "time":
      return c.type.kind;
    case "string":
    case "text":
    case "enum":
    case "boolean":
      return "equality";
    case "uuid":
      return "uuid";
    default:
      return "database"; // left to the database's CHECK
  }
}

/**
 * The table's comparisons of two columns (ends_at > starts_at) both of which a body may carry:
 * the validator checks them when both are in the request, the database's CHECK always.
 */
export function compareRules(info: TableInfo): Record<string, unknown>[] {
  const writable = new Map(info.writable.map((c) => [c.name, c]));
  const out: Record<string, unknown>[] = [];
  for (const k of info.table.checks ?? []) {
    for (const r of k.compare ?? []) {
      const left = writable.get(r.left);
      if (!left || !writable.has(r.right)) continue;
      out.push({ left: r.left, op: r.op, right: r.right, kind: compareKind(left), constraint: k.name });
    }
  }
  return out;
}

/** Bounds of a bigint or decimal column, which the body may give as numeric text (x-text-bounds). */
function textBounds(c: Column): Record<string, number> | null {
  if (c.type.kind !== "bigint" && c.type.kind !== "decimal") return null;
  const b: Record<string, number> = {};
  if (c.minimum !== undefined) b.minimum = c.minimum;
  if (c.exclusiveMinimum !== undefined) b.exclusiveMinimum = c.exclusiveMinimum;
  if (c.maximum !== undefined) b.maximum = c.maximum;
  if (c.exclusiveMaximum !== undefined) b.exclusiveMaximum = c.exclusiveMaximum;
  return Object.keys(b).length ? b : null;
}

/** A date's or an instant's place relative to the request's moment ("must be in the future"): x-when. */
function whenRule(c: Column): Record<string, string> | null {
  if (!c.relativeToNow || (c.type.kind !== "date" && c.type.kind !== "timestamp")) return null;
  return { when: c.relativeToNow, kind: c.type.kind };
}

/** The body schemas the routes compile: bodySchemas plus the keywords only the app's validator knows. */
export function runtimeBodySchemas(info: TableInfo): BodySchemas {
  const s = bodySchemas(info);
  const props = { ...(s.create.properties as Record<string, Record<string, unknown>>) };
  for (const c of info.writable) {
    const bounds = textBounds(c);
    if (bounds) props[c.name] = { ...props[c.name], "x-text-bounds": bounds };
    const when = whenRule(c);
    if (when) props[c.name] = { ...props[c.name], "x-when": when };
  }
  const compare = compareRules(info);
  const extend = (body: Record<string, unknown>) => ({ ...body, properties: props, ...(compare.length ? { "x-compare": compare } : {}) });
  return { row: s.row, answer: s.answer, create: extend(s.create), replace: extend(s.replace), patch: extend(s.patch) };
}

/**
 * The table's unique constraints and own CHECKs with the fields each is about, for the 409 or
 * 422 a database refusal answers (runtime/errors.ts). A unique violation's detail names its
 * columns, except on a table with row-level security (the rows of users, owned or scoped),
 * where PostgreSQL leaves it out: those tables list theirs. A CHECK's name is the spec's. A
 * column's rule checks are named <table>_<column>_<family> and need no entry.
 */
export function constraintFields(table: Table): Record<string, string[]> {
  const known = new Set(table.columns.map((c) => c.name));
  const out: Record<string, string[]> = {};
  const secured = table.owner !== null || table.scope !== undefined;
  if (secured) for (const c of table.columns) if (c.unique && !c.primaryKey) out[uniqueName(table.name, c.name)] = [c.name];
  if (secured) for (const i of table.indexes) if (i.unique) out[i.name] = [...i.columns];
  for (const k of table.checks ?? []) out[k.name] = k.columns.filter((c) => known.has(c));
  return out;
}

function tsInterface(name: string, fields: { name: string; type: string; optional: boolean }[]): string {
  const body = fields.map((f) => `  ${key(f.name)}${f.optional ? "?" : ""}: ${f.type};`).join("\n");
  return `export interface ${name} {\n${body}\n}\n`;
}

export function emitSchemas(ir: IR): FileMap {
  const files: FileMap = new Map();
  for (const table of ir.tables) {
    const info = tableInfo(ir, table);
    const s = runtimeBodySchemas(info);
    const v = info.schemaVar;
    const M = info.model;
    const requiredSet = new Set(info.requiredOnCreate.map((c) => c.name));
    const constraints = constraintFields(table);
    const out: string[] = [tsHeader(ir.sources.schema)];
    if (Object.keys(constraints).length) out.push(`import { registerConstraints } from "../runtime/errors.js";\n`);
    out.push(`// The JSON forms of table "${table.name}".\n`);
    out.push(`export const ${v}RowSchema = ${literal(s.row)} as const;\n`);
    out.push(`export const ${v}CreateSchema = ${literal(s.create)} as const;\n`);
    out.push(`export const ${v}ReplaceSchema = ${literal(s.replace)} as const;\n`);
    out.push(`export const ${v}PatchSchema = ${literal(s.patch)} as const;\n`);
    out.push(`/** Columns the server sets; a request body's values for them are ignored. */`);
    out.push(`export const ${v}ReadOnlyFields = ${JSON.stringify(info.readOnly.map((c) => c.name))} as const;\n`);
    if (Object.keys(constraints).length) {
      out.push(`/** The table's unique and CHECK constraints and the fields of each: a row the database refuses answers 409 or 422 naming them. */`);
      out.push(`export const ${v}Constraints: Readonly<Record<string, readonly string[]>> = ${literal(constraints)};`);
      out.push(`registerConstraints(${v}Constraints);\n`);
    }
    out.push(
      tsInterface(
        `${M}Row`,
        table.columns.map((c) => ({ name: c.name, type: columnTsType(c, "out"), optional: false })),
      ),
    );
    out.push(
      tsInterface(
        `${M}Create`,
        info.writable.map((c) => ({ name: c.name, type: columnTsType(c, "in"), optional: !requiredSet.has(c.name) })),
      ),
    );
    out.push(`export type ${M}Replace = ${M}Create;\n`);
    out.push(`export type ${M}Patch = Partial<${M}Create>;\n`);
    files.set(`schemas/${info.stem}.ts`, out.join("\n"));
  }
  return files;
}
