// Query parameters under labels the reader did not take as such: a bare "Parameters:" under a
// GET endpoint, a "Query Parameters:" label on the last line of a paragraph that starts with the
// endpoint's summary, and a path's own placeholder listed among them. Before, the first two lists
// were dropped (their default page size and filters ignored) and the third made a query
// parameter that matched no column (SF213).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const schema = `# Schema

## notes
- id: uuid (primary key)
- owner_id: text (references users.id)
- topic: varchar(40)
- pinned: boolean (default false)
- body: text

## users
- id: text (primary key)
`;

const list = async (api: string) => {
  const r = await load(schema, api);
  const ep = r.ir!.endpoints.find((e) => e.method === "get" && e.path.endsWith("/notes"))!;
  return { r, list: ep.list! };
};

describe("query parameter labels", () => {
  it("reads a bare Parameters list under a GET endpoint", async () => {
    const { list: l } = await list(`# API

### GET /api/{owner_id}/notes
Returns my notes.

**Parameters:**
- \`owner_id\` (path): the caller
- \`page\` (optional): which page (default: 1)
- \`limit\` (optional): notes per page (default: 5, max: 40)
- \`topic\` (optional): only notes on this topic
`);
    expect(l.defaultLimit).toBe(5);
    expect(l.maxLimit).toBe(40);
    expect(l.filters.map((f) => f.param)).toEqual(["topic"]);
  });
  it("reads a Query Parameters label on the last line of the summary's paragraph", async () => {
    const { list: l } = await list(`# API

## GET /api/notes

Returns my notes.
**Query Parameters**:

- \`pinned\` (true, false)
- \`limit\`: default 7
`);
    expect(l.filters.map((f) => f.param)).toEqual(["pinned"]);
    expect(l.defaultLimit).toBe(7);
  });
  it("skips the path's own placeholder listed with the query parameters", async () => {
    const { r, list: l } = await list(`# API

### GET /api/{owner_id}/notes
Returns my notes.

**URL Parameters**:
- \`owner_id\`: the caller's id (must match the token)
- \`topic\`: only notes on this topic
`);
    expect(l.filters.map((f) => f.param)).toEqual(["topic"]);
    expect(r.diagnostics.filter((d) => d.code === "SF213")).toEqual([]);
  });
  it("leaves a Parameters list under a POST endpoint alone", async () => {
    const r = await load(schema, `# API

### POST /api/notes
Adds a note.

**Parameters:**
- \`topic\`: the note's topic
`);
    const ep = r.ir!.endpoints.find((e) => e.method === "post")!;
    expect(ep.list ?? null).toBeNull();
  });
});
