// The row actions of generated routes (get, list, create, update, delete) as SQL statements
// that run in one batch: one round trip and one transaction per request (batch.ts). Every
// statement on an owned table carries the owner condition, and every statement on a scoped
// table (rows of the caller's conversations, of the caller's organizations) the scope's
// condition (scope.ts); row-level security (rls.ts) checks the same a second time. Another
// user's row reads exactly as a missing one. Identifiers come from the spec (quoted); values
// are always bound parameters.
import { randomUUID } from "node:crypto";
import { HttpProblem } from "./errors.js";
import { ident, type Batch, type Statement, type StatementResult } from "./batch.js";
import { relatedColumn, type ManyToManySpec } from "./relations.js";
import { conditionSql, finishPage, listStatements, planRows, type ListPage, type ListRequest, type ListSpec, type RowCondition } from "./list.js";
import { callerCondition, callerGroups, readCondition, roleIn, tenantSql, usesCaller, type RowScope, type Visibility } from "./scope.js";

export interface ReferenceSql {
  readonly column: string;
  readonly table: string;
  readonly pk: string;
  /** The target's owner column (an owned target). */
  readonly owner?: string;
  /** How a target row is the caller's when the target has no owner column (a scoped target). */
  readonly scope?: RowScope;
  /** "no such category" */
  readonly what: string;
}

/**
 * A group table (organizations) whose rows their members see. Creating one makes the caller
 * its first member in the same transaction: without that row the creator could not see it.
 */
export interface GroupSql {
  readonly membership: string;
  /** The membership column naming the group, and the one naming the member. */
  readonly group: string;
  readonly user: string;
  /**
   * Where a new group's key comes from: a random UUID made by the app, the key's sequence
   * (drawn first, in a round trip of its own), or the request. The key must be known before
   * the insert: under row-level security an INSERT ... RETURNING would have to pass the
   * member policy before the membership row exists.
   */
  readonly key: "uuid" | "sequence" | "input";
  /** SQL types the key and the caller's id are cast to in the membership insert. */
  readonly keyCast: string;
  readonly userCast: string;
  /** Other columns of the membership row a NOT NULL leaves no choice on: a fixed value, or a random UUID (its key). */
  readonly fill?: Readonly<Record<string, { readonly cast: string; readonly value?: unknown; readonly uuid?: true }>>;
}

/** The parent row a nested route names (/conversations/{id}/messages): this table's `column` holds its key. */
export interface ParentSql {
  readonly column: string;
  readonly table: string;
  readonly key: string;
  /** Whose parent rows are whose (neither: every row is visible). */
  readonly owner?: string;
  readonly scope?: RowScope;
  /** "conversation": a parent the caller cannot see answers "conversation not found" (404). */
  readonly what: string;
  /** The table's own scope runs through this column: a row the caller sees has a parent the caller sees. */
  readonly implied?: boolean;
  /**
   * Any row of the parent may be named: the other user of a link between users (/users/{id}/follow).
   * Not looked up (the users table shows each caller only their own row); the foreign key refuses a missing one.
   */
  readonly open?: boolean;
}

export interface RowOptions {
  /** A nested route: only rows under this parent, which must be one the caller sees (404 otherwise). */
  readonly under?: { readonly parent: ParentSql; readonly id: unknown };
  /** Statements run first in the same transaction (recording the caller in the identity table). */
  readonly before?: readonly Statement[];
  /**
   * The column the row's `id` is matched on instead of the key: a link row named by its parent
   * and the other row it links (team_members by team_id, from `under`, and user_id).
   */
  readonly by?: string;
  /** Lists of a link between users: only the rows naming the caller in this column (the owner column, or one of `readers`). */
  readonly asReader?: string;
}

