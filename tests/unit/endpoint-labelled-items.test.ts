// An endpoint written as labelled items under a heading that names the operation: "- **Method**:
// `POST`" and "- **Endpoint**: `/api/{user_id}/boxes`" (or Path, URL, Route), with more items
// (a description, query parameters) beside them. Before, no endpoint was read from such a file and
// every table got the standard routes instead (SF200).
import { describe, expect, it } from "vitest";
import { codes, load } from "./helpers.js";

const SCHEMA = `## boxes
- id: integer (PK)
- user_id: string (required)
- label: string (required)
- sealed: boolean
`;

const API = `# Box API

### Pack a box
- **Method**: \`POST\`
- **Endpoint**: \`/api/{user_id}/boxes\`
- **Description**: Packs a new box for the owner

### Boxes of an owner
- **Method**: \`GET\`
- **Path**: \`/api/{user_id}/boxes\`
- **Query Parameters**:
  - \`sealed\` (optional, boolean): only sealed boxes

### One box
- HTTP method: GET
- URL: /api/{user_id}/boxes/{id}
`;

describe("an endpoint written as labelled Method and Endpoint items", () => {
  it("is read with its method, path, summary and query parameters", async () => {
    const r = await load(SCHEMA, API);
    expect(codes(r)).not.toContain("SF200");
    const eps = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`).sort();
    expect(eps).toEqual(["GET /api/{user_id}/boxes", "GET /api/{user_id}/boxes/{id}", "POST /api/{user_id}/boxes"]);
    const list = r.ir!.endpoints.find((e) => e.method.toUpperCase() === "GET" && e.path === "/api/{user_id}/boxes")!;
    expect(JSON.stringify(list)).toContain("sealed");
    expect(r.ir!.endpoints.find((e) => e.method.toUpperCase() === "POST")!.summary).toBe("Pack a box");
  });
});
