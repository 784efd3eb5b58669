// A generated project written to disk for a test, laid out as `specforge generate` lays it out:
// generated/ (every file the emitters make from the IR, with the templates' runtime) and the hook
// skeletons in src/hooks/ beside it.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { emitHookSkeletons } from "../../generator/emit/emit-hooks.js";
import { readTemplates } from "../../generator/read/read-output.js";
import type { IR } from "../../generator/ir/types.js";
import { loadSpecFiles } from "../../generator/front.js";
import type { Note } from "../../generator/ir/build-context.js";
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

/**
 * A spec of a test's own (Markdown schema and API texts, read as specs/database/schema.md and
 * specs/api/rest-endpoints.md) generated into `out` afresh: its IR, the reader's notes and the
 * generated app's directory. A spec error fails the test with its messages.
 */
export async function writeSpecProject(out: string, schema: string, api: string): Promise<{ ir: IR; notes: readonly Note[]; dir: string }> {
  rmSync(out, { recursive: true, force: true });
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: api },
  );
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !loaded.ir) throw new Error(`the test's spec has errors:\n${errors.map((d) => `${d.code} ${d.message}`).join("\n")}`);
  await writeProject(out, loaded.ir);
  return { ir: loaded.ir, notes: loaded.notes, dir: join(out, "generated") };
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
  /** Work in the caller's transaction, as a hook gets it (the generated models take it as their handle). */
  within<T>(user: string, work: (trx: any) => Promise<T>): Promise<T>;
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
    within(user, work) {
      return scope(user, work);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await database.dispose();
    },
  };
}

/**
 * Type-check a project writeProject wrote (`out`, holding generated/) against the repository's
 * tsconfig: the compiler's output, "" when it type-checks.
 */
export function typeCheckProject(out: string): string {
  writeFileSync(join(out, "tsconfig.json"), JSON.stringify({ extends: relative(out, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2));
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", join(out, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

/**
 * Run a generated app's own tests (`dir`/tests, as a user of specforge runs them) with vitest on
 * one database kind: whether they passed, and vitest's output without the app's JSON log lines.
 */
export function runOwnTests(dir: string, database: DbKind, maxWorkers: number): { ok: boolean; output: string } {
  writeFileSync(join(dir, "vitest.config.ts"), `import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["tests/**/*.test.ts"], pool: "forks", maxWorkers: ${maxWorkers}, testTimeout: 30_000, hookTimeout: 60_000 } });\n`);
  let output = "";
  let ok = true;
  try {
    output = execFileSync(process.execPath, [join(ROOT, "node_modules", "vitest", "vitest.mjs"), "run", "--root", dir], { encoding: "utf8", stdio: "pipe", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", TEST_DATABASES: database } });
  } catch (err) {
    ok = false;
    output = String((err as { stdout?: string }).stdout ?? err);
  }
  return { ok, output: output.split("\n").filter((l) => !l.startsWith("{")).join("\n") };
}