export interface TableSql {
  readonly table: string;
  readonly pk: string;
  /** The owner column; null for a table nobody owns (or one owned through `scope`). */
  readonly owner: string | null;
  /** How rows are the caller's when the table has no owner column (scope.ts); absent: owned, or shared. */
  readonly scope?: RowScope;
  /**
   * The columns a request may set, plus the owner (set from the token, never from input),
   * with the SQL type a bound value is cast to where PostgreSQL cannot infer it.
   */
  readonly columns: Readonly<Record<string, ColumnSql>>;
  /** Set to now() by every update. */
  readonly touch: string | null;
  /** Owned or scoped rows this table points at: a value must name a row the caller sees. */
  readonly refs: readonly ReferenceSql[];
  /** The key is a random UUID the app makes (as this SQL type): the database has no default and a client may not set it. */
  readonly newKey?: "uuid" | "text";
  /** A member-scoped group table: how a create adds the creator's membership. */
  readonly group?: GroupSql;
  /**
   * Audit columns of a tenant's or a group's row, set to the caller's id by the app (never from input):
   * "author" (created_by) on create, "editor" (updated_by) on create and every update.
   */
  readonly stamps?: Readonly<Record<string, "author" | "editor">>;
  /** Columns no answer carries (a password hash, a secret): taken out of every row a route answers with. */
  readonly hidden?: readonly string[];
  /**
   * Required columns the app fills on insert, never from input: a privilege its user cannot pick
   * (a membership's role: the least one its values grant).
   */
  readonly fixed?: Readonly<Record<string, unknown>>;
  /**
   * A link between two users: columns naming a user who reads the rows naming them (a followee)
   * but does not change them. Lists show the caller the rows naming them in the owner column or in one of these.
   */
  readonly readers?: readonly string[];
  /**
   * A group's membership table, owned by its member: the column naming the group. Every member
   * of a group reads its rows (lists and single rows); only the member writes their own.
   */
  readonly fellows?: string;
  /**
   * A membership with roles that run its group (with `fellows`): a member whose `column` is one
   * of `values` adds other users' memberships of the group, changes any of them (the role too)
   * and removes them. Others write only their own row, and never its role (403). `what` names
   * the group in problems ("team").
   */
  readonly manage?: { readonly column: string; readonly values: readonly string[]; readonly what: string };
  /** Columns naming another user that may not name the caller (nobody follows themselves): 422. */
  readonly notCaller?: readonly string[];
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
/** `SET col = now()` in an update (an action that stamps the time: POST /loans/{id}/return). */
export const NOW = Symbol("NOW");
export type SetValue = unknown | typeof DEFAULT | typeof TOGGLE | typeof NOW;

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

/**
 * A row as the API answers with it: without its hidden columns, and with vectors as numbers
 * (pgvector prints a vector as "[1,2,3]"; real[] comes back as numbers already).
 */
function answerRow<T extends Row | undefined>(spec: TableSql, row: T): T {
  let cols = vectorColumns.get(spec);
  if (!cols) vectorColumns.set(spec, (cols = Object.keys(spec.columns).filter((k) => spec.columns[k]!.vector)));
  if (row && cols.length) for (const c of cols) if (typeof row[c] === "string") row[c] = JSON.parse(row[c] as string) as number[];
  if (row && spec.hidden) for (const c of spec.hidden) delete row[c];
  return row;
}

/** Whether the caller's condition on these rows binds the caller's id (not when it ends in the tenant the transaction's setting names). */
const hasCaller = (v: Visibility): boolean => usesCaller(v);
/** Whether these rows have a caller's condition at all (owned or scoped; else everyone's). */
const hasCondition = (v: Visibility): boolean => !!v.owner || v.scope !== undefined;

/** The column a tenant's row names its tenant in (set from the caller's tenant; never from input). */
const tenantColumn = (spec: TableSql): string | null => (spec.scope?.kind === "tenant" ? spec.scope.column : null);

/** Whether a nested route's parent needs its own condition (not implied by the row's scope, and not everyone's). */
const parentCondition = (p: ParentSql | undefined): boolean => !!p && !p.implied && hasCondition(p);

/** Whether a row's WHERE (rowWhere) binds the caller's id as $2: its own condition or its parent's needs it. */
const whereBindsCaller = (spec: TableSql, p: ParentSql | undefined): boolean => hasCaller(spec) || (parentCondition(p) && hasCaller(p!));

/**
 * The WHERE of one row: its key ($1), the caller's condition ($2), and for a nested route the
 * parent's key from the path (and, unless the row's scope implies it, the parent's condition).
 * On an owned table outside a nested route: `"id" = $1 AND "user_id" = $2`.
 */
function rowWhere(spec: TableSql, id: unknown, userId: string | number | null, under?: RowOptions["under"], by?: string, mode: WhereMode = "write"): { text: string; values: unknown[] } {
  const p = under?.parent;
  const caller = whereBindsCaller(spec, p);
  const values: unknown[] = caller ? [id, userId] : [id];
  if (under) values.push(under.id);
  const text = once(spec, `where ${underKey(under)} ${by ?? ""} ${mode}`, () => {
    let w = `${ident(by ?? spec.pk)} = $1`;
    const own = mode === "read" ? readCondition(spec, spec.table, null, "$2") : writeCondition(spec, null, "$2", mode === "manage");
    if (own) w += ` AND ${own}`;
    if (p) {
      const col = ident(p.column);
      w += ` AND ${col} = $${caller ? 3 : 2}`;
      if (parentCondition(p)) w += ` AND ${col} IN (${parentKeys(p, "$2")})`;
    }
    return w;
  });
  return { text, values };
}

/** Which rows of the caller's a one-row statement reaches: those they read, write, or (a membership's role) manage. */
type WhereMode = "read" | "write" | "manage";

/**
 * The caller's condition for changing rows: their own; on a managed membership also the rows of
 * the groups they run (`manageOnly`: only those, for a change of the role).
 */
function writeCondition(spec: TableSql, ref: string | null, caller: string, manageOnly = false): string | null {
  const own = callerCondition(spec, ref, caller);
  if (!own || !spec.manage || !spec.fellows || !spec.owner) return own;
  const f = ident("__sf_manager");
  const runs = `${ref ? `${ref}.` : ""}${ident(spec.fellows)} IN (${callerGroups(spec.table, spec.fellows, spec.owner, caller, f, roleIn(spec.manage.column, spec.manage.values, f))})`;
  return manageOnly ? runs : `(${own} OR ${runs})`;
}

/** The 403 of a member who is not one who runs the group. */
function notManager(spec: TableSql, what: string): HttpProblem {
  const m = spec.manage!;
  const roles = m.values.length < 2 ? m.values.join("") : `${m.values.slice(0, -1).join(", ")} or ${m.values[m.values.length - 1]}`;
  return new HttpProblem(403, `only a ${m.what}'s ${roles} ${what}`);
}

/**
 * After a change of a managed membership that reached no row: a 403 when the caller reads the
 * row (a fellow member's, or their own role) but may not change it this way; null when they do
 * not see it at all (a 404, as for a missing row).
 */
async function manageRefusal(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null, opts: RowOptions, what: string, set?: Row): Promise<HttpProblem | null> {
  if (!spec.manage) return null;
  const seen = await getRow(batch, spec, id, userId, [], { under: opts.under, by: opts.by });
  if (!seen) return null;
  const o = spec.owner!;
  if (set?.[o] !== undefined && String(set[o]) !== String(seen[o])) {
    return new HttpProblem(422, `${o}: cannot change`, { errors: [{ field: o, message: "cannot change: remove this membership and add the other user" }] });
  }
  return notManager(spec, what);
}

const underKey = (under: RowOptions["under"]): string => (under ? `${under.parent.column}>${under.parent.table}` : "");

/** The keys of the parent rows the caller sees. */
function parentKeys(p: ParentSql, caller: string): string {
  const a = ident("__sf_up");
  return `SELECT ${a}.${ident(p.key)} FROM ${ident(p.table)} ${a} WHERE ${callerCondition(p, a, caller)}`;
}

const parentChecks = new WeakMap<ParentSql, string>();
/** A statement with one row when the parent a nested route names exists and the caller sees it. */
function parentCheck(p: ParentSql, id: unknown, userId: string | number | null): Statement {
  let text = parentChecks.get(p);
  if (text === undefined) {
    const c = callerCondition(p, null, "$2");
    parentChecks.set(p, (text = `SELECT 1 FROM ${ident(p.table)} WHERE ${ident(p.key)} = $1${c ? ` AND ${c}` : ""}`));
  }
  return { text, values: hasCaller(p) ? [id, userId] : [id] };
}

/** A row the write names that must exist and be one the caller sees: a reference, or the parent of a nested route. */
interface Probe {
  /** `also`: one more condition on the target row (a membership's role that runs the group). */
  readonly target: Visibility & { readonly table: string; readonly pk: string; readonly also?: string };
  readonly value: unknown;
  /** The value's placeholder in the write, when the write binds it already. */
  readonly at: string | null;
  readonly fail: HttpProblem;
}

/**
 * The references the input sets (non-null), given the placeholder each column's value already
 * has in the write, and the parent a nested route names: each must name a row the caller sees.
 */
function probesOf(spec: TableSql, input: Row, placeholders: ReadonlyMap<string, string>, under?: RowOptions["under"], parentProbe = true): Probe[] {
  const probes: Probe[] = [];
  for (const r of spec.refs) {
    // Under a nested route the path names the parent: a create probes it below (a 404), and an
    // update's row is already limited to it (its WHERE), so the body can only repeat it.
    if (under && r.column === under.parent.column) continue;
    const v = input[r.column];
    if (v === undefined || v === null || !placeholders.has(r.column)) continue;
    probes.push({ target: r, value: v, at: placeholders.get(r.column)!, fail: new HttpProblem(422, `${r.column}: ${r.what}`, { errors: [{ field: r.column, message: "does not exist" }] }) });
  }
  if (under && parentProbe && !under.parent.open) {
    const p = under.parent;
    probes.push({ target: { table: p.table, pk: p.key, owner: p.owner, scope: p.scope }, value: under.id, at: placeholders.get(p.column) ?? null, fail: new HttpProblem(404, `${p.what} not found`) });
  }
  return probes;
}

function exists(target: Probe["target"], idAt: string, callerAt: string | null): string {
  // A target whose condition binds no caller (a tenant's rows) still has one; callerAt is null only when no probe binds the caller.
  const c = callerCondition(target, null, callerAt ?? "NULL");
  return `EXISTS (SELECT 1 FROM ${ident(target.table)} WHERE ${ident(target.pk)} = ${idAt}${c ? ` AND ${c}` : ""}${target.also ? ` AND ${target.also}` : ""})`;
}

/** A statement that tells, per probe, whether that row exists and the caller sees it. */
function checkStatement(probes: readonly Probe[], userId: string | number | null): Statement | null {
  if (probes.length === 0) return null;
  const values: unknown[] = probes.map((p) => p.value);
  let callerAt: string | null = null;
  if (probes.some((p) => hasCaller(p.target))) {
    values.push(userId);
    callerAt = `$${values.length}`;
  }
  return { text: `SELECT ${probes.map((p, i) => `${exists(p.target, `$${i + 1}`, callerAt)} AS "c${i}"`).join(", ")}`, values };
}

/** The same conditions to guard the write with (so nothing is written otherwise); binds into `values` what the write lacks. */
function guardOf(probes: readonly Probe[], values: unknown[], callerAt: string | null, userId: string | number | null): string {
  let caller = callerAt;
  const bind = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  return probes
    .map((p) => {
      if (hasCaller(p.target)) caller ??= bind(userId);
      return exists(p.target, p.at ?? bind(p.value), caller);
    })
    .join(" AND ");
}

/** The problem of the first probe that names no row the caller sees (another user's row reads as missing). */
function probeProblem(probes: readonly Probe[], check: StatementResult | undefined): HttpProblem | null {
  const found = check?.rows[0];
  if (!found) return null;
  for (let i = 0; i < probes.length; i++) if (found[`c${i}`] === false) return probes[i]!.fail;
  return null;
}

/** A link between users names another user: the caller linking to themselves is a 422. */
function refuseCaller(spec: TableSql, input: Row, userId: string | number | null): void {
  for (const c of spec.notCaller ?? []) {
    const v = input[c];
    if (v !== undefined && v !== null && userId !== null && String(v) === String(userId)) {
      throw new HttpProblem(422, `${c}: cannot be the caller`, { errors: [{ field: c, message: "cannot be the caller (a user does not link to themselves)" }] });
    }
  }
}

/** A parent-scoped row needs its parent: without one it would belong to nobody. */
function requireScopeColumn(spec: TableSql, input: Row, creating: boolean): void {
  if (spec.scope?.kind !== "parent") return;
  const c = spec.scope.column;
  const v = input[c];
  if (v === null || v === DEFAULT || (creating && v === undefined)) {
    throw new HttpProblem(422, `${c}: is required`, { errors: [{ field: c, message: "is required" }] });
  }
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
export async function getRow(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null, rels: readonly ManyToManySpec[] = [], opts: RowOptions = {}): Promise<Row | undefined> {
  const w = rowWhere(spec, id, userId, opts.under, opts.by, "read");
  const text = once(spec, `get ${rels.map((r) => r.name).join(",")} ${underKey(opts.under)} ${opts.by ?? ""}`, () => `SELECT ${rowColumns(spec, rels, "$2")} FROM ${ident(spec.table)} WHERE ${w.text}`);
  const results = await batch(userId, [...(opts.before ?? []), { text, values: w.values }]);
  return answerRow(spec, results[results.length - 1]!.rows[0]);
}

/**
 * One page of the caller's rows with the total (unless paging by cursor) and the relations: one
 * statement. Under a parent (a nested route), a first statement of the same batch tells whether
 * the caller sees that parent: a 404 if not, an empty page if it has no rows.
 */
export async function listRows(batch: Batch, spec: TableSql, list: ListSpec, req: ListRequest, userId: string | number | null, rels: readonly ManyToManySpec[] = [], opts: RowOptions = {}): Promise<ListPage<Row>> {
  const t = ident(list.table);
  const where: string[] = [];
  const values: unknown[] = [];
  // A link between users: its rows are read by the user who made them and by the user they name;
  // a group's membership by every member of the group.
  const own = readCondition(spec, spec.table, t, "$1");
  if (opts.asReader && (spec.readers?.includes(opts.asReader) || opts.asReader === spec.owner)) {
    // The rows naming the caller in one column of a link between users: those they made (whom they
    // follow), or those naming them as its other user (their followers), which they read and never change.
    where.push(`${t}.${ident(opts.asReader)} = $1`);
    values.push(userId);
  } else if (own) {
    where.push(own);
    if (hasCaller(spec)) values.push(userId);
  }
  const first: Statement[] = [];
  const p = opts.under?.parent;
  if (p) {
    values.push(opts.under!.id);
    where.push(`${t}.${ident(p.column)} = $${values.length}`);
    if (!p.open) first.push(parentCheck(p, opts.under!.id, userId));
  }
  const related = spec.owner && rels.length ? [once(spec, `list ${rels.map((r) => r.name).join(",")}`, () => rels.map((rel) => relatedColumn(rel, spec.table, "$1")).join(", "))] : [];
  const q = listStatements(list, req, where, values, related);
  // A planned total is the planner's estimate for the same filters: one more statement in the batch, O(1).
  const planned = req.count === "planned" && q.count ? [q.count] : [];
  const results = await batch(userId, [...first, q.page, ...planned]);
  if (p && !p.open && results[0]!.rows.length === 0) throw new HttpProblem(404, `${p.what} not found`);
  const page = results[first.length];
  let count: number | null = planned.length ? planRows(results[results.length - 1]!.rows[0]) : null;
  // An exact total rides on every row; a page with no rows past the first page still needs it.
  if (req.count === "exact" && q.count && page!.rows.length === 0 && req.offset > 0) count = Number((await batch(userId, [q.count]))[0]!.rows[0]?.count ?? 0);
  for (const r of page!.rows) answerRow(spec, r);
  return finishPage<Row>(page!.rows, count, req, list);
}

/** `$n` of a column in a write, cast where PostgreSQL cannot infer its type (INSERT ... SELECT). */
function castOf(spec: TableSql, column: string): string {
  const c = spec.columns[column];
  if (c) return c.cast;
  if (column === spec.pk && spec.newKey) return spec.newKey;
  throw new Error(`internal: no SQL type for ${spec.table}.${column}`);
}

/**
 * Inserts a row for the caller. `before` runs first in the same transaction (recording the
 * caller in the identity table). A reference to a row the caller does not see is a 422; under
 * a nested route, a parent the caller does not see is a 404. A row that did not exist a moment
 * ago has no links yet: its relations are empty lists.
 */
export async function createRow(batch: Batch, spec: TableSql, fields: object, userId: string | number | null, rels: readonly ManyToManySpec[] = [], before: readonly Statement[] = [], opts: Pick<RowOptions, "under"> = {}): Promise<Row> {
  const input = fields as Row;
  requireScopeColumn(spec, input, true);
  refuseCaller(spec, input, userId);
  if (spec.group) return createGroupRow(batch, spec, spec.group, input, userId, rels, before);
  const cols: string[] = [];
  const values: unknown[] = [];
  // A managed membership: one who runs the group may name another member, and set the role.
  const m = spec.manage && spec.fellows && spec.owner ? spec.manage : null;
  const named = m ? input[spec.owner!] : undefined;
  const owner = named !== undefined && named !== null ? named : userId;
  const managing = m !== null && (String(owner) !== String(userId) || input[m.column] !== undefined);
  if (spec.owner) {
    cols.push(spec.owner);
    values.push(owner);
  }
  if (spec.newKey) {
    cols.push(spec.pk);
    values.push(randomUUID());
  }
  for (const c of Object.keys(spec.stamps ?? {})) {
    cols.push(c);
    values.push(userId);
  }
  // (A managed membership's role given by the input is the input's: the check below says who may.)
  const given = (c: string) => m !== null && c === m.column && input[c] !== undefined;
  for (const [c, v] of Object.entries(spec.fixed ?? {})) {
    if (given(c)) continue;
    cols.push(c);
    values.push(v);
  }
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || !Object.prototype.hasOwnProperty.call(spec.columns, k) || k === spec.owner || (spec.newKey && k === spec.pk) || spec.stamps?.[k] || (spec.fixed?.[k] !== undefined && !given(k)) || k === tenantColumn(spec)) continue;
    cols.push(k);
    values.push(value(spec, k, v));
  }
  const placeholders = new Map(cols.map((c, i) => [c, `$${i + 1}`]));
  // A tenant's row: its tenant column is the caller's tenant, which the transaction's setting names (never the input's).
  const tenant = spec.scope?.kind === "tenant" ? spec.scope : null;
  const probes = probesOf(spec, input, placeholders, opts.under);
  if (managing) {
    // After the group's own probe (a 404 or a 422 for one the caller is not in): the caller runs it.
    const g = spec.fellows!;
    const group = opts.under?.parent.column === g ? opts.under.id : input[g];
    probes.push({ target: { table: spec.table, pk: g, owner: spec.owner, also: roleIn(m!.column, m!.values, ident(spec.table)) }, value: group, at: placeholders.get(g) ?? null, fail: notManager(spec, "adds another member or sets a role") });
  }
  const check = checkStatement(probes, userId);
  const target = `${ident(spec.table)} (${[...cols, ...(tenant ? [tenant.column] : [])].map(ident).join(", ")})`;
  const n = cols.length;
  // $1 is the caller where the row is the caller's own: the guards compare with it.
  const guard = probes.length ? guardOf(probes, values, spec.owner && String(owner) === String(userId) ? "$1" : null, userId) : "";
  const tenantValue = tenant ? [tenantSql(tenant.type)] : [];
  let text: string;
  if (cols.length === 0 && !tenant) {
    // Nothing to insert but defaults, and no statement form that guards it: check first, on its own.
    if (check) {
      const [found] = await batch(userId, [check]);
      const bad = probeProblem(probes, found);
      if (bad) throw bad;
    }
    text = `INSERT INTO ${ident(spec.table)} DEFAULT VALUES RETURNING *`;
    values.length = 0;
  } else if (!guard) text = `INSERT INTO ${target} VALUES (${[...cols.map((c, i) => slot(spec, c, i + 1)), ...tenantValue].join(", ")}) RETURNING *`;
  else {
    // INSERT ... SELECT cannot infer a parameter's type from its column: each is cast.
    text = `INSERT INTO ${target} SELECT ${[...cols.slice(0, n).map((c, i) => `$${i + 1}::${castOf(spec, c)}`), ...tenantValue].join(", ")} WHERE ${guard} RETURNING *`;
  }
  const statements = [...before, ...(check && (cols.length || tenant) ? [check] : []), { text, values }];
  const results = await batch(userId, statements);
  const inserted = results[results.length - 1]!.rows[0];
  if (!inserted) throw probeProblem(probes, check && (cols.length || tenant) ? results[before.length] : undefined) ?? new HttpProblem(422, "the row could not be created");
  for (const rel of rels) inserted[rel.name] = [];
  return answerRow(spec, inserted);
}

