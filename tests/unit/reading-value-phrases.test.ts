// A bullet whose type is the column's allowed values in words ("one of a, b, c", 'either "x" or
// "y"', "a, b or c"): the column is an enum of them. Before, the first word was taken for an
// unknown type (SF103) and the values for unknown constraints (SF108), and the rule was lost.
import { describe, expect, it } from "vitest";
import { column, codes, load, table } from "./helpers.js";

const spec = (lines: string[]) => ["# Data", "", "## users", "- id: text, primary key", "", "## alerts", "- id: serial primary key", "- user_id: text FK → users.id", ...lines, ""].join("\n");

describe("allowed values written in the type's place", () => {
  it("make the column an enum", async () => {
    const r = await load(spec([
      "- severity: one of low, high, critical",
      '- origin: either "web" or "mobile"',
      "- tone: calm, urgent or silent",
      "- channel: one of: mail, pager — where it is sent",
    ]));
    const t = table(r.ir!, "alerts");
    expect(column(t, "severity").type).toMatchObject({ kind: "enum", values: ["low", "high", "critical"] });
    expect(column(t, "origin").type).toMatchObject({ kind: "enum", values: ["web", "mobile"] });
    expect(column(t, "tone").type).toMatchObject({ kind: "enum", values: ["calm", "urgent", "silent"] });
    expect(column(t, "channel").type).toMatchObject({ kind: "enum", values: ["mail", "pager"] });
    expect(codes(r).filter((c) => c === "SF103" || c === "SF108")).toEqual([]);
  });

  it("leaves types and rules joined by 'or' alone", async () => {
    const r = await load(spec(["- ref: uuid or integer", "- note: text, required"]));
    const t = table(r.ir!, "alerts");
    expect(column(t, "ref").type.kind).not.toBe("enum");
    expect(column(t, "note")).toMatchObject({ type: { kind: "text" }, nullable: false });
  });
});

describe("allowed values in a field table's type cell", () => {
  const grid = (rows: string[]) => ["# Data", "", "## users", "| Field | Type | Notes |", "|---|---|---|", "| id | text | PK |", "", "## alerts", "| Field | Type | Notes |", "|---|---|---|", "| id | serial | PK |", "| user_id | text | FK → users.id |", ...rows, ""].join("\n");

  it("make the column an enum, whatever its name suggests", async () => {
    const r = await load(grid(["| level | one of info, warn, error | |", "| size | small / medium / large | |", "| count | integer | 1-9 |"]));
    const t = table(r.ir!, "alerts");
    // "level" alone would be read as an integer; its values say otherwise.
    expect(column(t, "level").type).toMatchObject({ kind: "enum", values: ["info", "warn", "error"] });
    expect(column(t, "size").type).toMatchObject({ kind: "enum", values: ["small", "medium", "large"] });
    expect(column(t, "count")).toMatchObject({ type: { kind: "integer" }, minimum: 1, maximum: 9 });
    expect(codes(r).filter((c) => c === "SF103")).toEqual([]);
  });

  it("keep a list of types a type problem", async () => {
    const r = await load(grid(["| ref | uuid / integer | |"]));
    expect(column(table(r.ir!, "alerts"), "ref").type.kind).not.toBe("enum");
  });
});
