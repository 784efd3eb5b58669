import { beforeAll, describe, expect, it } from "vitest";
import { parseMarkdown } from "../../generator/parse/parse-markdown.js";
import { isRulePhrase } from "../../generator/front.js";
import type { RawSpec } from "../../generator/parse/raw.js";
import { load, pos } from "./helpers.js";

const TABLE_STYLE = `# Schema

## tasks

| Column | Type | Constraints | Description |
|--------|------|-------------|-------------|
| id | serial | primary key | |
| user_id | text | not null, references users(id) on delete cascade | Owner |
| title | varchar(200) | not null, min length 1 | |
| done | boolean | not null, default false | |
| created_at | timestamp | not null, default now() | |
`;

const BULLET_STYLE = `# Schema

### Table: tasks

- id: serial (primary key)
- \`user_id\` (text, not null, references users(id) on delete cascade) - Owner
- **title**: varchar(200) — not null, min length 1
- done: boolean (not null, default false)
- created_at: timestamp, not null, default now()
`;

const SQL_STYLE = `# Schema

\`\`\`sql
-- the tasks table
CREATE TABLE IF NOT EXISTS tasks (
  id SERIAL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  title VARCHAR(200) NOT NULL CHECK (char_length(title) >= 1),
  done BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL DEFAULT now()
);
\`\`\`
`;

const USERS = `\n## users\n\n- id: text (primary key)\n`;

describe("Markdown table, bullet and SQL styles", () => {
  const styles = { table: TABLE_STYLE, bullets: BULLET_STYLE, sql: SQL_STYLE };
  const columnsOf = async (src: string) => {
    const r = await load(src + USERS);
    expect(r.diagnostics).toEqual([]);
    const t = r.ir!.tables.find((x) => x.name === "tasks")!;
    return t.columns.map(({ span: _s, description: _d, ...c }) => c);
  };
  let want: Awaited<ReturnType<typeof columnsOf>>;
  beforeAll(async () => {
    want = await columnsOf(TABLE_STYLE);
  });

  it("the table style reads as expected", () => {
    expect(want.map((c) => [c.name, c.type.kind, c.nullable, c.role])).toEqual([
      ["id", "integer", false, "id"],
      ["user_id", "text", false, "owner"],
      ["title", "string", false, "data"],
      ["done", "boolean", false, "data"],
      ["created_at", "timestamp", false, "created_at"],
    ]);
    expect(want[2]).toMatchObject({ minLength: 1, type: { kind: "string", maxLength: 200 } });
    expect(want[1]!.references).toEqual({ table: "users", column: "id", onDelete: "cascade" });
  });

  it.each(Object.entries(styles))("%s style gives the same columns", async (_name, src) => {
    expect(await columnsOf(src)).toEqual(want);
  });
});

describe("headings that name tables", () => {
  const cases: [string, string][] = [
    ["## tasks", "tasks"],
    ["### 1. `users` Table", "users"],
    ["### Table: tasks", "tasks"],
    ["## Table 2: tasks", "tasks"],
    ["## Task Model", "tasks"],
    ["### users (Managed by Better Auth)", "users"],
    ["## TaskLists", "task_lists"],
  ];
  it.each(cases)("%s", async (heading, name) => {
    const raw = (await parseMarkdown(`${heading}\n\n- id: serial (primary key)\n`, "s.md", "schema", { isRulePhrase })).raw;
    expect(raw.tables.map((t) => t.name.text)).toEqual([name]);
  });

  it("a section without column definitions is not a table", async () => {
    const raw = (await parseMarkdown("## Overview\n\n- `users` (managed by Better Auth)\n- `tasks`\n", "s.md", "schema", { isRulePhrase })).raw;
    expect(raw.tables).toEqual([]);
  });
});

describe("indexes", () => {
  const src = `## tasks

- id: serial (primary key)
- user_id: text
- done: boolean

Indexes:
- (user_id, done)
- unique (user_id, id)
- idx_done on tasks(done)

## Indexes

- tasks.user_id
- tasks (done, user_id)

\`\`\`sql
CREATE UNIQUE INDEX idx_x ON tasks (user_id, done DESC);
\`\`\`
`;
  it("reads lists, SQL and an Indexes section", async () => {
    const raw: RawSpec = (await parseMarkdown(src, "s.md", "schema", { isRulePhrase })).raw;
    expect(raw.tables[0]!.indexes.map((i) => [i.columns, i.unique, i.name ?? null])).toEqual([
      [["user_id", "done"], false, null],
      [["user_id", "id"], true, null],
      [["done"], false, "idx_done"],
    ]);
    expect(raw.indexes.map((i) => [i.table, i.columns, i.unique])).toEqual([
      ["tasks", ["user_id"], false],
      ["tasks", ["done", "user_id"], false],
      ["tasks", ["user_id", "done"], true],
    ]);
    expect(raw.tables[0]!.indexes[0]!.span).toMatchObject({ line: 8, column: 3 });
  });
});

