// The attack suite: the running generated app, on both databases, in both key modes
// (a shared HS256 secret; EdDSA keys from a JWKS URL served by a real local issuer).
// Every forged, stale, misdirected or malformed credential is answered 401 with a
// problem+json body and WWW-Authenticate, and none reaches a handler: the tasks and
// users tables stay empty until a valid token writes to them.
import { createSecretKey, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignJWT, exportSPKI, importJWK, type CryptoKey } from "jose";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { DB_KINDS } from "../helpers/databases.js";
import { TEST_SECRET } from "../helpers/tokens.js";
import { startIssuer, type SignOptions, type TestIssuer } from "../helpers/issuer.js";
import type { AuthConfig } from "../../generated/runtime/auth.js";

const KEY_MODES = ["hs256", "eddsa-jwks"] as const;
type KeyMode = (typeof KEY_MODES)[number];
const COOLDOWN_MS = 1500;
const KID_GAP_MS = 1000; // runtime/jwks.ts's default
const A = "user_alice_01";
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

async function hsToken(secret: string | Uint8Array, sub: string | null, opts: SignOptions & { iss: string; alg?: "HS256" | "HS384" | "HS512" }): Promise<string> {
  const key = createSecretKey(typeof secret === "string" ? Buffer.from(secret, "utf8") : secret);
  const jwt = new SignJWT({ ...(opts.claims ?? {}) }).setProtectedHeader({ alg: opts.alg ?? "HS256", typ: "JWT", ...(opts.kid ? { kid: opts.kid } : {}) }).setIssuedAt();
  if (sub !== null) jwt.setSubject(sub);
  if (opts.issuer !== null) jwt.setIssuer(opts.issuer ?? opts.iss);
  if (opts.audience !== null) jwt.setAudience(opts.audience ?? opts.iss);
  if (opts.exp !== null) jwt.setExpirationTime(opts.exp ?? now() + 900);
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  return jwt.sign(key);
}

