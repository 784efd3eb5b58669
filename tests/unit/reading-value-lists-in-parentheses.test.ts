// Lists of values written inside the parentheses after a field's type, and rule items led by the
// column's own name in bold under a rules heading:
// - "String (enum: "open", "shut", default: "open")", "(one of: "s", "m")", "(one of 1, 2, 4)":
//   the values stay one piece (before, each value after the first was a piece of its own, warned
//   SF108, and the column was left free text);
// - "### Validation Rules" over "- **name**: Must be non-empty string (1-80 characters)": the
//   column's rules (before, dropped without a word); "must be one of the allowed values (x, y)"
//   lists them, and without a list it says nothing new.
import { describe, expect, it } from "vitest";
import { load, table, column } from "./helpers.js";

const SPEC = `# Data Model

## Crate Entity

### Attributes
- **id**: Integer (unique, auto-incrementing)
- **name**: String (required)
- **lid**: String (enum: "open", "shut", default: "open")
- **size**: String (one of: "s", "m", "l")
- **stack**: Integer (one of 1, 2, 4)
- **finish**: String (optional)

### Validation Rules
- **name**: Must be non-empty string (1-80 characters)
- **lid**: Must be one of the allowed values
- **finish**: Must be one of the allowed values (matte, gloss)
`;

describe("value lists in a field's parentheses, and bold column items under a rules heading", () => {
  it("reads each list whole and each item as its column's rules", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "crates");
    expect(column(t, "lid").type).toEqual({ kind: "enum", values: ["open", "shut"] });
    expect(column(t, "lid").default).toEqual({ kind: "literal", value: "open" });
    expect(column(t, "size").type).toEqual({ kind: "enum", values: ["s", "m", "l"] });
    expect(column(t, "stack").oneOf).toEqual([1, 2, 4]);
    expect(column(t, "name").minLength).toBe(1);
    expect(column(t, "name").maxLength).toBe(80);
    expect(column(t, "finish").type).toEqual({ kind: "enum", values: ["matte", "gloss"] });
    expect(r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message)).toEqual([]);
  });
});
