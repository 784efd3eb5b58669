// Bearer-token authentication. Keys are imported once (the secret at start, remote keys
// once per fetched key set); the accepted algorithms come from configuration and the
// key kind, never from the token alone, so `alg: none` and HS/RS key confusion cannot
// get through: an HS* token is only ever checked against the shared secret, an
// asymmetric one only against the issuer's public keys.
import { webcrypto } from "node:crypto";
import { jwtVerify, errors as joseErrors, type JWTPayload } from "jose";
import type { Context, Next } from "koa";
import { HttpProblem } from "./errors.js";
import { createRemoteKeySet, KeySetUnavailable, type RemoteKeySet } from "./jwks.js";

export interface AuthConfig {
  /** Shared secret for HS256/384/512 (JWT_SECRET or BETTER_AUTH_SECRET). */
  secret?: string;
  /** Remote key set (e.g. Better Auth's /api/auth/jwks). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** Claim that holds the user id; `sub` by default, with `id` as fallback. */
  userIdClaim?: string;
  /** Claim (or claims, comma-separated, tried in order) that holds the caller's organization on tenant-scoped tables (JWT_TENANT_CLAIM; runtime/tenant.ts). */
  tenantClaim?: string;
  /** Minimum time between two fetches of the remote key set (default 30 s). */
  jwksCooldownMs?: number;
  /** Age after which the remote key set is refetched (default 10 min). */
  jwksMaxAgeMs?: number;
  /** Verified tokens remembered (default 10,000; 0 turns the cache off). See VerifiedTokens. */
  cacheSize?: number;
}

export interface Caller {
  readonly id: string;
  readonly claims: JWTPayload;
}

export type Verifier = (token: string) => Promise<Caller>;

const HMAC_ALGS = ["HS256", "HS384", "HS512"];
const ASYMMETRIC_ALGS = ["EdDSA", "ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
// A JWT larger than this is refused before any parsing. Better Auth's JWT plugin puts the whole
// user row in the token by default, so a profile image stored inline (a data: URL) makes tokens of
// 10-20 KB; 32 KiB admits those, and the server's header limit (http.ts, 128 KiB) lets them reach
// this check. Proxies often stop at 8-16 KiB per header: Better Auth's `definePayload` keeps a
// token small. docs/auth.md says the same.
export const MAX_TOKEN_LENGTH = 32 * 1024;

export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const cfg: AuthConfig = {};
  const secret = env.JWT_SECRET || env.BETTER_AUTH_SECRET;
  if (secret) cfg.secret = secret;
  if (env.JWT_JWKS_URL) cfg.jwksUrl = env.JWT_JWKS_URL;
  if (env.JWT_ISSUER) cfg.issuer = env.JWT_ISSUER;
  if (env.JWT_AUDIENCE) cfg.audience = env.JWT_AUDIENCE;
  if (env.JWT_ALGORITHMS) cfg.algorithms = env.JWT_ALGORITHMS.split(",").map((s) => s.trim()).filter(Boolean);
  if (env.JWT_CLOCK_TOLERANCE) cfg.clockToleranceSeconds = seconds(env.JWT_CLOCK_TOLERANCE, "JWT_CLOCK_TOLERANCE");
  if (env.JWT_USER_ID_CLAIM) cfg.userIdClaim = env.JWT_USER_ID_CLAIM;
  if (env.JWT_TENANT_CLAIM) cfg.tenantClaim = env.JWT_TENANT_CLAIM;
  if (env.JWT_JWKS_COOLDOWN) cfg.jwksCooldownMs = seconds(env.JWT_JWKS_COOLDOWN, "JWT_JWKS_COOLDOWN") * 1000;
  if (env.JWT_JWKS_MAX_AGE) cfg.jwksMaxAgeMs = seconds(env.JWT_JWKS_MAX_AGE, "JWT_JWKS_MAX_AGE") * 1000;
  if (env.JWT_CACHE_SIZE !== undefined && env.JWT_CACHE_SIZE !== "") {
    const n = Number(env.JWT_CACHE_SIZE);
    if (!Number.isInteger(n) || n < 0) throw new Error(`JWT_CACHE_SIZE must be a whole number of tokens (0 turns the cache off), not "${env.JWT_CACHE_SIZE}"`);
    cfg.cacheSize = n;
  }
  return cfg;
}

