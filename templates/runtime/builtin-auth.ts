// The built-in auth module (emitted only for specs that say `Authentication: built-in`):
// POST /api/auth/register, /login, /refresh, /logout (or the spec's own paths for them). Access tokens are short-lived HS256
// JWTs signed with JWT_SECRET, so the ordinary verifier (runtime/auth.ts) checks them on
// every other route. Refresh tokens are 256 random bits, stored only as SHA-256 hashes,
// rotated on every use; presenting one that was already used revokes its whole family
// (everything rotated from the same login), because only a thief or a replay can do that.
// Answers never tell whether an email is registered. docs/auth.md describes it all.
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import type { Knex } from "knex";
import { SignJWT } from "jose";
import { HttpProblem } from "./errors.js";
import { readObject } from "./body.js";
import { compile } from "./validate.js";
import { hashPassword, prepareDummyHash, verifyPassword } from "./password.js";
import { limitKey, type RateLimitOptions } from "./rate-limit.js";
import { caller } from "./auth.js";

/** What the generator knows about the users table (written into app.ts). */
export interface BuiltinAuthSpec {
  readonly users: string;
  readonly idColumn: string;
  readonly emailColumn: string;
  readonly emailMaxLength: number;
  readonly passwordColumn: string;
  /** A display-name column register accepts, if the users table has one. */
  readonly name: { readonly column: string; readonly required: boolean; readonly maxLength: number } | null;
  /** Other columns the users table requires that register takes, each with its column's JSON Schema (a username). */
  readonly fields?: Readonly<Record<string, object>>;
  /** Required columns register sets itself, never from the body (a role: the least one). */
  readonly fixed?: Readonly<Record<string, unknown>>;
  /** "database": the id column has a default; "uuid": the app makes a random UUID. */
  readonly userId: "database" | "uuid";
  readonly refreshTable: string;
  /** Where each operation answers: the spec's own paths, else /api/auth/register, /login, /refresh, /logout. */
  readonly paths: { readonly register: string; readonly login: string; readonly refresh: string; readonly logout: string };
  /** The caller's own account, where the spec writes it (GET /api/auth/me); null: the spec writes none. */
  readonly profile?: ProfileSpec | null;
}

/**
 * The caller's account: their users row without the password hash (`columns`), and the profile
 * columns an update may change (`patch`, `put`: JSON Schemas without the key, the email, the hash,
 * or what others grant, such as a role).
 */
export interface ProfileSpec {
  readonly routes: readonly { readonly method: "get" | "put" | "patch"; readonly path: string }[];
  readonly columns: readonly string[];
  /** The column an update sets to now (updated_at), if any. */
  readonly stamp: string | null;
  readonly patch: object;
  readonly put: object;
}

/** Settings from the environment (builtinAuthSettingsFromEnv) or a test. */
export interface BuiltinAuthSettings {
  /** The HS256 signing secret: the same JWT_SECRET the verifier uses. */
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** Access-token lifetime (AUTH_ACCESS_TTL, default 900 s = 15 min). */
  readonly accessTtlSeconds?: number;
  /** Refresh-token lifetime, renewed on each rotation (AUTH_REFRESH_TTL, default 30 days). */
  readonly refreshTtlSeconds?: number;
  /** Login attempts per client IP and email per window (AUTH_LOGIN_MAX, default 10). */
  readonly loginMax?: number;
  /** Registrations per client IP per window (AUTH_REGISTER_MAX, default 20). */
  readonly registerMax?: number;
  /** The window of both limits (AUTH_RATE_WINDOW_MS, default 15 min). */
  readonly windowMs?: number;
}

export function builtinAuthSettingsFromEnv(secret: string, env: NodeJS.ProcessEnv = process.env): BuiltinAuthSettings {
  const num = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${v}"`);
    return n;
  };
  const out: { -readonly [K in keyof BuiltinAuthSettings]: BuiltinAuthSettings[K] } = { secret };
  if (env.JWT_ISSUER) out.issuer = env.JWT_ISSUER;
  if (env.JWT_AUDIENCE) out.audience = env.JWT_AUDIENCE;
  const access = num("AUTH_ACCESS_TTL");
  if (access !== undefined) out.accessTtlSeconds = access;
  const refresh = num("AUTH_REFRESH_TTL");
  if (refresh !== undefined) out.refreshTtlSeconds = refresh;
  const login = num("AUTH_LOGIN_MAX");
  if (login !== undefined) out.loginMax = login;
  const register = num("AUTH_REGISTER_MAX");
  if (register !== undefined) out.registerMax = register;
  const win = num("AUTH_RATE_WINDOW_MS");
  if (win !== undefined) out.windowMs = win;
  return out;
}

export interface BuiltinAuthDeps {
  readonly knex: Knex;
  readonly spec: BuiltinAuthSpec;
  readonly settings: BuiltinAuthSettings;
  /** The app's rate-limit store and its failure handler (memory or Redis). */
  readonly limits: RateLimitOptions;
  /** The token check (then the per-user limit) the account routes sit behind. */
  readonly auth?: Middleware;
}

