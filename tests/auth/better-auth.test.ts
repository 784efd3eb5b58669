// Interop with the real issuer most front ends use: a Better Auth instance (npm
// `better-auth`, JWT plugin) on its own database signs up two users, hands out their
// tokens at /api/auth/token, and the generated app, pointed at Better Auth's JWKS URL
// (or sharing its secret for HS256), lets each user CRUD only their own tasks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { DB_KINDS } from "../helpers/databases.js";
import { startBetterAuth, type BetterAuthUser, type RunningBetterAuth } from "../helpers/better-auth.js";

const SIGNING = ["EdDSA", "HS256"] as const;

// [app database, token signing, Better Auth's own database]
const RUNS = DB_KINDS.flatMap((db) => SIGNING.map((s) => [db, s, db === "pglite" && s === "EdDSA" ? "pglite" : "postgres"] as const));

describe.each(RUNS)("Better Auth interop: app on %s, %s tokens, Better Auth on %s", (kind, signing, baKind) => {
  let ba: RunningBetterAuth;
  let app: RunningApp;
  let alice: BetterAuthUser;
  let bob: BetterAuthUser;
  let aliceToken: string;
  let bobToken: string;

  beforeAll(async () => {
    // Better Auth keeps its own database: on PGlite for one combination (it works there too),
    // on PostgreSQL otherwise, since every embedded instance costs seconds and ~0.7 GB.
    ba = await startBetterAuth(baKind, { signing });
    // The three lines of env from docs/auth.md: JWT_JWKS_URL (or the shared secret), JWT_ISSUER, JWT_AUDIENCE.
    app = await startGeneratedApp(kind, {
      auth: signing === "EdDSA" ? { jwksUrl: ba.jwksUrl, issuer: ba.url, audience: ba.url } : { secret: ba.secret, issuer: ba.url, audience: ba.url },
    });
    alice = await ba.signUp("alice@example.com", "correct horse battery staple", "Alice");
    bob = await ba.signUp("bob@example.com", "tr0ub4dor&3 but longer", "Bob");
    aliceToken = await ba.token(alice);
    bobToken = await ba.token(bob);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await ba?.close();
  });

  it("gets tokens shaped as Better Auth makes them", () => {
    expect(decodeProtectedHeader(aliceToken).alg).toBe(signing);
    if (signing === "EdDSA") expect(decodeProtectedHeader(aliceToken).kid).toEqual(expect.any(String));
    const claims = decodeJwt(aliceToken);
    expect(claims).toMatchObject({ sub: alice.id, id: alice.id, email: "alice@example.com", iss: ba.url, aud: ba.url });
    expect(claims.exp! - claims.iat!).toBe(15 * 60);
    expect(alice.id).not.toBe(bob.id);
    expect(alice.id).not.toMatch(/^\d+$/); // string ids, stored in the users table's text id
  });

  it("lets each user create, read, update, toggle and delete only their own tasks", async () => {
    for (const [me, token] of [[alice, aliceToken], [bob, bobToken]] as const) {
      const created = await app.call("POST", `/api/${me.id}/tasks`, { token, body: { title: `${me.email}'s task`, priority: "high" } });
      expect(created.status, created.text).toBe(201);
      expect(created.body.user_id).toBe(me.id);
      const id = created.body.id;
      expect((await app.call("GET", `/api/${me.id}/tasks/${id}`, { token })).body.title).toBe(`${me.email}'s task`);
      const patched = await app.call("PATCH", `/api/${me.id}/tasks/${id}`, { token, body: { description: "edited" } });
      expect(patched.body).toMatchObject({ id, description: "edited" });
      expect((await app.call("PATCH", `/api/${me.id}/tasks/${id}/complete`, { token })).body.completed).toBe(true);
      const keep = await app.call("POST", `/api/${me.id}/tasks`, { token, body: { title: `${me.email} keeps this` } });
      expect(keep.status).toBe(201);
      expect((await app.call("DELETE", `/api/${me.id}/tasks/${id}`, { token })).status).toBe(204);
      const list = await app.call("GET", `/api/${me.id}/tasks`, { token });
      expect(list.body.map((t: any) => t.title)).toEqual([`${me.email} keeps this`]);
    }
  });

  it("never shows one user's tasks to the other", async () => {
    const aliceList = await app.call("GET", `/api/${alice.id}/tasks`, { token: aliceToken });
    const aliceTask = aliceList.body[0];
    expect(aliceTask.user_id).toBe(alice.id);
    // Bob's own list has only his; Alice's path is refused; her row answers like a missing one.
    const bobList = await app.call("GET", `/api/${bob.id}/tasks`, { token: bobToken });
    expect(bobList.body.map((t: any) => t.user_id)).toEqual([bob.id]);
    expect((await app.call("GET", `/api/${alice.id}/tasks`, { token: bobToken })).status).toBe(403);
    const foreign = await app.call("GET", `/api/${bob.id}/tasks/${aliceTask.id}`, { token: bobToken });
    const missing = await app.call("GET", `/api/${bob.id}/tasks/2147483000`, { token: bobToken });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    expect((await app.call("DELETE", `/api/${bob.id}/tasks/${aliceTask.id}`, { token: bobToken })).status).toBe(404);
    expect((await app.call("PATCH", `/api/${bob.id}/tasks/${aliceTask.id}`, { token: bobToken, body: { title: "pwned" } })).status).toBe(404);
    expect((await app.call("GET", `/api/${alice.id}/tasks/${aliceTask.id}`, { token: aliceToken })).body.title).toBe(aliceTask.title);
  });

  it("records Better Auth's users (string ids, email and name from the token) in the users table", async () => {
    const rows = await app.database.db.knex("users").orderBy("email").select("id", "email", "name");
    expect(rows).toEqual([
      { id: alice.id, email: "alice@example.com", name: "Alice" },
      { id: bob.id, email: "bob@example.com", name: "Bob" },
    ]);
    if (signing === "EdDSA") expect(ba.jwksFetches).toBe(1); // the key set was fetched once and cached
    expect(app.errors).toEqual([]);
  });

  it("refuses a token Better Auth did not sign", async () => {
    const [h, p] = aliceToken.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(aliceToken), sub: bob.id, id: bob.id })).toString("base64url")}.${aliceToken.split(".")[2]}`;
    const res = await app.call("GET", `/api/${bob.id}/tasks`, { token: forged });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(p).toBeTruthy();
  });
});
