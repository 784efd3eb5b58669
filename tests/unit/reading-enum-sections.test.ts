// An "Enums" section whose enums each have a heading of their own and their values in code
// ("### LoanState" over "- `open`", "- `returned` — back on the shelf"): enums a column can be
// typed with, not a table of bare columns nor a json value object. A table of bare code names
// outside such a section still reads as columns.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Library

## Enums

### LoanState
- \`open\`
- \`overdue\`
- \`returned\` — back on the shelf

## loans
| column | type | notes |
|---|---|---|
| id | uuid | PK |
| state | LoanState | not null |

## shelf_labels

- \`code\`
- \`colour\`
`;

describe("enums under an Enums section, values in code", () => {
  it("reads the values as the enum the column names; bare code names elsewhere stay columns", async () => {
    const r = await load(SPEC);
    const loans = r.ir!.tables.find((t) => t.name === "loans")!;
    expect(loans.columns.find((c) => c.name === "state")!.type).toMatchObject({ kind: "enum", values: ["open", "overdue", "returned"] });
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["loans", "shelf_labels"]);
    expect(r.ir!.tables.find((t) => t.name === "shelf_labels")!.columns.map((c) => c.name)).toEqual(expect.arrayContaining(["code", "colour"]));
  });
});
