// A table the spec says is each user's own in words, with no column naming the user: the table
// gets "user_id" referencing the users table (deleted with its user), its owner, as an engineer
// reading the sentence would add it. Not where the spec calls the table shared, writes an owner,
// or a column already names a user.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}; tables ${r.ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

const spec = (said: string, extra = "") => `# Reading log

## readers
| column | type | constraints |
|---|---|---|
| id | text | primary key |
| email | text | not null, unique |

## shelves

${said}

| column | type | constraints |
|---|---|---|
| id | serial | primary key |
| label | varchar(40) | not null |
${extra}
## books
| column | type | constraints |
|---|---|---|
| id | serial | primary key |
| reader_id | text | not null, FK → readers.id |
| shelf_id | integer | FK → shelves.id |
| title | text | not null |
`;

describe("rows said in words to be each user's own", () => {
  for (const said of ["Every user keeps their own shelves.", "Shelves are per-user: nobody sees another reader's.", "A shelf belongs to one user.", "User-specific shelves for sorting books."]) {
    it(`adds the owner column for "${said}"`, async () => {
      const r = await load(spec(said));
      const t = table(r, "shelves");
      expect(t.owner).toBe("user_id");
      const c = t.columns.find((x) => x.name === "user_id")!;
      expect(c.references).toEqual({ table: "readers", column: "id", onDelete: "cascade" });
      expect(c.type).toEqual({ kind: "text" });
      expect(c.nullable).toBe(false);
      expect(r.notes.some((n) => n.message.includes('"shelves" says each user has their own rows'))).toBe(true);
    });
  }

  it("leaves a table the spec calls shared, or says nothing of, shared", async () => {
    for (const said of ["Shelves are shared by all users.", "The shelves every reader can pick from."]) {
      const t = table(await load(spec(said)), "shelves");
      expect(t.owner).toBeNull();
      expect(t.columns.some((c) => c.name === "user_id")).toBe(false);
    }
  });

  it("keeps the column the spec writes (reader_id) and adds none", async () => {
    const r = await load(spec("Every user keeps their own shelves.", "| reader_id | text | not null, FK → readers.id |\n"));
    expect(table(r, "shelves").owner).toBe("reader_id");
    expect(table(r, "shelves").columns.some((c) => c.name === "user_id")).toBe(false);
  });
});
