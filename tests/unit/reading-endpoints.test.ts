// Endpoints as API specs write them, each a class of notation (not one spec's words): small
// specs of our own, and what the generated routes then do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import { emitRoutes } from "../../generator/emit/emit-routes.js";
import type { Endpoint, IR } from "../../generator/ir/types.js";
import { load } from "./helpers.js";
import { envelopeBody } from "../../templates/runtime/list.js";

const SHOP = `# Shop

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## statuses

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| label | varchar(40) | not null |

## parcels

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| label | varchar(80) | not null |
| state | enum(new, sent, lost) | not null, default new |
| current_status_id | integer | nullable, references statuses(id) |
| weight | integer | nullable, min 0 |
`;

function ep(ir: IR | null, method: string, p: string): Endpoint {
  const e = ir?.endpoints.find((x) => x.method === method && x.path === p);
  if (!e) throw new Error(`no ${method} ${p} in ${ir?.endpoints.map((x) => `${x.method} ${x.path}`).join(", ")}`);
  return e;
}

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-endpoints-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("API contracts one feature folder down", () => {
  it("reads specs/<feature>/contracts/<name>.md as the API spec next to the feature's data-model.md", async () => {
    const dir = path.join(tmp, "feature");
    mkdirSync(path.join(dir, "specs", "003-parcels", "contracts"), { recursive: true });
    writeFileSync(path.join(dir, "specs", "003-parcels", "data-model.md"), SHOP);
    writeFileSync(path.join(dir, "specs", "003-parcels", "contracts", "parcels-api.md"), "# Parcels API\n\n### GET /api/parcels\n\nList mine.\n\n### POST /api/parcels\n\nAdd one.\n");
    const r = await loadSpecs(dir, dir);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`)).toEqual(["get /api/parcels list", "post /api/parcels create"]);
  });
});

describe("an item route whose last segment names a column", () => {
  const API = `# API

| Method | Path | Description |
|---|---|---|
| PATCH | /api/parcels/:id/state | Change the state |
| PUT | /api/parcels/{id}/current-status | Point at another status |
| POST | /api/parcels/{parcelId}/weight | Weigh it |
| PATCH | /api/parcels/{id} | Edit |
`;

  it("changes that column only (a foreign key named without its _id too)", async () => {
    const r = await load(SHOP, API);
    expect(ep(r.ir, "patch", "/api/parcels/{id}/state").action).toEqual({ kind: "update", fields: ["state"] });
    expect(ep(r.ir, "put", "/api/parcels/{id}/current-status").action).toEqual({ kind: "update", fields: ["current_status_id"] });
    expect(ep(r.ir, "post", "/api/parcels/{parcelId}/weight").action).toEqual({ kind: "update", fields: ["weight"] });
    expect(ep(r.ir, "patch", "/api/parcels/{id}").action).toEqual({ kind: "update" });
    expect(r.diagnostics.filter((d) => d.code === "SF204" || d.code === "SF202")).toEqual([]);
  });

  it("never names the owner, the key or a server timestamp", async () => {
    const r = await load(SHOP, "# API\n\n- `PATCH /api/parcels/{id}/user-id`\n- `PATCH /api/parcels/{id}/id`\n");
    for (const p of ["/api/parcels/{id}/user-id", "/api/parcels/{id}/id"]) expect(ep(r.ir, "patch", p).action.kind).toBe("stub");
  });

  it("answers 422 to a field the path does not name", async () => {
    const r = await load(SHOP, API);
    const routes = [...emitRoutes(r.ir!).entries()].find(([p]) => p.includes("parcels"))![1];
    expect(routes).toContain(`const others = Object.keys(input).filter((k) => !["state"].includes(k));`);
    expect(routes).toMatch(/throw new HttpProblem\(422, "this route changes state only"/);
  });
});

describe("nested collections and relations written under a parent", () => {
  const BOARD = `# Board

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## cards

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| title | text | not null |

## stickers

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| name | text | not null |

## card_stickers

| Column | Type | Constraints |
|---|---|---|
| card_id | integer | not null, references cards(id) on delete cascade |
| sticker_id | integer | not null, references stickers(id) on delete cascade |

## card_history_entries

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| card_id | integer | not null, references cards(id) |
| note | text | not null |
| created_at | timestamptz | not null, default now() |
`;
  const API = `# API

### GET /api/cards/{id}/stickers
### POST /api/cards/{id}/stickers

Request:

\`\`\`json
{ "sticker_id": 4 }
\`\`\`

### DELETE /api/cards/{id}/stickers/{stickerId}
### GET /api/cards/{cardId}/history-entries
`;

  it("relates two tables through a join table that holds only their keys (the caller's through its card)", async () => {
    const r = await load(BOARD, API);
    expect(r.ir!.relations).toContainEqual({ name: "stickers", source: "cards", join: "card_stickers", joinSource: "card_id", joinTarget: "sticker_id", target: "stickers" });
    expect(ep(r.ir, "get", "/api/cards/{id}/stickers").action).toEqual({ kind: "relation-list", relation: "stickers", targetParam: null });
    expect(ep(r.ir, "delete", "/api/cards/{id}/stickers/{stickerId}").action).toEqual({ kind: "relation-remove", relation: "stickers", targetParam: "stickerId" });
  });

  it("attaches the row a POST to the collection names in its body, and 422s without it", async () => {
    const r = await load(BOARD, API);
    expect(ep(r.ir, "post", "/api/cards/{id}/stickers").action).toEqual({ kind: "relation-add", relation: "stickers", targetParam: null, targetField: "sticker_id" });
    const routes = [...emitRoutes(r.ir!).entries()].find(([p]) => p.endsWith("/cards.ts"))![1];
    expect(routes).toContain(`const given = (await readObject(ctx, []))["sticker_id"];`);
    expect(routes).toMatch(/if \(typeof given !== "string" && typeof given !== "number"\) throw new HttpProblem\(422/);
    expect(routes).toContain(`const targetId = intId(String(given), "sticker");`);
  });

  it("reads a child table named with its parent's name first (/cards/{id}/history-entries: card_history_entries)", async () => {
    const r = await load(BOARD, API);
    const e = ep(r.ir, "get", "/api/cards/{cardId}/history-entries");
    expect(e.table).toBe("card_history_entries");
    expect(e.action).toEqual({ kind: "list" });
    expect(e.parent).toEqual({ param: "cardId", column: "card_id", table: "cards" });
  });
});

describe("a list's query parameters and envelope, as prose writes them", () => {
  const TRIPS = `# Trips

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## trips

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| title | text | not null |
| kind | enum(work, leisure) | not null |
| starts_at | timestamptz | not null |
`;
  const list = async (api: string) => {
    const r = await load(TRIPS, api);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    return ep(r.ir, "get", "/api/trips").list!;
  };

  it.each([
    ["a label line nested under an endpoint item", "# API\n\n- `GET /api/trips`\n  - Query: `kind`, `from`, `to`, `page`, `per_page`\n- `POST /api/trips`\n"],
    ["a label paragraph under an endpoint heading", "# API\n\n### GET /api/trips\n\nQuery params: kind (work|leisure), from, to, page, per_page\n"],
    ["the query string written after the path", "# API\n\n- `GET /api/trips?kind=&from=&to=&page=&per_page=`\n"],
    ["the query string in a table's path cell", "# API\n\n| Method | Path | Description |\n|---|---|---|\n| GET | `/api/trips?kind=&from=&to=&page=&per_page=` | List |\n"],
  ])("names them on one line: %s", async (_, api) => {
    const l = await list(api);
    expect(l.inferred).toBe(false);
    expect(l.pagination).toBe("page");
    expect(l.limitParam).toBe("per_page");
    expect(l.filters.map((f) => `${f.param}:${f.column}${f.op ? `:${f.op}` : ""}`)).toEqual(["kind:kind", "from:starts_at:gte", "to:starts_at:lte"]);
  });

  it("keeps prose after a label that is not a list of names", async () => {
    const l = await list("# API\n\n### GET /api/trips\n\nFilters: anything the client wants, applied in order.\n");
    expect(l.inferred).toBe(true);
  });

  it("says none when the label says none", async () => {
    const r = await load(TRIPS, "# API\n\n### GET /api/trips\n\n**Query Params:** none (paging may come later)\n");
    expect(ep(r.ir, "get", "/api/trips").list!.inferred).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "SF213")).toEqual([]);
  });

  it.each([
    ["one level down, with page counters", "```json\n{ \"ok\": true, \"data\": { \"results\": [ { \"id\": 1 } ], \"total\": 9, \"page\": 1, \"page_size\": 20, \"total_pages\": 1 } }\n```", { items: "data.results", total: "data.total", limit: "data.page_size", page: "data.page", pages: "data.total_pages" }],
    ["counters in an object of their own", "```json\n{ \"trips\": [ { \"id\": 1 } ], \"meta\": { \"total\": 9, \"limit\": 20, \"offset\": 0 } }\n```", { items: "trips", total: "meta.total", limit: "meta.limit", offset: "meta.offset" }],
    ["sketched with type names", "- Body: `{ \"trips\": [TripResponse], \"total\": integer }`", { items: "trips", total: "total" }],
    ["sketched in a code block", "```json\n{\n  items: [Trip, ...],   // the page\n  total: number,\n  page: number,\n}\n```", { items: "items", total: "total", page: "page" }],
  ])("reads the envelope %s", async (_, example, envelope) => {
    const l = await list(`# API\n\n### GET /api/trips\n\nResponse:\n\n${example}\n`);
    expect(l.envelope).toEqual(envelope);
  });

  it("answers with the page count the envelope names (counted with the total)", () => {
    const body = envelopeBody({ rows: [{ id: 1 }], total: 41, nextCursor: null, limit: 20, offset: 20 }, { items: "data.items", total: "data.total", page: "data.page", pages: "data.pages" });
    expect(body).toEqual({ data: { items: [{ id: 1 }], total: 41, page: 2, pages: 3 } });
  });
});

describe("who may call an endpoint", () => {
  const CAL = "# Cal\n\n## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | text | primary key |\n\n## holidays\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | serial | primary key |\n| name | text | not null |\n";
  it.each([
    ["Lists the public holidays of the year.", "required"],
    ["Returns a public profile summary.", "required"],
    ["Public endpoint: no token needed.", "public"],
    ["Access: public.", "public"],
    ["This route is public and cached.", "public"],
    ["(public)", "public"],
  ])("%s -> %s", async (text, auth) => {
    const r = await load(CAL, `# API\n\n### GET /api/holidays\n\n${text}\n`);
    expect(ep(r.ir, "get", "/api/holidays").auth).toBe(auth);
  });
});

describe("routes written the way HTML forms call them", () => {
  const API = `# API

| Method | Path | Description |
|---|---|---|
| GET | /parcels/new | Form for a new parcel |
| GET | /parcels/:id/edit | Form to edit one |
| POST | /parcels/:id | Save the form |
| POST | /parcels/:id/delete | Remove it |
| PATCH | /parcels/:id | Edit |
`;
  it("reads POST /x/{id} as an update and POST /x/{id}/delete as a delete", async () => {
    const r = await load(SHOP, API);
    expect(ep(r.ir, "post", "/parcels/{id}").action).toEqual({ kind: "update" });
    expect(ep(r.ir, "post", "/parcels/{id}/delete").action).toEqual({ kind: "delete" });
    expect(ep(r.ir, "post", "/parcels/{id}/delete").successStatus).toBe(204);
  });

  it("leaves the form pages 501, saying why", async () => {
    const r = await load(SHOP, API);
    for (const p of ["/parcels/new", "/parcels/{id}/edit"]) {
      const a = ep(r.ir, "get", p).action;
      expect(a.kind).toBe("stub");
      expect(a.kind === "stub" && a.reason).toMatch(/is the page of a form/);
    }
    const routes = [...emitRoutes(r.ir!).entries()].find(([p]) => p.includes("parcels"))![1];
    expect(routes).toContain(`router.post("/parcels/:id/delete"`);
  });
});

describe("sign-in words that name a row's action", () => {
  it("keeps /parcels/{id}/register as an endpoint of parcels (501 until written), and still skips /auth/register and /users/{id}/password", async () => {
    const r = await load(SHOP, "# API\n\n- `POST /api/parcels/{id}/register`\n- `POST /api/auth/register`\n- `PUT /api/users/{id}/password`\n- `POST /api/parcels/{id}/verify`\n");
    expect(r.ir!.endpoints.filter((e) => /register|verify|password/.test(e.path)).map((e) => `${e.method} ${e.path} ${e.action.kind}`)).toEqual(["post /api/parcels/{id}/register stub", "post /api/parcels/{id}/verify stub"]);
    expect(r.diagnostics.filter((d) => d.code === "SF203").map((d) => d.message.split(" is ")[0])).toEqual(["POST /api/auth/register", "PUT /api/users/{id}/password"]);
  });
});
