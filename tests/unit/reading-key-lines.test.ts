// A table's composite key or uniqueness on a line of its own: columns joined by "+" or "and", and
// a SQL clause after a label in any language.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const table = (title: string, line: string) => [`## ${title}`, "", "| Column | Type |", "|---|---|", "| id | integer |", "| shelf | integer |", "| slot | integer |", "", line, ""].join("\n");

describe("key lines under a table", () => {
  it("read every column of the group, however they are joined", async () => {
    const spec = ["# Store", "", table("bins", "Unique constraint: shelf + slot"), table("racks", "**Unique:** shelf and slot"), table("trays", "**Ràng buộc:** UNIQUE(shelf, slot)"), table("crates", "约束：UNIQUE (shelf, slot)")].join("\n");
    const r = await load(spec);
    for (const name of ["bins", "racks", "trays", "crates"]) {
      const t = r.ir!.tables.find((x) => x.name === name)!;
      expect(t.indexes.filter((i) => i.unique).map((i) => i.columns.join()), name).toEqual(["shelf,slot"]);
    }
  });
});
