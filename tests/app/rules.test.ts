// Every rule a spec states, enforced twice: a spec with one owned table holding each rule
// family (text length, range with strict bounds, format, pattern, list items, allowed values),
// a table CHECK of an arbitrary shape, a comparison of two columns and a per-user unique pair,
// generated into tests/.output, type-checked, migrated on PGlite and on real PostgreSQL, and
// driven over HTTP with real tokens: each forbidden value is a 422 problem+json naming the
// field, the unique pair a 409 naming the constraint, a row breaking only the table CHECK a 422
// naming it; and the database itself refuses each value when it is written around the API.
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
import { fuzzApp } from "../helpers/generic-fuzz.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "rules");
const APP = join(OUT, "generated");

const SCHEMA = `# Events

Users come from the token issuer.

## users

\`\`\`sql
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email VARCHAR(255)
);
\`\`\`

## events

| Column     | Type            | Constraints                                        |
|------------|-----------------|----------------------------------------------------|
| id         | serial          | primary key                                        |
| user_id    | text            | not null, references users(id) on delete cascade   |
| name       | varchar(80)     | not null, min length 3, max length 40              |
| code       | text            | nullable, pattern ^[A-Z]{3}$                       |
| contact    | text            | nullable, email format                             |
| site       | text            | nullable, valid URL                                |
| host       | varchar(100)    | nullable, format: hostname                         |
| price      | numeric(10,2)   | not null, > 0                                      |
| quantity   | integer         | not null, min 1, max 1000                          |
| discount   | float           | nullable, less than 1                              |
| big        | bigint          | nullable, min 10                                   |
| tags       | text[]          | nullable, at most 3 items, each max 5 chars        |
| emails     | text[]          | nullable, email format, at least 1 items           |
| codes      | text[]          | nullable, pattern ^[a-z]+$                         |
| level      | enum(low, high) | not null, default low                              |
| starts_at  | timestamptz     | not null                                           |
| ends_at    | timestamptz     | not null, after starts_at                          |
| created_at | timestamptz     | not null, default now()                            |

Check constraint: price * quantity <= 100000

Unique constraint: (user_id, name)

## tickets

| Column   | Type    | Constraints                                      |
|----------|---------|--------------------------------------------------|
| id       | serial  | primary key                                      |
| user_id  | text    | not null, references users(id) on delete cascade |
| event_id | integer | not null, references events(id)                  |
| seat     | text    | not null                                         |
`;

const API = `# Events API

### GET /api/{user_id}/events
List events.

### POST /api/{user_id}/events
Create an event.

### GET /api/{user_id}/events/{id}
Get an event.

### PATCH /api/{user_id}/events/{id}
Change an event.

### DELETE /api/{user_id}/events/{id}
Delete an event.

### POST /api/{user_id}/tickets
Create a ticket for an event.

### PUT /api/{user_id}/events/{event_id}/tickets/{id}
Replace a ticket of an event (its generated tests type-check: a nested PUT with a required column).
`;

/** A row every rule allows. */
const VALID = {
  name: "launch",
  code: "ABC",
  contact: "me@example.com",
  site: "https://example.com/a?b=c",
  host: "api.example.com",
  price: "12.50",
  quantity: 3,
  discount: 0.25,
  big: "10",
  tags: ["a", "bcdef"],
  emails: ["a@example.com"],
  codes: ["abc"],
  level: "high",
  starts_at: "2030-01-01T10:00:00.000Z",
  ends_at: "2030-01-01T12:00:00.000Z",
};

/** Per field: values the request validator refuses with a 422 naming that field. */
const BAD: Record<string, unknown[]> = {
  name: ["ab", "x".repeat(41)],
  code: ["abc", "ABCD"],
  contact: ["not-an-email", "a b@example.com"],
  site: ["no scheme here", "https://exa mple.com"],
  host: ["-bad-.example", "a b"],
  price: [0, -1, "0", "-0.01"],
  quantity: [0, 1001],
  discount: [1, 1.5],
  big: ["9", "-5"],
  tags: [["a", "b", "c", "d"], ["toolong"]],
  emails: [[], ["nope"]],
  codes: [["ABC"], ["a1"]],
  level: ["middle"],
};

