// The REST surface of the generated todo app on both databases: list paging, cursor,
// filters, sort and search from the spec; tags through the task_tags join table; the
// number of SQL statements per list request; and row-level security as a second wall.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

describe.each(DB_KINDS)("REST surface on %s", (kind) => {
  let app: RunningApp;
  let alice: string;
  let bob: string;
  const A = "rest_alice";
  const B = "rest_bob";
  const sql: string[] = [];
  const trips = new Set<string>();
  let counting = false;

  beforeAll(async () => {
    app = await startGeneratedApp(kind, {
      onQuery: (s, b) => {
        if (!counting) return;
        sql.push(s);
        trips.add(b ? `batch ${b.id}` : `alone ${sql.length}`);
      },
    });
    alice = await tokenFor(A);
    bob = await tokenFor(B);
    const titles = ["Buy milk", "100% done", "under_score", "back\\slash", "Walk dog", "Write report", "Call mom"];
    for (const [i, title] of titles.entries()) {
      const r = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title, priority: i % 2 ? "high" : "low", description: i === 4 ? "around the park" : null } });
      expect(r.status).toBe(201);
    }
    await app.call("POST", `/api/${B}/tasks`, { token: bob, body: { title: "Bob's milk" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  const list = (q: string, token = alice, user = A) => app.call("GET", `/api/${user}/tasks${q}`, { token });

  const counted = (q: string, how = "count=exact") => app.call("GET", `/api/${A}/tasks${q}`, { token: alice, headers: { prefer: how } });

  it("pages with limit/offset and page, with X-Total-Count when asked for and a hard maximum", async () => {
    // No total unless asked: a list costs O(limit), not O(rows the caller has).
    const plain = await list("?limit=3");
    expect(plain.status).toBe(200);
    expect(plain.headers.get("x-total-count")).toBeNull();
    const first = await counted("?limit=3");
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(3);
    expect(first.headers.get("x-total-count")).toBe("7");
    expect(first.headers.get("preference-applied")).toBe("count=exact");
    // The planner's estimate: a number, from statistics (not the exact count).
    const planned = await counted("?limit=3", "count=planned");
    expect(planned.headers.get("preference-applied")).toBe("count=planned");
    expect(Number(planned.headers.get("x-total-count"))).toBeGreaterThanOrEqual(0);
    // A cursor never counts, whatever is asked.
    expect((await counted("?limit=3&cursor=")).headers.get("x-total-count")).toBeNull();
    const second = await list("?limit=3&offset=3");
    const byPage = await list("?limit=3&page=2");
    expect(second.body.map((t: any) => t.id)).toEqual(byPage.body.map((t: any) => t.id));
    expect(new Set([...first.body, ...second.body].map((t: any) => t.id)).size).toBe(6);
    expect((await list("?limit=101")).status).toBe(422);
    expect((await list("?limit=3&offset=3&cursor=abc")).status).toBe(422);
    // Past the last row: no rows, and still the total; a filter that matches nothing: 0.
    const past = await counted("?limit=3&offset=50");
    expect([past.status, past.body, past.headers.get("x-total-count")]).toEqual([200, [], "7"]);
    const none = await counted("?search=nothing-matches-this");
    expect([none.status, none.body, none.headers.get("x-total-count")]).toEqual([200, [], "0"]);
  });

  it("walks every row once by cursor, whatever the sort", async () => {
    for (const sort of ["", "&sort=title", "&sort=-title", "&sort=due_date", "&sort=priority&order=desc"]) {
      const seen: number[] = [];
      let q = `?limit=2${sort}`;
      for (let i = 0; i < 10; i++) {
        const res = await list(q);
        expect(res.status, sort).toBe(200);
        seen.push(...res.body.map((t: any) => t.id));
        const next = res.headers.get("x-next-cursor");
        if (!next) break;
        expect(res.headers.get("link")).toContain("cursor=");
        q = `?limit=2${sort}&cursor=${next}`;
      }
      expect(seen.length, sort).toBe(7);
      expect(new Set(seen).size, sort).toBe(7);
    }
    const sorted = (await list("?sort=title")).body.map((t: any) => t.title);
    expect(sorted).toEqual([...sorted].sort((a: string, b: string) => (a < b ? -1 : 1)));
    // A cursor made for one order is refused for another, and a forged one is refused.
    const c = (await list("?limit=2")).headers.get("x-next-cursor")!;
    expect((await list(`?limit=2&sort=title&cursor=${c}`)).status).toBe(422);
    expect((await list(`?cursor=${Buffer.from('["x;drop table tasks",1,2]').toString("base64url")}`)).status).toBe(422);
  });

  it("filters on whitelisted parameters only, mapping status words to the boolean", async () => {
    const id = (await list("?sort=title&limit=1")).body[0].id;
    await app.call("PATCH", `/api/${A}/tasks/${id}/complete`, { token: alice });
    expect((await list("?status=completed")).body.map((t: any) => t.id)).toEqual([id]);
    expect((await list("?status=pending")).body).toHaveLength(6);
    expect((await list("?status=all")).body).toHaveLength(7);
    expect((await list("?priority=high")).body.every((t: any) => t.priority === "high")).toBe(true);
    for (const q of ["?status=done", "?priority=urgent", "?user_id=rest_bob", "?title=x", "?sort=user_id", "?sort=password", "?order=sideways", "?category_id=abc", "?status=completed&status=pending"]) {
      const res = await list(q);
      expect(res.status, q).toBe(422);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    }
  });

  it("searches title and description with ILIKE, wildcards in the input taken literally", async () => {
    const titles = async (q: string) => (await list(`?search=${encodeURIComponent(q)}`)).body.map((t: any) => t.title).sort();
    expect(await titles("MILK")).toEqual(["Buy milk"]);
    expect(await titles("park")).toEqual(["Walk dog"]);
    expect(await titles("%")).toEqual(["100% done"]);
    expect(await titles("_")).toEqual(["under_score"]);
    expect(await titles("\\")).toEqual(["back\\slash"]);
    expect(await titles("Bob")).toEqual([]);
    expect((await list(`?search=${"x".repeat(201)}`)).status).toBe(422);
  });

  it("tags tasks through task_tags, embeds them, and never attaches another user's tag", async () => {
    const tag = await app.call("POST", `/api/${A}/tags`, { token: alice, body: { name: "home" } });
    expect(tag.status).toBe(201);
    const bobTag = await app.call("POST", `/api/${B}/tags`, { token: bob, body: { name: "work" } });
    const tasks = (await list("?sort=title")).body;
    const t0 = tasks[0].id;
    expect((await app.call("PUT", `/api/${A}/tasks/${t0}/tags/${tag.body.id}`, { token: alice })).status).toBe(204);
    expect((await app.call("PUT", `/api/${A}/tasks/${t0}/tags/${tag.body.id}`, { token: alice })).status).toBe(204); // idempotent
    const got = await app.call("GET", `/api/${A}/tasks/${t0}`, { token: alice });
    expect(got.body.tags.map((t: any) => t.name)).toEqual(["home"]);
    expect((await app.call("GET", `/api/${A}/tasks/${t0}/tags`, { token: alice })).body.map((t: any) => t.id)).toEqual([tag.body.id]);
    const listed = (await list("?sort=title")).body;
    expect(listed[0].tags.map((t: any) => t.id)).toEqual([tag.body.id]);
    expect(listed[1].tags).toEqual([]);

    // Bob: his tag on Alice's task, Alice's tag on his task, listing Alice's task's tags: all 404, like missing rows.
    const bobTask = (await list("", bob, B)).body[0].id;
    const foreign = await app.call("PUT", `/api/${B}/tasks/${t0}/tags/${bobTag.body.id}`, { token: bob });
    const missing = await app.call("PUT", `/api/${B}/tasks/2147483000/tags/${bobTag.body.id}`, { token: bob });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    const stolen = await app.call("PUT", `/api/${B}/tasks/${bobTask}/tags/${tag.body.id}`, { token: bob });
    const noTag = await app.call("PUT", `/api/${B}/tasks/${bobTask}/tags/2147483000`, { token: bob });
    expect(stolen.status).toBe(404);
    expect(stolen.body).toEqual(noTag.body);
    expect((await app.call("GET", `/api/${B}/tasks/${t0}/tags`, { token: bob })).status).toBe(404);
    expect((await app.call("DELETE", `/api/${B}/tasks/${t0}/tags/${tag.body.id}`, { token: bob })).status).toBe(404);
    expect((await app.call("PUT", `/api/${A}/tasks/${t0}/tags/${tag.body.id}`, { token: bob })).status).toBe(403);

    // Deleting the tag cascades to its links.
    expect((await app.call("DELETE", `/api/${A}/tags/${tag.body.id}`, { token: alice })).status).toBe(204);
    expect((await app.call("GET", `/api/${A}/tasks/${t0}`, { token: alice })).body.tags).toEqual([]);
    expect(await app.database.db.knex("task_tags").count("* as n").first()).toEqual({ n: "0" });
    expect(app.errors).toEqual([]);
  });

  it("sends the same number of SQL statements for a list request whatever the page size", async () => {
    const tag = await app.call("POST", `/api/${A}/tags`, { token: alice, body: { name: "counted" } });
    for (const t of (await list("")).body) await app.call("PUT", `/api/${A}/tasks/${t.id}/tags/${tag.body.id}`, { token: alice });
    const counts: number[] = [];
    for (const limit of [1, 3, 7, 50]) {
      sql.length = 0;
      trips.clear();
      counting = true;
      const res = await list(`?limit=${limit}`);
      counting = false;
      expect(res.status).toBe(200);
      expect(res.body.length).toBe(Math.min(limit, 7));
      expect(res.body.every((t: any) => t.tags.length === 1)).toBe(true);
      counts.push(sql.length);
      // All of them go to the database together: one round trip (runtime/batch.ts).
      expect([...trips]).toHaveLength(1);
    }
    // set_config (the caller, for row-level security), then one statement: the rows and each
    // row's tags, and no count (none was asked for).
    expect(counts).toEqual([2, 2, 2, 2]);
    expect(sql[0]).toMatch(/^SELECT set_config\('app\.user_id', \$1, true\)/);
    expect(sql[1]).toMatch(/FROM "task_tags"/);
    expect(sql[1]).not.toMatch(/count\(\*\)/);
    // Asked for, the total rides in the same statement: still one statement, one round trip.
    sql.length = 0;
    trips.clear();
    counting = true;
    expect((await counted("?limit=3")).headers.get("x-total-count")).toBe("7");
    counting = false;
    expect(sql).toHaveLength(2);
    expect([...trips]).toHaveLength(1);
    expect(sql[1]).toMatch(/count\(\*\).*FROM "task_tags"/);

    // The tags embedded as JSON read exactly like the tags read as rows (ids, texts, timestamps).
    const one = (await list("?limit=1")).body[0];
    const related = await app.call("GET", `/api/${A}/tasks/${one.id}/tags`, { token: alice });
    expect(related.status).toBe(200);
    expect(one.tags).toEqual(related.body);
    expect((await app.call("GET", `/api/${A}/tasks/${one.id}`, { token: alice })).body.tags).toEqual(related.body);
    expect(related.body[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("row-level security: a hand-written query without the owner filter sees only the caller's rows", async () => {
    const knex = app.database.db.knex;
    const total = Number((await knex("tasks").count("* as n").first())!.n);
    expect(total).toBe(8); // the test connection is a superuser: RLS does not apply to it
    const seen = await knex.transaction(async (trx) => {
      await trx.raw("select set_config('app.user_id', ?, true), set_config('role', ?, true)", [B, APP_ROLE]);
      return trx("tasks").select("user_id", "title"); // no owner filter
    });
    expect(seen).toEqual([{ user_id: B, title: "Bob's milk" }]);
    // No caller set: nothing at all; and a write for another user is refused by the policy.
    const none = await knex.transaction(async (trx) => {
      await trx.raw("select set_config('role', ?, true)", [APP_ROLE]);
      return trx("tasks").select("id");
    });
    expect(none).toEqual([]);
    await expect(
      knex.transaction(async (trx) => {
        await trx.raw("select set_config('app.user_id', ?, true), set_config('role', ?, true)", [B, APP_ROLE]);
        await trx("tasks").insert({ user_id: A, title: "planted" });
      }),
    ).rejects.toThrow(/row-level security/);
    const updated = await knex.transaction(async (trx) => {
      await trx.raw("select set_config('app.user_id', ?, true), set_config('role', ?, true)", [B, APP_ROLE]);
      return trx("tasks").update({ title: "pwned" });
    });
    expect(updated).toBe(1); // only Bob's own row
  });
  it("a user id with quotes and backslashes reaches set_config intact (escaped, not spliced)", async () => {
    const odd = "o'brien\\'; select 1; --";
    const token = await tokenFor(odd);
    const path = `/api/${encodeURIComponent(odd)}/tasks`;
    const made = await app.call("POST", path, { token, body: { title: "quoted" } });
    expect(made.status).toBe(201);
    expect(made.body.user_id).toBe(odd);
    const listed = await app.call("GET", path, { token });
    expect(listed.status).toBe(200);
    expect(listed.body.map((t: any) => t.title)).toEqual(["quoted"]);
  });
});
