// A column typed with a word every database knows (TIMESTAMP, date, Integer) keeps that type even
// when the spec also defines an enum whose name is the same word in another spelling, for instance
// a table of what happens to each timestamp column on insert and update that reads as an enum
// "Timestamp". Only the enum's own spelling names the enum.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Notes app

## notes

| Column | Type | Constraints |
|--------|------|-------------|
| id | SERIAL | PRIMARY KEY |
| owner_id | UUID | NOT NULL, REFERENCES users(id) |
| body | TEXT | NOT NULL |
| written_at | TIMESTAMP | NOT NULL, DEFAULT NOW() |
| due_on | date | |

## users

| Column | Type | Constraints |
|--------|------|-------------|
| id | UUID | PRIMARY KEY |

## Timestamp

| Timestamp | Meaning |
|-----------|---------|
| CREATED | set when the row is written |
| CHANGED | set when the row is changed |

## Date

- TODAY
- TOMORROW
`;

describe("built-in type words beside a spec enum of the same name", () => {
  it("keep the database type and its default", async () => {
    const r = await load(SPEC);
    const notes = table(r.ir!, "notes");
    expect(column(notes, "written_at").type.kind).toBe("timestamp");
    expect(column(notes, "written_at").default).toEqual({ kind: "now" });
    expect(column(notes, "due_on").type.kind).toBe("date");
    expect(r.diagnostics.filter((d) => d.code === "SF117")).toEqual([]);
  });

  it("an enum spelled exactly as declared still names it", async () => {
    const spec = "# Shop\n\n```sql\nCREATE TYPE Status AS ENUM ('open', 'shut');\nCREATE TABLE shops (\n  id uuid PRIMARY KEY,\n  state Status NOT NULL\n);\n```\n";
    const r = await load(spec);
    const t = column(table(r.ir!, "shops"), "state").type;
    expect(t.kind).toBe("enum");
  });
});
