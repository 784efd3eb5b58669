// Hostile inputs, replayed against a generated app with a jsonb column, on PGlite and on real
// PostgreSQL: each of the classes an outside review broke (nesting, chunked and aborted
// bodies, huge key counts, unrepresentable numbers, duplicate headers, a reused email, NUL
// characters, year 0000, invalid UTF-8, unknown methods, large tokens). Each must get a 4xx
// problem+json (or work), the app keeps serving, nothing is logged at error level, and no
// error reaches the unexpected-error logger.
import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { Writable } from "node:stream";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { writeProject } from "../helpers/project.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { TEST_SECRET, tokenFor } from "../helpers/tokens.js";
import { chunk, rawExchange, requestHead as head } from "../helpers/raw-http.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "hostile");
const APP = join(OUT, "generated");

const SCHEMA = `# Notes

## users

| Column | Type         | Constraints      |
|--------|--------------|------------------|
| id     | text         | primary key      |
| email  | varchar(255) | unique, nullable |
| name   | varchar(100) | nullable         |

## notes

| Column     | Type         | Constraints                                      |
|------------|--------------|--------------------------------------------------|
| id         | serial       | primary key                                      |
| user_id    | text         | not null, references users(id) on delete cascade |
| title      | varchar(100) | not null                                         |
| count      | integer      | nullable                                         |
| due        | date         | nullable                                         |
| meta       | jsonb        | nullable                                         |
| created_at | timestamptz  | not null, default now()                          |
`;

const API = `# Notes API

### GET /api/{user_id}/notes
### POST /api/{user_id}/notes
### GET /api/{user_id}/notes/{id}
### PATCH /api/{user_id}/notes/{id}
### DELETE /api/{user_id}/notes/{id}
`;

