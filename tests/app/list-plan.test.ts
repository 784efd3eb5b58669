// A list costs O(limit), not O(rows the caller has): for a user who owns many rows, the first
// page of every sort the API offers runs a plan with no count of the user's rows and no scan of
// the whole table: an index led by the owner column gives the rows in order (EXPLAIN on real
// PostgreSQL, as the app runs the statement: its role, row-level security, the caller set).
// A regression here fails CI, not only the load benchmark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { tokenFor } from "../helpers/tokens.js";

const USER = "plan_user";
const ROWS = 20_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

function nodes(n: PlanNode): PlanNode[] {
  return [n, ...(n.Plans ?? []).flatMap(nodes)];
}

describe("list plans for a user with many rows (PostgreSQL)", () => {
  let app: RunningApp;
  let token: string;
  const statements: Array<{ sql: string; bindings: unknown[] }> = [];
  let capture = false;

  beforeAll(async () => {
    app = await startGeneratedApp("postgres", { ops: { rateLimit: { windowMs: 60_000, userMax: 0, ipMax: 0 } } });
    app.database.db.knex.on("query", (q: { sql: string; bindings?: unknown[] }) => {
      if (capture) statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
    });
    token = await tokenFor(USER);
    expect((await app.call("POST", `/api/${USER}/tasks`, { token, body: { title: "first" } })).status).toBe(201);
    // Rows with every sort key set, and some with none (nullable keys sort their nulls last).
    await app.database.db.knex.raw(
      `INSERT INTO tasks (user_id, title, priority, due_date, created_at)
       SELECT ?, 'task ' || g, (ARRAY['low','medium','high'])[1 + g % 3], CASE WHEN g % 5 = 0 THEN NULL ELSE now() + (g || ' minutes')::interval END, now() - (g || ' seconds')::interval
       FROM generate_series(1, ?) g`,
      [USER, ROWS],
    );
    // Other users' rows too: the owner column must lead the index, or the scan would read them.
    await app.database.db.knex.raw(`INSERT INTO users (id) SELECT 'other_' || g FROM generate_series(1, 50) g ON CONFLICT DO NOTHING`);
    await app.database.db.knex.raw(`INSERT INTO tasks (user_id, title) SELECT 'other_' || (g % 50 + 1), 'theirs ' || g FROM generate_series(1, ?) g`, [ROWS]);
    // Tags: the user has many, each of their newest tasks carries two. An embedded relation must be
    // read from the join table's rows of each task, not from all of the user's tags per task.
    await app.database.db.knex.raw(`INSERT INTO tags (user_id, name) SELECT ?, 'tag ' || g FROM generate_series(1, 300) g`, [USER]);
    await app.database.db.knex.raw(`INSERT INTO tags (user_id, name) SELECT 'other_' || u, 'tag ' || g FROM generate_series(1, 50) u, generate_series(1, 400) g`);
    await app.database.db.knex.raw(
      `INSERT INTO task_tags (user_id, task_id, tag_id)
       SELECT t.user_id, t.id, g.id FROM (SELECT id, user_id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS n FROM tasks WHERE user_id = ?) t
       JOIN tags g ON g.user_id = t.user_id AND g.name IN ('tag ' || (1 + t.n % 300), 'tag ' || (1 + (t.n + 7) % 300)) WHERE t.n <= 2000`,
      [USER],
    );
    await app.database.db.knex.raw("ANALYZE tasks; ANALYZE tags; ANALYZE task_tags");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The list statement the app ran for `query`, and its plan as the app's role sees it. */
  async function planOf(query: string, headers: Record<string, string> = {}): Promise<{ sql: string; plan: PlanNode; generic: PlanNode; status: number; total: string | null }> {
    statements.length = 0;
    capture = true;
    const res = await app.call("GET", `/api/${USER}/tasks${query}`, { token, headers });
    capture = false;
    expect(res.status, query).toBe(200);
    expect(res.body.length, query).toBe(20);
    const list = statements.find((s) => /FROM "tasks"/.test(s.sql) && /ORDER BY/.test(s.sql));
    expect(list, query).toBeDefined();
    const values: unknown[] = [];
    const text = list!.sql.replace(/\$(\d+)/g, (_m, n: string) => {
      values.push(list!.bindings[Number(n) - 1]);
      return "?";
    });
    const plan = await app.database.db.knex.transaction(async (trx) => {
      await trx.raw("SELECT set_config('app.user_id', ?, true)", [USER]);
      await trx.raw(`SET LOCAL ROLE ${APP_ROLE}`);
      const r = await trx.raw(`EXPLAIN (FORMAT JSON) ${text}`, values as never);
      return (r.rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    });
    // The plan the app runs: its requests plan each statement once per connection (plan_cache_mode
    // force_generic_plan, runtime/scope.ts), a plan made without the values, for every caller.
    const literal = (v: unknown) => (v === null ? "NULL" : `'${String(v instanceof Date ? v.toISOString() : v).replace(/'/g, "''")}'`);
    const generic = await app.database.db.knex.transaction(async (trx) => {
      await trx.raw("SELECT set_config('app.user_id', ?, true), set_config('plan_cache_mode', 'force_generic_plan', true)", [USER]);
      await trx.raw(`SET LOCAL ROLE ${APP_ROLE}`);
      await trx.raw(`PREPARE sf_list_plan AS ${list!.sql.replace(/\?/g, "\\?")}`);
      const r = await trx.raw(`EXPLAIN (FORMAT JSON) EXECUTE sf_list_plan(${list!.bindings.map(literal).join(", ")})`);
      await trx.raw("DEALLOCATE sf_list_plan");
      return (r.rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0]!.Plan;
    });
    return { sql: list!.sql, plan, generic, status: res.status, total: res.headers.get("x-total-count") };
  }

  const sorts = ["", "&sort=created", "&sort=-created", "&sort=title", "&sort=-title", "&sort=due_date", "&sort=priority&order=desc"];
  it.each(sorts)("first page ?limit=20%s: no count, the rows from an index led by the owner", async (sort) => {
    const { sql, plan, generic, total } = await planOf(`?limit=20${sort}`);
    expect(total).toBeNull();
    expect(sql).not.toMatch(/count\(\*\)/);
    for (const [which, p] of [["with the values", plan], ["generic", generic]] as const) {
      const tasks = nodes(p).filter((n) => n["Relation Name"] === "tasks");
      expect(tasks.map((n) => n["Node Type"]), `${sort} ${which}`).not.toContain("Seq Scan");
      expect(tasks.some((n) => /Index/.test(n["Node Type"]) && /^tasks_user_id_/.test(n["Index Name"] ?? "")), `${sort} ${which}: ${JSON.stringify(tasks)}`).toBe(true);
      // Served in order by the index: no sort over the user's rows (an incremental sort of ties is not one).
      expect(nodes(p).map((n) => n["Node Type"]), `${sort} ${which}`).not.toContain("Sort");
      // The embedded tags: each read by its key from the join table's rows of the task at hand.
      const tags = nodes(p).filter((n) => n["Relation Name"] === "tags" || /^tags_/.test(n["Index Name"] ?? ""));
      expect(tags.length, `${sort} ${which}`).toBeGreaterThan(0);
      for (const n of tags) expect(n["Index Cond"] ?? "", `${sort} ${which}: ${JSON.stringify(tags)}`).toMatch(/\bid = /);
    }
  });

  it("counts only when asked for, then exactly", async () => {
    const { sql, total } = await planOf("?limit=20", { prefer: "count=exact" });
    expect(sql).toMatch(/count\(\*\)/);
    expect(total).toBe(String(ROWS + 1));
  });
});
