// Every query of a request on owned tables runs in one transaction that first tells
// PostgreSQL who the caller is. With row-level security on (rls.ts), the database then
// refuses other users' rows even to a query that forgets its owner filter. On PGlite's
// single connection the whole request must stay on this transaction: a query outside it
// would wait for the connection the transaction holds.
import { createRequire } from "node:module";
import type { Knex } from "knex";
import { ident, runBatch, type Batch, type BatchOptions } from "./batch.js";
import type { TenantType } from "./tenant.js";

/** Runs `work` in a transaction of the caller's: their id, and their tenant (null: none; runtime/tenant.ts), set for row-level security. */
export type UserScope = <T>(userId: string | number, work: (db: Knex.Transaction) => Promise<T>, tenant?: string | null) => Promise<T>;

export interface UserScopeOptions {
  /**
   * A role without superuser or BYPASSRLS to switch to inside the transaction
   * (`set_config('role', ...)`, like SET LOCAL ROLE). Needed when the app connects as a
   * superuser: superusers bypass row-level security even when it is FORCEd.
   */
  readonly role?: string | null;
}

export interface BatchScopeOptions extends UserScopeOptions {
  /**
   * PostgreSQL's plan_cache_mode for the generated row actions' batch (set with the caller, no
   * extra round trip): "force_generic_plan" by default, "auto" leaves PostgreSQL's own choice.
   * See planCacheModeFromEnv. The transactions of createUserScope (hooks, custom routes,
   * relation routes) keep PostgreSQL's choice: their statements are not ours to vouch for.
   */
  readonly planCacheMode?: PlanCacheMode;
}

const PLAN_CACHE_MODES = ["force_generic_plan", "force_custom_plan", "auto"] as const;
export type PlanCacheMode = (typeof PLAN_CACHE_MODES)[number];

/**
 * DATABASE_PLAN_CACHE_MODE: how the generated row actions' prepared statements are planned. The
 * default, force_generic_plan, plans each statement once per connection: every generated
 * statement reaches its rows through an index whose first column is the owner (or the key), and
 * an embedded relation is driven by the join table's key (relations.ts), so one plan serves every
 * caller. Left to "auto", PostgreSQL re-plans a statement for each call once its estimates say a
 * custom plan might be cheaper; with row-level security and an embedded relation that planning
 * costs more than running the statement (0.3-0.5 ms against ~0.1 ms for a list of 20 measured in
 * bench/load.ts), and it began as users added rows (docs/performance.md).
 */
export function planCacheModeFromEnv(env: NodeJS.ProcessEnv = process.env): PlanCacheMode {
  const raw = env.DATABASE_PLAN_CACHE_MODE;
  if (raw === undefined || raw === "") return "force_generic_plan";
  const mode = PLAN_CACHE_MODES.find((m) => m === raw);
  if (mode) return mode;
  throw new Error(`DATABASE_PLAN_CACHE_MODE must be force_generic_plan, force_custom_plan or auto, got "${raw}"`);
}

type TransactionClass = new (client: unknown, container: (trx: Knex.Transaction) => Promise<unknown>, config: object, outerTx: null) => PromiseLike<unknown>;
interface PgConnection {
  escapeLiteral(value: string): string;
}

// Knex's PostgreSQL transaction sends BEGIN on its own, then we would send set_config: two
// round trips before any work. This subclass sends both in one simple-protocol message
// ("BEGIN; SELECT set_config(...)"), with the values escaped by the driver's escapeLiteral
// (the id comes from a verified token and the role from configuration, but neither is trusted).
// It relies on knex's internal Transaction class; knex is pinned by the lockfile, and the
// app tests (PGlite and PostgreSQL) fail loudly if that class changes.
const require = createRequire(import.meta.url);
let ScopedTransaction: TransactionClass | null | undefined;
function scopedTransactionClass(): TransactionClass | null {
  if (ScopedTransaction !== undefined) return ScopedTransaction;
  try {
    const Base = require("knex/lib/dialects/postgres/execution/pg-transaction.js") as new (...args: unknown[]) => {
      query(conn: unknown, sql: string): Promise<unknown>;
      isolationLevel?: unknown;
      readOnly?: unknown;
    };
    ScopedTransaction = class extends Base {
      private readonly settings: ReadonlyArray<readonly [string, string]>;
      constructor(client: unknown, container: unknown, config: { settings: ReadonlyArray<readonly [string, string]> }, outerTx: unknown) {
        super(client, container, config, outerTx);
        this.settings = config.settings;
      }
      begin(conn: PgConnection): Promise<unknown> {
        const sets = this.settings.map(([name, value]) => `set_config(${conn.escapeLiteral(name)}, ${conn.escapeLiteral(value)}, true)`);
        return this.query(conn, `BEGIN; SELECT ${sets.join(", ")}`);
      }
    } as unknown as TransactionClass;
  } catch {
    ScopedTransaction = null; // another knex layout: fall back to BEGIN, then set_config
  }
  return ScopedTransaction;
}

