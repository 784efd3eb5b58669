// Fixed-window rate limiting: at most `max` requests per key per window, 429 with
// Retry-After beyond that. Two keys are counted: the client IP on every request
// (before the token is checked, so floods of bad tokens are limited too) and the
// verified user id after authentication. The counters live in memory by default,
// or in Redis (REDIS_URL) so that several instances behind a load balancer share them.
import type { Context, Middleware, Next } from "koa";
import { HttpProblem } from "./errors.js";

export interface Hit {
  /** Requests counted in the current window, this one included. */
  readonly count: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<Hit>;
  /** The same without a promise, for a store that answers at once (in memory). */
  hitNow?(key: string, windowMs: number): Hit;
  close?(): Promise<void>;
}

export interface RateLimitOptions {
  readonly windowMs: number;
  /** Per verified user per window. 0 turns this limit off. */
  readonly userMax: number;
  /** Per client IP per window. 0 turns this limit off. */
  readonly ipMax: number;
  readonly store: RateLimitStore;
  /** Called when the store fails; the request is then let through (fail open). */
  readonly onStoreError?: (err: unknown) => void;
}

/** One process's counters. Expired windows are swept as they are met and every minute. */
export class MemoryStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private readonly sweeper: NodeJS.Timeout;
  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }
  async hit(key: string, windowMs: number): Promise<Hit> {
    return this.hitNow(key, windowMs);
  }
  hitNow(key: string, windowMs: number): Hit {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetMs: w.resetAt - now };
  }
  private sweep(): void {
    const now = Date.now();
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
  }
  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

// INCR and PEXPIRE in one atomic step: the first hit of a window sets its expiry, so
// a crash between the two can never leave a counter that never resets.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

/** The part of an ioredis client this store uses. */
export interface RedisLike {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  quit(): Promise<unknown>;
}

export class RedisStore implements RateLimitStore {
  constructor(
    private readonly redis: RedisLike,
    private readonly prefix = "specforge:rl:",
  ) {}
  async hit(key: string, windowMs: number): Promise<Hit> {
    const out = (await this.redis.eval(HIT_SCRIPT, 1, this.prefix + key, windowMs)) as [number, number];
    return { count: Number(out[0]), resetMs: Number(out[1]) };
  }
  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/** Longest a rate-limit count may take in Redis before the request is let through without it. */
export const REDIS_COMMAND_TIMEOUT_MS = 500;

/**
 * REDIS_URL set: a Redis store (ioredis, loaded lazily); otherwise in memory. While Redis is
 * unreachable a count fails at once (no offline queue: queued, each request waited for the next
 * reconnect attempt, up to seconds) and one that hangs fails after REDIS_COMMAND_TIMEOUT_MS, so
 * requests go through without a limit (fail open) at their usual speed; ioredis keeps
 * reconnecting in the background and counting resumes once Redis is back.
 */
export async function rateLimitStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<RateLimitStore> {
  if (!env.REDIS_URL) return new MemoryStore();
  const { Redis } = await import("ioredis");
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, commandTimeout: REDIS_COMMAND_TIMEOUT_MS, lazyConnect: false });
  redis.on("error", () => {}); // reported per call through onStoreError; avoid an unhandled 'error' event
  // Without an offline queue, wait for the first connection (a few seconds at most; a Redis that
  // is down at start means failing open until it is up).
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off("ready", done);
      redis.off("error", done);
      resolve();
    };
    const timer = setTimeout(done, 5000);
    redis.once("ready", done);
    redis.once("error", done);
  });
  return new RedisStore(redis, env.RATE_LIMIT_PREFIX ?? "specforge:rl:");
}

/** Counts one request against `key` (at most `max` per opts.windowMs); 429 with Retry-After beyond. */
export async function limitKey(ctx: Context, opts: RateLimitOptions, key: string, max: number): Promise<void> {
  let hit: Hit;
  try {
    hit = await opts.store.hit(key, opts.windowMs);
  } catch (err) {
    opts.onStoreError?.(err);
    return; // fail open: a broken counter store must not take the API down
  }
  answer(ctx, hit, max);
}

function answer(ctx: Context, hit: Hit, max: number): void {
  const retryAfter = String(Math.max(1, Math.ceil(hit.resetMs / 1000)));
  ctx.set("RateLimit-Limit", String(max));
  ctx.set("RateLimit-Remaining", String(Math.max(0, max - hit.count)));
  ctx.set("RateLimit-Reset", retryAfter);
  if (hit.count > max) {
    throw new HttpProblem(429, `too many requests; try again in ${retryAfter} s`, { headers: { "Retry-After": retryAfter } });
  }
}

/** limitKey, without a promise when the store answers at once (the in-memory one: every request pays this). */
function limit(ctx: Context, opts: RateLimitOptions, key: string, max: number, next: Next): Promise<void> {
  if (opts.store.hitNow) {
    let hit: Hit;
    try {
      hit = opts.store.hitNow(key, opts.windowMs);
    } catch (err) {
      opts.onStoreError?.(err);
      return next();
    }
    answer(ctx, hit, max);
    return next();
  }
  return limitKey(ctx, opts, key, max).then(next);
}

/** Global middleware: limits each client IP. */
export function ipRateLimit(opts: RateLimitOptions): Middleware {
  return (ctx: Context, next: Next) => (opts.ipMax > 0 ? limit(ctx, opts, `ip:${ctx.ip}`, opts.ipMax, next) : next());
}

/** Runs after authentication (ctx.state.caller set): limits each user, wherever they connect from. */
export function userRateLimit(opts: RateLimitOptions): Middleware {
  return (ctx: Context, next: Next) => {
    const id = (ctx.state as { caller?: { id?: string } }).caller?.id;
    return opts.userMax > 0 && id !== undefined ? limit(ctx, opts, `user:${id}`, opts.userMax, next) : next();
  };
}
