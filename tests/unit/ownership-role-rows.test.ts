// Who owns a row whose user column is named for a role, in a spec that marks keys without naming
// their targets. Two readings the probes showed wrong, which left a rental app's listings,
// reservations and reviews shared read-only or owned by the wrong user:
// - a key column named without "id" (`landlord`, `flat`) marked "foreign key" or "FK" named no
//   table, so the key was dropped (SF116) and no one owned the row; now its own words name the
//   table (`flat` -> flats) or, for a person's role (a landlord, an attendee), the users;
// - a row a user makes with data of its own (a reservation: a tenant, a flat, dates, a price) whose
//   user column names a role (`tenant`, `guest`, `attendee`) was read as a link of the flat's owner's
//   row: the landlord owned it and the tenant who made it could not see it. Now the tenant owns it;
//   a thin row that only ties a user to a row (a share with its permission) stays a link.
import { describe, expect, it } from "vitest";
import { codes, load } from "./helpers.js";
import type { IR } from "../../generator/ir/types.js";

const SPEC = `# Flat rentals

## users
| Column | Type | Details |
|---|---|---|
| id | integer | not null, primary key |
| nickname | string | |

## flats
| Column | Type | Details |
|---|---|---|
| id | integer | not null, primary key |
| landlord | integer | not null, foreign key |
| street | string | not null |
| rooms | integer | not null |

## reservations
| Column | Type | Details |
|---|---|---|
| id | integer | not null, primary key |
| attendee | integer | not null, foreign key |
| flat | integer | not null, FK |
| arrives_on | date | not null |
| leaves_on | date | not null |
| people | integer | not null |
| total | float | not null |
| note | text | |
| channel | string | |

## flat_shares
| Column | Type | Details |
|---|---|---|
| id | integer | not null, primary key |
| flat_id | integer | not null, foreign key |
| attendee_id | integer | not null, foreign key |
| can_edit | boolean | not null |
`;

const table = (ir: IR, name: string) => ir.tables.find((t) => t.name === name)!;
const ref = (ir: IR, t: string, c: string) => table(ir, t).columns.find((x) => x.name === c)!.references;

describe("key columns named without an id", () => {
  it("reference the table their words name, or the users for a person's role, whatever the marker", async () => {
    const r = await load(SPEC);
    const ir = r.ir!;
    expect(ref(ir, "flats", "landlord")).toMatchObject({ table: "users", column: "id" });
    expect(ref(ir, "reservations", "flat")).toMatchObject({ table: "flats", column: "id" });
    expect(ref(ir, "reservations", "attendee")).toMatchObject({ table: "users", column: "id" });
    expect(codes(r)).not.toContain("SF116");
    expect(table(ir, "flats").owner).toBe("landlord");
  });
});

describe("a row a user makes, its user column named for a role", () => {
  it("is that user's when it holds data of its own", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "reservations").owner).toBe("attendee");
    expect(table(ir, "reservations").scope).toBeUndefined();
  });

  it("is a link of the linked row's owner's when it only ties the user to the row", async () => {
    const ir = (await load(SPEC)).ir!;
    expect(table(ir, "flat_shares").owner).toBeNull();
    expect(table(ir, "flat_shares").scope).toMatchObject({ kind: "parent", column: "flat_id", parent: "flats" });
  });
});
