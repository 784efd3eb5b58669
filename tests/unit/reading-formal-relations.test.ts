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
