// Knex migrations. Each generation that changes the schema appends one migration
// numbered NNNN_<slug>.ts, diffed against the snapshot of the last one; existing
// migrations are passed through untouched.
import type { Column, IR, Index, Table } from "../ir/types.js";
import { json, str, tsHeader, type FileMap } from "./common.js";
import { EMPTY_SNAPSHOT, snapshotOf, type Snapshot, type SnapshotTable } from "./snapshot.js";

export interface PreviousMigrations {
  /** State after the last committed migration (EMPTY_SNAPSHOT when there is none). */
  readonly snapshot: Snapshot;
  /** Existing migration files by name (e.g. "0001_init"), contents verbatim. */
  readonly files: ReadonlyMap<string, string>;
}

export const NO_PREVIOUS: PreviousMigrations = { snapshot: EMPTY_SNAPSHOT, files: new Map() };

export function indexName(table: string, columns: readonly string[], unique: boolean): string {
  return `${table}_${columns.join("_")}_${unique ? "unique" : "index"}`;
}

/** Indexes the generator adds: one led by the owner column, one led by each foreign key. */
export function implicitIndexes(t: Table): Omit<Index, "span">[] {
  const declared = t.indexes.map((i) => i.columns);
  const leads = (col: string) => declared.some((cols) => cols[0] === col) || t.columns.some((c) => c.name === col && (c.unique || c.primaryKey));
  const out: Omit<Index, "span">[] = [];
  if (t.owner && !leads(t.owner)) {
    out.push({ name: indexName(t.name, [t.owner, t.primaryKey], false), columns: [t.owner, t.primaryKey], unique: false });
  }
  for (const c of t.columns) {
    if (!c.references || c.name === t.owner || leads(c.name)) continue;
    out.push({ name: indexName(t.name, [c.name], false), columns: [c.name], unique: false });
  }
  return out;
}

export function currentSnapshot(ir: IR): Snapshot {
  const snap = snapshotOf(ir, implicitIndexes);
  // A unique index on a column already marked unique, or the same index twice, would collide.
  return {
    ...snap,
    tables: snap.tables.map((t) => {
      const seen = new Set<string>(t.columns.filter((c) => c.unique || c.primaryKey).map((c) => `true:${c.name}`));
      const indexes = t.indexes.filter((i) => {
        const k = `${i.unique}:${i.columns.join(",")}`;
        if (seen.has(k) || (!i.unique && seen.has(`true:${i.columns.join(",")}`) && i.columns.length === 1)) return false;
        seen.add(k);
        return true;
      });
      return { ...t, indexes };
    }),
  };
}

function columnLine(c: SnapshotTable["columns"][number]): string {
  const n = str(c.name);
  let b: string;
  const t = c.type;
  const inc = c.default?.kind === "increment";
  switch (t.kind) {
    case "string":
      b = t.maxLength !== undefined ? `t.string(${n}, ${t.maxLength})` : `t.text(${n})`;
      break;
    case "text":
      b = `t.text(${n})`;
      break;
    case "integer":
      b = inc ? `t.increments(${n}, { primaryKey: ${c.primaryKey} })` : `t.integer(${n})`;
      break;
    case "bigint":
      b = inc ? `t.bigIncrements(${n}, { primaryKey: ${c.primaryKey} })` : `t.bigInteger(${n})`;
      break;
    case "uuid":
      b = `t.uuid(${n})`;
      break;
    case "boolean":
      b = `t.boolean(${n})`;
      break;
    case "timestamp":
      b = `t.timestamp(${n}, { useTz: true })`;
      break;
    case "date":
      b = `t.date(${n})`;
      break;
    case "time":
      b = `t.time(${n})`;
      break;
    case "decimal":
      b = t.precision !== undefined ? `t.decimal(${n}, ${t.precision}, ${t.scale ?? 0})` : `t.specificType(${n}, "numeric")`;
      break;
    case "float":
      b = `t.double(${n})`;
      break;
    case "json":
      b = `t.jsonb(${n})`;
      break;
    case "enum":
      // text + CHECK rather than a native enum type: values can be added and removed by later migrations.
      b = `t.enu(${n}, ${JSON.stringify(t.values)})`;
      break;
  }
  if (c.primaryKey && !inc) b += `.primary()`;
  if (!c.primaryKey) b += c.nullable ? `.nullable()` : `.notNullable()`;
  if (c.unique && !c.primaryKey) b += `.unique({ indexName: ${str(`${"%TABLE%"}_${c.name}_unique`)} })`;
  const d = c.default;
  if (d && d.kind === "literal") b += `.defaultTo(${JSON.stringify(d.value)})`;
  if (d && d.kind === "now") b += `.defaultTo(knex.fn.now())`;
  if (d && d.kind === "uuid") b += `.defaultTo(knex.raw("gen_random_uuid()"))`;
  if (c.references) {
    b += `.references(${str(c.references.column)}).inTable(${str(c.references.table)}).onDelete(${str(c.references.onDelete.toUpperCase())})`;
  }
  return b + ";";
}

