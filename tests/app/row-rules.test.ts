// Rules between two columns of a row, said in a spec's words: "Required when phase is shipped"
// is CHECK (phase <> 'shipped' OR shipped_at IS NOT NULL), and "cannot be earlier than booked_on"
// a comparison of the two columns. Over HTTP a row that breaks either is a 422 naming the fields,
// on create and on a partial update; a row that keeps them is taken; and the database itself
// refuses the row written around the API.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

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
  let app: RunningProject;
  let token = "";
  let other = "";
  const A = "parcel_ann";
  const B = "parcel_ben";

  const call = (method: string, path: string, opts?: { token?: string; body?: unknown }) => app.call(method, path, opts);
  /** SQL as the tables' owner, written around the API (as knex.raw answers: { rows }). */
  const raw = async (sql: string, bindings: unknown[] = []) => ({ rows: await app.admin(sql, bindings) });

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    token = await tokenFor(A);
    other = await tokenFor(B);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
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
