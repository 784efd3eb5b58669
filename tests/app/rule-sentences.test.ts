// Rules stated as sentences in a list under the tables ("Rules:"), read by the vocabulary test
// in tests/unit/reading-rule-sentence-vocabulary.test.ts, are enforced: over HTTP a value breaking
// one is a 422 naming the field (create and partial update), and the database refuses the same
// value written around the API (a month kept as text held to "YYYY-MM", a limit that cannot be
// negative, a length "limited to" N characters).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "rule-sentences");
const APP = join(OUT, "generated");

const SCHEMA = `# Budgets

## users

- id: text (primary key)

## budgets

- id: serial (primary key)
- user_id: text (not null, references users(id) on delete cascade)
- month: text (not null)
- cap: numeric(10,2) (not null)
- label: text (optional)

Rules:
- month is formatted as YYYY-MM
- a budget cap can't be negative
- label is limited to 20 characters
`;

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe.each(DB_KINDS)("rules written as sentences on %s", (kind) => {
  let app: RunningProject;
  let token = "";
  let other = "";
  const call = (method: string, path: string, opts?: { token?: string; body?: unknown }) => app.call(method, path, opts);
  const fields = (r: { body: { errors?: { field: string }[] } }) => (r.body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    token = await tokenFor("budget_amy");
    other = await tokenFor("budget_bo");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("answers a value breaking a stated rule with a 422 naming the field, on create and on update", async () => {
    for (const [body, field] of [
      [{ month: "2024-13", cap: 10 }, "month"],
      [{ month: "March 2024", cap: 10 }, "month"],
      [{ month: "2024-03", cap: -1 }, "cap"],
      [{ month: "2024-03", cap: 1, label: "x".repeat(21) }, "label"],
    ] as const) {
      const r = await call("POST", "/api/budgets", { token, body });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.type).toMatch(/application\/problem\+json/);
      expect(fields(r)).toContain(field);
    }
    const ok = await call("POST", "/api/budgets", { token, body: { month: "2024-03", cap: 0, label: "x".repeat(20) } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const bad = await call("PATCH", `/api/budgets/${ok.body.id}`, { token, body: { month: "2024-3" } });
    expect(bad.status, JSON.stringify(bad.body)).toBe(422);
    expect(fields(bad)).toContain("month");
    expect((await call("PATCH", `/api/budgets/${ok.body.id}`, { token, body: { month: "2025-12" } })).status).toBe(200);
    expect((await call("PATCH", `/api/budgets/${ok.body.id}`, { token: other, body: { month: "2025-11" } })).status).toBe(404);
  });

  it("has the database refuse the same values written around the API", async () => {
    await app.admin("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["budget_raw"]);
    await expect(app.admin("INSERT INTO budgets (user_id, month, cap) VALUES (?, '2024-00', 5)", ["budget_raw"])).rejects.toMatchObject({ code: "23514" });
    await expect(app.admin("INSERT INTO budgets (user_id, month, cap) VALUES (?, '2024-05', -0.5)", ["budget_raw"])).rejects.toMatchObject({ code: "23514" });
    await expect(app.admin("INSERT INTO budgets (user_id, month, cap, label) VALUES (?, '2024-05', 1, ?)", ["budget_raw", "y".repeat(21)])).rejects.toMatchObject({ code: "23514" });
    await app.admin("INSERT INTO budgets (user_id, month, cap) VALUES (?, '2024-05', 0)", ["budget_raw"]);
  });
});
