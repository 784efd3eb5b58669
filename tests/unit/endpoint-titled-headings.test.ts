// An endpoint heading that starts with a title and gives the route after it, as API docs in many
// languages number and name each operation: "### 2.1 Register a bike — `POST /bikes` [P1]",
// "### Bikes: GET /bikes", "### Retire a bike (`DELETE /bikes/{bike_id}`)". Before, only a heading
// starting with the method was an endpoint: none of these was read (SF200), and every table got
// the standard routes instead of the spec's own.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Garage

## users

| Column | Type | Constraints |
|---|---|---|
| id | uuid | primary key |

## bikes

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | uuid | references users(id) |
| frame | varchar(30) | not null |
`;

describe("endpoint headings with a title before the route", () => {
  it("reads the route after a dash, a colon or inside brackets, with the title as its summary", async () => {
    const r = await load(SCHEMA, `# API

### 2.1 자전거 등록 — \`POST /bikes\` [P1]

**인증 필요**

### 2.2 Bikes: GET /bikes

### 2.3 Retire a bike (\`DELETE /bikes/{bike_id}\`)

#### Response of DELETE /bikes/{bike_id}

Nothing comes back.

### 2.4 Repaint — PATCH /bikes/{bike_id}
`);
    const routes = r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`);
    expect(routes).toEqual(expect.arrayContaining([
      "post /bikes create",
      "get /bikes list",
      "delete /bikes/{bike_id} delete",
      "patch /bikes/{bike_id} update",
    ]));
    expect(r.ir!.endpoints.filter((e) => e.method === "delete")).toHaveLength(1);
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF200");
  });

  it("does not read a heading that names two routes, or prose without a method, as one", async () => {
    const r = await load(SCHEMA, `# API

### GET /bikes

### Moving from GET /cycles to GET /bikes

### Get a bike by its number
`);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(["get /bikes"]);
  });
});
