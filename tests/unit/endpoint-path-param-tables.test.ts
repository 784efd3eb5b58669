// The table under a "Path Parameters" label lists the placeholders of the endpoint's path. It is
// no list of query parameters: before, its rows became filters the list refused with 422 (SF213).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PRIMARY KEY |\n\n## notes\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | PRIMARY KEY |\n| owner_id | uuid | NOT NULL, REFERENCES users(id) |\n| pinned | boolean | NOT NULL DEFAULT false |\n`;

const API = `# API

### GET /api/{owner_id}/notes

List the caller's notes.

**Path Parameters:**
| Parameter | Type | Description |
|-----------|------|-------------|
| owner_id | string | The signed-in user |

**Query Parameters:**
| Parameter | Type | Description |
|-----------|------|-------------|
| pinned | boolean | Only pinned notes |
`;

describe("a path parameters table", () => {
  it("adds no query parameters", async () => {
    const r = await load(SCHEMA, API);
    expect(r.diagnostics.filter((d) => d.code === "SF213")).toEqual([]);
    const list = r.ir!.endpoints.find((e) => e.method === "get" && e.path === "/api/{owner_id}/notes");
    expect(list).toBeDefined();
    expect(JSON.stringify(list)).toContain("pinned");
  });
});
