// The app core every generated app shares: the Koa app, its middleware in order (request log,
// error handler, security headers, CORS, body limit and draining, per-IP rate limit), the
// public routes (health, docs), the bearer-token check with the per-user rate limit, the
// route dependencies, then the routers, custom routes and method checks. generated/app.ts
// calls createAppCore with what the spec decides: its routers, hooks, models, identity
// table, the token's user-id format, custom routes and the built-in auth routes.
import Koa from "koa";
import Router from "@koa/router";
import type { Knex } from "knex";
import { fileURLToPath } from "node:url";
import { errorHandler, type ErrorLogger } from "./errors.js";
import { requireAuth, withSubjectFormat, type Verifier } from "./auth.js";
import { securityHeaders } from "./http.js";
import { createLogger, pinoErrorLogger, requestLogging, type Logger } from "./logger.js";
import { DEFAULT_OPS, type OpsConfig } from "./ops-config.js";
import { corsMiddleware } from "./cors.js";
import { ipRateLimit, userRateLimit, MemoryStore, type RateLimitOptions, type RateLimitStore } from "./rate-limit.js";
import { healthRoutes, type Lifecycle } from "./health.js";
import { docsRoutes } from "./docs.js";
import { retryIdempotentReads } from "./retry.js";
import { createIdentityRecorder, noIdentityRecorder, type IdentityTable } from "./identity.js";
import { createBatch, createUserScope, type PlanCacheMode } from "./scope.js";
import { readTenant, tenantConfig, type TenantType } from "./tenant.js";
import { staticSegmentsFirst } from "./params.js";
import { mountCustomRoutes, type CustomRoute } from "./custom-routes.js";
import type { RouteDeps } from "./deps.js";
import type { HookRegistry, ModelSet } from "./hooks.js";

export interface AppCoreOptions {
  readonly knex: Knex;
  readonly verify: Verifier;
  /** Unexpected errors; by default they go to the logger. */
  readonly logError?: ErrorLogger;
  /** pino logger for access lines and errors; by default JSON on stdout at ops.logLevel. */
  readonly logger?: Logger;
  /** Limits, CORS, proxy trust (see runtime/ops-config.ts); defaults apply to what is left out. */
  readonly ops?: Partial<OpsConfig>;
  /** Rate-limit counters; in memory by default (RedisStore to share them between instances). */
  readonly rateLimitStore?: RateLimitStore;
  /** Shared with the server: draining makes /readyz answer 503 and closes keep-alive connections. */
  readonly lifecycle?: Lifecycle;
  /** Role to switch to per request (row-level security does not apply to superusers); see docs/rest.md. */
  readonly dbRole?: string | null;
  /** Named prepared statements for the row actions: PostgreSQL only (server.ts turns them on; DATABASE_PREPARE=0 turns them off). */
  readonly preparedStatements?: boolean;
  /** How the row actions' statements are planned (DATABASE_PLAN_CACHE_MODE; see runtime/scope.ts); force_generic_plan by default. */
  readonly planCacheMode?: PlanCacheMode;
  /** The claim(s) holding the caller's organization (JWT_TENANT_CLAIM; see runtime/tenant.ts); by default the tenant columns' names, then DEFAULT_TENANT_CLAIMS. */
  readonly tenantClaim?: string;
  /** More custom routes, mounted after those of src/routes/ (openapi.json lists only those). */
  readonly routes?: ReadonlyArray<CustomRoute<any, any, any>>;
}

/** What the spec decides (written into generated/app.ts). */
export interface AppSpec {
  /** The token's user id must fit the users table's key (or, without one, the owner columns); null: any. */
  readonly subjectFormat: Parameters<typeof withSubjectFormat>[1] | null;
  /** Users recorded from their tokens on first write; null: none (no users table, or users register themselves). */
  readonly identity: IdentityTable | null;
  /** Public routes mounted before the token check (the built-in auth module's); `auth` puts one of them behind it (the caller's account). */
  readonly publicRoutes?: (router: Router, ctx: { readonly knex: Knex; readonly limits: RateLimitOptions; readonly auth: Koa.Middleware }) => void;
  readonly models: ModelSet;
  /** Hand-written hooks by table name (src/hooks/<table>.ts). */
  readonly hooks: HookRegistry;
  /** The generated routers (generated/routes/), mounted in this order. */
  readonly routers: ReadonlyArray<(router: Router, deps: RouteDeps) => void>;
  /** Hand-written routes (src/routes/), in file-name order. */
  readonly customRoutes: ReadonlyArray<CustomRoute<any, any, any>>;
  /** Tables whose rows belong to the caller's organization, named by a token claim: their tenant columns and types (runtime/tenant.ts). */
  readonly tenant?: { readonly columns: readonly string[]; readonly types: readonly TenantType[] };
}

