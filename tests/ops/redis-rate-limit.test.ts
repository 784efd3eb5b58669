// Two instances of the generated app on one PostgreSQL database, sharing rate-limit
// counters in the real Redis at REDIS_URL (default 127.0.0.1:6379): the limit holds
// across them, also under concurrent requests. With in-memory counters it would not.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";
import { migrations } from "../../generated/migrations/index.js";
import { migrateLatest } from "../../generated/runtime/migrate.js";
import { MemoryStore, RedisStore, rateLimitStoreFromEnv } from "../../generated/runtime/rate-limit.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

describe("rate limits shared through Redis", () => {
  let database: TestDatabase;
  const prefix = `specforge:test:${randomBytes(6).toString("hex")}:`;
  const clients: Redis[] = [];
  const apps: RunningApp[] = [];
  const limits = { windowMs: 60_000, userMax: 5, ipMax: 0 };

  async function instance(store: RedisStore | MemoryStore): Promise<RunningApp> {
    const app = await startGeneratedApp("postgres", { database, rateLimitStore: store, ops: { rateLimit: limits } });
    apps.push(app);
    return app;
  }
  function redisStore(): RedisStore {
    const r = new Redis(REDIS_URL);
    clients.push(r);
    return new RedisStore(r, prefix);
  }

  beforeAll(async () => {
    database = await freshDatabase("postgres");
    await migrateLatest(database.db.knex, migrations);
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
    for (const c of clients) await c.quit().catch(() => {});
    await database?.dispose();
  });

  it("holds one user's limit across two instances", async () => {
    const a = await instance(redisStore());
    const b = await instance(redisStore());
    const token = await tokenFor("shared_user");
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const app = i % 2 === 0 ? a : b;
      statuses.push((await app.call("GET", "/api/shared_user/tasks", { token })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await b.call("GET", "/api/shared_user/tasks", { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // The counter is in Redis, with an expiry (so it can never stick).
    const r = clients[0]!;
    expect(Number(await r.get(`${prefix}user:shared_user`))).toBe(9);
    const ttl = await r.pttl(`${prefix}user:shared_user`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("lets exactly the limit through when both instances are hit at once", async () => {
    const a = await instance(redisStore());
    const b = await instance(redisStore());
    const token = await tokenFor("burst_user");
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).call("GET", "/api/burst_user/tasks", { token })),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const limited = results.filter((r) => r.status === 429).length;
    expect(ok).toBe(5);
    expect(limited).toBe(19);
  });

  it("(contrast) with in-memory counters each instance counts alone", async () => {
    const a = await instance(new MemoryStore());
    const b = await instance(new MemoryStore());
    const token = await tokenFor("memory_user");
    let ok = 0;
    for (let i = 0; i < 12; i++) if ((await (i % 2 === 0 ? a : b).call("GET", "/api/memory_user/tasks", { token })).status === 200) ok++;
    expect(ok).toBe(10);
  });

  it("uses Redis when REDIS_URL is set, memory otherwise", async () => {
    const fromEnv = await rateLimitStoreFromEnv({ REDIS_URL });
    expect(fromEnv).toBeInstanceOf(RedisStore);
    const hit = await fromEnv.hit(`${prefix}-env-probe`, 1000);
    expect(hit.count).toBe(1);
    await fromEnv.close?.();
    const mem = await rateLimitStoreFromEnv({});
    expect(mem).toBeInstanceOf(MemoryStore);
    await mem.close?.();
  });
});