/**
 * What a request's transaction sets first: the caller and their tenant ('' for none: every
 * transaction sets it, so no value can linger from an earlier one), for row-level security,
 * the role to switch to, and how statements are planned.
 */
function callerSettings(userId: string | number, tenant: string | null, role: string | null, planCacheMode: PlanCacheMode): Array<readonly [string, string]> {
  const settings: Array<readonly [string, string]> = [["app.user_id", String(userId)], [TENANT_SETTING, tenant ?? ""]];
  if (role) settings.push(["role", role]);
  if (planCacheMode !== "auto") settings.push(["plan_cache_mode", planCacheMode]);
  return settings;
}

/** `SELECT set_config('<name>', <value>, true), ...` for these settings, the values over placeholders (the names are this file's constants). */
function setConfigSql(settings: ReadonlyArray<readonly [string, string]>, placeholder: (i: number) => string): string {
  return `SELECT ${settings.map(([name], i) => `set_config('${name}', ${placeholder(i)}, true)`).join(", ")}`;
}

const callers = new WeakMap<object, string>();
const tenants = new WeakMap<object, string | null>();
const unsafeRoots = new WeakSet<object>();

/** Marks a request's transaction with its caller and their tenant: the models (model.ts) filter by it. */
function markScoped(trx: Knex.Transaction, userId: string | number, tenant: string | null): Knex.Transaction {
  callers.set(trx, String(userId));
  tenants.set(trx, tenant);
  return trx;
}

/** The tenant a request's handle was opened for (null: the token named none); undefined on any other handle. */
export function tenantOfHandle(knex: unknown): string | null | undefined {
  return typeof knex === "function" ? tenants.get(knex) : undefined;
}

/**
 * Declares a handle on which the models (model.ts) add no owner filter: every user's rows.
 * For admin jobs, migrations and tests; hooks and custom routes get it only as `unsafeRootKnex`.
 */
export function unsafeRoot<K extends Knex>(knex: K): K {
  unsafeRoots.add(knex);
  return knex;
}

const unsafeCopies = new WeakMap<Knex, Knex>();
/**
 * What hooks and custom routes get as `unsafeRootKnex`: a copy of the root pool's handle
 * (knex's withUserParams: the same pool), declared unsafe. The app's own root handle stays
 * undeclared, so passing it to a model by mistake is still refused.
 */
export function unsafeRootCopy(knex: Knex): Knex {
  let copy = unsafeCopies.get(knex);
  if (!copy) unsafeCopies.set(knex, (copy = unsafeRoot(knex.withUserParams({ ...((knex as { userParams?: object }).userParams ?? {}) }))));
  return copy;
}

/** The caller a request's handle was opened for; null on an unsafe root; throws on any other handle. */
export function callerOf(knex: unknown): string | null {
  const id = typeof knex === "function" ? callers.get(knex) : undefined;
  if (id !== undefined) return id;
  if (typeof knex === "function" && unsafeRoots.has(knex)) return null;
  throw new Error("models: this query's handle is neither a request's (event.db, ctx.state.db) nor declared unsafe (unsafeRoot); refused");
}

export function createUserScope(knex: Knex, opts: UserScopeOptions = {}): UserScope {
  const role = opts.role || null;
  const plans: PlanCacheMode = "auto";
  const client = knex.client as { dialect?: string; config?: { client?: unknown } };
  const Scoped = client.dialect === "postgresql" ? scopedTransactionClass() : null;
  if (Scoped) {
    return <T>(userId: string | number, work: (db: Knex.Transaction) => Promise<T>, tenant: string | null = null) => {
      const settings = callerSettings(userId, tenant, role, plans);
      // The same config knex.transaction() would use, plus the settings for begin().
      const config = { userParams: (knex as { userParams?: object }).userParams ?? {}, doNotRejectOnRollback: true, settings };
      return new Scoped(knex.client, (trx: Knex.Transaction) => work(markScoped(trx, userId, tenant)), config, null) as unknown as Promise<T>;
    };
  }
  return (userId, work, tenant = null) =>
    knex.transaction(async (trx) => {
      // One statement: the caller's id and tenant (and the role) for this transaction only.
      const settings = callerSettings(userId, tenant, role, plans);
      await trx.raw(setConfigSql(settings, () => "?"), settings.map(([, v]) => v));
      return work(markScoped(trx, userId, tenant));
    });
}

