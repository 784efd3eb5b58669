// A table whose list of fields says it goes on ("- ... (the auth service's other fields)", "- etc.")
// is still a table: the bare names it lists are its columns (types from their names and from
// the columns that reference them), and the "..." item is a note, not a column or a warning.
// Before, one such item made the whole list unreadable and the table was dropped without a word.
import { describe, expect, it } from "vitest";
import { codes, column, load, table } from "./helpers.js";

const SCHEMA = `# Schema

### \`member\` (kept by the sign-in service)
- \`id\`
- \`email\`
- \`display_name\`
- ... (the service's other fields)

### \`garden\`
- \`id\`: SERIAL (Primary Key)
- \`member_id\`: TEXT (Foreign Key to \`member.id\`)
- \`label\`: String
`;

describe("a list of fields that says it goes on", () => {
  it("is a table of the names it lists; the key takes the type of the columns that reference it", async () => {
    const r = await load(SCHEMA);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(codes(r)).not.toContain("SF113");
    const member = table(r.ir!, "member");
    expect(member.columns.map((c) => c.name)).toEqual(["id", "email", "display_name"]);
    // The key was written with no type; member_id TEXT references it: text, not a guessed uuid.
    expect(column(member, "id").type.kind).toBe("text");
    expect(column(table(r.ir!, "garden"), "member_id").type.kind).toBe("text");
    expect(member.identity).toBe(true);
    expect(r.notes.some((n) => /goes on/.test(n.message))).toBe(true);
  });

  it("reads 'etc.' the same way among typed items", async () => {
    const r = await load("# Schema\n\n## plots\n- id: serial (primary key)\n- user_id: uuid\n- area: integer\n- etc.\n");
    expect(codes(r)).not.toContain("SF113");
    expect(table(r.ir!, "plots").columns.map((c) => c.name)).toEqual(["id", "user_id", "area"]);
  });
});