/**
 * Per rule: a value the database itself refuses when written around the API, and the CHECK
 * that refuses it (what the API would refuse, written with knex).
 */
const RAW_BAD: Array<{ column: string; sql: string; constraint: string }> = [
  { column: "name", sql: "'ab'", constraint: "events_name_length" },
  { column: "name", sql: `'${"x".repeat(41)}'`, constraint: "events_name_length" },
  { column: "code", sql: "'abc'", constraint: "events_code_pattern" },
  { column: "contact", sql: "'not-an-email'", constraint: "events_contact_format" },
  { column: "site", sql: "'no scheme here'", constraint: "events_site_format" },
  { column: "host", sql: "'a b'", constraint: "events_host_format" },
  { column: "price", sql: "0", constraint: "events_price_range" },
  { column: "quantity", sql: "1001", constraint: "events_quantity_range" },
  { column: "discount", sql: "1", constraint: "events_discount_range" },
  { column: "big", sql: "9", constraint: "events_big_range" },
  { column: "tags", sql: "ARRAY['a', 'b', 'c', 'd']", constraint: "events_tags_items" },
  { column: "tags", sql: "ARRAY['toolong']", constraint: "events_tags_items" },
  { column: "emails", sql: "ARRAY[]::text[]", constraint: "events_emails_items" },
  { column: "emails", sql: "ARRAY['ok@example.com', 'nope']", constraint: "events_emails_format" },
  { column: "codes", sql: "ARRAY['abc', 'A1']", constraint: "events_codes_pattern" },
  { column: "level", sql: "'middle'", constraint: "events_level_check" },
  { column: "price", sql: "101", constraint: "events_price_quantity_check" }, // 101 * 1000 > 100000
  { column: "ends_at", sql: "'2030-01-01T09:00:00Z'", constraint: "events_ends_at_starts_at_check" },
];

let ir: IR;

beforeAll(async () => {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
  );
  expect(loaded.diagnostics.map((d) => d.message)).toEqual([]);
  ir = loaded.ir!;
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, ir);
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify({ extends: relative(OUT, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2));
}, 60_000);

