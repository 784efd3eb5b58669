// Three ways specs state what the reader used to drop or double:
// - an entity section ("### Book", read as "books") and a DDL block naming the same table in the
//   singular (`CREATE TABLE book`): one table, under the name the SQL writes. Before, both were
//   tables, each became a model class "Book", and the app did not compile (ir exit 0).
// - a heading under a rules section naming a column ("### Book Title") over "Label: value" items:
//   that column's rules. Before, the heading was a table of no columns and its rules were lost
//   without a word.
// - "must match standard format" / "unique across all users": the format the column's name says, and plain uniqueness.
import { describe, expect, it } from "vitest";
import { column, load, pos, table, where } from "./helpers.js";

const RESTATED = `# Library

## Entities

### Reader

| Field | Type | Constraints |
|---|---|---|
| \`id\` | UUID | PK |
| \`mail\` | String | UNIQUE, NOT NULL |

### Book

| Field | Type | Constraints |
|---|---|---|
| \`id\` | UUID | PK |
| \`reader_id\` | UUID | FK → Reader.id, NOT NULL |
| \`name\` | String | NOT NULL, max 80 chars |

## SQL (for reference)

\`\`\`sql
CREATE TABLE reader (
  id UUID PRIMARY KEY,
  mail VARCHAR(200) NOT NULL UNIQUE
);
CREATE TABLE book (
  id UUID PRIMARY KEY,
  reader_id UUID NOT NULL REFERENCES reader(id),
  name VARCHAR(80) NOT NULL,
  shelf TEXT
);
CREATE INDEX idx_book_reader ON book(reader_id);
\`\`\`
`;

describe("an entity section and a DDL block naming the same table in the singular", () => {
  it("is one table under the name the SQL writes, with the rules of both", async () => {
    const r = await load(RESTATED);
    expect(r.ir, JSON.stringify(r.diagnostics)).toBeTruthy();
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["book", "reader"]);
    const book = table(r.ir!, "book");
    expect(book.columns.map((c) => c.name)).toEqual(["id", "reader_id", "name", "shelf"]);
    expect(column(book, "name").maxLength).toBe(80);
    expect(column(book, "reader_id").references?.table).toBe("reader");
    expect(book.indexes.some((i) => i.columns.join() === "reader_id")).toBe(true);
  });

  it("refuses two code definitions under two names of one model class, at the second (SF138), rather than emit an app that does not compile", async () => {
    const spec = "# S\n\n```sql\nCREATE TABLE note (id SERIAL PRIMARY KEY, body TEXT);\nCREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT, pinned BOOLEAN);\n```\n";
    const r = await load(spec);
    expect(r.ir).toBeFalsy();
    const d = r.diagnostics.find((x) => x.code === "SF138");
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain('"note" and "notes"');
    expect(where(d!)).toBe(pos(spec, "notes"));
  });
});

const HEADING_RULES = `# Garden

## plants

| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| owner_id | uuid | references gardeners(id) |
| label | text | |
| contact | varchar(300) | |

## gardeners

| column | type | notes |
|---|---|---|
| id | uuid | primary key |
| homepage | text | |

## Validation Rules

### Plant Label
- **Required**: Yes
- **Min Length**: 2 characters
- **Max Length**: 60 characters

### Plant Contact
- **Format**: A valid email address
- **Required**: No (left empty when unknown)

### Gardener Homepage
- **Format**: must be in the correct format (e.g. https://example.org)
`;

describe("a heading under a rules section naming a column, over labelled rule items", () => {
  it("gives that column the rules, the table found by the heading's first words", async () => {
    const r = await load(HEADING_RULES);
    expect(r.ir, JSON.stringify(r.diagnostics)).toBeTruthy();
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["gardeners", "plants"]);
    const label = column(table(r.ir!, "plants"), "label");
    expect([label.nullable, label.minLength, label.maxLength]).toEqual([false, 2, 60]);
    const contact = column(table(r.ir!, "plants"), "contact");
    expect([contact.format, contact.nullable]).toEqual(["email", true]);
    expect(column(table(r.ir!, "gardeners"), "homepage").format).toBe("uri");
  });

  it("reports a labelled rule it cannot read instead of dropping it", async () => {
    const r = await load(HEADING_RULES.replace("- **Max Length**: 60 characters", "- **Allowed**: only on sunny days"));
    expect(r.diagnostics.some((d) => d.code === "SF108" && d.message.includes("only on sunny days"))).toBe(true);
  });
});

describe("rules that lean on the column's name or scope", () => {
  const spec = (rule: string, col = "email") => `# S\n\n## members\n\n| column | type | notes |\n|---|---|---|\n| id | uuid | primary key |\n| ${col} | text | not null |\n\n**Validation rules**:\n- ${rule}\n`;
  it("reads 'must match standard format' as the format the column's name says", async () => {
    const r = await load(spec("Email must match standard format (someone@host.example)"));
    expect(column(table(r.ir!, "members"), "email").format).toBe("email");
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
  it("says so when the column's name says no format", async () => {
    const r = await load(spec("Nickname must match standard format", "nickname"));
    expect(column(table(r.ir!, "members"), "nickname").format).toBeUndefined();
    expect(r.diagnostics.some((d) => d.code === "SF108" && d.message.includes("no format the column's name says"))).toBe(true);
  });
  it("reads 'unique across all users' as unique", async () => {
    const r = await load(spec("Email must be unique across all users"));
    expect(column(table(r.ir!, "members"), "email").unique).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });
});
