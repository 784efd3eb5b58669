// A schema kept as a file of a formal language instead of Markdown (docs/schema.sql,
// prisma/schema.prisma, db/schema.ts): found by its extension and content, read as the same
// text fenced in a Markdown spec is, with positions in the file itself.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { readSpecs } from "../../generator/read/read-specs.js";
import { column, table } from "./helpers.js";

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-code-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const SQL = `-- The recipes app's tables.
CREATE TABLE cookbooks (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id UUID NOT NULL,
    label VARCHAR(80) NOT NULL,
    shelf VARCHAR(10) CHECK (shelf IN ('top', 'middle', 'bottom'))
);

CREATE TABLE recipes (
    id SERIAL PRIMARY KEY,
    cookbook_id UUID NOT NULL REFERENCES cookbooks(id) ON DELETE CASCADE,
    servings INTEGER NOT NULL CHECK (servings BETWEEN 1 AND 12)
);
`;

const PRISMA = `model Garden {
  id      Int      @id @default(autoincrement())
  userId  String
  name    String   @db.VarChar(50)
  beds    Bed[]
}

model Bed {
  id       Int    @id @default(autoincrement())
  gardenId Int
  garden   Garden @relation(fields: [gardenId], references: [id])
  crop     String
}
`;

const DRIZZLE = `import { pgTable, serial, text, uuid, integer } from "drizzle-orm/pg-core";

export const kennels = pgTable("kennels", {
  id: serial("id").primaryKey(),
  ownerId: uuid("owner_id").notNull(),
  name: text("name").notNull(),
  capacity: integer("capacity").notNull(),
});
`;

describe("a schema kept as a code file", () => {
  it("reads a .sql file under a docs folder, its rules kept and its positions the file's", async () => {
    const dir = project("sql", { "docs/schema.sql": SQL });
    const r = await loadSpecs(dir, dir);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.files?.read).toEqual(["docs/schema.sql"]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["cookbooks", "recipes"]);
    const cookbooks = table(r.ir!, "cookbooks");
    expect(cookbooks.span).toMatchObject({ file: "docs/schema.sql", line: 2 });
    expect(column(cookbooks, "shelf").type).toMatchObject({ kind: "enum", values: ["top", "middle", "bottom"] });
    expect(column(table(r.ir!, "recipes"), "servings")).toMatchObject({ minimum: 1, maximum: 12 });
    // No endpoints file: the standard routes, owned rows scoped to their owner.
    expect(r.ir!.endpoints.length).toBeGreaterThan(0);
  });

  it("reads a Prisma schema file and a Drizzle schema file", async () => {
    const prisma = await loadSpecs(project("prisma", { "prisma/schema.prisma": PRISMA }), path.join(tmp, "prisma"));
    expect(prisma.ir!.tables.map((t) => t.name).sort()).toEqual(["beds", "gardens"]);
    const drizzle = await loadSpecs(project("drizzle", { "db/schema.ts": DRIZZLE }), path.join(tmp, "drizzle"));
    expect(drizzle.ir!.tables.map((t) => t.name)).toEqual(["kennels"]);
    expect(table(drizzle.ir!, "kennels").span).toMatchObject({ file: "db/schema.ts", line: 3 });
  });

  it("prefers a Markdown schema to a code file, and ignores code that defines no table", async () => {
    const dir = project("both", {
      "database/schema.md": "# Schema\n\n## pots\n\n| Column | Type |\n|---|---|\n| id | serial primary key |\n| user_id | uuid |\n",
      "database/seed.sql": "INSERT INTO pots (user_id) VALUES ('00000000-0000-0000-0000-000000000001');\n",
      "scripts/helpers.ts": "export const answer = 42;\n",
      "init.sql": SQL,
    });
    const r = await readSpecs(dir, dir);
    expect(r.schema?.path).toBe("database/schema.md");
    expect(r.ignored.map((i) => i.path)).toEqual(["database/seed.sql", "init.sql", "scripts/helpers.ts"]);
    expect(r.ignored.find((i) => i.path === "scripts/helpers.ts")!.why).toMatch(/defines no table/);
  });
});
