// Objection models: table, id column, JSON schema validation, JSON columns,
// timestamps, and relations derived from foreign keys.
import type { IR, Table } from "../ir/types.js";
import { tableInfo, type TableInfo } from "./table-info.js";
import { columnTsType } from "../ir/column-forms.js";
import { key, str, tsHeader, type FileMap } from "./common.js";
import { camelCase, modelName, plural, singular, fileStem } from "../base/naming.js";
import { modelRefs, relationsOfTable, rlsEntry } from "./route-specs.js";

interface Relation {
  name: string;
  kind: "BelongsToOneRelation" | "HasManyRelation";
  target: Table;
  from: string | string[]; // this.table.column (each column of a key of several)
  to: string | string[]; // target.table.column
}

/** The first column a relation's side names ("tasks.project_id" -> "project_id"). */
const firstColumn = (side: string | string[]): string => (Array.isArray(side) ? side[0]! : side).split(".")[1]!;

export function relationsOf(ir: IR, table: Table): Relation[] {
  const out: Relation[] = [];
  // belongs-to: each FK column of this table
  for (const c of table.columns) {
    if (!c.references) continue;
    const target = ir.tables.find((t) => t.name === c.references!.table);
    if (!target) continue;
    const base = c.name.replace(/_id$/, "");
    out.push({
      name: camelCase(base === c.name ? singular(target.name) : base),
      kind: "BelongsToOneRelation",
      target,
      from: `${table.name}.${c.name}`,
      to: `${target.name}.${c.references.column}`,
    });
  }
  // belongs-to through a foreign key of several columns
  for (const k of table.foreignKeys ?? []) {
    const target = ir.tables.find((t) => t.name === k.table);
    if (!target) continue;
    out.push({ name: camelCase(singular(target.name)), kind: "BelongsToOneRelation", target, from: k.columns.map((c) => `${table.name}.${c}`), to: k.refColumns.map((c) => `${target.name}.${c}`) });
  }
  // has-many: FKs of other tables that point here
  for (const other of ir.tables) {
    for (const k of other.foreignKeys ?? []) {
      if (k.table !== table.name) continue;
      out.push({ name: camelCase(plural(singular(other.name))), kind: "HasManyRelation", target: other, from: k.refColumns.map((c) => `${table.name}.${c}`), to: k.columns.map((c) => `${other.name}.${c}`) });
    }
    for (const c of other.columns) {
      if (!c.references || c.references.table !== table.name) continue;
      const viaOwner = c.role === "owner";
      const count = other.columns.filter((x) => x.references?.table === table.name).length;
      const name = count > 1 && !viaOwner ? camelCase(`${c.name.replace(/_id$/, "")}_${other.name}`) : camelCase(plural(singular(other.name)));
      out.push({
        name,
        kind: "HasManyRelation",
        target: other,
        from: `${table.name}.${c.references.column}`,
        to: `${other.name}.${c.name}`,
      });
    }
  }
  // Names must be unique on a model; later duplicates get their FK column in the name.
  const seen = new Set<string>(table.columns.map((c) => c.name));
  for (const r of out) {
    let n = r.name;
    if (seen.has(n)) n = camelCase(`${r.target.name}_via_${firstColumn(r.to)}`);
    // Two links to the same table's key (contracts.delivery_from, delivery_to -> players.id): named by this table's column.
    if (seen.has(n)) n = camelCase(`${r.target.name}_via_${firstColumn(r.from)}`);
    for (let i = 2; seen.has(n); i++) n = camelCase(`${r.target.name}_via_${firstColumn(r.to)}_${i}`);
    seen.add(n);
    r.name = n;
  }
  return out;
}

