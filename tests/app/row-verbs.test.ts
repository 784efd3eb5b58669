// A verb after a row of another table: "POST /api/workshops/{id}/enroll" makes the caller's
// enrollment of that workshop, "DELETE /api/workshops/{id}/enroll" drops the caller's
// enrollments of it ("unenroll"), and "GET /api/workshops/{id}/enrollments/count" counts the
// caller's enrollments of it. A small spec of my own. Another user's enrollments are never
// dropped, and a workshop the caller cannot see cannot be enrolled in (404). Checked with
// row-level security on and off (off: the routes' own conditions are the only wall).
// Also an action on all of the caller's rows at once ("PATCH /api/notices/mark-all-seen"): it
// changes every one of the caller's notices and none of another user's. The notices list comes in
// the order its description states ("ordered by slot"), not newest first.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, writeSpecProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "row-verbs");

const SCHEMA = `# Data model

## users
| column | type | notes |
|---|---|---|
| id | text | primary key |

## workshops
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users.id |
| topic | varchar(80) | not null |

## enrollments
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| workshop_id | integer | not null, references workshops.id |
| user_id | text | not null, references users.id |

## notices
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users.id |
| body | text | not null |
| seen | boolean | not null, default false |
| slot | integer | not null, default 0 |
`;

const API = `# Workshops API

| Method | Path | What |
|---|---|---|
| POST | /api/workshops | add a workshop |
| GET | /api/enrollments | my enrollments |
| POST | /api/workshops/{id}/enroll | take a seat |
| DELETE | /api/workshops/{id}/enroll | give the seat back |
| GET | /api/workshops/{id}/enrollments/count | my seats there |
| POST | /api/notices | leave a notice |
| GET | /api/notices | my notices, ordered by slot |
| PATCH | /api/notices/mark-all-seen | everything seen |
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  ({ ir, dir } = await writeSpecProject(OUT, SCHEMA, API));
}, 60_000);

describe("what the row verbs are read as", () => {
  it("maps both; neither is a 501", () => {
    const kinds = Object.fromEntries(ir.endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, `${e.action.kind} ${e.table}`]));
    expect(kinds).toMatchObject({ "POST /api/workshops/{id}/enroll": "create enrollments", "DELETE /api/workshops/{id}/enroll": "delete-many enrollments", "PATCH /api/notices/mark-all-seen": "update-many notices" });
  });
});

describe.each(DB_KINDS.flatMap((kind) => [[kind, true], [kind, false]] as const))("on %s, row-level security %s", (kind, rls) => {
  let app: RunningProject;
  let ann: string;
  let ben: string;

  beforeAll(async () => {
    app = await bootProject(kind, dir, {}, { rls });
    ann = await tokenFor("ann");
    ben = await tokenFor("ben");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("enrolls the caller, and unenrolling drops only the caller's enrollments", async () => {
    const w = await app.call("POST", "/api/workshops", { token: ann, body: { topic: "pottery" } });
    expect(w.status).toBe(201);
    const ours = await app.call("POST", `/api/workshops/${w.body.id}/enroll`, { token: ann, body: {} });
    expect(ours.status).toBe(201);
    expect(ours.body).toMatchObject({ workshop_id: w.body.id, user_id: "ann" });
    // ben cannot see ann's workshop: no seat for him there (404, as for a missing one).
    const theirs = await app.call("POST", `/api/workshops/${w.body.id}/enroll`, { token: ben, body: {} });
    expect(theirs.status).toBe(404);
    const bw = await app.call("POST", "/api/workshops", { token: ben, body: { topic: "chess" } });
    expect((await app.call("POST", `/api/workshops/${bw.body.id}/enroll`, { token: ben, body: {} })).status).toBe(201);
    // Counted under the workshop: the caller's rows only.
    expect((await app.call("GET", `/api/workshops/${w.body.id}/enrollments/count`, { token: ann })).body).toEqual({ count: 1 });
    expect((await app.call("GET", `/api/workshops/${w.body.id}/enrollments/count`, { token: ben })).body).toEqual({ count: 0 });
    // ben unenrolling from ann's workshop drops nothing; ann's enrollment stays.
    const none = await app.call("DELETE", `/api/workshops/${w.body.id}/enroll`, { token: ben });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ deleted: 0 });
    expect((await app.call("GET", "/api/enrollments", { token: ann })).body).toHaveLength(1);
    const gone = await app.call("DELETE", `/api/workshops/${w.body.id}/enroll`, { token: ann });
    expect(gone.body).toEqual({ deleted: 1 });
    expect((await app.call("GET", "/api/enrollments", { token: ann })).body).toEqual([]);
    expect((await app.call("GET", "/api/enrollments", { token: ben })).body).toHaveLength(1);
    expect((await app.call("DELETE", `/api/workshops/${w.body.id}/enroll`)).status).toBe(401);
  });

  it("marks every one of the caller's notices seen, and no other user's", async () => {
    for (const [token, body, slot] of [[ann, "a1", 2], [ann, "a2", 1], [ben, "b1", 0]] as const) {
      expect((await app.call("POST", "/api/notices", { token, body: { body, slot } })).status).toBe(201);
    }
    // Ordered by slot, as the spec says: a2 (slot 1) before a1 (slot 2), though a1 came first.
    expect((await app.call("GET", "/api/notices", { token: ann })).body.map((n: { body: string }) => n.body)).toEqual(["a2", "a1"]);
    const r = await app.call("PATCH", "/api/notices/mark-all-seen", { token: ann });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 2 });
    expect((await app.call("GET", "/api/notices", { token: ann })).body.map((n: { seen: boolean }) => n.seen)).toEqual([true, true]);
    expect((await app.call("GET", "/api/notices", { token: ben })).body.map((n: { seen: boolean }) => n.seen)).toEqual([false]);
    expect((await app.call("PATCH", "/api/notices/mark-all-seen")).status).toBe(401);
  });
});
