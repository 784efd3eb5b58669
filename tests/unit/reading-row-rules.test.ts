// Rules of a row that tie one column to another: an order between two dates or amounts said in
// words ("on or after", "cannot be earlier than", "no later than", ">= col") and a value required
// only in one state ("required when phase is shipped", "must be set if phase = 'lost'"). Each is a
// CHECK of the table; an order is checked by the validator too. "greater than zero" stays a
// bound, not a column named "zero"; "must match ^...$" is a pattern.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Schema

## users

| Column | Type | Constraints |
|---|---|---|
| id | uuid | primary key |

## parcels

| Column | Type | Constraints | Notes |
|---|---|---|---|
| id | uuid | primary key | |
| user_id | uuid | not null, references users(id) | |
| phase | varchar(12) | not null | one of booked, shipped, lost |
| booked_on | date | not null | |
| pickup_on | date | | Must be on or after booked_on. |
| handed_at | timestamptz | cannot be earlier than booked_on | |
| promised_on | date | no later than pickup_on | |
| shipped_at | timestamptz | | Required when phase is shipped. |
| loss_note | text | required if phase = 'lost' | |
| fee | numeric(8,2) | | Must be greater than zero. |
| label | varchar(20) | | Must match ^[a-z]+$ |
| tracking | text | | required when carrier is fast |

## Business rules

- \`handed_at\` must not be after \`promised_on\`.
- \`loss_note\` must be set when \`phase\` is \`lost\`.
`;

describe("rules between the columns of a row", () => {
  it("reads an order between two columns, said in words or as an operator, as a compared CHECK", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "parcels")!;
    const compares = (t.checks ?? []).filter((k) => k.compare).map((k) => k.sql);
    expect(compares).toEqual(expect.arrayContaining(["pickup_on >= booked_on", "handed_at >= booked_on", "promised_on <= pickup_on", "handed_at <= promised_on"]));
    expect(r.diagnostics.filter((d) => d.code === "SF108" && /pickup_on|handed_at|promised_on/.test(d.message))).toEqual([]);
  });

  it("reads a value required in one state as a CHECK, and leaves the column nullable", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "parcels")!;
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    const sql = (t.checks ?? []).map((k) => k.sql);
    expect(sql).toContain("phase <> 'shipped' OR shipped_at IS NOT NULL");
    expect(sql.filter((s) => s === "phase <> 'lost' OR loss_note IS NOT NULL")).toHaveLength(1);
    expect(c("shipped_at").nullable).toBe(true);
    expect(c("loss_note").nullable).toBe(true);
    const check = t.checks!.find((k) => k.sql.includes("shipped_at"))!;
    expect(check.columns).toEqual(expect.arrayContaining(["phase", "shipped_at"]));
  });

  it("warns, quoting it, about a state rule whose column the table does not have", async () => {
    const r = await load(SPEC);
    const d = r.diagnostics.filter((x) => x.code === "SF108" && x.message.includes("carrier"));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('"tracking" required when carrier is fast');
    const t = r.ir!.tables.find((x) => x.name === "parcels")!;
    expect(t.columns.find((x) => x.name === "tracking")!.nullable).toBe(true);
  });

  it("warns about a state the column cannot be in", async () => {
    const r = await load(SPEC.replace("Required when phase is shipped.", "Required when phase is parked."));
    const d = r.diagnostics.filter((x) => x.code === "SF108" && x.message.includes("parked"));
    expect(d).toHaveLength(1);
    expect(r.ir!.tables.find((x) => x.name === "parcels")!.checks!.some((k) => k.sql.includes("parked"))).toBe(false);
  });

  it("keeps 'greater than zero' a bound and reads 'must match' as a pattern", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "parcels")!;
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("fee").exclusiveMinimum).toBe(0);
    expect(c("label").pattern).toBe("^[a-z]+$");
    expect(r.diagnostics.filter((d) => d.code === "SF108" && /zero|label/.test(d.message))).toEqual([]);
  });
});
