// The seam runtime/scope.ts builds on: knex's internal PostgreSQL transaction class, subclassed
// so that BEGIN and the caller's set_config go in one round trip. Exercised directly on
// PostgreSQL (the app tests only see it through the routes): if knex changes that class, this
// fails here, naming it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBatch, createUserScope, callerOf, planCacheModeFromEnv } from "../../generated/runtime/scope.js";
import { freshDatabase, type TestDatabase } from "../helpers/databases.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase("postgres");
  await t.db.knex.raw("CREATE TABLE seam_rows (id serial PRIMARY KEY, who text)");
});
afterAll(async () => {
  await t?.dispose();
});

describe("knex's pg transaction subclass (runtime/scope.ts)", () => {
  it("opens the transaction and sets the caller in one statement; the setting ends with it; a failure rolls back", async () => {
    const knex = t.db.knex;
    const sent: string[] = [];
    const listen = (q: { sql: string }) => sent.push(q.sql);
    knex.on("query", listen);
    const scope = createUserScope(knex);
    try {
      const seen = await scope("alice", async (db) => {
        expect(callerOf(db)).toBe("alice"); // marked for the models (runtime/model.ts)
        const r = await db.raw("SELECT current_setting('app.user_id', true) AS who, txid_current_if_assigned() IS NULL AS fresh");
        return r.rows[0];
      });
      expect(seen).toEqual({ who: "alice", fresh: true });
      // The subclass's begin(): BEGIN and set_config as one message, before the work's statement.
      // The caller's tenant is set too, to '' when there is none, so no value can outlive its transaction.
      expect(sent[0]).toMatch(/^BEGIN; SELECT set_config\('app\.user_id', 'alice', true\), set_config\('app\.tenant_id', '', true\)$/);
      expect(sent.filter((s) => /^BEGIN/i.test(s))).toHaveLength(1);
      expect(sent.filter((s) => /set_config/.test(s))).toHaveLength(1);
    } finally {
      knex.off("query", listen);
    }
    // Outside the transaction the caller is gone (set_config(..., true) is transaction-local).
    const after = await knex.raw("SELECT coalesce(current_setting('app.user_id', true), '') AS who");
    expect(after.rows[0].who).toBe("");
    // A failing work rolls back what it wrote; the error reaches the caller.
    await expect(
      scope("alice", async (db) => {
        await db("seam_rows").insert({ who: "alice" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await knex("seam_rows").count("* as n").first()).toEqual({ n: "0" });
    await scope("bob", (db) => db("seam_rows").insert({ who: "bob" }));
    expect(await knex("seam_rows").select("who")).toEqual([{ who: "bob" }]);
  });

  it("plans the row actions' batch as DATABASE_PLAN_CACHE_MODE says; the scope of hooks and custom code keeps PostgreSQL's choice", async () => {
    const knex = t.db.knex;
    const plans = "SELECT current_setting('plan_cache_mode') AS plans";
    const batched = async (b: ReturnType<typeof createBatch>) => ((await b("alice", [{ text: plans, values: [] }]))[0] as unknown as { rows: Array<{ plans: string }> }).rows[0]!.plans;
    expect(await batched(createBatch(knex))).toBe("force_generic_plan");
    expect(await batched(createBatch(knex, { planCacheMode: "auto" }))).toBe("auto");
    expect(await batched(createBatch(knex, { planCacheMode: "force_custom_plan" }))).toBe("force_custom_plan");
    expect(await createUserScope(knex)("alice", async (db) => (await db.raw(plans)).rows[0].plans)).toBe("auto");
    // Transaction-local: the pooled connection is back to the default afterwards.
    expect((await knex.raw(plans)).rows[0].plans).toBe("auto");
    expect(planCacheModeFromEnv({})).toBe("force_generic_plan");
    expect(planCacheModeFromEnv({ DATABASE_PLAN_CACHE_MODE: "auto" })).toBe("auto");
    expect(() => planCacheModeFromEnv({ DATABASE_PLAN_CACHE_MODE: "generic" })).toThrow(/DATABASE_PLAN_CACHE_MODE must be/);
  });
});