/**
 * A new group row and the creator's membership, in one transaction, then the row as the
 * creator now sees it. The key is known before the insert (GroupSql.key), so neither insert
 * needs RETURNING: row-level security lets anyone insert a group (rls.ts), and shows it only to
 * its members, of whom the caller is one by the time the row is read back.
 */
async function createGroupRow(batch: Batch, spec: TableSql, g: GroupSql, input: Row, userId: string | number | null, rels: readonly ManyToManySpec[], before: readonly Statement[]): Promise<Row> {
  let key: unknown;
  if (g.key === "uuid") key = randomUUID();
  else if (g.key === "sequence") {
    const [r] = await batch(userId, [{ text: `SELECT nextval(pg_get_serial_sequence($1, $2))::text AS "key"`, values: [ident(spec.table), spec.pk] }]);
    key = r!.rows[0]!.key;
  } else key = input[spec.pk];
  if (key === undefined || key === null) throw new HttpProblem(422, `${spec.pk}: is required`, { errors: [{ field: spec.pk, message: "is required" }] });
  const cols = [spec.pk];
  const values: unknown[] = [key];
  // Who made the group (created_by): the caller, never the input.
  for (const c of Object.keys(spec.stamps ?? {})) {
    cols.push(c);
    values.push(userId);
  }
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || k === spec.pk || !Object.prototype.hasOwnProperty.call(spec.columns, k) || spec.stamps?.[k]) continue;
    cols.push(k);
    values.push(value(spec, k, v));
  }
  const placeholders = new Map(cols.map((c, i) => [c, `$${i + 1}`]));
  const probes = probesOf(spec, input, placeholders);
  const check = checkStatement(probes, userId);
  const n = cols.length;
  const guard = probes.length ? guardOf(probes, values, null, userId) : "";
  const target = `${ident(spec.table)} (${cols.map(ident).join(", ")})`;
  const insert = guard
    ? `INSERT INTO ${target} SELECT ${cols.slice(0, n).map((c, i) => `$${i + 1}::${castOf(spec, c)}`).join(", ")} WHERE ${guard}`
    : `INSERT INTO ${target} VALUES (${cols.map((c, i) => slot(spec, c, i + 1)).join(", ")})`;
  // The membership row: the group's key, the caller, and what its NOT NULL columns need.
  const mCols = [g.group, g.user];
  const mValues: unknown[] = [key, userId];
  const mSlots = [`$1::${g.keyCast}`, `$2::${g.userCast}`];
  for (const [c, f] of Object.entries(g.fill ?? {})) {
    mCols.push(c);
    mValues.push(f.uuid ? randomUUID() : f.value);
    mSlots.push(`$${mValues.length}::${f.cast}`);
  }
  // Guarded like the group's insert (no group, no membership), so a refused reference is a 422, not a foreign-key error.
  const mGuard = probes.length ? guardOf(probes.map((p) => ({ ...p, at: null })), mValues, "$2", userId) : "";
  const member = `INSERT INTO ${ident(g.membership)} (${mCols.map(ident).join(", ")}) SELECT ${mSlots.join(", ")}${mGuard ? ` WHERE ${mGuard}` : ""}`;
  const w = rowWhere(spec, key, userId);
  const read = `SELECT ${rowColumns(spec, rels, "$2")} FROM ${ident(spec.table)} WHERE ${w.text}`;
  const statements = [...before, ...(check ? [check] : []), { text: insert, values }, { text: member, values: mValues }, { text: read, values: w.values }];
  const results = await batch(userId, statements);
  const row = results[results.length - 1]!.rows[0];
  if (!row) throw probeProblem(probes, check ? results[before.length] : undefined) ?? new HttpProblem(422, "the row could not be created");
  return answerRow(spec, row);
}