/** Whose rows are whose, as the models filter them (runtime/model.ts): the same as the routes and the RLS policies. */
function visibilityOf(ir: IR, t: Table): Record<string, unknown> {
  // The users table: a row is the caller's own (in built-in auth mode too: accounts hold password hashes).
  if (t.identity) return { owner: t.primaryKey };
  const e = rlsEntry(ir, t);
  if (!e) return {};
  return e.owner ? { owner: e.owner, ...(e.readers ? { readers: e.readers } : {}), ...(e.fellows ? { fellows: e.fellows } : {}) } : { scope: e.scope };
}

function emitModel(ir: IR, info: TableInfo): string {
  const t = info.table;
  const rels = relationsOf(ir, t);
  // Many-to-many relations the routes embed (tasks.tags through task_tags): the same name, so a
  // model fetched withGraphFetched(name) has the shape a route answers with.
  const taken = new Set([...rels.map((r) => r.name), ...t.columns.map((c) => c.name)]);
  const embedded = relationsOfTable(ir, t.name).filter((r) => !taken.has(r.name));
  const imports = [...new Set([...rels.map((r) => r.target.name), ...embedded.flatMap((r) => [r.target, r.join])].filter((n) => n !== t.name))].sort();
  const jsonCols = t.columns.filter((c) => c.type.kind === "json").map((c) => c.name);
  const lines: string[] = [tsHeader(ir.sources.schema)];
  const extraTypes = [...(updatedCol(t) ? ["ModelOptions", "QueryContext"] : []), ...(info.hidden.length ? ["Pojo"] : [])];
  lines.push(`import { Model, type RelationMappings${extraTypes.map((x) => `, type ${x}`).join("")} } from "objection";`);
  lines.push(`import { OwnedModel${modelRefs(ir, info).length ? ", type OwnedRef" : ""} } from "../runtime/model.js";`);
  lines.push(`import type { Visibility } from "../runtime/scope.js";`);
  lines.push(`import { ${info.schemaVar}RowSchema } from "../schemas/${info.stem}.js";`);
  for (const n of imports) lines.push(`import { ${modelName(n)} } from "./${fileStem(n)}.js";`);
  lines.push("");
  lines.push(`export class ${info.model} extends OwnedModel {`);
  for (const c of t.columns) lines.push(`  declare ${key(c.name)}: ${columnTsType(c, "model")};`);
  for (const r of embedded) lines.push(`  /** Embedded by the routes; withGraphFetched(${str(r.name)}) through the models. */\n  declare ${key(r.name)}?: ${modelName(r.target)}[];`);
  lines.push("");
  lines.push(`  static override get tableName(): string {\n    return ${str(t.name)};\n  }\n`);
  lines.push(`  /** Whose rows are whose: every query through this model on a request's handle is limited to the caller's (runtime/model.ts). */`);
  lines.push(`  static override get visibility(): Visibility {\n    return ${JSON.stringify(visibilityOf(ir, t))};\n  }\n`);
  const stamps = t.columns.filter((c) => c.role === "author" || c.role === "editor");
  if (stamps.length) {
    lines.push(`  /** Audit columns set to the caller's id on a request's handle (runtime/model.ts): "author" on insert, "editor" on insert and update. */`);
    lines.push(`  static override get stamps(): Readonly<Record<string, "author" | "editor">> {\n    return ${JSON.stringify(Object.fromEntries(stamps.map((c) => [c.name, c.role])))};\n  }\n`);
  }
  const refs = modelRefs(ir, info);
  if (refs.length) {
    lines.push(`  /** Foreign keys to rows users own: a value written through this model must name a row the caller sees. */`);
    lines.push(`  static override get references(): readonly OwnedRef[] {\n    return ${JSON.stringify(refs)};\n  }\n`);
  }
  if (t.keyColumns && t.keyColumns.length > 1) lines.push(`  static override get idColumn(): string[] {\n    return ${JSON.stringify(t.keyColumns)};\n  }\n`);
  else lines.push(`  static override get idColumn(): string {\n    return ${str(t.primaryKey)};\n  }\n`);
  lines.push(`  // Validates what is written through this model; generated routes validate request bodies first.`);
  lines.push(`  static override get jsonSchema() {`);
  lines.push(`    const { required: _all, ...schema } = ${info.schemaVar}RowSchema;`);
  // The owner column is not required of what is written: on a request's handle the model sets it (runtime/model.ts).
  // A credential of the users table no route takes (a password hash) is still required of what custom code writes.
  const credentials = info.hidden.filter((c) => info.readOnly.includes(c) && !c.nullable && c.default === null);
  const req = t.columns.filter((c) => info.requiredOnCreate.includes(c) || credentials.includes(c)).map((c) => c.name);
  lines.push(`    return { ...schema, required: ${JSON.stringify(req)} } as unknown as import("objection").JSONSchema;`);
  lines.push(`  }\n`);
  // Said explicitly when there are list columns: Objection would otherwise write every property
  // whose schema is an array as JSON text, and text[] / real[] columns want PostgreSQL arrays.
  const lists = t.columns.some((c) => c.type.kind === "array" || c.type.kind === "vector");
  if (jsonCols.length || lists) lines.push(`  static override get jsonAttributes(): string[] {\n    return ${JSON.stringify(jsonCols)};\n  }\n`);
  if (info.hidden.length) {
    lines.push(`  /** A row's JSON (toJSON, a custom route's answer) leaves out what no answer shows: ${info.hidden.map((c) => c.name).join(", ")}. */`);
    lines.push(`  override $formatJson(json: Pojo): Pojo {\n    const out = super.$formatJson(json);`);
    for (const c of info.hidden) lines.push(`    delete out[${str(c.name)}];`);
    lines.push(`    return out;\n  }\n`);
  }
  const updated = updatedCol(t);
  if (updated) {
    lines.push(`  override async $beforeUpdate(opt: ModelOptions, qc: QueryContext): Promise<void> {\n    this.${updated.name} = new Date().toISOString();\n    await super.$beforeUpdate(opt, qc);\n  }\n`);
  }
  lines.push(`  static override get relationMappings(): RelationMappings {`);
  lines.push(`    return {`);
  for (const r of rels) {
    lines.push(`      ${key(r.name)}: {`);
    lines.push(`        relation: Model.${r.kind},`);
    lines.push(`        modelClass: ${modelName(r.target.name)},`);
    const side = (x: string | string[]) => (Array.isArray(x) ? `[${x.map(str).join(", ")}]` : str(x));
    lines.push(`        join: { from: ${side(r.from)}, to: ${side(r.to)} },`);
    lines.push(`      },`);
  }
  for (const r of embedded) {
    const j = ir.tables.find((x) => x.name === r.join)!;
    const target = ir.tables.find((x) => x.name === r.target)!;
    lines.push(`      ${key(r.name)}: {`);
    lines.push(`        relation: Model.ManyToManyRelation,`);
    lines.push(`        modelClass: ${modelName(r.target)},`);
    lines.push(`        join: { from: ${str(`${t.name}.${t.primaryKey}`)}, through: { modelClass: ${modelName(j.name)}, from: ${str(`${j.name}.${r.joinSource}`)}, to: ${str(`${j.name}.${r.joinTarget}`)} }, to: ${str(`${target.name}.${target.primaryKey}`)} },`);
    lines.push(`      },`);
  }
  lines.push(`    };`);
  lines.push(`  }`);
  lines.push(`}`);
  return lines.join("\n") + "\n";
}

function updatedCol(t: Table) {
  return t.columns.find((c) => c.role === "updated_at");
}

export function emitModels(ir: IR): FileMap {
  const files: FileMap = new Map();
  for (const t of ir.tables) {
    const info = tableInfo(ir, t);
    files.set(`models/${info.stem}.ts`, emitModel(ir, info));
  }
  const index = [tsHeader(ir.sources.schema)];
  for (const t of ir.tables) {
    const info = tableInfo(ir, t);
    index.push(`export { ${info.model} } from "./${info.stem}.js";`);
  }
  files.set("models/index.ts", index.join("\n") + "\n");
  return files;
}
