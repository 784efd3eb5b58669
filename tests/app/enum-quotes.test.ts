// An allowed value holding a quote ("don't know") migrates and is enforced: the first migration's
// CHECK for an enum column is written by knex, which puts the values between quotes as they are;
// the generator doubles a quote so the literal stays whole. Run on PGlite and PostgreSQL, through
// the app (422 for another value) and in the database (the CHECK refuses it).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const OUT = join(import.meta.dirname, "..", ".output", "enum-quotes");
const SCHEMA = `# Survey

## users
- id: text, primary key

## replies
- id: serial, primary key
- user_id: text, FK -> users.id
- answer: enum("yes", "no", "don't know", "it's 'complicated'"), required
`;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(r.ir!.tables.find((t) => t.name === "replies")!.columns.find((c) => c.name === "answer")!.type).toEqual({ kind: "enum", values: ["yes", "no", "don't know", "it's 'complicated'"] });
  await writeProject(OUT, r.ir!);
}, 60_000);

describe.each(DB_KINDS)("an allowed value with quotes, on %s", (kind) => {
  let app: RunningProject;
  beforeAll(async () => {
    app = await bootProject(kind, join(OUT, "generated"));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it("is accepted as written, and nothing else is", async () => {
    const token = await tokenFor("quoter");
    for (const answer of ["don't know", "it's 'complicated'"]) {
      const ok = await app.call("POST", "/api/replies", { token, body: { answer } });
      expect(ok.status, answer).toBe(201);
      expect(ok.body.answer).toBe(answer);
    }
    const bad = await app.call("POST", "/api/replies", { token, body: { answer: "dont know" } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("answer");
    expect(app.errors).toEqual([]);
  });

  it("is what the database's CHECK allows", async () => {
    await app.admin("INSERT INTO replies (user_id, answer) VALUES ('quoter', 'don''t know')");
    await expect(app.admin("INSERT INTO replies (user_id, answer) VALUES ('quoter', 'don''t')")).rejects.toThrow(/check constraint/i);
    const rows = await app.admin("SELECT answer FROM replies WHERE user_id = 'quoter' ORDER BY id");
    expect(rows.map((r) => r.answer)).toEqual(["don't know", "it's 'complicated'", "don't know"]);
  });
});