/** Updates the caller's row; undefined when it is missing or another user's. */
export async function updateRow(batch: Batch, spec: TableSql, fields: object, id: unknown, userId: string | number | null, rels: readonly ManyToManySpec[] = [], opts: RowOptions = {}): Promise<Row | undefined> {
  const set = fields as Readonly<Record<string, SetValue>>;
  requireScopeColumn(spec, set as Row, false);
  refuseCaller(spec, set as Row, userId);
  // A managed membership: its role is changed only by one who runs the group; its member never
  // changes (a value naming the member the row already names is no change).
  const m = spec.manage && spec.fellows ? spec.manage : null;
  const ownerSet = m && spec.owner ? (set as Row)[spec.owner] : undefined;
  const roleSet = m !== null && set[m.column] !== undefined;
  const w = rowWhere(spec, id, userId, opts.under, opts.by, roleSet ? "manage" : "write");
  const values = [...w.values];
  const sets: string[] = [];
  const placeholders = new Map<string, string>();
  for (const [c, stamp] of Object.entries(spec.stamps ?? {})) {
    if (stamp !== "editor") continue;
    values.push(userId);
    sets.push(`${ident(c)} = $${values.length}::${castOf(spec, c)}`);
  }
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined || !Object.prototype.hasOwnProperty.call(spec.columns, k) || k === spec.owner || spec.stamps?.[k] || (spec.fixed?.[k] !== undefined && !(roleSet && k === m!.column)) || k === tenantColumn(spec)) continue;
    if (v === DEFAULT) sets.push(`${ident(k)} = DEFAULT`);
    else if (v === TOGGLE) sets.push(`${ident(k)} = NOT ${ident(k)}`);
    else if (v === NOW) sets.push(`${ident(k)} = now()`);
    else {
      values.push(value(spec, k, v));
      placeholders.set(k, `$${values.length}`);
      sets.push(`${ident(k)} = ${slot(spec, k, values.length)}`);
    }
  }
  if (spec.touch) sets.push(`${ident(spec.touch)} = now()`);
  // Nothing to change still answers with the row (and 404 when there is none).
  if (sets.length === 0) sets.push(`${ident(spec.pk)} = ${ident(spec.pk)}`);
  const probes = probesOf(spec, set as Row, placeholders, opts.under, false);
  const check = checkStatement(probes, userId);
  const callerAt = whereBindsCaller(spec, opts.under?.parent) ? "$2" : null;
  const guard = probes.length ? guardOf(probes, values, callerAt, userId) : "";
  let same = "";
  if (ownerSet !== undefined && ownerSet !== null && ownerSet !== DEFAULT) {
    values.push(ownerSet);
    same = ` AND ${ident(spec.owner!)} = $${values.length}::${castOf(spec, spec.owner!)}`;
  }
  const text = `UPDATE ${ident(spec.table)} SET ${sets.join(", ")} WHERE ${w.text}${same}${guard ? ` AND ${guard}` : ""} RETURNING ${rowColumns(spec, rels, "$2")}`;
  const before = opts.before ?? [];
  const results = await batch(userId, [...before, ...(check ? [check] : []), { text, values }]);
  const row = results[results.length - 1]!.rows[0];
  if (!row) {
    const bad = probeProblem(probes, check ? results[before.length] : undefined) ?? (await manageRefusal(batch, spec, id, userId, opts, roleSet ? "sets a role" : "changes another member's row", set as Row));
    if (bad) throw bad;
    return undefined;
  }
  return answerRow(spec, row);
}

