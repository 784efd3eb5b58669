// A hook is handed the request's data handle (event.db), the models bound to it
// (event.models) and the request (event.ctx); through none of them can it read or change
// another user's rows. Each hook below tries every way in, on PGlite and PostgreSQL, with
// row-level security on, and with it off (DATABASE_RLS=off), where the models' own owner filter
// is the only wall: the raw handle is left out there (it relies on row-level security, as
// docs/hooks.md says).
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { hooks } from "../../src/hooks/tasks.js";
import { Task, Tag } from "../../generated/models/index.js";
import type { HookEvent } from "../../generated/runtime/hooks.js";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";
import { DB_KINDS } from "../helpers/databases.js";

const apps: RunningApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.close();
});
afterEach(() => {
  for (const k of Object.keys(hooks)) delete (hooks as Record<string, unknown>)[k];
});

/** What a hook got through each way in: rows read of bob's, rows of bob's changed, and what was refused. */
interface Attempt {
  read: Record<string, number>;
  changed: Record<string, number>;
  refused: string[];
  own: { models: number; bound: number; inserted: string | null };
}

async function tryEverything(e: HookEvent<unknown>, bobTask: number, bobTag: number, rawHandle: boolean): Promise<Attempt> {
  const a: Attempt = { read: {}, changed: {}, refused: [], own: { models: 0, bound: 0, inserted: null } };
  const { db, models } = e;
  const M = models as unknown as { Task: typeof Task; Tag: typeof Tag };
  // Reads: every row of the table, bob's row by id, through a relation, through the bound models.
  const all = await Task.query(db);
  a.own.models = all.length;
  a.read.modelsAll = all.filter((t) => t.user_id === "bob").length;
  a.read.modelsById = (await Task.query(db).findById(bobTask)) ? 1 : 0;
  a.read.modelsWhereOwner = (await Task.query(db).where("user_id", "bob")).length;
  a.read.boundAll = (await M.Task.query()).filter((t) => t.user_id === "bob").length;
  a.own.bound = (await M.Task.query()).length;
  a.read.boundTags = (await M.Tag.query().where("id", bobTag)).length;
  a.read.relatedTags = (await Task.relatedQuery("tags", db).for([bobTask])).length;
  a.read.graph = (await Task.query(db).withGraphFetched("tags")).flatMap((t) => t.tags ?? []).filter((t) => t.user_id === "bob").length;
  a.read.count = Number(((await Task.query(db).where("id", bobTask).count("* as n")) as unknown as Array<{ n: string }>)[0]!.n);
  // Changes: patch, update, delete bob's rows; relate bob's tag; move a row of mine to bob.
  a.changed.patch = await Task.query(db).patch({ title: "pwned" }).where("id", bobTask);
  a.changed.patchById = await M.Task.query().patchAndFetchById(bobTask, { title: "pwned" }).then((r) => (r ? 1 : 0));
  a.changed.deleteById = await Task.query(db).deleteById(bobTask);
  a.changed.deleteTags = await M.Tag.query().delete().where("id", bobTag);
  // What could escape an added condition is refused before it reaches the database.
  const refuse = async (what: string, q: () => PromiseLike<unknown>) => {
    try {
      await q();
    } catch (err) {
      if (/could reach other users' rows|must be the caller's id/.test((err as Error).message)) a.refused.push(what);
      else throw err;
    }
  };
  await refuse("orWhere", () => Task.query(db).where("id", -1).orWhere("id", bobTask));
  await refuse("whereRaw", () => Task.query(db).whereRaw("true or true"));
  await refuse("join", () => Task.query(db).join("tags", "tags.id", "tags.id").select("tags.*" as never));
  await refuse("crossJoin", () => Tag.query(db).crossJoin("tasks" as never).select("tasks.*" as never));
  // Relation joins go through the related model's query: filtered.
  a.read.graphJoined = (await Task.query(db).withGraphJoined("tags")).flatMap((t) => t.tags ?? []).filter((t) => t.user_id === "bob").length;
  a.read.joinRelated = (await Task.query(db).joinRelated("tags").where("tags.id", bobTag)).length;
  a.read.joinModel = (await Task.query(db).join(Tag.query(db).as("t"), "t.id", "t.id").where("t.id", bobTag)).length;
  await refuse("orWhere patch", () => Task.query(db).patch({ title: "pwned" }).where("id", -1).orWhere("id", bobTask));
  await refuse("upsert merge", () => Task.query(db).insert({ id: bobTask, title: "pwned" } as never).onConflict("id").merge());
  await refuse("insert for bob", () => Task.query(db).insert({ title: "planted", user_id: "bob" } as never));
  await refuse("move to bob", () => Task.query(db).patch({ user_id: "bob" } as never).where("title", "mine"));
  // A grouped or-condition is fine, and stays inside the caller's rows.
  a.read.grouped = (await Task.query(db).where((q) => q.where("id", bobTask).orWhere("id", -1))).length;
  // The raw handle: row-level security is its wall.
  if (rawHandle) {
    a.read.raw = (await db("tasks").where("user_id", "bob")).length;
    a.changed.rawUpdate = await db("tasks").update({ title: "pwned" }).where("id", bobTask);
    a.changed.rawDelete = await db("tags").delete().where("id", bobTag);
    await refuse("raw insert for bob", async () => {
      try {
        await db.transaction(async (sp) => sp("tasks").insert({ title: "planted", user_id: "bob" }));
      } catch (err) {
        if (/row-level security/.test((err as Error).message)) throw new Error("must be the caller's id (row-level security)");
        throw err;
      }
    });
  }
  // An insert through the models is the caller's.
  const mine = await Task.query(db).insert({ title: "inserted by a hook" } as never);
  a.own.inserted = mine.user_id;
  return a;
}

