// What generated routes receive from the app factory.
import type { Knex } from "knex";
import type { Middleware } from "koa";
import type { Batch } from "./batch.js";
import type { IdentityRecorder } from "./identity.js";
import type { HookRegistry, ModelSet } from "./hooks.js";
import type { UserScope } from "./scope.js";

export interface RouteDeps {
  /** The root pool: handed to hooks only as unsafeRootKnex. */
  readonly knex: Knex;
  /** Verifies the bearer token (401 otherwise) and sets ctx.state.caller. */
  readonly auth: Middleware;
  /** Runs a request's queries in one transaction that sets the caller for row-level security. */
  readonly scope: UserScope;
  /** The same in one round trip, for statements known up front (batch.ts, rows.ts). */
  readonly batch: Batch;
  /** Records the caller in the identity table before their first owned row is written. */
  readonly ensureUser: IdentityRecorder;
  /** Hand-written hooks by table name (src/hooks/<table>.ts). */
  readonly hooks?: HookRegistry;
  /** The Objection models (generated/models), bound per request for hooks and custom routes. */
  readonly models?: ModelSet;
}
