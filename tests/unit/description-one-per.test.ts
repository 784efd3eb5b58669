// Two readings of a column's description: "one <row> per <thing>" on the column that names the
// thing is a uniqueness rule (one row per value, or per value and the other things named), and a
// list of numbered codes left open ("1 = draft, 2 = second draft, etc.") gives no range: only a
// closed list of codes bounds the column.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const spec = (rows: string) => `## users

| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | text | primary key | |

## polls

| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | serial | primary key | |
| owner_id | text | not null, references users(id) | |
| title | text | not null | |

## ballots

| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | serial | primary key | |
| user_id | text | not null, references users(id) | |
${rows}
`;

describe("one row per thing, said in a description", () => {
  it("makes the column naming the thing unique", async () => {
    const r = await load(spec("| poll_id | integer | not null, references polls(id) | Only one ballot per poll |\n| attempt | integer | not null, default 1 | |"));
    expect(column(table(r.ir!, "ballots"), "poll_id").unique).toBe(true);
  });

  it("makes it unique together with the other things named (the user is the owner)", async () => {
    const r = await load(spec("| poll_id | integer | not null, references polls(id) | At most one ballot per user per poll |"));
    const t = table(r.ir!, "ballots");
    expect(column(t, "poll_id").unique).toBe(false);
    expect(t.indexes.map((i) => [i.unique, i.columns])).toEqual([[true, ["user_id", "poll_id"]]]);
  });

  it("is no rule on a column that does not name the thing, nor in an example", async () => {
    const r = await load(spec("| poll_id | integer | not null, references polls(id) | e.g. one ballot per poll in a simple vote |\n| points | integer | not null | One point per poll answered |"));
    const t = table(r.ir!, "ballots");
    expect([column(t, "poll_id").unique, column(t, "points").unique, t.indexes]).toEqual([false, false, []]);
  });
});

describe("numbered codes in a description", () => {
  it("bound the column when every code is listed", async () => {
    const r = await load(spec("| attempt | integer | not null | 1 = first try, 2 = retry, 3 = last try |"));
    expect(column(table(r.ir!, "ballots"), "attempt")).toMatchObject({ minimum: 1, maximum: 3 });
  });

  it("do not bound it when the list is left open", async () => {
    for (const open of ["1 = first try, 2 = second try, etc.", "1 = first try, 2 = second try, and so on", "1 = first try, 2 = second try, ..."]) {
      const c = column(table((await load(spec(`| attempt | integer | not null | ${open} |`))).ir!, "ballots"), "attempt");
      expect([c.minimum, c.maximum], open).toEqual([undefined, undefined]);
    }
  });
});
