// How a Mermaid erDiagram states rules beyond Mermaid's own grammar, read as the diagram says:
// SQL types of several words ("bigint unsigned"), a comment that starts with NOT NULL and goes
// on in prose, a diagram-wide nullability convention (only some attributes marked), enums
// drawn as entities of bare values, a key tied to the one relationship line left, and Laravel's
// on-delete words in a key's comment.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const md = (...lines: string[]) => ["# Shop", "", "```mermaid", "erDiagram", ...lines, "```", ""].join("\n");

describe("Mermaid attributes and diagram conventions", () => {
  it("reads a type of several SQL words, the name after them", async () => {
    const r = await load(md(
      "    shelves {",
      "        bigint unsigned id PK",
      "        double precision width",
      "        character varying(40) label UK",
      "        timestamp with time zone fitted_at",
      "    }",
    ));
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "shelves")!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "width", "label", "fitted_at"]);
    expect(t.columns.find((c) => c.name === "label")!.unique).toBe(true);
    expect(t.columns.find((c) => c.name === "label")!.type).toMatchObject({ kind: "string", maxLength: 40 });
  });

  it("reads NOT NULL at the head of a comment that goes on in prose, and leaves unmarked attributes nullable when only NOT NULL is marked", async () => {
    const r = await load(md(
      "    Lamp {",
      '        Long id PK "AUTOINCREMENT"',
      '        String maker "NOT NULL, as printed on the box"',
      '        Integer watts "NOT NULL, >= 5"',
      "        String colour",
      "    }",
    ));
    const col = (c: string) => r.ir!.tables.find((x) => x.name === "Lamp")!.columns.find((x) => x.name === c)!;
    expect(col("maker").nullable).toBe(false);
    expect(col("watts")).toMatchObject({ nullable: false, minimum: 5 });
    expect(col("colour").nullable).toBe(true);
  });

  it("reads unmarked attributes as required when the diagram marks only some nullable", async () => {
    const r = await load(md(
      "    GARDENS {",
      "        bigint id PK",
      "        varchar title",
      '        varchar motto "nullable"',
      '        int beds "nullable (counted each spring)"',
      "        timestamp planted_at",
      "    }",
    ));
    const col = (c: string) => r.ir!.tables.find((x) => x.name === "gardens")!.columns.find((x) => x.name === c)!;
    expect(col("title").nullable).toBe(false);
    expect(col("planted_at").nullable).toBe(false);
    expect(col("motto").nullable).toBe(true);
    expect(col("beds").nullable).toBe(true);
  });

  it("keeps the usual reading when only one attribute is marked", async () => {
    const r = await load(md(
      "    kites {",
      "        bigint id PK",
      "        varchar name",
      '        text notes "Nullable free text"',
      "    }",
    ));
    const col = (c: string) => r.ir!.tables.find((x) => x.name === "kites")!.columns.find((x) => x.name === c)!;
    expect(col("name").nullable).toBe(true);
  });

  it("reads an entity of bare upper-case words as an enum for the attributes typed with its name, and makes no table of it", async () => {
    const r = await load(md(
      "    Mood {",
      "        CALM",
      "        STORMY",
      "        FOGGY",
      "    }",
      "    Voyage {",
      "        String id PK",
      "        Mood mood",
      "    }",
    ));
    expect(r.diagnostics.filter((d) => d.code === "SF113" || d.code === "SF103")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["Voyage"]);
    expect(r.ir!.tables[0]!.columns.find((c) => c.name === "mood")!.type).toMatchObject({ kind: "enum", values: ["CALM", "STORMY", "FOGGY"] });
  });

  it("ties a key to the relationship line left, and a key named for the end of an entity's name to it", async () => {
    const r = await load(md(
      "    Crew ||--o{ ShipLog : writes",
      "    ShipVoyage ||--o{ ShipLog : records",
      "    Crew {",
      "        Long id PK",
      "    }",
      "    ShipVoyage {",
      "        Long id PK",
      "    }",
      "    ShipLog {",
      "        Long id PK",
      "        Long voyage_id FK",
      "        Long written_by FK",
      "    }",
    ));
    expect(r.diagnostics.filter((d) => d.code === "SF116" || d.code === "SF113")).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "ShipLog")!;
    expect(t.columns.find((c) => c.name === "voyage_id")!.references).toMatchObject({ table: "ShipVoyage" });
    expect(t.columns.find((c) => c.name === "written_by")!.references).toMatchObject({ table: "Crew" });
  });

  it("reads what a delete does from the key's comment", async () => {
    const r = await load(md(
      "    owners ||--o{ boats : keeps",
      "    owners {",
      "        bigint id PK",
      "    }",
      "    boats {",
      "        bigint id PK",
      '        bigint owner_id FK "points at owners.id (nullOnDelete)"',
      "    }",
    ));
    expect(r.ir!.tables.find((x) => x.name === "boats")!.columns.find((c) => c.name === "owner_id")!.references).toMatchObject({ table: "owners", onDelete: "set null" });
  });
});

describe("a relationship's marker at the referenced end", () => {
  it("makes the key required for exactly one (||) and optional for zero or one (|o), unless the attribute says otherwise", async () => {
    const spec = [
      "# Orchard",
      "",
      "```mermaid",
      "erDiagram",
      "    GROWERS ||--o{ TREES : plants",
      "    TREES |o--o{ HARVESTS : yields",
      "    GROWERS ||--o{ CRATES : fills",
      "    GROWERS {",
      "        uuid id PK",
      "        string email UK",
      "    }",
      "    TREES {",
      "        uuid id PK",
      "        uuid grower_id FK",
      "        string variety",
      "    }",
      "    HARVESTS {",
      "        uuid id PK",
      "        uuid tree_id FK",
      "    }",
      "    CRATES {",
      "        uuid id PK",
      "        uuid grower_id FK \"nullable: a crate may be unassigned\"",
      "    }",
      "```",
      "",
    ].join("\n");
    const r = await load(spec);
    const col = (t: string, c: string) => r.ir!.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
    expect(col("trees", "grower_id").nullable).toBe(false);
    expect(col("harvests", "tree_id").nullable).toBe(true);
    expect(col("crates", "grower_id").nullable).toBe(true);
  });
});

describe("Prisma's type names in a diagram that marks nothing", () => {
  it("are read as nullable (Mermaid cannot write the question mark), and as Prisma reads them where the diagram marks optional ones", async () => {
    const plain = await load(md(
      "    Kettle {",
      "        String id PK",
      "        String brand",
      "        DateTime descaledAt",
      "    }",
    ));
    const k = plain.ir!.tables.find((x) => x.name === "Kettle")!;
    expect(k.columns.find((c) => c.name === "brand")!.nullable).toBe(true);
    expect(k.columns.find((c) => c.name === "descaledAt")!.nullable).toBe(true);
    const marked = await load(md(
      "    Kettle {",
      "        String id PK",
      "        String brand",
      '        DateTime descaledAt "❓"',
      "    }",
    ));
    const m = marked.ir!.tables.find((x) => x.name === "Kettle")!;
    expect(m.columns.find((c) => c.name === "brand")!.nullable).toBe(false);
    expect(m.columns.find((c) => c.name === "descaledAt")!.nullable).toBe(true);
  });
});
