// Interfaces named after a record with the operation last ("NoteCreate", "NoteUpdate", "NoteRead"),
// as SQLModel and Pydantic name them, are the request and response shapes of that record, not
// tables of their own. Before, a frontend types block beside the schema added tables
// "note_creates" and "note_updates" that every user could read.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Notes

## users

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PRIMARY KEY |

## notes

| Column | Type | Constraints |
|---|---|---|
| id | uuid | PRIMARY KEY |
| user_id | uuid | NOT NULL, REFERENCES users(id) |
| body | text | NOT NULL |

## Frontend types

\`\`\`typescript
export interface Note {
  id: string;
  user_id: string;
  body: string;
}

export interface NoteCreate {
  body: string;
}

export interface NoteUpdate {
  body?: string;
}

export interface NoteRead {
  id: string;
  body: string;
}
\`\`\`
`;

describe("stem-first request and response interfaces", () => {
  it("are no tables", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["notes", "users"]);
  });

  it("a name ending so without a record of its stem stays a record", async () => {
    const r = await load(SPEC.replace("export interface Note {", "export interface Memo {").replace(/\n## notes[\s\S]*?\n## Frontend/, "\n## Frontend"));
    expect(r.ir!.tables.map((t) => t.name)).toContain("note_creates");
  });
});
