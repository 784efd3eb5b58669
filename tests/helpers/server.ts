// Runs the committed generated app for real: migrations, Koa, HTTP on a free port.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp, type AppOptions } from "../../generated/app.js";
import { migrations } from "../../generated/migrations/index.js";
import { migrateLatest } from "../../generated/runtime/migrate.js";
import { createVerifier, type AuthConfig, type Verifier } from "../../generated/runtime/auth.js";
import { createHttpServer } from "../../generated/runtime/http.js";
import { createLogger } from "../../generated/runtime/logger.js";
import type { RateLimitStore } from "../../generated/runtime/rate-limit.js";
import type { OpsConfig } from "../../generated/runtime/ops-config.js";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { applyRowLevelSecurity, ensureAppRole } from "../../generated/runtime/rls.js";
import { ownedTables } from "../../generated/rls.js";
import { freshDatabase, type DbKind, type TestDatabase } from "./databases.js";
import { TEST_SECRET } from "./tokens.js";

export interface RunningApp {
  readonly url: string;
  readonly database: TestDatabase;
  readonly errors: unknown[];
  /** Where this app's JSON log lines went (tests/.output/logs/). */
  readonly logFile: string;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

export const LOG_DIR = join(import.meta.dirname, "..", ".output", "logs");
export const APP_ROLE = "specforge_app";

export interface StartOptions {
  /** How tokens are verified; the test HS256 secret by default. */
  readonly auth?: AuthConfig;
  /** Wraps the verifier, e.g. to count how many requests reached it. */
  readonly wrapVerify?: (verify: Verifier) => Verifier;
  readonly ops?: Partial<OpsConfig>;
  readonly rateLimitStore?: RateLimitStore;
  /** Reuse a database (and do not dispose it on close). */
  readonly database?: TestDatabase;
  /** Row-level security on the owned tables, with requests running as APP_ROLE (default true). */
  readonly rls?: boolean;
  /**
   * Called with every SQL statement the app's knex sends (for counting statements); `batch`
   * is the round trip a batched statement went in (runtime/batch.ts), absent for the others.
   */
  readonly onQuery?: (sql: string, batch?: { id: number; index: number; size: number }) => void;
  /** More custom routes (AppOptions.routes), mounted like those of src/routes/. */
  readonly routes?: AppOptions["routes"];
}

export async function startGeneratedApp(kind: DbKind, opts: StartOptions = {}): Promise<RunningApp> {
  const database = opts.database ?? (await freshDatabase(kind));
  const rls = opts.rls ?? true;
  if (!opts.database) await migrateLatest(database.db.knex, migrations);
  // Both steps are idempotent, so an app started on a shared database repeats them safely.
  if (rls) {
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, APP_ROLE);
  }
  if (opts.onQuery) database.db.knex.on("query", (q: { sql: string; batch?: { id: number; index: number; size: number } }) => opts.onQuery!(q.sql, q.batch));
  const errors: unknown[] = [];
  mkdirSync(LOG_DIR, { recursive: true });
  // Every app a test starts logs to its own file; tests/ops logging test greps them for secrets.
  const logFile = join(LOG_DIR, `app-${process.pid}-${randomBytes(4).toString("hex")}.ndjson`);
  const logger = createLogger({ level: "info", destination: pino.destination({ dest: logFile, sync: true }) });
  const verify = createVerifier(opts.auth ?? { secret: TEST_SECRET });
  const app = createApp({
    knex: database.db.knex,
    verify: opts.wrapVerify ? opts.wrapVerify(verify) : verify,
    logError: (err) => errors.push(err),
    logger,
    dbRole: rls ? APP_ROLE : null,
    // As server.ts: named prepared statements on PostgreSQL, not on PGlite's shared session.
    preparedStatements: database.db.kind === "postgres",
    ...(opts.ops ? { ops: opts.ops } : {}),
    ...(opts.rateLimitStore ? { rateLimitStore: opts.rateLimitStore } : {}),
    ...(opts.routes ? { routes: opts.routes } : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = createHttpServer(app);
    s.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    database,
    errors,
    logFile,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) body = JSON.stringify(opts.body);
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed as any, text };
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      if (!opts.database) await database.dispose();
    },
  };
}
