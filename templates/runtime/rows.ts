// The row actions of generated routes (get, list, create, update, delete) as SQL statements
// that run in one batch: one round trip and one transaction per request (batch.ts). Every
// statement on an owned table carries the owner condition; row-level security (rls.ts)
// checks it a second time. Identifiers come from the spec (quoted); values are always
// bound parameters.
import { HttpProblem } from "./errors.js";
import { ident, type Batch, type Statement, type StatementResult } from "./batch.js";
import { relatedColumn, type ManyToManySpec } from "./relations.js";
import { finishPage, listStatements, type ListPage, type ListRequest, type ListSpec } from "./list.js";

export interface ReferenceSql {
  readonly column: string;
  readonly table: string;
  readonly pk: string;
  readonly owner: string;
  /** "no such category" */
  readonly what: string;
}

export interface TableSql {
  readonly table: string;
  readonly pk: string;
  /** The owner column; null for a table nobody owns. */
  readonly owner: string | null;
  /**
   * The columns a request may set, plus the owner (set from the token, never from input),
   * with the SQL type a bound value is cast to where PostgreSQL cannot infer it.
   */
  readonly columns: Readonly<Record<string, ColumnSql>>;
  /** Set to now() by every update. */
  readonly touch: string | null;
  /** Owned rows this table points at: a value must name one of the caller's own rows. */
  readonly refs: readonly ReferenceSql[];
}

export interface ColumnSql {
  readonly cast: string;
  /** jsonb: the value is sent as JSON text. */
  readonly json?: boolean;
  /** bytea (or bytea[]): base64 text in JSON, bytes in the database. */
  readonly bytes?: boolean;
  /**
   * vector(n): pgvector's type or real[], whichever the migration could make. The value is bound
   * as real[] (pgvector casts it on assignment) and read back as an array of numbers either way.
   */
  readonly vector?: boolean;
}

/** `SET col = DEFAULT` in an update (PUT puts a left-out field back to its default). */
export const DEFAULT = Symbol("DEFAULT");
/** `SET col = NOT col` in an update (toggle). */
export const TOGGLE = Symbol("TOGGLE");
export type SetValue = unknown | typeof DEFAULT | typeof TOGGLE;

type Row = Record<string, unknown>;

const fromBase64 = (x: unknown) => (typeof x === "string" ? Buffer.from(x, "base64") : x);

function value(spec: TableSql, column: string, v: unknown): unknown {
  const c = spec.columns[column];
  if (!c || v === null || v === undefined) return v;
  // node-postgres would send a JS array as a PostgreSQL array; a json column wants JSON.
  if (c.json) return JSON.stringify(v);
  // The validator let only base64 through; node-postgres sends a Buffer as bytea (each one in a list).
  if (c.bytes) return Array.isArray(v) ? v.map(fromBase64) : fromBase64(v);
  return v;
}

/** The placeholder of a column's value: a vector is bound as real[] (see ColumnSql.vector). */
function slot(spec: TableSql, column: string, n: number): string {
  return spec.columns[column]?.vector ? `$${n}::real[]` : `$${n}`;
}

const vectorColumns = new WeakMap<TableSql, readonly string[]>();

/** pgvector prints a vector as "[1,2,3]" (real[] comes back as numbers already): the API answers numbers either way. */
function readVectors<T extends Row | undefined>(spec: TableSql, row: T): T {
  let cols = vectorColumns.get(spec);
  if (!cols) vectorColumns.set(spec, (cols = Object.keys(spec.columns).filter((k) => spec.columns[k]!.vector)));
  if (row && cols.length) for (const c of cols) if (typeof row[c] === "string") row[c] = JSON.parse(row[c] as string) as number[];
  return row;
}

/** The row's key (and owner) as a WHERE clause over $1 (and $2). */
function keyWhere(spec: TableSql): string {
  return spec.owner ? `${ident(spec.pk)} = $1 AND ${ident(spec.owner)} = $2` : `${ident(spec.pk)} = $1`;
}

function keyValues(spec: TableSql, id: unknown, userId: string | number | null): unknown[] {
  return spec.owner ? [id, userId] : [id];
}

/**
 * The references the input sets (non-null), given the placeholder each column's value already
 * has in the write: a statement that tells, per column, whether that row exists and is the
 * caller's, and the same conditions to guard the write with (so nothing is written otherwise).
 */
