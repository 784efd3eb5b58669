// The verifier on its own: configuration checks, claims, and an issuer that is down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authConfigFromEnv, CACHED_TOKEN_MAX_LENGTH, createVerifier, VERIFIED_MAX_AGE_MS, VerifiedTokens, type Caller } from "../../templates/runtime/auth.js";
import { HttpProblem } from "../../templates/runtime/errors.js";
import { startIssuer, type TestIssuer } from "../helpers/issuer.js";
import { TEST_SECRET, tamperedToken, tokenFor } from "../helpers/tokens.js";

async function rejection(p: Promise<unknown>): Promise<HttpProblem> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(HttpProblem);
  return err as HttpProblem;
}

describe("createVerifier", () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(() => issuer.close());

  it("refuses configurations that cannot be safe", () => {
    expect(() => createVerifier({})).toThrow(/JWT_SECRET/);
    expect(() => createVerifier({ secret: "short" })).toThrow(/32 bytes/);
    expect(() => createVerifier({ secret: TEST_SECRET, algorithms: ["none"] })).toThrow(/not a supported/);
    // An allow-list naming only asymmetric algorithms with only a secret configured verifies nothing.
    expect(() => createVerifier({ secret: TEST_SECRET, algorithms: ["EdDSA"] })).toThrow(/allows no algorithm/);
    expect(() => authConfigFromEnv({ JWT_CLOCK_TOLERANCE: "soon" })).toThrow(/JWT_CLOCK_TOLERANCE/);
    expect(() => authConfigFromEnv({ JWT_CACHE_SIZE: "lots" })).toThrow(/JWT_CACHE_SIZE/);
    expect(() => authConfigFromEnv({ JWT_CACHE_SIZE: "-1" })).toThrow(/JWT_CACHE_SIZE/);
  });

  it("reads the environment", () => {
    expect(authConfigFromEnv({ BETTER_AUTH_SECRET: "s", JWT_JWKS_URL: "http://x/jwks", JWT_ISSUER: "i", JWT_AUDIENCE: "a", JWT_ALGORITHMS: "EdDSA, ES256", JWT_CLOCK_TOLERANCE: "3", JWT_USER_ID_CLAIM: "uid", JWT_JWKS_COOLDOWN: "10" })).toEqual({
      secret: "s", jwksUrl: "http://x/jwks", issuer: "i", audience: "a", algorithms: ["EdDSA", "ES256"], clockToleranceSeconds: 3, userIdClaim: "uid", jwksCooldownMs: 10_000,
    });
    expect(authConfigFromEnv({ JWT_SECRET: "a", BETTER_AUTH_SECRET: "b" }).secret).toBe("a");
    expect(authConfigFromEnv({ JWT_CACHE_SIZE: "0" }).cacheSize).toBe(0);
    expect(authConfigFromEnv({ JWT_CACHE_SIZE: "500" }).cacheSize).toBe(500);
  });

  it("takes the user id from sub, falls back to id, or uses the configured claim", async () => {
    const verify = createVerifier({ secret: TEST_SECRET });
    expect((await verify(await tokenFor("u1"))).id).toBe("u1");
    const onlyId = await issuer.sign(null, { claims: { id: "u2" } });
    expect((await createVerifier({ jwksUrl: issuer.jwksUrl })(onlyId)).id).toBe("u2");
    const custom = createVerifier({ secret: TEST_SECRET, userIdClaim: "uid" });
    expect((await custom(await tokenFor("ignored", { claims: { uid: "u3" } }))).id).toBe("u3");
    expect((await rejection(custom(await tokenFor("u4")))).status).toBe(401);
    expect((await rejection(verify(await tokenFor("bad\nid")))).status).toBe(401);
  });

  it("honours the algorithm allow-list", async () => {
    const only384 = createVerifier({ secret: TEST_SECRET, algorithms: ["HS384"] });
    const p = await rejection(only384(await tokenFor("u1")));
    expect(p.status).toBe(401);
    expect(p.headers?.["WWW-Authenticate"]).toMatch(/invalid_token/);
  });

  it("answers 503 while the issuer's keys cannot be fetched, and retries only after the cooldown", async () => {
    const token = await issuer.sign("u1");
    issuer.status = 503;
    const verify = createVerifier({ jwksUrl: issuer.jwksUrl, jwksCooldownMs: 300 });
    const before = issuer.fetches;
    for (let i = 0; i < 5; i++) {
      const p = await rejection(verify(token));
      expect(p.status).toBe(503);
      expect(p.headers?.["Retry-After"]).toBe("5");
    }
    expect(issuer.fetches - before).toBe(1);
    issuer.status = 200;
    await new Promise((r) => setTimeout(r, 350));
    expect((await verify(token)).id).toBe("u1");
    expect(issuer.fetches - before).toBe(2);
  });

  it("answers 503 when the key-set URL refuses connections", async () => {
    const verify = createVerifier({ jwksUrl: "http://127.0.0.1:9/api/auth/jwks" });
    expect((await rejection(verify(await issuer.sign("u1")))).status).toBe(503);
  });

  it("remembers a verified token until it expires, and never a refused one", async () => {
    const verify = createVerifier({ secret: TEST_SECRET, clockToleranceSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await tokenFor("u1", { expiresIn: exp });
    const first = await verify(token);
    // The same bytes again: the verification is reused, and requests share the caller, so it is frozen.
    expect(await verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.claims)).toBe(true);
    // Another signature or payload is never a hit.
    const [h, p] = token.split(".");
    expect((await rejection(verify(`${h}.${p}.${"A".repeat(43)}`))).detail).toMatch(/signature/);
    expect((await rejection(verify(await tamperedToken("u1", "u2")))).status).toBe(401);
    expect((await rejection(verify(await tamperedToken("u1", "u2")))).status).toBe(401);
    // Past its expiry the remembered token is refused like any expired one.
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    expect((await rejection(verify(token))).detail).toMatch(/expired/);
    // JWT_CACHE_SIZE=0: every call verifies afresh (a new caller each time).
    const uncached = createVerifier({ secret: TEST_SECRET, cacheSize: 0 });
    const other = await tokenFor("u3");
    expect(await uncached(other)).not.toBe(await uncached(other));
  });
});

