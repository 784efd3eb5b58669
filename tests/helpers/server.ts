// Runs the committed generated app for real: migrations, Koa, HTTP on a free port.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp } from "../../generated/app.js";
import { migrations } from "../../generated/migrations/index.js";
import { migrateLatest } from "../../generated/runtime/migrate.js";
import { createVerifier } from "../../generated/runtime/auth.js";
import { applyRowLevelSecurity, ensureAppRole } from "../../generated/runtime/rls.js";
import { ownedTables } from "../../generated/rls.js";
import { freshDatabase, type DbKind, type TestDatabase } from "./databases.js";
import { TEST_SECRET } from "./tokens.js";

export interface RunningApp {
  readonly url: string;
  readonly database: TestDatabase;
  readonly errors: unknown[];
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

/** The non-superuser role requests switch to, so that row-level security applies (superusers bypass it). */
export const APP_ROLE = "specforge_app";

export interface StartOptions {
  /** Row-level security on the owned tables, with requests running as APP_ROLE (default true). */
  readonly rls?: boolean;
  /** Called with every SQL statement the app's knex sends (for counting statements). */
  readonly onQuery?: (sql: string) => void;
}

export async function startGeneratedApp(kind: DbKind, opts: StartOptions = {}): Promise<RunningApp> {
  const database = await freshDatabase(kind);
  await migrateLatest(database.db.knex, migrations);
  const rls = opts.rls ?? true;
  if (rls) {
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, APP_ROLE);
  }
  if (opts.onQuery) database.db.knex.on("query", (q: { sql: string }) => opts.onQuery!(q.sql));
  const errors: unknown[] = [];
  const app = createApp({ knex: database.db.knex, verify: createVerifier({ secret: TEST_SECRET }), logError: (err) => errors.push(err), dbRole: rls ? APP_ROLE : null });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    database,
    errors,
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
      await database.dispose();
    },
  };
}
