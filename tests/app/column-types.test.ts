// PostgreSQL's column types end to end: a spec with one owned table holding a column of each
// type, generated into tests/.output, type-checked, migrated on PGlite and on real PostgreSQL,
// and driven over HTTP with real tokens: every value goes in and comes back in its JSON form
// (bytea as base64, interval as PostgreSQL's text, lists as arrays, vector as numbers), every
// bad value is a 422 naming the field, and the database itself refuses what the API would not
// let through. Then the generic isolation checks and the breadth fuzz run over the same app.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { writeProject } from "../helpers/project.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { TEST_SECRET, tokenFor } from "../helpers/tokens.js";
import { checkIsolation } from "../helpers/generic-isolation.js";
import { fuzzApp } from "../helpers/generic-fuzz.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "column-types");
const APP = join(OUT, "generated");

const SCHEMA = `# Gadgets

Users come from the token issuer.

## users

\`\`\`sql
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email VARCHAR(255)
);
\`\`\`

## gadgets

| Column     | Type               | Constraints                                      |
|------------|--------------------|--------------------------------------------------|
| id         | serial             | primary key                                      |
| user_id    | text               | not null, references users(id) on delete cascade |
| name       | varchar(80)        | not null                                         |
| blob       | bytea              | nullable                                         |
| blobs      | bytea[]            | nullable                                         |
| ip         | inet               | nullable                                         |
| net        | cidr               | nullable                                         |
| mac        | macaddr            | nullable                                         |
| span       | interval           | nullable                                         |
| spans      | interval[]         | nullable                                         |
| tags       | TEXT[]             | nullable                                         |
| scores     | integer ARRAY      | nullable                                         |
| refs       | uuid[]             | nullable                                         |
| days       | date[]             | nullable                                         |
| amounts    | numeric(8,2)[]     | nullable                                         |
| moods      | enum(calm, busy)[] | nullable                                         |
| code       | char(3)            | nullable                                         |
| codes      | char(2)[]          | nullable                                         |
| price      | numeric(10,2)      | nullable                                         |
| opens      | time               | nullable                                         |
| meta       | jsonb              | nullable                                         |
| level      | smallint           | nullable                                         |
| embedding  | vector(3)          | nullable                                         |
| created_at | timestamptz        | not null, default now()                          |
`;

const API = `# Gadgets API

### GET /api/{user_id}/gadgets
List gadgets.

Query Parameters:
- ip: inet - only the gadgets at this address
- span: interval - only the gadgets with this span
- tags: string - a list column (refused)
- sort: name|created

### POST /api/{user_id}/gadgets
Create a gadget.

### GET /api/{user_id}/gadgets/{id}
Get a gadget.

### PATCH /api/{user_id}/gadgets/{id}
Change a gadget.

### DELETE /api/{user_id}/gadgets/{id}
Delete a gadget.
`;

/** A value of every column, and how the API answers with it. */
const FULL = {
  name: "all of them",
  blob: "AAEC/w==",
  blobs: ["", "aGVsbG8="],
  ip: "192.168.0.1",
  net: "10.0.0.0/8",
  mac: "08-00-2B-01-02-03",
  span: "P1DT2H",
  spans: ["3 hours", "P1M"],
  tags: ["a", "b,c", 'd"e', "", "{x}"],
  scores: [1, -2, 2147483647],
  refs: ["0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f"],
  days: ["2030-01-02"],
  amounts: [1.5, "2.25"],
  moods: ["calm", "busy"],
  code: "ab",
  codes: ["x", "yz"],
  price: 12.5,
  opens: "09:30:00",
  meta: { a: [1, "b"] },
  level: 32767,
  embedding: [0.5, -1, 2.25],
};
const FULL_BACK = {
  ...FULL,
  mac: "08:00:2b:01:02:03",
  span: "1 day 02:00:00",
  spans: ["03:00:00", "1 mon"],
  amounts: ["1.50", "2.25"],
  price: "12.50",
};
const CHANGED = {
  name: "changed",
  blob: "",
  blobs: [],
  ip: "2001:db8::1/64",
  net: "2001:db8::/32",
  mac: "08002b010204",
  span: "-1 days +02:00:00",
  spans: [],
  tags: ["z"],
  scores: [],
  refs: [],
  days: ["2031-12-31", "2032-02-29"],
  amounts: [],
  moods: [],
  code: "USD",
  codes: [],
  price: "0.10",
  opens: "23:59:59",
  meta: [],
  level: -32768,
  embedding: [0, 0, 1e-3],
};
const CHANGED_BACK = { ...CHANGED, mac: "08:00:2b:01:02:04", embedding: [0, 0, 0.001] };

