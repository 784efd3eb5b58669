// A column renamed in the schema ("renamed from old_name": the migration RENAMEs it) keeps
// everything the API spec said of it under its old name: the list's search columns, sort keys,
// filters and range ends, item actions and request field rules follow it to its new name, and
// a diagnostic (file:line:column) says so instead of the column dropping out in silence.
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/base/diagnostics.js";
import { load, pos } from "./helpers.js";

const USERS = "## users\n\n- id: text (primary key)\n";
const before = `${USERS}
## tasks

- id: serial (primary key)
- user_id: text (references users(id))
- title: varchar(200) (required)
- description: text (optional)
- completed: boolean (not null, default false)
- archived: boolean (not null, default false)
- priority: enum(low, high) (not null, default low)
- due_date: date (optional)
- created_at: timestamp (not null, default now())
`;
const after = `${USERS}
## tasks

- id: serial (primary key)
- user_id: text (references users(id))
- name: varchar(200) (required, renamed from title)
- details: text (optional, renamed from description)
- done: boolean (not null, default false, renamed from completed)
- archived: boolean (not null, default false)
- urgency: enum(low, high) (not null, default low, renamed from priority)
- deadline: date (optional, renamed from due_date)
- created_at: timestamp (not null, default now())
`;
const API = `### GET /api/{user_id}/tasks

Query Parameters:
- status: all|pending|completed
- priority: all|low|high
- sort: created|title|due_date|priority
- search: string - case-insensitive search in title and description
- due_before: date

### PATCH /api/{user_id}/tasks/{id}/complete
Toggle the task.

### POST /api/{user_id}/tasks/{id}/close
Sets \`completed\` to \`true\`

### POST /api/{user_id}/tasks

| Field | Type | Required | Constraints |
|---|---|---|---|
| \`title\` | string | Yes | max 50 characters |
`;

async function read(schema: string, api = API) {
  const r = await load(schema, api);
  expect(r.ir, r.diagnostics.map(formatDiagnostic).join("\n")).not.toBeNull();
  const ep = (method: string, path: string) => r.ir!.endpoints.find((e) => e.method === method && e.path === path)!;
  return { r, ir: r.ir!, ep, list: ep("get", "/api/{user_id}/tasks").list! };
}

