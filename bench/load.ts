// Load benchmark: the generated todo app against the hand-written floor (bench/floor-server.ts)
// on real PostgreSQL, 1,000 users x 100 tasks, HS256 tokens, each request from a random user.
//   W1 list newest 20   GET   /api/{u}/tasks?limit=20
//   W2 get one          GET   /api/{u}/tasks/{id}
//   W3 create           POST  /api/{u}/tasks
//   W4 update           PATCH /api/{u}/tasks/{id}
//   W5 list newest 20 of one user who owns 200,000 rows
// W3 runs first in each round, so the others run on rows that keep growing. After the rounds, a
// scaling series: list newest 20 and get one for users who own 10^2, 10^4, 10^5 and 10^6 rows
// (about 1.4 million rows in all), both servers side by side; BENCH_CHART=file.svg draws it.
// BENCH_AUTH=eddsa: EdDSA tokens checked against a JWKS URL (Better Auth's way) instead of HS256.
// Each server runs in its own process; wrk (Debian package) drives one at a time, 2 threads,
// 32 connections, alternating A/B per workload over several rounds after a warm-up.
// Run: npm run bench   (not part of npm test). Everything stays on 127.0.0.1; the database
// is created for the run and dropped at the end.
// Env: BENCH_ROUNDS (3), BENCH_DURATION (10 s), BENCH_WARMUP (20 s per server), BENCH_CONNECTIONS (32),
//      BENCH_FLOOR_RLS (1: also run the floor with the RLS transaction), BENCH_PROFILE (a directory:
//      the generated app and the floor run with --cpu-prof and write their profiles there, the floor's in floor/), BENCH_ONLY (W1,W3: only
//      those workloads), BENCH_SCALE (1: run the scaling series), BENCH_SCALE_DURATION (5 s per point),
//      BENCH_CHART (an SVG file for the series), BENCH_AUTH (hs256 | eddsa), TEST_DATABASE_URL,
//      BENCH_CLUSTER (2: also the generated app with WEB_CONCURRENCY=2; CPU time counts its workers),
//      BENCH_AUTO_EXPLAIN (0.01: auto_explain logs that share of plans, with buffers, to the server log).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSecretKey, randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import knexFactory from "knex";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { createServer as createHttpServer } from "node:http";
import { scalingChart } from "./chart.js";
import { migrations } from "../generated/migrations/index.js";
import { ownedTables } from "../generated/rls.js";
import { openDatabase } from "../generated/runtime/db.js";
import { migrateLatest } from "../generated/runtime/migrate.js";
import { applyRowLevelSecurity, ensureAppRole } from "../generated/runtime/rls.js";

const ADMIN = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const USERS = 1000;
const TASKS_PER_USER = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const FLOOR_RLS = (process.env.BENCH_FLOOR_RLS ?? "1") === "1";
const PROFILE_DIR = process.env.BENCH_PROFILE;
const SECRET = randomBytes(32).toString("base64url");
const ROLE = "specforge_app";
const ROOT = join(import.meta.dirname, "..");

const SCALE = (process.env.BENCH_SCALE ?? "1") === "1";
const SCALE_DURATION = Number(process.env.BENCH_SCALE_DURATION ?? 5);
const AUTH = process.env.BENCH_AUTH === "eddsa" ? "eddsa" : "hs256";
/** Users who own many rows: W5's, and the scaling series'. */
const BIG_USERS: Array<{ id: string; rows: number }> = [
  { id: "w5_user", rows: 200_000 },
  ...(SCALE ? [100, 10_000, 100_000, 1_000_000].map((rows) => ({ id: `scale_${rows}`, rows })) : []),
];

type Workload = "W3 create" | "W1 list 20" | "W2 get one" | "W4 update" | "W5 list 20 of 200k";
// BENCH_ONLY=W2,W4 runs only those workloads (for profiling one of them).
const WORKLOADS: Workload[] = (["W3 create", "W1 list 20", "W2 get one", "W4 update", "W5 list 20 of 200k"] as Workload[]).filter(
  (w) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(",").includes(w.slice(0, 2)),
);