/** Per column: values the API refuses with a 422 naming that field. */
const BAD: Record<string, unknown[]> = {
  blob: ["not base64!", "YQ", 5],
  blobs: [["YQ"], "AAEC"],
  ip: ["999.1.1.1", "1.2.3.4/33", "fe80::1%eth0", "localhost"],
  net: ["10.0.0.0/99", "x"],
  mac: ["08:00:2b:01:02:0g", "08:00:2b"],
  span: ["banana", "1 century", "P", 3],
  spans: [["banana"]],
  tags: [["a", 1], "a", [["a"]], [null], Array.from({ length: 1001 }, () => "a")],
  scores: [["x"], [1.5], [2147483648]],
  refs: [["not-a-uuid"]],
  days: [["2030-02-30"]],
  amounts: [["x"]],
  moods: [["angry"]],
  code: ["EURO"],
  codes: [["abc"]],
  level: [32768, -32769],
  embedding: [[1, 2], [1, 2, 3, 4], [1, "2", 3], [1, 2, 1e39], "[1,2,3]"],
};

let ir: IR;

beforeAll(async () => {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = loaded.ir!;
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, ir);
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify({ extends: relative(OUT, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2));
}, 60_000);

describe("a spec with every column type", () => {
  it("reads each column as its type", () => {
    const t = ir.tables.find((x) => x.name === "gadgets")!;
    const type = (n: string) => t.columns.find((c) => c.name === n)!.type;
    expect(type("blob")).toEqual({ kind: "bytes" });
    expect(type("scores")).toEqual({ kind: "array", of: { kind: "integer" } });
    expect(type("moods")).toEqual({ kind: "array", of: { kind: "enum", values: ["calm", "busy"] } });
    expect(type("code")).toEqual({ kind: "string", maxLength: 3, fixed: true });
    expect(type("level")).toEqual({ kind: "integer", small: true });
    expect(type("embedding")).toEqual({ kind: "vector", dimensions: 3 });
  });

  it("generates an app that type-checks", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", join(OUT, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toBe("");
  }, 120_000);
});