/** Deletes the caller's row: the number deleted (0 or 1), or the row as it was. */
export async function deleteRow(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null, opts: Pick<RowOptions, "under" | "by"> = {}): Promise<number> {
  const w = rowWhere(spec, id, userId, opts.under, opts.by);
  const text = once(spec, `delete ${underKey(opts.under)} ${opts.by ?? ""}`, () => `DELETE FROM ${ident(spec.table)} WHERE ${w.text}`);
  const [r] = await batch(userId, [{ text, values: w.values }]);
  if (r!.rowCount === 0) {
    const bad = await manageRefusal(batch, spec, id, userId, opts, "removes another member");
    if (bad) throw bad;
  }
  return r!.rowCount;
}

export async function deleteRowReturning(batch: Batch, spec: TableSql, id: unknown, userId: string | number | null, opts: Pick<RowOptions, "under" | "by"> = {}): Promise<Row | undefined> {
  const w = rowWhere(spec, id, userId, opts.under, opts.by);
  const text = once(spec, `delete returning ${underKey(opts.under)} ${opts.by ?? ""}`, () => `DELETE FROM ${ident(spec.table)} WHERE ${w.text} RETURNING *`);
  const [r] = await batch(userId, [{ text, values: w.values }]);
  if (!r!.rows[0]) {
    const bad = await manageRefusal(batch, spec, id, userId, opts, "removes another member");
    if (bad) throw bad;
  }
  return answerRow(spec, r!.rows[0]);
}