function referenceChecks(spec: TableSql, input: Row, placeholders: ReadonlyMap<string, string>, userId: string | number | null, ownerPlaceholder: string | null): { check: Statement | null; guard: string } {
  const used = spec.refs.filter((r) => input[r.column] !== undefined && input[r.column] !== null && placeholders.has(r.column));
  if (used.length === 0) return { check: null, guard: "" };
  const checkValues: unknown[] = used.map((r) => input[r.column]);
  const ownerIndex = checkValues.length + 1;
  if (spec.owner) checkValues.push(userId);
  const exists = (r: ReferenceSql, idParam: string, ownerParam: string | null) =>
    `EXISTS (SELECT 1 FROM ${ident(r.table)} WHERE ${ident(r.pk)} = ${idParam}${ownerParam ? ` AND ${ident(r.owner)} = ${ownerParam}` : ""})`;
  const checkCols = used.map((r, i) => `${exists(r, `$${i + 1}`, spec.owner ? `$${ownerIndex}` : null)} AS ${ident(r.column)}`);
  const guard = used.map((r) => exists(r, placeholders.get(r.column)!, ownerPlaceholder)).join(" AND ");
  return { check: { text: `SELECT ${checkCols.join(", ")}`, values: checkValues }, guard };
}

/** The 422 for the first reference that names no row of the caller (another user's row reads as missing). */
function referenceProblem(spec: TableSql, check: StatementResult | undefined): HttpProblem | null {
  const found = check?.rows[0];
  if (!found) return null;
  for (const r of spec.refs) {
    if (found[r.column] === false) return new HttpProblem(422, `${r.column}: ${r.what}`, { errors: [{ field: r.column, message: "does not exist" }] });
  }
  return null;
}

// SQL texts that depend only on the table (and its relations) are made once: no string
// building per request, and the same string each time (cheap to look up as a prepared statement).
const texts = new WeakMap<TableSql, Map<string, string>>();
function once(spec: TableSql, key: string, make: () => string): string {
  let m = texts.get(spec);
  if (!m) texts.set(spec, (m = new Map()));
  let t = m.get(key);
  if (t === undefined) m.set(key, (t = make()));
  return t;
}

/** The row's own columns and its relations (JSON arrays), for SELECT and RETURNING. */
function rowColumns(spec: TableSql, rels: readonly ManyToManySpec[], ownerParam: string): string {
  return once(spec, `columns ${ownerParam} ${rels.map((r) => r.name).join(",")}`, () =>
    [`${ident(spec.table)}.*`, ...rels.map((rel) => relatedColumn(rel, spec.table, ownerParam))].join(", "),
  );
}

/** One row by key, with its relations; undefined when it is missing or another user's. */
export async function getRow(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null, rels: readonly ManyToManySpec[] = []): Promise<Row | undefined> {
  const text = once(spec, `get ${rels.map((r) => r.name).join(",")}`, () => `SELECT ${rowColumns(spec, rels, "$2")} FROM ${ident(spec.table)} WHERE ${keyWhere(spec)}`);
  const [found] = await batch(userId, [{ text, values: keyValues(spec, id, userId) }]);
  return readVectors(spec, found!.rows[0]);
}

/** One page of the caller's rows with the total (unless paging by cursor) and the relations: one statement. */
export async function listRows(batch: Batch, spec: TableSql, list: ListSpec, req: ListRequest, userId: string | number | null, rels: readonly ManyToManySpec[] = []): Promise<ListPage<Row>> {
  const where = spec.owner ? [`${ident(list.table)}.${ident(spec.owner)} = $1`] : [];
  const related = spec.owner && rels.length ? [once(spec, `list ${rels.map((r) => r.name).join(",")}`, () => rels.map((rel) => relatedColumn(rel, spec.table, "$1")).join(", "))] : [];
  const q = listStatements(list, req, where, spec.owner ? [userId] : [], related);
  const [page] = await batch(userId, [q.page]);
  let count: number | null = null;
  // The total rides on every row; a page with no rows past the first page still needs it.
  if (q.count && page!.rows.length === 0 && req.offset > 0) count = Number((await batch(userId, [q.count]))[0]!.rows[0]?.count ?? 0);
  for (const r of page!.rows) readVectors(spec, r);
  return finishPage<Row>(page!.rows, count, req, list);
}

/**
 * Inserts a row for the caller. `before` runs first in the same transaction (recording the
 * caller in the identity table). A reference to a row that is not the caller's is a 422.
 * A row that did not exist a moment ago has no links yet: its relations are empty lists.
 */
