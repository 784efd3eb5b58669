// Extension points for hand-written code: src/hooks/<resource>.ts exports `hooks`,
// and every generated route runs its before/after hook around the action. The
// route has already checked the token; a hook that throws an HttpProblem answers
// with that problem, so a hook can refuse a request.
import type { Context, Middleware } from "koa";
import type { Knex } from "knex";

export type ActionName = "list" | "create" | "get" | "replace" | "update" | "delete" | "toggle" | "set";

export interface HookEvent {
  readonly ctx: Context;
  readonly knex: Knex;
  readonly action: ActionName;
  /** The authenticated caller's id. */
  readonly userId: string | null;
}

type Awaitable<T> = T | Promise<T>;

/** before* runs before the action; after* gets the response body and may return a replacement. */
export interface ResourceHooks<Row = unknown> {
  beforeList?(e: HookEvent): Awaitable<void>;
  afterList?(e: HookEvent, rows: Row[]): Awaitable<Row[] | void>;
  beforeCreate?(e: HookEvent): Awaitable<void>;
  afterCreate?(e: HookEvent, row: Row): Awaitable<Row | void>;
  beforeGet?(e: HookEvent): Awaitable<void>;
  afterGet?(e: HookEvent, row: Row): Awaitable<Row | void>;
  beforeReplace?(e: HookEvent): Awaitable<void>;
  afterReplace?(e: HookEvent, row: Row): Awaitable<Row | void>;
  beforeUpdate?(e: HookEvent): Awaitable<void>;
  afterUpdate?(e: HookEvent, row: Row): Awaitable<Row | void>;
  beforeDelete?(e: HookEvent): Awaitable<void>;
  afterDelete?(e: HookEvent): Awaitable<void>;
  beforeToggle?(e: HookEvent): Awaitable<void>;
  afterToggle?(e: HookEvent, row: Row): Awaitable<Row | void>;
  beforeSet?(e: HookEvent): Awaitable<void>;
  afterSet?(e: HookEvent, row: Row): Awaitable<Row | void>;
}

export type HookRegistry = Readonly<Record<string, ResourceHooks<any> | undefined>>;

const cap = (a: ActionName) => (a[0]!.toUpperCase() + a.slice(1)) as Capitalize<ActionName>;

/** Wraps a route handler with the resource's before/after hooks (none: the handler itself). */
export function withHooks(hooks: ResourceHooks<any> | undefined, action: ActionName, knex: Knex, handler: Middleware): Middleware {
  const before = hooks?.[`before${cap(action)}`] as ((e: HookEvent) => Awaitable<void>) | undefined;
  const after = hooks?.[`after${cap(action)}`] as ((e: HookEvent, body?: unknown) => Awaitable<unknown>) | undefined;
  if (!before && !after) return handler;
  return async (ctx, next) => {
    const caller = (ctx.state as { caller?: { id: string } }).caller;
    const event: HookEvent = { ctx, knex, action, userId: caller?.id ?? null };
    if (before) await before(event);
    await handler(ctx, next);
    if (after) {
      const replaced = await after(event, ctx.body);
      if (replaced !== undefined && action !== "delete") ctx.body = replaced;
    }
  };
}