// ---------------------------------------------------------------- many rows at once
// Counting and bulk routes ("GET /tasks/stats", "DELETE /tasks/completed", "POST
// /tasks/bulk-complete"): one statement each over the caller's rows only (the same caller
// condition as every row action), in one batch. Keys a bulk route is given that are not the
// caller's rows match nothing: they are not counted, and nothing says whether they exist.

/** The most keys one bulk request may list. */
export const MAX_BULK_KEYS = 1000;

/** The WHERE over many of the caller's rows: the caller ($1, when the table binds one), the route's conditions, the listed keys. */
function manyWhere(spec: TableSql, where: readonly RowCondition[], keys: readonly unknown[] | null, userId: string | number | null): { text: string; values: unknown[] } {
  const t = ident(spec.table);
  const values: unknown[] = [];
  const bind = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const conds: string[] = [];
  const own = callerCondition(spec, t, "$1");
  if (own) {
    if (hasCaller(spec)) values.push(userId);
    conds.push(own);
  }
  for (const c of where) conds.push(conditionSql(`${t}.${ident(c.column)}`, c, bind));
  // The array's type is the key's, as PostgreSQL infers it from the comparison.
  if (keys) conds.push(`${t}.${ident(spec.pk)} = ANY(${bind(keys)})`);
  return { text: conds.length ? ` WHERE ${conds.join(" AND ")}` : "", values };
}

/** A column a summary counts by, and the values it always shows (0 when no row has one). */
export interface CountGroup {
  readonly column: string;
  readonly values: readonly string[];
}

/**
 * The caller's rows among those `where` keeps: their number, and per group column how many hold
 * each value (as text: "true"/"false" for a flag; "null" for none). One round trip.
 */
export async function countRows(batch: Batch, spec: TableSql, where: readonly RowCondition[], groups: readonly CountGroup[], userId: string | number | null): Promise<{ total: number; groups: Record<string, Record<string, number>> }> {
  const t = ident(spec.table);
  const w = manyWhere(spec, where, null, userId);
  const statements: Statement[] = [{ text: `SELECT count(*) AS "count" FROM ${t}${w.text}`, values: w.values }];
  for (const g of groups) {
    const col = `${t}.${ident(g.column)}`;
    statements.push({ text: `SELECT ${col}::text AS "value", count(*) AS "count" FROM ${t}${w.text} GROUP BY ${col} ORDER BY 1`, values: w.values });
  }
  const results = await batch(userId, statements);
  const out: Record<string, Record<string, number>> = {};
  groups.forEach((g, i) => {
    const counts: Record<string, number> = Object.fromEntries(g.values.map((v) => [v, 0]));
    for (const r of results[i + 1]!.rows) counts[r.value === null ? "null" : String(r.value)] = Number(r.count);
    out[g.column] = counts;
  });
  return { total: Number(results[0]!.rows[0]?.count ?? 0), groups: out };
}

/** Deletes the caller's rows that `where` keeps (and, given `keys`, only those): how many went. */
export async function deleteMany(batch: Batch, spec: TableSql, where: readonly RowCondition[], keys: readonly unknown[] | null, userId: string | number | null): Promise<number> {
  const w = manyWhere(spec, where, keys, userId);
  const [r] = await batch(userId, [{ text: `DELETE FROM ${ident(spec.table)}${w.text}`, values: w.values }]);
  return r!.rowCount;
}

/** Sets one column (to a value, or NOW) on the caller's rows with the listed keys (null: every one) among those `where` keeps: how many changed. */
export async function updateMany(batch: Batch, spec: TableSql, column: string, v: unknown, where: readonly RowCondition[], keys: readonly unknown[] | null, userId: string | number | null, before: readonly Statement[] = []): Promise<number> {
  const w = manyWhere(spec, where, keys, userId);
  const values = [...w.values];
  const sets: string[] = [];
  for (const [c, stamp] of Object.entries(spec.stamps ?? {})) {
    if (stamp !== "editor") continue;
    values.push(userId);
    sets.push(`${ident(c)} = $${values.length}::${castOf(spec, c)}`);
  }
  if (v === NOW) sets.push(`${ident(column)} = now()`);
  else {
    values.push(value(spec, column, v));
    sets.push(`${ident(column)} = ${slot(spec, column, values.length)}`);
  }
  if (spec.touch && spec.touch !== column) sets.push(`${ident(spec.touch)} = now()`);
  const results = await batch(userId, [...before, { text: `UPDATE ${ident(spec.table)} SET ${sets.join(", ")}${w.text}`, values }]);
  return results[results.length - 1]!.rowCount;
}

/**
 * The keys a bulk request lists in `field` of its body: an array of 1 to MAX_BULK_KEYS keys
 * (422 otherwise, and for any other field). A key that is not of the key's form is no row of
 * anyone's, so it is left out (as another user's key matches nothing).
 */