function seconds(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of seconds, not "${value}"`);
  return n;
}

export function createVerifier(cfg: AuthConfig): Verifier {
  if (!cfg.secret && !cfg.jwksUrl) {
    throw new Error("no token key configured: set JWT_SECRET (or BETTER_AUTH_SECRET) or JWT_JWKS_URL");
  }
  if (cfg.secret !== undefined && Buffer.byteLength(cfg.secret) < 32) {
    throw new Error("JWT_SECRET must be at least 32 bytes long");
  }
  for (const a of cfg.algorithms ?? []) {
    if (!HMAC_ALGS.includes(a) && !ASYMMETRIC_ALGS.includes(a)) throw new Error(`JWT_ALGORITHMS: "${a}" is not a supported signing algorithm`);
  }
  // jose 6 turns a secret KeyObject back into bytes and re-imports it on every call; a
  // CryptoKey per HMAC algorithm, imported on first use, is reused as is.
  const secretBytes = cfg.secret ? Buffer.from(cfg.secret, "utf8") : undefined;
  const hmacKeys = new Map<string, Promise<webcrypto.CryptoKey>>();
  const hmacKey = (alg: string): Promise<webcrypto.CryptoKey> => {
    let k = hmacKeys.get(alg);
    if (!k) {
      k = webcrypto.subtle.importKey("raw", secretBytes!, { name: "HMAC", hash: `SHA-${alg.slice(2)}` }, false, ["verify"]);
      hmacKeys.set(alg, k);
    }
    return k;
  };
  const jwks: RemoteKeySet | undefined = cfg.jwksUrl
    ? createRemoteKeySet(new URL(cfg.jwksUrl), {
        ...(cfg.jwksCooldownMs !== undefined ? { cooldownMs: cfg.jwksCooldownMs } : {}),
        ...(cfg.jwksMaxAgeMs !== undefined ? { maxAgeMs: cfg.jwksMaxAgeMs } : {}),
      })
    : undefined;
  const allowed = cfg.algorithms ?? [...HMAC_ALGS, ...ASYMMETRIC_ALGS];
  // An algorithm is usable only with its own kind of key.
  const hmacAllowed = secretBytes ? allowed.filter((a) => HMAC_ALGS.includes(a)) : [];
  const asymAllowed = jwks ? allowed.filter((a) => ASYMMETRIC_ALGS.includes(a)) : [];
  if (hmacAllowed.length + asymAllowed.length === 0) throw new Error("JWT_ALGORITHMS allows no algorithm that the configured keys can verify");
  const claim = cfg.userIdClaim ?? "sub";
  const clockTolerance = cfg.clockToleranceSeconds ?? 5;
  const common = {
    ...(cfg.issuer ? { issuer: cfg.issuer } : {}),
    ...(cfg.audience ? { audience: cfg.audience } : {}),
    clockTolerance,
    // A token without an expiry would be valid forever.
    requiredClaims: ["exp"],
  };

  const verified = new VerifiedTokens(cfg.cacheSize ?? DEFAULT_CACHE_SIZE, clockTolerance);

  return async function verify(token: string): Promise<Caller> {
    if (token.length > MAX_TOKEN_LENGTH) throw invalidToken("the token is too large");
    const known = verified.get(token, Date.now());
    if (known) return known;
    const alg = headerAlg(token);
    let payload: JWTPayload;
    try {
      if (hmacAllowed.includes(alg)) {
        ({ payload } = await jwtVerify(token, await hmacKey(alg), { ...common, algorithms: hmacAllowed }));
      } else if (asymAllowed.includes(alg)) {
        ({ payload } = await jwtVerify(token, jwks!, { ...common, algorithms: asymAllowed }));
      } else {
        throw invalidToken(`tokens signed with ${printable(alg)} are not accepted`);
      }
    } catch (err) {
      throw toAuthProblem(err);
    }
    const raw = payload[claim] ?? (claim === "sub" ? payload["id"] : undefined);
    if (typeof raw !== "string" && typeof raw !== "number") throw invalidToken(`the token has no "${claim}" claim`);
    const id = String(raw);
    if (id.length === 0 || id.length > 255 || /[\u0000-\u001f\u007f]/.test(id)) throw invalidToken(`the token's "${claim}" claim is not a valid user id`);
    return verified.add(token, { id, claims: payload }, Date.now());
  };
}

const DEFAULT_CACHE_SIZE = 10_000;
/** Longer tokens are verified every time: with them, 10,000 entries stay under about 40 MB. */
export const CACHED_TOKEN_MAX_LENGTH = 2048;
/** How long a verification is trusted at most, whatever the token's expiry (a key dropped from the issuer's key set stops counting within this). */
export const VERIFIED_MAX_AGE_MS = 60_000;

