// Required/optional said with a value or a mark ("nullable: false", "not required", "memo?:"),
// a CHECK that lists the allowed values without its column ("CHECK('x','y')"), and a composite
// key written as "PK (a, b)" under the columns.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Schema

## parcels

- id: uuid, primary key
- memo?: string
- weight_kg: numeric, nullable: false
- insured: boolean, required: false
- label: text, not required
- service: text, CHECK('standard','express')
- ref_code: text, unique: true

## parcel_scans

| Column | Type | Constraints |
|---|---|---|
| parcel_id | uuid | FK → parcels.id |
| scanned_at | timestamptz | NOT NULL |
| station | text | CHECK IN ('north', 'south') |

## legs

- parcel_id: uuid
- leg_no: int, required
- PK (parcel_id, leg_no)
`;

describe("rules said with a value, a mark or a bare list", () => {
  it("reads each the way it points", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "parcels")!;
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("memo").nullable).toBe(true);
    expect(c("weight_kg").nullable).toBe(false);
    expect(c("insured").nullable).toBe(true);
    expect(c("label").nullable).toBe(true);
    expect(c("service").type).toMatchObject({ kind: "enum", values: ["standard", "express"] });
    expect(c("ref_code").unique).toBe(true);
    const scans = r.ir!.tables.find((x) => x.name === "parcel_scans")!;
    expect(scans.columns.find((x) => x.name === "station")!.type).toMatchObject({ kind: "enum", values: ["north", "south"] });
    const legs = r.ir!.tables.find((x) => x.name === "legs")!;
    expect(legs.keyColumns).toEqual(["parcel_id", "leg_no"]);
    expect(legs.indexes).toEqual([]);
  });
});

describe("a key stated in a note line that repeats its keyword", () => {
  it("reads 'Unique Constraint: UNIQUE (a, b)' as the unique pair", async () => {
    const r = await load(`# Schema

## bookings

| Column | Type | Nullable |
|---|---|---|
| id | uuid | NO |
| room_id | uuid | NO |
| night | date | NO |

**Unique constraint:** \`UNIQUE (room_id, night)\` stops double booking.
`);
    const t = r.ir!.tables.find((x) => x.name === "bookings")!;
    expect(t.indexes.filter((i) => i.unique).map((i) => i.columns)).toEqual([["room_id", "night"]]);
    expect(r.diagnostics.filter((d) => d.code === "SF111")).toEqual([]);
  });
});

describe("checks in a note line with a remark in parentheses", () => {
  it("reads each check of 'Checks (advised): a; b'", async () => {
    const r = await load(`# Schema

## kilns

| Column | Type | Nullable |
|---|---|---|
| id | int | NO |
| shelves | int | NO |
| fired_at | timestamptz | NO |
| cooled_at | timestamptz | YES |

Checks (advised): shelves >= 1; shelves <= 12

Check (optional for now): cooled_at >= fired_at
`);
    const t = r.ir!.tables.find((x) => x.name === "kilns")!;
    expect((t.checks ?? []).map((c) => c.sql)).toEqual(["shelves >= 1", "shelves <= 12", "cooled_at >= fired_at"]);
  });
});
