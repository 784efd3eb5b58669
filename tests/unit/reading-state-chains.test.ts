// A lifecycle written as a chain of states ("draft → active → closed") names a column's values; a
// single arrow still names a table.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = [
  "# Permits",
  "",
  "## permits",
  "",
  "| Field | Type | Constraints | Notes |",
  "|---|---|---|---|",
  "| id | uuid | PK | |",
  "| holder_id | uuid | not null | → holders.id |",
  "| phase | text | not null | `APPLIED` → `REVIEWED` → `GRANTED` |",
  "| track | text | not null, draft -> active -> closed | |",
  "| kind | text | | ⇒ nothing, one arrow ⇒ not a chain of states |",
  "",
  "## holders",
  "",
  "| Field | Type | Constraints |",
  "|---|---|---|",
  "| id | uuid | PK |",
  "| email | text | unique |",
  "",
].join("\n");

describe("lifecycles written as chains of states", () => {
  it("are the column's values, in a notes cell or a constraints cell, and never a reference", async () => {
    const r = await load(SPEC);
    const permits = r.ir!.tables.find((t) => t.name === "permits")!;
    const col = (n: string) => permits.columns.find((c) => c.name === n)!;
    expect(col("phase").type).toMatchObject({ kind: "enum", values: ["APPLIED", "REVIEWED", "GRANTED"] });
    expect(col("phase").references).toBeNull();
    expect(col("track").type).toMatchObject({ kind: "enum", values: ["draft", "active", "closed"] });
    expect(col("holder_id").references).toMatchObject({ table: "holders" });
    expect(col("kind").type.kind).toBe("text");
    expect(r.diagnostics.filter((d) => d.code === "SF104")).toEqual([]);
  });
});
