// "CHECK > 0" in a column's constraints cell leaves the column out: the column the cell belongs
// to is the one checked, so it is that column's bound (validator and database), not a CHECK
// PostgreSQL cannot parse (before: warned and not enforced).
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const spec = (constraint: string) => `## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## crates

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| bottles | integer | NOT NULL, ${constraint} |
`;

describe("a CHECK with the column left out", () => {
  for (const [written, want] of [
    ["CHECK > 0", { exclusiveMinimum: 0 }],
    ["CHECK (>= 1)", { minimum: 1 }],
    ["CHECK <= 24", { maximum: 24 }],
    ["CHECK (BETWEEN 1 AND 24)", { minimum: 1, maximum: 24 }],
  ] as const) {
    it(`reads "${written}" as the column's bound`, async () => {
      const r = await load(spec(written));
      expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
      expect(column(table(r.ir!, "crates"), "bottles")).toMatchObject(want);
    });
  }
});
