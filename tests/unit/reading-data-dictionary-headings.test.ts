// A data dictionary that gives each column a heading of its own, named `table.column`, with its
// rules in sentences or bare items under it ("#### parcels.label" over "Required. At most 40
// characters."). Each sentence or item that reads whole as a rule is the column's; before, the
// heading named no column (it was read as nothing) and the rules were dropped without a word.
import { describe, expect, it } from "vitest";
import { load, table, column } from "./helpers.js";

const SPEC = `# Data dictionary

## users

| Column | Type |
|---|---|
| id | uuid |

## parcels

| Column | Type |
|---|---|
| id | uuid |
| user_id | uuid |
| label | text |
| weight | integer |
| sent_on | date |

#### parcels.label
Required. At most 40 characters. Shown on the shelf card.

#### parcels.weight
- Between 1 and 30
- Whole kilograms

#### parcels.sent_on
Cannot be in the future.
`;

describe("a heading per column named table.column", () => {
  it("gives the column the rules its sentences and items state", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "parcels");
    expect(column(t, "label").nullable).toBe(false);
    expect(column(t, "label").maxLength).toBe(40);
    expect(column(t, "weight").minimum).toBe(1);
    expect(column(t, "weight").maximum).toBe(30);
    expect(column(t, "sent_on").relativeToNow).toBe("not-future");
    expect(r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message)).toEqual([]);
  });
});
