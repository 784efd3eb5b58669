// The built-in auth module over HTTP, on PGlite and real PostgreSQL: the golden case
// tests/golden/builtin-auth (generated afresh into tests/.output/builtin-auth: its golden tree
// stores no runtime copy) is started for real and driven like a front end would: register,
// login, use the access token on the generated routes, rotate and replay refresh tokens, log
// out, and the attacks on the sign-in itself (enumeration, guessing, expired tokens, other
// users' rows).
import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type Koa from "koa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOutput } from "../../generator/cli.js";
import type { AppCoreOptions } from "../../templates/runtime/app-core.js";
import type { Migration } from "../../templates/runtime/migrate.js";
import type { OwnedTable } from "../../templates/runtime/rls.js";
import { builtinAuthSchemas as templateSchemas, type BuiltinAuthSettings } from "../../templates/runtime/builtin-auth.js";
import { DB_KINDS, freshDatabase, type DbKind, type TestDatabase } from "../helpers/databases.js";
import { TEST_SECRET } from "../helpers/tokens.js";
import { APP_ROLE } from "../helpers/server.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN = join(import.meta.dirname, "..", "golden", "builtin-auth", "expected");

/** The golden case's app, generated into tests/.output/builtin-auth (generated/ and the hook skeletons in src/). */
async function generateApp(): Promise<string> {
  const dir = join(ROOT, "tests", ".output", "builtin-auth");
  rmSync(dir, { recursive: true, force: true });
  const r = await buildOutput(join(import.meta.dirname, "..", "golden", "builtin-auth", "specs"), join(dir, "generated"), ROOT, { out: () => {}, err: () => {} });
  if (!r.files) throw new Error("the builtin-auth golden case does not generate");
  for (const [p, text] of [...[...r.files].map(([f, t]) => [join("generated", f), t] as const), ...(r.scaffold ?? [])]) {
    mkdirSync(join(dir, p, ".."), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return join(dir, "generated");
}

// The app's own runtime copies (an error class from another copy is not the one its error handler knows).
const GENERATED = await generateApp();
const load = (p: string) => import(pathToFileURL(join(GENERATED, p)).href);
const { createApp } = (await load("app.ts")) as { createApp: (options: AppCoreOptions & { builtinAuth: BuiltinAuthSettings }) => Koa };
const { migrations } = (await load("migrations/index.ts")) as { migrations: readonly Migration[] };
const { ownedTables } = (await load("rls.ts")) as { ownedTables: readonly OwnedTable[] };
const { migrateLatest } = (await load("runtime/migrate.ts")) as typeof import("../../templates/runtime/migrate.js");
const { createVerifier } = (await load("runtime/auth.ts")) as typeof import("../../templates/runtime/auth.js");
const { applyRowLevelSecurity, ensureAppRole } = (await load("runtime/rls.ts")) as typeof import("../../templates/runtime/rls.js");
const { builtinAuthSchemas, registeredMessage } = (await load("runtime/builtin-auth.ts")) as typeof import("../../templates/runtime/builtin-auth.js");

interface Res {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

interface App {
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string }): Promise<Res>;
  errors: unknown[];
  close(): Promise<void>;
}

async function start(database: TestDatabase, settings: Partial<BuiltinAuthSettings> = {}): Promise<App> {
  const errors: unknown[] = [];
  const app = createApp({
    knex: database.db.knex,
    // Clock tolerance 0 so that the expiry test need not wait out the default 5 s of skew.
    verify: createVerifier({ secret: TEST_SECRET, clockToleranceSeconds: 0 }),
    dbRole: APP_ROLE,
    logError: (err) => errors.push(err),
    logger: (await import("pino")).default({ level: "silent" }),
    builtinAuth: { secret: TEST_SECRET, loginMax: 5, ...settings },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    errors,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(base + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

const email = (label: string) => `${label}-${randomBytes(5).toString("hex")}@Example.com`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.each(DB_KINDS)("built-in auth on %s", (kind: DbKind) => {
  let database: TestDatabase;
  let app: App;

  const register = (e: string, password: string, extra: Record<string, unknown> = {}) => app.call("POST", "/api/auth/register", { body: { email: e, password, ...extra } });
  const login = (e: string, password: string, on: App = app) => on.call("POST", "/api/auth/login", { body: { email: e, password } });
  const refresh = (token: string) => app.call("POST", "/api/auth/refresh", { body: { refresh_token: token } });
  const signUp = async (label: string) => {
    const e = email(label);
    const password = `pw-${randomBytes(8).toString("hex")}`;
    expect((await register(e, password)).status).toBe(202);
    const res = await login(e, password);
    expect(res.status).toBe(200);
    return { email: e, password, id: res.body.user_id as string, access: res.body.access_token as string, refresh: res.body.refresh_token as string };
  };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    await migrateLatest(database.db.knex, migrations);
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, APP_ROLE);
    app = await start(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("registers with the same answer whether or not the email exists, and never overwrites an account", async () => {
    const e = email("reg");
    const first = await register(e, "first-password");
    const again = await register(e.toUpperCase(), "second-password");
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.text).toBe(first.text);
    expect(first.body).toEqual({ message: registeredMessage("/api/auth/login") });
    // The email is stored lower-cased; the first password still works, the second does not.
    expect((await login(e.toLowerCase(), "first-password")).status).toBe(200);
    expect((await login(e, "second-password")).status).toBe(401);
    const rows = await database.db.knex("users").where({ email: e.toLowerCase() });
    expect(rows).toHaveLength(1);
    expect(rows[0].password_hash).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(rows[0].password_hash).not.toContain("first-password");
  });

  it("logs in and the access token drives the generated routes: CRUD on the caller's own tasks", async () => {
    const u = await signUp("crud");
    expect(u.id).toMatch(/^[0-9a-f-]{36}$/);
    const claims = JSON.parse(Buffer.from(u.access.split(".")[1]!, "base64url").toString());
    expect(claims.sub).toBe(u.id);
    expect(claims.exp - claims.iat).toBe(900);
    const created = await app.call("POST", `/api/${u.id}/tasks`, { token: u.access, body: { title: "Buy milk" } });
    expect(created.status).toBe(201);
    expect(created.body.user_id).toBe(u.id);
    const list = await app.call("GET", `/api/${u.id}/tasks`, { token: u.access });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).toContain("Buy milk");
    const patched = await app.call("PATCH", `/api/${u.id}/tasks/${created.body.id}`, { token: u.access, body: { completed: true } });
    expect(patched.status).toBe(200);
    expect(patched.body.completed).toBe(true);
    expect((await app.call("GET", `/api/${u.id}/tasks/${created.body.id}`, { token: u.access })).body.title).toBe("Buy milk");
    expect((await app.call("DELETE", `/api/${u.id}/tasks/${created.body.id}`, { token: u.access })).status).toBe(204);
    expect((await app.call("GET", `/api/${u.id}/tasks/${created.body.id}`, { token: u.access })).status).toBe(404);
    // No token, no access: the auth routes are public, the generated ones are not.
    expect((await app.call("GET", `/api/${u.id}/tasks`)).status).toBe(401);
  });

  it("serves the caller's own account behind the token: never the password hash, never another user's", async () => {
    const a = await signUp("me-a");
    const b = await signUp("me-b");
    const me = await app.call("GET", "/api/auth/me", { token: a.access });
    expect(me.status).toBe(200);
    expect(Object.keys(me.body).sort()).toEqual(["created_at", "email", "id", "name"]);
    expect(me.body).toMatchObject({ id: a.id, email: a.email.toLowerCase(), name: null });
    expect(me.text).not.toContain("scrypt");
    expect((await app.call("GET", "/api/auth/me")).status).toBe(401);
    // The profile changes; the key, the email and the hash are not the caller's to write here.
    const renamed = await app.call("PATCH", "/api/users/me", { token: a.access, body: { name: "Ada" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: a.id, name: "Ada" });
    expect(renamed.body.password_hash).toBeUndefined();
    for (const body of [{ password_hash: "x" }, { email: "other@example.com" }, { id: b.id }, {}]) {
      expect((await app.call("PATCH", "/api/users/me", { token: a.access, body })).status).toBe(422);
    }
    // Only the caller's row changed, and each sees their own.
    expect((await app.call("GET", "/api/auth/me", { token: b.access })).body).toMatchObject({ id: b.id, name: null });
    expect((await app.call("GET", "/api/auth/me", { token: a.access })).body.name).toBe("Ada");
    expect((await database.db.knex("users").where({ id: a.id }).first()).password_hash).toMatch(/^scrypt\$/);
    // A deleted account is 404, not someone else's row.
    await database.db.knex("users").where({ id: b.id }).delete();
    expect((await app.call("GET", "/api/auth/me", { token: b.access })).status).toBe(404);
  });

  it("answers another user's row with 404, exactly like a missing one", async () => {
    const a = await signUp("a");
    const b = await signUp("b");
    const row = (await app.call("POST", `/api/${a.id}/tasks`, { token: a.access, body: { title: "A's" } })).body;
    const foreign = await app.call("GET", `/api/${b.id}/tasks/${row.id}`, { token: b.access });
    const missing = await app.call("GET", `/api/${b.id}/tasks/2147483000`, { token: b.access });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await app.call("PATCH", `/api/${b.id}/tasks/${row.id}`, { token: b.access, body: { title: "stolen" } })).status).toBe(404);
    expect((await app.call("DELETE", `/api/${b.id}/tasks/${row.id}`, { token: b.access })).status).toBe(404);
    expect((await app.call("GET", `/api/${a.id}/tasks`, { token: b.access })).status).toBe(403);
    expect((await app.call("GET", `/api/${a.id}/tasks/${row.id}`, { token: a.access })).body.title).toBe("A's");
  });

  it("rotates refresh tokens; replaying a used one revokes the whole family, the newest token included", async () => {
    const u = await signUp("rot");
    const r1 = u.refresh;
    const second = await refresh(r1);
    expect(second.status).toBe(200);
    const r2 = second.body.refresh_token as string;
    expect(r2).not.toBe(r1);
    expect(r2).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    expect(second.body.user_id).toBe(u.id);
    expect((await app.call("GET", `/api/${u.id}/tasks`, { token: second.body.access_token })).status).toBe(200);
    // Only hashes are stored.
    const stored = await database.db.knex("refresh_tokens").where({ user_id: u.id }).select("token_hash", "family_id", "used_at", "revoked_at");
    expect(stored.map((r: any) => r.token_hash).sort()).toEqual([sha256(r1), sha256(r2)].sort());
    expect(new Set(stored.map((r: any) => r.family_id)).size).toBe(1);
    // The replay: r1 was used already. 401, and r2 dies with it.
    const replay = await refresh(r1);
    expect(replay.status).toBe(401);
    expect(replay.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const afterReplay = await refresh(r2);
    expect(afterReplay.status).toBe(401);
    expect(afterReplay.body).toEqual(replay.body);
    const revoked = await database.db.knex("refresh_tokens").where({ user_id: u.id }).whereNull("revoked_at");
    expect(revoked).toHaveLength(0);
    // A new login starts a new family that works.
    const again = await login(u.email, u.password);
    expect((await refresh(again.body.refresh_token)).status).toBe(200);
    // Unknown and malformed tokens: the same 401, or 422 for a body of the wrong shape.
    expect((await refresh(randomBytes(32).toString("base64url"))).body).toEqual(replay.body);
    expect((await app.call("POST", "/api/auth/refresh", { body: { refresh_token: 42 } })).status).toBe(422);
  });

  it("logout revokes the refresh token (and answers 204 for any token)", async () => {
    const u = await signUp("out");
    const rotated = (await refresh(u.refresh)).body.refresh_token as string;
    const out = await app.call("POST", "/api/auth/logout", { body: { refresh_token: rotated } });
    expect(out.status).toBe(204);
    expect((await refresh(rotated)).status).toBe(401);
    expect((await app.call("POST", "/api/auth/logout", { body: { refresh_token: "never-issued" } })).status).toBe(204);
  });

  it("gives a wrong password and an unknown email the identical answer, in similar time", async () => {
    const u = await signUp("enum");
    const wrong = await login(u.email, "not-the-password");
    const unknown = await login(email("nobody"), "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
    expect(unknown.headers.get("content-type")).toBe(wrong.headers.get("content-type"));
    expect(wrong.body.detail).toBe("the email or password is not correct");
    // Every 401 says how to authenticate (RFC 9110), the built-in routes' too.
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect((await refresh("never-issued")).headers.get("www-authenticate")).toMatch(/^Bearer realm="api", error="invalid_token"$/);
    // Timing: an unknown email still costs one scrypt run (a dummy hash). Without it the answer
    // would take a few milliseconds instead of a hash's ~100 ms; the margin is wide on purpose.
    const time = async (e: string) => {
      const t = performance.now();
      expect((await login(e, "wrong-again")).status).toBe(401);
      return performance.now() - t;
    };
    const known: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(u.email));
      missing.push(await time(email(`nobody${i}`)));
    }
    expect(median(missing)).toBeGreaterThan(median(known) * 0.3);
  });

  it("limits login attempts per IP and email (429 with Retry-After), other emails unaffected", async () => {
    const u = await signUp("rl");
    const other = await signUp("rl-other"); // one login used
    // signUp used one of the five attempts for u.email.
    for (let i = 0; i < 4; i++) expect((await login(u.email, `guess-${i}`)).status).toBe(401);
    const blocked = await login(u.email, u.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.headers.get("content-type")).toMatch(/application\/problem\+json/);
    // An unknown email is limited the same way (no hint that it does not exist).
    const ghost = email("ghost");
    for (let i = 0; i < 5; i++) expect((await login(ghost, "x")).status).toBe(401);
    expect((await login(ghost, "x")).status).toBe(429);
    expect((await login(other.email, other.password)).status).toBe(200);
  });

  it("refuses an expired access token with 401", async () => {
    // Three seconds: long enough that a loaded machine still uses the token before it expires.
    const shortLived = await start(database, { accessTtlSeconds: 3 });
    try {
      const e = email("exp");
      expect((await shortLived.call("POST", "/api/auth/register", { body: { email: e, password: "expiring-password" } })).status).toBe(202);
      const res = await login(e, "expiring-password", shortLived);
      expect(res.body.expires_in).toBe(3);
      const token = res.body.access_token as string;
      expect((await shortLived.call("GET", `/api/${res.body.user_id}/tasks`, { token })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 3100));
      const expired = await shortLived.call("GET", `/api/${res.body.user_id}/tasks`, { token });
      expect(expired.status).toBe(401);
      expect(expired.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
      expect(expired.body.detail).toBe("the token has expired");
    } finally {
      await shortLived.close();
    }
  });

  it("validates bodies with clear 4xx problem+json, never 5xx", async () => {
    const bad: Array<[unknown, number, RegExp]> = [
      [{ email: "not-an-email", password: "long-enough-pw" }, 422, /email/],
      [{ email: email("v") }, 422, /password: is required/],
      [{ email: email("v"), password: "short" }, 422, /password/],
      [{ email: email("v"), password: "long-enough-pw", password_hash: "scrypt$..." }, 422, /password_hash: is not a known field/],
      [{ email: email("v"), password: "long-enough-pw", name: "x".repeat(101) }, 422, /name/],
      [["array"], 422, /JSON object/],
    ];
    for (const [body, status, detail] of bad) {
      const res = await app.call("POST", "/api/auth/register", { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
    }
    expect((await app.call("POST", "/api/auth/login", { rawBody: "{nope" })).status).toBe(400);
    expect((await app.call("POST", "/api/auth/login", { body: { email: "a@b.c" } })).status).toBe(422);
    expect((await app.call("POST", "/api/auth/logout", { body: {} })).status).toBe(422);
    expect((await app.call("GET", "/api/auth/login")).status).toBe(405);
    // A registered name is stored.
    const e = email("named");
    expect((await register(e, "long-enough-pw", { name: "Ada" })).status).toBe(202);
    expect((await database.db.knex("users").where({ email: e.toLowerCase() }).first()).name).toBe("Ada");
    expect(app.errors).toEqual([]);
  });
});

describe("built-in auth in the OpenAPI document", () => {
  const doc = JSON.parse(readFileSync(join(GOLDEN, "openapi.json"), "utf8"));

  it("documents the four public operations and where bearer tokens come from", () => {
    for (const op of ["register", "login", "refresh", "logout"]) {
      const o = doc.paths[`/api/auth/${op}`]?.post;
      expect(o, op).toBeDefined();
      expect(o.security).toEqual([]);
    }
    expect(doc.components.securitySchemes.bearerAuth.description).toMatch(/POST \/api\/auth\/login/);
    expect(doc.paths["/api/{user_id}/tasks"].get.security).toBeUndefined(); // the global bearer requirement applies
  });

  it("declares every status the runtime answers them with (malformed JSON is a 400 above, for one)", () => {
    const own: Record<string, string[]> = { register: ["202"], login: ["200", "401"], refresh: ["200", "401"], logout: ["204"] };
    for (const [op, statuses] of Object.entries(own)) {
      expect(Object.keys(doc.paths[`/api/auth/${op}`].post.responses).sort(), op).toEqual([...statuses, "400", "413", "415", "422", "429", "503"].sort());
    }
  });

  it("request schemas equal what the runtime validates", () => {
    const spec = { emailMaxLength: 254, name: { column: "name", required: false, maxLength: 100 } } as const;
    const runtime = templateSchemas({ ...spec, users: "users", idColumn: "id", emailColumn: "email", passwordColumn: "password_hash", userId: "database", refreshTable: "refresh_tokens", paths: { register: "/api/auth/register", login: "/api/auth/login", refresh: "/api/auth/refresh", logout: "/api/auth/logout" } });
    expect(doc.components.schemas.AuthRegister).toEqual(runtime.register);
    expect(doc.components.schemas.AuthLogin).toEqual(runtime.login);
    expect(doc.components.schemas.AuthRefresh).toEqual(runtime.refresh);
    expect(builtinAuthSchemas).toBeTypeOf("function");
  });
});
