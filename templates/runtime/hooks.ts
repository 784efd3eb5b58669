// Extension points for hand-written code: src/hooks/<resource>.ts exports `hooks`,
// and every generated route runs its before/after hook around the action. The route has
// already checked the token and the path's user; a hook that throws an HttpProblem answers
// with that problem, so a hook can refuse a request.
//
// A hook gets the request's data handle, never the root pool: `db` is a transaction opened
// for this hook through the user scope (scope.ts: the caller set for row-level security, a
// role that does not bypass it), and `models` are the app's Objection models bound to it,
// limited to the caller's rows by construction (model.ts). The one way around both is named
// for what it is: `unsafeRootKnex` (docs/hooks.md). A route whose resource has no hook for
// the action opens nothing: it is the handler itself.
import type { Context, Middleware } from "koa";
import type { Knex } from "knex";
import { unsafeRootCopy, type UserScope } from "./scope.js";
import { bindModels, type OwnedModel } from "./model.js";
import { callerTenant } from "./tenant.js";

export type ActionName = "list" | "create" | "get" | "replace" | "update" | "delete" | "toggle" | "set" | "related" | "attach" | "detach";

/** The app's models by class name (generated/models/index.ts). */
export type ModelSet = Readonly<Record<string, typeof OwnedModel>>;

export interface HookEvent<Input = undefined, M extends ModelSet = ModelSet> {
  readonly ctx: Context;
  readonly action: ActionName;
  /** The authenticated caller's id (null on a route the spec leaves public: no db, no models there). */
  readonly userId: string | null;
  /** This request's transaction: the caller is set for row-level security, the role does not bypass it. */
  readonly db: Knex.Transaction;
  /** The models bound to `db`: `models.Task.query()` reads and changes only the caller's rows (inserts are theirs). */
  readonly models: M;
  /**
   * UNSAFE: the root pool. No owner filter, no row-level security (the connection's role may
   * bypass it), outside the request's transaction: every user's rows. For admin jobs only.
   */
  readonly unsafeRootKnex: Knex;
  /** The validated request body (create, replace, update); a before hook may return a changed one, validated again. */
  readonly input: Input;
}

type Awaitable<T> = T | Promise<T>;

/**
 * before<Action> runs after the token, path and body checks, before the action; after<Action>
 * gets the response body and may return a replacement. Row: what a row action answers with;
 * List: what the list answers with (the rows, or the spec's envelope); Input: the create body.
 */
export interface ResourceHooks<Row = unknown, List = Row[], Input = Record<string, unknown>, M extends ModelSet = ModelSet> {
  beforeList?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterList?(e: HookEvent<undefined, M>, body: List): Awaitable<List | void>;
  beforeCreate?(e: HookEvent<Input, M>): Awaitable<Input | void>;
  afterCreate?(e: HookEvent<Input, M>, row: Row): Awaitable<Row | void>;
  beforeGet?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterGet?(e: HookEvent<undefined, M>, row: Row): Awaitable<Row | void>;
  beforeReplace?(e: HookEvent<Input, M>): Awaitable<Input | void>;
  afterReplace?(e: HookEvent<Input, M>, row: Row): Awaitable<Row | void>;
  beforeUpdate?(e: HookEvent<Partial<Input>, M>): Awaitable<Partial<Input> | void>;
  afterUpdate?(e: HookEvent<Partial<Input>, M>, row: Row): Awaitable<Row | void>;
  beforeDelete?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterDelete?(e: HookEvent<undefined, M>): Awaitable<void>;
  beforeToggle?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterToggle?(e: HookEvent<undefined, M>, row: Row): Awaitable<Row | void>;
  beforeSet?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterSet?(e: HookEvent<undefined, M>, row: Row): Awaitable<Row | void>;
  /** GET .../{id}/<relation>: the related rows. */
  beforeRelated?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterRelated?(e: HookEvent<undefined, M>, rows: unknown[]): Awaitable<unknown[] | void>;
  /** PUT .../{id}/<relation>/{target}: link a row. */
  beforeAttach?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterAttach?(e: HookEvent<undefined, M>): Awaitable<void>;
  /** DELETE .../{id}/<relation>/{target}: unlink a row. */
  beforeDetach?(e: HookEvent<undefined, M>): Awaitable<void>;
  afterDetach?(e: HookEvent<undefined, M>): Awaitable<void>;
}

