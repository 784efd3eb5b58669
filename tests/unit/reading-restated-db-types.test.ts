// A bullet giving a plain type and, in its brackets, the database type as well ("String (VARCHAR,
// NOT NULL)", "string (varchar(80), required)"): the database type restates the column's type
// (its size, when given, is the column's maximum length). Before, it was an unknown constraint (SF108).
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Data

## users
- \`id\`: String (Primary Key)

## notes
- \`id\`: Integer (Primary Key, Auto-increment)
- \`title\`: String (VARCHAR, NOT NULL)
- \`code\`: string (varchar(80), required)
- \`body\`: String (TEXT, NULLABLE)
- \`user_id\`: String (Foreign Key to users.id)
`;

describe("a database type restated beside a plain type", () => {
  it("is no unknown constraint, and its size is a maximum length", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "notes");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    expect(column(t, "title").nullable).toBe(false);
    expect(column(t, "code").maxLength).toBe(80);
    expect(column(t, "body").nullable).toBe(true);
  });
});
