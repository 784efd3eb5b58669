// A line under a table that labels its indexes and lists them on the line itself:
// "**Indexes**: unique constraint on (a, b), index on c". Before, the line was prose and both
// indexes, the unique one a stated rule, were dropped without a word.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const spec = (line: string) => `# Schema

## bookings

| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| user_id | text | FK → users.id |
| room_id | uuid | not null |
| day | date | not null |
| note | text | |

${line}
`;

describe("an index label line under a table", () => {
  it("makes each index the line lists, the unique ones unique", async () => {
    const r = await load(spec("**Indexes**: unique constraint on (room_id, day), index on note; `idx_bookings_user` (user_id)"));
    const idx = table(r.ir!, "bookings").indexes.map((i) => `${i.unique ? "unique " : ""}${i.columns.join("+")}`);
    expect(idx).toEqual(expect.arrayContaining(["unique room_id+day", "note", "user_id"]));
  });
  it("leaves a line that is prose as prose", async () => {
    const r = await load(spec("**Indexes**: to be decided once the queries are known."));
    expect(table(r.ir!, "bookings").indexes.filter((i) => i.columns.includes("note") || i.unique)).toEqual([]);
  });
  it("does not read a part naming a column the table lacks", async () => {
    const r = await load(spec("**Indexes**: unique constraint on (room_id, weekday)"));
    expect(table(r.ir!, "bookings").indexes.some((i) => i.unique)).toBe(false);
  });
});