export type HookRegistry = Readonly<Record<string, ResourceHooks<any, any, any, any> | undefined>>;

/** What withHooks needs from the app: the user scope, the models and the root pool (handed on only as unsafeRootKnex). */
export interface HookDeps {
  readonly knex: Knex;
  readonly scope: UserScope;
  readonly models?: ModelSet;
}

/** Handed to a route handler: it calls before() once its checks passed (with the validated body, if it reads one). */
export interface HookRun {
  before<I = undefined>(input?: I, validate?: (value: unknown) => I): Promise<I>;
}

const NO_HOOKS: HookRun = { before: <I>(input?: I) => Promise.resolve(input as I) };

const cap = (a: ActionName) => (a[0]!.toUpperCase() + a.slice(1)) as Capitalize<ActionName>;

/** Runs `hook` on a transaction of the caller's, with the event it gets. */
async function inScope<T>(ctx: Context, deps: HookDeps, unsafeRootKnex: Knex, action: ActionName, input: unknown, hook: (e: HookEvent<unknown>) => Awaitable<T>): Promise<T> {
  const userId = (ctx.state as { caller?: { id: string } }).caller?.id ?? null;
  if (userId === null) {
    // A public route: there is no caller to scope a transaction to.
    const none = (): never => {
      throw new Error("hooks: a public route has no caller, so no db or models (unsafeRootKnex is there for what needs none)");
    };
    return hook({ ctx, action, userId, get db() { return none(); }, get models() { return none(); }, unsafeRootKnex, input });
  }
  return deps.scope(userId, async (db) => {
    let models: ModelSet | undefined;
    const event: HookEvent<unknown> = {
      ctx,
      action,
      userId,
      db,
      get models() {
        return (models ??= bindModels(deps.models ?? {}, db));
      },
      unsafeRootKnex,
      input,
    };
    return hook(event);
  }, callerTenant(ctx));
}

/**
 * Wraps a route handler with the resource's before/after hooks. No hook for the action: the
 * handler itself, with a before() that only hands the input back (no transaction, no query).
 */
export function withHooks(hooks: ResourceHooks<any, any, any, any> | undefined, action: ActionName, deps: HookDeps, handler: (ctx: Context, h: HookRun) => Promise<void>): Middleware {
  const before = hooks?.[`before${cap(action)}`] as ((e: HookEvent<unknown>) => Awaitable<unknown>) | undefined;
  const after = hooks?.[`after${cap(action)}`] as ((e: HookEvent<unknown>, body?: unknown) => Awaitable<unknown>) | undefined;
  if (!before && !after) return (ctx) => handler(ctx, NO_HOOKS);
  const unsafeRootKnex = unsafeRootCopy(deps.knex); // the models add no filter on it, by its name
  return async (ctx) => {
    let input: unknown;
    const h: HookRun = before
      ? {
          async before<I>(given?: I, validate?: (value: unknown) => I): Promise<I> {
            input = given;
            const changed = await inScope(ctx, deps, unsafeRootKnex, action, given, before);
            if (changed === undefined || given === undefined) return given as I;
            // A changed body passes the same checks as the request's.
            input = validate ? validate(changed) : changed;
            return input as I;
          },
        }
      : {
          before<I>(given?: I): Promise<I> {
            input = given;
            return Promise.resolve(given as I);
          },
        };
    await handler(ctx, h);
    if (after) {
      const replaced = await inScope(ctx, deps, unsafeRootKnex, action, input, (e) => after(e, ctx.body));
      if (replaced !== undefined && action !== "delete" && action !== "attach" && action !== "detach") ctx.body = replaced;
    }
  };
}