export function keysFrom(body: Record<string, unknown>, field: string, parse: (raw: string, what: string) => unknown): unknown[] {
  const bad = (message: string, at = field) => new HttpProblem(422, `${at}: ${message}`, { errors: [{ field: at, message }] });
  for (const k of Object.keys(body)) if (k !== field) throw bad(`is not a field of this request (it takes ${field} only)`, k);
  const given = body[field];
  if (!Array.isArray(given)) throw bad("required: an array of keys");
  if (given.length === 0 || given.length > MAX_BULK_KEYS) throw bad(`must list 1 to ${MAX_BULK_KEYS} keys`);
  const keys: unknown[] = [];
  given.forEach((k, i) => {
    if (typeof k !== "string" && typeof k !== "number") throw bad("must be a key (a string or a number)", `${field}.${i}`);
    try {
      keys.push(parse(String(k), "row"));
    } catch {
      // not of the key's form: no one's row
    }
  });
  return keys;
}

// ---------------------------------------------------------------- one row per user, order, export, copies
// A table of one row per user (user_settings keyed by user_id): the caller's row without a key in
// the path. The order of the caller's rows (PUT /projects/reorder), all of them as a file (GET
// /tasks/export), and a copy of one (POST /projects/{id}/duplicate). Every statement keeps the
// caller's condition: another user's rows are never read, changed or copied.

/** The caller's row of a table holding one row per user; undefined while they have none. */
export async function getOwnRow(batch: Batch, spec: TableSql, userId: string | number | null, before: readonly Statement[] = []): Promise<Row | undefined> {
  const own = callerCondition(spec, null, "$1");
  if (!own) throw new Error(`internal: ${spec.table} has no owner`);
  const text = once(spec, "own get", () => `SELECT * FROM ${ident(spec.table)} WHERE ${own} LIMIT 1`);
  const results = await batch(userId, [...before, { text, values: [userId] }]);
  return answerRow(spec, results[results.length - 1]!.rows[0]);
}

/**
 * Writes the caller's row of a table holding one row per user, inserting it when there is none
 * (one statement: INSERT ... ON CONFLICT on the owner column). Only the fields given change (a
 * PATCH); a PUT hands in every field, DEFAULT putting one back to the column's default.
 * A reference to a row the caller does not see is a 422, as on create.
 */
export async function putOwnRow(batch: Batch, spec: TableSql, fields: object, userId: string | number | null, before: readonly Statement[] = []): Promise<Row> {
  const input = fields as Record<string, SetValue>;
  if (!spec.owner) throw new Error(`internal: ${spec.table} has no owner`);
  const cols: string[] = [spec.owner];
  const values: unknown[] = [userId];
  if (spec.newKey) {
    cols.push(spec.pk);
    values.push(randomUUID());
  }
  for (const c of Object.keys(spec.stamps ?? {})) {
    cols.push(c);
    values.push(userId);
  }
  for (const [c, v] of Object.entries(spec.fixed ?? {})) {
    cols.push(c);
    values.push(v);
  }
  const sets: string[] = [];
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || !Object.prototype.hasOwnProperty.call(spec.columns, k) || k === spec.owner || (spec.newKey && k === spec.pk) || spec.stamps?.[k] || spec.fixed?.[k] !== undefined) continue;
    if (v === DEFAULT) {
      sets.push(`${ident(k)} = DEFAULT`);
      continue;
    }
    cols.push(k);
    values.push(value(spec, k, v));
    sets.push(`${ident(k)} = EXCLUDED.${ident(k)}`);
  }
  for (const [c, stamp] of Object.entries(spec.stamps ?? {})) if (stamp === "editor") sets.push(`${ident(c)} = EXCLUDED.${ident(c)}`);
  if (spec.touch) sets.push(`${ident(spec.touch)} = now()`);
  // Nothing to change still answers with the row.
  if (sets.length === 0) sets.push(`${ident(spec.owner)} = EXCLUDED.${ident(spec.owner)}`);
  const placeholders = new Map(cols.map((c, i) => [c, `$${i + 1}`]));
  const probes = probesOf(spec, input as Row, placeholders);
  const check = checkStatement(probes, userId);
  const n = cols.length;
  const guard = probes.length ? guardOf(probes, values, "$1", userId) : "";
  const target = `${ident(spec.table)} (${cols.map(ident).join(", ")})`;
  const insert = guard
    ? `INSERT INTO ${target} SELECT ${cols.slice(0, n).map((c, i) => `$${i + 1}::${castOf(spec, c)}`).join(", ")} WHERE ${guard}`
    : `INSERT INTO ${target} VALUES (${cols.map((c, i) => slot(spec, c, i + 1)).join(", ")})`;
  const text = `${insert} ON CONFLICT (${ident(spec.owner)}) DO UPDATE SET ${sets.join(", ")} RETURNING *`;
  const results = await batch(userId, [...before, ...(check ? [check] : []), { text, values }]);
  const row = results[results.length - 1]!.rows[0];
  if (!row) throw probeProblem(probes, check ? results[before.length] : undefined) ?? new HttpProblem(422, "the row could not be written");
  return answerRow(spec, row);
}

/**
 * The new order of the caller's rows a reorder request gives: its keys in order (an array, or the
 * one array field of an object: { "ids": [...] }), each taking its index as its position, or items
 * naming a key and a position ([{ "id": 3, "position": 0 }]). 422 for anything else, a key given
 * twice, or more than MAX_BULK_KEYS.
 */
