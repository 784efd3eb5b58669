// Several endpoints written on one line: codes joined by a middle dot or commas ("`GET /notes` ·
// `POST /notes`"), and one path after a list of methods ("GET/POST /folders", "GET | PATCH |
// DELETE /folders/{id}"), in a paragraph or a list item. Each is an endpoint of its own; before,
// only the first one on the line was read and the others were lost without a word.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";

const SCHEMA = `# Data

## users
- id: uuid pk

## albums
- id: uuid pk
- user_id: uuid -> users.id
- title: text

## photos
- id: uuid pk
- user_id: uuid -> users.id
- caption: text

## stickers
- id: uuid pk
- user_id: uuid -> users.id
- label: text
`;

const API = `# Routes

### Albums
\`GET /api/albums\` · \`POST /api/albums\` · \`PATCH /api/albums/:id\` · \`DELETE /api/albums/:id\`

### Photos
- \`GET /api/photos\`, \`POST /api/photos\` — my photos
- GET, DELETE /api/photos/{id}

### Stickers
GET/POST /api/stickers
GET | PUT | DELETE /api/stickers/{id}
`;

describe("several endpoints on one line", () => {
  it("reads every endpoint a line joins, and every method a line lists before one path", async () => {
    const r = await loadSpecFiles(
      { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
      { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
    );
    expect(r.ir, JSON.stringify(r.diagnostics)).toBeTruthy();
    const got = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path} ${e.action.kind}`).sort();
    expect(got).toEqual([
      "DELETE /api/albums/{id} delete",
      "DELETE /api/photos/{id} delete",
      "DELETE /api/stickers/{id} delete",
      "GET /api/albums list",
      "GET /api/photos list",
      "GET /api/photos/{id} get",
      "GET /api/stickers list",
      "GET /api/stickers/{id} get",
      "PATCH /api/albums/{id} update",
      "POST /api/albums create",
      "POST /api/photos create",
      "POST /api/stickers create",
      "PUT /api/stickers/{id} replace",
    ]);
    // Each endpoint points at its own method's word on the line.
    const line = API.split("\n");
    for (const e of r.ir!.endpoints) {
      const text = line[e.span.line - 1]!;
      expect(text.slice(e.span.column - 1, e.span.column - 1 + e.method.length).toUpperCase()).toBe(e.method.toUpperCase());
    }
  });
});
