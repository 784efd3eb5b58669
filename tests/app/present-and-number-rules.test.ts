// Numbers a column must be one of ("effort: 1 | 2 | 3", CHECK (weight IN (5, 10, 20))) and dates
// placed relative to the request's moment ("cannot be in the past", "must be in the future").
// Over HTTP a body breaking either is a 422 naming the field, on create and on a partial update;
// a number outside its list is refused by the database too, written around the API. A rule
// about the present is the validator's alone (a CHECK with now() would hold only at insert):
// the database keeps a row written around the API whatever its date. "No HTML tags" is a pattern
// (no angle bracket) that both the validator and the database hold.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "present-and-number-rules");
const APP = join(OUT, "generated");

const SCHEMA = `# Chores

## users

- id: text (primary key)

## chores

- id: serial (primary key)
- user_id: text (not null, references users(id) on delete cascade)
- effort: 1 | 2 | 3 (default 1)
- weight: integer (optional, check (weight in (5, 10, 20)))
- due_on: date (optional, cannot be in the past)
- remind_at: timestamptz (optional, must be in the future)
- label: text (optional, max 60 characters, no HTML tags)
`;

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

/** A date `days` from today (UTC), and an instant `hours` from now. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const instant = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe.each(DB_KINDS)("numbers from a list and dates relative to now on %s", (kind) => {
  let app: RunningProject;
  let token = "";
  let other = "";

  const call = (method: string, path: string, opts?: { token?: string; body?: unknown }) => app.call(method, path, opts);
  const raw = (sql: string, bindings: unknown[] = []) => app.admin(sql, bindings);
  const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    token = await tokenFor("chore_ann");
    other = await tokenFor("chore_ben");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("answers a number outside its list with a 422 naming the field, on create and on update", async () => {
    const bad = await call("POST", "/api/chores", { token, body: { effort: 4 } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(bad.type).toMatch(/application\/problem\+json/);
    expect(fields(bad)).toContain("effort");
    const badWeight = await call("POST", "/api/chores", { token, body: { weight: 7 } });
    expect(badWeight.status, JSON.stringify(badWeight.body)).toBe(422);
    expect(fields(badWeight)).toContain("weight");
    const ok = await call("POST", "/api/chores", { token, body: { effort: 3, weight: 10 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const patch = await call("PATCH", `/api/chores/${ok.body.id}`, { token, body: { effort: 0 } });
    expect(patch.status, JSON.stringify(patch.body)).toBe(422);
    expect(fields(patch)).toContain("effort");
    expect((await call("PATCH", `/api/chores/${ok.body.id}`, { token, body: { weight: null } })).status).toBe(200);
    // Another user's row is still a 404, whatever the body.
    expect((await call("PATCH", `/api/chores/${ok.body.id}`, { token: other, body: { effort: 2 } })).status).toBe(404);
  });

  it("answers a date in the past and an instant not in the future with a 422 naming the field", async () => {
    const past = await call("POST", "/api/chores", { token, body: { due_on: day(-2) } });
    expect(past.status, JSON.stringify(past.body)).toBe(422);
    expect(fields(past)).toContain("due_on");
    const early = await call("POST", "/api/chores", { token, body: { remind_at: instant(-1) } });
    expect(early.status, JSON.stringify(early.body)).toBe(422);
    expect(fields(early)).toContain("remind_at");
    const ok = await call("POST", "/api/chores", { token, body: { due_on: day(0), remind_at: instant(2) } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const moved = await call("PATCH", `/api/chores/${ok.body.id}`, { token, body: { due_on: day(-30) } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(422);
    expect(fields(moved)).toContain("due_on");
    expect((await call("PATCH", `/api/chores/${ok.body.id}`, { token, body: { due_on: day(5) } })).status).toBe(200);
  });

  it("answers a label with markup with a 422 naming the field, and the database refuses it too", async () => {
    const bad = await call("POST", "/api/chores", { token, body: { label: "<b>mop</b>" } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(fields(bad)).toContain("label");
    expect((await call("POST", "/api/chores", { token, body: { label: "mop the floor" } })).status).toBe(201);
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["chore_raw"]);
    await expect(raw("INSERT INTO chores (user_id, label) VALUES (?, '<i>x</i>')", ["chore_raw"])).rejects.toMatchObject({ code: "23514" });
  });

  it("refuses a number outside its list written around the API, and keeps a past date (a rule of the validator alone)", async () => {
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["chore_raw"]);
    await expect(raw("INSERT INTO chores (user_id, effort) VALUES (?, 9)", ["chore_raw"])).rejects.toMatchObject({ code: "23514" });
    await expect(raw("INSERT INTO chores (user_id, weight) VALUES (?, 6)", ["chore_raw"])).rejects.toMatchObject({ code: "23514" });
    await raw("INSERT INTO chores (user_id, effort, due_on) VALUES (?, 2, '2001-01-01')", ["chore_raw"]);
  });
});