describe.each(DB_KINDS)("every column type on %s", (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  let token = "";
  let otherToken = "";
  const A = "types_alice";
  const B = "types_bob";
  const errors: unknown[] = [];
  let openapi: any;

  const call = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, type: res.headers.get("content-type") ?? "" };
  };
  const raw = async (sql: string, bindings: unknown[] = []) => (await database.db.knex.raw(sql, bindings as never)) as { rows: Record<string, unknown>[] };

  beforeAll(async () => {
    database = await freshDatabase(kind);
    const { migrations } = await import(pathToFileURL(join(APP, "migrations", "index.ts")).href);
    const { migrateLatest } = await import(pathToFileURL(join(APP, "runtime", "migrate.ts")).href);
    const { createApp } = await import(pathToFileURL(join(APP, "app.ts")).href);
    const { createVerifier } = await import(pathToFileURL(join(APP, "runtime", "auth.ts")).href);
    const { applyRowLevelSecurity, ensureAppRole } = await import(pathToFileURL(join(APP, "runtime", "rls.ts")).href);
    const { ownedTables } = await import(pathToFileURL(join(APP, "rls.ts")).href);
    openapi = (await import(pathToFileURL(join(APP, "openapi.json")).href, { with: { type: "json" } })).default;
    await migrateLatest(database.db.knex, migrations);
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, "specforge_app");
    const app = createApp({ knex: database.db.knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: "specforge_app", logError: (e: unknown) => errors.push(e), preparedStatements: kind === "postgres" });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = await tokenFor(A);
    otherToken = await tokenFor(B);
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await database?.dispose();
  });

  it("migrates each column to its PostgreSQL type (vector as pgvector's type only where the database has it)", async () => {
    const { rows } = await raw(
      "SELECT a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a WHERE a.attrelid = 'gadgets'::regclass AND a.attnum > 0 AND NOT a.attisdropped",
    );
    const types = Object.fromEntries(rows.map((r) => [r.col, r.type]));
    const pgvector = (await raw("SELECT to_regtype('vector') IS NOT NULL AS ok")).rows[0]!.ok === true;
    expect(types).toMatchObject({
      blob: "bytea",
      blobs: "bytea[]",
      ip: "inet",
      net: "cidr",
      mac: "macaddr",
      span: "interval",
      spans: "interval[]",
      tags: "text[]",
      scores: "integer[]",
      refs: "uuid[]",
      days: "date[]",
      amounts: "numeric(8,2)[]",
      moods: "text[]",
      code: "character(3)",
      codes: "character(2)[]",
      level: "smallint",
      embedding: pgvector ? "vector(3)" : "real[]",
    });
    const checks = (await raw("SELECT conname FROM pg_constraint WHERE conrelid = 'gadgets'::regclass AND contype = 'c' ORDER BY conname")).rows.map((r) => r.conname);
    expect(checks).toContain("gadgets_moods_check");
    expect(checks.includes("gadgets_embedding_dims")).toBe(!pgvector);
  });

  it("writes a value of every type and reads each back in its JSON form", async () => {
    const created = await call("POST", `/api/${A}/gadgets`, { token, body: FULL });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject(FULL_BACK);
    const got = await call("GET", `/api/${A}/gadgets/${created.body.id}`, { token });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject(FULL_BACK);
    // What the database holds is what was sent: bytes, not their base64 text.
    const stored = (await raw("SELECT encode(blob, 'hex') AS hex, blobs[2] = 'hello'::bytea AS hello, code = 'ab' AS code, span = interval '26 hours' AS span FROM gadgets WHERE id = ?", [created.body.id])).rows[0]!;
    expect(stored).toEqual({ hex: "000102ff", hello: true, code: true, span: true });
    const listed = await call("GET", `/api/${A}/gadgets`, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.find((g: any) => g.id === created.body.id)).toMatchObject(FULL_BACK);
  });

  it("changes every column with PATCH, and sets each back to null", async () => {
    const { body: row } = await call("POST", `/api/${A}/gadgets`, { token, body: { name: "to change" } });
    const patched = await call("PATCH", `/api/${A}/gadgets/${row.id}`, { token, body: CHANGED });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject(CHANGED_BACK);
    expect((await call("GET", `/api/${A}/gadgets/${row.id}`, { token })).body).toMatchObject(CHANGED_BACK);
    const nulls = Object.fromEntries(Object.keys(CHANGED).filter((k) => k !== "name").map((k) => [k, null]));
    const cleared = await call("PATCH", `/api/${A}/gadgets/${row.id}`, { token, body: nulls });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject(nulls);
  });

  for (const [field, values] of Object.entries(BAD)) {
    it(`refuses a bad ${field} with a 422 that names it, on create and on update`, async () => {
      const { body: row } = await call("POST", `/api/${A}/gadgets`, { token, body: { name: `bad ${field}` } });
      for (const v of values) {
        for (const [method, path, body] of [
          ["POST", `/api/${A}/gadgets`, { name: "x", [field]: v }],
          ["PATCH", `/api/${A}/gadgets/${row.id}`, { [field]: v }],
        ] as const) {
          const res = await call(method, path, { token, body });
          const what = `${method} ${field} = ${JSON.stringify(v).slice(0, 60)}`;
          expect(res.status, what).toBe(422);
          expect(res.type, what).toMatch(/application\/problem\+json/);
          expect(res.body.errors.some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`)), `${what}: ${JSON.stringify(res.body)}`).toBe(true);
        }
      }
    });
  }

  it("answers with PostgreSQL's own form of an address, a MAC and an interval", async () => {
    const res = await call("POST", `/api/${A}/gadgets`, { token, body: { name: "forms", ip: "2001:DB8:0:0::1", net: "10.1.0.0", mac: "0800.2B01.0203", span: "90 minutes" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ip: "2001:db8::1", net: "10.1.0.0/32", mac: "08:00:2b:01:02:03", span: "01:30:00" });
  });

  it("leaves to the database what a pattern cannot see, and still answers 422 (a cidr with host bits)", async () => {
    const res = await call("POST", `/api/${A}/gadgets`, { token, body: { name: "host bits", net: "10.0.0.1/8" } });
    expect(res.status).toBe(422);
    expect(res.type).toMatch(/application\/problem\+json/);
  });

  it("refuses what the API would refuse when it is written around the API", async () => {
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["raw_writer"]);
    const insert = (column: string, expr: string) => raw(`INSERT INTO gadgets (user_id, name, ${column}) VALUES ('raw_writer', 'raw', ${expr})`);
    await expect(insert("embedding", "ARRAY[1, 2]::real[]")).rejects.toThrow();
    await expect(insert("embedding", "ARRAY[1, 2, 3, 4]::real[]")).rejects.toThrow();
    await expect(insert("embedding", "ARRAY[1, NULL, 3]::real[]")).rejects.toThrow();
    await expect(insert("embedding", "ARRAY[ARRAY[1, 2, 3]]::real[]")).rejects.toThrow();
    await expect(insert("moods", "ARRAY['calm', 'angry']")).rejects.toThrow();
    await expect(insert("code", "'EURO'")).rejects.toThrow();
    await expect(insert("level", "40000")).rejects.toThrow();
    await expect(insert("ip", "'999.1.1.1'")).rejects.toThrow();
    // And takes what is right.
    await insert("embedding", "ARRAY[1, 2, 3]::real[]");
  });

  it("filters by address and by span, and refuses a filter on a list", async () => {
    await call("POST", `/api/${A}/gadgets`, { token, body: { name: "at .77", ip: "192.168.0.77", span: "2 hours" } });
    const byIp = await call("GET", `/api/${A}/gadgets?ip=192.168.0.77`, { token });
    expect(byIp.status).toBe(200);
    expect(byIp.body.map((g: any) => g.name)).toEqual(["at .77"]);
    const bySpan = await call("GET", `/api/${A}/gadgets?span=${encodeURIComponent("02:00:00")}`, { token });
    expect(bySpan.body.map((g: any) => g.name)).toEqual(["at .77"]);
    for (const q of ["ip=junk", "ip=999.1.1.1", "span=banana", `span=${encodeURIComponent("99999999999 years")}`, "tags=a"]) {
      const res = await call("GET", `/api/${A}/gadgets?${q}`, { token });
      expect(res.status, q).toBe(422);
    }
  });

  it("keeps every user to their own rows, and answers random requests without a 5xx", async () => {
    const a = { id: A, token };
    const b = { id: B, token: otherToken };
    const report = await checkIsolation(ir, openapi, call, a, b);
    expect(report.failures).toEqual([]);
    expect(report.checked).toContain("gadgets");
    const listed = await call("GET", `/api/${B}/gadgets`, { token: otherToken });
    const fuzz = await fuzzApp(openapi, base, b, { id: A, columns: new Set(["user_id"]) }, listed.body.map((g: any) => String(g.id)), Number(process.env.COLUMN_TYPES_FUZZ ?? 300), Number(process.env.COLUMN_TYPES_SEED ?? 20261201));
    expect(fuzz.failures).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
