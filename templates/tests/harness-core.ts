// The generated tests' harness, the same in every app: a fresh database (embedded PGlite, or one
// made on the PostgreSQL at TEST_DATABASE_URL), migrations, row-level security with a
// non-superuser role, the app on a free port, real HS256 tokens, and sign-up for built-in auth.
// generated/tests/harness.ts hands it the app's factory, migrations and owned tables.
import { randomBytes, createSecretKey } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type Koa from "koa";
import knexFactory, { type Knex } from "knex";
import { SignJWT } from "jose";
import { openDatabase, type Database } from "../runtime/db.js";
import { migrateLatest, type Migration } from "../runtime/migrate.js";
import { createVerifier, type Verifier } from "../runtime/auth.js";
import { applyRowLevelSecurity, ensureAppRole, type OwnedTable } from "../runtime/rls.js";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASES ? (process.env.TEST_DATABASES.split(",") as DbKind[]) : ["pglite", "postgres"];
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** The secret the test tokens are signed with (and built-in auth signs its own with). */
export const TEST_SECRET = "generated-tests-secret-that-is-long-enough-0123456789";
const key = createSecretKey(Buffer.from(TEST_SECRET, "utf8"));
const ROLE = "specforge_app";

/** A signed token for `sub`, with more claims (the caller's organization, on tenant-scoped tables). */
export function tokenFor(sub: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("15m").sign(key);
}

export interface TestApp {
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  /** The database as the tables' owner, past the API and its policies: for what only an admin job writes. */
  readonly admin: Knex;
  close(): Promise<void>;
}

/** The generated app under test. */
export interface AppUnderTest {
  readonly createApp: (options: { knex: Knex; verify: Verifier; dbRole: string; logError: () => void }) => Koa;
  readonly migrations: readonly Migration[];
  readonly ownedTables: readonly OwnedTable[];
}

async function database(kind: DbKind): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "memory" });
    return { db, drop: async () => {} };
  }
  const name = `specforge_g_${randomBytes(6).toString("hex")}`;
  const admin = () => knexFactory({ client: "pg", connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  const a = admin();
  await a.raw("CREATE DATABASE ??", [name]).finally(() => a.destroy());
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 5 });
  return {
    db,
    drop: async () => {
      const d = admin();
      await d.raw("DROP DATABASE IF EXISTS ?? WITH (FORCE)", [name]).finally(() => d.destroy());
    },
  };
}

export async function startTestApp(kind: DbKind, target: AppUnderTest): Promise<TestApp> {
  const { db, drop } = await database(kind);
  await migrateLatest(db.knex, target.migrations);
  await applyRowLevelSecurity(db.knex, target.ownedTables);
  await ensureAppRole(db.knex, ROLE);
  const app = target.createApp({ knex: db.knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: ROLE, logError: () => {} });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    admin: db.knex,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.close();
      await drop();
    },
  };
}

/** Built-in auth: registers a user and signs in: their id and access token. */
export async function signUp(app: TestApp, label: string): Promise<{ id: string; token: string }> {
  const email = `${label}-${randomBytes(6).toString("hex")}@example.com`;
  const password = randomBytes(12).toString("hex");
  const reg = await app.call("POST", "/api/auth/register", { body: { email, password } });
  if (reg.status !== 202) throw new Error(`register answered ${reg.status}`);
  const login = await app.call("POST", "/api/auth/login", { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return { id: String(login.body.user_id), token: String(login.body.access_token) };
}
