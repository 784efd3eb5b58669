// Rows of a group its members share. Two readings the probes of real specs showed wrong:
// - a group table with a column naming who made it (guilds.founder... here clubs.created_by,
//   teams.owner_id) and a table named for its membership (club_members) was read as its
//   creator's alone, and the membership as a link of the creator's row: no other member saw it;
// - a row of a group's that names who wrote it (posts.author_id under a club, uploads.uploaded_by
//   under a club's event, messages.sender_id in a room, a comment's user_id) was read as the
//   writer's alone, so the other members of the group never saw it.
// Now the group is its members', its rows are theirs through the group, and the maker columns are
// audit columns the app fills from the token. The same for a table the spec calls shared (a notice
// board "shared by all users", a list "maintained by admins") whose only user column is its maker:
// it was its maker's alone, even under "Shared: read-only"; now it is shared as said. A column naming the row's own user (user_id) keeps
// the row that user's, and per-user rows (no group anywhere above them) keep their maker as owner.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import type { IR } from "../../generator/ir/types.js";

const SPEC = `# Hiking clubs

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |
| handle | varchar(40) | nullable |

## clubs

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| title | varchar(80) | not null |
| created_by | text | not null, references users(id) |

## club_members

| Column | Type | Constraints |
|---|---|---|
| club_id | integer | not null, references clubs(id) |
| user_id | text | not null, references users(id) |

Primary key: (club_id, user_id)

## hikes

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| club_id | integer | not null, references clubs(id) |
| route | text | not null |
| created_by | text | not null, references users(id) |
| updated_by | text | nullable, references users(id) |

## photos

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| hike_id | integer | not null, references hikes(id) |
| uploaded_by | text | not null, references users(id) |
| url | text | not null |

## gear_checks

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| hike_id | integer | not null, references hikes(id) |
| user_id | text | not null, references users(id) |
| ready | boolean | not null, default false |

## diaries

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| author_id | text | not null, references users(id) |
| body | text | not null |

## hike_comments

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| hike_id | integer | not null, references hikes(id) |
| user_id | text | not null, references users(id) |
| body | text | not null |

## trail_notices

Shared by all users: anyone signed in may post a notice about a trail.

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| trail | text | not null |
| created_by | text | nullable, references users(id) |

## difficulty_levels

A global list, maintained by admins.

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| label | text | not null |
| added_by | text | nullable, references users(id) |

## diary_pages

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| diary_id | integer | not null, references diaries(id) |
| created_by | text | not null, references users(id) |
| text | text | not null |
`;

const table = (ir: IR, name: string) => ir.tables.find((t) => t.name === name)!;
const role = (ir: IR, t: string, c: string) => table(ir, t).columns.find((x) => x.name === c)!.role;

describe("a group its creator made, with a membership table", () => {
  it("is its members', and the creator column is who made it, set from the token", async () => {
    const r = await load(SPEC);
    const ir = r.ir!;
    expect(table(ir, "clubs").owner).toBeNull();
    expect(table(ir, "clubs").scope).toEqual({ kind: "member", column: "id", membership: "club_members", membershipGroup: "club_id", membershipUser: "user_id" });
    expect(role(ir, "clubs", "created_by")).toBe("author");
    // The membership is owned by the member it names, not the club's creator's row's link.
    expect(table(ir, "club_members").owner).toBe("user_id");
    expect(r.notes.map((n) => n.message).join("\n")).toContain(`"clubs.created_by" records who made a row of "clubs", not whose it is`);
  });

  it("also with an owner_id column, and with the membership's user named for the member", async () => {
    const r = await load(`# Teams\n\n## users\n- id: uuid (primary key)\n\n## teams\n- id: uuid (primary key)\n- owner_id: uuid (references users(id))\n- name: text\n\n## team_memberships\n- id: uuid (primary key)\n- team_id: uuid (references teams(id))\n- member_id: uuid (references users(id))\n`);
    const ir = r.ir!;
    expect(table(ir, "teams").scope).toMatchObject({ kind: "member", membership: "team_memberships", membershipUser: "member_id" });
    expect(role(ir, "teams", "owner_id")).toBe("author");
    expect(table(ir, "team_memberships").owner).toBe("member_id");
  });

  it("stays its owner's when the other table is not named for a membership (a link, or a user's own list)", async () => {
    const r = await load(`# Teams\n\n## users\n- id: uuid (primary key)\n\n## teams\n- id: uuid (primary key)\n- owner_id: uuid (references users(id))\n- name: text\n\n## team_invoices\n- id: uuid (primary key)\n- team_id: uuid (not null, references teams(id))\n- user_id: uuid (not null, references users(id))\n`);
    expect(table(r.ir!, "teams").owner).toBe("owner_id");
    expect(table(r.ir!, "teams").scope).toBeUndefined();
  });
});