describe("VerifiedTokens", () => {
  const caller = (exp: number): Caller => ({ id: "u", claims: { sub: "u", exp } });
  const t0 = 1_700_000_000_000;
  const inAnHour = t0 / 1000 + 3600;

  it("keeps an entry until the token's expiry plus the clock tolerance, or the maximum age", () => {
    const c = new VerifiedTokens(10, 5);
    c.add("soon", caller(t0 / 1000 + 10), t0);
    expect(c.get("soon", t0 + 14_999)).toBeDefined();
    expect(c.get("soon", t0 + 15_000)).toBeUndefined();
    c.add("late", caller(inAnHour), t0);
    expect(c.get("late", t0 + VERIFIED_MAX_AGE_MS - 1)).toBeDefined();
    expect(c.get("late", t0 + VERIFIED_MAX_AGE_MS)).toBeUndefined();
    expect(c.size).toBe(0); // expired entries are dropped when met
    c.add("gone", caller(t0 / 1000 - 10), t0); // already past its expiry with the tolerance
    expect(c.size).toBe(0);
  });

  it("holds at most max tokens, dropping the oldest", () => {
    const c = new VerifiedTokens(2, 0);
    for (const t of ["a", "b", "c"]) c.add(t, caller(inAnHour), t0);
    expect(c.size).toBe(2);
    expect(c.get("a", t0)).toBeUndefined();
    expect(c.get("b", t0)?.id).toBe("u");
    expect(c.get("c", t0)?.id).toBe("u");
    const off = new VerifiedTokens(0, 0);
    expect(Object.isFrozen(off.add("a", caller(inAnHour), t0).claims)).toBe(true); // frozen all the same
    expect(off.size).toBe(0);
    c.add("x".repeat(CACHED_TOKEN_MAX_LENGTH + 1), caller(inAnHour), t0); // too long to keep
    expect(c.size).toBe(2);
  });
});
