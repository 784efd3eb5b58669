// Schemas written in formal languages, read as a class: keys given only by a Mermaid
// relationship line, files recognised by the notation they hold, composite keys and tenants.
// Small specs of our own, written the ways real ones are.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { readSpecs } from "../../generator/read/read-specs.js";
import { load, pos, where } from "./helpers.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { currentSnapshot } from "../../generator/plan/schema-of-ir.js";
import { NO_PREVIOUS } from "../../generator/read/read-output.js";
import { relationsOf } from "../../generator/emit/emit-models.js";
import { migrationCode } from "../../generator/emit/migration-code.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const col = (t: Table, name: string) => t.columns.find((c) => c.name === name)!;
const errorsOf = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);

describe("Mermaid: a foreign key given only by a relationship line", () => {
  const md = [
    "# Model",
    "",
    "```mermaid",
    "erDiagram",
    "    MEMBERS ||--o{ NOTEBOOKS : keeps",
    "    NOTEBOOKS ||--o{ PAGES : holds",
    "    PAGES }o--|| INKS : \"ink_ref\"",
    "    NOTEBOOKS ||--o{ STICKERS : decorates",
    "    MEMBERS {",
    "        uuid id PK",
    "        string email UK",
    "    }",
    "    NOTEBOOKS {",
    "        uuid id PK",
    "        uuid memberId",
    "        string title",
    "    }",
    "    PAGES {",
    "        uuid id PK",
    "        uuid notebook_id",
    "        int ink_ref",
    "        text body",
    "    }",
    "    INKS {",
    "        int id PK",
    "        string colour",
    "    }",
    "    STICKERS {",
    "        uuid id PK",
    "        string shape",
    "    }",
    "```",
    "",
  ].join("\n");

  it("takes the child's <parent>_id or <parent>Id column, or the one the label names, as the key", async () => {
    const r = await load(md);
    expect(errorsOf(r)).toEqual([]);
    expect(col(table(r.ir, "notebooks"), "memberId").references).toMatchObject({ table: "members", column: "id" });
    expect(col(table(r.ir, "pages"), "notebook_id").references).toMatchObject({ table: "notebooks", column: "id" });
    expect(col(table(r.ir, "pages"), "ink_ref").references).toMatchObject({ table: "inks", column: "id" });
  });

  it("so the rows reach their user: notebooks through memberId, pages through their notebook", async () => {
    const r = await load(md);
    expect(table(r.ir, "members").identity).toBe(true);
    expect(table(r.ir, "notebooks").owner).toBe("memberId");
    expect(table(r.ir, "pages").scope).toMatchObject({ kind: "parent", column: "notebook_id", parent: "notebooks" });
  });

  it("warns, at the line, when the child has no column for the key", async () => {
    const r = await load(md);
    const w = r.diagnostics.filter((d) => d.code === "SF113");
    expect(w.map((d) => [where(d), d.message])).toEqual([
      [pos(md, "NOTEBOOKS ||--o{ STICKERS"), "NOTEBOOKS ||--o{ STICKERS : decorates: STICKERS has no column for the key of NOTEBOOKS (such as notebook_id); no foreign key is made from this line"],
    ]);
  });

  it("reads the key and optional markers a Prisma ERD generator writes as comments", async () => {
    const r = await load(["```mermaid", "erDiagram", '  "Badge" {', '    String code "🗝️"', '    String label "❓"', "    Int level", "  }", "```", ""].join("\n"));
    const t = table(r.ir, "Badge");
    expect(t.primaryKey).toBe("code");
    expect(col(t, "label").nullable).toBe(true);
    expect(col(t, "label").description).toBeUndefined();
    expect(col(t, "level").nullable).toBe(false);
  });
});

describe("a schema file known by the notation it holds", () => {
  const cases: [string, string][] = [
    ["mermaid", "# Diagram\n\n```mermaid\nerDiagram\n  A ||--o{ B : has\n  A {\n    int id PK\n  }\n  B {\n    int id PK\n    int a_id FK\n  }\n```\n"],
    ["dbml", "# Tables\n\n```dbml\nTable shelves {\n  id int [pk]\n}\n```\n"],
    ["sqlmodel", "# Models\n\n```python\nclass Shelf(SQLModel, table=True):\n    id: int | None = Field(default=None, primary_key=True)\n```\n"],
  ];
  it.each(cases)("%s in a file whose name says nothing", async (_n, text) => {
    const dir = await mkdtemp(path.join(tmpdir(), "sf-formal-"));
    await mkdir(path.join(dir, "design"), { recursive: true });
    await writeFile(path.join(dir, "design", "diagrams-v2.md"), text);
    const r = await readSpecs(dir, dir);
    expect(r.schema?.path).toBe("design/diagrams-v2.md");
  });
});

