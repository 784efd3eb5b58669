// Database connection: real PostgreSQL when DATABASE_URL is set, otherwise an
// embedded PGlite served over the Postgres wire protocol on loopback, so the app
// talks to both through the same `pg` driver and behaves the same on each.
import { mkdirSync } from "node:fs";
import knexFactory from "knex";
import type { Knex } from "knex";
import pg from "pg";

// Keep int8 (count(*), bigint columns) as strings, as node-postgres does by default,
// but make numeric(p,s) explicit: strings too, so no precision is lost.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v: string) => v);
// A DATE is a calendar day, not an instant: keep "2026-01-31" rather than a local-midnight Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// The API's forms of the other column types (docs/spec-format.md, "Types"):
// interval stays PostgreSQL's text ("1 day 02:00:00"), bytea becomes base64 text, and
// char(n) loses the blanks it is padded with (as a cast to text does); lists get the same.
// Array types have no name in pg.types.builtins: their oids are fixed in PostgreSQL's catalog.
type Oid = typeof pg.types.builtins.TEXT;
const TEXT_ARRAY = 1009 as Oid;
const textArray = pg.types.getTypeParser(TEXT_ARRAY) as (v: string) => (string | null)[];
const base64 = (v: string) => byteaBytes(v).toString("base64");
const unpad = (v: string) => v.replace(/ +$/, "");
const each = (f: (v: string) => string) => (v: string) => textArray(v).map((x) => (x === null ? null : f(x)));
pg.types.setTypeParser(pg.types.builtins.INTERVAL, (v: string) => v);
pg.types.setTypeParser(1187 as Oid, textArray); // interval[]
pg.types.setTypeParser(pg.types.builtins.BYTEA, base64);
pg.types.setTypeParser(1001 as Oid, each(base64)); // bytea[]
pg.types.setTypeParser(pg.types.builtins.BPCHAR, unpad);
pg.types.setTypeParser(1014 as Oid, each(unpad)); // char(n)[]
pg.types.setTypeParser(1231 as Oid, textArray); // numeric[]: strings, like numeric
pg.types.setTypeParser(1182 as Oid, textArray); // date[]: calendar days, like date
// timestamptz: the same Date node-postgres's own parser (postgres-date) gives, read without its
// regular expressions: PostgreSQL writes it as "2026-12-07 03:18:36.123456+00" (DateStyle ISO),
// and a list of 20 rows reads 40-60 of them (6% of the app's CPU on a list). Any other shape
// (BC, infinity, a year before 100 or after 9999, an offset with seconds) goes to pg's parser.
const pgTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (v: string) => Date | number | null;
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const two = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);
/** A timestamptz in PostgreSQL's ISO output form as a Date, like postgres-date (milliseconds truncated). */
export function parseTimestamptz(s: string): Date | number | null {
  const n = s.length;
  if (n < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return pgTimestamptz(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < n; i++) {
      const d = digit(s, i);
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    ms = Math.floor(ms + 1e-6);
  }
  const sign = s.charCodeAt(i);
  if ((sign !== 43 && sign !== 45) || (n !== i + 3 && (n !== i + 6 || s.charCodeAt(i + 3) !== 58))) return pgTimestamptz(s);
  const year = two(s, 0) * 100 + two(s, 2);
  const offset = two(s, i + 1) * 60 + (n === i + 6 ? two(s, i + 4) : 0);
  const t = Date.UTC(year, two(s, 5) - 1, two(s, 8), two(s, 11), two(s, 14), two(s, 17), ms) - (sign === 43 ? offset : -offset) * 60_000;
  // Anything not made of digits where digits belong gives NaN or a year out of range: pg decides.
  return year >= 100 && t === t ? new Date(t) : pgTimestamptz(s);
}

/** bytea's text form: hex ("\\x0a1b", the default) or, with bytea_output = escape, octal escapes. */
function byteaBytes(v: string): Buffer {
  if (v.startsWith("\\x")) return Buffer.from(v.slice(2), "hex");
  const out: number[] = [];
  for (let i = 0; i < v.length; ) {
    if (v[i] !== "\\") out.push(v.charCodeAt(i++));
    else if (v[i + 1] === "\\") (out.push(92), (i += 2));
    else (out.push(parseInt(v.slice(i + 1, i + 4), 8)), (i += 4));
  }
  return Buffer.from(out);
}

export interface Database {
  readonly knex: Knex;
  readonly kind: "postgres" | "pglite";
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite is started. */
  url?: string;
  /** PGlite data directory; "memory" for an in-memory database. */
  dataDir?: string;
  /** For an in-memory PGlite: a dumped data directory to start from (tests use one to skip initdb). */
  seed?: Blob;
  poolMax?: number;
  /** How long a request waits for a pooled connection before it fails (503); default 10 s. */
  acquireTimeoutMs?: number;
  /** PostgreSQL statement_timeout per connection (a stuck statement fails with 503); unset: none. */
  statementTimeoutMs?: number;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const opts: DatabaseOptions = {};
  if (env.DATABASE_URL) opts.url = env.DATABASE_URL;
  opts.dataDir = env.PGLITE_DATA_DIR || ".data/pglite";
  const poolMax = positiveInt(env, "DATABASE_POOL_MAX");
  if (poolMax) opts.poolMax = poolMax;
  const acquire = positiveInt(env, "DATABASE_ACQUIRE_TIMEOUT_MS");
  if (acquire) opts.acquireTimeoutMs = acquire;
  const statement = positiveInt(env, "DATABASE_STATEMENT_TIMEOUT_MS");
  if (statement) opts.statementTimeoutMs = statement;
  return opts;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    // The URL is handed to node-postgres whole, so its parameters hold: sslmode=require /
    // verify-full (Neon needs TLS), a pooled host (Neon's "-pooler", PgBouncer), options.
    // TCP keep-alive stops load balancers and NATs from silently dropping idle connections.
    const knex = knexFactory({
      client: "pg",
      connection: {
        connectionString: opts.url,
        keepAlive: true,
        connectionTimeoutMillis: 10_000,
        ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
      },
      pool: { min: 0, max: opts.poolMax ?? 10, idleTimeoutMillis: 30_000 },
      // Bounded: when every connection is busy, a request waits this long, then gets a 503.
      acquireConnectionTimeout: opts.acquireTimeoutMs ?? 10_000,
    });
    return { knex, kind: "postgres", close: () => knex.destroy() };
  }
  return openPglite(opts.dataDir ?? "memory", opts.seed);
}