function expectUnauthorized(res: { status: number; headers: Headers; body: any; text: string }, name: string) {
  expect(res.status, `${name}: ${res.text}`).toBe(401);
  expect(res.headers.get("content-type"), name).toMatch(/^application\/problem\+json/);
  expect(res.headers.get("www-authenticate"), name).toMatch(/^Bearer realm="api"/);
  expect(res.body, name).toMatchObject({ status: 401, title: "Unauthorized", type: expect.any(String), detail: expect.any(String) });
  expect(res.text, name).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe.each(DB_KINDS.flatMap((db) => KEY_MODES.map((mode) => [db, mode] as const)))("attack suite on %s with %s", (kind, mode: KeyMode) => {
  let app: RunningApp;
  let issuer: TestIssuer;
  let mint: (sub: string | null, opts?: SignOptions) => Promise<string>;

  beforeAll(async () => {
    issuer = await startIssuer();
    const auth: AuthConfig =
      mode === "hs256"
        ? { secret: TEST_SECRET, issuer: issuer.url, audience: issuer.url }
        : { jwksUrl: issuer.jwksUrl, issuer: issuer.url, audience: issuer.url, jwksCooldownMs: COOLDOWN_MS };
    app = await startGeneratedApp(kind, { auth });
    mint = mode === "hs256" ? (sub, opts = {}) => hsToken(TEST_SECRET, sub, { ...opts, iss: issuer.url }) : (sub, opts) => issuer.sign(sub, opts);
  });
  afterAll(async () => {
    await app?.close();
    await issuer?.close();
  });

  const rowCounts = async () => {
    const k = app.database.db.knex;
    const [t] = await k("tasks").count({ n: "*" });
    const [u] = await k("users").count({ n: "*" });
    return { tasks: Number(t!.n), users: Number(u!.n) };
  };

  it("answers every attack with 401 problem+json and WWW-Authenticate, and none reaches a handler", async () => {
    const valid = await mint(A);
    const [h, p, s] = valid.split(".") as [string, string, string];
    const publicKey = issuer.keys[0]!.publicJwk;
    const publicPem = await exportSPKI((await importJWK(publicKey, "EdDSA")) as CryptoKey);
    const stray = await issuer.strayKey();
    const otherSecret = "another-secret-that-is-also-long-enough-000";
    const flipped = s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1);

    const cases: Array<[string, Record<string, string>]> = [
      ["missing header", {}],
      ["empty header", { authorization: "" }],
      ["wrong scheme (Basic)", { authorization: `Basic ${Buffer.from(`${A}:x`).toString("base64")}` }],
      ["token without scheme", { authorization: valid }],
      ["Bearer without token", { authorization: "Bearer " }],
      ["alg none", { authorization: `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64({ sub: A, iss: issuer.url, aud: issuer.url, exp: now() + 600 })}.` }],
      ["alg none with a signature", { authorization: `Bearer ${b64({ alg: "none" })}.${p}.${s}` }],
      ["HS256 signed with the issuer's public key (PEM)", { authorization: `Bearer ${await hsToken(Buffer.from(publicPem), A, { iss: issuer.url })}` }],
      ["HS256 signed with the issuer's public key (raw x)", { authorization: `Bearer ${await hsToken(Buffer.from(publicKey.x!, "base64url"), A, { iss: issuer.url })}` }],
      ["HS256 signed with the issuer's public JWK text", { authorization: `Bearer ${await hsToken(JSON.stringify(publicKey), A, { iss: issuer.url })}` }],
      ["HS256 with the public key's kid", { authorization: `Bearer ${await hsToken(Buffer.from(publicPem), A, { iss: issuer.url, kid: publicKey.kid! })}` }],
      ["expired", { authorization: `Bearer ${await mint(A, { exp: now() - 600 })}` }],
      ["no exp at all", { authorization: `Bearer ${await mint(A, { exp: null })}` }],
      ["nbf in the future", { authorization: `Bearer ${await mint(A, { nbf: now() + 3600 })}` }],
      ["wrong iss", { authorization: `Bearer ${await mint(A, { issuer: "https://evil.example" })}` }],
      ["no iss", { authorization: `Bearer ${await mint(A, { issuer: null })}` }],
      ["wrong aud", { authorization: `Bearer ${await mint(A, { audience: "https://other-api.example" })}` }],
      ["no aud", { authorization: `Bearer ${await mint(A, { audience: null })}` }],
      ["unknown kid", { authorization: `Bearer ${mode === "hs256" ? await hsToken(otherSecret, A, { iss: issuer.url, kid: "retired-key" }) : await issuer.sign(A, { key: stray })}` }],
      ["known kid, unpublished key", { authorization: `Bearer ${mode === "hs256" ? await hsToken(otherSecret, A, { iss: issuer.url }) : await issuer.sign(A, { key: stray, kid: issuer.keys[0]!.kid })}` }],
      ["tampered payload", { authorization: `Bearer ${h}.${b64({ ...JSON.parse(Buffer.from(p, "base64url").toString()), sub: "user_bob_02" })}.${s}` }],
      ["tampered signature", { authorization: `Bearer ${h}.${p}.${flipped}` }],
      ["signature removed", { authorization: `Bearer ${h}.${p}.` }],
      ["missing sub", { authorization: `Bearer ${await mint(null)}` }],
      ["sub is an object", { authorization: `Bearer ${await mint(null, { claims: { sub: { id: A } } })}` }],
      ["sub is empty", { authorization: `Bearer ${await mint("")}` }],
      ["oversized token (12 KiB, under the HTTP header limit)", { authorization: `Bearer ${h}.${b64({ sub: A, pad: "x".repeat(9000) })}.${s}` }],
      ["non-JWT garbage", { authorization: "Bearer not-a-jwt" }],
      ["two parts", { authorization: "Bearer abc.def" }],
      ["four parts", { authorization: `Bearer ${valid}.extra` }],
      ["header is not JSON", { authorization: `Bearer ${b64("{{{")}.${p}.${s}` }],
      ["header is an array", { authorization: `Bearer ${b64([1])}.${p}.${s}` }],
      ["alg with CR/LF and quotes", { authorization: `Bearer ${b64({ alg: 'HS256"\r\nX-Injected: 1' })}.${p}.${s}` }],
      ["alg of the other key kind", { authorization: `Bearer ${mode === "hs256" ? await issuer.sign(A) : await hsToken(TEST_SECRET, A, { iss: issuer.url })}` }],
      ["RS256 header on an EdDSA signature", { authorization: `Bearer ${b64({ alg: "RS256", kid: issuer.keys[0]!.kid })}.${p}.${s}` }],
      ["non-base64url characters", { authorization: `Bearer ${h}.${p}.${s.slice(0, 10)}+/=${s.slice(10)}` }],
    ];
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const [name, headers] of cases) {
      expectUnauthorized(await app.call("POST", `/api/${A}/tasks`, { headers, body: { title: `pwned by ${name}` } }), name);
      expectUnauthorized(await app.call("GET", `/api/${A}/tasks`, { headers }), name);
    }
    // A 64 KiB token reaches the token check (the server takes headers up to 128 KiB) and is refused there.
    const huge = await app.call("POST", `/api/${A}/tasks`, { headers: { authorization: `Bearer ${h}.${b64({ sub: A, pad: "x".repeat(64 * 1024) })}.${s}` }, body: { title: "pwned" } });
    expectUnauthorized(huge, "64 KiB token");
    // Beyond the header limit Node refuses the request before the app runs; the answer is still problem+json.
    const giant = await app.call("POST", `/api/${A}/tasks`, { headers: { authorization: `Bearer ${h}.${b64({ sub: A, pad: "x".repeat(200 * 1024) })}.${s}` }, body: { title: "pwned" } });
    expect(giant.status).toBe(431);
    expect(giant.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(giant.body).toMatchObject({ status: 431 });

    expect(await rowCounts()).toEqual({ tasks: 0, users: 0 });
    expect(app.errors).toEqual([]);

    // The control: the same request with a valid token does reach the handler.
    const ok = await app.call("POST", `/api/${A}/tasks`, { token: valid, body: { title: "mine" } });
    expect(ok.status).toBe(201);
    expect(await rowCounts()).toEqual({ tasks: 1, users: 1 });
  });

  it.runIf(mode === "eddsa-jwks")("survives a flood of unknown kids with at most one key-set fetch per cooldown", async () => {
    const valid = await issuer.sign(A);
    expect((await app.call("GET", `/api/${A}/tasks`, { token: valid })).status).toBe(200);
    const before = issuer.fetches;
    expect(before).toBeGreaterThanOrEqual(1);
    const stray = await issuer.strayKey();
    const started = Date.now();
    for (let batch = 0; batch < 10; batch++) {
      const tokens = await Promise.all(Array.from({ length: 30 }, () => issuer.sign(A, { key: stray, kid: randomBytes(9).toString("base64url") })));
      const answers = await Promise.all(tokens.map((t) => app.call("POST", `/api/${A}/tasks`, { token: t, body: { title: "flood" } })));
      for (const r of answers) expectUnauthorized(r, "flooded unknown kid");
    }
    const elapsed = Date.now() - started;
    const extra = issuer.fetches - before;
    // 300 unknown kids: each new kid may ask for one prompt refetch, but at most one starts per
    // second (the key set's kidGapMs), not one per token.
    expect(extra).toBeLessThanOrEqual(1 + Math.floor(elapsed / KID_GAP_MS));
    expect(extra).toBeLessThan(10);
    // The known key still works, without a fetch.
    const beforeValid = issuer.fetches;
    expect((await app.call("GET", `/api/${A}/tasks`, { token: valid })).status).toBe(200);
    expect(issuer.fetches).toBe(beforeValid);
  });

  it.runIf(mode === "eddsa-jwks")("accepts a key rotated within the cooldown at once: a kid not seen before gets its own refetch", async () => {
    await new Promise((r) => setTimeout(r, COOLDOWN_MS + 100));
    const stray = await issuer.sign(A, { key: await issuer.strayKey() });
    const before = issuer.fetches;
    expectUnauthorized(await app.call("GET", `/api/${A}/tasks`, { token: stray }), "unknown kid");
    expect(issuer.fetches - before).toBe(1);
    // The same unknown kid again, still within the cooldown: no new fetch.
    expectUnauthorized(await app.call("GET", `/api/${A}/tasks`, { token: stray }), "unknown kid again");
    expect(issuer.fetches - before).toBe(1);
    // A key rotated a second later, well within the cooldown: its kid is new, one refetch, accepted.
    await new Promise((r) => setTimeout(r, KID_GAP_MS + 50));
    const rotated = await issuer.sign(A, { key: await issuer.rotate() });
    expect((await app.call("GET", `/api/${A}/tasks`, { token: rotated })).status).toBe(200);
    expect(issuer.fetches - before).toBe(2);
  });

  it.runIf(mode === "eddsa-jwks")("accepts a rotated key after one refetch, and does not hammer a failing issuer", async () => {
    await new Promise((r) => setTimeout(r, COOLDOWN_MS + 100));
    const oldToken = await issuer.sign(A, { key: issuer.keys[0]! });
    const fresh = await issuer.rotate();
    const before = issuer.fetches;
    const newToken = await issuer.sign(A, { key: fresh });
    const [r1, r2, r3] = await Promise.all([1, 2, 3].map(() => app.call("GET", `/api/${A}/tasks`, { token: newToken })));
    for (const r of [r1!, r2!, r3!]) expect(r.status).toBe(200);
    expect(issuer.fetches - before).toBe(1); // one fetch shared by concurrent requests
    expect((await app.call("GET", `/api/${A}/tasks`, { token: oldToken })).status).toBe(200);
    expect(issuer.fetches - before).toBe(1);

    // The issuer fails: a new kid cannot be resolved; the answer is 401 (not a 5xx)
    // and the known keys keep working; the failing issuer sees at most one request.
    await new Promise((r) => setTimeout(r, COOLDOWN_MS + 100));
    issuer.status = 500;
    const unpublished = await issuer.sign(A, { key: await issuer.strayKey() });
    const failing = issuer.fetches;
    for (let i = 0; i < 20; i++) expectUnauthorized(await app.call("GET", `/api/${A}/tasks`, { token: unpublished }), "unknown kid while the issuer fails");
    expect(issuer.fetches - failing).toBe(1);
    expect((await app.call("GET", `/api/${A}/tasks`, { token: newToken })).status).toBe(200);
    issuer.status = 200;
    expect(app.errors).toEqual([]);
  });
});
