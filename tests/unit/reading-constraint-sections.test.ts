// Rules listed in sections named for a kind of constraint ("### Check Constraints", "### Not Null
// Constraints", "### Unique Constraints"), each item naming its column as table.column, are the
// columns' rules; "Length between 1 and 255 characters" is a length, "Required field" is required,
// and what a rule is for ("to prevent duplicate names") is no rule of its own. Before, such
// sections were read as nothing: the bounds they state were dropped without a word.
import { describe, expect, it } from "vitest";
import { codes, column, load, table } from "./helpers.js";

const SCHEMA = `# Schema

## Tables

### shelves
| Column | Type | Constraints |
|---|---|---|
| id | SERIAL | PRIMARY KEY |
| user_id | TEXT | NOT NULL |
| label | VARCHAR(80) | |
| note | TEXT | |

## Constraints

### Not Null Constraints
- **shelves.label:** Required field

### Unique Constraints
- **shelves.label:** Unique constraint to prevent duplicate labels

### Check Constraints
- **shelves.label:** Length between 2 and 80 characters
- **shelves.note:** Length up to 500 characters (optional)
`;

describe("sections named for a kind of constraint", () => {
  it("give each column the rules their items state, with no warning", async () => {
    const r = await load(SCHEMA);
    expect(codes(r)).not.toContain("SF108");
    const shelves = table(r.ir!, "shelves");
    expect(column(shelves, "label")).toMatchObject({ nullable: false, minLength: 2, maxLength: 80 });
    expect(column(shelves, "note")).toMatchObject({ nullable: true, maxLength: 500 });
    const unique = column(shelves, "label").unique || shelves.indexes.some((i) => i.unique && i.columns.join() === "label");
    expect(unique).toBe(true);
  });
});
