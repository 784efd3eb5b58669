// Rules between two columns of a row, said in a spec's words: "Required when phase is shipped"
// is CHECK (phase <> 'shipped' OR shipped_at IS NOT NULL), and "cannot be earlier than booked_on"
// a comparison of the two columns. Over HTTP a row that breaks either is a 422 naming the fields,
// on create and on a partial update; a row that keeps them is taken; and the database itself
// refuses the row written around the API.
import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { writeProject } from "../helpers/project.js";
import { DB_KINDS, freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { TEST_SECRET, tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "row-rules");
const APP = join(OUT, "generated");

const SCHEMA = `# Parcels

## users

- id: text (primary key)

## parcels

| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | serial | primary key | |
| user_id | text | not null, references users(id) on delete cascade | |
| phase | varchar(12) | not null, default 'booked' | one of booked, shipped |
| booked_on | date | not null | |
| handed_on | date | | Cannot be earlier than booked_on. |
| shipped_at | timestamptz | | Required when phase is shipped. |
`;

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe.each(DB_KINDS)("rules between two columns of a row on %s", (kind) => {
  let database: TestDatabase;
  let server: Server;
  let base = "";
  let token = "";
  let other = "";
  const A = "parcel_ann";
  const B = "parcel_ben";

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
    await migrateLatest(database.db.knex, migrations);
    await applyRowLevelSecurity(database.db.knex, ownedTables);
    await ensureAppRole(database.db.knex, "specforge_app");
    const app = createApp({ knex: database.db.knex, verify: createVerifier({ secret: TEST_SECRET }), dbRole: "specforge_app", preparedStatements: kind === "postgres" });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    token = await tokenFor(A);
    other = await tokenFor(B);
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
    await database?.dispose();
  });

  it("answers a row shipped without shipped_at with a 422 naming the fields, on create and on update", async () => {
    const bad = await call("POST", "/api/parcels", { token, body: { phase: "shipped", booked_on: "2030-01-01" } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain("shipped_at");
    const booked = await call("POST", "/api/parcels", { token, body: { booked_on: "2030-01-01" } });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const ship = await call("PATCH", `/api/parcels/${booked.body.id}`, { token, body: { phase: "shipped" } });
    expect(ship.status, JSON.stringify(ship.body)).toBe(422);
    expect(ship.body.errors.map((e: { field: string }) => e.field)).toContain("shipped_at");
    const shipped = await call("PATCH", `/api/parcels/${booked.body.id}`, { token, body: { phase: "shipped", shipped_at: "2030-01-02T10:00:00.000Z" } });
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    // Another user's row is still a 404, whatever the body.
    expect((await call("PATCH", `/api/parcels/${booked.body.id}`, { token: other, body: { phase: "booked" } })).status).toBe(404);
  });

  it("answers a date before the one it must follow with a 422 naming the field", async () => {
    const bad = await call("POST", "/api/parcels", { token, body: { booked_on: "2030-01-10", handed_on: "2030-01-09" } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain("handed_on");
    const same = await call("POST", "/api/parcels", { token, body: { booked_on: "2030-01-10", handed_on: "2030-01-10" } });
    expect(same.status, JSON.stringify(same.body)).toBe(201);
  });

  it("refuses both rows written around the API", async () => {
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["parcel_raw"]);
    await expect(raw("INSERT INTO parcels (user_id, phase, booked_on) VALUES (?, 'shipped', '2030-01-01')", ["parcel_raw"])).rejects.toMatchObject({ code: "23514" });
    await expect(raw("INSERT INTO parcels (user_id, booked_on, handed_on) VALUES (?, '2030-01-10', '2030-01-09')", ["parcel_raw"])).rejects.toMatchObject({ code: "23514" });
    await raw("INSERT INTO parcels (user_id, phase, booked_on, shipped_at) VALUES (?, 'shipped', '2030-01-01', now())", ["parcel_raw"]);
  });
});