export async function createRow(batch: Batch, spec: TableSql, fields: object, userId: string | number | null, rels: readonly ManyToManySpec[] = [], before: readonly Statement[] = []): Promise<Row> {
  const input = fields as Row;
  const cols: string[] = [];
  const values: unknown[] = [];
  if (spec.owner) {
    cols.push(spec.owner);
    values.push(userId);
  }
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || !Object.prototype.hasOwnProperty.call(spec.columns, k) || k === spec.owner) continue;
    cols.push(k);
    values.push(value(spec, k, v));
  }
  const placeholders = new Map(cols.map((c, i) => [c, `$${i + 1}`]));
  const { check, guard } = referenceChecks(spec, input, placeholders, userId, spec.owner ? "$1" : null);
  const target = `${ident(spec.table)} (${cols.map(ident).join(", ")})`;
  let text: string;
  if (cols.length === 0) text = `INSERT INTO ${ident(spec.table)} DEFAULT VALUES RETURNING *`;
  else if (!guard) text = `INSERT INTO ${target} VALUES (${cols.map((c, i) => slot(spec, c, i + 1)).join(", ")}) RETURNING *`;
  else {
    // INSERT ... SELECT cannot infer a parameter's type from its column: each is cast.
    text = `INSERT INTO ${target} SELECT ${cols.map((c, i) => `$${i + 1}::${spec.columns[c]!.cast}`).join(", ")} WHERE ${guard} RETURNING *`;
  }
  const statements = [...before, ...(check ? [check] : []), { text, values }];
  const results = await batch(userId, statements);
  const inserted = results[results.length - 1]!.rows[0];
  if (!inserted) throw referenceProblem(spec, check ? results[before.length] : undefined) ?? new HttpProblem(422, "the row could not be created");
  for (const rel of rels) inserted[rel.name] = [];
  return readVectors(spec, inserted);
}

/** Updates the caller's row; undefined when it is missing or another user's. */
export async function updateRow(batch: Batch, spec: TableSql, fields: object, id: unknown, userId: string | number | null, rels: readonly ManyToManySpec[] = []): Promise<Row | undefined> {
  const set = fields as Readonly<Record<string, SetValue>>;
  const values = keyValues(spec, id, userId);
  const sets: string[] = [];
  const placeholders = new Map<string, string>();
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined || !Object.prototype.hasOwnProperty.call(spec.columns, k) || k === spec.owner) continue;
    if (v === DEFAULT) sets.push(`${ident(k)} = DEFAULT`);
    else if (v === TOGGLE) sets.push(`${ident(k)} = NOT ${ident(k)}`);
    else {
      values.push(value(spec, k, v));
      placeholders.set(k, `$${values.length}`);
      sets.push(`${ident(k)} = ${slot(spec, k, values.length)}`);
    }
  }
  if (spec.touch) sets.push(`${ident(spec.touch)} = now()`);
  // Nothing to change still answers with the row (and 404 when there is none).
  if (sets.length === 0) sets.push(`${ident(spec.pk)} = ${ident(spec.pk)}`);
  const { check, guard } = referenceChecks(spec, set as Row, placeholders, userId, spec.owner ? "$2" : null);
  const text = `UPDATE ${ident(spec.table)} SET ${sets.join(", ")} WHERE ${keyWhere(spec)}${guard ? ` AND ${guard}` : ""} RETURNING ${rowColumns(spec, rels, "$2")}`;
  const results = await batch(userId, [...(check ? [check] : []), { text, values }]);
  const row = results[results.length - 1]!.rows[0];
  if (!row) {
    const bad = referenceProblem(spec, check ? results[0] : undefined);
    if (bad) throw bad;
    return undefined;
  }
  return readVectors(spec, row);
}

/** Deletes the caller's row: the number deleted (0 or 1), or the row as it was. */
export async function deleteRow(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null): Promise<number> {
  const text = once(spec, "delete", () => `DELETE FROM ${ident(spec.table)} WHERE ${keyWhere(spec)}`);
  const [r] = await batch(userId, [{ text, values: keyValues(spec, id, userId) }]);
  return r!.rowCount;
}

export async function deleteRowReturning(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null): Promise<Row | undefined> {
  const text = once(spec, "delete returning", () => `DELETE FROM ${ident(spec.table)} WHERE ${keyWhere(spec)} RETURNING *`);
  const [r] = await batch(userId, [{ text, values: keyValues(spec, id, userId) }]);
  return readVectors(spec, r!.rows[0]);
}
