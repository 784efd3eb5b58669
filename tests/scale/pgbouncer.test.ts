// The generated app behind PgBouncer in transaction mode (Debian's pgbouncer, started here) with
// ONE server connection: every client transaction of the app, of every user, runs on the same
// PostgreSQL backend in turn. With the settings docs/deploy.md prescribes for a pooled URL
// (DATABASE_PREPARE=0: PgBouncer 1.18 has no max_prepared_statements) the real server process
// migrates, answers the app checks, the isolation checks and random requests through it, and
// row-level security never sees a previous transaction's caller.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import openapi from "../../generated/openapi.json" with { type: "json" };
import { loadSpecs } from "../../generator/front.js";
import { createBatch, createUserScope } from "../../generated/runtime/scope.js";
import { checkIsolation, type Call } from "../helpers/generic-isolation.js";
import { fuzzApp } from "../helpers/generic-fuzz.js";
import { POSTGRES_ADMIN_URL } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";
import { ROOT, startAppProcess, startPgBouncer, type AppProcess, type PgBouncer } from "./components.js";

const FUZZ = Number(process.env.SCALE_FUZZ_REQUESTS ?? 400);

describe("through PgBouncer in transaction mode, one server connection", () => {
  const name = `specforge_scale_${randomBytes(5).toString("hex")}`;
  const direct = (() => {
    const u = new URL(POSTGRES_ADMIN_URL);
    u.pathname = `/${name}`;
    return u.toString();
  })();
  let bouncer: PgBouncer;
  let app: AppProcess;
  let admin: Knex;

  beforeAll(async () => {
    admin = knexFactory({ client: "pg", connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
    await admin.raw("CREATE DATABASE ??", [name]);
    const target = new URL(POSTGRES_ADMIN_URL);
    bouncer = await startPgBouncer({ host: target.hostname, port: Number(target.port || 5432) }, { poolSize: 1 });
    // The server process migrates, sets up row-level security and serves, all through PgBouncer.
    app = await startAppProcess({ DATABASE_URL: bouncer.url(name), DATABASE_PREPARE: "0", DATABASE_POOL_MAX: "5" });
  });
  afterAll(async () => {
    await app?.stop();
    await bouncer?.destroy();
    await admin?.raw("DROP DATABASE IF EXISTS ?? WITH (FORCE)", [name]);
    await admin?.destroy();
  });

  const call: Call = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(app.url + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it("passes the app, isolation and fuzz checks through it", async () => {
    // The app: one user's whole round of a task.
    const A = "pgb_alice";
    const alice = await tokenFor(A);
    const created = await call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "through the pooler", priority: "high" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "through the pooler", priority: "high", completed: false, user_id: A });
    const id = created.body.id as number;
    expect((await call("GET", `/api/${A}/tasks`, { token: alice })).body.map((t: { id: number }) => t.id)).toEqual([id]);
    expect((await call("GET", `/api/${A}/tasks/${id}`, { token: alice })).status).toBe(200);
    const patched = await call("PATCH", `/api/${A}/tasks/${id}`, { token: alice, body: { completed: true } });
    expect(patched.body).toMatchObject({ id, completed: true });
    expect((await call("POST", `/api/${A}/tasks`, { token: alice, body: { title: "" } })).status).toBe(422);
    expect((await call("GET", `/api/${A}/tasks`)).status).toBe(401);
    expect((await call("DELETE", `/api/${A}/tasks/${id}`, { token: alice })).status).toBe(204);
    expect((await call("GET", `/api/${A}/tasks/${id}`, { token: alice })).status).toBe(404);

    // Isolation, generic: every owned table, user b against user a's rows.
    const { ir } = await loadSpecs(join(ROOT, "specs"), ROOT);
    expect(ir).not.toBeNull();
    const a = { id: "pgb_iso_a", token: await tokenFor("pgb_iso_a") };
    const b = { id: "pgb_iso_b", token: await tokenFor("pgb_iso_b") };
    const report = await checkIsolation(ir!, openapi, call, a, b);
    expect(report.failures).toEqual([]);
    expect(report.checked.length).toBeGreaterThan(0);

    // Random requests as b over a's rows and b's own: no 5xx, no undeclared answer, nothing of a's.
    const owners = new Set(ir!.tables.flatMap((t) => (t.owner ? [t.owner] : [])));
    const aIds = report.aRows.map((p) => decodeURIComponent(p.slice(p.lastIndexOf("/") + 1)));
    const bTasks = (await call("GET", `/api/${b.id}/tasks`, { token: b.token })).body as Array<{ id: number }>;
    const ids = [...new Set([...aIds, ...bTasks.map((t) => String(t.id))])].sort();
    const fuzz = await fuzzApp(openapi as never, app.url, b, { id: a.id, columns: owners, values: new Set(report.markers) }, ids, FUZZ, 20261206);
    for (const path of report.aRows) expect((await call("GET", path, { token: a.token })).status, `a's ${path} after b's requests`).toBe(200);
    const servers = (await bouncer.show("SERVERS")).filter((s) => s.database === name);
    console.log(
      `scale pgbouncer: app round trip ok; isolation ${report.requests} requests over ${report.checked.length} tables (${report.checked.join(", ")}), ${report.failures.length} failures; ` +
        `fuzz ${fuzz.requests} requests ${JSON.stringify(fuzz.byStatus)}, ${fuzz.failures.length} failures; ${servers.length} server connection(s) to the database`,
    );
    expect(fuzz.failures).toEqual([]);
    expect(fuzz.requests).toBe(FUZZ);
    expect(servers.length).toBeLessThanOrEqual(1);
  });

  it("never hands one user's row-level security caller to the next transaction on the pooled connection", async () => {
    // 1. The runtime's own transaction forms, straight through PgBouncer: batches (one Sync) and
    //    scoped transactions (BEGIN + set_config), some failing half-way, as two users in turn.
    //    Each reads tasks WITHOUT an owner filter: only row-level security keeps the rows apart.
    //    Between them, a plain statement (no caller set) must see no caller and no rows.
    const seedToken = { x: await tokenFor("pgb_rls_x"), y: await tokenFor("pgb_rls_y") };
    for (const u of ["pgb_rls_x", "pgb_rls_y"] as const) {
      for (let i = 0; i < 3; i++) {
        const r = await call("POST", `/api/${u}/tasks`, { token: u.endsWith("x") ? seedToken.x : seedToken.y, body: { title: `${u} row ${i}` } });
        expect(r.status).toBe(201);
      }
    }
    const knexA = knexFactory({ client: "pg", connection: bouncer.url(name), pool: { min: 0, max: 3 } });
    const knexB = knexFactory({ client: "pg", connection: bouncer.url(name), pool: { min: 0, max: 3 } });
    const role = "specforge_app";
    const batchA = createBatch(knexA, { role, prepare: false });
    const scopeB = createUserScope(knexB, { role });
    const leaks: string[] = [];
    const backends = new Set<number>();
    let transactions = 0;
    let failedOnPurpose = 0;
    try {
      const plain = async (k: Knex) => {
        const r = (await k.raw("select current_setting('app.user_id', true) as caller, current_user as who, pg_backend_pid() as pid, (select count(*) from tasks)::int as visible")).rows[0];
        backends.add(r.pid);
        // As the connecting superuser RLS is bypassed (visible = every row); what matters is that no caller or role stayed.
        if (r.caller) leaks.push(`plain statement saw caller ${r.caller}`);
        if (r.who !== "postgres") leaks.push(`plain statement ran as ${r.who}`);
      };
      for (let i = 0; i < 60; i++) {
        const user = i % 2 ? "pgb_rls_x" : "pgb_rls_y";
        const fail = i % 5 === 4;
        try {
          if (i % 3 === 0) {
            // A batch: set_config, then the read, (then a failing statement), all under one Sync.
            const statements = [{ text: "select user_id, pg_backend_pid() as pid, current_setting('app.user_id', true) as caller, current_user as who from tasks", values: [] }];
            if (fail) statements.push({ text: "select 1/0", values: [] });
            const [res] = await batchA(user, statements);
            for (const r of res!.rows) {
              backends.add(r.pid as number);
              if (r.user_id !== user || r.caller !== user || r.who !== role) leaks.push(`batch as ${user} saw ${JSON.stringify(r)}`);
            }
            if (res!.rows.length !== 3) leaks.push(`batch as ${user} saw ${res!.rows.length} rows, not 3`);
          } else {
            await scopeB(user, async (trx) => {
              const rows = (await trx.raw("select user_id, pg_backend_pid() as pid from tasks")).rows as Array<{ user_id: string; pid: number }>;
              for (const r of rows) {
                backends.add(r.pid);
                if (r.user_id !== user) leaks.push(`transaction as ${user} saw a row of ${r.user_id}`);
              }
              if (rows.length !== 3) leaks.push(`transaction as ${user} saw ${rows.length} rows, not 3`);
              if (fail) await trx.raw("select 1/0");
            });
          }
          if (fail) leaks.push("a failing statement did not fail");
        } catch (err) {
          if (!fail) throw err;
          failedOnPurpose++;
        }
        transactions++;
        await plain(i % 2 ? knexA : knexB);
      }
    } finally {
      await knexA.destroy();
      await knexB.destroy();
    }

    // 2. Over HTTP: two users' requests interleaved, 16 at a time, through the app's pool of 5
    //    onto PgBouncer's one server connection. Every row of every answer is the caller's.
    const users = [
      { id: "pgb_mix_1", token: await tokenFor("pgb_mix_1"), own: [] as number[] },
      { id: "pgb_mix_2", token: await tokenFor("pgb_mix_2"), own: [] as number[] },
    ];
    for (const u of users) {
      for (let i = 0; i < 5; i++) u.own.push((await call("POST", `/api/${u.id}/tasks`, { token: u.token, body: { title: `${u.id} seed ${i}` } })).body.id);
    }
    const checks = { requests: 0, rows: 0, foreign404: 0 };
    const one = async (k: number) => {
      const u = users[k % 2]!;
      const other = users[(k + 1) % 2]!;
      const kind = k % 4;
      checks.requests++;
      if (kind === 0) {
        const r = await call("GET", `/api/${u.id}/tasks?limit=100`, { token: u.token });
        if (r.status !== 200) leaks.push(`list ${r.status}`);
        for (const row of r.body as Array<{ user_id: string; title: string }>) {
          checks.rows++;
          if (row.user_id !== u.id || !row.title.startsWith(u.id)) leaks.push(`list for ${u.id} had ${row.user_id} / ${row.title}`);
        }
      } else if (kind === 1) {
        const r = await call("GET", `/api/${u.id}/tasks/${u.own[k % u.own.length]}`, { token: u.token });
        checks.rows++;
        if (r.status !== 200 || r.body.user_id !== u.id) leaks.push(`get own for ${u.id}: ${r.status} ${r.body?.user_id}`);
      } else if (kind === 2) {
        const r = await call("GET", `/api/${u.id}/tasks/${other.own[k % other.own.length]}`, { token: u.token });
        if (r.status === 404) checks.foreign404++;
        else leaks.push(`${u.id} got ${other.id}'s task: ${r.status}`);
      } else {
        const r = await call("POST", `/api/${u.id}/tasks`, { token: u.token, body: { title: `${u.id} made ${k}` } });
        checks.rows++;
        if (r.status !== 201 || r.body.user_id !== u.id) leaks.push(`create for ${u.id}: ${r.status} ${r.body?.user_id}`);
      }
    };
    for (let k = 0; k < 400; k += 16) await Promise.all(Array.from({ length: 16 }, (_, j) => one(k + j)));
    // And in the database: every row is where its title says.
    const direct_ = knexFactory({ client: "pg", connection: direct, pool: { min: 0, max: 1 } });
    let misplaced = -1;
    try {
      misplaced = Number((await direct_.raw("select count(*) as n from tasks where user_id in ('pgb_mix_1', 'pgb_mix_2') and left(title, length(user_id)) <> user_id")).rows[0].n);
    } finally {
      await direct_.destroy();
    }
    const servers = (await bouncer.show("SERVERS")).filter((s) => s.database === name);
    console.log(
      `scale rls: ${transactions} runtime transactions as 2 users (${failedOnPurpose} failing on purpose) on ${backends.size} PostgreSQL backend(s); ` +
        `${checks.requests} interleaved HTTP requests, ${checks.rows} rows checked, ${checks.foreign404} foreign gets 404; ${misplaced} misplaced rows; ` +
        `${servers.length} server connection(s); leaks found: ${leaks.length}`,
    );
    if (leaks.length) console.log(leaks.slice(0, 10).join("\n"));
    expect(leaks).toEqual([]);
    expect(misplaced).toBe(0);
    expect(backends.size).toBe(1); // really one pooled server connection for all of it
    expect(failedOnPurpose).toBe(12);
    expect(checks.foreign404).toBe(100);
    expect(servers.length).toBeLessThanOrEqual(1);
  });
});
