// Collection and item shapes that used to answer 501: the caller's one row of a table holding one
// per user (GET|PUT|PATCH /prefs), an order (PUT /boards/reorder), an export (GET /cards/export),
// bulk create and bulk change (POST|PATCH /cards/bulk), a count of a subset written as one word
// (GET /cards/open-count), the caller's collection under /me, a copy (POST /boards/{id}/clone), and
// the opposite of finishing (POST /cards/{id}/reopen). A small spec of my own (boards and cards).
// Every route reaches the caller's rows only: user B never reads, orders, changes or copies A's.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, runOwnTests, typeCheckProject, writeSpecProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "collection-shapes");

const SCHEMA = `# Data model

## users
| column | type | notes |
|---|---|---|
| id | text | primary key |

## prefs
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, unique, references users.id |
| colour | enum(red, blue) | default red |
| page_size | integer | not null, default 20 |

## layouts
| column | type | notes |
|---|---|---|
| user_id | text | primary key, references users.id |
| dense | boolean | default false |

## boards
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| owner_id | text | not null, references users.id |
| title | varchar(80) | not null |
| slug | varchar(80) | unique, nullable |
| sort_order | integer | default 0 |

## cards
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users.id |
| board_id | integer | nullable, references boards.id |
| text | varchar(100) | not null |
| state | enum(open, finished) | default open |
| finished_at | timestamp | nullable |
`;

