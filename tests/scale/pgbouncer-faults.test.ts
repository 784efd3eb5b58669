// Faults behind PgBouncer: a PostgreSQL instance of our own (tests/fault/pg-instance.ts: the
// machine's shared server is never restarted), PgBouncer in transaction mode in front of it,
// and the generated server process connected to PgBouncer as docs/deploy.md says
// (DATABASE_PREPARE=0). Under a steady write load, first PgBouncer and then PostgreSQL behind
// it are restarted: every acknowledged (201) create must be stored, every other answer is a
// 503 problem (never a 500, never a hang), and the app recovers by itself.
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgInstance, type PgInstance } from "../fault/pg-instance.js";
import { tokenFor } from "../helpers/tokens.js";
import { byStatus, sleep, startAppProcess, startPgBouncer, writeLoad, type AppProcess, type Outcome, type PgBouncer } from "./components.js";

describe("PgBouncer and PostgreSQL restarted under a write load", () => {
  let pg: PgInstance;
  let bouncer: PgBouncer;
  let app: AppProcess;
  let db: Knex;

  beforeAll(async () => {
    pg = await startPgInstance();
    const admin = knexFactory({ client: "pg", connection: pg.url, pool: { min: 0, max: 1 } });
    await admin.raw("CREATE DATABASE scale");
    await admin.destroy();
    bouncer = await startPgBouncer({ host: "127.0.0.1", port: pg.port }, { poolSize: 2 });
    app = await startAppProcess({ DATABASE_URL: bouncer.url("scale"), DATABASE_PREPARE: "0", DATABASE_POOL_MAX: "5" });
    db = knexFactory({ client: "pg", connection: pg.url.replace(/\/postgres$/, "/scale"), pool: { min: 0, max: 1 } });
  });
  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
    await bouncer?.destroy();
    pg?.destroy();
  });

  async function underLoad(tag: string, fault: () => Promise<{ downAt: number; upAt: number }>) {
    const users = await Promise.all(["a", "b", "c"].map(async (s) => ({ id: `scale_${tag}_${s}`, token: await tokenFor(`scale_${tag}_${s}`, { expiresIn: "1h" }) })));
    const load = writeLoad(() => app.url, users, 8, tag);
    await sleep(1500);
    const { downAt, upAt } = await fault();
    let recoveredAt = 0;
    for (let i = 0; i < 300 && !recoveredAt; i++) {
      await sleep(50);
      recoveredAt = load.outcomes.find((o) => o.status === 201 && o.at > upAt)?.at ?? 0;
    }
    await sleep(1000);
    const outcomes: Outcome[] = await load.stop();
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
    const stored = new Set((await db("tasks").whereIn("user_id", users.map((u) => u.id)).pluck("id")) as number[]);
    const missing = acknowledged.filter((id) => !stored.has(id));
    const failed = outcomes.filter((o) => o.status !== 201);
    const during = outcomes.filter((o) => o.at >= downAt - 200 && o.at < upAt);
    console.log(
      `scale ${tag}: ${outcomes.length} creates, by status ${JSON.stringify(byStatus(outcomes))}; ${acknowledged.length} acknowledged, ${stored.size} stored, ${missing.length} missing; ` +
        `${failed.length} failures seen; recovered ${recoveredAt ? recoveredAt - upAt : "never"} ms after the restart; slowest answer ${Math.max(...outcomes.map((o) => o.ms))} ms`,
    );
    if (byStatus(outcomes)["500"]) console.log([...new Set(app.output().split("\n").filter((l) => l.includes("unexpected")).map((l) => l.slice(0, 600)))].slice(0, 5).join("\n"));
    expect(missing).toEqual([]);
    expect(byStatus(outcomes)["500"] ?? 0).toBe(0);
    expect(byStatus(outcomes)["0"] ?? 0).toBe(0); // every request got an answer
    for (const o of failed) expect(o.status).toBe(503);
    expect(during.length).toBeGreaterThan(0);
    expect(recoveredAt).toBeGreaterThan(0);
    expect(recoveredAt - upAt).toBeLessThan(10_000);
    expect(acknowledged.length).toBeGreaterThan(20);
    // At most the requests cut off by the fault committed without an answer.
    expect(stored.size - acknowledged.length).toBeLessThanOrEqual(failed.length);
    return { failed };
  }

  it("PgBouncer restarted (SIGTERM, 1 s down, started again on its port): no acknowledged write lost", async () => {
    const { failed } = await underLoad("bouncer", async () => {
      const downAt = Date.now();
      await bouncer.stop("SIGTERM");
      await sleep(1000);
      await bouncer.start();
      return { downAt, upAt: Date.now() };
    });
    expect(failed.length).toBeGreaterThan(0); // the restart really cut requests off
  });

  it("PostgreSQL restarted behind PgBouncer (fast shutdown, 2 s down): no acknowledged write lost", async () => {
    await underLoad("postgres", async () => {
      const downAt = Date.now();
      pg.stop();
      await sleep(2000);
      pg.start();
      return { downAt, upAt: Date.now() };
    });
  });
});
