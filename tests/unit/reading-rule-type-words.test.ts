// A rules table cell that only says what type the column is ("boolean type", "integer value"),
// maybe before a real rule, restates the type: no unknown rule (SF108) is reported for it.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Habits

## habits

| Column | Type | Constraints |
|---|---|---|
| id | serial | PRIMARY KEY |
| active | boolean | NOT NULL |
| streak | integer | NOT NULL |

### Validation Rules

| Field | Validation |
|-------|------------|
| active | boolean type |
| streak | integer value, min 0 |
`;

describe("a rule cell naming the column's type", () => {
  it("restates the type and keeps the rule after it", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    expect(column(table(r.ir!, "habits"), "streak").minimum).toBe(0);
  });
});
