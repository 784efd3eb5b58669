// A hook is handed the request's data handle (event.db), the models bound to it
// (event.models) and the request (event.ctx); through none of them can it read or change
// another user's rows. Each hook below tries every way in, on PGlite and PostgreSQL, with
// row-level security on, and with it off (DATABASE_RLS=off), where the models' own owner filter
// is the only wall: the raw handle is left out there (it relies on row-level security, as
// docs/hooks.md says).
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { hooks } from "../../src/hooks/tasks.js";
import { Task } from "../../generated/models/index.js";
import { unsafeRootCopy } from "../../generated/runtime/scope.js";
import { tryEverything, expectIsolated, expectBobUntouched, type Attempt } from "../helpers/attempts.js";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";
import { DB_KINDS } from "../helpers/databases.js";

// Each case starts an app on a fresh database; PGlite's first start is slow on a busy machine.
vi.setConfig({ testTimeout: 120_000 });
const apps: RunningApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});
afterEach(() => {
  for (const k of Object.keys(hooks)) delete (hooks as Record<string, unknown>)[k];
});

for (const kind of DB_KINDS) {
  for (const rls of [true, false]) {
    describe(`hooks cannot reach another user's rows (${kind}, row-level security ${rls ? "on" : "off"})`, () => {
      it("0 rows read and 0 rows changed through event.db, event.models and the models on event.db", async () => {
        // Hooks are read when the app is made: plugged in first, they act once bob's rows exist.
        const ids = { bobTask: 0, bobTag: 0 };
        const attempts: Attempt[] = [];
        hooks.beforeGet = async (e) => void attempts.push(await tryEverything(e, ids.bobTask, ids.bobTag, rls));
        hooks.afterGet = async (e, row) => {
          attempts.push(await tryEverything(e, ids.bobTask, ids.bobTag, rls));
          return row;
        };
        const app = await startGeneratedApp(kind, { rls });
        apps.push(app);
        const [alice, bob] = [await tokenFor("alice"), await tokenFor("bob")];
        const bobTag = (ids.bobTag = (await app.call("POST", "/api/bob/tags", { token: bob, body: { name: "bobs" } })).body.id as number);
        const bobTask = (ids.bobTask = (await app.call("POST", "/api/bob/tasks", { token: bob, body: { title: "bob's secret" } })).body.id as number);
        expect((await app.call("PUT", `/api/bob/tasks/${bobTask}/tags/${bobTag}`, { token: bob })).status).toBe(204);
        const mine = (await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "mine" } })).body.id as number;
        const got = await app.call("GET", `/api/alice/tasks/${mine}`, { token: alice });
        expect(got.status, String((app.errors[0] as Error)?.stack)).toBe(200);
        expect(attempts).toHaveLength(2);
        for (const a of attempts) expectIsolated(a, rls);
        // The caller's own rows were visible all along (1, then 2 after the first hook's insert).
        expect(attempts.map((a) => a.own.models)).toEqual([1, 2]);
        expect(attempts.map((a) => a.own.bound)).toEqual([1, 2]);
        // Bob's rows, read as an admin: untouched.
        await expectBobUntouched(app.database.db.knex, bobTask);
        expect(app.errors).toEqual([]);
      });
    });
  }
}

describe("the models outside a request", () => {
  it("refuse a handle that is neither a request's nor declared unsafe", async () => {
    const app = await startGeneratedApp("pglite");
    apps.push(app);
    const root = app.database.db.knex;
    await expect(Task.query(root)).rejects.toThrow(/neither a request's .* nor declared unsafe/);
    // The escape hatch hooks get as unsafeRootKnex: every user's rows, by its name.
    const alice = await tokenFor("alice");
    await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "a" } });
    await app.call("POST", "/api/bob/tasks", { token: await tokenFor("bob"), body: { title: "b" } });
    expect((await Task.query(unsafeRootCopy(root)).orderBy("title")).map((t) => t.user_id)).toEqual(["alice", "bob"]);
  });
});
