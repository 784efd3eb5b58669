// Index lists that restate what the schema already says: "Primary Key: `id`", "Foreign Key:
// `owner_id` (for per-owner lookups)", an index the SQL block named ("`idx_pets_owner` for fast
// lookups"), and "Index on name field". Each is read as it says; before, all were SF113.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const SPEC = `# Pets

## owners

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PRIMARY KEY |

## pets

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PRIMARY KEY |
| owner_id | uuid | NOT NULL, REFERENCES owners(id) |
| name | text | NOT NULL |

\`\`\`sql
CREATE INDEX idx_pets_owner ON pets(owner_id);
\`\`\`

**Indexes**:
- Primary Key: \`id\`
- Foreign Key: \`owner_id\` (for per-owner lookups)
- \`idx_pets_owner\` for fast lookups
- \`idx_pets_name\`: Index on name field for searching
`;

describe("index bullets restating keys and named indexes", () => {
  it("are read without SF113", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    const pets = table(r.ir!, "pets");
    expect(pets.indexes.some((i) => i.columns.join() === "name")).toBe(true);
    expect(pets.indexes.some((i) => i.columns.join() === "owner_id")).toBe(true);
  });
});

describe("an index bullet naming one column, then what it is for", () => {
  it("is an index on the one table with that column", async () => {
    const spec = `# Shop\n\n## accounts\n\n| Column | Type |\n|---|---|\n| id | uuid PK |\n| login | text |\n\n## carts\n\n| Column | Type |\n|---|---|\n| id | uuid PK |\n| account_id | uuid FK -> accounts.id |\n\n## Performance\n\n### Indexes\n- Index on \`login\` speeds up sign-in\n- Index on \`account_id\` keeps cart lookups quick\n`;
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
    expect(table(r.ir!, "accounts").indexes.map((i) => i.columns.join())).toContain("login");
    expect(table(r.ir!, "carts").indexes.map((i) => i.columns.join())).toContain("account_id");
  });
});
