// The Knex code of a migration's steps (plan/steps.ts): each typed step as the lines of an
// up() or down() function. Decides nothing: what changes, in which order, is the planner's.
import type { ColumnType } from "../ir/types.js";
import { sqlType } from "../ir/column-forms.js";
import { columnRuleChecks } from "../plan/column-rules.js";
import { dimsName, enumCheckName, fkName, pkeyName, seqName, uniqueName } from "../plan/names.js";
import { isIncrement, valueList, type SnapshotCheck, type SnapshotColumn, type SnapshotIndex, type SnapshotTable } from "../plan/snapshot.js";
import { lit, q } from "../plan/sql-text.js";
import type { ColumnChange, Step } from "../plan/steps.js";
import { str } from "./common.js";

/** `await knex.raw(...)` with `?` escaped so Knex does not read it as a binding. */
function raw(sql: string): string {
  return `  await knex.raw(${str(sql.replace(/\?/g, "\\?"))});`;
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
      // knex 3.3 (pinned) writes the values into the CHECK between quotes without escaping them
      // (pg-columncompiler's enu): a quote in a value is doubled here, or "don't know" would end
      // the literal. tests/app/enum-quotes.test.ts migrates such a value on both databases.
      b = `t.enu(${n}, ${JSON.stringify(t.values.map((v) => v.replace(/'/g, "''")))})`;
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

const addCheckSql = (table: string, name: string, sql: string) => `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(name)} CHECK (${sql})`;
const dropCheckSql = (table: string, name: string) => `ALTER TABLE ${q(table)} DROP CONSTRAINT ${q(name)}`;

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
  // A partial index: knex writes the condition after the column list (CREATE [UNIQUE] INDEX ... WHERE).
  if (i.where) {
    const predicate = `predicate: knex.whereRaw(${str(i.where)})`;
    return i.unique
      ? `    t.unique(${JSON.stringify(i.columns)}, { indexName: ${str(i.name)}, ${predicate} });`
      : `    t.index(${JSON.stringify(i.columns)}, ${str(i.name)}, { ${predicate} });`;
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

const alterTable = (table: string, body: string[]) => [`  await knex.schema.alterTable(${str(table)}, (t) => {`, ...body, `  });`];

/** The Knex code of one step. */
export function stepCode(s: Step): string[] {
  const T = s.table;
  const C = s.column ?? "";
  switch (s.kind) {
    case "rename-table": {
      const code = [`  await knex.schema.renameTable(${str(s.from)}, ${str(T)});`];
      code.push(raw(`ALTER TABLE ${q(T)} RENAME CONSTRAINT ${q(pkeyName(s.from))} TO ${q(pkeyName(T))}`));
      for (const c of s.columns) code.push(...derivedRenames(c, s.from, c.name, T, c.name));
      return code;
    }
    case "rename-column":
      return [...alterTable(T, [`    t.renameColumn(${str(s.from)}, ${str(C)});`]), ...derivedRenames(s.before, T, s.from, T, C)];
    case "create-table":
      return createTableCode(s.create);
    case "drop-table":
      return [`  await knex.schema.dropTableIfExists(${str(T)});`];
    case "add-column": {
      const def = columnBuilder({ ...s.add, references: null }, T, false).replace(/;$/, "");
      if (s.fill !== null) return [...alterTable(T, [`    ${def}.defaultTo(knex.raw(${str(s.fill)}));`]), raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP DEFAULT`)];
      return alterTable(T, [`    ${def};`]);
    }
    case "alter-column":
      return s.changes.flatMap((x) => changeCode(T, C, x));
    case "drop-column":
      return alterTable(T, [`    t.dropColumn(${str(C)});`]);
    case "add-foreign-key": {
      const r = s.of.references!;
      return alterTable(T, [`    t.foreign(${str(C)}, ${str(fkName(T, C))}).references(${str(r.column)}).inTable(${str(r.table)}).onDelete(${str(r.onDelete.toUpperCase())});`]);
    }
    case "add-composite-key": {
      const k = s.key;
      return alterTable(T, [`    t.foreign(${JSON.stringify(k.columns)}, ${str(k.name)}).references(${JSON.stringify(k.refColumns)}).inTable(${str(k.table)}).onDelete(${str(k.onDelete.toUpperCase())});`]);
    }
    case "drop-composite-key":
      return alterTable(T, [`    t.dropForeign(${JSON.stringify(s.key.columns)}, ${str(s.key.name)});`]);
    case "drop-foreign-key":
      return alterTable(T, [`    t.dropForeign([${str(C)}], ${str(fkName(T, C))});`]);
    case "add-unique":
      return alterTable(T, [`    t.unique([${str(C)}], { indexName: ${str(uniqueName(T, C))} });`]);
    case "drop-unique":
      return alterTable(T, [`    t.dropUnique([${str(C)}], ${str(uniqueName(T, C))});`]);
    case "add-check":
      return [raw(addCheckSql(T, s.name, s.sql))];
    case "drop-check":
      return [raw(dropCheckSql(T, s.name))];
    case "add-type-checks":
      return typeCheckCode(T, s.of);
    case "add-index":
      return alterTable(T, [indexCode(T, s.index)]);
    case "drop-index": {
      const i = s.index;
      // A partial unique index is an index, not a constraint: dropped as one.
      return alterTable(T, [i.unique && !i.where ? `    t.dropUnique(${JSON.stringify(i.columns)}, ${str(i.name)});` : `    t.dropIndex(${JSON.stringify(i.columns)}, ${str(i.name)});`]);
    }
    case "rename-index":
      return [raw(`ALTER INDEX ${q(s.from)} RENAME TO ${q(s.to)}`)];
  }
}

/** The code of one change of column `C` of table `T`. */
function changeCode(T: string, C: string, x: ColumnChange): string[] {
  switch (x.kind) {
    case "vector-dimensions":
      // The column is vector(n) or real[] with a length check, whichever the migration that made it chose.
      return [
        raw(
          `DO $$ BEGIN IF ${isPgVector(T, C)} THEN ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} TYPE vector(${x.dimensions}); ` +
            `ELSE ALTER TABLE ${q(T)} DROP CONSTRAINT IF EXISTS ${q(dimsName(T, C))}; ${vectorDimsCheck(T, C, x.dimensions)}; END IF; END $$`,
        ),
      ];
    case "drop-default":
      return [raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP DEFAULT`)];
    case "type":
      return [raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} TYPE ${sqlType(x.to)} USING ${usingExpr(x.from, x.to, q(C))}`)];
    case "replace-values": {
      const notIn = `${q(C)} NOT IN (${x.values.map(lit).join(", ")})`;
      return [x.fallback ? raw(`UPDATE ${q(T)} SET ${q(C)} = ${x.fallback} WHERE ${notIn}`) : raw(`DELETE FROM ${q(T)} WHERE ${notIn}`)];
    }
    case "set-default":
      return [raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} SET DEFAULT ${x.sql}`)];
    case "drop-not-null":
      return [raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} DROP NOT NULL`)];
    case "set-not-null":
      return [raw(`UPDATE ${q(T)} SET ${q(C)} = ${x.fill} WHERE ${q(C)} IS NULL`), raw(`ALTER TABLE ${q(T)} ALTER COLUMN ${q(C)} SET NOT NULL`)];
  }
}

/**
 * The body of up() or down(): every step's code, after the pgvector detection when a step uses
 * it; with `marks`, each destructive or API-breaking step is preceded by a comment that says so.
 */
export function migrationCode(list: readonly Step[], marks: boolean): string[] {
  const code = list.map(stepCode);
  const lines: string[] = code.some(usesVector) ? [...VECTOR_DETECTION] : [];
  list.forEach((s, i) => {
    if (s.destroys && marks) lines.push(`  // DESTRUCTIVE: ${s.destroys}`);
    if (s.breaks && marks) lines.push(`  // BREAKING API: ${s.breaks}`);
    lines.push(...code[i]!);
  });
  return lines;
}
