// Rules stated beside a table that a SQL block writes, in two places the reader passed over:
// - a Python model of the same table (SQLModel `Field(min_length=1, max_length=120)`): its value
//   rules join the SQL table's columns, as they already did for a table written in Markdown;
// - a part of a rules section ("## Data validation" over "### Enforced by the service" over
//   "- `label`: 1-120 characters"): each item names its column, as under the section itself.
// Before, both were dropped without a word. And a rule written before the columns it is about
// ("**Not null**: `a`, `b`", "**Foreign key**: `x` references t(c)"): each column takes it
// (before: SF108, the rule's first word read as a column).
import { describe, expect, it } from "vitest";
import { load, table, column } from "./helpers.js";

const SQL = `# Schema

## Tables

### boxes

\`\`\`sql
CREATE TABLE boxes (
  id SERIAL PRIMARY KEY,
  owner_id VARCHAR(64) NOT NULL REFERENCES users(id),
  label VARCHAR(120) NOT NULL,
  note TEXT
);
\`\`\`

### users

\`\`\`sql
CREATE TABLE users (
  id VARCHAR(64) PRIMARY KEY,
  contact VARCHAR(200) NOT NULL
);
\`\`\`
`;

const MODEL = `${SQL}
### Model

\`\`\`python
class Box(SQLModel, table=True):
    __tablename__ = "boxes"
    id: Optional[int] = Field(default=None, primary_key=True)
    owner_id: str = Field(foreign_key="users.id")
    label: str = Field(min_length=1, max_length=120)
    note: Optional[str] = Field(default=None, max_length=500)
\`\`\`
`;

const SECTION = `${SQL}
## Data validation

### Enforced by the service

- \`label\`: 1-120 characters
- \`note\`: Max 500 characters
- \`contact\`: Valid email format
`;

const LABELLED = SQL.replace("### users", `**Constraints:**
- **Not null**: \`note\`, \`label\`
- **Unique**: \`label\`
- **Foreign key**: \`owner_id\` references users(id) on delete restrict

### users`);

describe("rules beside a table written in SQL", () => {
  it("reads a rule over the columns it names ('Not null: a, b', 'Foreign key: x references t(c)')", async () => {
    const r = await load(LABELLED);
    const t = table(r.ir!, "boxes");
    expect(column(t, "note").nullable).toBe(false);
    expect(column(t, "label").unique).toBe(true);
    expect(column(t, "owner_id").references).toMatchObject({ table: "users", column: "id", onDelete: "restrict" });
    expect(r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message)).toEqual([]);
  });

  it("takes the value rules of a Python model of the same table", async () => {
    const r = await load(MODEL);
    const t = table(r.ir!, "boxes");
    expect(column(t, "label").minLength).toBe(1);
    expect(column(t, "note").maxLength).toBe(500);
  });

  it("takes the items under a part of a rules section", async () => {
    const r = await load(SECTION);
    const t = table(r.ir!, "boxes");
    expect(column(t, "label").minLength).toBe(1);
    expect(column(t, "note").maxLength).toBe(500);
    expect(column(table(r.ir!, "users"), "contact").format).toBe("email");
  });
});
