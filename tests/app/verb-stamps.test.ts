// The spec of tests/unit/endpoint-verb-stamps.test.ts run on PGlite and PostgreSQL: "submit" sets
// the essay's status and stamps submitted_at in one write, "pay" the bill's flag and paid_at; another
// user's row is a 404 and stays as it was.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "verb-stamps");
const APP = join(OUT, "generated");
const unit = readFileSync(join(ROOT, "tests", "unit", "endpoint-verb-stamps.test.ts"), "utf8");
const SCHEMA = unit.match(/const SCHEMA = `([\s\S]*?)`;/)![1]!;
const API = unit.match(/const API = `([\s\S]*?)`;/)![1]!.replace(/\\`/g, "`") + "- `POST /api/essays`\n- `GET /api/essays/{id}`\n- `POST /api/bills`\n";

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API });
  expect(loaded.ir, JSON.stringify(loaded.diagnostics)).toBeTruthy();
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe.each(DB_KINDS)("a verb's state and its time on %s", (kind) => {
  let app: RunningProject;
  let a = "";
  let b = "";
  beforeAll(async () => {
    app = await bootProject(kind, APP);
    a = await tokenFor("5a3c0e1e-0000-4000-8000-0000000000a1");
    b = await tokenFor("5a3c0e1e-0000-4000-8000-0000000000b2");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("sets the state and stamps its time in one write, for the caller's row only", async () => {
    const essay = await app.call("POST", "/api/essays", { token: a, body: {} });
    expect(essay.status, JSON.stringify(essay.body)).toBe(201);
    expect(essay.body).toMatchObject({ status: "draft", submitted_at: null });
    expect((await app.call("POST", `/api/essays/${essay.body.id}/submit`, { token: b })).status).toBe(404);
    const submitted = await app.call("POST", `/api/essays/${essay.body.id}/submit`, { token: a });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.status).toBe("submitted");
    expect(Date.now() - Date.parse(submitted.body.submitted_at)).toBeLessThan(60_000);
    const bill = await app.call("POST", "/api/bills", { token: a, body: {} });
    const paid = await app.call("POST", `/api/bills/${bill.body.id}/pay`, { token: a });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.paid).toBe(true);
    expect(typeof paid.body.paid_at).toBe("string");
  });
});