export function orderFrom(body: unknown, pk: string, column: string, parse: (raw: string, what: string) => unknown): Array<[unknown, number]> {
  const bad = (message: string, field = "body") => new HttpProblem(422, `${field}: ${message}`, { errors: [{ field, message }] });
  let list = body;
  if (list && typeof list === "object" && !Array.isArray(list)) {
    const arrays = Object.entries(list as Record<string, unknown>).filter(([, v]) => Array.isArray(v));
    if (arrays.length !== 1 || Object.keys(list as object).length !== 1) throw bad(`must be an array of keys, or { "ids": [...] }, or [{ "${pk}": key, "${column}": n }]`);
    list = arrays[0]![1];
  }
  if (!Array.isArray(list)) throw bad(`must be an array of keys, or [{ "${pk}": key, "${column}": n }]`);
  if (list.length === 0 || list.length > MAX_BULK_KEYS) throw bad(`must list 1 to ${MAX_BULK_KEYS} rows`);
  const seen = new Set<string>();
  const out: Array<[unknown, number]> = [];
  list.forEach((item, i) => {
    let key: unknown = item;
    let pos = i;
    if (item && typeof item === "object" && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      key = o[pk] ?? o.id;
      const given = o[column] ?? o.position ?? o.order ?? o.sort_order ?? o.rank ?? o.index;
      if (typeof given !== "number" || !Number.isFinite(given)) throw bad(`needs a number "${column}"`, `${i}.${column}`);
      pos = given;
    }
    if (typeof key !== "string" && typeof key !== "number") throw bad("must be a key (a string or a number)", `${i}`);
    if (seen.has(String(key))) throw bad("is listed twice", `${i}`);
    seen.add(String(key));
    try {
      out.push([parse(String(key), "row"), pos]);
    } catch {
      // not of the key's form: no one's row
    }
  });
  return out;
}

/** Sets `column` of each of the caller's rows the pairs name (another user's keys match nothing): how many changed. */
export async function reorderRows(batch: Batch, spec: TableSql, column: string, cast: string, pairs: ReadonlyArray<readonly [unknown, number]>, userId: string | number | null): Promise<number> {
  if (pairs.length === 0) return 0;
  const w = manyWhere(spec, [], null, userId);
  const values = [...w.values, pairs.map(([k]) => String(k)), pairs.map(([, p]) => p)];
  const t = ident(spec.table);
  const k = values.length - 1;
  const sets = [`${ident(column)} = "__sf_v"."p"::${cast}`, ...(spec.touch && spec.touch !== column ? [`${ident(spec.touch)} = now()`] : [])];
  const text = `UPDATE ${t} SET ${sets.join(", ")} FROM unnest($${k}::text[], $${k + 1}::numeric[]) AS "__sf_v"("k", "p")${w.text ? `${w.text} AND` : " WHERE"} ${t}.${ident(spec.pk)}::text = "__sf_v"."k"`;
  const [r] = await batch(userId, [{ text, values }]);
  return r!.rowCount;
}

/** The most rows one export answers with. */
export const MAX_EXPORT_ROWS = 100_000;

/** Every one of the caller's rows (the given columns, in key order), for an export. */
export async function exportRows(batch: Batch, spec: TableSql, columns: readonly string[], userId: string | number | null): Promise<Row[]> {
  const w = manyWhere(spec, [], null, userId);
  const t = ident(spec.table);
  const text = `SELECT ${columns.map((c) => `${t}.${ident(c)}`).join(", ")} FROM ${t}${w.text} ORDER BY ${t}.${ident(spec.pk)} LIMIT ${MAX_EXPORT_ROWS}`;
  const [r] = await batch(userId, [{ text, values: w.values }]);
  return r!.rows.map((row) => answerRow(spec, row));
}

/** Rows as CSV (RFC 4180): a header of the columns, CRLF line ends; text that a spreadsheet would run as a formula is prefixed with '. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    let s = v instanceof Date ? v.toISOString() : Buffer.isBuffer(v) ? v.toString("base64") : typeof v === "object" ? JSON.stringify(v) : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(","), ...rows.map((r) => columns.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/**
 * A new row of the caller's copying one of their rows: `columns` (its writable ones but those a
 * copy must leave to their defaults). undefined when the row is missing or another user's.
 */
export async function copyRow(batch: Batch, spec: TableSql, columns: readonly string[], id: unknown, userId: string | number | null, before: readonly Statement[] = []): Promise<Row | undefined> {
  if (!spec.owner) throw new Error(`internal: ${spec.table} has no owner`);
  const w = rowWhere(spec, id, userId);
  const t = ident(spec.table);
  const cols: string[] = [spec.owner];
  const exprs: string[] = [`$2::${castOf(spec, spec.owner)}`];
  const values = [...w.values];
  if (!hasCaller(spec)) throw new Error(`internal: ${spec.table} binds no caller`);
  if (spec.newKey) {
    values.push(randomUUID());
    cols.push(spec.pk);
    exprs.push(`$${values.length}::${spec.newKey}`);
  }
  for (const c of Object.keys(spec.stamps ?? {})) {
    cols.push(c);
    exprs.push(`$2::${castOf(spec, c)}`);
  }
  for (const c of columns) {
    if (cols.includes(c)) continue;
    cols.push(c);
    exprs.push(`${t}.${ident(c)}`);
  }
  const text = `INSERT INTO ${t} (${cols.map(ident).join(", ")}) SELECT ${exprs.join(", ")} FROM ${t} WHERE ${w.text} RETURNING *`;
  const results = await batch(userId, [...before, { text, values }]);
  return answerRow(spec, results[results.length - 1]!.rows[0]);
}

/**
 * The items of a bulk request: the body as an array, or its "items" (or its one array field);
 * each an object, read-only fields dropped, checked by `validate` (a problem names the item:
 * "2.title"). 413 beyond `max` items; 422 for none.
 */
export function itemsFrom<T>(body: unknown, ignored: readonly string[], max: number, validate: (v: unknown) => T): T[] {
  let list = body;
  if (list && typeof list === "object" && !Array.isArray(list)) {
    const o = list as Record<string, unknown>;
    const arrays = Object.keys(o).filter((k) => Array.isArray(o[k]));
    list = Array.isArray(o.items) ? o.items : arrays.length === 1 && Object.keys(o).length === 1 ? o[arrays[0]!] : undefined;
  }
  if (!Array.isArray(list)) throw new HttpProblem(422, `the request body must be an array of items, or { "items": [...] }`);
  if (list.length === 0) throw new HttpProblem(422, "the request lists no items", { errors: [{ field: "items", message: "must list at least one item" }] });
  if (list.length > max) throw new HttpProblem(413, `at most ${max} items per request`, { errors: [{ field: "items", message: `must list at most ${max} items` }] });
  return list.map((item, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) throw new HttpProblem(422, `item ${i}: must be a JSON object`, { errors: [{ field: String(i), message: "must be an object" }] });
    const o = { ...(item as Record<string, unknown>) };
    for (const k of ignored) delete o[k];
    try {
      return validate(o);
    } catch (e) {
      if (e instanceof HttpProblem) throw new HttpProblem(e.status, `item ${i}: ${e.detail}`, { errors: (e.errors ?? []).map((x) => ({ field: `${i}.${x.field}`, message: x.message })) });
      throw e;
    }
  });
}
