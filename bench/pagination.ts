// Deep pages by cursor vs offset on real PostgreSQL: 100,000 tasks for one user, then
// page 1 and page 4,000 (25 per page) through the generated app over HTTP.
// Run: npm run bench:pagination   (not part of npm test; needs PostgreSQL, TEST_DATABASE_URL)
import { randomBytes, createSecretKey } from "node:crypto";
import type { AddressInfo } from "node:net";
import knexFactory from "knex";
import { SignJWT } from "jose";
import { createApp } from "../generated/app.js";
import { migrations } from "../generated/migrations/index.js";
import { ownedTables } from "../generated/rls.js";
import { openDatabase } from "../generated/runtime/db.js";
import { migrateLatest } from "../generated/runtime/migrate.js";
import { createVerifier } from "../generated/runtime/auth.js";
import { applyRowLevelSecurity, ensureAppRole } from "../generated/runtime/rls.js";

const ADMIN = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ROWS = 100_000;
const PER_PAGE = 25;
const DEEP_PAGE = 4_000;
const RUNS = 30;
const SECRET = "bench-secret-that-is-long-enough-for-hs256-000000";
const USER = "bench_user";

async function main(): Promise<void> {
  const name = `specforge_bench_${randomBytes(4).toString("hex")}`;
  const admin = knexFactory({ client: "pg", connection: ADMIN, pool: { min: 0, max: 1 } });
  await admin.raw("CREATE DATABASE ??", [name]);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 4 });
  try {
    await migrateLatest(db.knex, migrations);
    await applyRowLevelSecurity(db.knex, ownedTables);
    await ensureAppRole(db.knex, "specforge_app");
    await db.knex("users").insert({ id: USER });
    // Distinct created_at values, one second apart, as real tasks would have.
    await db.knex.raw(
      `insert into tasks (user_id, title, created_at, updated_at)
       select ?, 'task ' || g, now() - (g || ' seconds')::interval, now() from generate_series(1, ?) g`,
      [USER, ROWS],
    );
    await db.knex.raw("analyze tasks");
    const app = createApp({ knex: db.knex, verify: createVerifier({ secret: SECRET }), dbRole: "specforge_app", logError: (e) => console.error(e) });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/${USER}/tasks`;
    const token = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(USER).setExpirationTime("1h").sign(createSecretKey(Buffer.from(SECRET)));
    const get = async (q: string) => {
      const res = await fetch(base + q, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`${q}: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as unknown[];
      if (body.length !== PER_PAGE) throw new Error(`${q}: ${body.length} rows`);
      return res.headers.get("x-next-cursor");
    };
    // The cursor of page 4,000: walk there once (this is what a client paging forward does).
    let cursor: string | null = null;
    for (let p = 1; p < DEEP_PAGE; p++) cursor = await get(`?limit=${PER_PAGE}${cursor ? `&cursor=${cursor}` : ""}`);
    const deepCursor = cursor!;
    const cases: Array<[string, string]> = [
      ["page 1, by cursor (?cursor= empty: no count)", `?limit=${PER_PAGE}&cursor=`],
      [`page ${DEEP_PAGE}, by cursor`, `?limit=${PER_PAGE}&cursor=${deepCursor}`],
      ["page 1, by offset", `?limit=${PER_PAGE}&offset=0`],
      [`page ${DEEP_PAGE}, by offset`, `?limit=${PER_PAGE}&offset=${(DEEP_PAGE - 1) * PER_PAGE}`],
    ];
    for (const [, q] of cases) for (let i = 0; i < 10; i++) await get(q); // warm up
    console.log(`${ROWS} tasks for one user, ${PER_PAGE} per page, median of ${RUNS} requests (HTTP, JWT, RLS transaction included):`);
    for (const [label, q] of cases) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await get(q);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(45)} median ${times[RUNS >> 1]!.toFixed(2)} ms   p90 ${times[Math.floor(RUNS * 0.9)]!.toFixed(2)} ms`);
    }
    const plan = (await db.knex.transaction(async (trx) => {
      await trx.raw("select set_config('app.user_id', ?, true)", [USER]);
      const [, value, id] = JSON.parse(Buffer.from(deepCursor, "base64url").toString()) as [string, string, number];
      return await trx.raw(`explain (analyze, buffers off, timing off, summary on) select * from tasks where user_id = ? and (created_at, id) < (?, ?) order by created_at desc, id desc limit 26`, [USER, value, id]);
    })) as { rows: Array<Record<string, string>> };
    console.log("  plan of the deep cursor query:\n" + plan.rows.map((r) => "    " + r["QUERY PLAN"]).join("\n"));
    await new Promise((r) => server.close(r));
  } finally {
    await db.close();
    await admin.raw("DROP DATABASE IF EXISTS ?? WITH (FORCE)", [name]);
    await admin.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
