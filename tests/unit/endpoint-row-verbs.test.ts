// A verb after a row of another table that makes or drops the caller's row of a table under it:
// "POST /workshops/{id}/enroll" adds the caller's enrollment of that workshop (enrollments is
// named after the verb, refers to workshops, and belongs to users); "DELETE /workshops/{id}/enroll"
// and "DELETE /workshops/{id}/bookmark" drop the caller's rows under that workshop, never
// another user's. Before, each was a 501.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data

## users
| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## workshops
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| topic | text | not null |

## enrollments
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| workshop_id | integer | not null, references workshops(id) |
| user_id | text | not null, references users(id) |

## bookmarks
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| workshop_id | integer | not null, references workshops(id) |
| user_id | text | not null, references users(id) |
`;

const API = `# API

| Method | Path | Description |
|---|---|---|
| POST | /api/workshops/{id}/enroll | take a seat |
| DELETE | /api/workshops/{id}/enroll | give the seat back |
| POST | /api/workshops/{id}/bookmark | keep it for later |
| DELETE | /api/workshops/{id}/bookmark | forget it |
| POST | /api/workshops/{id}/endorse | vouch for it |
`;

describe("a verb after another table's row", () => {
  it("makes the caller's row of the table named after it, and DELETE drops the caller's rows under that row", async () => {
    const r = await load(SCHEMA, API);
    const by = (m: string, p: string) => r.ir!.endpoints.find((e) => e.method === m && e.path === p);
    expect(by("post", "/api/workshops/{id}/enroll")).toMatchObject({ table: "enrollments", action: { kind: "create" }, parent: { param: "id", column: "workshop_id", table: "workshops" } });
    expect(by("delete", "/api/workshops/{id}/enroll")).toMatchObject({ table: "enrollments", action: { kind: "delete-many", where: [{ column: "workshop_id", op: "eq", param: "id" }], idsField: null } });
    expect(by("delete", "/api/workshops/{id}/enroll")!.parent).toBeUndefined();
    expect(by("delete", "/api/workshops/{id}/bookmark")).toMatchObject({ table: "bookmarks", action: { kind: "delete-many" } });
    // "endorse" shares too little with any table's name: still a 501.
    expect(by("post", "/api/workshops/{id}/endorse")!.action.kind).toBe("stub");
  });
});

describe("numbers about the rows under another table's row", () => {
  it("count the caller's rows whose reference is the path's value", async () => {
    const r = await load(SCHEMA, `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/workshops/{id}/enrollments/count | seats taken by me |
| GET | /api/workshops/{id}/bookmarks/summary | my bookmarks of it |
`);
    const by = (p: string) => r.ir!.endpoints.find((e) => e.path === p)!;
    expect(by("/api/workshops/{id}/enrollments/count")).toMatchObject({ table: "enrollments", action: { kind: "count", summary: false, where: [{ column: "workshop_id", op: "eq", param: "id" }] } });
    expect(by("/api/workshops/{id}/enrollments/count").parent).toBeUndefined();
    expect(by("/api/workshops/{id}/bookmarks/summary").action).toMatchObject({ kind: "count", summary: true });
  });
});