const API = `# Boards API

| Method | Path | What |
|---|---|---|
| GET | /api/prefs | my preferences |
| PUT | /api/prefs | replace my preferences |
| PATCH | /api/prefs | change some of my preferences |
| GET | /api/layouts | my layout |
| PATCH | /api/layouts | change my layout |
| GET | /api/boards | boards |
| POST | /api/boards | new board |
| GET | /api/boards/{id} | one board |
| PUT | /api/boards/reorder | put boards in order |
| POST | /api/boards/{id}/clone | copy a board |
| GET | /api/cards | cards |
| POST | /api/cards | new card |
| GET | /api/cards/export | download as CSV |
| POST | /api/cards/bulk | several new cards |
| PATCH | /api/cards/bulk | change several cards |
| GET | /api/cards/open-count | how many are open |
| GET | /api/cards/count | how many cards (?state=) |
| POST | /api/cards/{id}/finish | finish |
| POST | /api/cards/{id}/reopen | not finished after all |
| GET | /api/me/cards | my cards |
| POST | /api/users/me/cards | add one of my cards |
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  ({ ir, dir } = await writeSpecProject(OUT, SCHEMA, API));
}, 60_000);

describe("what the routes are read as", () => {
  it("maps every route; none is a 501", () => {
    const kinds = Object.fromEntries(ir.endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.action.kind]));
    expect(kinds).toMatchObject({
      "GET /api/prefs": "own-get", "GET /api/layouts": "own-get", "PATCH /api/layouts": "own-put", "PUT /api/prefs": "own-put", "PATCH /api/prefs": "own-put",
      "PUT /api/boards/reorder": "reorder", "POST /api/boards/{id}/clone": "copy",
      "GET /api/cards/export": "export", "POST /api/cards/bulk": "create-many", "PATCH /api/cards/bulk": "update-each",
      "GET /api/cards/open-count": "count", "GET /api/cards/count": "count", "POST /api/cards/{id}/reopen": "set", "GET /api/me/cards": "list", "POST /api/users/me/cards": "create",
    });
    expect(ir.endpoints.filter((e) => e.action.kind === "stub")).toEqual([]);
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

  it("serves each user's one preferences row: 404 before it is written, PUT inserts, PATCH merges", async () => {
    expect((await app.call("GET", "/api/prefs", { token: ann })).status).toBe(404);
    const put = await app.call("PUT", "/api/prefs", { token: ann, body: { colour: "blue", page_size: 50 } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ user_id: "ann", colour: "blue", page_size: 50 });
    const patched = await app.call("PATCH", "/api/prefs", { token: ann, body: { page_size: 10 } });
    expect(patched.body).toMatchObject({ colour: "blue", page_size: 10, id: put.body.id });
    // A PUT puts a field left out back to its default; still the same one row.
    const again = await app.call("PUT", "/api/prefs", { token: ann, body: { page_size: 30 } });
    expect(again.body).toMatchObject({ colour: "red", page_size: 30, id: put.body.id });
    // Ben has none of his own and never sees Ann's; his PATCH makes his own row.
    expect((await app.call("GET", "/api/prefs", { token: ben })).status).toBe(404);
    const benRow = await app.call("PATCH", "/api/prefs", { token: ben, body: { colour: "blue" } });
    expect(benRow.status).toBe(200);
    expect(benRow.body).toMatchObject({ user_id: "ben", colour: "blue", page_size: 20 });
    expect((await app.call("GET", "/api/prefs", { token: ann })).body).toMatchObject({ user_id: "ann", page_size: 30 });
    // Bad input is a 4xx with a JSON problem.
    const bad = await app.call("PATCH", "/api/prefs", { token: ann, body: { colour: "green" } });
    expect(bad.status).toBe(422);
    expect((await app.call("PUT", "/api/prefs", { token: ann, body: { user_id: "ben", page_size: 1 } })).body.user_id).toBe("ann");
    expect((await app.admin(`SELECT count(*)::int AS n FROM prefs`))[0]!.n).toBe(2);
  });

  it("serves the one row of a table keyed by its user column the same way", async () => {
    expect((await app.call("GET", "/api/layouts", { token: ann })).status).toBe(404);
    const w = await app.call("PATCH", "/api/layouts", { token: ann, body: { dense: true } });
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ user_id: "ann", dense: true });
    expect((await app.call("PATCH", "/api/layouts", { token: ann, body: { dense: false } })).body).toEqual({ user_id: "ann", dense: false });
    expect((await app.call("GET", "/api/layouts", { token: ben })).status).toBe(404);
    expect((await app.call("GET", "/api/layouts", { token: ann })).body).toEqual({ user_id: "ann", dense: false });
    expect((await app.admin(`SELECT count(*)::int AS n FROM layouts`))[0]!.n).toBe(1);
  });

  it("orders the caller's boards; another user's keys match nothing", async () => {
    const mk = async (token: string, title: string) => (await app.call("POST", "/api/boards", { token, body: { title } })).body.id as number;
    const [a1, a2, a3] = [await mk(ann, "a1"), await mk(ann, "a2"), await mk(ann, "a3")];
    const b1 = await mk(ben, "b1");
    const r = await app.call("PUT", "/api/boards/reorder", { token: ann, body: [a3, a1, a2, b1] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 3 });
    const order = async (id: number, token = ann) => (await app.call("GET", `/api/boards/${id}`, { token })).body.sort_order;
    expect([await order(a3), await order(a1), await order(a2)]).toEqual([0, 1, 2]);
    expect(await order(b1, ben)).toBe(0);
    const pairs = await app.call("PUT", "/api/boards/reorder", { token: ben, body: [{ id: b1, sort_order: 7 }, { id: a1, sort_order: 9 }] });
    expect(pairs.body).toEqual({ updated: 1 });
    expect(await order(b1, ben)).toBe(7);
    expect(await order(a1)).toBe(1);
    expect((await app.call("PUT", "/api/boards/reorder", { token: ann, body: { ids: [a1, a1] } })).status).toBe(422);
    expect((await app.call("PUT", "/api/boards/reorder", { token: ann, body: "nope" })).status).toBe(422);
  });

  it("copies the caller's board as a new one of theirs, without its unique slug; another user's is a 404", async () => {
    const src = await app.call("POST", "/api/boards", { token: ann, body: { title: "plan", slug: "plan-x", sort_order: 4 } });
    const copy = await app.call("POST", `/api/boards/${src.body.id}/clone`, { token: ann });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ title: "plan", sort_order: 4, slug: null, owner_id: "ann" });
    expect(copy.body.id).not.toBe(src.body.id);
    expect(copy.type).toContain("json");
    expect((await app.call("POST", `/api/boards/${src.body.id}/clone`, { token: ben })).status).toBe(404);
    expect((await app.call("POST", `/api/boards/999999/clone`, { token: ann })).status).toBe(404);
  });

  it("creates several cards all or none, and changes several of the caller's cards all or none", async () => {
    const made = await app.call("POST", "/api/cards/bulk", { token: ann, body: [{ text: "one" }, { text: "two", state: "finished" }] });
    expect(made.status).toBe(201);
    expect(made.body.created.map((c: { text: string }) => c.text)).toEqual(["one", "two"]);
    const wrapped = await app.call("POST", "/api/cards/bulk", { token: ben, body: { items: [{ text: "ben-one" }] } });
    expect(wrapped.status).toBe(201);
    // One bad item refuses them all: nothing of the request is written.
    const before = (await app.admin(`SELECT count(*)::int AS n FROM cards`))[0]!.n;
    const bad = await app.call("POST", "/api/cards/bulk", { token: ann, body: [{ text: "three" }, { text: 5 }] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain("1.text");
    // A board that is another user's is refused as on a one-row create (no half-written request).
    const benBoard = (await app.call("POST", "/api/boards", { token: ben, body: { title: "bb" } })).body.id;
    expect((await app.call("POST", "/api/cards/bulk", { token: ann, body: [{ text: "four" }, { text: "five", board_id: benBoard }] })).status).toBe(422);
    expect((await app.admin(`SELECT count(*)::int AS n FROM cards`))[0]!.n).toBe(before);
    expect((await app.call("POST", "/api/cards/bulk", { token: ann, body: Array.from({ length: 101 }, (_, i) => ({ text: `c${i}` })) })).status).toBe(413);
    const [one, two] = made.body.created as Array<{ id: number }>;
    const ch = await app.call("PATCH", "/api/cards/bulk", { token: ann, body: [{ id: one!.id, text: "uno" }, { id: two!.id, state: "open" }] });
    expect(ch.status).toBe(200);
    expect(ch.body.updated.map((c: { text: string; state: string }) => `${c.text}:${c.state}`)).toEqual(["uno:open", "two:open"]);
    // Ben naming Ann's card: 404, and his own change in the same request is not kept.
    const benCard = wrapped.body.created[0].id;
    const cross = await app.call("PATCH", "/api/cards/bulk", { token: ben, body: [{ id: benCard, text: "changed" }, { id: one!.id, text: "stolen" }] });
    expect(cross.status).toBe(404);
    expect((await app.admin(`SELECT text FROM cards WHERE id = ?`, [benCard]))[0]!.text).toBe("ben-one");
    expect((await app.admin(`SELECT text FROM cards WHERE id = ?`, [one!.id]))[0]!.text).toBe("uno");
    expect((await app.call("PATCH", "/api/cards/bulk", { token: ann, body: [{ text: "no key" }] })).status).toBe(422);
  });

  it("counts, exports, finishes and reopens only the caller's cards; /me is the caller's collection", async () => {
    await app.call("POST", "/api/users/me/cards", { token: ben, body: { text: "ben-two" } });
    const mine = await app.call("GET", "/api/me/cards", { token: ben });
    expect(mine.body.map((c: { text: string }) => c.text).sort()).toEqual(["ben-one", "ben-two"]);
    const annCount = (await app.call("GET", "/api/cards/open-count", { token: ann })).body.count;
    const annCards = (await app.call("GET", "/api/cards", { token: ann })).body as Array<{ id: number; state: string }>;
    expect(annCount).toBe(annCards.filter((c) => c.state === "open").length);
    const byState = (await app.call("GET", "/api/cards/count?state=finished", { token: ann })).body.count;
    expect(byState).toBe(annCards.filter((c) => c.state === "finished").length);
    expect((await app.call("GET", "/api/cards/count", { token: ann })).body.count).toBe(annCards.length);
    expect((await app.call("GET", "/api/cards/count?state=lost", { token: ann })).status).toBe(422);
    expect((await app.call("GET", "/api/cards/count?colour=red", { token: ann })).status).toBe(422);
    const id = annCards[0]!.id;
    const done = await app.call("POST", `/api/cards/${id}/finish`, { token: ann });
    expect(done.body.state).toBe("finished");
    expect((await app.call("GET", "/api/cards/open-count", { token: ann })).body.count).toBe(annCount - 1);
    expect((await app.call("POST", `/api/cards/${id}/reopen`, { token: ben })).status).toBe(404);
    const back = await app.call("POST", `/api/cards/${id}/reopen`, { token: ann });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ state: "open", finished_at: null });
    // The CSV file itself (the helper reads JSON only).
    const csv = await fetch(`${app.base}/api/cards/export`, { headers: { authorization: `Bearer ${ben}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("cards.csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,user_id,board_id,text,state,finished_at");
    expect(lines.slice(1).map((l) => l.split(",")[3]).sort()).toEqual(["ben-one", "ben-two"]);
    const json = await app.call("GET", "/api/cards/export?format=json", { token: ann });
    expect(json.body.every((c: { user_id: string }) => c.user_id === "ann")).toBe(true);
    expect((await app.call("GET", "/api/cards/export?format=xml", { token: ann })).status).toBe(422);
    expect(app.errors).toEqual([]);
  });
});

describe("the generated app", () => {
  it("type-checks, and its own tests pass", () => {
    expect(typeCheckProject(OUT)).toBe("");
    const { ok, output } = runOwnTests(dir, "pglite", 1);
    expect(ok, output.slice(-4000)).toBe(true);
  }, 600_000);
});
