// A line under a table that labels a SQL clause ("**Constraints:** `UNIQUE(a, b)` — ...", the
// label in any language) is the clause: the label is only a label. Before, such a line was
// prose, and the uniqueness it states was dropped without a word.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const spec = (line: string) => `## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## seats

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| show_id | integer | not null |
| row_no | integer | not null |

${line}
`;

describe("a labelled clause line under a table", () => {
  for (const line of [
    "**Constraints:** `UNIQUE(show_id, row_no)` — a seat is sold once per show.",
    "Rule: UNIQUE (show_id, row_no)",
    "**Restricción:** `UNIQUE(show_id, row_no)` — un asiento por función.",
    "**Ràng buộc:** `UNIQUE(show_id, row_no)`",
  ]) {
    it(`reads ${JSON.stringify(line)} as the unique index`, async () => {
      const r = await load(spec(line));
      expect(table(r.ir!, "seats").indexes.map((i) => [i.unique, i.columns])).toEqual([[true, ["show_id", "row_no"]]]);
    });
  }
});
