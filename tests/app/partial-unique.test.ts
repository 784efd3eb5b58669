// "Unique among the rows still live": a partial unique index (CREATE UNIQUE INDEX ... WHERE
// archived_at IS NULL) stays partial in the migration. Over HTTP a second live row with the
// same label is a 409 naming the index and its fields, while a label may repeat once the first
// row is archived; and the database itself refuses the second live row written around the API,
// and takes repeated archived ones.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "partial-unique");
const APP = join(OUT, "generated");

const SCHEMA = `# Shelf

## users

- id: text (primary key)

## bookmarks

- id: serial (primary key)
- user_id: text (references users(id) on delete cascade, not null)
- label: varchar(40) (not null)
- archived_at: timestamptz (nullable)

A label is unique per user among the bookmarks not archived:

\`\`\`sql
CREATE UNIQUE INDEX bookmarks_label_live ON bookmarks (user_id, label) WHERE archived_at IS NULL;
\`\`\`
`;

beforeAll(async () => {
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe.each(DB_KINDS)("a partial unique index on %s", (kind) => {
  let app: RunningProject;
  let token = "";
  let other = "";
  const A = "shelf_ann";
  const B = "shelf_ben";

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

  it("is a partial unique index in the database", async () => {
    const { rows } = await raw("SELECT indexdef FROM pg_indexes WHERE indexname = 'bookmarks_label_live'");
    expect(rows).toHaveLength(1);
    expect(String(rows[0]!.indexdef)).toMatch(/^CREATE UNIQUE INDEX bookmarks_label_live ON .*bookmarks .*\(user_id, label\) WHERE \(archived_at IS NULL\)$/);
  });

  it("answers a second live row with a 409 naming the index, and takes it again once the first is archived", async () => {
    const first = await call("POST", "/api/bookmarks", { token, body: { label: "reading" } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await call("POST", "/api/bookmarks", { token, body: { label: "reading" } });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.type).toMatch(/application\/problem\+json/);
    expect(again.body.detail).toBe('a row with the same user_id, label already exists (unique constraint "bookmarks_label_live")');
    expect(again.body.errors.map((e: { field: string }) => e.field)).toEqual(["user_id", "label"]);
    // Another user's live row with the same label is no conflict.
    expect((await call("POST", "/api/bookmarks", { token: other, body: { label: "reading" } })).status).toBe(201);
    // Archived: the label is free again, and a row archived with it may repeat.
    const archived = await call("PATCH", `/api/bookmarks/${first.body.id}`, { token, body: { archived_at: "2030-01-01T00:00:00.000Z" } });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const next = await call("POST", "/api/bookmarks", { token, body: { label: "reading" } });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    // Un-archiving the first while the second is live is the same conflict, on update.
    const back = await call("PATCH", `/api/bookmarks/${first.body.id}`, { token, body: { archived_at: null } });
    expect(back.status, JSON.stringify(back.body)).toBe(409);
    expect(back.body.detail).toContain('"bookmarks_label_live"');
  });

  it("refuses the second live row written around the API, and takes repeated archived rows", async () => {
    await raw("INSERT INTO users (id) VALUES (?) ON CONFLICT DO NOTHING", ["shelf_raw"]);
    await raw("INSERT INTO bookmarks (user_id, label) VALUES (?, ?)", ["shelf_raw", "x"]);
    await expect(raw("INSERT INTO bookmarks (user_id, label) VALUES (?, ?)", ["shelf_raw", "x"])).rejects.toMatchObject({ code: "23505", constraint: "bookmarks_label_live" });
    for (let k = 0; k < 2; k++) await raw("INSERT INTO bookmarks (user_id, label, archived_at) VALUES (?, ?, now())", ["shelf_raw", "x"]);
    const { rows } = await raw("SELECT count(*)::int AS n FROM bookmarks WHERE user_id = ? AND label = ?", ["shelf_raw", "x"]);
    expect(rows[0]!.n).toBe(3);
  });
});
