// Hand-written hooks (src/hooks/<resource>.ts) run inside the generated routes, after
// the token check: a before hook can refuse, an after hook can reshape the response.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hooks } from "../../src/hooks/tasks.js";
import { HttpProblem } from "../../generated/runtime/errors.js";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";

const calls: string[] = [];
let app: RunningApp;

beforeAll(async () => {
  // The generated app reads the same hooks object, so filling it in before createApp plugs these in.
  hooks.beforeCreate = async ({ ctx, userId }) => {
    calls.push(`beforeCreate ${userId}`);
    const refuse = ctx.get("x-refuse") ?? "";
    if (refuse === "yes") throw new HttpProblem(422, "refused by a hook");
    // Koa's own way (http-errors): the message is shown only when the error is exposed.
    if (refuse === "koa") ctx.throw(403, "not on weekends", { headers: { "X-Why": "weekend" } });
    if (refuse === "hidden") throw Object.assign(new Error("internal detail: row 42 locked"), { status: 409, expose: false });
  };
  hooks.afterGet = (_e, row) => ({ ...row, seenByHook: true }) as unknown as typeof row;
  hooks.beforeList = ({ userId }) => void calls.push(`beforeList ${userId}`);
  app = await startGeneratedApp("postgres");
});
afterAll(async () => {
  await app?.close();
});

describe("hooks in generated routes", () => {
  it("run after authentication, can refuse, and can reshape a response", async () => {
    const alice = await tokenFor("alice");
    expect((await app.call("GET", "/api/alice/tasks")).status).toBe(401);
    expect(calls).toEqual([]); // no token: no hook ran
    const refused = await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "x" }, headers: { "x-refuse": "yes" } });
    expect(refused.status).toBe(422);
    expect(refused.body.detail ?? refused.body.title).toMatch(/refused by a hook/);
    const koa = await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "x" }, headers: { "x-refuse": "koa" } });
    expect(koa.status).toBe(403);
    expect(koa.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(koa.headers.get("x-why")).toBe("weekend");
    expect(koa.body).toMatchObject({ status: 403, title: "Forbidden", detail: "not on weekends" });
    const hidden = await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "x" }, headers: { "x-refuse": "hidden" } });
    expect(hidden.status).toBe(409);
    expect(hidden.body).toMatchObject({ status: 409, title: "Conflict", detail: "conflict" });
    expect(JSON.stringify(hidden.body)).not.toContain("row 42");
    const created = await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "Buy milk" } });
    expect(created.status).toBe(201);
    expect(created.body.seenByHook).toBeUndefined();
    const got = await app.call("GET", `/api/alice/tasks/${created.body.id}`, { token: alice });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ title: "Buy milk", seenByHook: true });
    await app.call("GET", "/api/alice/tasks", { token: alice });
    expect(calls).toEqual(["beforeCreate alice", "beforeCreate alice", "beforeCreate alice", "beforeCreate alice", "beforeList alice"]);
    expect(app.errors).toEqual([]);
  });
});

describe("hooks change the input, and run on relation routes", () => {
  it("a before hook's changed input is validated again and used; relation routes run their hooks", async () => {
    const events: string[] = [];
    hooks.beforeCreate = ({ input }) => ({ ...input, title: input.title.trim().toUpperCase() });
    hooks.beforeUpdate = ({ input }) => (input.title === "bad" ? { ...input, priority: "urgent" as never } : { ...input, description: "set by a hook" });
    hooks.beforeAttach = ({ ctx }) => {
      events.push(`attach ${ctx.params["tag_id"]}`);
      if (ctx.get("x-refuse") === "yes") throw new HttpProblem(403, "not this tag");
    };
    hooks.afterRelated = (_e, rows) => {
      events.push(`related ${rows.length}`);
      return rows.map((r) => ({ ...(r as object), seen: true }));
    };
    hooks.afterList = (_e, rows) => rows.slice(0, 1);
    const app2 = await startGeneratedApp("pglite");
    try {
      const alice = await tokenFor("alice");
      const created = await app2.call("POST", "/api/alice/tasks", { token: alice, body: { title: "  quiet  " } });
      expect(created.status).toBe(201);
      expect(created.body.title).toBe("QUIET");
      const patched = await app2.call("PATCH", `/api/alice/tasks/${created.body.id}`, { token: alice, body: { title: "fine" } });
      expect(patched.body).toMatchObject({ title: "fine", description: "set by a hook" });
      // A changed input that breaks the body's rules is a 422, as the request's own would be; nothing changes.
      const bad = await app2.call("PATCH", `/api/alice/tasks/${created.body.id}`, { token: alice, body: { title: "bad" } });
      expect(bad.status).toBe(422);
      expect(JSON.stringify(bad.body)).toMatch(/priority/);
      expect((await app2.call("GET", `/api/alice/tasks/${created.body.id}`, { token: alice })).body.title).toBe("fine");
      const tag = (await app2.call("POST", "/api/alice/tags", { token: alice, body: { name: "t" } })).body.id;
      expect((await app2.call("PUT", `/api/alice/tasks/${created.body.id}/tags/${tag}`, { token: alice, headers: { "x-refuse": "yes" } })).status).toBe(403);
      expect((await app2.call("PUT", `/api/alice/tasks/${created.body.id}/tags/${tag}`, { token: alice })).status).toBe(204);
      const related = await app2.call("GET", `/api/alice/tasks/${created.body.id}/tags`, { token: alice });
      expect(related.body).toEqual([expect.objectContaining({ id: tag, seen: true })]);
      expect(events).toEqual([`attach ${tag}`, `attach ${tag}`, "related 1"]);
      // afterList gets what the list answers with (rows here: no envelope in this spec) and may replace it.
      await app2.call("POST", "/api/alice/tasks", { token: alice, body: { title: "second" } });
      expect((await app2.call("GET", "/api/alice/tasks", { token: alice })).body).toHaveLength(1);
      expect(app2.errors).toEqual([]);
    } finally {
      await app2.close();
    }
  });
});
