// Everything custom code is handed, tried against another user's rows (tests/app/hooks-isolation.test.ts,
// tests/app/custom-routes.test.ts): the caller is alice, the rows are bob's.
import type { Knex } from "knex";
import { expect } from "vitest";
import { Task, Tag, TaskTag } from "../../generated/models/index.js";

/** What a hook got through each way in: rows read of bob's, rows of bob's changed, and what was refused. */
export interface Attempt {
  read: Record<string, number>;
  changed: Record<string, number>;
  refused: string[];
  own: { models: number; bound: number; inserted: string | null };
}

export async function tryEverything(e: { db: Knex.Transaction; models: unknown }, bobTask: number, bobTag: number, rawHandle: boolean): Promise<Attempt> {
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
      if (/could reach other users' rows|must be the caller's id|^no such tag$/.test((err as Error).message)) a.refused.push(what);
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
  // A link to bob's row (a foreign key row-level security does not check): refused as the routes refuse it.
  await refuse("link bob's tag", async () => {
    const mine = await Task.query(db).findOne({ title: "mine" });
    await TaskTag.query(db).insert({ task_id: mine!.id, tag_id: bobTag });
  });
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


/** None of bob's rows read or changed; every escape refused; alice's insert is hers. */
export function expectIsolated(a: Attempt, rls: boolean): void {
  expect(Object.values(a.read).every((n) => n === 0), JSON.stringify(a.read)).toBe(true);
  expect(Object.values(a.changed).every((n) => n === 0), JSON.stringify(a.changed)).toBe(true);
  expect(a.refused).toEqual([
    "orWhere", "whereRaw", "join", "crossJoin", "orWhere patch", "upsert merge", "insert for bob", "move to bob", "link bob's tag",
    ...(rls ? ["raw insert for bob"] : []),
  ]);
  expect(a.own.inserted).toBe("alice");
}

/** Bob's rows, read on the root pool: as he left them. */
export async function expectBobUntouched(root: Knex, bobTask: number): Promise<void> {
  expect(await root("tasks").where("user_id", "bob").select("id", "title")).toEqual([{ id: bobTask, title: "bob's secret" }]);
  expect((await root("tags").where("user_id", "bob")).length).toBe(1);
  expect((await root("task_tags").where("user_id", "bob")).length).toBe(1);
}
