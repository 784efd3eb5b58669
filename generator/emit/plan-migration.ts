// The schema differ: the Knex steps that turn one snapshot into the next, and back.
// Pure and deterministic. Renames come only from the spec ("renamed from ...") and
// become RENAME statements, never a drop and re-add. Every step that can destroy
// data is reported so the caller can refuse it unless the user allowed it.
import type { ColumnType, DefaultValue, Span } from "../ir/types.js";
import { str } from "./common.js";
import type { Snapshot, SnapshotCheck, SnapshotColumn, SnapshotIndex, SnapshotTable } from "./snapshot.js";
import { apiTypeChange, describeType, isWidening, knownFormat, sqlType, FORMAT_SQL } from "../ir/column-forms.js";

export interface Renames {
  /** new table name -> old table name */
  readonly tables: ReadonlyMap<string, string>;
  /** "<new table>.<new column>" -> old column name */
  readonly columns: ReadonlyMap<string, string>;
}

export const NO_RENAMES: Renames = { tables: new Map(), columns: new Map() };

/** Where a table or column of the new schema is written in the spec, for diagnostics. */
export type SpanLookup = (table: string, column?: string) => Span | null;

export interface Destructive {
  readonly message: string;
  readonly span: Span | null;
}

export interface MigrationPlan {
  readonly slug: string;
  /** One line per change, for the comment at the top of the migration. */
  readonly summary: readonly string[];
  readonly up: readonly string[];
  readonly down: readonly string[];
  /** What `up` destroys (or may make fail on existing data); empty when nothing. */
  readonly destructive: readonly Destructive[];
  /**
   * What `up` changes for API clients: a column whose JSON type in the API changes (integer ->
   * bigint makes a JSON number a string). Refused unless allowed, like `destructive`; empty when nothing.
   */
  readonly breaking: readonly Destructive[];
}

export class UnsupportedSchemaChange extends Error {
  constructor(message: string, readonly span: Span | null = null) {
    super(message);
  }
}

// ------------------------------------------------------------------ names
// Constraint names are functions of table and column, the same ones Knex and
// PostgreSQL give when a table is created, so a renamed table or column gets its
// constraints renamed too and a migrated database matches a freshly created one.
export const pkeyName = (t: string) => `${t}_pkey`;
const seqName = (t: string, c: string) => `${t}_${c}_seq`;
export const fkName = (t: string, c: string) => `${t}_${c}_foreign`;
export const uniqueName = (t: string, c: string) => `${t}_${c}_unique`;
export const enumCheckName = (t: string, c: string) => `${t}_${c}_check`;
export const rangeName = (t: string, c: string) => `${t}_${c}_range`;
/** The CHECK that holds a vector column stored as real[] (no pgvector) to its number of dimensions. */
export const dimsName = (t: string, c: string) => `${t}_${c}_dims`;
/** The CHECKs of a column's own rules, one per family (see columnRuleChecks). */
export const lengthName = (t: string, c: string) => `${t}_${c}_length`;
export const formatName = (t: string, c: string) => `${t}_${c}_format`;
export const patternName = (t: string, c: string) => `${t}_${c}_pattern`;
export const itemsName = (t: string, c: string) => `${t}_${c}_items`;

const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const isIncrement = (c: SnapshotColumn) => c.default?.kind === "increment";
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `await knex.raw(...)` with `?` escaped so Knex does not read it as a binding. */
function raw(sql: string): string {
  return `  await knex.raw(${str(sql.replace(/\?/g, "\\?"))});`;
}

/** An enum, or a list of enum values: a CHECK named <table>_<column>_check holds the values. */
function valueList(t: ColumnType): readonly string[] | null {
  if (t.kind === "enum") return t.values;
  if (t.kind === "array" && t.of.kind === "enum") return t.of.values;
  return null;
}

// ------------------------------------------------------------------ vector columns
// A vector(n) column is pgvector's vector(n) where the database has the extension (it is
// created when it is available), otherwise real[] with a CHECK that holds exactly n numbers.
// Which one is decided by the migration as it runs (the `hasVector` constant it declares);
// the API reads and writes an array of n numbers either way (runtime/rows.ts).

/** Code that declares `hasVector` in a migration function; put before any step that uses it. */
export const VECTOR_DETECTION: readonly string[] = [
  `  // pgvector when the database has it (created here when it is available), else real[] with a length CHECK.`,
  raw(
    "DO $$ BEGIN IF to_regtype('vector') IS NULL AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN " +
      "CREATE EXTENSION IF NOT EXISTS vector; END IF; " +
      "EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN NULL; END $$",
  ),
  `  const hasVector = ((await knex.raw("SELECT to_regtype('vector') IS NOT NULL AS ok")) as { rows: { ok: boolean }[] }).rows[0]!.ok;`,
];

function vectorDimsCheck(table: string, column: string, n: number): string {
  const c = q(column);
  return `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(dimsName(table, column))} CHECK (array_ndims(${c}) = 1 AND cardinality(${c}) = ${n} AND array_position(${c}, NULL) IS NULL)`;
}