describe("a table the spec calls shared, with a column naming who made each row", () => {
  it("is shared as said (for reading and writing, or for reading alone), the column a stamp", async () => {
    const r = await load(SPEC);
    const ir = r.ir!;
    expect(table(ir, "trail_notices").owner).toBeNull();
    expect(table(ir, "trail_notices").shared).toBe("read-write");
    expect(role(ir, "trail_notices", "created_by")).toBe("author");
    expect(table(ir, "difficulty_levels").owner).toBeNull();
    expect(table(ir, "difficulty_levels").shared).toBe("read");
    expect(r.notes.map((n) => n.message).join("\n")).toContain(`"difficulty_levels.added_by" records who made a row of "difficulty_levels", not whose it is: the spec calls the table shared`);
  });

  it("also when the section says so outright, and not for words that only say rows are visible", async () => {
    const shared = await load(`# Tags\n\n## users\n- id: uuid (primary key)\n\n## tags\nShared: read-only\n- id: serial (primary key)\n- label: text\n- created_by: uuid (references users(id))\n`);
    expect(table(shared.ir!, "tags")).toMatchObject({ owner: null, shared: "read" });
    // "publicly visible" says who reads a row, not that no one owns it: posts stay their authors'.
    const posts = await load(`# Posts\n\n## users\n- id: uuid (primary key)\n\n## posts\nPosts are publicly visible.\n- id: serial (primary key)\n- body: text\n- author_id: uuid (references users(id))\n`);
    expect(table(posts.ir!, "posts").owner).toBe("author_id");
  });
});

describe("a row of a group's that names who made it", () => {
  it("is the group's members' through its link, and its maker and editor columns are stamps", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "hikes").owner).toBeNull();
    expect(table(ir, "hikes").scope).toEqual({ kind: "parent", column: "club_id", parent: "clubs", parentKey: "id" });
    expect(role(ir, "hikes", "created_by")).toBe("author");
    expect(role(ir, "hikes", "updated_by")).toBe("editor");
    // Two levels down: photos -> hikes -> clubs.
    expect(table(ir, "photos").owner).toBeNull();
    expect(table(ir, "photos").scope).toEqual({ kind: "parent", column: "hike_id", parent: "hikes", parentKey: "id" });
    expect(role(ir, "photos", "uploaded_by")).toBe("author");
  });

  it("keeps a column naming the row's own user as its owner (each member's own checklist)", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "gear_checks").owner).toBe("user_id");
  });

  it("reads user_id as the writer of what members say to each other about a group's row (comments, messages)", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "hike_comments").owner).toBeNull();
    expect(table(ir, "hike_comments").scope).toMatchObject({ kind: "parent", column: "hike_id", parent: "hikes" });
    expect(role(ir, "hike_comments", "user_id")).toBe("author");
    // With no group above, a comment stays its writer's.
    const alone = (await load(`# Notes\n\n## users\n- id: uuid (primary key)\n\n## notes\n- id: serial (primary key)\n- user_id: uuid (not null, references users(id))\n\n## note_comments\n- id: serial (primary key)\n- note_id: integer (not null, references notes(id))\n- user_id: uuid (not null, references users(id))\n`)).ir!;
    expect(table(alone, "note_comments").owner).toBe("user_id");
  });

  it("keeps per-user rows their maker's when no group is above them", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "diaries").owner).toBe("author_id");
    expect(table(ir, "diary_pages").owner).toBe("created_by");
  });

  it("reads a sender in a room the same way (chat: rooms with members, messages with a sender)", async () => {
    const r = await load(`# Chat\n\n## users\n- id: uuid (primary key)\n\n## rooms\n- id: uuid (primary key)\n- topic: text\n\n## room_members\n- id: uuid (primary key)\n- room_id: uuid (not null, references rooms(id))\n- user_id: uuid (not null, references users(id))\n\n## messages\n- id: uuid (primary key)\n- room_id: uuid (not null, references rooms(id))\n- sender_id: uuid (not null, references users(id))\n- text: text\n`);
    const ir = r.ir!;
    expect(table(ir, "messages").owner).toBeNull();
    expect(table(ir, "messages").scope).toMatchObject({ kind: "parent", column: "room_id", parent: "rooms" });
    expect(role(ir, "messages", "sender_id")).toBe("author");
  });
});
