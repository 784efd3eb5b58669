// The server every generated app shares: connect (PostgreSQL when DATABASE_URL is set, embedded
// PGlite otherwise), wait for the database, migrate, serve, and on SIGTERM/SIGINT finish in-flight
// requests and close the pool before exiting. Every setting comes from the environment
// (docs/operations.md). generated/server.ts calls runServer with the app's factory, migrations
// and owned tables.
import type { AddressInfo } from "node:net";
import type Koa from "koa";
import type { AppCoreOptions } from "./app-core.js";
import type { Migration } from "./migrate.js";
import { openDatabase, databaseOptionsFromEnv } from "./db.js";
import { migrateLatest } from "./migrate.js";
import { applyRowLevelSecurity, bypassesRowLevelSecurity, ensureAppRole, DEFAULT_APP_ROLE, type OwnedTable } from "./rls.js";
import { authConfigFromEnv, createVerifier } from "./auth.js";
import { devSecret } from "./dev-secret.js";
import { createHttpServer } from "./http.js";
import { createLogger } from "./logger.js";
import { preparedStatementsFromEnv } from "./batch.js";
import { planCacheModeFromEnv } from "./scope.js";
import { opsConfigFromEnv } from "./ops-config.js";
import { rateLimitStoreFromEnv } from "./rate-limit.js";
import { waitForDatabase, START_BACKOFF } from "./retry.js";
import { runWorkers } from "./cluster.js";
import type { Lifecycle } from "./health.js";

export interface ServerSpec {
  /** The app factory (generated/app.ts); `secret`: the JWT secret ("" when only JWT_JWKS_URL is set, never with signsTokens). */
  readonly createApp: (options: AppCoreOptions, secret: string) => Koa;
  readonly migrations: readonly Migration[];
  readonly ownedTables: readonly OwnedTable[];
  /** Built-in auth signs its access tokens with the shared secret, so it needs one even beside JWT_JWKS_URL. */
  readonly signsTokens: boolean;
}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function main(spec: ServerSpec): Promise<void> {
  const ops = opsConfigFromEnv();
  const log = createLogger({ level: ops.logLevel, sync: ops.logSync });
  const auth = authConfigFromEnv();
  if (spec.signsTokens ? !auth.secret : !auth.secret && !auth.jwksUrl) {
    if (process.env.NODE_ENV === "production") {
      throw new Error(spec.signsTokens ? "built-in auth signs tokens with JWT_SECRET: set it (at least 32 bytes)" : "set JWT_SECRET (or BETTER_AUTH_SECRET) or JWT_JWKS_URL");
    }
    const dev = devSecret();
    auth.secret = dev.secret;
    log.warn({ file: dev.file, mintToken: "npm run token -- <user-id>" }, "no JWT_SECRET set: using a development secret");
  }
  const verify = createVerifier(auth);
  const planCacheMode = planCacheModeFromEnv(); // a bad value stops the start before the database is touched
  const db = await openDatabase(databaseOptionsFromEnv());
  // A database that is restarting or waking up (serverless) gets a few seconds, with backoff.
  await waitForDatabase(db.knex, START_BACKOFF, (err, attempt, delayMs) =>
    log.warn({ attempt, delayMs, err: errText(err) }, "database not reachable yet; retrying"),
  );
  const applied = await migrateLatest(db.knex, spec.migrations);
  // Row-level security is a second wall; DATABASE_RLS=off leaves it out.
  const rls = process.env.DATABASE_RLS !== "off" && spec.ownedTables.length > 0;
  const memberOnly = rls ? await applyRowLevelSecurity(db.knex, spec.ownedTables) : [];
  if (memberOnly.length) {
    log.warn({ tables: memberOnly }, "these membership rows are read by their own member only: the policy letting a group's members read them needs the database user applying it to bypass row-level security (a superuser or BYPASSRLS; requests then run as DATABASE_APP_ROLE)");
  }
  // A superuser (PGlite's only user, and often a local PostgreSQL's) bypasses RLS: requests then
  // switch to a plain role, unless DATABASE_APP_ROLE names one.
  const dbRole = process.env.DATABASE_APP_ROLE || (rls && (await bypassesRowLevelSecurity(db.knex)) ? DEFAULT_APP_ROLE : null);
  if (dbRole) await ensureAppRole(db.knex, dbRole);
  log.info({ database: db.kind, migrationsApplied: applied, rowLevelSecurity: rls, dbRole }, "database ready");
  const rateLimitStore = await rateLimitStoreFromEnv();
  const lifecycle: Lifecycle = { draining: false };
  const preparedStatements = preparedStatementsFromEnv(db.kind);
  const app = spec.createApp({ knex: db.knex, verify, dbRole, ...(auth.tenantClaim ? { tenantClaim: auth.tenantClaim } : {}), preparedStatements, planCacheMode, logger: log, ops, rateLimitStore, lifecycle }, auth.secret ?? "");
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const server = createHttpServer(app);
  server.listen(port, host, () => {
    const a = server.address() as AddressInfo;
    log.info({ url: `http://${host}:${a.port}`, rateLimitStore: process.env.REDIS_URL ? "redis" : "memory" }, "listening");
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.draining = true; // /readyz now 503; responses carry Connection: close
    log.info({ signal }, "shutting down: finishing in-flight requests");
    setTimeout(() => {
      log.error({ timeoutMs: ops.shutdownTimeoutMs }, "in-flight requests did not finish in time");
      process.exit(1);
    }, ops.shutdownTimeoutMs).unref();
    // A short drain first: requests already on the wire (connected, headers not read yet) are served,
    // and the load balancer sees /readyz fail. Then stop accepting, let in-flight requests finish,
    // and close the counters and the pool.
    setTimeout(() => {
      server.close(() => {
        Promise.all([rateLimitStore.close?.(), db.close()]).then(
          () => {
            log.info("stopped");
            process.exit(0);
          },
          (err: unknown) => {
            log.error({ err: errText(err) }, "error while closing");
            process.exit(1);
          },
        );
      });
      server.closeIdleConnections();
    }, ops.shutdownDelayMs);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** Runs the server: WEB_CONCURRENCY=N gives N worker processes, each running main() (cluster.ts). */
export function runServer(spec: ServerSpec): void {
  runWorkers(() => main(spec)).catch((err: unknown) => {
    process.stderr.write(JSON.stringify({ level: "fatal", time: new Date().toISOString(), msg: errText(err) }) + "\n");
    process.exit(1);
  });
}
