// The generated todo app, run for real over HTTP on both databases: two users with
// real signed tokens, and every attempt of one to reach the other's rows fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { DB_KINDS } from "../helpers/databases.js";
import { algNoneToken, expiredToken, tamperedToken, tokenFor } from "../helpers/tokens.js";

function expectProblem(res: { status: number; headers: Headers; body: any }, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces
}

describe.each(DB_KINDS)("generated todo app on %s", (kind) => {
  let app: RunningApp;
  let alice: string;
  let bob: string;
  const A = "user_alice_01";
  const B = "user_bob_02";

  beforeAll(async () => {
    app = await startGeneratedApp(kind);
    alice = await tokenFor(A, { claims: { email: "alice@example.com" } });
    bob = await tokenFor(B);
  });
  afterAll(async () => {
    await app?.close();
  });

  it("lets a user create, list, get, update, toggle and delete their own tasks", async () => {
    const created = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "Buy milk", priority: "high" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Buy milk", priority: "high", completed: false, user_id: A, description: null });
    const id = created.body.id;
    expect(created.headers.get("location")).toBe(`/api/${A}/tasks/${id}`);
    expect(Date.parse(created.body.created_at)).not.toBeNaN();

    const list = await app.call("GET", `/api/${A}/tasks`, { token: alice });
    expect(list.status).toBe(200);
    expect(list.body.map((t: any) => t.id)).toContain(id);

    const got = await app.call("GET", `/api/${A}/tasks/${id}`, { token: alice });
    expect(got.status).toBe(200);
    expect(got.body.title).toBe("Buy milk");

    await new Promise((r) => setTimeout(r, 20));
    const patched = await app.call("PATCH", `/api/${A}/tasks/${id}`, { token: alice, body: { description: "two litres" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: "Buy milk", description: "two litres", priority: "high" });
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThan(Date.parse(created.body.updated_at));

    const replaced = await app.call("PUT", `/api/${A}/tasks/${id}`, { token: alice, body: { title: "Buy oat milk" } });
    expect(replaced.status).toBe(200);
    // PUT replaces: fields left out return to their defaults.
    expect(replaced.body).toMatchObject({ title: "Buy oat milk", description: null, priority: "medium", completed: false });

    const toggled = await app.call("PATCH", `/api/${A}/tasks/${id}/complete`, { token: alice });
    expect(toggled.status).toBe(200);
    expect(toggled.body.completed).toBe(true);
    const toggledBack = await app.call("PATCH", `/api/${A}/tasks/${id}/complete`, { token: alice });
    expect(toggledBack.body.completed).toBe(false);

    const del = await app.call("DELETE", `/api/${A}/tasks/${id}`, { token: alice });
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expectProblem(await app.call("GET", `/api/${A}/tasks/${id}`, { token: alice }), 404);
  });

  it("never shows or changes one user's rows for another", async () => {
    const a = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "Alice's secret" } });
    expect(a.status).toBe(201);
    const id = a.body.id;
    const missingId = 2147483000;

    const bobList = await app.call("GET", `/api/${B}/tasks`, { token: bob });
    expect(bobList.status).toBe(200);
    expect(bobList.body).toEqual([]);

    for (const [method, path, body] of [
      ["GET", `/api/${B}/tasks/${id}`, undefined],
      ["PUT", `/api/${B}/tasks/${id}`, { title: "pwned" }],
      ["PATCH", `/api/${B}/tasks/${id}`, { title: "pwned" }],
      ["PATCH", `/api/${B}/tasks/${id}/complete`, undefined],
      ["DELETE", `/api/${B}/tasks/${id}`, undefined],
    ] as const) {
      const foreign = await app.call(method, path, { token: bob, body });
      const missing = await app.call(method, path.replace(`/tasks/${id}`, `/tasks/${missingId}`), { token: bob, body });
      expectProblem(foreign, 404);
      // Another user's row is indistinguishable from one that does not exist.
      expect(foreign.body).toEqual(missing.body);
    }

    // Bob using Alice's id in the path is refused outright.
    expectProblem(await app.call("GET", `/api/${A}/tasks`, { token: bob }), 403);
    expectProblem(await app.call("POST", `/api/${A}/tasks`, { token: bob, body: { title: "x" } }), 403);
    expectProblem(await app.call("DELETE", `/api/${A}/tasks/${id}`, { token: bob }), 403);

    const still = await app.call("GET", `/api/${A}/tasks/${id}`, { token: alice });
    expect(still.status).toBe(200);
    expect(still.body).toMatchObject({ title: "Alice's secret", completed: false });
  });

  it("refuses a request without a valid token with 401 and WWW-Authenticate", async () => {
    const path = `/api/${A}/tasks`;
    const cases: Array<[string, Record<string, string>]> = [
      ["no header", {}],
      ["wrong scheme", { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }],
      ["expired", { authorization: `Bearer ${await expiredToken(A)}` }],
      ["tampered", { authorization: `Bearer ${await tamperedToken(B, A)}` }],
      ["alg none", { authorization: `Bearer ${algNoneToken(A)}` }],
      ["other secret", { authorization: `Bearer ${await tokenFor(A, { secret: "another-secret-that-is-also-long-enough-000" })}` }],
      ["garbage", { authorization: "Bearer not.a.jwt" }],
      ["future nbf", { authorization: `Bearer ${await tokenFor(A, { nbf: Math.floor(Date.now() / 1000) + 3600 })}` }],
    ];
    for (const [name, headers] of cases) {
      const res = await app.call("GET", path, { headers });
      expectProblem(res, 401);
      expect(res.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
    }
    expectProblem(await app.call("POST", path, { body: { title: "x" } }), 401);
  });

  it("ignores owner, id and timestamps in a body", async () => {
    const res = await app.call("POST", `/api/${A}/tasks`, {
      token: alice,
      body: { title: "mine", user_id: B, id: 999999, created_at: "2000-01-01T00:00:00Z", updated_at: "2000-01-01T00:00:00Z" },
    });
    expect(res.status).toBe(201);
    expect(res.body.user_id).toBe(A);
    expect(res.body.id).not.toBe(999999);
    expect(res.body.created_at.startsWith("2000")).toBe(false);
    const id = res.body.id;
    const upd = await app.call("PATCH", `/api/${A}/tasks/${id}`, { token: alice, body: { title: "mine too", user_id: B, id: 1, created_at: "2000-01-01T00:00:00Z" } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ id, user_id: A, title: "mine too", created_at: res.body.created_at });
    const put = await app.call("PUT", `/api/${A}/tasks/${id}`, { token: alice, body: { title: "again", user_id: B } });
    expect(put.body).toMatchObject({ id, user_id: A });
    const bobList = await app.call("GET", `/api/${B}/tasks`, { token: bob });
    expect(bobList.body).toEqual([]);
  });

  it("answers bad input with a 4xx problem, never a 5xx", async () => {
    const path = `/api/${A}/tasks`;
    const missing = await app.call("POST", path, { token: alice, body: { description: "no title" } });
    expectProblem(missing, 422);
    expect(missing.body.detail).toMatch(/title/);
    const unknown = await app.call("POST", path, { token: alice, body: { title: "x", colour: "red" } });
    expectProblem(unknown, 422);
    expect(unknown.body.detail).toMatch(/colour/);
    const wrongType = await app.call("POST", path, { token: alice, body: { title: 42, completed: "yes" } });
    expectProblem(wrongType, 422);
    expect(wrongType.body.errors.map((e: any) => e.field).sort()).toEqual(["completed", "title"]);
    expectProblem(await app.call("POST", path, { token: alice, body: { title: "x", priority: "urgent" } }), 422);
    expectProblem(await app.call("POST", path, { token: alice, body: { title: "" } }), 422);
    expectProblem(await app.call("POST", path, { token: alice, body: { title: "x".repeat(201) } }), 422);
    expectProblem(await app.call("POST", path, { token: alice, body: { title: "x", due_date: "tomorrow" } }), 422);
    expectProblem(await app.call("POST", path, { token: alice, body: { title: "nul \u0000 byte" } }), 422);
    expectProblem(await app.call("POST", path, { token: alice, rawBody: "{not json" }), 400);
    expectProblem(await app.call("POST", path, { token: alice, body: [1, 2] }), 422);
    expectProblem(await app.call("POST", path, { token: alice, rawBody: "" }), 400);
    expectProblem(await app.call("POST", path, { token: alice, rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415);
    expectProblem(await app.call("PATCH", `${path}/1`, { token: alice, body: {} }), 422);
    expectProblem(await app.call("GET", `${path}?limit=0`, { token: alice }), 422);
    expectProblem(await app.call("GET", `${path}?limit=abc`, { token: alice }), 422);
    expectProblem(await app.call("GET", `${path}/abc`, { token: alice }), 404);
    expectProblem(await app.call("GET", `${path}/99999999999999`, { token: alice }), 404);
    expectProblem(await app.call("POST", path, { token: alice, rawBody: JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) }) }), 413);
    expectProblem(await app.call("GET", "/no/such/route", { token: alice }), 404);
    expect(app.errors).toEqual([]);
  });

  it("keeps categories per user and refuses another user's category on a task", async () => {
    const cat = await app.call("POST", `/api/${A}/categories`, { token: alice, body: { name: "Home", color: "#00ff00" } });
    expect(cat.status).toBe(201);
    const dup = await app.call("POST", `/api/${A}/categories`, { token: alice, body: { name: "Home" } });
    expectProblem(dup, 409);
    // The same name is fine for another user: uniqueness is per owner.
    const bobCat = await app.call("POST", `/api/${B}/categories`, { token: bob, body: { name: "Home" } });
    expect(bobCat.status).toBe(201);

    const task = await app.call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "sweep", category_id: cat.body.id } });
    expect(task.status).toBe(201);
    expect(task.body.category_id).toBe(cat.body.id);
    const stolen = await app.call("POST", `/api/${B}/tasks`, { token: bob, body: { title: "x", category_id: cat.body.id } });
    expectProblem(stolen, 422);
    const stolenPatch = await app.call("PATCH", `/api/${B}/tasks/${task.body.id}`, { token: bob, body: { category_id: bobCat.body.id } });
    expectProblem(stolenPatch, 404);
    // Alice pointing her own task at Bob's category: 422 like a missing one, and nothing changes.
    const foreignRef = await app.call("PATCH", `/api/${A}/tasks/${task.body.id}`, { token: alice, body: { title: "moved", category_id: bobCat.body.id } });
    expectProblem(foreignRef, 422);
    expect(foreignRef.body.errors).toEqual([{ field: "category_id", message: "does not exist" }]);
    expect(stolen.body.errors).toEqual(foreignRef.body.errors);
    const unchanged = await app.call("GET", `/api/${A}/tasks/${task.body.id}`, { token: alice });
    expect([unchanged.body.title, unchanged.body.category_id]).toEqual(["sweep", cat.body.id]);
    const replacedForeign = await app.call("PUT", `/api/${A}/tasks/${task.body.id}`, { token: alice, body: { title: "moved", category_id: bobCat.body.id } });
    expectProblem(replacedForeign, 422);
    expectProblem(await app.call("GET", `/api/${B}/categories/${cat.body.id}`, { token: bob }), 404);
    expect((await app.call("GET", `/api/${B}/categories`, { token: bob })).body.map((c: any) => c.id)).toEqual([bobCat.body.id]);

    // Deleting the category sets the task's category to null (ON DELETE SET NULL).
    expect((await app.call("DELETE", `/api/${A}/categories/${cat.body.id}`, { token: alice })).status).toBe(204);
    const after = await app.call("GET", `/api/${A}/tasks/${task.body.id}`, { token: alice });
    expect(after.body.category_id).toBeNull();
  });

  it("accepts a new user's concurrent first writes", async () => {
    const C = "user_carol_03";
    const carol = await tokenFor(C);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => app.call("POST", `/api/${C}/tasks`, { token: carol, body: { title: `burst ${i}` } })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect((await app.call("GET", `/api/${C}/tasks`, { token: carol })).body).toHaveLength(10);
  });

  it("records the caller in the users table on first write", async () => {
    const rows = await app.database.db.knex("users").whereIn("id", [A, B]).orderBy("id").select("id", "email");
    expect(rows).toEqual([
      { id: A, email: "alice@example.com" },
      { id: B, email: null },
    ]);
  });
});
