// The floor: the same four todo operations the benchmark drives (list newest 20, get one,
// create, update), hand-written as tightly as we can with Koa + @koa/router + raw `pg` +
// jose. Same HTTP contract as the generated app (same JSON rows with `tags`, X-Total-Count
// when asked for with `Prefer: count=exact`, 201 + Location, 404 for a foreign row, 422 for a
// bad body) and the same security: a verified token (HS256 with the key imported once, or
// EdDSA from a JWKS URL as Better Auth issues them: FLOOR_JWKS_URL), `{user_id}` must be the
// caller, every query filtered by the owner. One statement per request: no ORM, no logging,
// no rate limits.
// FLOOR_RLS=1 also runs each request in a transaction that sets app.user_id and the app
// role first (what the generated app does for row-level security): that shows what the
// extra round trips cost by themselves.
//
// Env: DATABASE_URL, JWT_SECRET or FLOOR_JWKS_URL, PORT, HOST (127.0.0.1), DATABASE_POOL_MAX (10), FLOOR_RLS, FLOOR_ROLE.
import { webcrypto } from "node:crypto";
import Koa from "koa";
import type { Context } from "koa";
import Router from "@koa/router";
import pg from "pg";
import { createRemoteJWKSet, jwtVerify } from "jose";

// Imported once as a CryptoKey: jose 6 would re-import a KeyObject's bytes on every call.
const JWKS = process.env.FLOOR_JWKS_URL ? createRemoteJWKSet(new URL(process.env.FLOOR_JWKS_URL)) : null;
const key = JWKS ? null : await webcrypto.subtle.importKey("raw", Buffer.from(process.env.JWT_SECRET ?? "", "utf8"), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const RLS = process.env.FLOOR_RLS === "1";
const ROLE = process.env.FLOOR_ROLE ?? "specforge_app";
const PRIORITIES = new Set(["low", "medium", "high"]);

// The row as the API shows it, with the tags embedded by one correlated subquery.
const COLUMNS = `t.id, t.user_id, t.title, t.description, t.completed, t.priority, t.due_date, t.category_id, t.created_at, t.updated_at`;
const TAGS = `coalesce((select json_agg(json_build_object('id', g.id, 'user_id', g.user_id, 'name', g.name, 'created_at', g.created_at) order by g.id)
  from task_tags l join tags g on g.id = l.tag_id where l.task_id = t.id and l.user_id = t.user_id and g.user_id = t.user_id), '[]'::json) as tags`;

class Problem extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(detail);
  }
}

async function run<T extends pg.QueryResultRow>(userId: string, sql: string, params: unknown[]): Promise<T[]> {
  if (!RLS) return (await pool.query<T>(sql, params)).rows;
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("select set_config('app.user_id', $1, true), set_config('role', $2, true)", [userId, ROLE]);
    const { rows } = await client.query<T>(sql, params);
    await client.query("COMMIT");
    return rows;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function callerOf(ctx: Context): Promise<string> {
  const m = /^Bearer ([^ ]+)$/.exec(ctx.get("Authorization"));
  if (!m) throw new Problem(401, "a bearer token is required");
  let sub: unknown;
  try {
    ({ payload: { sub } } = JWKS ? await jwtVerify(m[1]!, JWKS, { algorithms: ["EdDSA"], requiredClaims: ["exp"] }) : await jwtVerify(m[1]!, key!, { algorithms: ["HS256"], requiredClaims: ["exp"] }));
  } catch {
    throw new Problem(401, "the token is not valid");
  }
  if (typeof sub !== "string" || sub === "") throw new Problem(401, "the token has no subject");
  if (ctx.params["user_id"] !== sub) throw new Problem(403, "not your user id");
  return sub;
}

function taskId(raw: string | undefined): number {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2147483647) throw new Problem(404, "task not found");
  return Number(raw);
}

async function readBody(ctx: Context): Promise<Record<string, unknown>> {
  let text = "";
  for await (const chunk of ctx.req) text += chunk;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Problem(400, "not JSON");
  }
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new Problem(422, "must be an object");
  return v as Record<string, unknown>;
}

const FIELDS: Record<string, (v: unknown) => boolean> = {
  title: (v) => typeof v === "string" && v.length >= 1 && v.length <= 200,
  description: (v) => v === null || (typeof v === "string" && v.length <= 2000),
  completed: (v) => typeof v === "boolean",
  priority: (v) => typeof v === "string" && PRIORITIES.has(v),
  due_date: (v) => v === null || (typeof v === "string" && !Number.isNaN(Date.parse(v))),
  category_id: (v) => v === null || (Number.isInteger(v) && Math.abs(v as number) <= 2147483647),
};