// One request per call, for a random user (and a random task of theirs).
const LUA_REQUEST: Record<Workload, string> = {
  "W1 list 20": `local u = pick(); return wrk.format("GET", "/api/" .. u.id .. "/tasks?limit=20", { ["Authorization"] = "Bearer " .. u.t })`,
  "W2 get one": `local u = pick(); return wrk.format("GET", "/api/" .. u.id .. "/tasks/" .. math.random(u.lo, u.hi), { ["Authorization"] = "Bearer " .. u.t })`,
  "W3 create": `local u = pick(); n = n + 1; return wrk.format("POST", "/api/" .. u.id .. "/tasks", { ["Authorization"] = "Bearer " .. u.t, ["Content-Type"] = "application/json" }, '{"title":"bench task ' .. n .. '","priority":"high","description":"made by the load benchmark"}')`,
  "W4 update": `local u = pick(); n = n + 1; return wrk.format("PATCH", "/api/" .. u.id .. "/tasks/" .. math.random(u.lo, u.hi), { ["Authorization"] = "Bearer " .. u.t, ["Content-Type"] = "application/json" }, '{"title":"renamed ' .. n .. '","completed":true}')`,
  // The users file for W5 and the scaling series holds one user: pick() is that user.
  "W5 list 20 of 200k": `local u = pick(); return wrk.format("GET", "/api/" .. u.id .. "/tasks?limit=20", { ["Authorization"] = "Bearer " .. u.t })`,
};

function luaScript(dataFile: string, w: Workload | "scale list" | "scale get"): string {
  const request = w === "scale list" ? LUA_REQUEST["W5 list 20 of 200k"] : w === "scale get" ? LUA_REQUEST["W2 get one"] : LUA_REQUEST[w];
  return `local users = dofile("${dataFile}")
local count = #users
n = 0
function setup(thread) end
function init(args) math.randomseed(os.time() + math.floor(os.clock() * 1e6) + tonumber(tostring({}):sub(8), 16)) end
function pick() return users[math.random(1, count)] end
request = function() ${request} end
done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"non2xx":%d,"socket_errors":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  socketErrors: number;
  /** CPU time per request of the server process and of its PostgreSQL backends, in µs. */
  appUs?: number;
  dbUs?: number;
}

// CPU accounting from /proc: less at the mercy of whatever else the machine runs than req/s.
const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime + stime
  } catch {
    return 0; // gone, or not on Linux
  }
}

/** The process and its children (the workers of a WEB_CONCURRENCY cluster), recursively. */
function treeCpuSeconds(pid: number): number {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // gone, or not on Linux
  }
  return cpuSeconds(pid) + children.reduce((a, c) => a + treeCpuSeconds(c), 0);
}

function wrk(url: string, script: string, seconds: number): Result {
  const out = spawnSync("wrk", ["-t2", `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, url], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
  const line = out.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`wrk printed no result:\n${out.stdout}\n${out.stderr}`);
  const r = JSON.parse(line.slice(7)) as { requests: number; duration_us: number; p50_us: number; p99_us: number; non2xx: number; socket_errors: number };
  return { rps: r.requests / (r.duration_us / 1e6), p50: r.p50_us / 1000, p99: r.p99_us / 1000, non2xx: r.non2xx, socketErrors: r.socket_errors };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
}

