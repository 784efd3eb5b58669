// A column whose allowed values are all whole numbers ("1 | 2 | 3", "one of 10, 20, 50") is a
// number a client sends as a number: an integer column with a CHECK that it is one of them (the
// database answers a value outside them with a 422), its default a number. Not a text enum of
// "1", "2", "3", which a client sending 2 could never match.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Schema

## ratings

| Field | Type | Notes |
|-------|------|-------|
| id | integer | PK |
| stars | 1 \\| 2 \\| 3 \\| 4 \\| 5 | how many stars |
| tier | string | default 20; one of 10, 20, 50 |
| mood | string | one of calm, busy |
`;

describe("values that are all whole numbers", () => {
  it("make an integer column checked to be one of them", async () => {
    const r = await load(SPEC);
    expect(r.ir).not.toBeNull();
    const t = table(r.ir!, "ratings");
    expect(column(t, "stars").type).toEqual({ kind: "integer" });
    expect(column(t, "tier").type).toEqual({ kind: "integer" });
    expect(column(t, "tier").default).toEqual({ kind: "literal", value: 20 });
    expect(column(t, "mood").type).toMatchObject({ kind: "enum", values: ["calm", "busy"] });
    expect(t.checks?.map((c) => c.sql)).toEqual(['stars IN (1, 2, 3, 4, 5)', 'tier IN (10, 20, 50)']);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
