// Custom routes: src/routes/<name>.ts beside the generated app, never written by specforge.
// A file's default export is a declaration made with defineRoute(): method, path, summary,
// request and response JSON schemas, and the handler. specforge reads the declaration (its
// literal values) into openapi.json, so the docs page and the typed client include it, and
// app.ts mounts it here behind what every generated route has: the bearer token, the per-user
// rate limit, the {user_id} check (the path's user must be the caller, or 403), the body read
// and validated against the request schema (422), and problem+json errors.
// The handler gets the request's handle only: `db`, a transaction opened through the user scope
// (scope.ts), and `models` bound to it, limited to the caller's rows (model.ts). The root pool
// is there under its name, `unsafeRootKnex` (docs/hooks.md).
import type Router from "@koa/router";
import type { Context } from "koa";
import type { Knex } from "knex";
import { assertSelf, caller } from "./auth.js";
import { readObject } from "./body.js";
import { compile } from "./validate.js";
import { unsafeRootCopy } from "./scope.js";
import { bindModels } from "./model.js";
import { callerTenant } from "./tenant.js";
import type { ModelSet } from "./hooks.js";
import type { RouteDeps } from "./deps.js";

export type CustomMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface CustomRequest<Body, M extends ModelSet = ModelSet> {
  readonly ctx: Context;
  /** The authenticated caller's id. */
  readonly userId: string;
  /** The path's parameters ({id} in the path: params.id), as text. */
  readonly params: Readonly<Record<string, string>>;
  /** The body, validated against the request schema (undefined when the route declares none). */
  readonly body: Body;
  /** This request's transaction: the caller is set for row-level security, the role does not bypass it. */
  readonly db: Knex.Transaction;
  /** The models bound to `db`: only the caller's rows; inserts are theirs. */
  readonly models: M;
  /** UNSAFE: the root pool, every user's rows, outside this request's transaction. Admin jobs only. */
  readonly unsafeRootKnex: Knex;
}

export interface CustomRoute<Body = undefined, Result = unknown, M extends ModelSet = ModelSet> {
  readonly method: CustomMethod;
  /** OpenAPI style: /api/{user_id}/tasks/{id}/duplicate. A {user_id} segment must be the caller. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  /** JSON schema of the request body (an object); written as a literal, openapi.json carries it. */
  readonly request?: { readonly schema: object };
  /** The success status and, unless it is 204, the JSON schema of the body the handler returns. */
  readonly response: { readonly status: number; readonly schema?: object };
  handler(req: CustomRequest<Body, M>): Promise<Result>;
}

/** Declares a custom route (the file's default export). */
export function defineRoute<Body = undefined, Result = unknown, M extends ModelSet = ModelSet>(route: CustomRoute<Body, Result, M>): CustomRoute<Body, Result, M> {
  return route;
}

/** Mounts custom routes on the router, each behind deps.auth, with the checks above. */
export function mountCustomRoutes(router: Router, deps: RouteDeps, routes: ReadonlyArray<CustomRoute<any, any, any>>): void {
  for (const route of routes) {
    const validate = route.request ? compile<unknown>(route.request.schema) : null;
    const koaPath = route.path.replace(/\{(\w+)\}/g, ":$1");
    const hasUser = /\{user_id\}/.test(route.path);
    const writes = route.method !== "GET";
    const unsafeRootKnex = unsafeRootCopy(deps.knex);
    router[route.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete"](koaPath, deps.auth, async (ctx) => {
      if (hasUser) assertSelf(ctx, ctx.params["user_id"]);
      const who = caller(ctx);
      const body = validate ? validate(await readObject(ctx, [])) : undefined;
      const result = await deps.scope(who.id, async (db) => {
        // A write may insert the caller's first owned row: record them first, as the generated routes do.
        if (writes) await deps.ensureUser(db, who);
        let models: ModelSet | undefined;
        ctx.state.db = db;
        return route.handler({
          ctx,
          userId: who.id,
          params: ctx.params as Record<string, string>,
          body,
          db,
          get models() {
            return (models ??= ctx.state.models = bindModels(deps.models ?? {}, db));
          },
          unsafeRootKnex,
        });
      }, callerTenant(ctx));
      ctx.state.db = undefined; // the transaction is over
      ctx.status = route.response.status;
      if (route.response.status !== 204) ctx.body = result;
    });
  }
}
