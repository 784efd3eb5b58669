// A heading over a few sentences of advice, one of which happens to begin with a column name and a
// type word ("`updated_at` timestamp shows when a row changed"), is prose, not a table: before,
// "### Parallel Edits" became a shared table "parallel_edits" with one column.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Notes

## notes

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PRIMARY KEY |
| body | text | NOT NULL |
| updated_at | timestamp | NOT NULL |

## Integrity

### Parallel Edits
- Wrap multi-step writes in one transaction
- \`updated_at\` timestamp shows when a row changed
`;

describe("a list of sentences under a plain heading", () => {
  it("makes no table", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["notes"]);
    expect(r.diagnostics.filter((d) => d.code === "SF113")).toEqual([]);
  });

  it("a short column list under a plain heading is still a table", async () => {
    const r = await load(SPEC.replace("- Wrap multi-step writes in one transaction\n- `updated_at` timestamp shows when a row changed", "- id: uuid (primary key)\n- title: text"));
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "parallel_edits"]);
  });
});
