// Field bullets split under labels inside one table ("**Fields:**", then "Scheduling fields:",
// then "Timestamps:"): all are the table's columns; a capitalised label is not a new table. And
// "`status` (enum: draft, published)": the values after "enum:" inside the parentheses.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Data model

## users
- \`id\` (PK, string)

## event_templates

**Fields:**

- \`id\` (PK, string/UUID).
- \`host_id\` (FK → \`User.id\`) – primary host.
- \`status\` (enum: draft, published, archived).
- \`kind\` (enum: open, invite_only, required).

Scheduling fields:

- \`start_date\` (date, required).
- \`slot_gap_minutes\` (int, default 0).

Timestamps:

- \`created_at\` (datetime).
- \`updated_at\` (datetime).

Audit:

- \`reviewed_by\` (string, optional).

Notes:

- Rows are kept after the event ends.
- Times are local to the venue.
`;

describe("labels inside a table", () => {
  it("reads every labelled list of columns into the table, and no label as a table", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error" || d.code === "SF108" || d.code === "SF122")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["event_templates", "users"]);
    const t = r.ir!.tables.find((x) => x.name === "event_templates")!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "host_id", "status", "kind", "start_date", "slot_gap_minutes", "created_at", "updated_at", "reviewed_by"]);
    expect(t.columns.find((c) => c.name === "status")!.type).toEqual({ kind: "enum", values: ["draft", "published", "archived"] });
    // A rule after the values stays a rule.
    const kind = t.columns.find((c) => c.name === "kind")!;
    expect(kind.type).toEqual({ kind: "enum", values: ["open", "invite_only"] });
    expect(kind.nullable).toBe(false);
    expect(t.columns.find((c) => c.name === "start_date")!.nullable).toBe(false);
  });
});