/** True when the column `c` of `table` is pgvector's type (SQL, for DO blocks). */
const isPgVector = (table: string, c: string) =>
  `(SELECT t.typname FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ${lit(q(table))}::regclass AND a.attname = ${lit(c)}) = 'vector'`;

function defaultSql(d: DefaultValue): string {
  switch (d.kind) {
    case "now":
      return "CURRENT_TIMESTAMP";
    case "uuid":
      return "gen_random_uuid()";
    case "increment":
      throw new UnsupportedSchemaChange("a column cannot become auto-increment after it was created");
    case "literal":
      if (d.value === null) return "NULL";
      if (typeof d.value === "string") return lit(d.value);
      // Quoted like Knex's defaultTo(), so a migrated column and a created one read back the same.
      if (typeof d.value === "number") return lit(String(d.value));
      return String(d.value);
  }
}

/** The value existing rows get when a NOT NULL column must be filled and the spec gives no default. */
function zeroSql(t: ColumnType): string {
  switch (t.kind) {
    case "string":
    case "text":
      return "''";
    case "enum":
      return lit(t.values[0] ?? "");
    case "integer":
    case "bigint":
    case "decimal":
    case "float":
      return "0";
    case "boolean":
      return "false";
    case "timestamp":
      return "'1970-01-01 00:00:00+00'";
    case "date":
      return "'1970-01-01'";
    case "time":
      return "'00:00:00'";
    case "uuid":
      return "'00000000-0000-0000-0000-000000000000'";
    case "json":
      return "'{}'";
    case "bytes":
      return "'\\x'";
    case "inet":
      return "'0.0.0.0'";
    case "cidr":
      return "'0.0.0.0/0'";
    case "macaddr":
      return "'00:00:00:00:00:00'";
    case "interval":
      return "'00:00:00'";
    case "array":
      return "'{}'";
    case "vector":
      // real[] either way: pgvector casts it to vector(n) on assignment.
      return `array_fill(0::real, ARRAY[${t.dimensions}])`;
  }
}

// ------------------------------------------------------------------ table creation

export function columnBuilder(c: SnapshotColumn, table: string, withReference: boolean): string {
  const n = str(c.name);
  let b: string;
  const t = c.type;
  const inc = isIncrement(c);
  switch (t.kind) {
    case "string":
      if (t.fixed) b = `t.specificType(${n}, ${str(`char(${t.maxLength})`)})`;
      else b = t.maxLength !== undefined ? `t.string(${n}, ${t.maxLength})` : `t.text(${n})`;
      break;
    case "text":
      b = `t.text(${n})`;
      break;
    case "integer":
      if (t.small) b = inc ? `t.specificType(${n}, "smallserial")${c.primaryKey ? ".primary()" : ""}` : `t.smallint(${n})`;
      else b = inc ? `t.increments(${n}, { primaryKey: ${c.primaryKey} })` : `t.integer(${n})`;
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
    case "bytes":
    case "inet":
    case "cidr":
    case "macaddr":
    case "interval":
    case "array":
      b = `t.specificType(${n}, ${str(sqlType(t))})`;
      break;
    case "vector":
      b = `t.specificType(${n}, hasVector ? ${str(`vector(${t.dimensions})`)} : "real[]")`;
      break;
  }
  if (c.primaryKey && !inc) b += `.primary()`;
  if (!c.primaryKey) b += c.nullable ? `.nullable()` : `.notNullable()`;
  if (c.unique && !c.primaryKey) b += `.unique({ indexName: ${str(uniqueName(table, c.name))} })`;
  const d = c.default;
  if (d && d.kind === "literal") b += `.defaultTo(${JSON.stringify(d.value)})`;
  if (d && d.kind === "now") b += `.defaultTo(knex.fn.now())`;
  if (d && d.kind === "uuid") b += `.defaultTo(knex.raw("gen_random_uuid()"))`;
  if (withReference && c.references) {
    b += `.references(${str(c.references.column)}).inTable(${str(c.references.table)}).onDelete(${str(c.references.onDelete.toUpperCase())})`;
  }
  return b + ";";
}

/**
 * The checks a column's type needs beyond its SQL type, as migration code: the allowed values
 * of a list of enum values, and the length of a vector stored as real[].
 */
