// A page about one entity: its field table sits under a heading such as "Key Fields", and the
// entity is named only by the page's title ("# Parcels — Database Spec").
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const page = (title: string, heading: string) =>
  [`# ${title}`, "", "Parcels are sent by a user.", "", `## ${heading}`, "", "| Field | Type | Notes |", "|---|---|---|", "| id | uuid | primary key |", "| user_id | uuid | owner |", "| weight_g | integer | > 0 |", ""].join("\n");

describe("a page about one entity", () => {
  it("names the table from its title when the field table's heading names none", async () => {
    for (const [title, heading] of [["Parcels — Database Spec", "Key Fields"], ["Parcel DB spec", "Fields"], ["Data model: Parcels", "Main Columns"], ["Parcels (schema)", "2. Data Structure"], ["Parcel Management — DB Spec", "Key Fields"], ["Parcels module: data model", "Fields"]] as const) {
      const r = await load(page(title, heading));
      expect(r.ir?.tables.map((t) => t.name), `${title} / ${heading}`).toEqual(["parcels"]);
    }
  });

  it("guesses nothing when the title names two things", async () => {
    const r = await load(page("Parcels and Couriers — Database Spec", "Key Fields"));
    expect(r.ir?.tables.map((t) => t.name) ?? []).not.toContain("parcels");
  });
});