async function startServer(name: string, entry: string, env: Record<string, string>, logFile: string, nodeArgs: string[] = []): Promise<Server> {
  const port = await freePort();
  const out = openSync(logFile, "a");
  // Its PostgreSQL backends carry the server's name, so that their CPU time can be told apart.
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    u.searchParams.set("application_name", name);
    env = { ...env, DATABASE_URL: u.toString() };
  }
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { name, url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start; see ${logFile}`);
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once("exit", r));
  s.child.kill("SIGINT");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (s.child.exitCode === null) s.child.kill("SIGKILL");
}

interface User {
  id: string;
  token: string;
  lo: number;
  hi: number;
}

/** Both servers must answer every workload the same way before their speed means anything. */
async function sameAnswers(servers: Server[], u: User): Promise<void> {
  const auth = { authorization: `Bearer ${u.token}` };
  const json = { ...auth, "content-type": "application/json" };
  for (const s of servers) {
    const list = await fetch(`${s.url}/api/${u.id}/tasks?limit=20`, { headers: auth });
    const rows = (await list.json()) as Array<Record<string, unknown>>;
    // Neither counts unless asked: a list is O(limit) on both sides.
    if (list.status !== 200 || rows.length !== 20 || list.headers.get("x-total-count") !== null) throw new Error(`${s.name}: list ${list.status}`);
    const counted = await fetch(`${s.url}/api/${u.id}/tasks?limit=20`, { headers: { ...auth, prefer: "count=exact" } });
    await counted.arrayBuffer();
    if (!(Number(counted.headers.get("x-total-count")) >= u.hi - u.lo + 1)) throw new Error(`${s.name}: counted list total ${counted.headers.get("x-total-count")}`);
    const one = await fetch(`${s.url}/api/${u.id}/tasks/${u.lo}`, { headers: auth });
    const row = (await one.json()) as Record<string, unknown>;
    if (one.status !== 200 || row.id !== u.lo || !Array.isArray(row.tags)) throw new Error(`${s.name}: get ${one.status} ${JSON.stringify(row)}`);
    const created = await fetch(`${s.url}/api/${u.id}/tasks`, { method: "POST", headers: json, body: JSON.stringify({ title: "smoke", priority: "high" }) });
    const c = (await created.json()) as Record<string, unknown>;
    if (created.status !== 201 || c.priority !== "high" || c.completed !== false || !Array.isArray(c.tags) || !created.headers.get("location")) throw new Error(`${s.name}: create ${created.status} ${JSON.stringify(c)}`);
    const patched = await fetch(`${s.url}/api/${u.id}/tasks/${u.lo}`, { method: "PATCH", headers: json, body: JSON.stringify({ title: "smoke 2" }) });
    const p = (await patched.json()) as Record<string, unknown>;
    if (patched.status !== 200 || p.title !== "smoke 2") throw new Error(`${s.name}: update ${patched.status}`);
    const foreign = await fetch(`${s.url}/api/${u.id}/tasks/${u.hi + 1}`, { headers: auth });
    if (foreign.status !== 404) throw new Error(`${s.name}: another user's task answered ${foreign.status}`);
    const bad = await fetch(`${s.url}/api/${u.id}/tasks`, { method: "POST", headers: json, body: JSON.stringify({ title: "" }) });
    if (bad.status !== 422) throw new Error(`${s.name}: an empty title answered ${bad.status}`);
    const noToken = await fetch(`${s.url}/api/${u.id}/tasks`);
    if (noToken.status !== 401) throw new Error(`${s.name}: no token answered ${noToken.status}`);
    const keys = Object.keys(row).sort().join(",");
    if (s === servers[0]) (sameAnswers as { keys?: string }).keys = keys;
    else if ((sameAnswers as { keys?: string }).keys !== keys) throw new Error(`${s.name}: row keys differ: ${keys}`);
  }
}

/**
 * How tokens are made and checked: HS256 with a shared secret, or EdDSA keys published at a JWKS
 * URL (a small server in this process), as Better Auth does. `env` configures the generated app,
 * `floorEnv` the floor.
 */
