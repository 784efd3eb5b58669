// What a spec says comes later ("## Future Schema Enhancements", "## Out of Scope (Phase 2)",
// "### Planned tables") is not this version's schema: a CREATE TABLE or a table heading under such
// a section makes no table (a note says so). Before, an example of a later phase's table was
// generated with routes, as if the spec asked for it.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Schema

## kites
- id: serial (primary key)
- user_id: uuid
- colour: varchar(20)

## Future Schema Enhancements

### Example future schema
\`\`\`sql
CREATE TABLE reels (
  id SERIAL PRIMARY KEY,
  kite_id INTEGER NOT NULL REFERENCES kites(id),
  length_m INTEGER NOT NULL
);
\`\`\`

## Out of Scope (Phase 2)

### spools
- id: serial (primary key)
- kite_id: integer
`;

describe("sections that say their content comes later", () => {
  it("make no tables", async () => {
    const r = await load(SCHEMA);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["kites"]);
    expect(r.notes.filter((n) => /comes later/.test(n.message))).toHaveLength(2);
  });

  it("leaves a table named like a plan word alone when no section says later", async () => {
    const r = await load("# Schema\n\n## future_bookings\n- id: serial (primary key)\n- user_id: uuid\n");
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["future_bookings"]);
  });
});
