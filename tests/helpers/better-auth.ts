// A real Better Auth instance (npm `better-auth` with its JWT plugin) for interop tests,
// on its own database: a fresh database on the PostgreSQL server, or its own embedded
// PGlite served over a socket. Its `user` table never meets the generated app's `users`.
import { pgliteSeed } from "./databases.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, createSecretKey } from "node:crypto";
import pg from "pg";
import { SignJWT } from "jose";
import { betterAuth } from "better-auth";
import { jwt } from "better-auth/plugins";
import { toNodeHandler } from "better-auth/node";
import { getMigrations } from "better-auth/db/migration";
import { POSTGRES_ADMIN_URL, type DbKind } from "./databases.js";

export interface BetterAuthUser {
  readonly id: string;
  readonly email: string;
  /** The session cookie Better Auth set at sign-up. */
  readonly cookie: string;
}

export interface RunningBetterAuth {
  readonly url: string;
  readonly jwksUrl: string;
  readonly secret: string;
  /** How often /api/auth/jwks was requested. */
  readonly jwksFetches: number;
  signUp(email: string, password: string, name: string): Promise<BetterAuthUser>;
  /** GET /api/auth/token with the user's session cookie. */
  token(user: BetterAuthUser): Promise<string>;
  close(): Promise<void>;
}

export interface BetterAuthOptions {
  /** "EdDSA" (Better Auth's default, keys at /api/auth/jwks) or "HS256" signed with the shared secret. */
  signing: "EdDSA" | "HS256";
}

async function openPool(kind: DbKind): Promise<{ pool: pg.Pool; dispose(): Promise<void> }> {
  if (kind === "postgres") {
    const name = `specforge_ba_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
    // A connection still closing when the database is dropped reports "terminating connection"
    // (57P01); that is the expected end of it, not a test failure.
    pool.on("error", () => {});
    return {
      pool,
      async dispose() {
        await pool.end();
        const a = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await a.connect();
        // Let the pool's connections finish closing before the drop, so none is cut mid-goodbye.
        for (let i = 0; i < 50; i++) {
          const r = await a.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
          if (r.rows[0].n === 0) break;
          await new Promise((res) => setTimeout(res, 100));
        }
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const seed = await pgliteSeed();
  const db = await PGlite.create(seed ? { loadDataDir: seed } : {});
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  const pool = new pg.Pool({ host: host!, port: Number(port), user: "postgres", database: "postgres", max: 1 });
  return {
    pool,
    async dispose() {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}

export async function startBetterAuth(kind: DbKind, opts: BetterAuthOptions): Promise<RunningBetterAuth> {
  const { pool, dispose } = await openPool(kind);
  let handler: ReturnType<typeof toNodeHandler> | undefined;
  let jwksFetches = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === "/api/auth/jwks") jwksFetches++;
    void handler!(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const secret = randomBytes(32).toString("base64url");
  const hsKey = createSecretKey(Buffer.from(secret, "utf8"));
  const options = {
    baseURL: url,
    secret,
    database: pool,
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [
      opts.signing === "EdDSA"
        ? jwt()
        : jwt({
            // Projects that share one secret: the token is signed with BETTER_AUTH_SECRET.
            jwks: { remoteUrl: `${url}/unused-jwks`, keyPairConfig: { alg: "EdDSA" } },
            jwt: { sign: (payload) => new SignJWT(payload).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(hsKey) },
          }),
    ],
  };
  const { runMigrations } = await getMigrations(options);
  await runMigrations();
  handler = toNodeHandler(betterAuth(options));

  return {
    url,
    jwksUrl: `${url}/api/auth/jwks`,
    secret,
    get jwksFetches() {
      return jwksFetches;
    },
    async signUp(email, password, name) {
      const res = await fetch(`${url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: url },
        body: JSON.stringify({ email, password, name }),
      });
      if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { user: { id: string } };
      const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      return { id: body.user.id, email, cookie };
    },
    async token(user) {
      const res = await fetch(`${url}/api/auth/token`, { headers: { cookie: user.cookie } });
      if (res.status !== 200) throw new Error(`token failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await dispose();
    },
  };
}
