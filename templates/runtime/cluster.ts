// Every core of one machine: WEB_CONCURRENCY=N runs N worker processes (node:cluster), each
// the whole server (its own database pool, rate-limit client and HTTP server on the shared
// port); they share nothing but the database and Redis. The primary process only forks,
// forwards signals and replaces a worker that dies; connections are handed to the workers in
// turn. Unset or 1: one process, no cluster, exactly as before.
//  - Start: the first worker starts alone (waits for the database, migrates, sets up row-level
//    security); the others are forked once it listens, so they find nothing to migrate.
//  - SIGTERM/SIGINT: forwarded to every worker, which drains as a single process would
//    (server.ts); the primary exits 0 once all have exited 0, 1 otherwise or after
//    SHUTDOWN_TIMEOUT_MS plus a margin.
//  - A worker that dies outside a shutdown is replaced (after a second); if the first one
//    fails to start, the primary exits with its code instead of forking in a loop. A connection
//    the primary was handing to a worker as it died is lost with it (node:cluster), like the
//    requests that worker was serving: the client's or the balancer's timeout ends it.
//  - Log lines of a worker carry `worker` (its cluster id; runtime/logger.ts).
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { opsConfigFromEnv } from "./ops-config.js";

/** WEB_CONCURRENCY: a whole number of workers (1 = no cluster), or "auto" for one per core. */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEB_CONCURRENCY;
  if (raw === undefined || raw === "") return 1;
  if (raw === "auto") return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`WEB_CONCURRENCY must be an integer from 1 to 1024 or "auto", got "${raw}"`);
  return n;
}

/** This process's worker id in a cluster; undefined in a single process or the primary. */
export function workerId(): number | undefined {
  return cluster.isWorker ? cluster.worker?.id : undefined;
}

/** One JSON line from the primary (it has no pino logger of its own: it serves nothing). */
function say(level: "info" | "warn" | "error", msg: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(JSON.stringify({ level, time: new Date().toISOString(), worker: "primary", ...fields, msg }) + "\n");
}

/**
 * Runs `main` (the server) in this process, or, with WEB_CONCURRENCY > 1, in that many worker
 * processes. The promise rejects when `main` fails in this process.
 */
export async function runWorkers(main: () => Promise<void>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (cluster.isWorker) return main();
  const n = workersFromEnv(env);
  if (n <= 1) return main();
  const { shutdownTimeoutMs } = opsConfigFromEnv(env);
  const workers = new Set<Worker>();
  let stopping = false;
  let failed = false;
  let started = false;

  const fork = (): Worker => {
    const w = cluster.fork();
    workers.add(w);
    w.once("exit", (code, signal) => {
      workers.delete(w);
      if (stopping) {
        if (code !== 0) failed = true; // a worker that died earlier and was replaced does not count
        if (workers.size === 0) {
          say(failed ? "error" : "info", "all workers stopped", { failed });
          process.exit(failed ? 1 : 0);
        }
        return;
      }
      if (!started) {
        say("error", "the first worker did not start", { id: w.id, code, signal });
        for (const o of workers) o.process.kill("SIGKILL");
        process.exit(code || 1);
      }
      say("error", "worker died; starting another", { id: w.id, code, signal });
      setTimeout(() => !stopping && fork(), 1000).unref();
    });
    return w;
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say("info", "shutting down: draining every worker", { signal, workers: workers.size });
    if (workers.size === 0) process.exit(0);
    for (const w of workers) w.process.kill(signal);
    setTimeout(() => {
      say("error", "workers did not stop in time", { workers: [...workers].map((w) => w.id) });
      for (const w of workers) w.process.kill("SIGKILL");
      process.exit(1);
    }, shutdownTimeoutMs + 5000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  say("info", "starting workers", { workers: n });
  const first = fork();
  await new Promise<void>((resolve) => first.once("listening", () => resolve()));
  started = true;
  for (let i = 1; i < n && !stopping; i++) fork();
}
