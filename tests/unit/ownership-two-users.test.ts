// A table naming two users, one who makes the row and one it is for (sender and recipient,
// buyer and seller, a user and their friend): the owner column is set from the token on create,
// so the maker owns the row whichever is written first, and the other user's lack of access is
// said at that column (SF136). A lone recipient (an inbox) stays the owner. A conversation (a
// channel, a chat, a room, a thread) with a participants table belongs to its participants.
import { describe, expect, it } from "vitest";
import { load, pos } from "./helpers.js";
import type { FrontResult } from "../../generator/front.js";

function table(r: FrontResult, name: string) {
  const t = r.ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}; tables ${r.ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}

describe("a table naming two users: the one who makes the row owns it", () => {
  const POST = `## users
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| handle | text | not null, unique |

## postcards
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| addressee_id | uuid | not null, FK → users.id |
| writer_id | uuid | not null, FK → users.id |
| greeting | text | not null |

## alerts
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| recipient_id | uuid | not null, FK → users.id |
| body | text | not null |
`;

  it("reads the writer as the owner even when the addressee is written first, and warns at the addressee", async () => {
    const r = await load(POST);
    expect(table(r, "postcards").owner).toBe("writer_id");
    const w = r.diagnostics.filter((d) => d.code === "SF136");
    expect(w).toHaveLength(1);
    expect(`${w[0]!.span.line}:${w[0]!.span.column}`).toBe(pos(POST, "| addressee_id").replace(/:\d+$/, ":3"));
    expect(w[0]!.message).toContain('"addressee_id"');
  });

  it("keeps a lone recipient the owner, with no warning (an inbox)", async () => {
    const r = await load(POST);
    expect(table(r, "alerts").owner).toBe("recipient_id");
    expect(r.diagnostics.filter((d) => d.code === "SF136" && d.message.includes("alerts"))).toHaveLength(0);
  });

  it("keeps user_id over a friend, and warns that the friend gets no access", async () => {
    const r = await load(POST.replace("| addressee_id | uuid | not null, FK → users.id |\n| writer_id |", "| pal_id | uuid | not null, FK → users.id |\n| user_id |").replace("## alerts", "## pals_unused").replace(/pal_id/g, "friend_id"));
    expect(table(r, "postcards").owner).toBe("user_id");
    expect(r.diagnostics.some((d) => d.code === "SF136" && d.message.includes('"friend_id"'))).toBe(true);
  });

  it("says nothing for two users of which none is the receiving party (reviewer and author)", async () => {
    const r = await load(POST.replace("addressee_id", "reviewer_id"));
    expect(r.diagnostics.filter((d) => d.code === "SF136")).toHaveLength(0);
  });

  it("lets the spec choose the receiving user with Owner:", async () => {
    const r = await load(POST.replace("| greeting | text | not null |\n", "| greeting | text | not null |\n\nOwner: addressee_id\n"));
    expect(table(r, "postcards").owner).toBe("addressee_id");
    expect(r.diagnostics.filter((d) => d.code === "SF136")).toHaveLength(0);
  });
});

describe("a conversation its participants belong to", () => {
  const CHAT = `## users
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| handle | text | not null, unique |

## channels
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| topic | text | not null |

## channel_participants
| column | type | constraints |
|---|---|---|
| channel_id | uuid | not null, FK → channels.id |
| user_id | uuid | not null, FK → users.id |
| joined_at | timestamptz | not null, default now() |

Primary key (channel_id, user_id).

## pins
| column | type | constraints |
|---|---|---|
| id | uuid | primary key |
| channel_id | uuid | not null, FK → channels.id |
| label | text | not null |
`;

  it("makes the channel its participants' rows, and what hangs under it theirs through it", async () => {
    for (const word of ["channels", "threads", "rooms", "chats", "conversations"]) {
      const one = word.slice(0, -1);
      const r = await load(CHAT.replace(/channels/g, word).replace(/channel_/g, `${one}_`));
      expect(table(r, word).scope).toMatchObject({ kind: "member", membership: `${one}_participants`, membershipGroup: `${one}_id`, membershipUser: "user_id" });
      expect(table(r, "pins").scope).toMatchObject({ kind: "parent", parent: word });
    }
  });
});
