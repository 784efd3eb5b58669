// The real entry point (generated/server.ts) as a child process on a real PostgreSQL:
// SIGTERM in the middle of a burst of slow requests loses none of them, the pool is
// closed and the process exits 0. Its log output is kept and checked for secrets.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import http from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { tokenFor, TEST_SECRET } from "../helpers/tokens.js";
import { LOG_DIR } from "../helpers/server.js";

const ROOT = join(import.meta.dirname, "..", "..");

interface Child {
  proc: ChildProcess;
  url: string;
  out: () => string;
}

async function startServer(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", "generated/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", JWT_SECRET: TEST_SECRET, LOG_LEVEL: "info", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const check = () => {
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", check);
    proc.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { proc, url, out: () => out };
}

/** A POST whose body trickles in over `ms`: the request is in flight for that long. */
function slowPost(url: string, path: string, token: string, body: unknown, ms: number, agent: http.Agent, connected: () => void): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const u = new URL(path, url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": data.length, authorization: `Bearer ${token}` } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.on("socket", (sock) => {
      if (!sock.connecting) connected();
      else sock.once("connect", connected);
    });
    const half = Math.floor(data.length / 2);
    req.write(data.subarray(0, half));
    setTimeout(() => req.end(data.subarray(half)), ms);
  });
}

describe("graceful shutdown of generated/server.ts", () => {
  let database: TestDatabase;
  let child: Child | undefined;
  beforeAll(async () => {
    database = await freshDatabase("postgres");
  });
  afterAll(async () => {
    if (child && child.proc.exitCode === null) child.proc.kill("SIGKILL");
    await database?.dispose();
  });

  it("finishes every in-flight request after SIGTERM, closes the pool and exits 0", async () => {
    // application_name in the URL (honoured by node-postgres) tags the child's connections.
    const appName = `sf_shutdown_${process.pid}`;
    const dbUrl = new URL(database.url!);
    dbUrl.searchParams.set("application_name", appName);
    // The shutdown deadline is a safety net, not what is under test: generous, so a loaded machine
    // (CI, other test files) cannot turn slow requests into cut ones.
    child = await startServer({ DATABASE_URL: dbUrl.toString(), DATABASE_POOL_MAX: "4", SHUTDOWN_TIMEOUT_MS: "60000" });
    const childConns = async () =>
      (await database.db.knex.raw("select count(*)::int as n from pg_stat_activity where application_name = ?", [appName])).rows[0].n as number;
    const user = "shutdown_user";
    const token = await tokenFor(user);
    // Keep-alive connections, like a load balancer's: they must be let go cleanly too.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    // The user's first write records them; done before the burst (see the report on identity.ts).
    const first = await fetch(`${child.url}/api/${user}/tasks`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ title: "first" }) });
    expect(first.status).toBe(201);
    const N = 40;
    let connectedCount = 0;
    let allConnected!: () => void;
    const connectedAll = new Promise<void>((r) => (allConnected = r));
    const burst = Array.from({ length: N }, (_, i) =>
      slowPost(child!.url, `/api/${user}/tasks`, token, { title: `task ${i}` }, 1500 + (i % 10) * 50, agent, () => {
        if (++connectedCount === N) allConnected();
      }),
    );
    await connectedAll;
    // A probe on a new connection, answered only after the server accepted the earlier ones
    // (the listen backlog is accepted in order): then every request of the burst is in flight.
    expect((await fetch(`${child.url}/healthz`, { headers: { connection: "close" } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(await childConns()).toBeGreaterThan(0); // the burst holds pooled connections now
    const exited = once(child.proc, "exit");
    child.proc.kill("SIGTERM");
    const settled = await Promise.allSettled(burst);
    if (settled.some((r) => r.status === "rejected")) {
      const [c0] = (await exited) as [number | null];
      throw new Error(`exit ${c0}; ${settled.filter((r) => r.status === "rejected").length} of ${N} requests failed: ${settled.map((r) => (r.status === "rejected" ? String(r.reason) : r.value.status)).join(",")}\n${child.out()}`);
    }
    const results = settled.map((r) => (r as PromiseFulfilledResult<{ status: number; text: string }>).value);
    const [code] = (await exited) as [number | null];
    agent.destroy();
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(201));
    expect(code).toBe(0);
    const rows = await database.db.knex("tasks").where({ user_id: user }).count<{ count: string }[]>("* as count");
    expect(Number(rows[0]!.count)).toBe(N + 1);
    // The pool was closed: none of the child's connections is left.
    expect(await childConns()).toBe(0);
    const log = child.out();
    expect(log).toContain('"msg":"shutting down: finishing in-flight requests"');
    expect(log).toContain('"msg":"stopped"');
    // Keep the output with the other logs of this run (checked for secrets by logging.test.ts too).
    mkdirSync(LOG_DIR, { recursive: true });
    writeFileSync(join(LOG_DIR, `server-child-${process.pid}.ndjson`), log);
    expect(log).not.toContain(token);
    expect(log).not.toContain(TEST_SECRET);
  }, 60_000);
});
