// A key column written with a capital, as specs with PascalCase fields (C#, .NET) write it:
// "| Id | UUID | Yes |" and no column marked primary key. Before, "Id" was not seen as the
// key: each table got a second column "id" as its key beside it, and "Id" stayed a required
// column nobody fills (every create then failed with a 422 naming it).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

describe("a capitalised Id column", () => {
  it("is the key of a table whose spec names no primary key anywhere", async () => {
    const r = await load(`# Model

## Entity: Parcel

| Field | Type | Required | Notes |
|---|---|---|---|
| Id | UUID | Yes | made when the parcel is booked |
| Weight | decimal | Yes | kilograms |

## Entity: Scan

| Field | Type | Required | Notes |
|---|---|---|---|
| ID | UUID | Yes | |
| ParcelId | UUID | Yes | the parcel scanned |
| Place | string | No | |
`);
    for (const name of ["parcels", "scans"]) {
      const t = r.ir!.tables.find((x) => x.name === name)!;
      expect(t.columns.filter((c) => c.name.toLowerCase() === "id").map((c) => c.name)).toHaveLength(1);
      expect(t.primaryKey).toMatch(/^id$/i);
    }
  });

  it("is the key when the other tables are keyed by id", async () => {
    const r = await load(`# Model

## users

| Column | Type | Constraints |
|---|---|---|
| id | uuid | primary key |

## depots

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| label | text | |

## Vans

| Field | Type | Required |
|---|---|---|
| Id | integer | Yes |
| Plate | varchar(10) | Yes |
`);
    const vans = r.ir!.tables.find((x) => x.name.toLowerCase() === "vans")!;
    expect(vans.columns.map((c) => c.name)).toEqual(["Id", "Plate"]);
    expect(vans.primaryKey).toBe("Id");
  });
});
