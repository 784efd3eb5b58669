// Reads a database's schema from pg_catalog, and states what a snapshot says it
// should be, in the same shape, so the two can be compared with toEqual.
import type { Knex } from "knex";
import type { ColumnType } from "../../generator/ir/types.js";
import type { Snapshot } from "../../generator/plan/snapshot.js";
import { columnRuleChecks } from "../../generator/plan/column-rules.js";
import { dimsName, enumCheckName, fkName, pkeyName, uniqueName } from "../../generator/plan/names.js";

export interface SchemaShape {
  tables: Record<string, {
    columns: Record<string, { type: string; nullable: boolean }>;
    /** constraint name -> kind + what it says */
    constraints: Record<string, string>;
    indexes: string[];
  }>;
}

/** Everything, including defaults and full definitions, for comparing two databases. */
export interface SchemaDump extends SchemaShape {
  defaults: Record<string, string | null>;
  definitions: Record<string, string>;
}

const DELETE_RULE: Record<string, string> = { c: "cascade", n: "set null", r: "restrict", a: "no action" };

export async function introspect(knex: Knex): Promise<SchemaDump> {
  const cols = (await knex.raw(`
    SELECT c.relname AS t, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable,
           pg_get_expr(d.adbin, d.adrelid) AS def
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND c.relname NOT LIKE 'specforge_migrations%'`)).rows as Array<{ t: string; col: string; type: string; nullable: boolean; def: string | null }>;
  const cons = (await knex.raw(`
    SELECT c.relname AS t, k.conname AS name, k.contype AS kind, pg_get_constraintdef(k.oid) AS def,
           k.confdeltype AS del, f.relname AS ft
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_class f ON f.oid = k.confrelid
     WHERE n.nspname = 'public' AND k.contype <> 'n' AND c.relname NOT LIKE 'specforge_migrations%'`)).rows as Array<{ t: string; name: string; kind: string; def: string; del: string; ft: string | null }>;
  const idx = (await knex.raw(`
    SELECT tablename AS t, indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = 'public' AND tablename NOT LIKE 'specforge_migrations%'`)).rows as Array<{ t: string; name: string; def: string }>;
  const out: SchemaDump = { tables: {}, defaults: {}, definitions: {} };
  const table = (t: string) => (out.tables[t] ??= { columns: {}, constraints: {}, indexes: [] });
  for (const c of cols) {
    table(c.t).columns[c.col] = { type: c.type, nullable: c.nullable };
    out.defaults[`${c.t}.${c.col}`] = c.def;
  }
  for (const k of cons) {
    table(k.t).constraints[k.name] = describeConstraint(k.kind, k.def, k.ft, k.del);
    out.definitions[`constraint ${k.name}`] = k.def;
  }
  for (const i of idx) {
    table(i.t).indexes.push(i.name);
    out.definitions[`index ${i.name}`] = i.def;
  }
  for (const t of Object.values(out.tables)) t.indexes.sort();
  return out;
}

function describeConstraint(kind: string, def: string, ft: string | null, del: string): string {
  if (kind === "p") return `primary ${/\((.*)\)/.exec(def)?.[1]}`;
  if (kind === "u") return `unique ${/\((.*)\)/.exec(def)?.[1]}`;
  if (kind === "f") {
    const m = /FOREIGN KEY \((.*?)\) REFERENCES .*?\((.*?)\)/.exec(def)!;
    return `foreign ${m[1]} -> ${ft}.${m[2]} on delete ${DELETE_RULE[del]}`;
  }
  if (kind === "c") {
    if (/ ~ '|like_regex/.test(def)) return "regex";
    if (/ANY|<@ ARRAY|= '/.test(def)) return `values ${[...def.matchAll(/'((?:[^']|'')*)'::/g)].map((m) => m[1]).join(",")}`;
    return checkBounds(def);
  }
  return `${kind} ${def}`;
}

/** The comparisons with a number a CHECK makes, in order (PostgreSQL writes `>= (0)::numeric`). */
function checkBounds(sql: string): string {
  return `check ${[...sql.matchAll(/([<>]=?) \(?'?(-?[\d.]+)/g)].map((m) => `${m[1]}${m[2]}`).join(" ")}`.trimEnd();
}

/** The type as format_type() names it; a vector is pgvector's type where the database has it, else real[]. */
export function pgType(t: ColumnType, hasVector = false): string {
  switch (t.kind) {
    case "string":
      if (t.fixed) return `character(${t.maxLength ?? 1})`;
      return t.maxLength !== undefined ? `character varying(${t.maxLength})` : "text";
    case "text":
    case "enum":
      return "text";
    case "integer":
      return t.small ? "smallint" : "integer";
    case "timestamp":
      return "timestamp with time zone";
    case "time":
      return "time without time zone";
    case "decimal":
      return t.precision !== undefined ? `numeric(${t.precision},${t.scale ?? 0})` : "numeric";
    case "float":
      return "double precision";
    case "json":
      return "jsonb";
    case "bytes":
      return "bytea";
    case "array":
      return `${pgType(t.of)}[]`;
    case "vector":
      return hasVector ? `vector(${t.dimensions})` : "real[]";
    default:
      // bigint, uuid, boolean, date, inet, cidr, macaddr, interval: format_type says the same.
      return t.kind;
  }
}

/** What the snapshot says the database holds, in introspect()'s shape (without defaults). */
export function expectedShape(s: Snapshot, hasVector = false): SchemaShape {
  const out: SchemaShape = { tables: {} };
  for (const t of s.tables) {
    const e: SchemaShape["tables"][string] = { columns: {}, constraints: {}, indexes: [] };
    e.constraints[pkeyName(t.name)] = `primary ${t.primaryKey}`;
    e.indexes.push(pkeyName(t.name));
    for (const c of t.columns) {
      e.columns[c.name] = { type: pgType(c.type, hasVector), nullable: !c.primaryKey && c.nullable };
      if (c.unique && !c.primaryKey) {
        e.constraints[uniqueName(t.name, c.name)] = `unique ${c.name}`;
        e.indexes.push(uniqueName(t.name, c.name));
      }
      if (c.references) e.constraints[fkName(t.name, c.name)] = `foreign ${c.name} -> ${c.references.table}.${c.references.column} on delete ${c.references.onDelete}`;
      if (c.type.kind === "enum") e.constraints[enumCheckName(t.name, c.name)] = `values ${c.type.values.join(",")}`;
      if (c.type.kind === "array" && c.type.of.kind === "enum") e.constraints[enumCheckName(t.name, c.name)] = `values ${c.type.of.values.join(",")}`;
      if (c.type.kind === "vector" && !hasVector) e.constraints[dimsName(t.name, c.name)] = "check";
      // The rule checks (range, length, format, pattern, items), described as describeConstraint reads them back.
      for (const k of columnRuleChecks(t.name, c)) e.constraints[k.name] = k.family === "format" || k.family === "pattern" ? "regex" : checkBounds(k.sql);
    }
    for (const k of t.checks ?? []) {
      e.constraints[k.name] = / ~ '|like_regex/.test(k.sql)
        ? "regex"
        : /\bin\s*\(|=\s*any\s*\(/i.test(k.sql)
          ? `values ${[...k.sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]).join(",")}`
          : checkBounds(k.sql);
    }
    for (const i of t.indexes) {
      if (i.unique) e.constraints[i.name] = `unique ${i.columns.join(", ")}`;
      e.indexes.push(i.name);
    }
    e.indexes.sort();
    out.tables[t.name] = e;
  }
  return out;
}

export function shapeOf(d: SchemaDump): SchemaShape {
  return { tables: d.tables };
}
