// Riding out short database outages (a restart, a failover, a serverless database
// waking up): wait with backoff for the database at start, and retry a read request
// whose database connection failed. Writes are never retried here: a write whose
// connection died may or may not have been committed, so the client decides.
import type { Knex } from "knex";
import type { Middleware } from "koa";

const TRANSIENT_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up)
  "53300", // too_many_connections
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
  "08P01", // PgBouncer: no server connection to give (server down, login failing, query_wait_timeout)
]);

/** True for errors that mean "could not talk to the database right now", not "the query was wrong". */
export function isTransientDbError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; nativeError?: { code?: unknown } };
  const code = typeof e.code === "string" ? e.code : typeof e.nativeError?.code === "string" ? e.nativeError.code : undefined;
  if (code && TRANSIENT_CODES.has(code)) return true;
  if (e.name === "KnexTimeoutError") return true;
  const msg = typeof e.message === "string" ? e.message : "";
  return /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|server closed the connection unexpectedly/i.test(msg);
}

export interface Backoff {
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export const START_BACKOFF: Backoff = { attempts: 8, baseMs: 250, maxMs: 5_000 };
export const REQUEST_BACKOFF: Backoff = { attempts: 3, baseMs: 50, maxMs: 400 };

/** Exponential backoff with full jitter (so many instances do not retry in step). */
export function backoffDelay(attempt: number, b: Backoff): number {
  const cap = Math.min(b.maxMs, b.baseMs * 2 ** attempt);
  return Math.round(cap / 2 + Math.random() * (cap / 2));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `select 1` until it works; transient failures are retried with backoff, others thrown at once. */
export async function waitForDatabase(
  knex: Knex,
  b: Backoff = START_BACKOFF,
  onRetry: (err: unknown, attempt: number, delayMs: number) => void = () => {},
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await knex.raw("select 1");
      return attempt;
    } catch (err) {
      if (!isTransientDbError(err) || attempt + 1 >= b.attempts) throw err;
      const delay = backoffDelay(attempt, b);
      onRetry(err, attempt + 1, delay);
      await sleep(delay);
    }
  }
}

/**
 * Wraps the router: a GET or HEAD that failed because the database connection failed is
 * run again (the whole route, so with a fresh connection), up to `attempts` times.
 * Routes answering GET read only, so running one twice is safe.
 */
export function retryIdempotentReads<S, C>(routes: Middleware<S, C>, b: Backoff = REQUEST_BACKOFF): Middleware<S, C> {
  return async (ctx, next) => {
    if (ctx.method !== "GET" && ctx.method !== "HEAD") return routes(ctx, next);
    for (let attempt = 0; ; attempt++) {
      try {
        return await routes(ctx, next);
      } catch (err) {
        if (!isTransientDbError(err) || attempt + 1 >= b.attempts || ctx.headerSent) throw err;
        // Nothing to undo: a GET route sets its body only after its queries succeeded.
        (ctx.state as { log?: { warn: (o: object, m: string) => void } }).log?.warn({ attempt: attempt + 1 }, "retrying a read after a database connection error");
        await sleep(backoffDelay(attempt, b));
      }
    }
  };
}
