// The real components of a scaled-out deployment, each started by the test as a child process
// of its own (own config in a temp dir, own port, own pid), and stopped by that pid:
//  - PgBouncer (Debian's /usr/sbin/pgbouncer) in transaction mode,
//  - HAProxy (/usr/sbin/haproxy) in front of app instances, health-checking GET /readyz,
//  - redis-server on a port of its own (the machine's Redis is never stopped),
//  - the generated server (generated/server.ts) as a process.
// Nothing here touches a process the test did not start.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_SECRET } from "../helpers/tokens.js";
import { freePort } from "../fault/pg-instance.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const asRoot = process.getuid?.() === 0;


/** A temp dir the postgres OS user can use too (pgbouncer runs as postgres when we are root). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o777);
  return dir;
}

async function waitForPort(port: number, child: ChildProcess, output: () => string, what: string): Promise<void> {
  const { connect } = await import("node:net");
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on ${port}: ${output()}`);
}

/** Stops a child we started: `signal`, then SIGKILL after `ms`; resolves once it has exited. */
export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM", ms = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(timer);
}

function capture(child: ChildProcess): () => string {
  const out: string[] = [];
  child.stdout?.on("data", (d: Buffer) => out.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => out.push(d.toString()));
  return () => out.join("");
}

export interface PgBouncer {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** The admin console (SHOW POOLS, SHOW SERVERS...). */
  show(what: string): Promise<Array<Record<string, unknown>>>;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  output(): string;
  destroy(): Promise<void>;
}

/**
 * PgBouncer in transaction mode on a free port, in front of PostgreSQL at host:port (every
 * database name passes through). Root cannot run pgbouncer: then it runs with `-u postgres`.
 */
