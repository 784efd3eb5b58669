// A "Constraints" chapter listing keys and rules across the whole schema, one row per column with
// a column naming its table ("| Table | Column | Type |", "| Table | Column | Constraint |"): each
// row belongs to the table it names. Before, the chapter's heading became a table of its own
// (with a column "id" written twice) and the rules were reported as naming none of its columns.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Library

## Tables

### members

| Column | Type | Constraints |
|--------|------|-------------|
| id | UUID | PRIMARY KEY |
| handle | VARCHAR(40) | NOT NULL |

### loans

| Column | Type | Constraints |
|--------|------|-------------|
| id | BIGSERIAL | PRIMARY KEY |
| member_id | UUID | NOT NULL, REFERENCES members(id) |
| days | INTEGER | NOT NULL |
| note | TEXT | |

## Constraints

### Keys

| Table | Column | Type |
|-------|--------|------|
| members | id | UUID |
| loans | id | BIGSERIAL |

### Checks

| Table | Column | Constraint |
|-------|--------|------------|
| loans | days | days >= 1 AND days <= 60 |
| loans | note | note IS NULL OR LENGTH(note) <= 300 |
| members | handle | LENGTH(handle) >= 3 |
`;

describe("a schema-wide table of columns by table", () => {
  it("makes no table of its chapter heading", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["loans", "members"]);
    expect(r.diagnostics.filter((d) => d.code === "SF106")).toEqual([]);
  });

  it("puts each row's rule on the table it names", async () => {
    const r = await load(SPEC);
    const loans = table(r.ir!, "loans");
    expect((loans.checks ?? []).map((c) => c.sql)).toEqual(expect.arrayContaining(["days >= 1 AND days <= 60", "note IS NULL OR LENGTH(note) <= 300"]));
    expect((table(r.ir!, "members").checks ?? []).map((c) => c.sql)).toContain("LENGTH(handle) >= 3");
    expect(column(loans, "days").type.kind).toBe("integer");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});

describe("a constraint cell holding a bare condition on its column", () => {
  it("is read as a CHECK", async () => {
    const spec = `# Shop\n\n## items\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PK |\n| price | integer | NOT NULL, price >= 0 |\n| code | text | NOT NULL, LENGTH(code) BETWEEN 2 AND 8 |\n`;
    const r = await load(spec);
    const items = table(r.ir!, "items");
    expect((items.checks ?? []).map((c) => c.sql)).toEqual(expect.arrayContaining(["price >= 0", "LENGTH(code) BETWEEN 2 AND 8"]));
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