const OPENAPI_FILE = fileURLToPath(new URL("../openapi.json", import.meta.url));
const ERD_FILE = fileURLToPath(new URL("../ERD.md", import.meta.url));

export function createAppCore(options: AppCoreOptions, spec: AppSpec): Koa {
  const ops: OpsConfig = { ...DEFAULT_OPS, ...options.ops };
  const logger = options.logger ?? createLogger({ level: ops.logLevel, sync: ops.logSync });
  const lifecycle: Lifecycle = options.lifecycle ?? { draining: false };
  const limits: RateLimitOptions = {
    ...ops.rateLimit,
    store: options.rateLimitStore ?? new MemoryStore(),
    onStoreError: (err) => logger.warn({ err: err instanceof Error ? err.message : String(err) }, "rate-limit store failed; request let through"),
  };
  const app = new Koa({ proxy: ops.trustProxy });
  app.silent = true; // errors are answered and logged by errorHandler
  app.use(requestLogging(logger)); // request id + one JSON line per request
  app.use(errorHandler(options.logError ?? pinoErrorLogger(logger)));
  app.use(securityHeaders);
  app.use(corsMiddleware(ops.corsOrigins));
  app.use(async (ctx, next) => {
    ctx.state.bodyLimit = ops.bodyLimit; // read by runtime/body.ts (413 beyond it)
    try {
      await next();
    } finally {
      // During shutdown, close each keep-alive connection after its response so the server can stop.
      if (lifecycle.draining) ctx.set("Connection", "close");
    }
  });
  app.use(ipRateLimit(limits));
  const router = new Router();
  // PUBLIC, no token: /healthz, /readyz, /openapi.json, /docs (+ its assets, /docs/erd.md and /docs/erd.svg).
  // They expose no user data. Every other route below checks the bearer token.
  healthRoutes(router, options.knex, lifecycle);
  docsRoutes(router, { openapiFile: OPENAPI_FILE, erdFile: ERD_FILE });
  const auth = requireAuth(spec.subjectFormat ? withSubjectFormat(options.verify, spec.subjectFormat) : options.verify);
  const userLimit = userRateLimit(limits);
  // The caller's organization, from a claim of the verified token: read once, checked against the tenant columns' types.
  const tenants = spec.tenant ? tenantConfig(options.tenantClaim, spec.tenant) : null;
  const limited: Koa.Middleware = tenants
    ? (ctx, next) => {
        ctx.state.tenant = readTenant(ctx.state.caller!.claims, tenants);
        ctx.state.tenantClaims = tenants.claims;
        return userLimit(ctx, next);
      }
    : (ctx, next) => userLimit(ctx, next);
  const authed: Koa.Middleware = (ctx, next) => auth(ctx, () => limited(ctx, next)); // token first, then the per-user limit
  // PUBLIC, no token: e.g. POST /api/auth/register, /login, /refresh, /logout (the built-in auth module;
  // its account routes, GET /api/auth/me, behind the token).
  spec.publicRoutes?.(router, { knex: options.knex, limits, auth: authed });
  const deps: RouteDeps = {
    knex: options.knex,
    auth: authed,
    scope: createUserScope(options.knex, { role: options.dbRole ?? null }),
    batch: createBatch(options.knex, { role: options.dbRole ?? null, planCacheMode: options.planCacheMode, prepare: options.preparedStatements ?? false }),
    ensureUser: spec.identity ? createIdentityRecorder(spec.identity) : noIdentityRecorder(),
    models: spec.models,
    hooks: spec.hooks,
  };
  for (const mount of spec.routers) mount(router, deps);
  // Custom routes (src/routes/, then options.routes): behind the same token, rate limit, {user_id} check and error handling.
  mountCustomRoutes(router, deps, [...spec.customRoutes, ...(options.routes ?? [])]);
  staticSegmentsFirst(router); // /accounts/bank-relationships is not an /accounts/{id}
  app.use(retryIdempotentReads(router.routes())); // a GET whose DB connection failed is tried again
  app.use(router.allowedMethods());
  return app;
}