function typeCheckCode(table: string, c: SnapshotColumn): string[] {
  const t = c.type;
  if (t.kind === "array" && t.of.kind === "enum") {
    return [raw(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(enumCheckName(table, c.name))} CHECK (${q(c.name)} <@ ARRAY[${t.of.values.map(lit).join(", ")}]::text[])`)];
  }
  if (t.kind === "vector") return [`  if (!hasVector)`, `  ${raw(vectorDimsCheck(table, c.name, t.dimensions))}`];
  return [];
}

const usesVector = (code: readonly string[]) => code.some((l) => /\bhasVector\b/.test(l));

// ------------------------------------------------------------------ column rules
// Each rule a column states (length, range, format, pattern, number of items) is a named CHECK,
// one per family, so the database refuses what the request validator refuses, whoever writes.

export interface RuleCheck {
  readonly name: string;
  readonly sql: string;
  readonly family: "range" | "length" | "format" | "pattern" | "items";
}

/**
 * `every text of the column matches regex`: `~` on a text column; on a list, a JSON path over
 * its items (a CHECK cannot hold a subquery), with flag "s" so that `.` and `[^...]` match a
 * newline as they do under `~`.
 */
function regexSql(c: SnapshotColumn, regex: string): string {
  if (c.type.kind !== "array") return `${q(c.name)} ~ ${lit(regex)}`;
  const path = `$[*] ? (!(@ like_regex "${regex.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}" flag "s"))`;
  return `NOT jsonb_path_exists(to_jsonb(${q(c.name)}), ${lit(path)})`;
}

/** The CHECKs of a column's own rules (see the snapshot: only rules the type does not already hold are there). */
export function columnRuleChecks(table: string, c: SnapshotColumn): RuleCheck[] {
  const col = q(c.name);
  const out: RuleCheck[] = [];
  const range: string[] = [];
  if (c.minimum !== undefined) range.push(`${col} >= ${c.minimum}`);
  if (c.exclusiveMinimum !== undefined) range.push(`${col} > ${c.exclusiveMinimum}`);
  if (c.maximum !== undefined) range.push(`${col} <= ${c.maximum}`);
  if (c.exclusiveMaximum !== undefined) range.push(`${col} < ${c.exclusiveMaximum}`);
  if (range.length) out.push({ name: rangeName(table, c.name), sql: range.join(" AND "), family: "range" });
  const length: string[] = [];
  if (c.minLength !== undefined) length.push(`char_length(${col}) >= ${c.minLength}`);
  if (c.maxLength !== undefined) length.push(`char_length(${col}) <= ${c.maxLength}`);
  if (length.length) out.push({ name: lengthName(table, c.name), sql: length.join(" AND "), family: "length" });
  const format = knownFormat(c.format);
  if (format) out.push({ name: formatName(table, c.name), sql: regexSql(c, FORMAT_SQL[format]!), family: "format" });
  if (c.pattern !== undefined) out.push({ name: patternName(table, c.name), sql: regexSql(c, c.pattern), family: "pattern" });
  const items: string[] = [];
  // A json column with item bounds holds a list, counted with jsonb_array_length.
  const count = c.type.kind === "json" ? `jsonb_array_length(${col})` : `cardinality(${col})`;
  if (c.minItems !== undefined) items.push(`${count} >= ${c.minItems}`);
  if (c.maxItems !== undefined) items.push(`${count} <= ${c.maxItems}`);
  if (c.type.kind === "json" && items.length) items.unshift(`jsonb_typeof(${col}) = 'array'`);
  // An explicit cast to varchar(n) cuts each item to n characters: equal only when none is longer.
  if (c.itemMaxLength !== undefined) items.push(`${col}::varchar(${c.itemMaxLength})[]::text[] = ${col}::text[]`);
  if (items.length) out.push({ name: itemsName(table, c.name), sql: items.join(" AND "), family: "items" });
  return out;
}

const addCheckSql = (table: string, name: string, sql: string) => `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(name)} CHECK (${sql})`;
const dropCheckSql = (table: string, name: string) => `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)}`;

/** Summary words of a rule check, as the range check has always said them. */
function ruleSummary(k: RuleCheck, where: string, drop: boolean): string {
  return drop ? `drop ${k.family} check of ${where}` : `check ${k.family} of ${where}`;
}

/** The table's own CHECKs (Table.checks), by name. */
function tableCheckCode(table: string, k: SnapshotCheck): string {
  return raw(addCheckSql(table, k.name, k.sql));
}

function indexCode(table: string, i: SnapshotIndex): string {
  if (i.order === "desc-nulls-last") {
    // knex has no word for a column's order in an index: each column as raw SQL (quoted here).
    const cols = i.columns.map((c) => `knex.raw(${str(`${q(c)} DESC NULLS LAST`)})`).join(", ");
    return `    t.index([${cols}], ${str(i.name)});`;
  }
  return i.unique
    ? `    t.unique(${JSON.stringify(i.columns)}, { indexName: ${str(i.name)} });`
    : `    t.index(${JSON.stringify(i.columns)}, ${str(i.name)});`;
}

function createTableCode(t: SnapshotTable): string[] {
  const lines = [`  await knex.schema.createTable(${str(t.name)}, (t) => {`];
  for (const c of t.columns) lines.push(`    ${columnBuilder(c, t.name, true)}`);
  if (t.keyColumns && t.keyColumns.length > 0) lines.push(`    t.primary(${JSON.stringify(t.keyColumns)}, { constraintName: ${str(`${t.name}_pkey`)} });`);
  for (const i of t.indexes) lines.push(indexCode(t.name, i));
  lines.push(`  });`);
  for (const c of t.columns) {
    // The range check first and the type's checks next, as before the other families existed.
    const rules = columnRuleChecks(t.name, c);
    for (const k of rules.filter((x) => x.family === "range")) lines.push(raw(addCheckSql(t.name, k.name, k.sql)));
    lines.push(...typeCheckCode(t.name, c));
    for (const k of rules.filter((x) => x.family !== "range")) lines.push(raw(addCheckSql(t.name, k.name, k.sql)));
  }
  for (const k of t.checks ?? []) lines.push(tableCheckCode(t.name, k));
  return lines;
}

/** Tables ordered so that every table comes after the tables it references. */
export function creationOrder(tables: readonly SnapshotTable[]): SnapshotTable[] {
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

// ------------------------------------------------------------------ the differ

interface Step {
  readonly code: string[];
  readonly summary: string;
  readonly slug: string;
  readonly destroys?: string;
  /** What the step changes for API clients (apiTypeChange). */
  readonly breaks?: string;
  readonly span?: Span | null;
}

type MutTable = { name: string; primaryKey: string; keyColumns?: string[]; columns: SnapshotColumn[]; indexes: SnapshotIndex[]; checks?: SnapshotCheck[] };

function clone(s: Snapshot): MutTable[] {
  return JSON.parse(JSON.stringify(s.tables)) as MutTable[];
}

/** The renames that apply: the old name exists before and the new one does not. */
function applicableRenames(from: Snapshot, to: Snapshot, r: Renames): Renames {
  const fromNames = new Set(from.tables.map((t) => t.name));
  const tables = new Map<string, string>();
  for (const t of to.tables) {
    const old = r.tables.get(t.name);
    if (old && fromNames.has(old) && !fromNames.has(t.name) && !to.tables.some((x) => x.name === old)) tables.set(t.name, old);
  }
  const columns = new Map<string, string>();
  for (const t of to.tables) {
    const before = from.tables.find((x) => x.name === (tables.get(t.name) ?? t.name));
    if (!before) continue;
    for (const c of t.columns) {
      const old = r.columns.get(`${t.name}.${c.name}`);
      if (!old) continue;
      const has = (n: string) => before.columns.some((x) => x.name === n);
      if (has(old) && !has(c.name) && !t.columns.some((x) => x.name === old)) columns.set(`${t.name}.${c.name}`, old);
    }
  }
  return { tables, columns };
}

function invertRenames(r: Renames): Renames {
  const tables = new Map<string, string>();
  for (const [n, o] of r.tables) tables.set(o, n);
  const columns = new Map<string, string>();
  for (const [key, oldCol] of r.columns) {
    const dot = key.indexOf(".");
    const newTable = key.slice(0, dot);
    const newCol = key.slice(dot + 1);
    columns.set(`${r.tables.get(newTable) ?? newTable}.${oldCol}`, newCol);
  }
  return { tables, columns };
}

/** Renames of every constraint and sequence whose name derives from (table, column). */
function derivedRenames(c: SnapshotColumn, oldT: string, oldC: string, newT: string, newC: string): string[] {
  const out: string[] = [];
  const con = (a: string, b: string) => out.push(raw(`ALTER TABLE ${q(newT)} RENAME CONSTRAINT ${q(a)} TO ${q(b)}`));
  if (isIncrement(c)) out.push(raw(`ALTER SEQUENCE ${q(seqName(oldT, oldC))} RENAME TO ${q(seqName(newT, newC))}`));
  if (c.references) con(fkName(oldT, oldC), fkName(newT, newC));
  if (c.unique && !c.primaryKey) con(uniqueName(oldT, oldC), uniqueName(newT, newC));
  if (valueList(c.type)) con(enumCheckName(oldT, oldC), enumCheckName(newT, newC));
  // The rule checks (range, length, format, pattern, items): the names the old column's rules gave.
  const before = columnRuleChecks(oldT, { ...c, name: oldC });
  for (const k of columnRuleChecks(newT, { ...c, name: newC })) {
    const old = before.find((x) => x.family === k.family);
    if (old) con(old.name, k.name);
  }
  if (c.type.kind === "vector") {
    // Only the real[] form has the length check.
    const a = dimsName(oldT, oldC);
    const b = dimsName(newT, newC);
    out.push(raw(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = ${lit(a)} AND conrelid = ${lit(q(newT))}::regclass) THEN ALTER TABLE ${q(newT)} RENAME CONSTRAINT ${q(a)} TO ${q(b)}; END IF; END $$`));
  }
  return out;
}