describe("a spec with every rule family", () => {
  it("reads each rule onto its column, the table CHECK, the comparison and the unique pair", () => {
    const t = ir.tables.find((x) => x.name === "events")!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("name")).toMatchObject({ minLength: 3, maxLength: 40 });
    expect(col("code").pattern).toBe("^[A-Z]{3}$");
    expect([col("contact").format, col("site").format, col("host").format]).toEqual(["email", "uri", "hostname"]);
    expect(col("price").exclusiveMinimum).toBe(0);
    expect(col("discount").exclusiveMaximum).toBe(1);
    expect(col("tags")).toMatchObject({ maxItems: 3, itemMaxLength: 5 });
    expect(col("emails")).toMatchObject({ minItems: 1, format: "email" });
    expect(t.checks?.map((k) => [k.name, k.sql])).toEqual([
      ["events_price_quantity_check", "price * quantity <= 100000"],
      ["events_ends_at_starts_at_check", "ends_at > starts_at"],
    ]);
    expect(t.indexes.map((i) => [i.name, i.unique])).toEqual([["events_user_id_name_unique", true]]);
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

describe.each(DB_KINDS)("every rule on %s", (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  let token = "";
  let otherToken = "";
  const A = "rules_alice";
  const B = "rules_bob";
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
  let counter = 0;
  const fresh = (extra: Record<string, unknown> = {}) => ({ ...VALID, name: `event ${++counter}`, ...extra });

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

  it("creates one named CHECK per rule family, the table's CHECKs and the unique pair", async () => {
    const { rows } = await raw("SELECT conname, contype FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype IN ('c', 'u')");
    expect(rows.map((r) => `${r.conname}:${r.contype}`).sort()).toEqual([
      "events_big_range:c",
      "events_code_pattern:c",
      "events_codes_pattern:c",
      "events_contact_format:c",
      "events_discount_range:c",
      "events_emails_format:c",
      "events_emails_items:c",
      "events_ends_at_starts_at_check:c",
      "events_host_format:c",
      "events_level_check:c",
      "events_name_length:c",
      "events_price_quantity_check:c",
      "events_price_range:c",
      "events_quantity_range:c",
      "events_site_format:c",
      "events_tags_items:c",
      "events_user_id_name_unique:u",
    ]);
  });

  it("takes a row every rule allows, and gives it back", async () => {
    const created = await call("POST", `/api/${A}/events`, { token, body: VALID });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...VALID, price: "12.50" });
  });

  for (const [field, values] of Object.entries(BAD)) {
    it(`refuses a forbidden ${field} with a 422 naming it, on create and on update`, async () => {
      const { body: row, status } = await call("POST", `/api/${A}/events`, { token, body: fresh() });
      expect(status).toBe(201);
      for (const v of values) {
        for (const [method, path, body] of [
          ["POST", `/api/${A}/events`, fresh({ [field]: v })],
          ["PATCH", `/api/${A}/events/${row.id}`, { [field]: v }],
        ] as const) {
          const res = await call(method, path, { token, body });
          const what = `${method} ${field} = ${JSON.stringify(v)}`;
          expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(422);
          expect(res.type, what).toMatch(/application\/problem\+json/);
          // A list's item is named by its place in it (tags.0).
          expect(res.body.errors.some((e: { field: string }) => e.field === field || e.field.startsWith(`${field}.`)), `${what}: ${JSON.stringify(res.body)}`).toBe(true);
        }
      }
    });
  }

  it("compares ends_at with starts_at when both are in the body, and leaves the rest to the database", async () => {
    const early = { starts_at: "2030-01-01T10:00:00.000Z", ends_at: "2030-01-01T09:00:00.000Z" };
    const created = await call("POST", `/api/${A}/events`, { token, body: fresh(early) });
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([{ field: "ends_at", message: "must be after starts_at" }]);
    const same = await call("POST", `/api/${A}/events`, { token, body: fresh({ ends_at: VALID.starts_at }) });
    expect(same.status).toBe(422);
    const { body: row } = await call("POST", `/api/${A}/events`, { token, body: fresh() });
    const patched = await call("PATCH", `/api/${A}/events/${row.id}`, { token, body: early });
    expect(patched.status).toBe(422);
    expect(patched.body.errors).toEqual([{ field: "ends_at", message: "must be after starts_at" }]);
    // Only one of the two in the body: the database's CHECK refuses it, and the answer names both fields.
    const alone = await call("PATCH", `/api/${A}/events/${row.id}`, { token, body: { ends_at: "2030-01-01T09:00:00.000Z" } });
    expect(alone.status, JSON.stringify(alone.body)).toBe(422);
    expect(alone.type).toMatch(/application\/problem\+json/);
    expect(alone.body.detail).toContain('"events_ends_at_starts_at_check"');
    expect(alone.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["ends_at", "starts_at"]);
    expect((await call("PATCH", `/api/${A}/events/${row.id}`, { token, body: { ends_at: "2030-01-01T11:00:00.000Z" } })).status).toBe(200);
  });

  it("answers a row that breaks only the table's own CHECK with a 422 naming the constraint", async () => {
    // Each value is within its column's rules; only price * quantity is over 100000.
    const res = await call("POST", `/api/${A}/events`, { token, body: fresh({ price: "101.00", quantity: 1000 }) });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.type).toMatch(/application\/problem\+json/);
    expect(res.body).toEqual({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: 'the row breaks the check constraint "events_price_quantity_check" (price, quantity)',
      errors: [
        { field: "price", message: 'breaks the check constraint "events_price_quantity_check"' },
        { field: "quantity", message: 'breaks the check constraint "events_price_quantity_check"' },
      ],
    });
    expect((await call("POST", `/api/${A}/events`, { token, body: fresh({ price: "100.00", quantity: 1000 }) })).status).toBe(201);
  });

  it("answers the delete of a row other rows still refer to with a 409, and keeps the row", async () => {
    const { body: event } = await call("POST", `/api/${A}/events`, { token, body: fresh() });
    const ticket = await call("POST", `/api/${A}/tickets`, { token, body: { event_id: event.id, seat: "A1" } });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const res = await call("DELETE", `/api/${A}/events/${event.id}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.type).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/^the row is still referenced by rows of tickets \(foreign key "[a-z_]+"\)/);
    expect((await call("GET", `/api/${A}/events/${event.id}`, { token })).status).toBe(200);
    // The contract says so: 409 on the delete of a table others refer to (no ON DELETE), not on the others.
    expect(Object.keys(openapi.paths["/api/{user_id}/events/{id}"].delete.responses)).toContain("409");
    expect(Object.keys(openapi.paths["/api/{user_id}/events/{id}"].patch.responses)).toContain("409");
    // Another user's event is a 404 whoever refers to it.
    expect((await call("DELETE", `/api/${B}/events/${event.id}`, { token: otherToken })).status).toBe(404);
  });

  it("answers the per-user unique pair with a 409 naming the constraint and the fields", async () => {
    const body = fresh({ name: "twice" });
    expect((await call("POST", `/api/${A}/events`, { token, body })).status).toBe(201);
    const again = await call("POST", `/api/${A}/events`, { token, body });
    expect(again.status).toBe(409);
    expect(again.type).toMatch(/application\/problem\+json/);
    expect(again.body).toEqual({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      detail: 'a row with the same user_id, name already exists (unique constraint "events_user_id_name_unique")',
      errors: [
        { field: "user_id", message: "is already used with the same name" },
        { field: "name", message: "is already used with the same user_id" },
      ],
    });
    // Nothing of the other row is echoed back.
    expect(JSON.stringify(again.body)).not.toContain(A);
    // Unique per user: another user may use the same name.
    expect((await call("POST", `/api/${B}/events`, { token: otherToken, body })).status).toBe(201);
  });

  it("refuses what the API would refuse when it is written around the API, naming the rule's CHECK", async () => {
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["raw_writer"]);
    const baseRow = { user_id: "raw_writer", price: 1, quantity: 1000, starts_at: "2030-01-01T10:00:00Z", ends_at: "2030-01-01T12:00:00Z" };
    let n = 0;
    const insert = async (column: string, sql: string) => {
      const row: Record<string, unknown> = { ...baseRow, name: `raw ${++n}` };
      delete row[column];
      const cols = Object.keys(row);
      return raw(`INSERT INTO events (${[...cols, column].join(", ")}) VALUES (${cols.map(() => "?").join(", ")}, ${sql}) RETURNING id`, Object.values(row));
    };
    for (const b of RAW_BAD) {
      await expect(insert(b.column, b.sql), `${b.column} = ${b.sql}`).rejects.toMatchObject({ code: "23514", constraint: b.constraint });
    }
    // And takes what is right, then refuses the same values as an UPDATE.
    const { rows } = await insert("quantity", "1000");
    const id = rows[0]!.id;
    const taken = `raw ${n}`;
    for (const b of RAW_BAD) {
      await expect(raw(`UPDATE events SET ${b.column} = ${b.sql} WHERE id = ?`, [id]), `update ${b.column} = ${b.sql}`).rejects.toMatchObject({ code: "23514", constraint: b.constraint });
    }
    await expect(raw("INSERT INTO events (user_id, name, price, quantity, starts_at, ends_at) VALUES ('raw_writer', ?, 1, 1, now(), now() + interval '1 hour')", [taken])).rejects.toMatchObject({ code: "23505", constraint: "events_user_id_name_unique" });
  });

  it("answers random requests without a 5xx", async () => {
    const listed = await call("GET", `/api/${B}/events`, { token: otherToken });
    const fuzz = await fuzzApp(openapi, base, { id: B, token: otherToken }, { id: A, columns: new Set(["user_id"]) }, listed.body.map((g: any) => String(g.id)), Number(process.env.RULES_FUZZ ?? 200), Number(process.env.RULES_SEED ?? 20261202));
    expect(fuzz.failures).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
