// "enum('a', 'b', default 'a')": a default written inside an enum's parentheses, among its
// values, is the column's default and not one more value — whether "enum(...)" is the whole type
// or follows a base type ("string enum (...)"), in a bullet or in a table's type cell.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const BULLETS = `# Store

### parcels
- id: integer (primary key)
- speed: string enum ('slow', 'normal', 'express', default 'normal') - how fast it ships
- wrap: enum(plain, gift, default: plain)
- lane: enum('north', 'south')
- tint: enum ('warm', 'cool', default: 'cool')
- state: enum (required, default 'open')
`;

const TABLE = `# Store

## parcels
| column | type | notes |
|---|---|---|
| id | serial | PK |
| speed | enum('slow', 'express', defaults to 'slow') | |
`;

describe("a default among an enum's values", () => {
  it("bullets: the default is the default, the values stay the values", async () => {
    const r = await load(BULLETS);
    const cols = r.ir!.tables.find((t) => t.name === "parcels")!.columns;
    const speed = cols.find((c) => c.name === "speed")!;
    expect(speed.type).toEqual({ kind: "enum", values: ["slow", "normal", "express"] });
    expect(speed.default).toEqual({ kind: "literal", value: "normal" });
    const wrap = cols.find((c) => c.name === "wrap")!;
    expect(wrap.type).toEqual({ kind: "enum", values: ["plain", "gift"] });
    expect(wrap.default).toEqual({ kind: "literal", value: "plain" });
    const lane = cols.find((c) => c.name === "lane")!;
    expect(lane.type).toEqual({ kind: "enum", values: ["north", "south"] });
    expect(lane.default).toBeNull();
    const tint = cols.find((c) => c.name === "tint")!;
    expect(tint.type).toEqual({ kind: "enum", values: ["warm", "cool"] });
    expect(tint.default).toEqual({ kind: "literal", value: "cool" });
    // Rules in the parentheses, no values: no enum of "required".
    expect(cols.find((c) => c.name === "state")!.type.kind).not.toBe("enum");
  });

  it("a table's type cell", async () => {
    const r = await load(TABLE);
    const speed = r.ir!.tables[0]!.columns.find((c) => c.name === "speed")!;
    expect(speed.type).toEqual({ kind: "enum", values: ["slow", "express"] });
    expect(speed.default).toEqual({ kind: "literal", value: "slow" });
  });
});