export interface TokenPair {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
  user_id: string;
}

const PASSWORD = { type: "string", minLength: 8, maxLength: 1024 } as const;
const REFRESH = { type: "object", additionalProperties: false, required: ["refresh_token"], properties: { refresh_token: { type: "string", minLength: 1, maxLength: 256 } } } as const;

/** JSON Schemas of the four bodies (also used by the OpenAPI emitter's tests). */
export function builtinAuthSchemas(spec: BuiltinAuthSpec) {
  const email = { type: "string", format: "email", minLength: 3, maxLength: Math.min(254, spec.emailMaxLength) };
  const registerProps: Record<string, object> = { email, password: PASSWORD };
  const required = ["email", "password"];
  if (spec.name) {
    registerProps.name = { type: "string", minLength: spec.name.required ? 1 : 0, maxLength: spec.name.maxLength };
    if (spec.name.required) required.push("name");
  }
  for (const [column, schema] of Object.entries(spec.fields ?? {})) {
    registerProps[column] = schema;
    required.push(column);
  }
  return {
    register: { type: "object", additionalProperties: false, required, properties: registerProps },
    login: { type: "object", additionalProperties: false, required: ["email", "password"], properties: { email: { type: "string", minLength: 1, maxLength: 254 }, password: { type: "string", minLength: 1, maxLength: 1024 } } },
    refresh: REFRESH,
  };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const normaliseEmail = (s: string) => s.trim().toLowerCase();

// One answer for every failed login, whatever failed: no user enumeration.
// A 401 says how to authenticate (RFC 9110 15.5.2), here as everywhere else in the app.
const loginFailed = () => new HttpProblem(401, "the email or password is not correct", { headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
const refreshFailed = () =>
  new HttpProblem(401, "the refresh token is not valid; sign in again", { headers: { "WWW-Authenticate": 'Bearer realm="api", error="invalid_token"' } });

/** The answer to every register, taken email or not: where to sign in next. */
export const registeredMessage = (loginPath: string): string => `if this email was not registered yet, the account now exists; sign in with POST ${loginPath}`;

export function builtinAuthRoutes(router: Router, deps: BuiltinAuthDeps): void {
  const { knex, spec, settings } = deps;
  if (Buffer.byteLength(settings.secret) < 32) throw new Error("JWT_SECRET must be at least 32 bytes long");
  const key: KeyObject = createSecretKey(Buffer.from(settings.secret, "utf8"));
  const accessTtl = settings.accessTtlSeconds ?? 900;
  const refreshTtl = settings.refreshTtlSeconds ?? 30 * 24 * 3600;
  const limits: RateLimitOptions = { ...deps.limits, windowMs: settings.windowMs ?? 15 * 60_000 };
  const loginMax = settings.loginMax ?? 10;
  const registerMax = settings.registerMax ?? 20;
  const schemas = builtinAuthSchemas(spec);
  const validateRegister = compile<{ email: string; password: string; name?: string } & Record<string, unknown>>(schemas.register);
  const validateLogin = compile<{ email: string; password: string }>(schemas.login);
  const validateRefresh = compile<{ refresh_token: string }>(schemas.refresh);
  void prepareDummyHash().catch(() => {});

  const signAccess = (userId: string): Promise<string> => {
    const jwt = new SignJWT({}).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(userId).setIssuedAt().setExpirationTime(`${accessTtl}s`);
    if (settings.issuer) jwt.setIssuer(settings.issuer);
    if (settings.audience) jwt.setAudience(settings.audience);
    return jwt.sign(key);
  };

  /** A new refresh token in `family`; only its hash reaches the database. */
  const storeRefresh = async (db: Knex | Knex.Transaction, userId: unknown, family: string): Promise<string> => {
    const token = randomBytes(32).toString("base64url");
    await db(spec.refreshTable).insert({
      token_hash: sha256(token),
      family_id: family,
      user_id: userId,
      expires_at: db.raw("now() + make_interval(secs => ?)", [refreshTtl]),
    });
    return token;
  };

  const answer = async (ctx: Context, userId: unknown, refreshToken: string): Promise<void> => {
    const id = String(userId);
    const body: TokenPair = {
      access_token: await signAccess(id),
      token_type: "Bearer",
      expires_in: accessTtl,
      refresh_token: refreshToken,
      refresh_expires_in: refreshTtl,
      user_id: id,
    };
    ctx.set("Cache-Control", "no-store"); // RFC 6749 5.1
    ctx.body = body;
  };

  router.post(spec.paths.register, async (ctx) => {
    if (registerMax > 0) await limitKey(ctx, limits, `auth-register:${ctx.ip}`, registerMax);
    const body = validateRegister(await readObject(ctx, []));
    // Hash first, whether or not the email is taken: both cases take the same time.
    const row: Record<string, unknown> = { [spec.emailColumn]: normaliseEmail(body.email), [spec.passwordColumn]: await hashPassword(body.password) };
    if (spec.name && body.name !== undefined) row[spec.name.column] = body.name;
    for (const column of Object.keys(spec.fields ?? {})) row[column] = body[column];
    for (const [column, value] of Object.entries(spec.fixed ?? {})) row[column] = value;
    if (spec.userId === "uuid") row[spec.idColumn] = randomUUID();
    // A taken email is not an error the client may see: the same 202 either way. Another unique
    // value the body chose (a username) that is taken is a 409 naming it (runtime/errors.ts).
    await knex(spec.users).insert(row).onConflict(spec.emailColumn).ignore();
    ctx.status = 202;
    ctx.body = { message: registeredMessage(spec.paths.login) };
  });

  router.post(spec.paths.login, async (ctx) => {
    const body = validateLogin(await readObject(ctx, []));
    const email = normaliseEmail(body.email);
    // Per IP and email: guessing one account's password is slow, and other users are unaffected.
    if (loginMax > 0) await limitKey(ctx, limits, `auth-login:${ctx.ip}:${sha256(email)}`, loginMax);
    const user = (await knex(spec.users).select(spec.idColumn, spec.passwordColumn).where(spec.emailColumn, email).first()) as Record<string, unknown> | undefined;
    // verifyPassword runs scrypt even without a user (against a dummy hash): same time, same answer.
    const ok = await verifyPassword(body.password, user?.[spec.passwordColumn]);
    if (!user || !ok) throw loginFailed();
    const userId = user[spec.idColumn];
    await answer(ctx, userId, await storeRefresh(knex, userId, randomUUID()));
  });

  router.post(spec.paths.refresh, async (ctx) => {
    const { refresh_token } = validateRefresh(await readObject(ctx, []));
    const hash = sha256(refresh_token);
    const issued = await knex.transaction(async (trx) => {
      // Claim the token: only one request can mark an unused, unrevoked, unexpired token used.
      const [claimed] = (await trx(spec.refreshTable)
        .where({ token_hash: hash })
        .whereNull("used_at")
        .whereNull("revoked_at")
        .where("expires_at", ">", trx.fn.now())
        .update({ used_at: trx.fn.now() })
        .returning(["family_id", "user_id"])) as Array<{ family_id: string; user_id: unknown }>;
      if (claimed) return { userId: claimed.user_id, token: await storeRefresh(trx, claimed.user_id, claimed.family_id) };
      // Known but used (or revoked): a replay. Revoke the whole family, including its newest token.
      const seen = (await trx(spec.refreshTable).select("family_id", "used_at").where({ token_hash: hash }).first()) as { family_id: string; used_at: unknown } | undefined;
      if (seen?.used_at) await trx(spec.refreshTable).where({ family_id: seen.family_id }).whereNull("revoked_at").update({ revoked_at: trx.fn.now() });
      return null;
    });
    // Thrown after the commit, so the revocation above is kept.
    if (!issued) throw refreshFailed();
    await answer(ctx, issued.userId, issued.token);
  });

  if (spec.profile) profileRoutes(router, knex, spec, spec.profile, deps.auth);

  router.post(spec.paths.logout, async (ctx) => {
    const { refresh_token } = validateRefresh(await readObject(ctx, []));
    const seen = (await knex(spec.refreshTable).select("family_id").where({ token_hash: sha256(refresh_token) }).first()) as { family_id: string } | undefined;
    if (seen) await knex(spec.refreshTable).where({ family_id: seen.family_id }).whereNull("revoked_at").update({ revoked_at: knex.fn.now() });
    // The same answer for any token: logout tells nothing about what it was given.
    ctx.status = 204;
  });
}

/**
 * The caller's own account (GET /api/auth/me, PUT|PATCH /api/users/me), behind the token: the
 * caller's users row, named by the token's subject and nothing else, without the password hash.
 * An update changes only the profile columns; a user the token names that no longer exists is 404.
 */
function profileRoutes(router: Router, knex: Knex, spec: BuiltinAuthSpec, profile: ProfileSpec, auth: Middleware | undefined): void {
  if (!auth) throw new Error("the account routes need the token check");
  const validate = { patch: compile<Record<string, unknown>>(profile.patch), put: compile<Record<string, unknown>>(profile.put) };
  const notFound = () => new HttpProblem(404, "user not found");
  for (const r of profile.routes) {
    if (r.method === "get") {
      router.get(r.path, auth, async (ctx) => {
        const row = (await knex(spec.users).select(...profile.columns).where(spec.idColumn, caller(ctx).id).first()) as Record<string, unknown> | undefined;
        if (!row) throw notFound();
        ctx.set("Cache-Control", "no-store");
        ctx.body = row;
      });
      continue;
    }
    const method = r.method;
    router[method](r.path, auth, async (ctx) => {
      const body = validate[method](await readObject(ctx, []));
      const changes: Record<string, unknown> = { ...body };
      if (profile.stamp) changes[profile.stamp] = knex.fn.now();
      const q = knex(spec.users).where(spec.idColumn, caller(ctx).id);
      const [row] = (Object.keys(changes).length ? await q.update(changes).returning([...profile.columns]) : await q.select(...profile.columns)) as Record<string, unknown>[];
      if (!row) throw notFound();
      ctx.set("Cache-Control", "no-store");
      ctx.body = row;
    });
  }
}