for (const kind of DB_KINDS) {
  for (const rls of [true, false]) {
    describe(`hooks cannot reach another user's rows (${kind}, row-level security ${rls ? "on" : "off"})`, () => {
      it("0 rows read and 0 rows changed through event.db, event.models and the models on event.db", async () => {
        // Hooks are read when the app is made: plugged in first, they act once bob's rows exist.
        const ids = { bobTask: 0, bobTag: 0 };
        const attempts: Attempt[] = [];
        hooks.beforeGet = async (e) => void attempts.push(await tryEverything(e as HookEvent<unknown>, ids.bobTask, ids.bobTag, rls));
        hooks.afterGet = async (e, row) => {
          attempts.push(await tryEverything(e as HookEvent<unknown>, ids.bobTask, ids.bobTag, rls));
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
        for (const a of attempts) {
          expect(Object.values(a.read).every((n) => n === 0), JSON.stringify(a.read)).toBe(true);
          expect(Object.values(a.changed).every((n) => n === 0), JSON.stringify(a.changed)).toBe(true);
          expect(a.refused).toEqual([
            "orWhere", "whereRaw", "join", "crossJoin", "orWhere patch", "upsert merge", "insert for bob", "move to bob",
            ...(rls ? ["raw insert for bob"] : []),
          ]);
          expect(a.own.inserted).toBe("alice");
        }
        // The caller's own rows were visible all along (1, then 2 after the first hook's insert).
        expect(attempts.map((a) => a.own.models)).toEqual([1, 2]);
        expect(attempts.map((a) => a.own.bound)).toEqual([1, 2]);
        // Bob's rows, read as an admin: untouched.
        const root = app.database.db.knex;
        expect(await root("tasks").where("user_id", "bob").select("id", "title")).toEqual([{ id: bobTask, title: "bob's secret" }]);
        expect((await root("tags").where("user_id", "bob")).length).toBe(1);
        expect((await root("task_tags").where("user_id", "bob")).length).toBe(1);
        expect(app.errors).toEqual([]);
      });
    });
  }
}

describe("the models outside a request", () => {
  it("refuse a handle that is neither a request's nor declared unsafe", async () => {
    const app = await startGeneratedApp("pglite");
    apps.push(app);
    await expect(Task.query(app.database.db.knex)).rejects.toThrow(/neither a request's .* nor declared unsafe/);
  });
});
