// A notes cell of several sentences, one of which is only quoted values joined by slashes, bars,
// commas or "or": those values are the column's. A sentence of bare words stays prose, and an
// example list ("e.g. 'a' / 'b'") is no rule.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = [
  "# Garden",
  "",
  "## beds",
  "",
  "| Column | Type | Notes |",
  "|---|---|---|",
  "| id | integer | Primary key |",
  "| soil | text | 'loam' / 'clay' / 'sand'. Defaults to 'loam' |",
  "| shade | text | Optional. \"full\", \"part\" or \"none\" |",
  "| mulch | text | Changes yearly. Straw / bark / leaves |",
  "| label | text | Free text. e.g. 'North bed' / 'Herbs' |",
  "",
].join("\n");

describe("a sentence of quoted values in a notes cell", () => {
  it("gives the column its values; bare words and examples do not", async () => {
    const r = await load(SPEC);
    const beds = r.ir!.tables.find((t) => t.name === "beds")!;
    const col = (n: string) => beds.columns.find((c) => c.name === n)!;
    expect(col("soil").type).toMatchObject({ kind: "enum", values: ["loam", "clay", "sand"] });
    expect(col("soil").default).toEqual({ kind: "literal", value: "loam" });
    expect(col("shade").type).toMatchObject({ kind: "enum", values: ["full", "part", "none"] });
    expect(col("mulch").type.kind).toBe("text");
    expect(col("label").type.kind).toBe("text");
  });
});
