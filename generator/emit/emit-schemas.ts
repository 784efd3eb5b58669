// JSON Schemas of each table's row and request bodies, shared by the routes (ajv),
// the models (Objection validation) and the OpenAPI document.
import type { IR } from "../ir/types.js";
import { tableInfo, columnSchema, columnTsType, type TableInfo } from "./table-info.js";
import { key, literal, tsHeader, type FileMap } from "./common.js";

export interface BodySchemas {
  row: Record<string, unknown>;
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
  return {
    row: {
      title: model,
      type: "object",
      properties: rowProps,
      required: info.table.columns.map((c) => c.name),
      additionalProperties: false,
    },
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

function tsInterface(name: string, fields: { name: string; type: string; optional: boolean }[]): string {
  const body = fields.map((f) => `  ${key(f.name)}${f.optional ? "?" : ""}: ${f.type};`).join("\n");
  return `export interface ${name} {\n${body}\n}\n`;
}

export function emitSchemas(ir: IR): FileMap {
  const files: FileMap = new Map();
  for (const table of ir.tables) {
    const info = tableInfo(ir, table);
    const s = bodySchemas(info);
    const v = info.schemaVar;
    const M = info.model;
    const requiredSet = new Set(info.requiredOnCreate.map((c) => c.name));
    const out: string[] = [tsHeader(ir.sources.schema)];
    out.push(`// The JSON forms of table "${table.name}".\n`);
    out.push(`export const ${v}RowSchema = ${literal(s.row)} as const;\n`);
    out.push(`export const ${v}CreateSchema = ${literal(s.create)} as const;\n`);
    out.push(`export const ${v}ReplaceSchema = ${literal(s.replace)} as const;\n`);
    out.push(`export const ${v}PatchSchema = ${literal(s.patch)} as const;\n`);
    out.push(`/** Columns the server sets; a request body's values for them are ignored. */`);
    out.push(`export const ${v}ReadOnlyFields = ${JSON.stringify(info.readOnly.map((c) => c.name))} as const;\n`);
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
