// Literals the generated routes hand to the runtime: the list contract (runtime/list.ts)
// and many-to-many relations (runtime/relations.ts), derived from the IR in one place.
import type { Column, ColumnType, IR, ListSpec, ManyToMany, Table } from "../ir/types.js";
import { camelCase, singularName } from "../ir/naming.js";
import { tableByName, type TableInfo } from "./table-info.js";
import { sqlType } from "./plan-migration.js";

/** The filter kind of a column (runtime/list.ts ColumnKind): how a query-string value is checked. */
function kindOf(c: Column): string {
  const k = c.type.kind;
  if (k === "text" || k === "json") return "string";
  // Equality on bytes, lists and vectors means nothing to a query string: such a filter answers 422.
  if (k === "bytes" || k === "array" || k === "vector") return "unfilterable";
  return k;
}

/** A column's kind for the JSON that embeds related rows (runtime/relations.ts): lists carry their element's kind. */
function embedKind(c: Column): string {
  const t = c.type;
  if (t.kind === "string" && t.fixed) return "char";
  if (t.kind === "array") return `array:${t.of.kind === "string" && t.of.fixed ? "char" : t.of.kind}`;
  return t.kind;
}

export function listSpecVar(t: Table): string {
  return `${camelCase(singularName(t.name))}List`;
}

/** The runtime ListSpec object literal for a list endpoint. */
export function runtimeListSpec(t: Table, l: ListSpec): Record<string, unknown> {
  const col = (n: string) => t.columns.find((c) => c.name === n)!;
  const keys: Record<string, string> = {};
  for (const k of l.sort.keys) keys[k.name] = k.column;
  const sortCols = [...new Set([...l.sort.keys.map((k) => k.column), l.sort.default.column])];
  return {
    table: t.name,
    pk: t.primaryKey,
    pagination: l.pagination,
    limitParam: l.limitParam,
    defaultLimit: l.defaultLimit,
    maxLimit: l.maxLimit,
    filters: l.filters.map((f) => {
      const c = col(f.column);
      const out: Record<string, unknown> = { param: f.param, column: f.column, kind: kindOf(c) };
      if (c.type.kind === "enum") out.values = [...c.type.values];
      if (f.choices) out.choices = Object.fromEntries(f.choices.map((ch) => [ch.word, ch.match]));
      return out;
    }),
    sort: {
      param: l.sort.param,
      orderParam: l.sort.orderParam,
      keys,
      default: l.sort.default,
      nullable: sortCols.filter((n) => col(n).nullable),
      newestFirst: sortCols.filter((n) => col(n).role === "created_at" || col(n).role === "updated_at"),
    },
    search: l.search,
    envelope: l.envelope,
  };
}

export function relationVar(r: ManyToMany): string {
  return camelCase(`${singularName(r.source)}_${r.name}`);
}

export function relationsOfTable(ir: IR, table: string): ManyToMany[] {
  return (ir.relations ?? []).filter((r) => r.source === table);
}

export function runtimeRelation(ir: IR, r: ManyToMany): Record<string, unknown> {
  const s = tableByName(ir, r.source);
  const j = tableByName(ir, r.join);
  const t = tableByName(ir, r.target);
  return {
    name: r.name,
    source: { table: s.name, pk: s.primaryKey, owner: s.owner },
    join: { table: j.name, source: r.joinSource, target: r.joinTarget, owner: j.owner },
    target: { table: t.name, pk: t.primaryKey, owner: t.owner, what: singularName(t.name), columns: t.columns.map((c) => [c.name, embedKind(c)]) },
  };
}

/** The SQL type a bound value is cast to (runtime/rows.ts); varchar(n) and numeric(p, s) are
 * cast to their unbounded types so that a too-long or too-large value fails instead of being cut. */
function castType(c: Column): string {
  return castOf(c.type);
}

function castOf(t: ColumnType): string {
  const k = t.kind;
  if (k === "string" || k === "text" || k === "enum") return "text";
  if (k === "decimal") return "numeric";
  if (k === "array") return `${castOf(t.of)}[]`;
  // real[] whether the column is pgvector's vector(n) (assignment cast) or real[] itself.
  if (k === "vector") return "real[]";
  return sqlType(t);
}

/** What runtime/rows.ts does with a column's value besides binding it: JSON text, base64 decoding, a vector cast. */
function columnSql(c: Column): Record<string, unknown> {
  const t = c.type;
  const out: Record<string, unknown> = { cast: castType(c) };
  if (t.kind === "json") out.json = true;
  if (t.kind === "bytes" || (t.kind === "array" && t.of.kind === "bytes")) out.bytes = true;
  if (t.kind === "vector") out.vector = true;
  return out;
}

export function tableSqlVar(t: Table): string {
  return `${camelCase(singularName(t.name))}Sql`;
}

/** The runtime TableSql object literal: what runtime/rows.ts needs to write SQL for a table. */
export function runtimeTableSql(info: TableInfo): Record<string, unknown> {
  const t = info.table;
  const owner = t.owner ? t.columns.find((c) => c.name === t.owner) : undefined;
  const columns: Record<string, unknown> = {};
  for (const c of [...(owner ? [owner] : []), ...info.writable]) columns[c.name] = columnSql(c);
  return {
    table: t.name,
    pk: info.pk.name,
    owner: t.owner,
    columns,
    touch: t.columns.find((c) => c.role === "updated_at")?.name ?? null,
    refs: info.ownedRefs.map((r) => ({ column: r.column.name, table: r.target.name, pk: r.targetPk, owner: r.targetOwner, what: `no such ${singularName(r.target.name)}` })),
  };
}
