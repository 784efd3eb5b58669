// An "Indexes" list under a table whose items are a column of it and a note on why, in whatever
// language: "- `due_on` (sorting)", "- `owner_id`（検索用）", "- `id` (PK)". Before, the note was
// read as a column list: "due_on (sorting)" was not understood (SF113) and "id (PK)" was read as
// an index of a table named "id" (SF112); no index was made.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

describe("index items that are a column and a note", () => {
  it("index the column, and skip the key restated", async () => {
    const r = await load(`# Model

## users

| Column | Type | Constraints |
|---|---|---|
| id | uuid | primary key |

## chores

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| owner_id | uuid | FK users.id |
| due_on | date | |
| code | text | |

### Indexes

- \`id\` (PK)
- \`owner_id\`（検索用）
- \`due_on\` (sorting the board)
- \`code\` (unique)
- (owner_id, due_on)
`);
    const chores = r.ir!.tables.find((t) => t.name === "chores")!;
    expect(chores.indexes.map((i) => `${i.unique ? "unique " : ""}${i.columns.join(",")}`)).toEqual(["owner_id", "due_on", "unique code", "owner_id,due_on"]);
    expect(r.diagnostics.filter((d) => d.code === "SF112" || d.code === "SF113")).toEqual([]);
  });
});
