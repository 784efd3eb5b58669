// A column named like a user's role in the row (created_by, author_id, owner_user_id) names a user
// only when its written type can hold an id. "created_by" written as a time is when, not who: it
// used to count as a second candidate owner (so the table was left with no owner and shared), or
// alone to be taken as the owner and retyped to the users' key.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const spec = (extra: string) => `# Schema

## users

| column | type | notes |
|---|---|---|
| id | uuid | primary key |

## notes

| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| body | text | not null |
${extra}`;

describe("a role-named column whose type cannot hold a user id", () => {
  it("leaves the one that can as the owner", async () => {
    const r = await load(spec("| author_id | uuid | |\n| created_by | timestamp | when it was written |\n"));
    const t = table(r.ir!, "notes");
    expect(t.owner).toBe("author_id");
    expect(column(t, "created_by").type.kind).toBe("timestamp");
  });
  it("is never taken as the owner alone, nor retyped", async () => {
    const r = await load(spec("| created_by | timestamp | |\n"));
    const t = table(r.ir!, "notes");
    expect(t.owner).not.toBe("created_by");
    expect(column(t, "created_by").type.kind).toBe("timestamp");
  });
  it("still reads a role column of an id type as the owner", async () => {
    const r = await load(spec("| created_by | uuid | |\n"));
    expect(table(r.ir!, "notes").owner).toBe("created_by");
  });
});
