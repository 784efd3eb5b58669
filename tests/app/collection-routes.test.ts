// Routes on a whole collection: a fixed subset (GET /chores/finished, /pending, /overdue, an enum
// value), numbers (GET /chores/count, /chores/summary, and /dashboard/stats, which names no table
// but can only mean the chores), a search that names no table (GET /search?q=), and bulk changes (DELETE /chores/finished,
// DELETE /chores, DELETE /chores/batch with keys, POST /chores/bulk-finish). A small spec of my own
// (chores, not tasks). Every route serves the caller's rows only: another user's rows are never
// listed, counted, deleted or changed, and their keys in a bulk body match nothing. Checked with
// row-level security on and off (off: the routes' own conditions are the only wall).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printSchemaTypesOrRefusal } from "../../generator/emit/print-client-types.js";
import { schemaTypesViaApi } from "../../generator/emit/client-types.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, runOwnTests, typeCheckProject, writeSpecProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "collection-routes");

const SCHEMA = `# Data model

## users
| column | type | notes |
|---|---|---|
| id | text | primary key |
| email | varchar(200) | nullable |

## chores
| column | type | notes |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users.id |
| label | varchar(120) | not null |
| finished | boolean | default false |
| area | enum(home, garden, errand) | default home |
| due_on | date | nullable |
| created_at | timestamp | default now |
`;