function steps(from: Snapshot, to: Snapshot, renames: Renames, spanOf: SpanLookup): Step[] {
  const cur = clone(from);
  const out: Step[] = [];
  const span = (t: string, c?: string) => spanOf(t, c) ?? (c ? spanOf(t) : null);

  // 1. Renames first, so everything after compares like with like.
  for (const [newT, oldT] of renames.tables) {
    const t = cur.find((x) => x.name === oldT)!;
    const code = [`  await knex.schema.renameTable(${str(oldT)}, ${str(newT)});`];
    code.push(raw(`ALTER TABLE ${q(newT)} RENAME CONSTRAINT ${q(pkeyName(oldT))} TO ${q(pkeyName(newT))}`));
    for (const c of t.columns) code.push(...derivedRenames(c, oldT, c.name, newT, c.name));
    t.name = newT;
    for (const other of cur) {
      other.columns = other.columns.map((c) => (c.references?.table === oldT ? { ...c, references: { ...c.references, table: newT } } : c));
    }
    out.push({ code, summary: `rename table ${oldT} to ${newT}`, slug: `rename_${oldT}_to_${newT}` });
  }
  for (const [key, oldC] of renames.columns) {
    const dot = key.indexOf(".");
    const tName = key.slice(0, dot);
    const newC = key.slice(dot + 1);
    const t = cur.find((x) => x.name === tName)!;
    const c = t.columns.find((x) => x.name === oldC)!;
    const code = [`  await knex.schema.alterTable(${str(tName)}, (t) => {`, `    t.renameColumn(${str(oldC)}, ${str(newC)});`, `  });`];
    code.push(...derivedRenames(c, tName, oldC, tName, newC));
    t.columns = t.columns.map((x) => (x.name === oldC ? { ...x, name: newC } : x));
    t.indexes = t.indexes.map((i) => ({ ...i, columns: i.columns.map((n) => (n === oldC ? newC : n)) }));
    if (t.primaryKey === oldC) t.primaryKey = newC;
    for (const other of cur) {
      other.columns = other.columns.map((x) =>
        x.references?.table === tName && x.references.column === oldC ? { ...x, references: { ...x.references, column: newC } } : x,
      );
    }
    out.push({ code, summary: `rename column ${tName}.${oldC} to ${newC}`, slug: `rename_${tName}_${oldC}_to_${newC}` });
  }

  const dropFks: Step[] = [];
  const dropCons: Step[] = [];
  const creates: Step[] = [];
  const alters: Step[] = [];
  const addCons: Step[] = [];
  const addFks: Step[] = [];
  const drops: Step[] = [];
  const alterTable = (table: string, body: string[]) => [`  await knex.schema.alterTable(${str(table)}, (t) => {`, ...body, `  });`];

  const curNames = new Set(cur.map((t) => t.name));
  const toNames = new Set(to.tables.map((t) => t.name));

  // 2. New tables, in dependency order. Where references go round in a cycle (tasks -> sessions
  // -> tasks), a table cannot reference one not created yet: that foreign key is added after
  // every table exists.
  const created = new Set(curNames);
  for (const t of creationOrder(to.tables.filter((x) => !curNames.has(x.name)))) {
    const later = (c: SnapshotColumn) => !!c.references && c.references.table !== t.name && !created.has(c.references.table) && toNames.has(c.references.table);
    const deferred = t.columns.filter(later);
    const now = deferred.length ? { ...t, columns: t.columns.map((c) => (later(c) ? { ...c, references: null } : c)) } : t;
    creates.push({ code: createTableCode(now as SnapshotTable), summary: `create table ${t.name}`, slug: `create_${t.name}` });
    for (const c of deferred) addFks.push(addFk(t.name, c));
    created.add(t.name);
  }
  // 3. Tables that are gone, referencing tables first.
  for (const t of creationOrder(cur.filter((x) => !toNames.has(x.name))).reverse()) {
    drops.push({
      code: [`  await knex.schema.dropTableIfExists(${str(t.name)});`],
      summary: `drop table ${t.name}`,
      slug: `drop_${t.name}`,
      destroys: `drops table "${t.name}" and every row in it`,
      span: null,
    });
  }

  // 4. Tables on both sides.
  for (const b of to.tables) {
    const a = cur.find((x) => x.name === b.name);
    if (!a) continue;
    const T = b.name;
    if (a.primaryKey !== b.primaryKey) {
      throw new UnsupportedSchemaChange(`the primary key of "${T}" changes from "${a.primaryKey}" to "${b.primaryKey}"; changing a primary key is not supported`, span(T));
    }
    if (JSON.stringify(a.keyColumns ?? null) !== JSON.stringify(b.keyColumns ?? null)) {
      throw new UnsupportedSchemaChange(`the key columns of "${T}" change; changing a primary key is not supported`, span(T));
    }
    for (const cb of b.columns) {
      const ca = a.columns.find((x) => x.name === cb.name);
      const C = cb.name;
      const where = `${T}.${C}`;
      if (!ca) {
        if (cb.primaryKey) throw new UnsupportedSchemaChange(`column "${where}" is a new primary key; changing a primary key is not supported`, span(T, C));
        const fill = !cb.nullable && !cb.default && !isIncrement(cb);
        const def = columnBuilder({ ...cb, references: null }, T, false).replace(/;$/, "");
        if (fill) {
          alters.push({
            code: [...alterTable(T, [`    ${def}.defaultTo(knex.raw(${str(zeroSql(cb.type))}));`]), raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP DEFAULT`)],
            summary: `add column ${where} (NOT NULL, existing rows get ${zeroSql(cb.type)})`,
            slug: `add_${T}_${C}`,
            destroys: `adds NOT NULL column "${where}" without a default: existing rows get ${zeroSql(cb.type)}`,
            span: span(T, C),
          });
        } else {
          alters.push({ code: alterTable(T, [`    ${def};`]), summary: `add column ${where}`, slug: `add_${T}_${C}` });
        }
        const rules = columnRuleChecks(T, cb);
        const addRule = (k: RuleCheck) => addCons.push({ code: [raw(addCheckSql(T, k.name, k.sql))], summary: ruleSummary(k, where, false), slug: `check_${T}_${C}` });
        rules.filter((x) => x.family === "range").forEach(addRule);
        const typeChecks = typeCheckCode(T, cb);
        if (typeChecks.length) addCons.push({ code: typeChecks, summary: `check values of ${where}`, slug: `check_${T}_${C}` });
        rules.filter((x) => x.family !== "range").forEach(addRule);
        if (cb.references) addFks.push(addFk(T, cb));
        continue;
      }
      if (ca.primaryKey !== cb.primaryKey) throw new UnsupportedSchemaChange(`column "${where}" changes whether it is the primary key; that is not supported`, span(T, C));
      if (isIncrement(ca) !== isIncrement(cb)) throw new UnsupportedSchemaChange(`column "${where}" changes whether it auto-increments; that is not supported`, span(T, C));

      if (!same(ca.references, cb.references)) {
        if (ca.references) dropFks.push({ code: alterTable(T, [`    t.dropForeign([${str(C)}], ${str(fkName(T, C))});`]), summary: `drop foreign key ${where}`, slug: `fk_${T}_${C}` });
        if (cb.references) addFks.push(addFk(T, cb));
      }
      if (ca.unique !== cb.unique && !cb.primaryKey) {
        if (ca.unique) dropCons.push({ code: alterTable(T, [`    t.dropUnique([${str(C)}], ${str(uniqueName(T, C))});`]), summary: `drop unique ${where}`, slug: `unique_${T}_${C}` });
        else addCons.push({ code: alterTable(T, [`    t.unique([${str(C)}], { indexName: ${str(uniqueName(T, C))} });`]), summary: `make ${where} unique`, slug: `unique_${T}_${C}` });
      }
      // A rule check that changed is dropped before the column changes and made again after it
      // (so a type change never has to carry a check written for the old type).
      const rulesBefore = columnRuleChecks(T, ca);
      const rulesAfter = columnRuleChecks(T, cb);
      const kept = (k: RuleCheck, other: readonly RuleCheck[]) => other.some((x) => x.name === k.name && x.sql === k.sql);
      for (const k of rulesBefore) {
        if (!kept(k, rulesAfter)) dropCons.push({ code: [raw(dropCheckSql(T, k.name))], summary: ruleSummary(k, where, true), slug: `check_${T}_${C}` });
      }
      for (const k of rulesAfter) {
        if (!kept(k, rulesBefore)) addCons.push({ code: [raw(addCheckSql(T, k.name, k.sql))], summary: ruleSummary(k, where, false), slug: `check_${T}_${C}` });
      }

      const typeChanged = !same(ca.type, cb.type);
      const code: string[] = [];
      const summary: string[] = [];
      let destroys: string | undefined;
      const breaks = typeChanged ? apiTypeChange(ca.type, cb.type, where) ?? undefined : undefined;
      if (typeChanged) {
        if ((ca.type.kind === "vector") !== (cb.type.kind === "vector")) {
          throw new UnsupportedSchemaChange(`column "${where}" changes between vector and ${ca.type.kind === "vector" ? describeType(cb.type) : describeType(ca.type)}; write that migration by hand, or add a new column`, span(T, C));
        }
        if (valueList(ca.type)) {
          dropCons.push({ code: [raw(`ALTER TABLE ${q(T)} DROP CONSTRAINT ${q(enumCheckName(T, C))}`)], summary: `drop allowed values of ${where}`, slug: `enum_${T}_${C}` });
        }
        const sameStorage = sqlType(ca.type) === sqlType(cb.type);
        if (ca.type.kind === "vector" && cb.type.kind === "vector") {
          // The column is vector(n) or real[] with a length check, whichever the migration that made it chose.
          const n = cb.type.dimensions;
          code.push(
            raw(
              `DO $$ BEGIN IF ${isPgVector(T, C)} THEN ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} TYPE vector(${n}); ` +
                `ELSE ALTER TABLE ${q(T)} DROP CONSTRAINT IF EXISTS ${q(dimsName(T, C))}; ${vectorDimsCheck(T, C, n)}; END IF; END $$`,
            ),
          );
          summary.push(`change type of ${where} from ${describeType(ca.type)} to ${describeType(cb.type)}`);
        } else if (!sameStorage) {
          if (ca.default) code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP DEFAULT`));
          const target = sqlType(cb.type);
          code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} TYPE ${target} USING ${usingExpr(ca.type, cb.type, q(C))}`));
          summary.push(`change type of ${where} from ${describeType(ca.type)} to ${describeType(cb.type)}`);
        }
        if (cb.type.kind === "enum") {
          const removed = ca.type.kind === "enum" ? ca.type.values.filter((v) => !(cb.type as { readonly values: readonly string[] }).values.includes(v)) : null;
          const values = cb.type.values;
          if (removed === null || removed.length > 0) {
            // Rows holding a value that is no longer allowed would make the new CHECK fail.
            const notIn = `${q(C)} NOT IN (${values.map(lit).join(", ")})`;
            const fallback = cb.default?.kind === "literal" && typeof cb.default.value === "string" && values.includes(cb.default.value) ? lit(cb.default.value) : cb.nullable ? "NULL" : null;
            if (fallback) code.push(raw(`UPDATE ${q(T)} SET ${q(C)} = ${fallback} WHERE ${notIn}`));
            else code.push(raw(`DELETE FROM ${q(T)} WHERE ${notIn}`));
            const what = removed === null ? `values of "${where}" outside (${values.join(", ")})` : `the value${removed.length > 1 ? "s" : ""} ${removed.map((v) => `"${v}"`).join(", ")} of "${where}"`;
            destroys = `removes ${what}: ${fallback ? `those rows get ${fallback}` : "the rows holding them are DELETED"}`;
          }
          if (ca.type.kind === "enum") summary.push(`change allowed values of ${where} to (${values.join(", ")})`);
          addCons.push({
            code: [raw(`ALTER TABLE ${q(T)} ADD CONSTRAINT ${q(enumCheckName(T, C))} CHECK (${q(C)} IN (${values.map(lit).join(", ")}))`)],
            summary: `allow (${values.join(", ")}) in ${where}`,
            slug: `enum_${T}_${C}`,
          });
        } else if (cb.type.kind === "array" && cb.type.of.kind === "enum") {
          const values = cb.type.of.values;
          const before = valueList(ca.type);
          const removed = ca.type.kind === "array" && before ? before.filter((v) => !values.includes(v)) : null;
          // Lists are not rewritten: a row holding a value no longer allowed makes the new CHECK fail.
          if (removed === null || removed.length > 0 || !isWidening(ca.type, cb.type)) {
            destroys = `limits "${where}" to (${values.join(", ")}): the migration fails while a row holds another value`;
          }
          addCons.push({ code: typeCheckCode(T, cb), summary: `allow (${values.join(", ")}) in ${where}`, slug: `enum_${T}_${C}` });
        } else if (ca.type.kind === "vector" && cb.type.kind === "vector") {
          destroys = `changes "${where}" from ${ca.type.dimensions} to ${cb.type.dimensions} dimensions: the migration fails while a row holds a vector`;
        } else if (!isWidening(ca.type, cb.type)) {
          destroys = `narrows "${where}" from ${describeType(ca.type)} to ${describeType(cb.type)}: values that do not fit are truncated or make the migration fail`;
        }
      }
      if (!same(ca.default, cb.default) || (typeChanged && ca.default && sqlType(ca.type) !== sqlType(cb.type))) {
        if (cb.default) code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} SET DEFAULT ${defaultSql(cb.default)}`));
        else if (!typeChanged || sqlType(ca.type) === sqlType(cb.type)) code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP DEFAULT`));
        if (!same(ca.default, cb.default)) summary.push(cb.default ? `set default of ${where}` : `drop default of ${where}`);
      }
      if (ca.nullable !== cb.nullable && !cb.primaryKey) {
        if (cb.nullable) {
          code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP NOT NULL`));
          summary.push(`make ${where} nullable`);
        } else {
          const fill = cb.default && cb.default.kind !== "increment" ? defaultSql(cb.default) : zeroSql(cb.type);
          code.push(raw(`UPDATE ${q(T)} SET ${q(C)} = ${fill} WHERE ${q(C)} IS NULL`));
          code.push(raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} SET NOT NULL`));
          summary.push(`make ${where} NOT NULL`);
          if (!cb.default) destroys ??= `makes "${where}" NOT NULL without a default: rows where it is NULL get ${fill}`;
        }
      }
      const marks = { ...(destroys ? { destroys } : {}), ...(breaks ? { breaks } : {}), ...(destroys || breaks ? { span: span(T, C) } : {}) };
      if (code.length || destroys || breaks) {
        alters.push({ code, summary: summary.join("; ") || `alter ${where}`, slug: `alter_${T}_${C}`, ...marks });
      }
    }
    for (const ca of a.columns) {
      if (b.columns.some((x) => x.name === ca.name)) continue;
      alters.push({
        code: alterTable(T, [`    t.dropColumn(${str(ca.name)});`]),
        summary: `drop column ${T}.${ca.name}`,
        slug: `drop_${T}_${ca.name}`,
        destroys: `drops column "${T}.${ca.name}" and the data it holds`,
        span: span(T),
      });
    }
    // Indexes, by name; one that only changed name is renamed.
    const key = (i: SnapshotIndex) => `${i.unique}:${i.order ?? "asc"}:${i.columns.join(",")}`;
    const gone = a.indexes.filter((i) => !b.indexes.some((x) => x.name === i.name && same(x, i)));
    const fresh = b.indexes.filter((i) => !a.indexes.some((x) => x.name === i.name && same(x, i)));
    for (const i of gone) {
      const twin = fresh.find((x) => key(x) === key(i) && !a.indexes.some((y) => y.name === x.name));
      if (twin && !b.indexes.some((x) => x.name === i.name)) {
        fresh.splice(fresh.indexOf(twin), 1);
        out.push({ code: [raw(`ALTER INDEX ${q(i.name)} RENAME TO ${q(twin.name)}`)], summary: `rename index ${i.name} to ${twin.name}`, slug: "" });
        continue;
      }
      dropCons.push({
        code: alterTable(T, [i.unique ? `    t.dropUnique(${JSON.stringify(i.columns)}, ${str(i.name)});` : `    t.dropIndex(${JSON.stringify(i.columns)}, ${str(i.name)});`]),
        summary: `drop index ${i.name}`,
        slug: `drop_${i.name}`,
      });
    }
    for (const i of fresh) addCons.push({ code: alterTable(T, [indexCode(T, i)]), summary: `add index ${i.name}`, slug: `${i.name}` });
    // The table's own CHECKs, by name; one whose expression changed is dropped and made again.
    const checksBefore = a.checks ?? [];
    const checksAfter = b.checks ?? [];
    const sameCheck = (k: SnapshotCheck, other: readonly SnapshotCheck[]) => other.some((x) => x.name === k.name && x.sql === k.sql);
    for (const k of checksBefore) {
      if (!sameCheck(k, checksAfter)) dropCons.push({ code: [raw(dropCheckSql(T, k.name))], summary: `drop check ${k.name}`, slug: `drop_${k.name}` });
    }
    for (const k of checksAfter) {
      if (!sameCheck(k, checksBefore)) addCons.push({ code: [tableCheckCode(T, k)], summary: `check ${k.name}: ${k.sql.replace(/\s+/g, " ")}`, slug: k.name });
    }
  }
  return [...out, ...dropFks, ...dropCons, ...creates, ...alters, ...addCons, ...addFks, ...drops];
}

/** The USING expression that turns a value of `from` into one of `to`. */
function usingExpr(from: ColumnType, to: ColumnType, col: string): string {
  const target = sqlType(to);
  // bytes are base64 in the API: a text column keeps what clients saw; text becomes its UTF-8 bytes.
  if (from.kind === "bytes" && (to.kind === "text" || to.kind === "string")) return `encode(${col}, 'base64')::${target}`;
  if (to.kind === "bytes" && (from.kind === "text" || from.kind === "string" || from.kind === "enum")) return `convert_to(${col}, 'UTF8')`;
  // One value becomes a list of one; a list keeps its first element (destructive, reported as narrowing).
  if (to.kind === "array" && from.kind !== "array") return `CASE WHEN ${col} IS NULL THEN NULL ELSE ARRAY[${col}::${sqlType(to.of)}] END`;
  if (from.kind === "array" && to.kind !== "array" && to.kind !== "text" && !(to.kind === "string" && to.maxLength === undefined)) return `(${col})[1]::${target}`;
  return `${col}::${target}`;
}

function addFk(T: string, c: SnapshotColumn): Step {
  const r = c.references!;
  return {
    code: [
      `  await knex.schema.alterTable(${str(T)}, (t) => {`,
      `    t.foreign(${str(c.name)}, ${str(fkName(T, c.name))}).references(${str(r.column)}).inTable(${str(r.table)}).onDelete(${str(r.onDelete.toUpperCase())});`,
      `  });`,
    ],
    summary: `foreign key ${T}.${c.name} -> ${r.table}.${r.column} on delete ${r.onDelete}`,
    slug: `fk_${T}_${c.name}`,
  };
}

function render(list: readonly Step[], marks: boolean): string[] {
  const lines: string[] = list.some((s) => usesVector(s.code)) ? [...VECTOR_DETECTION] : [];
  for (const s of list) {
    if (s.destroys && marks) lines.push(`  // DESTRUCTIVE: ${s.destroys}`);
    if (s.breaks && marks) lines.push(`  // BREAKING API: ${s.breaks}`);
    lines.push(...s.code);
  }
  return lines;
}

