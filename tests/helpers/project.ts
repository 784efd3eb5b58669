// A generated project written to disk for a test, laid out as `specforge generate` lays it out:
// generated/ (every file the emitters make from the IR, with the templates' runtime) and the hook
// skeletons in src/hooks/ beside it.
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { emitHookSkeletons } from "../../generator/emit/emit-hooks.js";
import { readTemplates } from "../../generator/read/read-output.js";
import type { IR } from "../../generator/ir/types.js";
import { freshDatabase, type DbKind, type TestDatabase } from "./databases.js";
import { TEST_SECRET } from "./tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Writes the app `ir` describes under `dir` (dir/generated, dir/src/hooks), from a first migration. */
export async function writeProject(dir: string, ir: IR): Promise<void> {
  const files = await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), migrations: planMigrations(ir, NO_PREVIOUS).plan });
  for (const [p, text] of [...[...files].map(([f, t]) => [join("generated", f), t] as const), ...emitHookSkeletons(ir, "generated")]) {
    const file = join(dir, p);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
  }
}

/** The role generated apps switch to for requests in the app tests (not a superuser: row-level security applies). */
export const APP_ROLE = "specforge_app";

/** A generated app served on a fresh database for a test. */
export interface RunningProject {
  readonly base: string;
  /** One request; `type` is the answer's content-type ("" when none). */
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any; type: string }>;
  /** SQL as the superuser that owns the tables (no row-level security). */
  admin(sql: string, bindings?: unknown[]): Promise<Record<string, any>[]>;
  /** SQL in the caller's transaction, as the app runs it: the app role, app.user_id (and app.tenant_id, the caller's organization) set, no condition of ours. */
  as(user: string, sql: string, bindings?: unknown[], tenant?: string | null): Promise<Record<string, any>[]>;
  /** Errors the app logged as its own (5xx). */
  errors: unknown[];
  close(): Promise<void>;
}

/**
 * Migrates a fresh database of `kind`, turns row-level security on, and serves the app generated
 * into `generatedDir` (its own runtime copy) as APP_ROLE, with HS256 tokens signed by TEST_SECRET.
 */
export async function bootProject(kind: DbKind, generatedDir: string, appOptions: Record<string, unknown> = {}, opts: { rls?: boolean } = {}): Promise<RunningProject> {
  const database: TestDatabase = await freshDatabase(kind);
  const load = (p: string) => import(pathToFileURL(join(generatedDir, p)).href);
  const { migrations } = await load("migrations/index.ts");
  const { migrateLatest } = await load("runtime/migrate.ts");
  const { createApp } = await load("app.ts");
  const { createVerifier } = await load("runtime/auth.ts");
  const { applyRowLevelSecurity, ensureAppRole } = await load("runtime/rls.ts");
  const { createUserScope } = await load("runtime/scope.ts");
  const { ownedTables } = await load("rls.ts");
  const knex = database.db.knex;
  await migrateLatest(knex, migrations);
  // rls: false leaves the app's own conditions as the only wall (DATABASE_RLS=off).
  if (opts.rls !== false) await applyRowLevelSecurity(knex, ownedTables);
  await ensureAppRole(knex, APP_ROLE);
  const errors: unknown[] = [];
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: APP_ROLE, logError: (e: unknown) => errors.push(e), preparedStatements: kind === "postgres", ...appOptions }).listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const scope = createUserScope(knex, { role: APP_ROLE });
  return {
    base,
    errors,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, type: res.headers.get("content-type") ?? "" };
    },
    async admin(sql, bindings = []) {
      return ((await knex.raw(sql, bindings as never)) as { rows: Record<string, any>[] }).rows;
    },
    async as(user, sql, bindings = [], tenant = null) {
      return scope(user, async (trx: any) => ((await trx.raw(sql, bindings)) as { rows: Record<string, any>[] }).rows, tenant);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await database.dispose();
    },
  };
}
