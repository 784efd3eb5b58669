// Which file is the schema: by a name that says it is the database's spec ("db-spec.md",
// "database_specification.md", "schema-design.md"), or, for a name that says nothing, by content
// that defines tables, SQL column definitions written as bullets under a bare table name among
// them. With no schema at all, explain still lists the API spec it found and why it is not read.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { explain } from "../../generator/explain.js";

const BULLET_TABLES = `# Storage

Tables:

shelves
- id BIGSERIAL PRIMARY KEY
- label varchar(60) NOT NULL
- created_at timestamptz NOT NULL DEFAULT now()

parcels
- id uuid PRIMARY KEY
- shelf_id BIGINT REFERENCES shelves(id) ON DELETE CASCADE
- weight_grams INTEGER NOT NULL
- note TEXT NULL
`;

const API = `# Service API

GET /parcels
- Response 200: list

POST /parcels
- Request: { "weight_grams": 10 }
`;

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sf-files-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, "specs", name)), { recursive: true });
    await writeFile(path.join(dir, "specs", name), text);
  }
  return dir;
}

describe("finding the schema spec", () => {
  it.each(["db-spec.md", "database_specification.md", "schema-design.md", "docs/db_spec.md"])("by its name: %s", async (name) => {
    const dir = await dirWith({ [name]: BULLET_TABLES, "api-spec.md": API });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.files?.read).toEqual([`specs/${name}`, "specs/api-spec.md"]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["parcels", "shelves"]);
  });

  it("by its content when the name says nothing: SQL column bullets under bare table names", async () => {
    const dir = await dirWith({ "storage-notes.md": BULLET_TABLES, "api-spec.md": API });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.files?.read).toEqual(["specs/storage-notes.md", "specs/api-spec.md"]);
    const parcels = r.ir!.tables.find((t) => t.name === "parcels")!;
    expect(parcels.columns.find((c) => c.name === "weight_grams")!.nullable).toBe(false);
    expect(r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`)).toContain("POST /parcels");
  });

  it("prose bullets that only mention types are no schema", async () => {
    const dir = await dirWith({ "notes.md": "# Notes\n\n- ids are uuid everywhere\n- money is numeric in cents\n" });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF100"]);
  });

  it("with no schema, explain lists the API spec it found and says why it is not read", async () => {
    const dir = await dirWith({ "api-spec.md": API, "todo.md": "# Later\n\nNothing yet.\n" });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF100"]);
    expect(r.files?.ignored.map((f) => f.path)).toEqual(["specs/api-spec.md", "specs/todo.md"]);
    const text = explain(r.ir, r.diagnostics, r.notes, r.files);
    expect(text).toMatch(/not read: specs\/api-spec\.md \(the API spec; not read, since no schema spec was found\)/);
  });
});
