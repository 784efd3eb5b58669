// Liveness and readiness. /healthz says the process answers; /readyz says the
// database answers too (503 problem otherwise, and while draining for shutdown, so a
// load balancer stops sending traffic before the process stops listening).
import type Router from "@koa/router";
import type { Knex } from "knex";
import { HttpProblem } from "./errors.js";

export interface Lifecycle {
  /** Set on SIGTERM: /readyz answers 503 from then on. */
  draining: boolean;
}

const READY_TIMEOUT_MS = 2_000;

export async function databaseReachable(knex: Knex, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([knex.raw("select 1").then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** PUBLIC routes (no token): they reveal nothing but "up" or "not ready". */
export function healthRoutes(router: Router, knex: Knex, lifecycle: Lifecycle): void {
  router.get("/healthz", (ctx) => {
    ctx.body = { status: "ok" };
  });
  router.get("/readyz", async (ctx) => {
    if (lifecycle.draining) throw new HttpProblem(503, "the server is shutting down", { headers: { "Retry-After": "1" } });
    if (!(await databaseReachable(knex))) throw new HttpProblem(503, "the database is not reachable", { headers: { "Retry-After": "1" } });
    ctx.body = { status: "ready" };
  });
}