describe.each(DB_KINDS)("hostile input on %s", (kind) => {
  let database: TestDatabase;
  let server: Server;
  let port: number;
  let base: string;
  let token: string;
  const logLines: Array<{ level: string; msg: string; status?: number; method?: string }> = [];
  const unexpected: unknown[] = [];
  const A = "hostile_a";

  const call = async (method: string, path: string, opts: { body?: unknown; text?: string | Buffer; token?: string | null; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token !== null) headers.authorization = `Bearer ${opts.token ?? token}`;
    if (opts.body !== undefined || opts.text !== undefined) headers["content-type"] ??= "application/json";
    const res = await fetch(base + path, { method, headers, body: opts.text ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get("content-type") ?? "", text, body: text ? (JSON.parse(text) as Record<string, any>) : undefined, headers: res.headers };
  };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const { migrations } = await import(pathToFileURL(join(APP, "migrations", "index.ts")).href);
    const { migrateLatest } = await import(pathToFileURL(join(APP, "runtime", "migrate.ts")).href);
    const { createApp } = await import(pathToFileURL(join(APP, "app.ts")).href);
    const { createVerifier } = await import(pathToFileURL(join(APP, "runtime", "auth.ts")).href);
    const { createLogger } = await import(pathToFileURL(join(APP, "runtime", "logger.ts")).href);
    const { createHttpServer } = await import(pathToFileURL(join(APP, "runtime", "http.ts")).href);
    const { applyRowLevelSecurity, ensureAppRole } = await import(pathToFileURL(join(APP, "runtime", "rls.ts")).href);
    const { ownedTables } = await import(pathToFileURL(join(APP, "rls.ts")).href);
    await migrateLatest(database.db.knex, migrations);
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, "specforge_app");
    const destination = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split("\n")) if (line.trim()) logLines.push(JSON.parse(line));
        done();
      },
    });
    const logger = createLogger({ level: "info", destination });
    const app = createApp({
      knex: database.db.knex,
      verify: createVerifier({ secret: TEST_SECRET }),
      dbRole: "specforge_app",
      logger,
      logError: (e: unknown) => unexpected.push(e),
      preparedStatements: kind === "postgres",
    });
    server = createHttpServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    token = await tokenFor(A, { claims: { email: "a@example.com" } });
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await database?.dispose();
    // Whatever happened above: nothing a client did is logged as the server's fault.
    expect(logLines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    expect(unexpected).toEqual([]);
  });

  const expectProblem = (r: { status: number; type: string; body?: Record<string, any> }, status: number) => {
    expect(r.status).toBe(status);
    expect(r.type).toMatch(/application\/problem\+json/);
    expect(r.body!.status).toBe(status);
    expect(typeof r.body!.detail).toBe("string");
    expect(JSON.stringify(r.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack
  };

  it("refuses JSON nested 5,000 levels deep in a jsonb field with a 422 naming it", async () => {
    const deep = `{"title":"deep","meta":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const r = await call("POST", `/api/${A}/notes`, { text: deep });
    expectProblem(r, 422);
    expect(r.body!.errors[0].field).toMatch(/^meta/);
    const ok = await call("POST", `/api/${A}/notes`, { body: { title: "nested but fine", meta: { a: { b: [[1, 2], { c: null }] } } } });
    expect(ok.status).toBe(201);
  });

  it("answers 413 to a chunked body over the limit, and keeps serving", async () => {
    const data = Buffer.alloc(64 * 1024, 0x61);
    const parts = [head("POST", `/api/${A}/notes`, [`Authorization: Bearer ${token}`, "Content-Type: application/json", "Transfer-Encoding: chunked"])];
    for (let i = 0; i < 32; i++) parts.push(chunk(data));
    parts.push(Buffer.from("0\r\n\r\n"));
    const r = await rawExchange(port, parts);
    // The answer may be cut by the reset that follows closing a connection with unread bytes;
    // when it arrives it is the 413 problem, and the access log says 413 either way.
    if (r) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).status).toBe(413);
    }
    await expect.poll(() => logLines.some((l) => l.msg === "request" && l.status === 413 && l.method === "POST")).toBe(true);
    expect((await call("GET", `/api/${A}/notes`)).status).toBe(200);
  });

  it("takes a client that leaves mid-upload for what it is: not a database outage, not an error", async () => {
    const before = logLines.length;
    const parts = [head("POST", `/api/${A}/notes`, [`Authorization: Bearer ${token}`, "Content-Type: application/json", "Content-Length: 5000"]), Buffer.from('{"title":"half')];
    await rawExchange(port, parts, { abort: true });
    await expect.poll(() => logLines.slice(before).some((l) => l.msg === "request" && l.method === "POST")).toBe(true);
    const line = logLines.slice(before).find((l) => l.msg === "request" && l.method === "POST")!;
    expect(line.level).toBe("info");
    expect(line.status).toBe(400);
    expect(JSON.stringify(logLines.slice(before))).not.toMatch(/database is not reachable/);
    expect((await call("GET", `/api/${A}/notes`)).status).toBe(200);
  });

  it("answers 90,000 unknown keys with a short 422 that says how many it did not list", async () => {
    const body: Record<string, number> = { title: 1 } as never;
    for (let i = 0; i < 90_000; i++) body[`k${i}`] = 1;
    const r = await call("POST", `/api/${A}/notes`, { body });
    expectProblem(r, 422);
    expect(r.text.length).toBeLessThan(10_000);
    expect(r.body!.errors.length).toBe(20);
    expect(r.body!.errorsNotListed).toBe(90_001 - 20);
    expect(r.body!.detail).toMatch(/and 89981 more$/);
  });

  it("refuses a number JSON cannot represent (1e400) instead of storing null", async () => {
    for (const text of ['{"title":"big","count":1e400}', '{"title":"big","meta":{"x":1e400}}', '{"title":"big","meta":[-1e400]}']) {
      const r = await call("POST", `/api/${A}/notes`, { text });
      expectProblem(r, 422);
      expect(r.body!.errors[0].field).toMatch(/^(count|meta)/);
    }
  });

  it("refuses a request with two Authorization headers", async () => {
    const other = await tokenFor("hostile_other");
    const r = await rawExchange(port, [head("GET", `/api/${A}/notes`, [`Authorization: Bearer ${token}`, `Authorization: Bearer ${other}`, "Connection: close"])]);
    expect(r!.status).toBe(400);
    expect(r!.headers["content-type"]).toMatch(/problem\+json/);
    expect(JSON.parse(r!.body).detail).toMatch(/more than one Authorization/);
  });

  it("records a new user whose email an old account still holds, without blocking their writes", async () => {
    const oldUser = "hostile_old";
    const newUser = "hostile_new";
    const oldToken = await tokenFor(oldUser, { claims: { email: "reused@example.com" } });
    expect((await call("POST", `/api/${oldUser}/notes`, { body: { title: "old" }, token: oldToken })).status).toBe(201);
    const newToken = await tokenFor(newUser, { claims: { email: "reused@example.com", name: "New" } });
    const r = await call("POST", `/api/${newUser}/notes`, { body: { title: "new" }, token: newToken });
    expect(r.status).toBe(201);
    const rows = (await database.db.knex("users").whereIn("id", [oldUser, newUser]).orderBy("id")) as Array<{ id: string; email: string | null }>;
    expect(rows).toEqual([expect.objectContaining({ id: newUser, email: null }), expect.objectContaining({ id: oldUser, email: "reused@example.com" })]);
  });

  it("names the field for a NUL character and for year 0000, and refuses bytes that are not UTF-8", async () => {
    const nul = await call("POST", `/api/${A}/notes`, { body: { title: "a\u0000b" } });
    expectProblem(nul, 422);
    expect(nul.body!.errors[0].field).toBe("title");
    const nulInJson = await call("POST", `/api/${A}/notes`, { body: { title: "ok", meta: { "k": ["x\u0000"] } } });
    expectProblem(nulInJson, 422);
    expect(nulInJson.body!.errors[0].field).toBe("meta.k[0]");
    const year0 = await call("POST", `/api/${A}/notes`, { body: { title: "ok", due: "0000-01-01" } });
    expectProblem(year0, 422);
    expect(year0.body!.errors[0].field).toBe("due");
    const latin1 = Buffer.concat([Buffer.from('{"title":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const bad = await call("POST", `/api/${A}/notes`, { text: latin1 });
    expectProblem(bad, 400);
    expect(bad.body!.detail).toMatch(/UTF-8/);
  });

  it("answers unknown methods with a 405 problem naming the methods the resource takes, logged below error level", async () => {
    for (const method of ["TRACE", "PROPFIND"]) {
      const before = logLines.length;
      const r = await rawExchange(port, [head(method, `/api/${A}/notes`, [`Authorization: Bearer ${token}`, "Connection: close"])]);
      expect(r!.status).toBe(405);
      expect(r!.headers.allow).toMatch(/GET/);
      expect(r!.headers["content-type"]).toMatch(/problem\+json/);
      await expect.poll(() => logLines.slice(before).some((l) => l.msg === "request" && l.method === method)).toBe(true);
      expect(logLines.slice(before).filter((l) => l.level === "error")).toEqual([]);
    }
  });

  it("accepts a Better Auth-sized token with a profile image inline (about 12 KB)", async () => {
    const big = await tokenFor("hostile_big", { claims: { email: "big@example.com", image: `data:image/png;base64,${"A".repeat(12_000)}` } });
    expect(big.length).toBeGreaterThan(12_000);
    const r = await call("GET", `/api/hostile_big/notes`, { token: big });
    expect(r.status).toBe(200);
  });
});

beforeAll(async () => {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const ir = loaded.ir!;
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, ir);
}, 60_000);