function validate(body: Record<string, unknown>, create: boolean): [string[], unknown[]] {
  const cols: string[] = [];
  const vals: unknown[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === "id" || k === "user_id" || k === "created_at" || k === "updated_at") continue;
    const ok = FIELDS[k];
    if (!ok) throw new Problem(422, `${k}: is not a known field`);
    if (!ok(v)) throw new Problem(422, `${k}: is not valid`);
    cols.push(k);
    vals.push(v);
  }
  if (create && !cols.includes("title")) throw new Problem(422, "title: is required");
  if (!create && cols.length === 0) throw new Problem(422, "nothing to change");
  if (cols.includes("category_id") && body.category_id !== null) throw new Problem(422, "category_id: not supported by the floor");
  return [cols, vals];
}

const known = new Set<string>();

const app = new Koa();
app.use(async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    const p = err instanceof Problem ? err : new Problem(500, "unexpected");
    if (!(err instanceof Problem)) console.error(err);
    ctx.status = p.status;
    ctx.type = "application/problem+json";
    ctx.body = { type: "about:blank", title: "Error", status: p.status, detail: p.detail };
  }
});
const router = new Router();
router.get("/healthz", (ctx) => {
  ctx.body = { status: "ok" };
});
router.get("/api/:user_id/tasks", async (ctx) => {
  const userId = await callerOf(ctx);
  const limitRaw = ctx.query["limit"];
  const limit = limitRaw === undefined ? 50 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new Problem(422, "limit: 1 to 100");
  // The total only when asked for: counting every row of the user makes a list O(rows).
  const count = /\bcount=exact\b/.test(ctx.get("Prefer"));
  const rows = await run<{ total: string } & Record<string, unknown>>(
    userId,
    `select ${COLUMNS}, ${TAGS}${count ? ", (select count(*) from tasks c where c.user_id = $1) as total" : ""}
       from tasks t where t.user_id = $1 order by t.created_at desc, t.id desc limit $2`,
    [userId, limit],
  );
  if (count) {
    ctx.set("X-Total-Count", rows.length ? String(rows[0]!.total) : "0");
    for (const r of rows) delete (r as { total?: unknown }).total;
  }
  ctx.body = rows;
});
router.get("/api/:user_id/tasks/:id", async (ctx) => {
  const userId = await callerOf(ctx);
  const id = taskId(ctx.params["id"]);
  const [row] = await run(userId, `select ${COLUMNS}, ${TAGS} from tasks t where t.id = $1 and t.user_id = $2`, [id, userId]);
  if (!row) throw new Problem(404, "task not found");
  ctx.body = row;
});
router.post("/api/:user_id/tasks", async (ctx) => {
  const userId = await callerOf(ctx);
  const [cols, vals] = validate(await readBody(ctx), true);
  if (!known.has(userId)) {
    await pool.query("insert into users (id) values ($1) on conflict do nothing", [userId]);
    known.add(userId);
  }
  const params = cols.map((_, i) => `$${i + 2}`).join(", ");
  const [row] = await run<Record<string, unknown>>(
    userId,
    `insert into tasks (user_id, ${cols.join(", ")}) values ($1, ${params}) returning ${COLUMNS.replace(/t\./g, "")}`,
    [userId, ...vals],
  );
  row!.tags = [];
  ctx.status = 201;
  ctx.set("Location", `${ctx.path}/${row!.id}`);
  ctx.body = row;
});
router.patch("/api/:user_id/tasks/:id", async (ctx) => {
  const userId = await callerOf(ctx);
  const id = taskId(ctx.params["id"]);
  const [cols, vals] = validate(await readBody(ctx), false);
  const sets = cols.map((c, i) => `${c} = $${i + 3}`).join(", ");
  const [row] = await run(
    userId,
    `update tasks t set ${sets}, updated_at = now() where t.id = $1 and t.user_id = $2 returning ${COLUMNS}, ${TAGS}`,
    [id, userId, ...vals],
  );
  if (!row) throw new Problem(404, "task not found");
  ctx.body = row;
});
app.use(router.routes());
app.use(router.allowedMethods());
app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
// Exit cleanly on the benchmark's SIGINT (so that --cpu-prof writes its profile).
process.on("SIGINT", () => process.exit(0));