describe("foreign keys of several columns", () => {
  const sql = [
    "# Schema",
    "",
    "```sql",
    "CREATE TABLE users (id UUID PRIMARY KEY, email TEXT UNIQUE);",
    "CREATE TABLE clubs (id UUID PRIMARY KEY, name TEXT NOT NULL);",
    "CREATE TABLE club_members (",
    "  club_id UUID NOT NULL REFERENCES clubs(id),",
    "  user_id UUID NOT NULL REFERENCES users(id),",
    "  PRIMARY KEY (club_id, user_id)",
    ");",
    "CREATE TABLE courts (",
    "  club_id UUID NOT NULL REFERENCES clubs(id) ON DELETE CASCADE,",
    "  number INTEGER NOT NULL,",
    "  surface TEXT,",
    "  PRIMARY KEY (club_id, number)",
    ");",
    "CREATE TABLE bookings (",
    "  id SERIAL PRIMARY KEY,",
    "  club_id UUID NOT NULL,",
    "  court_number INTEGER NOT NULL,",
    "  starts_at TIMESTAMPTZ NOT NULL,",
    "  CONSTRAINT bookings_court_fk FOREIGN KEY (club_id, court_number) REFERENCES courts (club_id, number) ON DELETE CASCADE",
    ");",
    "```",
    "",
  ].join("\n");

  it("keeps the key whole in the IR, and each of its columns references what its referenced column does", async () => {
    const r = await load(sql);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const b = table(r.ir, "bookings");
    expect(b.foreignKeys).toEqual([
      { name: "bookings_club_id_court_number_fkey", columns: ["club_id", "court_number"], table: "courts", refColumns: ["club_id", "number"], onDelete: "cascade", span: expect.objectContaining({ line: Number(pos(sql, "FOREIGN KEY (club_id").split(":")[0]) }) },
    ]);
    expect(col(b, "club_id").references).toMatchObject({ table: "clubs", column: "id" });
    expect(col(b, "court_number").references).toBeNull();
  });

  it("so rows reach their group: bookings are the caller's when the caller is a member of the booking's club", async () => {
    const r = await load(sql);
    expect(table(r.ir, "clubs").scope).toMatchObject({ kind: "member", membership: "club_members" });
    expect(table(r.ir, "courts").scope).toMatchObject({ kind: "parent", column: "club_id", parent: "clubs" });
    expect(table(r.ir, "bookings").scope).toMatchObject({ kind: "parent", column: "club_id", parent: "clubs" });
  });

  it("is migrated as one constraint after the tables, and joined on every column in the models", async () => {
    const r = await load(sql);
    const snapshot = currentSnapshot(r.ir!);
    expect(snapshot.tables.find((t) => t.name === "bookings")!.foreignKeys).toEqual([
      { name: "bookings_club_id_court_number_fkey", columns: ["club_id", "court_number"], table: "courts", refColumns: ["club_id", "number"], onDelete: "cascade" },
    ]);
    const plan = planMigrations(r.ir!, NO_PREVIOUS).plan.migration!;
    const kinds = plan.up.map((s) => s.kind);
    expect(kinds.indexOf("add-composite-key")).toBeGreaterThan(kinds.lastIndexOf("create-table"));
    const code = migrationCode(plan.up, false).join("\n");
    expect(code).toContain(`t.foreign(["club_id","court_number"], "bookings_club_id_court_number_fkey").references(["club_id","number"]).inTable("courts").onDelete("CASCADE");`);
    const rels = relationsOf(r.ir!, table(r.ir, "bookings"));
    expect(rels.find((x) => x.target.name === "courts")).toMatchObject({ kind: "BelongsToOneRelation", from: ["bookings.club_id", "bookings.court_number"], to: ["courts.club_id", "courts.number"] });
    expect(relationsOf(r.ir!, table(r.ir, "courts")).find((x) => x.target.name === "bookings")).toMatchObject({ kind: "HasManyRelation", from: ["courts.club_id", "courts.number"], to: ["bookings.club_id", "bookings.court_number"] });
  });

  it("adds the key to a table that exists, and drops it when the spec no longer has it", async () => {
    const without = sql.replace(/,\n  CONSTRAINT bookings_court_fk[^\n]*/, "");
    const before = currentSnapshot((await load(without)).ir!);
    const add = planMigrations((await load(sql)).ir!, { ...NO_PREVIOUS, snapshot: before, files: new Map([["0001_init", "// init\n"]]) }).plan.migration!;
    // The key, and the reference its club_id now implies (bookings.club_id -> clubs.id).
    expect(add.up.map((s) => `${s.kind} ${s.column ?? ""}`.trim())).toEqual(expect.arrayContaining(["add-composite-key", "add-foreign-key club_id"]));
    const drop = planMigrations((await load(without)).ir!, { ...NO_PREVIOUS, snapshot: currentSnapshot((await load(sql)).ir!), files: new Map([["0001_init", "// init\n"]]) }).plan.migration!;
    expect(drop.up.map((s) => s.kind)).toContain("drop-composite-key");
  });

  it("reads Prisma's @relation(fields: [a, b], references: [x, y]) the same way", async () => {
    const prisma = [
      "```prisma",
      "model User {",
      "  id     String  @id",
      "  email  String? @unique",
      "}",
      "model Shelf {",
      "  ownerId String",
      "  slot    Int",
      "  owner   User   @relation(fields: [ownerId], references: [id])",
      "  @@id([ownerId, slot])",
      "}",
      "model Book {",
      "  id      Int    @id @default(autoincrement())",
      "  shelfOwner String",
      "  slot    Int",
      "  shelf   Shelf  @relation(fields: [shelfOwner, slot], references: [ownerId, slot])",
      "}",
      "```",
      "",
    ].join("\n");
    const r = await load(prisma);
    expect(errorsOf(r)).toEqual([]);
    const b = table(r.ir, "books");
    expect(b.foreignKeys?.map((k) => [k.columns, k.table, k.refColumns])).toEqual([[["shelfOwner", "slot"], "shelves", ["ownerId", "slot"]]]);
    // shelfOwner equals the shelf's owner: the book is owned through it.
    expect(col(b, "shelfOwner").references).toMatchObject({ table: "users", column: "id" });
    expect(b.owner).toBe("shelfOwner");
  });

  it.each([
    ["an unknown table", "REFERENCES racks (club_id, number)", "SF104", 'foreign key (club_id, court_number) of "bookings" references unknown table "racks"; no foreign key is created'],
    ["an unknown column", "REFERENCES courts (club_id, num)", "SF105", 'foreign key (club_id, court_number) of "bookings" references "courts.num", which is not a column of "courts"; no foreign key is created'],
  ])("says so, at its place, when it names %s", async (_what, replacement, code, message) => {
    const bad = sql.replace("REFERENCES courts (club_id, number)", replacement);
    const r = await load(bad);
    const d = r.diagnostics.find((x) => x.code === code && x.message.startsWith("foreign key ("));
    expect(d?.message).toBe(message);
    expect(table(r.ir, "bookings").foreignKeys).toBeUndefined();
  });

  it("gives a referenced set that is not the key a unique index, as PostgreSQL requires", async () => {
    const r = await load(sql.replace("REFERENCES courts (club_id, number)", "REFERENCES courts (club_id, surface)"));
    expect(table(r.ir, "courts").indexes.some((i) => i.unique && i.columns.join(",") === "club_id,surface")).toBe(true);
  });
});

