// Many-to-many relations through a join table (tasks <-> tags via task_tags): embedded into
// rows with one query for a whole page (no N+1), and attached or detached only when both ends
// are the caller's (another user's row reads as missing). Each of the three tables is owned
// through a column or scoped (scope.ts); the condition is the same as the row actions'.
import type { Knex } from "knex";
import { HttpProblem } from "./errors.js";
import { ident } from "./batch.js";
import { callerCondition, usesCaller, type RowScope } from "./scope.js";

/** `owner`: the column holding the caller's id; `scope`: how rows are the caller's without one. */
interface Whose {
  readonly owner?: string | null;
  readonly scope?: RowScope;
}

export interface ManyToManySpec {
  readonly name: string; // property on the rows: "tags"
  readonly source: { readonly table: string; readonly pk: string } & Whose;
  readonly join: { readonly table: string; readonly source: string; readonly target: string } & Whose;
  readonly target: Whose & {
    readonly table: string;
    readonly pk: string;
    readonly what: string;
    /** Every column in table order, with its kind: how it is written into the embedded JSON. */
    readonly columns: ReadonlyArray<readonly [name: string, kind: string]>;
  };
}

type Db = Knex | Knex.Transaction;
const PARENT = "__sf_parent";


/**
 * A column's value in the embedded JSON, written so that the client sees what it sees for the
 * same column read as a row: node-postgres gives bigint and numeric as strings, and a
 * timestamp as a Date, which JSON shows as toISOString() (UTC, milliseconds, "Z"); bytes are
 * base64 (encode() breaks its lines every 76 characters), a vector a list of numbers (pgvector's
 * type has no JSON form of its own), char(n) without its padding.
 */
export function jsonValue(ref: string, kind: string): string {
  if (kind === "bigint" || kind === "decimal" || kind === "char") return `${ref}::text`;
  if (kind === "timestamp") return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (kind === "bytes") return `translate(encode(${ref}, 'base64'), E'\\n', '')`;
  if (kind === "vector") return `${ref}::real[]`;
  if (kind === "array:bigint" || kind === "array:decimal" || kind === "array:char") return `${ref}::text[]`;
  return ref;
}

/**
 * A select-list column with the related rows of the row `sourceTable` names, as a JSON array
 * ordered by key ([] when there are none); both ends must be the caller's, `ownerParam` being
 * the caller's placeholder. One correlated subquery: the page's rows and their relations are
 * read by one statement.
 *
 * The join table drives: its rows for this source row (an index on the source column), then each
 * target row by its key, in a LATERAL subquery that OFFSET 0 keeps PostgreSQL from flattening.
 * Written as a plain join, the planner may start from the caller's target rows instead (all of a
 * user's tags, for each task of the page): with the generic plans the row actions run
 * (scope.ts, planCacheModeFromEnv) it did, 10x the buffers for a user with 10 tags, growing with
 * every tag.
 */
export function relatedColumn(rel: ManyToManySpec, sourceTable: string, ownerParam: string): string {
  const { join, target } = rel;
  const j = ident("__sf_j");
  const t = ident("__sf_t");
  const cols = target.columns.map(([name, kind]) => `${jsonValue(`${t}.${ident(name)}`, kind)} AS ${ident(name)}`).join(", ");
  const targetWhere = [`${t}.${ident(target.pk)} = ${j}.${ident(join.target)}`, callerCondition(target, t, ownerParam)].filter(Boolean).join(" AND ");
  const joinWhere = [`${j}.${ident(join.source)} = ${ident(sourceTable)}.${ident(rel.source.pk)}`, callerCondition(join, j, ownerParam)].filter(Boolean).join(" AND ");
  return (
    `coalesce((SELECT json_agg(${ident("__sf_r")} ORDER BY ${j}.${ident(join.target)}) FROM ${ident(join.table)} ${j}` +
    ` CROSS JOIN LATERAL (SELECT ${cols} FROM ${ident(target.table)} ${t} WHERE ${targetWhere} OFFSET 0) ${ident("__sf_r")}` +
    ` WHERE ${joinWhere}), '[]'::json) AS ${ident(rel.name)}`
  );
}

