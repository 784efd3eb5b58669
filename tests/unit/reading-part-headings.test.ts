// Headings that label a part of a table ("Field Definitions", "Columns", "Attributes", in any
// case) never name a table: the content under them is the table's of the section around them.
// A heading naming one column under such a section ("#### price" under "### Field Details") is
// that column's notes: the items it labels as rules are the column's rules, the others prose.
import { describe, expect, it } from "vitest";
import { codes, load, table } from "./helpers.js";

const SPEC = `# Shop data

## Product Entity

### Field definitions

| Field | Type | Required | Validation | Description |
|-------|------|----------|------------|-------------|
| \`id\` | int | Yes | Positive integer | Row key |
| \`sku\` | str | Yes | 4-32 characters | Stock keeping unit |
| \`label\` | str | Yes | - | Shown in the shop |
| \`blurb\` | str | No | 0-600 characters | Longer text |
| \`hidden\` | bool | Yes | True/False | Not listed when set |

### Field Details

#### sku
- **Type**: String
- **Constraints**: Non-empty, 4-32 characters
- **Example**: \`"AB-1234"\`

#### label
- **Type**: String
- **Validation**: at most 90 characters
- **Format**: free text

#### hidden
- **Type**: Boolean
- **Default**: \`False\`
`;

describe("a heading labelling a part of a table", () => {
  it("is no table: its column table is the enclosing section's table", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["products"]);
    expect(table(r.ir!, "products").columns.map((c) => c.name)).toEqual(["id", "sku", "label", "blurb", "hidden"]);
  });

  it.each(["COLUMNS", "Column definitions", "Attributes", "Field reference", "Fields & types"])("%s under an entity heading", async (label) => {
    const r = await load(SPEC.replace("### Field definitions", `### ${label}`).replace(/### Field Details[\s\S]*$/, ""));
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["products"]);
  });

  it("the lengths stated in a Validation column are the columns' rules", async () => {
    const r = await load(SPEC);
    const p = table(r.ir!, "products");
    const blurb = p.columns.find((c) => c.name === "blurb")!;
    expect(blurb).toMatchObject({ maxLength: 600 });
  });

  it("with no table around it and none the page names, its table needs a name (an error there, not a table called after the label)", async () => {
    const r = await load(`# Database schema\n\n## Field Definitions\n\n| Field | Type |\n|---|---|\n| code | varchar(8) |\n| weight | int |\n`);
    expect(r.ir?.tables.map((t) => t.name) ?? []).not.toContain("field_definitions");
    expect(codes(r)).toContain("SF130");
  });

  it.each(["Attributes", "Attribute Definitions"])("with no table around it, %s may still be an app's own table", async (title) => {
    const r = await load(`# Database schema\n\n## ${title}\n\n| Field | Type |\n|---|---|\n| id | serial primary key |\n| label | varchar(40) |\n`);
    expect(r.ir!.tables).toHaveLength(1);
  });
});

describe("a heading naming one column under the table's details", () => {
  it("is no table, and the rules its items state are the column's", async () => {
    const r = await load(SPEC);
    const p = table(r.ir!, "products");
    expect(r.ir!.tables.map((t) => t.name)).not.toContain("sku");
    expect(r.ir!.tables.map((t) => t.name)).not.toContain("hidden");
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(col("sku")).toMatchObject({ minLength: 4, maxLength: 32 });
    expect(col("label")).toMatchObject({ maxLength: 90 });
    // Type, Example, Format and Default lines describe the column: no column named after them.
    expect(p.columns.map((c) => c.name)).not.toContain("Type");
  });

  it("a rule part the reader does not know is reported at its line, not dropped", async () => {
    const spec = SPEC.replace("- **Validation**: at most 90 characters", "- **Validation**: at most 90 characters; shaped like a greeting");
    const r = await load(spec);
    const d = r.diagnostics.find((x) => x.code === "SF108" && x.message.includes("shaped like a greeting"));
    expect(d?.span.line).toBe(spec.split("\n").findIndex((l) => l.includes("shaped like a greeting")) + 1);
    expect(table(r.ir!, "products").columns.find((c) => c.name === "label")!).toMatchObject({ maxLength: 90 });
  });

  it("a rule for a column the table does not have is said (SF113)", async () => {
    const r = await load(SPEC.replace("#### hidden", "#### colour\n- **Constraints**: at most 20 characters\n\n#### hidden"));
    expect(codes(r)).toContain("SF113");
  });
});

describe("a field-descriptions list inside another table's section", () => {
  it("gives each named column its rules, in whichever table has it", async () => {
    // The diagram's table is read after the document; the list sits under the users section.
    const r = await load([
      "# Boards", "", "## users", "", "| Column | Type | Constraints |", "|---|---|---|", "| id | text | primary key |", "",
      "```mermaid", "erDiagram", "  users ||--o{ cards : user_id", "  cards {", "    serial id PK", '    text user_id FK "references users"', "    varchar(80) label", "    text lane", "  }", "```", "",
      "### Field descriptions", "", "- **lane**: one of todo, doing, done", "- **label**: unique within each user", "",
    ].join("\n"));
    const cards = table(r.ir!, "cards");
    expect(cards.columns.find((c) => c.name === "lane")!.type).toMatchObject({ kind: "enum", values: ["todo", "doing", "done"] });
    expect(cards.indexes.some((i) => i.unique && i.columns.join() === "user_id,label")).toBe(true);
  });
});