describe("tenants with no users table", () => {
  const head = "# Schema\n\n```sql\nCREATE TABLE workspaces (id UUID PRIMARY KEY, name TEXT NOT NULL);\n";
  const docs = "CREATE TABLE documents (id UUID PRIMARY KEY, workspace_id UUID NOT NULL REFERENCES workspaces(id), title TEXT NOT NULL);\n";

  it("isolates by membership: a membership's user_id is the caller, the workspace is its members', documents their workspace's", async () => {
    const md = head + "CREATE TABLE workspace_members (\n  workspace_id UUID NOT NULL REFERENCES workspaces(id),\n  user_id UUID NOT NULL,\n  PRIMARY KEY (workspace_id, user_id)\n);\n" + docs + "```\n";
    const r = await load(md);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF126");
    expect(table(r.ir, "workspace_members").owner).toBe("user_id");
    expect(table(r.ir, "workspaces").scope).toEqual({ kind: "member", column: "id", membership: "workspace_members", membershipGroup: "workspace_id", membershipUser: "user_id" });
    expect(table(r.ir, "documents").scope).toMatchObject({ kind: "parent", column: "workspace_id", parent: "workspaces" });
    // The creator's own membership would otherwise keep any workspace from being deleted.
    expect(col(table(r.ir, "workspace_members"), "workspace_id").references).toMatchObject({ table: "workspaces", onDelete: "cascade" });
  });

  it("scopes the rows of a tenant nothing in the spec ties users to by the token's tenant claim (no longer SF131's one shared space)", async () => {
    const md = head + docs + "```\n";
    const r = await load(md);
    expect(r.diagnostics.filter((d) => d.code === "SF131" || d.code === "SF126")).toEqual([]);
    expect(table(r.ir, "documents").scope).toEqual({ kind: "tenant", column: "workspace_id", group: "workspaces" });
    expect(table(r.ir, "workspaces").scope).toEqual({ kind: "tenant", column: "id", group: "workspaces" });
    expect(table(r.ir, "documents").shared).toBeUndefined();
    const note = r.notes.find((n) => n.message.startsWith('rows of "documents" belong to the caller\'s workspace'));
    expect(note && `${note.span.line}:${note.span.column}`).toBe(pos(md, "workspace_id UUID"));
  });

  it("leaves a spec that says its rows are shared as one shared space", async () => {
    const md = "# Schema\n\n## workspaces\n\nShared: read-write\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n| name | text | not null |\n\n## documents\n\nShared: read-write\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n| workspace_id | uuid | references workspaces(id) |\n";
    const r = await load(md);
    expect(errorsOf(r)).toEqual([]);
    expect(table(r.ir, "documents").shared).toBe("read-write");
  });
});

