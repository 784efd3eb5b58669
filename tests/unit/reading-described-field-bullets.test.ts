// Field bullets that describe the column first and give its type after the words:
// "- `book_title`: Title of the borrowed book (string), required" or "- `id`: Primary key, UUID".
// Before, the first word after the colon was taken for the type: "Title" (unknown), "Primary", or
// a word naming a table ("Member's address" read as a reference to members), and a table whose
// fields were all written so was dropped with its endpoints.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const schema = `# Schema

## Loans Table

### Fields
- \`id\`: Primary key (UUID/serial), the loan's identifier
- \`book_title\`: Title of the borrowed book (string), required, minimum 2 characters
- \`returned\`: Return flag (boolean), defaults to false
- \`fee\`: Late fee owed, integer, optional
- \`note\`: Member's own words about the loan, optional
- \`due_on\`: Date of the return deadline
- \`created_at\`: Timestamp when the loan was recorded
`;

describe("field bullets that lead with a description", () => {
  it("reads the type from its parentheses or its own piece, and the rules after it", async () => {
    const r = await load(schema);
    const t = table(r.ir!, "loans");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("id").type.kind).toBe("uuid");
    expect(col("id").primaryKey).toBe(true);
    expect(col("book_title").type.kind).toBe("string");
    expect(col("book_title").nullable).toBe(false);
    expect(col("returned").type.kind).toBe("boolean");
    expect(col("returned").default).not.toBeNull();
    expect(col("fee").type.kind).toBe("integer");
    expect(col("fee").nullable).toBe(true);
    expect(col("created_at").type.kind).toBe("timestamp");
  });
  it("does not read a word of the description as a type or a reference", async () => {
    const r = await load(schema);
    const t = table(r.ir!, "loans");
    const note = t.columns.find((c) => c.name === "note")!;
    expect(note.type.kind).toBe("text");
    expect(note.references).toBeNull();
    expect(r.diagnostics.filter((d) => d.code === "SF103" || d.code === "SF108").map((d) => d.message)).toEqual([]);
  });
  it("leaves a label before more fields alone", async () => {
    const r = await load(`# Schema\n\n## Key Entities\n\n- **Loan**: the main record, with attributes: id (uuid), book_title (string)\n`);
    expect(r.ir?.tables.some((t) => t.columns.some((c) => c.name === "Loan")) ?? false).toBe(false);
  });
});
