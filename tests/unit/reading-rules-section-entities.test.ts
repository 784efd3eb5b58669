// A rules section that groups its rules under one heading per entity ("## ✔ Checks and
// Validation Rules" > "### Integrity" > "#### Shelf" > "- `width` > 0"): each item is a rule of
// that entity's table, defined elsewhere, never a second definition of the table whose "columns"
// are the rules. A rule the reader cannot attach to a column is a warning quoting it; a comparison
// with arithmetic ("<= `a` × `b`") is not read as a comparison with the first term.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Storage model

## Shelf

| Field | Type | Description |
|---|---|---|
| id | int | primary key |
| width | float | in cm |
| load_max | float | kilograms |
| load_now | float | kilograms |
| share_used | float | percent of the width in use |
| state | str | empty, partial, full |
| fitted_on | date | |
| checked_on | date | |

## ✔ Validation Rules

### Integrity

#### Shelf
- \`width\` > 0
- \`load_now\` <= \`load_max\`
- \`checked_on\` >= \`fitted_on\`
- \`share_used\` should be 0-100
- \`load_max\` <= \`width\` × 4 for standard shelves
- When \`state\` is full, \`share_used\` must be 100
`;

describe("a rules section with one heading per entity", () => {
  it("joins each item to the column of the table the heading names", async () => {
    const r = await load(SPEC);
    const shelves = r.ir!.tables.filter((t) => t.name === "shelves");
    expect(shelves).toHaveLength(1);
    const t = shelves[0]!;
    const c = (n: string) => t.columns.find((x) => x.name === n)!;
    expect(c("width").exclusiveMinimum).toBe(0);
    expect([c("share_used").minimum, c("share_used").maximum]).toEqual([0, 100]);
    const compares = (t.checks ?? []).filter((k) => k.compare).map((k) => k.sql);
    expect(compares).toEqual(expect.arrayContaining(["load_now <= load_max", "checked_on >= fitted_on"]));
    // The table's own columns are as the table wrote them (no column from a rule line).
    expect(t.columns.map((x) => x.name)).toEqual(["id", "width", "load_max", "load_now", "share_used", "state", "fitted_on", "checked_on"]);
    expect(r.notes.some((n) => n.message.includes("written again"))).toBe(false);
  });

  it("does not read a comparison with arithmetic as one with its first term, and says so", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "shelves")!;
    expect((t.checks ?? []).some((k) => k.sql.includes("load_max <= width"))).toBe(false);
    expect(r.diagnostics.some((d) => d.code === "SF108" && d.message.includes("× 4"))).toBe(true);
  });

  it("warns, quoting it, about an item that starts with no column's name", async () => {
    const r = await load(SPEC);
    const d = r.diagnostics.filter((x) => x.code === "SF108" && x.message.includes("When state is full"));
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toContain('for "shelves"');
  });
});
