// An enum column whose values are only in its notes cell, with more said after them: "`A`, `B`;
// default `A`", "one of low, high; default low". The values are the enum's, the default too.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const spec = (rows: string[]) => `# Data model

## users
| Field | Type | Required | Notes |
|-------|------|:--------:|-------|
| id | uuid | ✓ | PK |
${rows.join("\n")}
`;

describe("enum values in a notes cell", () => {
  it.each([
    ["| role | enum | ✓ | `CLIENT`, `BARBER`, `ADMIN`; default `CLIENT` |", "role", ["CLIENT", "BARBER", "ADMIN"], "CLIENT"],
    ["| level | enum | ✓ | one of low, high; default low |", "level", ["low", "high"], "low"],
    ["| state | enum | ✓ | `open` / `closed`. Defaults to open. |", "state", ["open", "closed"], "open"],
    ["| kind | enum | ✓ | `A`, `B` |", "kind", ["A", "B"], null],
  ])("%s", async (row, name, values, dflt) => {
    const r = await load(spec([row]));
    expect(r.diagnostics.filter((d) => d.code === "SF122" || d.severity === "error")).toEqual([]);
    const c = r.ir!.tables[0]!.columns.find((x) => x.name === name)!;
    expect(c.type).toEqual({ kind: "enum", values });
    expect(c.default).toEqual(dflt === null ? null : { kind: "literal", value: dflt });
    expect(c.nullable).toBe(false);
  });

  it("a default that is not one of the values is not taken, and an enum with no values still warns", async () => {
    const r = await load(spec(["| mood | enum | ✓ | `up`, `down`; default sideways |", "| tone | enum | ✓ | set by the server |"]));
    const cols = r.ir!.tables[0]!.columns;
    expect(cols.find((x) => x.name === "mood")!.default).toBeNull();
    expect(r.diagnostics.filter((d) => d.code === "SF122").map((d) => d.message)).toEqual(['column "users.tone" is an enum with no values; it is stored as text']);
  });
});
