// Many-to-many relations through an owned join table (tasks <-> tags via task_tags):
// embedded into rows with one query for a whole page (no N+1), and attached or detached
// only when both ends belong to the caller (another user's row reads as missing).
import type { Knex } from "knex";
import { HttpProblem } from "./errors.js";
import type { Statement } from "./batch.js";

export interface ManyToManySpec {
  readonly name: string; // property on the rows: "tags"
  readonly source: { readonly table: string; readonly pk: string; readonly owner: string };
  readonly join: { readonly table: string; readonly source: string; readonly target: string; readonly owner: string };
  readonly target: { readonly table: string; readonly pk: string; readonly owner: string; readonly what: string };
}

type Db = Knex | Knex.Transaction;
const PARENT = "__sf_parent";

/**
 * The statement that reads the related rows of the source rows whose keys `idsSql` gives
 * (a placeholder, or a subquery over the same values), both ends the caller's: `ownerParam`
 * is the index of the caller's id among `values`. Each row carries its source key for
 * attachRelated.
 */
export function relatedStatement(rel: ManyToManySpec, idsSql: string, values: readonly unknown[], ownerParam: number): Statement {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const { join, target } = rel;
  const j = q(join.table);
  const t = q(target.table);
  return {
    text:
      `SELECT ${t}.*, ${j}.${q(join.source)} AS ${q(PARENT)} FROM ${t} JOIN ${j} ON ${j}.${q(join.target)} = ${t}.${q(target.pk)}` +
      ` WHERE ${j}.${q(join.source)} IN (${idsSql}) AND ${j}.${q(join.owner)} = $${ownerParam} AND ${t}.${q(target.owner)} = $${ownerParam}` +
      ` ORDER BY ${t}.${q(target.pk)}`,
    values,
  };
}

/** Puts the related rows (from relatedStatement) on their source rows as rel.name = [...]. */
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
  const found: Array<Record<string, unknown>> = await db(target.table)
    .join(join.table, `${join.table}.${join.target}`, `${target.table}.${target.pk}`)
    .whereIn(`${join.table}.${join.source}`, ids as never[])
    .where(`${join.table}.${join.owner}`, userId)
    .where(`${target.table}.${target.owner}`, userId)
    .select(`${target.table}.*`, `${join.table}.${join.source} as ${PARENT}`)
    .orderBy(`${target.table}.${target.pk}`);
  return attachRelated(rows, found, rel);
}

async function ownedExists(db: Db, table: string, pk: string, owner: string, id: unknown, userId: string | number): Promise<boolean> {
  return (await db(table).where({ [pk]: id, [owner]: userId }).first(pk)) !== undefined;
}

async function requireSource(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, sourceWhat: string): Promise<void> {
  if (!(await ownedExists(db, rel.source.table, rel.source.pk, rel.source.owner, sourceId, userId))) throw new HttpProblem(404, `${sourceWhat} not found`);
}

export async function listRelated(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, sourceWhat: string): Promise<unknown[]> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  const [row] = await embedMany(db, userId, [{ [rel.source.pk]: sourceId } as Record<string, unknown>], rel);
  return row![rel.name] as unknown[];
}

/** Idempotent attach; both rows must be the caller's (404 otherwise, like a missing one). */
export async function attach(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, targetId: unknown, sourceWhat: string): Promise<void> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  if (!(await ownedExists(db, rel.target.table, rel.target.pk, rel.target.owner, targetId, userId))) throw new HttpProblem(404, `${rel.target.what} not found`);
  const link = { [rel.join.source]: sourceId, [rel.join.target]: targetId };
  const existing = await db(rel.join.table).where(link).first(rel.join.source);
  if (!existing) await db(rel.join.table).insert({ ...link, [rel.join.owner]: userId });
}

export async function detach(db: Db, userId: string | number, rel: ManyToManySpec, sourceId: unknown, targetId: unknown, sourceWhat: string): Promise<void> {
  await requireSource(db, userId, rel, sourceId, sourceWhat);
  const n = await db(rel.join.table).where({ [rel.join.source]: sourceId, [rel.join.target]: targetId, [rel.join.owner]: userId }).delete();
  if (n === 0) throw new HttpProblem(404, `${rel.target.what} not found`);
}