/**
 * The one-round-trip form of the scope for routes whose queries are known up front: the
 * caller's id (and the role) are set by a first statement in the same batch (batch.ts), so
 * row-level security sees the caller in every statement after it. null: no caller (tables
 * nobody owns), the statements run as they are, still as one transaction.
 */
export function createBatch(knex: Knex, opts: BatchScopeOptions & BatchOptions = {}): Batch {
  const role = opts.role || null;
  const plans = opts.planCacheMode ?? "force_generic_plan";
  const prelude = setConfigSql(callerSettings("", null, role, plans), (i) => `$${i + 1}`);
  return async (userId, statements, tenant = null) => {
    if (userId === null) return runBatch(knex, statements, opts);
    const values = callerSettings(userId, tenant, role, plans).map(([, v]) => v);
    const [, ...results] = await runBatch(knex, [{ text: prelude, values }, ...statements], opts);
    return results;
  };
}

/**
 * Whose rows are whose, for a table: its own column holds the caller's id ("owner"), the row it
 * references through `column` is the caller's ("parent", recursively: messages -> conversations
 * -> user_id), or the caller is a member of the group `column` names ("member": a row of
 * `membership` has the group in `group` and the caller in `user`). The generator derives it
 * from the spec; scopeCondition() compiles it to SQL for the queries (rows.ts, relations.ts)
 * and for the row-level security policies (rls.ts), so both walls say the same.
 */
export type RowScope =
  | { readonly kind: "owner"; readonly column: string }
  | { readonly kind: "parent"; readonly column: string; readonly table: string; readonly key: string; readonly scope: RowScope }
  | { readonly kind: "member"; readonly column: string; readonly membership: string; readonly group: string; readonly user: string }
  /** `column` holds the caller's tenant, which the transaction's app.tenant_id names (tenant.ts): compared as `type`. */
  | { readonly kind: "tenant"; readonly column: string; readonly type: TenantType };

/** The setting that holds the caller's tenant for a transaction ('' for none). */
export const TENANT_SETTING = "app.tenant_id";

/** The caller's tenant as SQL of the column's type: NULL when the token named none, so no row matches. */
export function tenantSql(type: TenantType): string {
  const setting = `nullif(current_setting('${TENANT_SETTING}', true), '')`;
  return type === "text" ? setting : `${setting}::${type}`;
}

/**
 * Whether the caller's condition on these rows compares with the caller's id (the placeholder
 * the queries bind): not when the chain ends in a tenant, which the transaction's setting names.
 */
export function usesCaller(v: Visibility): boolean {
  if (v.owner) return true;
  let s = v.scope;
  while (s && s.kind === "parent") s = s.scope;
  if (!s) return false;
  switch (s.kind) {
    case "owner":
    case "member":
      return true;
    case "tenant":
      return false;
    default:
      return unhandled(s);
  }
}

function unhandled(s: never): never {
  throw new Error(`internal: unhandled row scope ${JSON.stringify(s)}`);
}

/**
 * The condition "this row is the caller's" over `caller` (a placeholder such as $2, or an SQL
 * expression), with the table's columns qualified by `ref` (null: unqualified). A parent or a
 * membership is an IN-subquery on the parent's key (or the membership's group column) with
 * the parent's own condition inside: one semi-join per link, each on an indexed key.
 * Subqueries alias their tables __sf_s<depth>, so a condition nests inside any statement.
 */
export function scopeCondition(scope: RowScope, ref: string | null, caller: string, depth = 0): string {
  const col = `${ref ? `${ref}.` : ""}${ident(scope.column)}`;
  const a = ident(`__sf_s${depth}`);
  switch (scope.kind) {
    case "owner":
      return `${col} = ${caller}`;
    case "tenant":
      return `${col} = ${tenantSql(scope.type)}`;
    case "parent":
      return `${col} IN (SELECT ${a}.${ident(scope.key)} FROM ${ident(scope.table)} ${a} WHERE ${scopeCondition(scope.scope, a, caller, depth + 1)})`;
    case "member":
      return `${col} IN (SELECT ${a}.${ident(scope.group)} FROM ${ident(scope.membership)} ${a} WHERE ${a}.${ident(scope.user)} = ${caller})`;
    default:
      return unhandled(scope);
  }
}

