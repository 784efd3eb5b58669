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
    if ((ctx.get("x-refuse") ?? "") === "yes") throw new HttpProblem(422, "refused by a hook");
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
    const created = await app.call("POST", "/api/alice/tasks", { token: alice, body: { title: "Buy milk" } });
    expect(created.status).toBe(201);
    expect(created.body.seenByHook).toBeUndefined();
    const got = await app.call("GET", `/api/alice/tasks/${created.body.id}`, { token: alice });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ title: "Buy milk", seenByHook: true });
    await app.call("GET", "/api/alice/tasks", { token: alice });
    expect(calls).toEqual(["beforeCreate alice", "beforeCreate alice", "beforeList alice"]);
    expect(app.errors).toEqual([]);
  });
});