export async function startPgBouncer(target: { host: string; port: number }, opts: { poolSize: number }): Promise<PgBouncer> {
  const dir = tempDir("specforge-pgbouncer-");
  const port = await freePort();
  const ini = join(dir, "pgbouncer.ini");
  writeFileSync(join(dir, "userlist.txt"), `"postgres" ""\n`);
  writeFileSync(
    ini,
    [
      "[databases]",
      `* = host=${target.host} port=${target.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${join(dir, "userlist.txt")}`,
      "admin_users = postgres",
      "pool_mode = transaction",
      `default_pool_size = ${opts.poolSize}`,
      "min_pool_size = 0",
      "reserve_pool_size = 0",
      "max_client_conn = 500",
      // Settings docs/deploy.md prescribes: retry a lost server soon, never queue a client for long.
      "server_login_retry = 1",
      "query_wait_timeout = 10",
      "server_connect_timeout = 5",
      "ignore_startup_parameters = extra_float_digits",
      "log_connections = 0",
      "log_disconnections = 0",
      "",
    ].join("\n"),
  );
  let child: ChildProcess | undefined;
  let out: () => string = () => "";
  const logs: string[] = [];
  const start = async () => {
    const argv = asRoot ? ["-u", "postgres", ini] : [ini];
    child = spawn("/usr/sbin/pgbouncer", argv, { stdio: ["ignore", "pipe", "pipe"] });
    out = capture(child);
    await waitForPort(port, child, () => out(), "pgbouncer");
  };
  const stop = async (signal: NodeJS.Signals = "SIGINT") => {
    // SIGINT: pgbouncer's "safe shutdown" waits for clients; SIGTERM drops them at once.
    await stopChild(child, signal, 5000);
    logs.push(out());
  };
  await start();
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async show(what) {
      const pg = (await import("pg")).default;
      const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/pgbouncer` });
      await c.connect();
      try {
        // The admin console speaks the simple protocol only.
        return (await c.query(`SHOW ${what}`)).rows as Array<Record<string, unknown>>;
      } finally {
        await c.end();
      }
    },
    stop,
    start,
    output: () => logs.join("") + out(),
    async destroy() {
      await stop("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** A redis-server of our own (no persistence) on a free port. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"], { stdio: ["ignore", "pipe", "pipe"] });
    const out = capture(child);
    await waitForPort(port, child, out, "redis-server");
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopChild(child, "SIGTERM", 5000),
    start,
    destroy: () => stopChild(child, "SIGKILL", 5000),
  };
}

export interface Balancer {
  readonly url: string;
  /** Each backend's state as HAProxy sees it (UP, DOWN, ...), by server name. */
  states(): Promise<Record<string, string>>;
  destroy(): Promise<void>;
}

/** HAProxy round-robin over `backends`, health-checking GET /readyz every 200 ms. */
export async function startHaproxy(backends: Array<{ name: string; port: number }>): Promise<Balancer> {
  const dir = tempDir("specforge-haproxy-");
  const port = await freePort();
  const statsPort = await freePort();
  const cfg = join(dir, "haproxy.cfg");
  writeFileSync(
    cfg,
    [
      "global",
      "  maxconn 2000",
      "defaults",
      "  mode http",
      "  timeout connect 2s",
      "  timeout client 30s",
      "  timeout server 30s",
      "  option forwardfor",
      // A request whose connection to a server could not be made goes to another server
      // (nothing was sent, so this is safe for a POST too); what was sent is never resent.
      "  retries 3",
      "  option redispatch 1",
      "  retry-on conn-failure",
      `frontend api`,
      `  bind 127.0.0.1:${port}`,
      "  default_backend app",
      "backend app",
      "  balance roundrobin",
      "  option httpchk GET /readyz",
      // A fresh server connection per request: a request is then never written to an idle kept-alive
      // connection of an instance that just died (a failure HAProxy must not retry for a POST).
      "  http-reuse never",
      "  http-response set-header X-Served-By %s",
      ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 200ms fall 2 rise 2`),
      "frontend stats",
      `  bind 127.0.0.1:${statsPort}`,
      "  stats enable",
      "  stats uri /stats",
      "",
    ].join("\n"),
  );
  const check = spawn("/usr/sbin/haproxy", ["-c", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
  const checkOut = capture(check);
  const code = await new Promise((r) => check.once("exit", r));
  if (code !== 0) throw new Error(`haproxy config refused: ${checkOut()}`);
  const child = spawn("/usr/sbin/haproxy", ["-db", "-f", cfg], { stdio: ["ignore", "pipe", "pipe"] });
  const out = capture(child);
  await waitForPort(port, child, out, "haproxy");
  return {
    url: `http://127.0.0.1:${port}`,
    async states() {
      const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`)).text();
      const [head, ...rows] = csv.replace(/^# /, "").trim().split("\n").map((l) => l.split(","));
      const col = (n: string) => head!.indexOf(n);
      const m: Record<string, string> = {};
      for (const r of rows) if (r[col("pxname")] === "app" && !["BACKEND", "FRONTEND"].includes(r[col("svname")]!)) m[r[col("svname")]!] = r[col("status")]!;
      return m;
    },
    async destroy() {
      await stopChild(child, "SIGTERM", 5000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface AppProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** generated/server.ts as a process on a free port, once /readyz answers 200. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "generated/server.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      JWT_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      RATE_LIMIT_USER_MAX: "1000000",
      RATE_LIMIT_IP_MAX: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = capture(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`app exited: ${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, port, child, output, stop: () => stopChild(child, "SIGTERM", 15_000) };
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  await stopChild(child, "SIGKILL");
  throw new Error(`app did not start: ${output()}`);
}

export interface Outcome {
  status: number;
  id?: number;
  user: string;
  at: number;
  ms: number;
  servedBy?: string | null;
  /** Why no answer came (status 0). */
  error?: string;
}

/** One create; status 0 when the connection failed or `timeoutMs` passed. */
export async function createTask(base: string, user: string, token: string, title: string, timeoutMs = 15_000): Promise<Outcome> {
  const at = Date.now();
  try {
    const res = await fetch(`${base}/api/${user}/tasks`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title, description: `${title} / complete`, priority: "high" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text(); // a balancer's 502 is HTML
    const body = (res.status === 201 ? JSON.parse(text) : {}) as { id?: number };
    return { status: res.status, user, at, ms: Date.now() - at, servedBy: res.headers.get("x-served-by"), ...(res.status === 201 ? { id: body.id! } : {}) };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, user, at, ms: Date.now() - at, error: cause?.code ?? cause?.message ?? String(err) };
  }
}

/** A steady write load: `clients` loops of creates over `users` until stop() is called. */
export function writeLoad(base: () => string, users: Array<{ id: string; token: string }>, clients: number, tag: string) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: clients }, async () => {
    while (running) {
      // One counter for all clients, taken before the request: users strictly in turn, so no user
      // gets more than ceil(requests / users) creates. (Indexing by n + c read n before the others
      // had counted, so the clients landed on every other user, and one of them met the per-user
      // rate limit in CI: a 429 counted as a failure of the kill.)
      const i = n++;
      const u = users[i % users.length]!;
      const o = await createTask(base(), u.id, u.token, `${tag} ${i}`);
      outcomes.push(o);
      if (o.status !== 201) await sleep(20);
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

export const byStatus = (os: Outcome[]) => os.reduce<Record<string, number>>((m, o) => ((m[o.status] = (m[o.status] ?? 0) + 1), m), {});