/** Puts the related rows (each with its source key as __sf_parent) on their source rows as rel.name = [...]. */
export function attachRelated<T extends object>(rows: T[], found: Array<Record<string, unknown>>, rel: ManyToManySpec): T[] {
  const byParent = new Map<string, unknown[]>();
  for (const f of found) {
    const key = String(f[PARENT]);
    delete f[PARENT];
    const list = byParent.get(key);
    if (list) list.push(f);
    else byParent.set(key, [f]);
  }
  for (const r of rows) (r as Record<string, unknown>)[rel.name] = byParent.get(String((r as Record<string, unknown>)[rel.source.pk])) ?? [];
  return rows;
}

/** The related rows of every given row, in one statement; each row gets rel.name = [...]. */
export async function embedMany<T extends object>(db: Db, userId: string | number, rows: T[], rel: ManyToManySpec): Promise<T[]> {
  for (const r of rows) (r as Record<string, unknown>)[rel.name] = [];
  const ids = rows.map((r) => (r as Record<string, unknown>)[rel.source.pk]);
  if (ids.length === 0) return rows;
  const { join, target } = rel;
  const found: Array<Record<string, unknown>> = await whose(
    whose(
      db(target.table)
        .join(join.table, `${join.table}.${join.target}`, `${target.table}.${target.pk}`)
        .whereIn(`${join.table}.${join.source}`, ids as never[]),
      join,
      join.table,
      userId,
    ),
    target,
    target.table,
    userId,
  )
    .select(`${target.table}.*`, `${join.table}.${join.source} as ${PARENT}`)
    .orderBy(`${target.table}.${target.pk}`);
  return attachRelated(rows, found, rel);
}

/** The query limited to the caller's rows of `table` (its owner column, or its scope's condition). */
function whose<Q extends Knex.QueryBuilder>(q: Q, w: Whose, table: string, userId: string | number): Q {
  if (w.owner) return q.where(`${table}.${w.owner}`, userId) as Q;
  if (w.scope) return q.whereRaw(callerCondition(w, ident(table), "?")!, usesCaller(w) ? [userId] : []) as Q;
  return q;
}

async function visibleExists(db: Db, side: { readonly table: string; readonly pk: string } & Whose, id: unknown, userId: string | number): Promise<boolean> {
  return (await whose(db(side.table).where(`${side.table}.${side.pk}`, id as never), side, side.table, userId).first(side.pk)) !== undefined;
}

async function requireSource(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, sourceWhat: string): Promise<void> {
  if (!(await visibleExists(db, rel.source, sourceId, userId))) throw new HttpProblem(404, `${sourceWhat} not found`);
}

export async function listRelated(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, sourceWhat: string): Promise<unknown[]> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  const [row] = await embedMany(db, userId, [{ [rel.source.pk]: sourceId } as Record<string, unknown>], rel);
  return row![rel.name] as unknown[];
}

/** Idempotent attach; both rows must be the caller's (404 otherwise, like a missing one). */
export async function attach(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, targetId: unknown, sourceWhat: string): Promise<void> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  if (!(await visibleExists(db, rel.target, targetId, userId))) throw new HttpProblem(404, `${rel.target.what} not found`);
  const link = { [rel.join.source]: sourceId, [rel.join.target]: targetId };
  const existing = await db(rel.join.table).where(link).first(rel.join.source);
  if (!existing) await db(rel.join.table).insert(rel.join.owner ? { ...link, [rel.join.owner]: userId } : link);
}

export async function detach(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, targetId: unknown, sourceWhat: string): Promise<void> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  const n = await whose(db(rel.join.table).where({ [rel.join.source]: sourceId, [rel.join.target]: targetId }), rel.join, rel.join.table, userId).delete();
  if (n === 0) throw new HttpProblem(404, `${rel.target.what} not found`);
}
