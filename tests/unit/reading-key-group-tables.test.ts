// A small table under a table's own section whose first column is headed Index (or Key) and holds
// column groups in brackets, "PRIMARY KEY `(a, b)`" or "`(b, a)`": the table's composite key and
// indexes, with no "Indexes" label before it. Before, it was passed over, the table got a made-up
// "id" key and nothing stopped the same pair being stored twice.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const SPEC = `# Clubs

## users

| Column | Type | Constraints |
| --- | --- | --- |
| \`id\` | BIGINT | PK, AUTO_INCREMENT |

## clubs

| Column | Type | Constraints |
| --- | --- | --- |
| \`id\` | BIGINT | PK, AUTO_INCREMENT |
| \`owner_id\` | BIGINT | NOT NULL, FK → \`users.id\` |

## memberships

| Column | Type | Constraints |
| --- | --- | --- |
| \`club_id\` | BIGINT | NOT NULL, FK → \`clubs.id\` |
| \`user_id\` | BIGINT | NOT NULL, FK → \`users.id\` |

| Index | Purpose |
| --- | --- |
| PRIMARY KEY \`(club_id, user_id)\` | One membership per person and club |
| \`(user_id, club_id)\` | The clubs of a person |
`;

describe("an Index column of bracketed column groups under a table", () => {
  it("gives the table its composite key and indexes", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "memberships");
    expect(t.columns.map((c) => c.name)).toEqual(["club_id", "user_id"]);
    expect(JSON.stringify(t)).toContain('"club_id","user_id"');
    expect(t.indexes.some((i) => i.columns.join(",") === "user_id,club_id")).toBe(true);
  });
});
