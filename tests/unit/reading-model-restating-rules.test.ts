// A Python table model that restates a table the page lists before it is left to the listing,
// but the value rules its Field() calls state are the spec's rules all the same: they join the
// listed table's columns. Before, the model was dropped whole and its lengths were never checked.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Storage

## Tables

### users
- id: string (primary key)

### bookmarks
- id: integer (primary key)
- user_id: string (foreign key -> users.id)
- url: string (not null)
- label: text (nullable)
- stars: integer (default 0)

## Model

\`\`\`python
class Bookmark(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    user_id: str = Field(foreign_key="users.id")
    url: str = Field(max_length=500)
    label: Optional[str] = Field(default=None, min_length=2, max_length=80)
    stars: int = Field(default=0, ge=0, le=5)
\`\`\`
`;

describe("a Python model restating a listed table", () => {
  it("adds the rules its fields state to the listed columns", async () => {
    const r = await load(SPEC);
    const t = table(r.ir!, "bookmarks");
    expect(column(t, "url").maxLength).toBe(500);
    expect(column(t, "label").minLength).toBe(2);
    expect(column(t, "label").maxLength).toBe(80);
    expect(column(t, "stars").minimum).toBe(0);
    expect(column(t, "stars").maximum).toBe(5);
  });

  it("leaves the listed table's own rule first where both state one", async () => {
    const r = await load(SPEC.replace("- url: string (not null)", "- url: string (not null, max 300 characters)"));
    expect(column(table(r.ir!, "bookmarks"), "url").maxLength).toBe(300);
  });
});
