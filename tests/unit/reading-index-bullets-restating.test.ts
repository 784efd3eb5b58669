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