async function tokenSigner(_work: string): Promise<{ sign(sub: string): Promise<string>; env: Record<string, string>; floorEnv: Record<string, string> }> {
  if (AUTH === "hs256") {
    const key = createSecretKey(Buffer.from(SECRET, "utf8"));
    return {
      sign: (sub) => new SignJWT({ email: `${sub}@example.test` }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(sub).setIssuedAt().setExpirationTime("4h").sign(key),
      env: { JWT_SECRET: SECRET },
      floorEnv: {},
    };
  }
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { extractable: true });
  const kid = randomBytes(8).toString("hex");
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" }] });
  const server = createHttpServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(jwks);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const jwksUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/auth/jwks`;
  return {
    sign: (sub) => new SignJWT({ email: `${sub}@example.test` }).setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT" }).setSubject(sub).setIssuedAt().setExpirationTime("4h").sign(privateKey),
    env: { JWT_JWKS_URL: jwksUrl },
    floorEnv: { FLOOR_JWKS_URL: jwksUrl },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const which = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (which.error) throw new Error("wrk is not installed: apt-get install wrk");
  const work = mkdtempSync(join(tmpdir(), "specforge-bench-"));
  const name = `specforge_load_${randomBytes(4).toString("hex")}`;
  const admin = knexFactory({ client: "pg", connection: ADMIN, pool: { min: 0, max: 1 } });
  await admin.raw("CREATE DATABASE ??", [name]);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const servers: Server[] = [];
  try {
    const db = await openDatabase({ url: url.toString(), poolMax: 2 });
    await migrateLatest(db.knex, migrations);
    await applyRowLevelSecurity(db.knex, ownedTables);
    await ensureAppRole(db.knex, ROLE);
    const t0 = Date.now();
    await db.knex.raw(`insert into users (id, email) select 'user' || lpad(u::text, 4, '0'), 'user' || u || '@example.test' from generate_series(1, ?) u`, [USERS]);
    await db.knex.raw(
      `insert into tasks (user_id, title, description, priority, completed, created_at, updated_at)
       select 'user' || lpad(u::text, 4, '0'), 'task ' || g, 'description of task ' || g, (array['low','medium','high'])[1 + g % 3], g % 4 = 0,
              now() - ((u * ${TASKS_PER_USER} + g) || ' seconds')::interval, now()
       from generate_series(1, ?) u, generate_series(1, ?) g order by u, g`,
      [USERS, TASKS_PER_USER],
    );
    // The users who own many rows, each with a contiguous id range, newest rows last inserted.
    for (const b of BIG_USERS) {
      await db.knex.raw(`insert into users (id, email) values (?, ?)`, [b.id, `${b.id}@example.test`]);
      await db.knex.raw(
        `insert into tasks (user_id, title, description, priority, completed, created_at, updated_at)
         select ?, 'task ' || g, 'description of task ' || g, (array['low','medium','high'])[1 + g % 3], g % 4 = 0, now() - ((? - g) || ' seconds')::interval, now()
         from generate_series(1, ?) g order by g`,
        [b.id, b.rows, b.rows],
      );
    }
    await db.knex.raw("analyze");
    // BENCH_AUTO_EXPLAIN=0.01: log the plans (ANALYZE, BUFFERS) of that share of statements to the
    // PostgreSQL server log through auto_explain, for diagnosis; set before the servers connect.
    if (process.env.BENCH_AUTO_EXPLAIN) {
      for (const [k, v] of [["session_preload_libraries", "auto_explain"], ["auto_explain.log_min_duration", "0"], ["auto_explain.log_analyze", "on"],
        ["auto_explain.log_buffers", "on"], ["auto_explain.log_timing", "on"], ["auto_explain.log_nested_statements", "on"], ["auto_explain.sample_rate", process.env.BENCH_AUTO_EXPLAIN]])
        await admin.raw(`ALTER DATABASE ?? SET ${k} = '${v}'`, [name]);
    }
    const ranges = (await db.knex.raw("select user_id, min(id)::int as lo, max(id)::int as hi, count(*)::int as n from tasks group by user_id order by user_id")).rows as Array<{ user_id: string; lo: number; hi: number; n: number }>;
    await db.close();
    const big = new Map(BIG_USERS.map((b) => [b.id, b.rows]));
    const small = ranges.filter((r) => !big.has(r.user_id));
    if (small.length !== USERS || ranges.some((r) => r.n !== (big.get(r.user_id) ?? TASKS_PER_USER) || r.hi - r.lo + 1 !== r.n)) throw new Error("seeding did not give each user a contiguous id range");
    const signer = await tokenSigner(work);
    const users: User[] = [];
    const bigUsers = new Map<string, User>();
    for (const r of ranges) {
      const u = { id: r.user_id, token: await signer.sign(r.user_id), lo: r.lo, hi: r.hi };
      if (big.has(r.user_id)) bigUsers.set(r.user_id, u);
      else users.push(u);
    }
    console.log(`seeded ${USERS} users x ${TASKS_PER_USER} tasks and ${BIG_USERS.map((b) => `${b.id} (${b.rows})`).join(", ")} in ${((Date.now() - t0) / 1000).toFixed(1)} s (database ${name}); tokens ${AUTH}`);
    const usersFile = (file: string, us: User[]) => {
      writeFileSync(file, `return {\n${us.map((u) => `{id="${u.id}",t="${u.token}",lo=${u.lo},hi=${u.hi}}`).join(",\n")}\n}\n`);
      return file;
    };
    const dataFile = usersFile(join(work, "users.lua"), users);
    const w5File = usersFile(join(work, "w5-user.lua"), [bigUsers.get("w5_user")!]);
    const scripts = Object.fromEntries(WORKLOADS.map((w, i) => {
      const f = join(work, `w${i + 1}.lua`);
      writeFileSync(f, luaScript(w.startsWith("W5") ? w5File : dataFile, w));
      return [w, f];
    })) as Record<Workload, string>;

    const common = { DATABASE_URL: url.toString(), ...signer.env, DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX ?? "10" };
    // Rate limits stay on (their counting is part of the cost) but are raised above what
    // the benchmark sends from one IP; logging stays on at info, to a file.
    const genEnv = { ...common, DATABASE_APP_ROLE: ROLE, RATE_LIMIT_USER_MAX: "1000000", RATE_LIMIT_IP_MAX: "100000000", LOG_LEVEL: "info" };
    // BENCH_GEN_ENV="LOG_LEVEL=warn RATE_LIMIT_IP_MAX=0": override the generated app's settings (to see what each costs).
    for (const kv of (process.env.BENCH_GEN_ENV ?? "").split(/\s+/).filter(Boolean)) {
      const i = kv.indexOf("=");
      (genEnv as Record<string, string>)[kv.slice(0, i)] = kv.slice(i + 1);
    }
    const profArgs = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    servers.push(await startServer("generated", "generated/server.ts", genEnv, join(work, "generated.log"), profArgs));
    // BENCH_CLUSTER=2: the generated app once more with WEB_CONCURRENCY=2 (runtime/cluster.ts), side by side.
    const CLUSTER = Number(process.env.BENCH_CLUSTER ?? 0);
    if (CLUSTER > 1) servers.push(await startServer(`generated-x${CLUSTER}`, "generated/server.ts", { ...genEnv, WEB_CONCURRENCY: String(CLUSTER) }, join(work, "generated-cluster.log")));
    const floorEnv = { ...common, ...signer.floorEnv };
    servers.push(await startServer("floor", "bench/floor-server.ts", floorEnv, join(work, "floor.log"), PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${join(PROFILE_DIR, "floor")}`] : []));
    if (FLOOR_RLS) servers.push(await startServer("floor+rls", "bench/floor-server.ts", { ...floorEnv, FLOOR_RLS: "1", FLOOR_ROLE: ROLE }, join(work, "floor-rls.log")));
    await sameAnswers(servers, users[0]!);
    console.log(`servers: ${servers.map((s) => `${s.name} ${s.url}`).join(", ")}; same answers checked`);

    // Warm-up: every workload on every server, until the JIT has settled.
    const warmEach = Math.max(1, Math.round(WARMUP / WORKLOADS.length));
    for (const s of servers) {
      const seen: string[] = [];
      for (const w of WORKLOADS) seen.push(`${w.slice(0, 2)} ${wrk(s.url, scripts[w], warmEach).rps.toFixed(0)}`);
      console.log(`warm-up ${s.name} (${warmEach} s per workload): ${seen.join(", ")} req/s`);
    }

    const results = new Map<string, Result[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const w of WORKLOADS) {
        // A/B(/C), the order flipped every round so neither side always goes first.
        const order = round % 2 ? servers : [...servers].reverse();
        const line: string[] = [];
        for (const s of order) {
          const backends = async () => ((await admin.raw("select pid from pg_stat_activity where application_name = ?", [s.name])).rows as Array<{ pid: number }>).map((x) => x.pid);
          const cpu = async () => {
            const pids = await backends();
            return { app: treeCpuSeconds(s.child.pid!), db: pids.reduce((a, p) => a + cpuSeconds(p), 0), pids };
          };
          const before = await cpu();
          // BENCH_STRACE=dir: count the server's system calls during the run (strace -c), for diagnosis.
          const tracer = process.env.BENCH_STRACE ? spawn("strace", ["-c", "-f", "-p", String(s.child.pid), "-o", join(process.env.BENCH_STRACE, `${s.name}-${w.slice(0, 2)}.txt`)], { stdio: "ignore" }) : null;
          const r = wrk(s.url, scripts[w], DURATION);
          if (tracer) {
            const done = new Promise((res) => tracer.once("exit", res));
            tracer.kill("SIGINT");
            await done;
          }
          const after = await cpu();
          const n = r.rps * DURATION;
          // Backends opened during the run count from zero; the pools keep theirs open while busy.
          r.appUs = ((after.app - before.app) / n) * 1e6;
          r.dbUs = ((after.db - before.db) / n) * 1e6;
          const k = `${w}|${s.name}`;
          results.set(k, [...(results.get(k) ?? []), r]);
          line.push(`${s.name} ${r.rps.toFixed(0)} req/s p50 ${r.p50.toFixed(1)} p99 ${r.p99.toFixed(1)} ms cpu app ${r.appUs!.toFixed(0)} db ${r.dbUs!.toFixed(0)} µs/req${r.non2xx || r.socketErrors ? ` (${r.non2xx} non-2xx, ${r.socketErrors} socket errors)` : ""}`);
        }
        console.log(`round ${round} ${w}: ${line.join(" | ")}`);
      }
    }

    console.log(`\n${ROUNDS} rounds x ${DURATION} s, ${CONNECTIONS} connections, median of rounds; ratio = generated / floor (per-round ratios in brackets)\n`);
    const names = servers.map((s) => s.name);
    console.log(`| workload | ${names.map((n) => `${n} req/s | ${n} p50 ms | ${n} p99 ms | ${n} app µs/req | ${n} db µs/req`).join(" | ")} | gen/floor${FLOOR_RLS ? " | gen/floor+rls" : ""} | non-2xx |`);
    console.log(`|---|${names.map(() => "---:|---:|---:|---:|---:").join("|")}|---:|${FLOOR_RLS ? "---:|" : ""}---:|`);
    for (const w of WORKLOADS) {
      const cells: string[] = [];
      for (const n of names) {
        const rs = results.get(`${w}|${n}`)!;
        cells.push(median(rs.map((r) => r.rps)).toFixed(0), median(rs.map((r) => r.p50)).toFixed(1), median(rs.map((r) => r.p99)).toFixed(1));
        cells.push(median(rs.map((r) => r.appUs ?? 0)).toFixed(0), median(rs.map((r) => r.dbUs ?? 0)).toFixed(0));
      }
      const gen = results.get(`${w}|generated`)!;
      const ratio = (other: string) => {
        const f = results.get(`${w}|${other}`)!;
        const per = gen.map((g, i) => (g.rps / f[i]!.rps).toFixed(2));
        return `${(median(gen.map((r) => r.rps)) / median(f.map((r) => r.rps))).toFixed(2)}x [${per.join(", ")}]`;
      };
      const errors = [...results.entries()].filter(([k]) => k.startsWith(`${w}|`)).flatMap(([, rs]) => rs).reduce((a, r) => a + r.non2xx + r.socketErrors, 0);
      console.log(`| ${w} | ${cells.join(" | ")} | ${ratio("floor")}${FLOOR_RLS ? ` | ${ratio("floor+rls")}` : ""} | ${errors} |`);
    }

    const clustered = names.find((n) => n.startsWith("generated-x"));
    if (clustered) {
      for (const w of WORKLOADS) {
        const one = results.get(`${w}|generated`)!;
        const many = results.get(`${w}|${clustered}`)!;
        const per = many.map((m, i) => (m.rps / one[i]!.rps).toFixed(2));
        console.log(`${w}: ${clustered} / generated (1 process) = ${(median(many.map((r) => r.rps)) / median(one.map((r) => r.rps))).toFixed(2)}x [${per.join(", ")}]`);
      }
    }

    if (SCALE) {
      // The scaling series: one user's rows from 10^2 to 10^6, list newest 20 and get one, the
      // generated app and the floor (without RLS) side by side at each point.
      const pair = servers.filter((s) => s.name === "generated" || s.name === "floor");
      const points: Array<{ rows: number; op: "list" | "get"; server: string; rps: number; p99: number }> = [];
      console.log(`\nscaling series (${SCALE_DURATION} s per point, ${CONNECTIONS} connections): rows per user -> req/s, p99 ms`);
      for (const b of BIG_USERS.filter((x) => x.id.startsWith("scale_"))) {
        const file = usersFile(join(work, `${b.id}.lua`), [bigUsers.get(b.id)!]);
        for (const op of ["list", "get"] as const) {
          const script = join(work, `${b.id}-${op}.lua`);
          writeFileSync(script, luaScript(file, op === "list" ? "scale list" : "scale get"));
          const line: string[] = [];
          for (const s of pair) {
            const r = wrk(s.url, script, SCALE_DURATION);
            points.push({ rows: b.rows, op, server: s.name, rps: r.rps, p99: r.p99 });
            line.push(`${s.name} ${r.rps.toFixed(0)} req/s p99 ${r.p99.toFixed(1)} ms${r.non2xx || r.socketErrors ? ` (${r.non2xx} non-2xx)` : ""}`);
          }
          console.log(`${String(b.rows).padStart(8)} rows ${op}: ${line.join(" | ")}`);
        }
      }
      const at = (rows: number, op: string, server: string) => points.find((p) => p.rows === rows && p.op === op && p.server === server)!;
      console.log(`\n| rows per user | ${["list", "get"].flatMap((op) => [`gen ${op} req/s`, `floor ${op} req/s`, `gen/floor ${op}`, `gen ${op} p99`, `floor ${op} p99`]).join(" | ")} |`);
      console.log(`|---:|${"---:|".repeat(10)}`);
      for (const rows of [...new Set(points.map((p) => p.rows))]) {
        const cells = ["list", "get"].flatMap((op) => {
          const g = at(rows, op, "generated");
          const f = at(rows, op, "floor");
          return [g.rps.toFixed(0), f.rps.toFixed(0), `${(g.rps / f.rps).toFixed(2)}x`, g.p99.toFixed(1), f.p99.toFixed(1)];
        });
        console.log(`| ${rows} | ${cells.join(" | ")} |`);
      }
      const lo = at(100, "list", "generated");
      const hi = at(1_000_000, "list", "generated");
      console.log(`generated list at 10^6 rows vs 10^2: ${(hi.rps / lo.rps).toFixed(2)}x the req/s, p99 ${hi.p99.toFixed(1)} vs ${lo.p99.toFixed(1)} ms`);
      if (process.env.BENCH_CHART) {
        writeFileSync(process.env.BENCH_CHART, scalingChart(points, { title: `List newest 20 and get one, by rows the user owns (${AUTH}, ${CONNECTIONS} connections, ${SCALE_DURATION} s per point)` }));
        console.log(`chart written to ${process.env.BENCH_CHART}`);
      }
    }
  } finally {
    for (const s of servers) await stopServer(s);
    await admin.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
    await admin.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
