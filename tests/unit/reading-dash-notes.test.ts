// A constraints cell that states its rules and then, after an em or en dash, says something about
// the column ("NOT NULL, UNIQUE — hash of the emailed code"): the rules hold and the rest is the
// column's note. Before, the part after the dash was an unknown constraint (SF108).
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Codes

## codes

| Column | Type | Constraints |
| --- | --- | --- |
| \`id\` | BIGINT | PK, AUTO_INCREMENT |
| \`digest\` | VARCHAR(64) | NOT NULL, UNIQUE — hash of the emailed code |
| \`used_at\` | DATETIME | NULL – set when the code is redeemed |
`;

describe("a dash after the rules of a constraints cell", () => {
  it("keeps the rules and reads the rest as a note", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "codes");
    expect(column(t, "digest").unique).toBe(true);
    expect(column(t, "digest").nullable).toBe(false);
    expect(column(t, "digest").description).toContain("hash of the emailed code");
    expect(column(t, "used_at").nullable).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