/** Tables ordered so that every table comes after the tables it references. */
function creationOrder(tables: readonly SnapshotTable[]): SnapshotTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: SnapshotTable[] = [];
  const visit = (t: SnapshotTable, stack: Set<string>) => {
    if (done.has(t.name) || stack.has(t.name)) return;
    stack.add(t.name);
    for (const c of t.columns) {
      const dep = c.references && byName.get(c.references.table);
      if (dep && dep.name !== t.name) visit(dep, stack);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t, new Set());
  return out;
}

function createTableCode(t: SnapshotTable): string {
  const lines = [`  await knex.schema.createTable(${str(t.name)}, (t) => {`];
  for (const c of t.columns) lines.push(`    ${columnLine(c).replace("%TABLE%", t.name)}`);
  if (t.keyColumns && t.keyColumns.length > 0) lines.push(`    t.primary(${JSON.stringify(t.keyColumns)}, { constraintName: ${str(`${t.name}_pkey`)} });`);
  for (const i of t.indexes) {
    lines.push(i.unique ? `    t.unique(${JSON.stringify(i.columns)}, { indexName: ${str(i.name)} });` : `    t.index(${JSON.stringify(i.columns)}, ${str(i.name)});`);
  }
  lines.push(`  });`);
  return lines.join("\n");
}

export interface MigrationPlan {
  readonly slug: string;
  readonly up: string[];
  readonly down: string[];
}

/** The steps from one snapshot to the next; null when nothing changed. */
export function planMigration(prev: Snapshot, next: Snapshot): MigrationPlan | null {
  const prevNames = new Set(prev.tables.map((t) => t.name));
  const added = creationOrder(next.tables).filter((t) => !prevNames.has(t.name));
  if (added.length === 0 && JSON.stringify(prev) === JSON.stringify(next)) return null;
  if (JSON.stringify(prev.tables) !== JSON.stringify(next.tables.filter((t) => prevNames.has(t.name)))) {
    throw new UnsupportedSchemaChange("changing existing tables is not supported yet; only new tables can be added");
  }
  const slug = prev.tables.length === 0 ? "init" : `create_${added.map((t) => t.name).join("_")}`;
  return {
    slug,
    up: added.map(createTableCode),
    down: [...added].reverse().map((t) => `  await knex.schema.dropTableIfExists(${str(t.name)});`),
  };
}

export class UnsupportedSchemaChange extends Error {}

function migrationFile(ir: IR, name: string, plan: MigrationPlan): string {
  return [
    tsHeader(ir.sources.schema).trimEnd(),
    `import type { Knex } from "knex";`,
    ``,
    `export const name = ${str(name)};`,
    ``,
    `export async function up(knex: Knex): Promise<void> {`,
    plan.up.join("\n"),
    `}`,
    ``,
    `export async function down(knex: Knex): Promise<void> {`,
    plan.down.join("\n"),
    `}`,
    ``,
  ].join("\n");
}

export function emitMigrations(ir: IR, previous: PreviousMigrations): FileMap {
  const files: FileMap = new Map();
  const names = [...previous.files.keys()].sort();
  for (const n of names) files.set(`migrations/${n}.ts`, previous.files.get(n)!);
  const next = currentSnapshot(ir);
  const plan = planMigration(previous.snapshot, next);
  if (plan) {
    const number = String(names.length + 1).padStart(4, "0");
    const name = `${number}_${plan.slug}`.slice(0, 80);
    files.set(`migrations/${name}.ts`, migrationFile(ir, name, plan));
    names.push(name);
  }
  files.set(`migrations/snapshot.json`, json({ "x-generated-by": "specforge", ...next }));
  const index = [tsHeader(ir.sources.schema)];
  index.push(`import type { Migration } from "../runtime/migrate.js";`);
  names.forEach((n, i) => index.push(`import * as m${i + 1} from "./${n}.js";`));
  index.push(``);
  index.push(`/** Every migration, oldest first. */`);
  index.push(`export const migrations: readonly Migration[] = [${names.map((_, i) => `m${i + 1}`).join(", ")}];`);
  files.set("migrations/index.ts", index.join("\n") + "\n");
  return files;
}

export type { Column };
