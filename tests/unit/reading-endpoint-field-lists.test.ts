// An endpoint written as a list of its fields under a heading naming the operation:
// "- **Method**: GET" and "- **Path**: `/api/boxes`" as separate items, its query parameters
// nested under a "- **Query Parameters**:" item. Before, no endpoint was read from such a list
// (SF200: every table got the standard routes instead, and the spec's own routes, filters and
// envelope were lost). Also a path written from the base URL's first segment ("/api/boxes" under
// the base "/api/v2") is kept as written, not read as "/api/v2/api/boxes".
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const schema = `# Schema

## boxes
- id: uuid (primary key)
- user_id: text (references users.id)
- label: varchar(60)
- sealed: boolean (default false)

## users
- id: text (primary key)
`;

const api = `# API

## Base URL
\`/api/v2\`

### 1. List my boxes
- **Method**: GET
- **Path**: \`/api/boxes\`
- **Query Parameters**:
  - \`sealed\` (optional): only sealed or open boxes (true/false)
  - \`limit\` (optional): boxes per page (default: 8)

### 2. Seal a box
- **Method**: PATCH
- **Path**: \`/api/boxes/{id}/seal\`
`;

describe("endpoints written as field lists", () => {
  it("reads the method and path items as one endpoint, with its nested query parameters", async () => {
    const r = await load(schema, api);
    expect(r.diagnostics.filter((d) => d.code === "SF200")).toEqual([]);
    const routes = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(routes).toEqual(expect.arrayContaining(["GET /api/boxes", "PATCH /api/boxes/{id}/seal"]));
    const list = r.ir!.endpoints.find((e) => e.method === "get" && e.path === "/api/boxes")!.list!;
    expect(list.filters.map((f) => f.param)).toEqual(["sealed"]);
    expect(list.defaultLimit).toBe(8);
  });
});
