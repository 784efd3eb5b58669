// A table of constraints under a table's section whose cells hold the clauses themselves
// ("| trips_code_once | UNIQUE(user_id, code) |", "| CHECK (seats > 0) |"): each clause is read
// as it says (a unique index, a check, a key), not as an index on a column named like the row.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Rides

## users
| column | type | notes |
|---|---|---|
| id | uuid | PK |

## trips
| column | type | notes |
|---|---|---|
| id | uuid | PK |
| user_id | uuid | FK users.id |
| code | text | not null |
| seats | integer | not null |

### Constraints
| Name | Definition |
|---|---|
| trips_code_once | UNIQUE(user_id, code) |
| trips_seats_positive | CHECK (seats > 0 AND seats <= 9) |
| trips_user_fk | FOREIGN KEY (user_id) REFERENCES users(id) |
`;

describe("a constraints table holding clauses", () => {
  it("reads each clause: the unique pair and the check, with no warning about unknown columns", async () => {
    const r = await load(SPEC);
    const trips = r.ir!.tables.find((t) => t.name === "trips")!;
    expect(trips.indexes.some((i) => i.unique && i.columns.join() === "user_id,code")).toBe(true);
    expect((trips.checks ?? []).map((c) => c.sql)).toEqual([expect.stringContaining("seats > 0")]);
    expect(r.diagnostics.filter((d) => d.code === "SF111" || d.code === "SF113")).toEqual([]);
  });
});
