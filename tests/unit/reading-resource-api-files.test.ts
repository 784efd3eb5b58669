// An API spec kept as one file per resource, named for it ("shelves.md" beside schema.md), with
// numbered endpoint headings ("## 2. PATCH /shelves/{id}/position") and parameter tables that
// look like column tables: read as the API spec when another file is the schema, not ignored as
// a second schema. And an item route named for no column whose example request body names
// columns of the row ("PATCH /shelves/{id}/placement" taking { "aisle": 3, "level": 2 }) is an
// update of those columns only.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-resource-api-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const SCHEMA = `# Storeroom

## users
- id: text, primary key

## shelves
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users.id |
| label | varchar(40) | not null |
| aisle | integer | not null |
| level | integer | not null |
`;

const SHELVES_API = `# Shelves API

All routes live under \`/api\`.

## 1. GET /api/shelves

List the caller's shelves.

| Parameter | Type | Required | Notes |
|---|---|---|---|
| page | integer | no | from 1 |
| page_size | integer | no | at most 50 |
| label | string | no | exact label |

## 2. POST /api/shelves

## 3. PATCH /api/shelves/{id}/placement

Moves the shelf.

**Request**

\`\`\`json
{ "aisle": 3, "level": 2 }
\`\`\`

**Response 200**

\`\`\`json
{ "id": 1, "label": "Tins", "aisle": 3, "level": 2 }
\`\`\`
`;

describe("an API file named for its resource", () => {
  it("is the API spec beside the schema, and its body example makes an update of those columns", async () => {
    const dir = project("storeroom", { "schema.md": SCHEMA, "shelves.md": SHELVES_API });
    const r = await loadSpecs(dir, dir);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.sources.api).toBe("shelves.md");
    const routes = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path} ${e.action.kind}`);
    expect(routes).toEqual(expect.arrayContaining(["GET /api/shelves list", "POST /api/shelves create", "PATCH /api/shelves/{id}/placement update"]));
    const move = r.ir!.endpoints.find((e) => e.path === "/api/shelves/{id}/placement")!;
    expect(move.action).toEqual({ kind: "update", fields: ["aisle", "level"] });
  });

  it("leaves an example naming anything but the row's columns unmapped", async () => {
    const dir = project("storeroom-other", { "schema.md": SCHEMA, "shelves.md": SHELVES_API.replace('{ "aisle": 3, "level": 2 }', '{ "aisle": 3, "reason": "reorg" }') });
    const r = await loadSpecs(dir, dir);
    const move = r.ir!.endpoints.find((e) => e.path === "/api/shelves/{id}/placement")!;
    expect(move.action.kind).toBe("stub");
  });
});