/**
 * The same condition as correlated EXISTS subqueries: each link is an index probe on the
 * parent's key for the row at hand (`ref`, which must name the table). Row-level security
 * policies use this form: PostgreSQL checks a policy per row it reads, and would otherwise
 * gather every row of the caller's along the chain for each statement (a hashed subplan).
 */
export function scopeExists(scope: RowScope, ref: string, caller: string, depth = 0): string {
  const col = `${ref}.${ident(scope.column)}`;
  const a = ident(`__sf_s${depth}`);
  switch (scope.kind) {
    case "owner":
      return `${col} = ${caller}`;
    case "tenant":
      return `${col} = ${tenantSql(scope.type)}`;
    case "parent":
      return `EXISTS (SELECT 1 FROM ${ident(scope.table)} ${a} WHERE ${a}.${ident(scope.key)} = ${col} AND ${scopeExists(scope.scope, a, caller, depth + 1)})`;
    case "member":
      return `EXISTS (SELECT 1 FROM ${ident(scope.membership)} ${a} WHERE ${a}.${ident(scope.group)} = ${col} AND ${a}.${ident(scope.user)} = ${caller})`;
    default:
      return unhandled(scope);
  }
}

/** A table's rows as the caller sees them: owned through a column, scoped, or (neither) everyone's. */
export interface Visibility {
  readonly owner?: string | null;
  readonly scope?: RowScope;
  /** An owned link between users: columns naming a user who also reads the rows naming them (a followee). */
  readonly readers?: readonly string[];
  /** An owned membership of a group: the column naming the group, whose every member reads the row. */
  readonly fellows?: string;
}

/**
 * The caller's condition for reading rows (callerCondition is the one for writing them): on an
 * owned table, also the rows naming the caller in a reader column (their followers' links), and
 * on a group's membership the rows of every group the caller is a member of. `caller` appears
 * readUses(v) times. `table` is the table's own name (`ref` its name or alias in the statement).
 */
export function readCondition(v: Visibility, table: string, ref: string | null, caller: string): string | null {
  const own = callerCondition(v, ref, caller);
  if (!own || !v.owner || (!v.readers?.length && !v.fellows)) return own;
  const q = ref ? `${ref}.` : "";
  const parts = [own, ...(v.readers ?? []).map((r) => `${q}${ident(r)} = ${caller}`)];
  // (A query of the app's: row-level security lets the inner read see the caller's own memberships.)
  if (v.fellows) parts.push(`${q}${ident(v.fellows)} IN (${callerGroups(table, v.fellows, v.owner, caller, ident("__sf_fellow"))})`);
  return `(${parts.join(" OR ")})`;
}

/**
 * The groups of the caller's rows in a membership table (`alias` names it in the subquery):
 * `SELECT alias.group FROM table alias WHERE alias.user = caller`, and `also` (over `alias`) when given.
 */
export function callerGroups(table: string, group: string, user: string, caller: string, alias: string, also?: string): string {
  return `SELECT ${alias}.${ident(group)} FROM ${ident(table)} ${alias} WHERE ${alias}.${ident(user)} = ${caller}${also ? ` AND ${also}` : ""}`;
}

/** "the role column holds one of these values" (`ref`: the row's table or alias, null: unqualified), compared as text so any enum type fits. */
export function roleIn(column: string, values: readonly string[], ref: string | null): string {
  return `${ref ? `${ref}.` : ""}${ident(column)}::text IN (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ")})`;
}

/** How many times readCondition names the caller. */
export function readUses(v: Visibility): number {
  return !v.owner ? (usesCaller(v) ? 1 : 0) : 1 + (v.readers?.length ?? 0) + (v.fellows ? 1 : 0);
}

/** The caller's condition on a table's rows (see scopeCondition); null when every row is visible. */
export function callerCondition(v: Visibility, ref: string | null, caller: string): string | null {
  if (v.owner) return `${ref ? `${ref}.` : ""}${ident(v.owner)} = ${caller}`;
  if (v.scope) return scopeCondition(v.scope, ref, caller);
  return null;
}