describe("exact spans", () => {
  it("table cells, list items and SQL tokens", async () => {
    const md = (await parseMarkdown(TABLE_STYLE, "s.md", "schema", { isRulePhrase })).raw.tables[0]!;
    const title = md.columns[2]!;
    expect(`${title.name.span.line}:${title.name.span.column}`).toBe(pos(TABLE_STYLE, "title"));
    expect(`${title.type.span.line}:${title.type.span.column}`).toBe(pos(TABLE_STYLE, "varchar(200)"));
    expect(title.constraints.map((c) => `${c.span.line}:${c.span.column}`)).toEqual([
      pos(TABLE_STYLE, "not null", 1),
      pos(TABLE_STYLE, "min length 1"),
    ]);

    const bl = (await parseMarkdown(BULLET_STYLE, "s.md", "schema", { isRulePhrase })).raw.tables[0]!;
    const uid = bl.columns[1]!;
    expect(`${uid.name.span.line}:${uid.name.span.column}`).toBe(pos(BULLET_STYLE, "user_id"));
    expect(`${uid.type.span.line}:${uid.type.span.column}`).toBe(pos(BULLET_STYLE, "text,"));
    expect(bl.columns[2]!.constraints.map((c) => c.text)).toEqual(["not null", "min length 1"]);

    const sql = (await parseMarkdown(SQL_STYLE, "s.md", "schema", { isRulePhrase })).raw.tables[0]!;
    const created = sql.columns[4]!;
    expect(`${created.name.span.line}:${created.name.span.column}`).toBe(pos(SQL_STYLE, "created_at"));
    expect(created.constraints.map((c) => [c.text, `${c.span.line}:${c.span.column}`])).toEqual([
      ["NOT NULL", pos(SQL_STYLE, "NOT NULL", 3)],
      ["DEFAULT now()", pos(SQL_STYLE, "DEFAULT now()")],
    ]);
  });
});

describe("endpoints", () => {
  const api = `# API

### GET /api/{user_id}/tasks
List tasks.

### POST \`/api/{user_id}/tasks\`
Create one. Responds 201.

### GET /api/health
Public endpoint, no authentication required.

| Method | Endpoint | Description | Status |
|--------|----------|-------------|--------|
| DELETE | /api/tasks/:id | Delete | 200 |

#### Toggle Task
\`\`\`
PATCH /api/{user_id}/tasks/{id}/complete
\`\`\`
`;
  it("reads headings, tables and single-line code blocks", async () => {
    const raw = (await parseMarkdown(api, "a.md", "api", { isRulePhrase })).raw;
    expect(raw.endpoints.map((e) => [e.method.text, e.path.text, e.summary ?? null, e.status ?? null, e.auth ?? null])).toEqual([
      ["GET", "/api/{user_id}/tasks", "List tasks.", null, null],
      ["POST", "/api/{user_id}/tasks", "Create one. Responds 201.", 201, null],
      ["GET", "/api/health", "Public endpoint, no authentication required.", null, "public"],
      ["DELETE", "/api/tasks/:id", "Delete", 200, null],
      ["PATCH", "/api/{user_id}/tasks/{id}/complete", "Toggle Task", null, null],
    ]);
    const post = raw.endpoints[1]!;
    expect(`${post.path.span.line}:${post.path.span.column}`).toBe(pos(api, "/api/{user_id}/tasks`"));
    const del = raw.endpoints[3]!;
    expect(`${del.method.span.line}:${del.method.span.column}`).toBe(pos(api, "DELETE"));
  });
});

describe("SQL foreign keys with ON DELETE SET NULL", () => {
  it("keep the whole action", async () => {
    const { load } = await import("./helpers.js");
    const r = await load(
      "## users\n\n- id: text (primary key)\n\n## lists\n\n```sql\nCREATE TABLE lists (\n  id SERIAL PRIMARY KEY,\n  user_id TEXT NOT NULL REFERENCES users(id),\n  parent_id INTEGER REFERENCES lists(id) ON DELETE SET NULL\n);\n```\n",
    );
    expect(r.diagnostics).toEqual([]);
    const parent = r.ir!.tables.find((t) => t.name === "lists")!.columns.find((c) => c.name === "parent_id")!;
    expect(parent.references).toEqual({ table: "lists", column: "id", onDelete: "set null" });
    expect(parent.nullable).toBe(true);
  });
});
