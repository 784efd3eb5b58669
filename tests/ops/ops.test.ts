// Operations around the API, on the generated app over HTTP with real PostgreSQL:
// request ids, health and readiness, public docs routes, body limit, CORS, security
// headers, per-user and per-IP rate limits, and reads retried over a cut connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import knexFactory from "knex";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { tokenFor, TEST_SECRET } from "../helpers/tokens.js";
import { startFlakyProxy, type FlakyProxy } from "../helpers/flaky-proxy.js";
import { openDatabase } from "../../generated/runtime/db.js";
import { waitForDatabase } from "../../generated/runtime/retry.js";
import { opsConfigFromEnv } from "../../generated/runtime/ops-config.js";
import { databaseOptionsFromEnv } from "../../generated/runtime/db.js";
import { createApp } from "../../generated/app.js";
import { createVerifier } from "../../generated/runtime/auth.js";
import { createLogger } from "../../generated/runtime/logger.js";

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
}

describe("operations on PostgreSQL", () => {
  let app: RunningApp;
  let alice: string;
  const A = "ops_alice";

  beforeAll(async () => {
    app = await startGeneratedApp("postgres", {
      ops: { bodyLimit: 256, corsOrigins: ["https://app.example.com"], rateLimit: { windowMs: 60_000, userMax: 1000, ipMax: 10_000 } },
    });
    alice = await tokenFor(A);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("keeps a sane X-Request-Id, replaces an unsafe one, and echoes it", async () => {
    const kept = await app.call("GET", "/healthz", { headers: { "X-Request-Id": "abc-123_DEF.4:5" } });
    expect(kept.headers.get("x-request-id")).toBe("abc-123_DEF.4:5");
    for (const bad of ["has space", "x".repeat(200), "a\u00e9b", "{json}"]) {
      const res = await app.call("GET", "/healthz", { headers: { "X-Request-Id": bad } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const made = await app.call("GET", "/healthz");
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers /healthz and /readyz without a token", async () => {
    expect((await app.call("GET", "/healthz")).body).toEqual({ status: "ok" });
    const ready = await app.call("GET", "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: "ready" });
  });

  it("serves /openapi.json, /docs, its assets and the ERD without a token; API routes still need one", async () => {
    const doc = await app.call("GET", "/openapi.json");
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
    expect(doc.body.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    const page = await app.call("GET", "/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain('src="/docs/swagger-ui-bundle.js"');
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from a CDN
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const bundle = await app.call("GET", "/docs/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.text.length).toBeGreaterThan(100_000);
    const erd = await app.call("GET", "/docs/erd.md");
    expect(erd.text).toContain("erDiagram");
    expectProblem(await app.call("GET", `/api/${A}/tasks`), 401);
  });

  it("sends security headers on answers and on problems", async () => {
    for (const res of [await app.call("GET", "/healthz"), await app.call("GET", "/nope"), await app.call("GET", `/api/${A}/tasks`)]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("refuses a body over the configured limit with 413", async () => {
    const big = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "x", description: "d".repeat(400) } });
    expectProblem(big, 413);
    const small = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "fits" } });
    expect(small.status).toBe(201);
  });

  it("allows only the configured CORS origins", async () => {
    const ok = await app.call("GET", "/healthz", { headers: { Origin: "https://app.example.com" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(ok.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    // A browser client reads a list's total and next page, and may ask for the total.
    for (const h of ["X-Total-Count", "X-Next-Cursor", "Link", "Preference-Applied"]) expect(ok.headers.get("access-control-expose-headers")).toContain(h);
    const asks = await app.call("OPTIONS", `/api/${A}/tasks`, {
      headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization,prefer" },
    });
    expect(asks.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("prefer");
    const other = await app.call("GET", "/healthz", { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await app.call("OPTIONS", `/api/${A}/tasks`, {
      headers: { Origin: "https://app.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("Authorization");
    expect(pre.headers.get("access-control-allow-methods")).toContain("PATCH");
  });
});

describe("rate limits (in memory)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startGeneratedApp("postgres", { ops: { rateLimit: { windowMs: 60_000, userMax: 3, ipMax: 8 } } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers 429 with Retry-After past the per-user limit, per user", async () => {
    const carol = await tokenFor("rl_carol");
    const dave = await tokenFor("rl_dave");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.call("GET", "/api/rl_carol/tasks", { token: carol })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.call("GET", "/api/rl_carol/tasks", { token: carol });
    expectProblem(limited, 429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    // Another user is not affected by carol's count.
    expect((await app.call("GET", "/api/rl_dave/tasks", { token: dave })).status).toBe(200);
  });

  it("limits each client IP too, tokens or not", async () => {
    // 6 requests so far from 127.0.0.1 in this app; the 9th is over ipMax = 8.
    expect((await app.call("GET", "/healthz")).status).toBe(200);
    expect((await app.call("GET", "/healthz")).status).toBe(200);
    const b = await app.call("GET", "/healthz");
    expectProblem(b, 429);
    expect(b.headers.get("retry-after")).toMatch(/^\d+$/);
  });
});

describe("readiness and retries when the database is away", () => {
  let database: TestDatabase;
  let proxy: FlakyProxy;
  beforeAll(async () => {
    database = await freshDatabase("postgres");
    proxy = await startFlakyProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    await database?.dispose();
  });

  it("answers /readyz 503 (problem) while the database is unreachable", async () => {
    const dead = knexFactory({ client: "pg", connection: "postgres://postgres@127.0.0.1:1/none", pool: { min: 0, max: 1 }, acquireConnectionTimeout: 1000 });
    const app = createApp({ knex: dead, verify: createVerifier({ secret: TEST_SECRET }), logger: createLogger({ level: "silent" }) });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const port = (server.address() as import("node:net").AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
      expect(((await res.json()) as { detail: string }).detail).toContain("database");
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      server.close();
      await dead.destroy();
    }
  });

  it("waits for the database with backoff at start", async () => {
    const url = new URL(database.url!);
    url.port = String(proxy.port);
    const db = await openDatabase({ url: url.toString(), poolMax: 2 });
    try {
      proxy.refuseNext(3);
      const retries: number[] = [];
      const attempts = await waitForDatabase(db.knex, { attempts: 6, baseMs: 20, maxMs: 100 }, (_e, attempt) => retries.push(attempt));
      expect(attempts).toBe(3);
      expect(retries).toEqual([1, 2, 3]);
      proxy.cutAll(); // drop the pooled connection, so the next check has to connect
      proxy.refuseNext(10);
      await expect(waitForDatabase(db.knex, { attempts: 2, baseMs: 10, maxMs: 10 })).rejects.toThrow();
    } finally {
      proxy.refuseNext(0);
      await db.close();
    }
  });

  it("retries a read whose connection was cut, but not a write", async () => {
    const { migrations } = await import("../../generated/migrations/index.js");
    const { migrateLatest } = await import("../../generated/runtime/migrate.js");
    await migrateLatest(database.db.knex, migrations);
    const url = new URL(database.url!);
    url.port = String(proxy.port);
    const db = await openDatabase({ url: url.toString(), poolMax: 1 });
    const app = await startGeneratedApp("postgres", { database: { db, url: url.toString(), dispose: () => db.close() } });
    try {
      const erin = await tokenFor("retry_erin");
      expect((await app.call("POST", "/api/retry_erin/tasks", { token: erin, body: { title: "one" } })).status).toBe(201);
      // The database "fails over": every connection is cut and the next two connects fail.
      proxy.cutAll();
      proxy.refuseNext(2);
      const before = proxy.refused;
      const read = await app.call("GET", "/api/retry_erin/tasks", { token: erin });
      expect(read.status).toBe(200);
      expect(read.body.map((t: { title: string }) => t.title)).toEqual(["one"]);
      expect(proxy.refused - before).toBe(2); // the read really met the failures and was retried
      proxy.cutAll();
      proxy.refuseNext(1);
      const write = await app.call("POST", "/api/retry_erin/tasks", { token: erin, body: { title: "two" } });
      expectProblem(write, 503);
      expect(write.headers.get("retry-after")).toBe("1");
      expect(app.errors).toEqual([]); // 503 is an expected condition, not an unexpected error
    } finally {
      await app.close();
      await db.close();
    }
  });
});

describe("settings from the environment", () => {
  it("reads limits and CORS, and refuses nonsense", () => {
    const ops = opsConfigFromEnv({ BODY_LIMIT_BYTES: "2048", CORS_ORIGINS: "https://a.example, https://b.example/", RATE_LIMIT_USER_MAX: "0" });
    expect(ops.bodyLimit).toBe(2048);
    expect(ops.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(ops.rateLimit.userMax).toBe(0);
    expect(() => opsConfigFromEnv({ BODY_LIMIT_BYTES: "1mb" })).toThrow(/BODY_LIMIT_BYTES/);
    expect(() => databaseOptionsFromEnv({ DATABASE_POOL_MAX: "lots" })).toThrow(/DATABASE_POOL_MAX/);
    expect(databaseOptionsFromEnv({ DATABASE_URL: "postgres://x/y", DATABASE_POOL_MAX: "4" })).toMatchObject({ url: "postgres://x/y", poolMax: 4 });
  });

  it("honours sslmode in DATABASE_URL (the local server has no TLS, so require must fail)", async () => {
    const base = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test");
    base.searchParams.set("sslmode", "disable");
    const plain = await openDatabase({ url: base.toString() });
    try {
      expect((await plain.knex.raw("select 1 as one")).rows[0].one).toBe(1);
    } finally {
      await plain.close();
    }
    base.searchParams.set("sslmode", "require");
    const tls = await openDatabase({ url: base.toString() });
    try {
      await expect(tls.knex.raw("select 1")).rejects.toThrow(/SSL/i);
    } finally {
      await tls.close();
    }
  });
});