export interface EmbeddedPostgres {
  readonly connection: { host: string; port: number; user: string; database: string };
  stop(): Promise<void>;
}

/** PGlite (Postgres compiled to WASM) behind the wire protocol on a free loopback port. */
export async function startEmbeddedPostgres(dataDir: string, seed?: Blob): Promise<EmbeddedPostgres> {
  // Loaded lazily: PGlite is only needed when no DATABASE_URL is given.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  if (dataDir !== "memory") mkdirSync(dataDir, { recursive: true });
  // A seed (a data directory dumped by dumpDataDir) skips initdb: ~0.5 s instead of ~4 s.
  const db = dataDir === "memory" ? await PGlite.create(seed ? { loadDataDir: seed } : {}) : await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 1 });
  await server.start();
  const [host, port] = server.getServerConn().split(":");
  return {
    connection: { host: host!, port: Number(port), user: "postgres", database: "postgres" },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** A Knex client for the embedded database. PGlite runs one session and the socket server
 * serialises clients, so one connection is both the fastest and the only safe pool size. */
export function embeddedKnex(pg: EmbeddedPostgres, searchPath?: string): Knex {
  return knexFactory({
    client: "pg",
    connection: pg.connection,
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: 30_000,
    ...(searchPath ? { searchPath: [searchPath] } : {}),
  });
}

async function openPglite(dataDir: string, seed?: Blob): Promise<Database> {
  const pg = await startEmbeddedPostgres(dataDir, seed);
  const knex = embeddedKnex(pg);
  return {
    knex,
    kind: "pglite",
    async close() {
      await knex.destroy();
      await pg.stop();
    },
  };
}
