// Operational settings from the environment, parsed and checked in one place so a
// typo fails at start instead of silently meaning "unlimited".
import { parseOrigins } from "./cors.js";

export interface OpsConfig {
  /** Largest accepted JSON body in bytes (BODY_LIMIT_BYTES); larger is 413. */
  readonly bodyLimit: number;
  /** CORS_ORIGINS: allowed browser origins; empty means no CORS headers. */
  readonly corsOrigins: readonly string[];
  /** RATE_LIMIT_WINDOW_MS, RATE_LIMIT_USER_MAX, RATE_LIMIT_IP_MAX (0 turns one off). */
  readonly rateLimit: { readonly windowMs: number; readonly userMax: number; readonly ipMax: number };
  /** TRUST_PROXY=1: take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy: boolean;
  /** LOG_LEVEL: pino level. */
  readonly logLevel: string;
  /** LOG_SYNC=1: write each log line before going on, instead of in blocks (runtime/logger.ts). */
  readonly logSync: boolean;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight requests get on SIGTERM before the process gives up. */
  readonly shutdownTimeoutMs: number;
  /** SHUTDOWN_DELAY_MS: after SIGTERM, how long the server keeps its connections before it stops
   * accepting: requests already on the wire (headers not yet read) are still served. */
  readonly shutdownDelayMs: number;
}

export const DEFAULT_OPS: OpsConfig = {
  bodyLimit: 1024 * 1024,
  corsOrigins: [],
  rateLimit: { windowMs: 60_000, userMax: 600, ipMax: 1200 },
  trustProxy: false,
  logLevel: "info",
  logSync: false,
  shutdownTimeoutMs: 10_000,
  shutdownDelayMs: 1_000,
};

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function opsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OpsConfig {
  return {
    bodyLimit: int(env, "BODY_LIMIT_BYTES", DEFAULT_OPS.bodyLimit, 1),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    rateLimit: {
      windowMs: int(env, "RATE_LIMIT_WINDOW_MS", DEFAULT_OPS.rateLimit.windowMs, 1),
      userMax: int(env, "RATE_LIMIT_USER_MAX", DEFAULT_OPS.rateLimit.userMax, 0),
      ipMax: int(env, "RATE_LIMIT_IP_MAX", DEFAULT_OPS.rateLimit.ipMax, 0),
    },
    trustProxy: env.TRUST_PROXY === "1" || env.TRUST_PROXY === "true",
    logLevel: env.LOG_LEVEL || DEFAULT_OPS.logLevel,
    logSync: env.LOG_SYNC === "1" || env.LOG_SYNC === "true",
    shutdownTimeoutMs: int(env, "SHUTDOWN_TIMEOUT_MS", DEFAULT_OPS.shutdownTimeoutMs, 0),
    shutdownDelayMs: int(env, "SHUTDOWN_DELAY_MS", DEFAULT_OPS.shutdownDelayMs, 0),
  };
}
