// A heading titled as rules inside a table's section (a "crates" section over "### Constraints")
// holds rule items about that table's columns, each naming its column in code or in words written
// apart ("Shipped on ..." for shipped_on). Before, an item there whose words did not all read as
// rules ("must be a valid email (checked by the service)") was dropped without a word, and a
// column's words written apart found no column; now each item is its column's, like the items
// under a "Validation Rules:" label. Columns written as a list or in SQL alike.
import { describe, expect, it } from "vitest";
import { load, table, column } from "./helpers.js";

const RULES = `### Constraints

- \`label\` cannot be null
- \`contact\` must be a valid email (checked by the service)
- Shipped on cannot be in the past
`;

const LISTED = `# Storage

## users

- id: text (primary key)

## crates

- id: serial (primary key)
- user_id: text (references users(id) on delete cascade)
- label: varchar(40)
- contact: text (optional)
- shipped_on: date (optional)

${RULES}`;

const IN_SQL = `# Storage

## users

- id: text (primary key)

## crates

\`\`\`sql
CREATE TABLE crates (
  id SERIAL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label VARCHAR(40),
  contact TEXT,
  shipped_on DATE
);
\`\`\`

${RULES}`;

describe("rule items under a rules heading inside a table's section", () => {
  it.each([
    ["a list", LISTED],
    ["SQL", IN_SQL],
  ])("are rules of that table's columns (columns in %s)", async (_what, spec) => {
    const r = await load(spec);
    const t = table(r.ir!, "crates");
    expect(column(t, "label").nullable).toBe(false);
    expect(column(t, "contact").format).toBe("email");
    expect(column(t, "shipped_on").relativeToNow).toBe("not-past");
    expect(r.diagnostics.filter((d) => d.severity === "warning" || d.severity === "error").map((d) => d.message)).toEqual([]);
  });
});
