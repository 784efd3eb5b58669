// The Objection models as a request-scoped data layer. Every generated model extends
// OwnedModel; a query through it runs on the handle it is given (`Task.query(e.db)`, or a
// model bound to it: `e.models.Task.query()`), and:
//  - on a request's handle (runtime/scope.ts marks each one with its caller), every select,
//    update and delete is limited to the caller's rows (the owner column, or the table's scope:
//    the same condition the generated routes and the row-level security policies use), and an
//    insert gets the owner column set to the caller (another value is refused);
//  - on a handle declared unsafe (unsafeRoot(knex) in scope.ts: admin jobs, migrations, tests), nothing is
//    added: every row of the table;
//  - on any other handle (the root pool passed by mistake, a nested transaction), the query is
//    refused before it reaches the database.
// So the owner filter holds by construction even where row-level security is off
// (DATABASE_RLS=off); with it on, the database refuses other users' rows a second time.
//
// What could escape an added WHERE condition is refused on the request's handle: a top-level
// or-condition or raw where clause (x OR y AND owner = $1 reads every user's x; group them:
// .where((q) => q.where(a).orWhere(b))), a join of a table name or raw SQL (join a model's
// query instead, or use withGraphFetched, withGraphJoined, joinRelated, relatedQuery: each goes
// through the related model and is filtered), and onConflict().merge() (an upsert could
// update another user's row).
// Only Objection's public API is used: a custom QueryBuilder (static QueryBuilder), onBuild,
// tableRefFor, has, the instance hooks and queryContext.transaction.
import { Model, QueryBuilder, type QueryContext, type ModelOptions, type Page } from "objection";
import type { Knex } from "knex";
import { HttpProblem } from "./errors.js";
import { callerCondition, callerOf, readCondition, readUses, tenantOfHandle, usesCaller, type Visibility } from "./scope.js";
import { ident } from "./batch.js";

// Query-builder operations whose conditions an added `AND owner = $1` cannot contain: a
// top-level or-condition, a raw where clause, an upsert's merge.
const ESCAPES = /^(or[A-Z]\w*|\w*[wW]here\w*Raw|merge)$/;
// Joins: a model's query (filtered by its own model) may be joined; a table name or raw SQL may not.
const JOINS = ["join", "innerJoin", "leftJoin", "leftOuterJoin", "rightJoin", "rightOuterJoin", "fullOuterJoin", "crossJoin", "joinRaw"] as const;
const UNFILTERED_JOIN = Symbol("unfilteredJoin");

export class OwnedQueryBuilder<M extends Model, R = M[]> extends QueryBuilder<M, R> {
  declare ArrayQueryBuilderType: OwnedQueryBuilder<M, M[]>;
  declare SingleQueryBuilderType: OwnedQueryBuilder<M, M>;
  declare MaybeSingleQueryBuilderType: OwnedQueryBuilder<M, M | undefined>;
  declare NumberQueryBuilderType: OwnedQueryBuilder<M, number>;
  declare PageQueryBuilderType: OwnedQueryBuilder<M, Page<M>>;
  [UNFILTERED_JOIN] = false;

  // Objection constructs a query builder with its model class (the typings declare no parameters).
  constructor(...args: unknown[]) {
    super(...(args as []));
    // Objection joins a related model's table as a subquery of that model's own query builder
    // (relation joins, many-to-many through tables) whenever that query is not a bare
    // "select *": this builder never is (it carries this onBuild), so joined relations are
    // filtered by their own models.
    this.onBuild((b) => {
      // A group inside another query's where ((q) => q.where(a).orWhere(b)): parenthesized, and the query it is part of carries the filter.
      if ((b as unknown as { isPartial(): boolean }).isPartial()) return;
      const caller = callerOf(b.knex());
      if (caller === null) return; // unsafeRoot: no filter, by declaration
      const cls = b.modelClass() as unknown as typeof OwnedModel;
      if ((b as unknown as OwnedQueryBuilder<M, R>)[UNFILTERED_JOIN]) throw refused(cls.tableName, "a join of a table name or raw SQL");
      const v = cls.visibility;
      if (!v.owner && !v.scope) return; // nobody's table: every row is visible, as in the routes
      if (b.has(ESCAPES)) throw refused(cls.tableName, b.isInsert() ? "onConflict().merge()" : "a top-level or-condition or raw where clause");
      if (b.isInsert()) return; // the owner is set by $beforeInsert
      const ref = b.tableRefFor(cls as never);
      // where(raw), not whereRaw: a builder built twice (a subquery) must not read as a raw where clause of the user's.
      // Reading may see more than writing: a followee reads the links naming them, a member their group's memberships.
      if (b.isFind()) b.where(b.knex().raw(readCondition(v, cls.tableName, ident(ref), "?")!, Array(readUses(v)).fill(caller)));
      else b.where(b.knex().raw(callerCondition(v, ident(ref), "?")!, usesCaller(v) ? [caller] : []));
    });
  }

  override clone(): this {
    const c = super.clone();
    c[UNFILTERED_JOIN] = this[UNFILTERED_JOIN];
    return c;
  }
}

