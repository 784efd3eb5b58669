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
