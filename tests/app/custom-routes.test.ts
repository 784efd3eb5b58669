// Custom routes (src/routes/*.ts, and AppOptions.routes): mounted behind the same token,
// {user_id} check, body validation and error handling as the generated routes, listed in
// openapi.json (and so the docs page and the typed client) from their declaration, and handed
// only the request's handle: through req.db, req.models, the models on req.db and
// ctx.state.db, a route reads and changes none of another user's rows, on PGlite and
// PostgreSQL, with row-level security on and off.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { defineRoute } from "../../generated/runtime/custom-routes.js";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tryEverything, expectIsolated, expectBobUntouched, type Attempt } from "../helpers/attempts.js";

const ROOT = join(import.meta.dirname, "..", "..");
// Each case starts an app on a fresh database; PGlite's first start is slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });
const apps: RunningApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});

const ids = { bobTask: 0, bobTag: 0 };
const attempts: Attempt[] = [];
let rlsOn = true;
/** A custom route that tries everything it is handed against bob's rows. */
const probe = defineRoute<{ via: "req" | "state" }, { ok: true }>({
  method: "POST",
  path: "/api/{user_id}/probe",
  summary: "tries to reach other users' rows",
  request: { schema: { type: "object", properties: { via: { enum: ["req", "state"] } }, required: ["via"] } },
  response: { status: 200, schema: { type: "object" } },
  async handler({ ctx, db, models, body }) {
    const handle = body.via === "state" ? { db: ctx.state.db, models: ctx.state.models ?? models } : { db, models };
    attempts.push(await tryEverything(handle, ids.bobTask, ids.bobTag, rlsOn));
    return { ok: true };
  },
});

async function seed(app: RunningApp) {
  const [alice, bob] = [await tokenFor("alice"), await tokenFor("bob")];
  ids.bobTag = (await app.call("POST", "/api/bob/tags", { token: bob, body: { name: "bobs" } })).body.id;
  ids.bobTask = (await app.call("POST", "/api/bob/tasks", { token: bob, body: { title: "bob's secret" } })).body.id;
  expect((await app.call("PUT", `/api/bob/tasks/${ids.bobTask}/tags/${ids.bobTag}`, { token: bob })).status).toBe(204);
  return { alice, bob };
}

for (const kind of DB_KINDS) {
  for (const rls of [true, false]) {
    describe(`custom routes cannot reach another user's rows (${kind}, row-level security ${rls ? "on" : "off"})`, () => {
      it("0 rows read and 0 rows changed through req.db, req.models, the models on req.db and ctx.state.db", async () => {
        rlsOn = rls;
        attempts.length = 0;
        const app = await startGeneratedApp(kind, { rls, routes: [probe] });
        apps.push(app);
        const { alice } = await seed(app);
        expect((await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "mine" } })).status).toBe(201);
        for (const via of ["req", "state"]) {
          const r = await app.call("POST", "/api/alice/probe", { token: alice, body: { via } });
          expect(r.status, String((app.errors[0] as Error)?.stack ?? r.text)).toBe(200);
        }
        expect(attempts).toHaveLength(2);
        for (const a of attempts) expectIsolated(a, rls);
        // The first probe saw alice's one task and inserted one; the second saw both.
        expect(attempts.map((a) => a.own.models)).toEqual([1, 2]);
        await expectBobUntouched(app.database.db.knex, ids.bobTask);
        expect(app.errors).toEqual([]);
      });

      it("the example route (src/routes/tasks-duplicate.ts) copies the caller's task with its tags, and another user's task is a 404", async () => {
        const app = await startGeneratedApp(kind, { rls });
        apps.push(app);
        const { alice, bob } = await seed(app);
        const tag = (await app.call("POST", "/api/alice/tags", { token: alice, body: { name: "home" } })).body.id;
        const task = (await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "Water plants", priority: "high" } })).body.id;
        expect((await app.call("PUT", `/api/alice/tasks/${task}/tags/${tag}`, { token: alice })).status).toBe(204);
        const copy = await app.call("POST", `/api/alice/tasks/${task}/duplicate`, { token: alice, body: {} });
        expect(copy.status, copy.text).toBe(201);
        expect(copy.body).toMatchObject({ title: "Water plants (copy)", priority: "high", completed: false, user_id: "alice", tags: [{ id: tag, name: "home" }] });
        expect(copy.body.id).not.toBe(task);
        // The copy is what the generated GET answers for it.
        const got = await app.call("GET", `/api/alice/tasks/${copy.body.id}`, { token: alice });
        expect(got.body).toMatchObject({ title: "Water plants (copy)", tags: [{ id: tag }] });
        // Bob's task: missing to alice, and nothing of bob's changes.
        const stolen = await app.call("POST", `/api/alice/tasks/${ids.bobTask}/duplicate`, { token: alice, body: {} });
        expect(stolen.status).toBe(404);
        expect(stolen.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        expect((await app.call("POST", `/api/bob/tasks/${ids.bobTask}/duplicate`, { token: alice, body: {} })).status).toBe(403);
        expect((await app.call("POST", `/api/alice/tasks/${task}/duplicate`, { body: {} })).status).toBe(401);
        const bad = await app.call("POST", `/api/alice/tasks/${task}/duplicate`, { token: alice, body: { title: "" } });
        expect(bad.status).toBe(422);
        expect((await app.call("POST", `/api/alice/tasks/${task}/duplicate`, { token: alice, body: { owner: "bob" } })).status).toBe(422);
        await expectBobUntouched(app.database.db.knex, ids.bobTask);
        expect((await app.call("GET", "/api/bob/tasks", { token: bob })).body).toHaveLength(1);
        expect(app.errors).toEqual([]);
      });
    });
  }
}

describe("custom routes in the API description", () => {
  it("openapi.json (served) and the typed client carry the example route from its declaration", async () => {
    const app = await startGeneratedApp("pglite");
    apps.push(app);
    const doc = (await app.call("GET", "/openapi.json")).body;
    const op = doc.paths["/api/{user_id}/tasks/{id}/duplicate"].post;
    expect(op).toMatchObject({
      operationId: "tasksDuplicate",
      summary: "Copy a task with its tags",
      requestBody: { content: { "application/json": { schema: { properties: { title: { maxLength: 200 } } } } } },
      responses: { "201": { content: { "application/json": { schema: { $ref: "#/components/schemas/Task" } } } } },
    });
    expect(readFileSync(join(ROOT, "generated", "client", "schema.ts"), "utf8")).toContain(`"/api/{user_id}/tasks/{id}/duplicate"`);
  });
});