const API = `# Chores API

| Method | Path | What |
|---|---|---|
| GET | /api/chores | the caller's chores |
| POST | /api/chores | add a chore |
| GET | /api/chores/{id} | one chore |
| GET | /api/chores/finished | finished chores |
| GET | /api/chores/pending | chores still to do |
| GET | /api/chores/overdue | chores past their day |
| GET | /api/chores/garden | garden chores |
| GET | /api/chores/count | how many chores |
| GET | /api/chores/summary | counts per state |
| DELETE | /api/chores/finished | drop the finished ones |
| POST | /api/chores/bulk-finish | finish several at once |
| DELETE | /api/chores/batch | drop several at once |
| DELETE | /api/chores | drop every chore |
| GET | /api/chores/area/{area} | chores of one area |
| GET | /api/chores/stats/area/{area} | how many chores of one area |
| GET | /api/chores/my-chores | the caller's chores again |
| GET | /api/dashboard/stats | numbers for the home page |
| GET | /api/search?q=word | look through the caller's chores |
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  ({ ir, dir } = await writeSpecProject(OUT, SCHEMA, API));
}, 60_000);

describe("what the collection routes are read as", () => {
  it("maps every route; none is a 501", () => {
    const kinds = Object.fromEntries(ir.endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.action.kind]));
    expect(kinds).toMatchObject({
      "GET /api/chores/finished": "list", "GET /api/chores/pending": "list", "GET /api/chores/overdue": "list", "GET /api/chores/garden": "list",
      "GET /api/chores/count": "count", "GET /api/chores/summary": "count",
      "DELETE /api/chores/finished": "delete-many", "DELETE /api/chores/batch": "delete-many", "DELETE /api/chores": "delete-many",
      "POST /api/chores/bulk-finish": "update-many",
      "GET /api/chores/area/{area}": "list", "GET /api/chores/stats/area/{area}": "count", "GET /api/chores/my-chores": "list",
      "GET /api/dashboard/stats": "count", "GET /api/search": "list",
    });
    expect(ir.endpoints.filter((e) => e.action.kind === "stub")).toEqual([]);
  });
});

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(DB_KINDS.flatMap((kind) => [[kind, true], [kind, false]] as const))("on %s, row-level security %s", (kind, rls) => {
  let app: RunningProject;
  let ann: string;
  let ben: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await bootProject(kind, dir, {}, { rls });
    ann = await tokenFor("ann");
    ben = await tokenFor("ben");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const add = async (token: string, name: string, body: Record<string, unknown>) => {
    const r = await app.call("POST", "/api/chores", { token, body: { label: name, ...body } });
    expect(r.status).toBe(201);
    ids[name] = r.body.id;
  };
  const labels = (rows: Array<{ label: string }>) => rows.map((r) => r.label).sort();

  it("lists the fixed subsets of the caller's rows, and the list's parameters still apply", async () => {
    await add(ann, "sweep", { finished: true });
    await add(ann, "weed", { area: "garden", due_on: day(-3) });
    await add(ann, "mow", { area: "garden", due_on: day(5) });
    await add(ann, "post", { area: "errand", due_on: day(-1), finished: true });
    await add(ben, "ben-rake", { area: "garden", due_on: day(-2) });
    await add(ben, "ben-dust", { finished: true });
    const get = async (path: string, token = ann) => {
      const r = await app.call("GET", path, { token });
      expect(r.status).toBe(200);
      return labels(r.body);
    };
    expect(await get("/api/chores/finished")).toEqual(["post", "sweep"]);
    expect(await get("/api/chores/pending")).toEqual(["mow", "weed"]);
    expect(await get("/api/chores/overdue")).toEqual(["weed"]);
    expect(await get("/api/chores/garden")).toEqual(["mow", "weed"]);
    expect(await get("/api/chores/garden", ben)).toEqual(["ben-rake"]);
    expect(await get("/api/chores/finished?area=errand")).toEqual(["post"]);
    expect((await app.call("GET", "/api/chores/finished?nope=1", { token: ann })).status).toBe(422);
    expect(await get("/api/chores/area/garden")).toEqual(["mow", "weed"]);
    expect(await get("/api/chores/area/errand", ben)).toEqual([]);
    expect(await get("/api/chores/my-chores")).toEqual(["mow", "post", "sweep", "weed"]);
    const wrong = await app.call("GET", "/api/chores/area/attic", { token: ann });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe("area");
    expect((await app.call("GET", "/api/chores/finished")).status).toBe(401);
  });

  it("counts the caller's rows only, in total and by state", async () => {
    expect((await app.call("GET", "/api/chores/count", { token: ann })).body).toEqual({ count: 4 });
    expect((await app.call("GET", "/api/chores/count", { token: ben })).body).toEqual({ count: 2 });
    const s = await app.call("GET", "/api/chores/summary", { token: ann });
    expect(s.status).toBe(200);
    expect(s.body).toEqual({ total: 4, finished: { true: 2, false: 2 }, area: { home: 1, garden: 2, errand: 1 } });
    expect((await app.call("GET", "/api/chores/summary")).status).toBe(401);
    // The same numbers at a path that names no table: the caller's chores, not everyone's.
    expect((await app.call("GET", "/api/dashboard/stats", { token: ann })).body).toEqual(s.body);
    expect((await app.call("GET", "/api/dashboard/stats", { token: ben })).body.total).toBe(2);
    expect((await app.call("GET", "/api/dashboard/stats")).status).toBe(401);
    // A search that names no table looks through the caller's chores only ("rake" is ben's).
    const found = await app.call("GET", "/api/search?q=weed", { token: ann });
    expect(found.status).toBe(200);
    expect(labels(found.body)).toEqual(["weed"]);
    expect((await app.call("GET", "/api/search?q=rake", { token: ann })).body).toEqual([]);
    expect(labels((await app.call("GET", "/api/search?q=rake", { token: ben })).body)).toEqual(["ben-rake"]);
    expect((await app.call("GET", "/api/chores/stats/area/garden", { token: ann })).body).toEqual({ count: 2 });
    expect((await app.call("GET", "/api/chores/stats/area/garden", { token: ben })).body).toEqual({ count: 1 });
  });

  it("sets a column on the listed rows of the caller's; another user's keys match nothing", async () => {
    const r = await app.call("POST", "/api/chores/bulk-finish", { token: ann, body: { ids: [ids.weed, ids["ben-rake"], 999999, "x"] } });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ updated: 1 });
    expect((await app.call("GET", `/api/chores/${ids.weed}`, { token: ann })).body.finished).toBe(true);
    expect((await app.call("GET", `/api/chores/${ids["ben-rake"]}`, { token: ben })).body.finished).toBe(false);
    expect((await app.call("POST", "/api/chores/bulk-finish", { token: ann, body: { ids: [] } })).status).toBe(422);
    expect((await app.call("POST", "/api/chores/bulk-finish", { token: ann, body: { ids: [ids.mow], finished: false } })).status).toBe(422);
    expect((await app.call("POST", "/api/chores/bulk-finish", { token: ann, body: {} })).status).toBe(422);
  });

  it("deletes the caller's rows of a subset, the listed ones, then all; never another user's", async () => {
    const done = await app.call("DELETE", "/api/chores/finished", { token: ann });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ deleted: 3 }); // sweep, post, weed (finished above)
    expect(labels((await app.call("GET", "/api/chores/finished", { token: ben })).body)).toEqual(["ben-dust"]);
    const listed = await app.call("DELETE", "/api/chores/batch", { token: ann, body: { ids: [ids["ben-dust"], ids["ben-rake"]] } });
    expect(listed.body).toEqual({ deleted: 0 });
    expect((await app.call("GET", "/api/chores/count", { token: ben })).body).toEqual({ count: 2 });
    await add(ann, "iron", {});
    expect((await app.call("DELETE", "/api/chores/batch", { token: ann, body: { ids: [ids.iron] } })).body).toEqual({ deleted: 1 });
    const all = await app.call("DELETE", "/api/chores", { token: ann });
    expect(all.body).toEqual({ deleted: 1 }); // mow
    expect((await app.call("GET", "/api/chores/count", { token: ann })).body).toEqual({ count: 0 });
    expect((await app.call("GET", "/api/chores/count", { token: ben })).body).toEqual({ count: 2 });
    expect((await app.call("DELETE", "/api/chores")).status).toBe(401);
    expect(app.errors).toEqual([]);
  });
});

describe("the OpenAPI document", () => {
  it("describes the counts, the bulk bodies and answers", async () => {
    const doc = JSON.parse(readFileSync(join(dir, "openapi.json"), "utf8"));
    const summary = doc.paths["/api/chores/summary"].get.responses["200"].content["application/json"].schema;
    expect(summary.required).toEqual(["total", "finished", "area"]);
    const batch = doc.paths["/api/chores/batch"].delete;
    expect(batch.requestBody.content["application/json"].schema.required).toEqual(["ids"]);
    expect(batch.responses["200"].content["application/json"].schema.properties.deleted.type).toBe("integer");
    expect(doc.paths["/api/chores/finished"].get.operationId).toBe("listChoresFinished");
    expect(doc.paths["/api/chores/count"].get.responses["200"].content["application/json"].schema.required).toEqual(["count"]);
    const area = doc.paths["/api/chores/area/{area}"].get.parameters.find((p: { name: string }) => p.name === "area");
    expect(area.schema.enum).toEqual(["home", "garden", "errand"]);
  });

  it("gives the client the same types openapi-typescript prints for it", { timeout: 60_000 }, async () => {
    const text = readFileSync(join(dir, "openapi.json"), "utf8");
    const fast = printSchemaTypesOrRefusal(text);
    expect(fast.refusal).toBeNull();
    expect(fast.types).toBe(await schemaTypesViaApi(text));
    expect(readFileSync(join(dir, "client", "schema.ts"), "utf8")).toContain("deleted: number;");
  });
});

describe("the generated app's own tests", () => {
  it("type-check and pass, the bulk and count routes' included (another user's row left alone)", () => {
    const tests = readFileSync(join(dir, "tests", "chores.test.ts"), "utf8");
    expect(tests).toContain("DELETE /api/chores/batch");
    expect(tests).toContain("leaves another user's rows alone");
    expect(typeCheckProject(OUT)).toBe("");
    const { ok, output } = runOwnTests(dir, "pglite", 1);
    expect(ok, output.slice(-4000)).toBe(true);
  }, 600_000);
});