describe("keys written as floating-point numbers", () => {
  it("reads a NUMBER key, and the columns referencing it, as integers", async () => {
    const md = ["```mermaid", "erDiagram", "  KENNELS ||--o{ DOGS : houses", "  KENNELS {", "    NUMBER kennel_id PK", "    VARCHAR2 name", "  }", "  DOGS {", "    NUMBER dog_id PK", "    NUMBER kennel_id FK", "    NUMBER weight", "  }", "```", ""].join("\n");
    const r = await load(md);
    expect(errorsOf(r)).toEqual([]);
    const dogs = table(r.ir, "dogs");
    expect(col(table(r.ir, "kennels"), "kennel_id").type).toEqual({ kind: "integer" });
    expect(col(dogs, "dog_id").type).toEqual({ kind: "integer" });
    expect(col(dogs, "kennel_id").type).toEqual({ kind: "integer" });
    // A measure stays what it is written as.
    expect(col(dogs, "weight").type).toEqual({ kind: "float" });
    expect(r.diagnostics.filter((d) => d.code === "SF115")).toEqual([]);
  });
});

describe("DBML: a relationship on several columns", () => {
  it("is one foreign key of several columns, as SQL's and Prisma's are", async () => {
    const md = ["```dbml", "Table users {", "  id uuid [pk]", "}", "Table clubs {", "  id uuid [pk]", "  owner_id uuid [not null, ref: > users.id]", "}", "Table courts {", "  club_id uuid [not null, ref: > clubs.id]", "  number int [not null]", "  indexes { (club_id, number) [pk] }", "}", "Table bookings {", "  id serial [pk]", "  club_id uuid [not null]", "  court_no int [not null]", "}", "Ref: bookings.(club_id, court_no) > courts.(club_id, number) [delete: cascade]", "```", ""].join("\n");
    const r = await load(md);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const b = table(r.ir, "bookings");
    expect(b.foreignKeys?.map((k) => [k.columns, k.table, k.refColumns, k.onDelete])).toEqual([[["club_id", "court_no"], "courts", ["club_id", "number"], "cascade"]]);
    expect(b.scope).toMatchObject({ kind: "parent", column: "club_id", parent: "clubs" });
  });
});
