// EXPLAIN ANALYZE of the generated list statement for one user who owns many rows, on real
// PostgreSQL with row-level security, as the app runs it (its role, the caller set per
// transaction). Usage: tsx bench/explain-list.ts [rows=200000] [query=?limit=20]
import { startGeneratedApp } from "../tests/helpers/server.js";
import { tokenFor } from "../tests/helpers/tokens.js";

const ROWS = Number(process.argv[2] ?? 200_000);
const QUERY = process.argv[3] ?? "?limit=20";
const USER = "explain_user";
const seen: Array<{ sql: string; bindings: unknown[] }> = [];
let capture = false;
const app = await startGeneratedApp("postgres", {
  onQuery: (sql, _b) => {
    if (capture) seen.push({ sql, bindings: [] });
  },
  ops: { rateLimit: { windowMs: 60_000, userMax: 0, ipMax: 0 } },
});
const knex = app.database.db.knex;
knex.on("query", (q: { sql: string; bindings?: unknown[] }) => {
  if (capture && seen.length && seen[seen.length - 1]!.sql === q.sql) seen[seen.length - 1]!.bindings = q.bindings ?? [];
});
const token = await tokenFor(USER);
await app.call("POST", `/api/${USER}/tasks`, { token, body: { title: "first" } });
await knex.raw(
  `INSERT INTO tasks (user_id, title, created_at) SELECT ?, 'task ' || g, now() - (g || ' seconds')::interval FROM generate_series(1, ?) g`,
  [USER, ROWS],
);
await knex.raw("ANALYZE tasks");
capture = true;
const res = await app.call("GET", `/api/${USER}/tasks${QUERY}`, { token });
capture = false;
console.log(`GET ${QUERY} -> ${res.status}, ${res.body.length} rows, X-Total-Count ${res.headers.get("x-total-count")}`);
const list = seen.find((s) => /FROM "tasks"/.test(s.sql) && /ORDER BY/.test(s.sql))!;
console.log(list.sql);
const plan = await knex.transaction(async (trx) => {
  await trx.raw("SELECT set_config('app.user_id', ?, true)", [USER]);
  await trx.raw("SET LOCAL ROLE specforge_app");
  const values: unknown[] = [];
  const text = list.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    values.push(list.bindings[Number(n) - 1]);
    return "?";
  });
  return (await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values as never)) as { rows: Array<{ "QUERY PLAN": string }> };
});
for (const r of plan.rows) console.log(r["QUERY PLAN"]);
await app.close();