/**
 * Tokens that passed verification, so that a client sending the same token again is not
 * checked again (HMAC or signature, claims) on every request: a bearer token is usually sent
 * many times. The key is the whole token, signature included, so only the very same bytes
 * hit; a token is remembered until it expires (with the clock tolerance jose applies) or for
 * VERIFIED_MAX_AGE_MS, whichever comes first. Only successes are kept, and only tokens up to
 * CACHED_TOKEN_MAX_LENGTH. At most `max` tokens; the oldest goes first (0: nothing is kept).
 * The caller is frozen, kept or not, since requests may share it: the same either way.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, { caller: Caller; until: number }>();
  constructor(
    readonly max: number,
    private readonly clockToleranceSeconds: number,
  ) {}
  get size(): number {
    return this.#entries.size;
  }
  get(token: string, nowMs: number): Caller | undefined {
    const e = this.#entries.get(token);
    if (e === undefined) return undefined;
    if (nowMs < e.until) return e.caller;
    this.#entries.delete(token);
    return undefined;
  }
  add(token: string, caller: Caller, nowMs: number): Caller {
    const frozen = deepFreeze(caller);
    if (this.max <= 0 || token.length > CACHED_TOKEN_MAX_LENGTH) return frozen;
    const exp = frozen.claims.exp;
    if (typeof exp !== "number") return frozen; // verification requires exp; nothing to bound the entry by otherwise
    const until = Math.min((exp + this.clockToleranceSeconds) * 1000, nowMs + VERIFIED_MAX_AGE_MS);
    if (until <= nowMs) return frozen;
    if (this.#entries.size >= this.max && !this.#entries.has(token)) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(token, { caller: frozen, until });
    return frozen;
  }
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

// An issuer signs every token with the same header: the algorithm read from a header is
// remembered (a few headers at most; anything past that is read afresh).
const algOfHeader = new Map<string, string>();

function headerAlg(token: string): string {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[0] || !parts[1]) throw invalidToken("the token is not a JWT");
  const known = algOfHeader.get(parts[0]);
  if (known !== undefined) return known;
  const alg = readAlg(parts[0]);
  if (algOfHeader.size < 16) algOfHeader.set(parts[0], alg);
  return alg;
}

function readAlg(encoded: string): string {
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    throw invalidToken("the token header is not valid JSON");
  }
  const alg = header && typeof header === "object" && !Array.isArray(header) ? (header as { alg?: unknown }).alg : undefined;
  if (typeof alg !== "string") throw invalidToken("the token header has no algorithm");
  return alg;
}

/** Token text echoed in a message: printable ASCII only, and short. */
function printable(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, "?");
  return clean.length > 32 ? `${clean.slice(0, 32)}...` : clean;
}

function invalidToken(detail: string): HttpProblem {
  return new HttpProblem(401, detail, {
    headers: { "WWW-Authenticate": `Bearer realm="api", error="invalid_token", error_description="${detail.replace(/[^\x20-\x7e]|["\\]/g, "")}"` },
  });
}

function toAuthProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof KeySetUnavailable) {
    return new HttpProblem(503, "the token issuer's keys could not be fetched; try again shortly", { headers: { "Retry-After": "5" } });
  }
  if (err instanceof joseErrors.JWTExpired) return invalidToken("the token has expired");
  if (err instanceof joseErrors.JWTClaimValidationFailed) return invalidToken(`the token's "${err.claim}" claim is not accepted`);
  if (err instanceof joseErrors.JWKSNoMatchingKey) return invalidToken("no key matches the token's key id");
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return invalidToken("the token signature is not valid");
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return invalidToken("the token's algorithm is not accepted");
  return invalidToken("the token is not valid");
}

const SUBJECT_FORMATS = {
  text: /^[\s\S]+$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  integer: /^[1-9][0-9]{0,8}$/,
  bigint: /^[1-9][0-9]{0,17}$/,
} as const;

/** A token whose user id cannot be a key of the users table is not a valid token here. */
export function withSubjectFormat(verify: Verifier, format: keyof typeof SUBJECT_FORMATS): Verifier {
  if (format === "text") return verify;
  const re = SUBJECT_FORMATS[format];
  return async (token) => {
    const who = await verify(token);
    if (!re.test(who.id)) throw invalidToken(`the token's user id is not a valid ${format} id`);
    return who;
  };
}

declare module "koa" {
  interface DefaultState {
    caller?: Caller;
  }
}

/** Koa middleware: a valid bearer token or 401. Sets ctx.state.caller. */
export function requireAuth(verify: Verifier) {
  return async function authenticate(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get("Authorization");
    if (header && authorizationHeaders(ctx.req.rawHeaders) > 1) {
      // Node keeps the first of several and drops the rest: which one a proxy or client meant is unknown.
      throw new HttpProblem(400, "the request has more than one Authorization header", {
        headers: { "WWW-Authenticate": 'Bearer realm="api", error="invalid_request"' },
      });
    }
    if (!header) {
      throw new HttpProblem(401, "an Authorization: Bearer token is required", { headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
    }
    const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
    if (!match) {
      throw new HttpProblem(401, "the Authorization header must use the Bearer scheme", {
        headers: { "WWW-Authenticate": 'Bearer realm="api", error="invalid_request"' },
      });
    }
    ctx.state.caller = await verify(match[1]!);
    await next();
  };
}

/** How many Authorization headers the request carries (rawHeaders: name, value, name, value...). */
function authorizationHeaders(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === "authorization") n++;
  return n;
}

/** The authenticated caller; only valid behind requireAuth. */
export function caller(ctx: Context): Caller {
  const c = ctx.state.caller as Caller | undefined;
  if (!c) throw new HttpProblem(401, "an Authorization: Bearer token is required", { headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
  return c;
}

/** `{user_id}` in the path must be the caller. */
export function assertSelf(ctx: Context, pathUserId: string | undefined): string {
  const me = caller(ctx).id;
  if (pathUserId !== me) throw new HttpProblem(403, "the user id in the path is not the authenticated user");
  return me;
}