for (const name of JOINS) {
  const base = (QueryBuilder.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
  Object.defineProperty(OwnedQueryBuilder.prototype, name, {
    configurable: true,
    writable: true,
    value: function (this: OwnedQueryBuilder<Model>, ...args: unknown[]) {
      if (!(args[0] instanceof QueryBuilder)) this[UNFILTERED_JOIN] = true;
      return base.apply(this, args);
    },
  });
}

function refused(table: string, what: string): Error {
  return new Error(`models: ${what} on "${table}" could reach other users' rows; group conditions with .where((q) => ...), use withGraphFetched/relatedQuery, or unsafeRootKnex`);
}

export class OwnedModel extends Model {
  declare QueryBuilderType: OwnedQueryBuilder<this>;
  static override QueryBuilder = OwnedQueryBuilder;

  /** Whose rows are whose (generated per model): the owner column, the table's scope, or neither. */
  static get visibility(): Visibility {
    return {};
  }

  /** Foreign keys to rows users own (generated per model): written values must name rows the caller sees. */
  static get references(): readonly OwnedRef[] {
    return [];
  }

  /** Audit columns of a tenant's row (generated per model): set to the caller's id, "author" on insert, "editor" on insert and update. */
  static get stamps(): Readonly<Record<string, "author" | "editor">> {
    return {};
  }

  override async $beforeInsert(qc: QueryContext): Promise<void> {
    const caller = callerOf(qc.transaction);
    if (caller === null) return;
    const cls = this.constructor as typeof OwnedModel;
    const owner = cls.visibility.owner;
    const self = this as unknown as Record<string, unknown>;
    if (owner) {
      if (self[owner] !== undefined && self[owner] !== null && String(self[owner]) !== caller) throw new HttpProblem(403, `${owner} must be the caller's id`);
      self[owner] = caller;
    }
    const tenant = cls.visibility.scope?.kind === "tenant" ? cls.visibility.scope.column : null;
    if (tenant) self[tenant] = this.#callerTenant(qc, self[tenant]);
    for (const c of Object.keys(cls.stamps)) self[c] = caller;
    await this.#checkLinks(qc, caller);
  }

  override async $beforeUpdate(opt: ModelOptions, qc: QueryContext): Promise<void> {
    const caller = callerOf(qc.transaction);
    if (caller === null) return;
    const cls = this.constructor as typeof OwnedModel;
    const owner = cls.visibility.owner;
    const self = this as unknown as Record<string, unknown>;
    const value = owner ? self[owner] : undefined;
    if (value !== undefined && String(value) !== caller) throw new HttpProblem(403, `${owner} must be the caller's id`);
    // A tenant's row stays in the caller's tenant: the column may be repeated, not changed.
    const tenant = cls.visibility.scope?.kind === "tenant" ? cls.visibility.scope.column : null;
    if (tenant && self[tenant] !== undefined) this.#callerTenant(qc, self[tenant]);
    for (const [c, stamp] of Object.entries(cls.stamps)) if (stamp === "editor") self[c] = caller;
    await this.#checkLinks(qc, caller);
  }

  /** The tenant of the request's handle, which a value written to the tenant column must be (403 otherwise, and without one). */
  #callerTenant(qc: QueryContext, given: unknown): string {
    const cls = this.constructor as typeof OwnedModel;
    const column = cls.visibility.scope?.kind === "tenant" ? cls.visibility.scope.column : "";
    const tenant = tenantOfHandle(qc.transaction);
    if (tenant === null || tenant === undefined) throw new HttpProblem(403, `${cls.tableName}: the caller's token names no organization, so no row of one can be written`);
    if (given !== undefined && given !== null && String(given) !== tenant) throw new HttpProblem(403, `${column} must be the caller's organization`);
    return tenant;
  }

  /**
   * What this row points at must be the caller's: a scoped table's link (its conversation, its
   * organization) and every foreign key to rows users own, each read with the same condition as
   * the routes (one query per value being written).
   */
  async #checkLinks(qc: QueryContext, caller: string): Promise<void> {
    const cls = this.constructor as typeof OwnedModel;
    const self = this as unknown as Record<string, unknown>;
    const knex = qc.transaction as Knex;
    const scope = cls.visibility.scope;
    // A tenant column was held to the caller's tenant above; a parent link is checked here, like the routes do.
    if (scope && scope.kind !== "tenant" && self[scope.column] !== undefined) {
      // The same condition as the row's, over the value being written.
      const cond = callerCondition({ scope }, null, "?")!.replace(ident(scope.column), "?");
      const { rows } = (await knex.raw(`SELECT 1 AS ok WHERE ${cond}`, usesCaller({ scope }) ? [self[scope.column] as Knex.Value, caller] : [self[scope.column] as Knex.Value])) as { rows: unknown[] };
      if (rows.length === 0) throw new HttpProblem(404, `${scope.column}: no such row of yours`);
    }
    for (const ref of cls.references) {
      const value = self[ref.column];
      if (value === undefined || value === null) continue;
      const t = ident("__sf_ref");
      const cond = callerCondition(ref, t, "?");
      const { rows } = (await knex.raw(`SELECT 1 AS ok FROM ${ident(ref.table)} ${t} WHERE ${t}.${ident(ref.pk)} = ?${cond ? ` AND ${cond}` : ""}`, cond && usesCaller(ref) ? [value as Knex.Value, caller] : [value as Knex.Value])) as { rows: unknown[] };
      if (rows.length === 0) throw new HttpProblem(422, ref.what, { errors: [{ field: ref.column, message: ref.what }] });
    }
  }
}

/** A foreign key to rows users own: the target table, its key, whose rows are whose there, and what a bad value says. */
export interface OwnedRef extends Visibility {
  readonly column: string;
  readonly table: string;
  readonly pk: string;
  readonly what: string;
}

/** Models bound to a request's handle: `models.Task.query()` runs on it (Objection's bindKnex), each class bound on first use. */
export function bindModels<M extends Readonly<Record<string, typeof OwnedModel>>>(models: M, db: Knex): M {
  const bound: Partial<Record<keyof M, unknown>> = {};
  return new Proxy(models, {
    get(target, name: string | symbol) {
      if (typeof name !== "string" || !(name in target)) return undefined;
      return (bound[name as keyof M] ??= target[name as keyof M]!.bindKnex(db));
    },
  });
}