describe("a renamed column keeps what the API spec says of it", () => {
  it("search, sort keys, filters and range ends resolve to the new names, as they did to the old ones", async () => {
    const old = await read(before);
    const now = await read(after);
    const rename: Record<string, string> = { title: "name", description: "details", completed: "done", priority: "urgency", due_date: "deadline" };
    const follow = (c: string) => rename[c] ?? c;
    expect(old.list.search).toEqual({ param: "search", columns: ["title", "description"] });
    expect(now.list.search).toEqual({ param: "search", columns: ["name", "details"] });
    // The API keeps its words (sort=title, ?priority=high): only the columns behind them change.
    expect(now.list.sort.keys).toEqual(old.list.sort.keys.map((k) => ({ ...k, column: follow(k.column) })));
    expect(now.list.sort.keys).toContainEqual({ name: "title", column: "name" });
    expect(now.list.filters).toEqual(old.list.filters.map((f) => ({ ...f, column: follow(f.column) })));
    expect(now.list.filters.map((f) => [f.param, f.column])).toEqual([["status", "done"], ["priority", "urgency"], ["due_before", "deadline"]]);
    expect(now.r.diagnostics.map((d) => d.code)).not.toContain("SF213");
  });

  it("warns (SF218) where the spec's text names the old column, at the line and column", async () => {
    const { r } = await read(after);
    const hits = r.diagnostics.filter((d) => d.code === "SF218");
    expect(hits.map((d) => [d.severity, `${d.span.file}:${d.span.line}:${d.span.column}`])).toEqual([
      ["warning", `specs/api/rest-endpoints.md:${pos(API, "search:")}`],
      ["warning", `specs/api/rest-endpoints.md:${pos(API, "search:")}`],
      ["warning", `specs/api/rest-endpoints.md:${pos(API, "POST /api/{user_id}/tasks/{id}/close")}`],
      ["warning", `specs/api/rest-endpoints.md:${pos(API, "title", 2)}`],
    ]);
    expect(hits.slice(0, 2).map((d) => d.message).sort()).toEqual([
      'the description of query parameter "search" names "description", the former name of tasks.details ("renamed from description" in the schema): read as tasks.details',
      'the description of query parameter "search" names "title", the former name of tasks.name ("renamed from title" in the schema): read as tasks.name',
    ]);
    expect(hits[2]!.message).toContain('names "completed", the former name of tasks.done');
    expect(hits[3]!.message).toContain('request field "title" of POST /api/{user_id}/tasks names "title", the former name of tasks.name');
    expect(hits.find((d) => d.message.includes('"title"'))!.hint).toMatch(/write "name" in the API spec/);
  });

  it("notes where a word the API itself uses (a parameter, a sort key, a path) reads the renamed column", async () => {
    const { r } = await read(after);
    const notes = r.notes.filter((n) => n.message.includes("the former name of"));
    expect(notes.map((n) => `${n.span.line}:${n.span.column} ${n.message.replace(/, the former name.*/, "")}`)).toEqual([
      `${pos(API, "status")} query parameter "status" names "completed"`,
      `${pos(API, "priority")} query parameter "priority" names "priority"`,
      `${pos(API, "sort")} sort key "title" names "title"`,
      `${pos(API, "sort")} sort key "due_date" names "due_date"`,
      `${pos(API, "sort")} sort key "priority" names "priority"`,
      `${pos(API, "due_before")} query parameter "due_before" names "due_date"`,
      `${pos(API, "PATCH")} PATCH /api/{user_id}/tasks/{id}/complete names "completed"`,
    ]);
  });

  it("item actions and request field rules follow the column", async () => {
    const old = await read(before);
    const now = await read(after);
    expect(old.ep("patch", "/api/{user_id}/tasks/{id}/complete").action).toEqual({ kind: "toggle", field: "completed" });
    expect(now.ep("patch", "/api/{user_id}/tasks/{id}/complete").action).toEqual({ kind: "toggle", field: "done" });
    expect(now.ep("post", "/api/{user_id}/tasks/{id}/close").action).toEqual({ kind: "set", field: "done", value: true });
    const col = (ir: typeof now.ir, c: string) => ir.tables.find((t) => t.name === "tasks")!.columns.find((x) => x.name === c)!;
    expect(col(old.ir, "title").maxLength).toBe(50);
    expect(col(now.ir, "name").maxLength).toBe(50);
    expect(now.r.diagnostics.map((d) => d.code)).not.toContain("SF217");
  });

  it("keeps a renamed column in a list's inferred search, with a note", async () => {
    const api = "### GET /api/{user_id}/tasks\n";
    const old = await read(before, api);
    const now = await read(after, api);
    expect(old.list.search?.columns).toEqual(["title", "description"]);
    expect(now.list.search?.columns).toEqual(["name", "details"]);
    expect(now.r.notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^the search of GET \/api\/\{user_id\}\/tasks covers the columns named like text.*"description", the former name of tasks\.details/));
  });

  it("says nothing once the spec uses the new names", async () => {
    const api = API.replace("title and description", "name and details").replace("Sets `completed`", "Sets `done`").replace("| `title` |", "| `name` |");
    const { r, list } = await read(after, api);
    expect(list.search?.columns).toEqual(["name", "details"]);
    expect(r.diagnostics.filter((d) => d.code === "SF218")).toEqual([]);
  });

  it("prefers a column that has the name now over one that had it before", async () => {
    const schema = after.replace("- archived: boolean (not null, default false)", "- title: varchar(100) (optional)");
    const { list, r } = await read(schema);
    expect(list.search?.columns).toEqual(["details", "title"]);
    expect(list.sort.keys).toContainEqual({ name: "title", column: "title" });
    expect(r.diagnostics.filter((d) => d.code === "SF218").map((d) => d.message)).not.toContainEqual(expect.stringContaining('"title", the former name'));
  });
});