function slugOf(list: readonly Step[], initial: boolean): string {
  if (initial) return "init";
  const tokens = [...new Set(list.map((s) => s.slug.toLowerCase().replace(/[^a-z0-9_]+/g, "_")))].filter(Boolean);
  let slug = tokens[0] ?? "change";
  for (const t of tokens.slice(1)) {
    if (slug.length + t.length + 1 > 60) {
      slug += "_etc";
      break;
    }
    slug += `_${t}`;
  }
  return slug.replace(/_+/g, "_").slice(0, 64);
}

/** The migration from `prev` to `next`; null when the database schema is the same. */
export function planMigration(prev: Snapshot, next: Snapshot, renames: Renames = NO_RENAMES, spanOf: SpanLookup = () => null): MigrationPlan | null {
  const r = applicableRenames(prev, next, renames);
  const up = steps(prev, next, r, spanOf);
  if (up.length === 0) return null;
  // down is planned like up, from next back to prev, so its phases run in a working order.
  const down = steps(next, prev, invertRenames(r), () => null);
  return {
    slug: slugOf(up, prev.tables.length === 0),
    summary: up.flatMap((s) => [s.destroys ? `DESTRUCTIVE: ${s.destroys}` : s.summary, ...(s.breaks ? [`BREAKING API: ${s.breaks}`] : [])]),
    up: render(up, true),
    down: render(down, false),
    destructive: up.filter((s) => s.destroys).map((s) => ({ message: s.destroys!, span: s.span ?? null })),
    breaking: up.filter((s) => s.breaks).map((s) => ({ message: s.breaks!, span: s.span ?? null })),
  };
}

