// Who a row belongs to when its user columns are an audit trail, a log's actor or a membership
// named after any group:
// - a table whose only users are its audit trail (a nullable created_by beside updated_by and
//   deleted_by) is every signed-in user's to read and write, each write stamped with the caller;
//   a required maker column (or another user column) still makes the row its maker's;
// - a table logging what happens to a row and named for it (ticket_activity_logs: ticket_id,
//   actor) belongs to that row; the user column records who acted;
// - a membership table named for its group ("ledger_members" for ledgers) makes the group its
//   members', whatever word names the group, and its creator column a stamp;
// - among several columns naming a user, a required maker is the owner before a nullable role;
// - a row reaches its owner through a required link, even one whose chain is longer, before a
//   nullable one (a stall of a fair's map, perhaps rented by a listing);
// - a group's activities (crew_id, user_id) are the group's to read, the user its actor;
// - a join table between an owned row and a shared one (ticket_tags) relates them, the link the
//   caller's through the owned end;
// - media types listed with commas are values that hold a slash, never split into "image" twice.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import type { IR, Table } from "../../generator/ir/types.js";

const SCHEMA = `# Desk

## users
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| email | text | unique |

## tags
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| title | text | not null |
| created_by | uuid | FK → users(id), nullable |
| updated_by | uuid | FK → users(id), nullable |
| deleted_by | uuid | FK → users(id), nullable |

## drafts
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| body | text | not null |
| created_by | uuid | FK → users(id), not null |
| updated_by | uuid | FK → users(id), nullable |

## tickets
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| subject | text | not null |
| watcher_id | uuid | FK → users(id), nullable |
| created_by | uuid | FK → users(id), not null |

## ticket_tags
| Column | Type | Constraints |
|---|---|---|
| ticket_id | uuid | FK → tickets(id), not null |
| tag_id | uuid | FK → tags(id), not null |

Primary key: (ticket_id, tag_id)

## ticket_activity_logs
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| ticket_id | uuid | FK → tickets(id), not null |
| user_id | uuid | FK → users(id), not null |
| action | text | not null |

## pantries
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| name | text | not null |
| created_by | uuid | FK → users(id), not null |

## pantry_members
| Column | Type | Constraints |
|---|---|---|
| pantry_id | uuid | FK → pantries(id), not null |
| user_id | uuid | FK → users(id), not null |

## fairs
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| organizer_id | uuid | FK → users(id), not null |

## stall_maps
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| fair_id | uuid | FK → fairs(id), not null |

## listings
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| user_id | uuid | FK → users(id), not null |

## stalls
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| map_id | uuid | FK → stall_maps(id), not null |
| listing_id | uuid | FK → listings(id), nullable |

## crews
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| name | text | not null |

## crew_members
| Column | Type | Constraints |
|---|---|---|
| crew_id | uuid | FK → crews(id), not null |
| user_id | uuid | FK → users(id), not null |

## activities
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| crew_id | uuid | FK → crews(id), not null |
| user_id | uuid | FK → users(id), not null |
| action | text | not null |

## snapshots
| Column | Type | Constraints |
|---|---|---|
| id | uuid | PK |
| user_id | uuid | FK → users(id), not null |
| mime | text | image/png, image/jpeg, image/webp |
`;

const table = (ir: IR, n: string): Table => ir.tables.find((t) => t.name === n)!;
/** The audit roles of a table's columns (set from the token's subject: author on create, editor on every write). */
const stamps = (t: Table) => Object.fromEntries(t.columns.filter((c) => c.role === "author" || c.role === "editor").map((c) => [c.name, c.role]));

describe("audit trails, logs and memberships named for their group", () => {
  it("shares a table whose only users are its audit trail for reading and writing, stamping the caller", async () => {
    const r = await load(SCHEMA);
    const tags = table(r.ir!, "tags");
    expect(tags.owner).toBeNull();
    expect(tags.shared).toBe("read-write");
    expect(stamps(tags)).toMatchObject({ created_by: "author", updated_by: "editor" });
    // A required maker keeps its rows.
    expect(table(r.ir!, "drafts").owner).toBe("created_by");
  });

  it("picks a required maker before a nullable role, and gives a log's entries to the row it is named for", async () => {
    const r = await load(SCHEMA);
    expect(table(r.ir!, "tickets").owner).toBe("created_by");
    const log = table(r.ir!, "ticket_activity_logs");
    expect(log.owner).toBeNull();
    expect(log.scope).toMatchObject({ kind: "parent", column: "ticket_id", parent: "tickets" });
    expect(stamps(log)).toEqual({ user_id: "author" });
  });

  it("makes a group its members' when a table is named for its membership, whatever the group's word", async () => {
    const r = await load(SCHEMA);
    const pantries = table(r.ir!, "pantries");
    expect(pantries.owner).toBeNull();
    expect(pantries.scope).toMatchObject({ kind: "member", membership: "pantry_members", membershipGroup: "pantry_id", membershipUser: "user_id" });
    expect(stamps(pantries)).toEqual({ created_by: "author" });
  });

  it("takes a row's required link to its owner's chain before a nullable one reached sooner", async () => {
    const r = await load(SCHEMA);
    // stalls -> stall_maps -> fairs -> users is one step longer than stalls -> listings -> users.
    expect(table(r.ir!, "stalls").scope).toMatchObject({ kind: "parent", column: "map_id", parent: "stall_maps" });
  });

  it("links an owned row to a shared one through a join table, the link the caller's through the owned end", async () => {
    const r = await load(SCHEMA);
    expect(table(r.ir!, "ticket_tags").scope).toMatchObject({ kind: "parent", column: "ticket_id", parent: "tickets" });
    expect(r.ir!.relations).toEqual(expect.arrayContaining([expect.objectContaining({ source: "tickets", name: "tags", join: "ticket_tags", target: "tags" })]));
  });

  it("gives what members did in a group to the group, its user column the actor", async () => {
    const r = await load(SCHEMA);
    const feed = table(r.ir!, "activities");
    expect(feed.owner).toBeNull();
    expect(feed.scope).toMatchObject({ kind: "parent", column: "crew_id", parent: "crews" });
    expect(stamps(feed)).toEqual({ user_id: "author" });
  });

  it("reads media types listed with commas as whole values", async () => {
    const r = await load(SCHEMA);
    const mime = table(r.ir!, "snapshots").columns.find((c) => c.name === "mime")!;
    expect(mime.type).toMatchObject({ kind: "enum", values: ["image/png", "image/jpeg", "image/webp"] });
  });
});
