// A row that ties a user to another user's row (card_watchers: card_id, user_id) belongs to the
// owner of the row it links: the user it names is the watcher, not the owner (a group's membership,
// board_members, is the group's membership instead, and a comment on a card is then the board's members').
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = (extra = "") => `# Data model

## users
- \`id\` (uuid, PK)

## boards
- \`id\` (serial, PK)
- \`owner_id\` (FK → users.id)
- \`title\` (string, required)

## cards
- \`id\` (serial, PK)
- \`board_id\` (integer, FK → boards.id, required)
- \`text\` (string, required)

## card_watchers
- \`id\` (serial, PK)
- \`card_id\` (integer, FK → cards.id, required)
- \`user_id\` (FK → users.id, required)
${extra}
## board_members
- \`id\` (serial, PK)
- \`board_id\` (integer, FK → boards.id, required)
- \`member_id\` (FK → users.id, required)

## card_comments
- \`id\` (serial, PK)
- \`card_id\` (integer, FK → cards.id, required)
- \`user_id\` (FK → users.id, required)
- \`body\` (text, required)
`;

describe("link tables of owned rows", () => {
  it("gives the row to the owner of the row it links, and says so", async () => {
    const r = await load(SCHEMA());
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    expect(t("card_watchers").owner).toBeNull();
    expect(t("card_watchers").scope).toMatchObject({ kind: "parent", column: "card_id", parent: "cards" });
    // A table named for a group's membership is the group's membership, even when the group has an
    // owner column (boards.owner_id): its members see the board, and owner_id records who made it.
    expect(t("board_members").owner).toBe("member_id");
    expect(t("boards").scope).toMatchObject({ kind: "member", membership: "board_members", membershipUser: "member_id" });
    expect(t("boards").owner).toBeNull();
    // The user it names is an ordinary reference a client writes.
    expect(t("card_watchers").columns.find((c) => c.name === "user_id")!.role).toBe("data");
    expect(r.notes.map((n) => n.message).join("\n")).toContain(`"card_watchers.user_id" names the user a row of "card_watchers" is about, not its owner`);
    // A comment's user is its writer, and the board is its members': the comment is theirs through its card.
    expect(t("card_comments").owner).toBeNull();
    expect(t("card_comments").scope).toMatchObject({ kind: "parent", column: "card_id", parent: "cards" });
    expect(t("card_comments").columns.find((c) => c.name === "user_id")!.role).toBe("author");
  });

  it("keeps the owner the spec names outright", async () => {
    const r = await load(SCHEMA("\nOwner: user_id\n"));
    expect(r.ir!.tables.find((x) => x.name === "card_watchers")!.owner).toBe("user_id");
  });
});
