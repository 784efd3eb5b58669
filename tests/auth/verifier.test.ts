// The verifier on its own: configuration checks, claims, and an issuer that is down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authConfigFromEnv, createVerifier } from "../../templates/runtime/auth.js";
import { HttpProblem } from "../../templates/runtime/errors.js";
import { startIssuer, type TestIssuer } from "../helpers/issuer.js";
import { TEST_SECRET, tokenFor } from "../helpers/tokens.js";

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
  });

  it("reads the environment", () => {
    expect(authConfigFromEnv({ BETTER_AUTH_SECRET: "s", JWT_JWKS_URL: "http://x/jwks", JWT_ISSUER: "i", JWT_AUDIENCE: "a", JWT_ALGORITHMS: "EdDSA, ES256", JWT_CLOCK_TOLERANCE: "3", JWT_USER_ID_CLAIM: "uid", JWT_JWKS_COOLDOWN: "10" })).toEqual({
      secret: "s", jwksUrl: "http://x/jwks", issuer: "i", audience: "a", algorithms: ["EdDSA", "ES256"], clockToleranceSeconds: 3, userIdClaim: "uid", jwksCooldownMs: 10_000,
    });
    expect(authConfigFromEnv({ JWT_SECRET: "a", BETTER_AUTH_SECRET: "b" }).secret).toBe("a");
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
});
