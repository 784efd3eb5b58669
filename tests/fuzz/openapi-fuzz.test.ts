// Property-based requests generated from generated/openapi.json (fast-check): random path
// ids, query strings, bodies (schema-shaped, random JSON and malformed text) and headers
// (tokens valid, missing, foreign, broken; odd content types) for every operation, sent to
// the generated app on real PostgreSQL as user B while user A owns rows of every table.
// Every response must: not be a 5xx; have a status the operation declares; have a body that
// validates (ajv) against the schema declared for that status; and contain nothing of A's.
// npm test runs FUZZ_REQUESTS=1000 (default); npm run test:fuzz runs 10,000.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";
import openapi from "../../generated/openapi.json" with { type: "json" };
import { startGeneratedApp, type RunningApp } from "../helpers/server.js";
import { expiredToken, tokenFor } from "../helpers/tokens.js";
import { deref as derefIn } from "../helpers/generic-fuzz.js";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1000);
const BATCH = 8; // requests in flight at once
const A = "fuzz_alice";
const B = "fuzz_bob";
const MARK: Record<string, string> = { [A]: "ALICE-PRIVATE", [B]: "BOB-PRIVATE" };

type Op = { method: string; path: string; op: any };
const doc = openapi as any;
const OPS: Op[] = Object.entries(doc.paths as Record<string, any>)
  .filter(([p]) => p.startsWith("/api/"))
  .flatMap(([path, item]) => Object.entries(item).filter(([, o]: [string, any]) => o && o.responses).map(([method, op]) => ({ method: method.toUpperCase(), path, op })));

const addFormats = addFormatsModule.default as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
ajv.addSchema(doc, "openapi.json");
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

const deref = (x: any): any => derefIn(doc, x);

/** The validator for the body of `status` of an operation, or null when the status is not declared. */
const validators = new Map<string, ((v: unknown) => boolean) | "none" | null>();
function validatorFor(o: Op, status: number): { validate: ((v: unknown) => boolean) | "none"; type: string | null } | null {
  const declared = o.op.responses[String(status)] ? String(status) : o.op.responses.default ? "default" : null;
  if (!declared) return null;
  const res = deref(o.op.responses[declared]);
  const [type] = Object.keys(res.content ?? {});
  const key = `${o.method} ${o.path} ${declared}`;
  if (!validators.has(key)) {
    if (!type) validators.set(key, "none");
    else {
      const ref = o.op.responses[declared].$ref ? `openapi.json${o.op.responses[declared].$ref}/content/${pointer(type)}/schema` : `openapi.json#/${pointer("paths", o.path, o.method.toLowerCase(), "responses", declared, "content", type, "schema")}`;
      validators.set(key, ajv.compile({ $ref: ref }));
    }
  }
  return { validate: validators.get(key)!, type: type ?? null };
}

// Values: what a client might send, sane and not.
const weird = fc.oneof(
  fc.constantFrom("", " ", "0", "-1", "1.5", "1e3", "2147483648", "99999999999999999999", "null", "true", "[]", "{}", "%00", "../../etc/passwd", "' OR 1=1 --", "\u0000", "é", "😀", "a".repeat(300)),
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
);
// A path segment: an empty one, "." or ".." would address another route (or none), not this operation.
const segment = weird.filter((s) => s !== "" && s !== "." && s !== "..");
const jsonValue = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));

function fieldValue(schema: any): fc.Arbitrary<unknown> {
  const s = deref(schema) ?? {};
  const opts: fc.Arbitrary<unknown>[] = [jsonValue];
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (s.enum) opts.push(fc.constantFrom(...s.enum));
  if (types.includes("string")) {
    opts.push(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 50, 60) }));
    if (s.format === "date-time") opts.push(fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((d) => d.toISOString()));
  }
  if (types.includes("integer")) opts.push(fc.integer({ min: -5, max: 50 }), fc.integer());
  if (types.includes("null")) opts.push(fc.constant(null));
  return fc.oneof(...opts);
}

function bodyFor(o: Op): fc.Arbitrary<{ text?: string; json?: unknown } | null> {
  const content = o.op.requestBody?.content?.["application/json"];
  if (!content) return fc.constant(null); // fetch sends no body with GET; DELETE and actions take none
  const schema = deref(content.schema);
  const props: Record<string, any> = schema.properties ?? {};
  const shaped = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fieldValue(v)])), { requiredKeys: [] });
  const extra = fc.dictionary(fc.constantFrom("id", "user_id", "created_at", "zzz", "__proto__", "constructor", "title"), jsonValue, { maxKeys: 2 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(shaped, extra).map(([a, b]) => ({ json: { ...b, ...a } })) },
    { weight: 2, arbitrary: shaped.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.oneof(fc.constant(""), fc.constant("{"), fc.constant("{\"title\":"), fc.string({ maxLength: 30 })).map((text) => ({ text })) },
  );
}

interface Ids {
  mine: number[];
  theirs: number[];
}

interface Req {
  op: Op;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** Whose valid token the request carries (null: none valid). */
  who: string | null;
}

describe("OpenAPI-driven fuzzing of the generated app on PostgreSQL", () => {
  let app: RunningApp;
  let tokens: { b: string; a: string; expired: string; otherSecret: string };
  const ids: Record<string, Ids> = {};
  const rowIds: Record<string, Record<string, Set<number>>> = { [A]: {}, [B]: {} };

  beforeAll(async () => {
    app = await startGeneratedApp("postgres", { ops: { rateLimit: { windowMs: 60_000, userMax: 0, ipMax: 0 } } });
    tokens = { b: await tokenFor(B, { expiresIn: "1h" }), a: await tokenFor(A, { expiresIn: "1h" }), expired: await expiredToken(B), otherSecret: await tokenFor(B, { secret: "another-secret-that-is-long-enough-for-hs256-xx" }) };
    const seed = async (user: string, token: string, n: number) => {
      const made: Record<string, number[]> = { categories: [], tags: [], tasks: [] };
      for (let i = 0; i < n; i++) {
        const mark = `${MARK[user]}-${i}`;
        const c = await app.call("POST", `/api/${user}/categories`, { token, body: { name: mark, color: "#00ff00" } });
        const t = await app.call("POST", `/api/${user}/tags`, { token, body: { name: mark } });
        const k = await app.call("POST", `/api/${user}/tasks`, { token, body: { title: mark, description: mark, category_id: c.body.id } });
        expect([c.status, t.status, k.status]).toEqual([201, 201, 201]);
        await app.call("PUT", `/api/${user}/tasks/${k.body.id}/tags/${t.body.id}`, { token });
        made.categories!.push(c.body.id);
        made.tags!.push(t.body.id);
        made.tasks!.push(k.body.id);
      }
      return made;
    };
    const a = await seed(A, tokens.a, 5);
    const b = await seed(B, tokens.b, 5);
    for (const t of Object.keys(a)) {
      ids[t] = { mine: b[t]!, theirs: a[t]! };
      rowIds[A]![t] = new Set(a[t]);
      rowIds[B]![t] = new Set(b[t]);
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  function resourceOf(path: string): string {
    return path.split("/")[3]!;
  }

  function requestArb(o: Op): fc.Arbitrary<Req> {
    const res = resourceOf(o.path);
    const idArb = (table: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...(ids[table]?.mine ?? [1])).map(String) },
        { weight: 3, arbitrary: fc.constantFrom(...(ids[table]?.theirs ?? [1])).map(String) },
        { weight: 3, arbitrary: segment },
      );
    const userArb = fc.oneof({ weight: 8, arbitrary: fc.constant(B) }, { weight: 1, arbitrary: fc.constant(A) }, { weight: 1, arbitrary: segment });
    const queryParams: any[] = (o.op.parameters ?? []).map(deref).filter((p: any) => p.in === "query");
    const queryArb = fc.array(
      fc.oneof(
        ...(queryParams.length ? [fc.tuple(fc.constantFrom(...queryParams.map((p: any) => p.name as string)), fc.oneof(weird, ...queryParams.flatMap((p: any) => (p.schema?.enum ? [fc.constantFrom(...p.schema.enum.map(String))] : []))))] : []),
        fc.tuple(fc.constantFrom("foo", "limit", "id", "user_id", "__proto__"), weird),
      ),
      { maxLength: 4 },
    );
    const authArb = fc.oneof(
      { weight: 12, arbitrary: fc.constant(`Bearer ${tokens.b}`) },
      // A's own token only reads, so A's rows must come through the run unchanged.
      { weight: o.method === "GET" ? 1 : 0, arbitrary: fc.constant(`Bearer ${tokens.a}`) },
      { weight: 1, arbitrary: fc.constantFrom(undefined, "", "Bearer", `Basic ${tokens.b}`, `Bearer ${tokens.expired}`, `Bearer ${tokens.otherSecret}`, `Bearer ${tokens.b.slice(0, -3)}abc`, "Bearer a.b.c") },
    );
    const typeArb = fc.oneof({ weight: 10, arbitrary: fc.constant("application/json") }, { weight: 1, arbitrary: fc.constantFrom(undefined, "text/plain", "application/merge-patch+json", "application/json; charset=latin1", "multipart/form-data") });
    const extraHeaders = fc.record({ "x-request-id": fc.oneof(fc.constant(undefined), weird), accept: fc.constantFrom(undefined, "*/*", "text/html", "application/xml") }, { requiredKeys: [] });
    return fc
      .record({ user: userArb, id: idArb(res), tagId: idArb("tags"), query: queryArb, auth: authArb, type: typeArb, extra: extraHeaders, body: bodyFor(o) })
      .map(({ user, id, tagId, query, auth, type, extra, body }) => {
        const path = o.path.replace("{user_id}", encodeURIComponent(user)).replace("{id}", encodeURIComponent(id)).replace("{tag_id}", encodeURIComponent(tagId));
        const qs = new URLSearchParams(query as [string, string][]).toString();
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        for (const [k, v] of Object.entries(extra)) if (typeof v === "string" && /^[\x21-\x7e]*$/.test(v)) headers[k] = v;
        let text: string | undefined;
        if (body) {
          text = body.text ?? JSON.stringify(body.json);
          if (type) headers["content-type"] = type;
        }
        const url = `${app.url}${path}${qs ? `?${qs}` : ""}`;
        const who = auth === `Bearer ${tokens.b}` ? B : auth === `Bearer ${tokens.a}` ? A : null;
        return { op: o, url, method: o.method, headers, who, ...(text !== undefined ? { body: text } : {}), [fc.toStringMethod]: () => `${o.method} ${url.slice(app.url.length)} ${JSON.stringify(headers)} ${text ?? ""}` };
      });
  }

  const seen = { requests: 0, byStatus: new Map<number, number>() };

  /** Every object with a user_id must be the caller's; nothing may carry the other user's marker or row ids. */
  function leaks(req: Req, body: unknown, text: string): string | null {
    const me = req.who;
    const other = me === A ? B : A;
    if (text.includes(MARK[other]!) || (!me && text.includes(MARK[A]!))) return `response contains ${other}'s marker`;
    const table = resourceOf(req.op.path);
    const walk = (v: unknown, inTable: string): string | null => {
      if (Array.isArray(v)) {
        for (const x of v) {
          const r = walk(x, inTable);
          if (r) return r;
        }
        return null;
      }
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        if ("user_id" in o && o.user_id !== me) return `a row of user ${String(o.user_id)}`;
        if (typeof o.id === "number" && rowIds[other]![inTable]?.has(o.id)) return `${inTable} id ${o.id} belongs to ${other}`;
        for (const [k, x] of Object.entries(o)) {
          const r = walk(x, k === "tags" ? "tags" : inTable);
          if (r) return r;
        }
      }
      return null;
    };
    return walk(body, req.op.path.endsWith("/tags") || req.op.path.includes("/tags/") ? (req.op.path.startsWith("/api/{user_id}/tasks") && !req.op.path.endsWith("/tags") ? "tasks" : "tags") : table);
  }

  async function send(req: Req): Promise<void> {
    const res = await fetch(req.url, { method: req.method, headers: req.headers, ...(req.body !== undefined ? { body: req.body } : {}), signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    seen.requests++;
    seen.byStatus.set(res.status, (seen.byStatus.get(res.status) ?? 0) + 1);
    const where = `${req.method} ${req.url.slice(app.url.length)} ${JSON.stringify(req.headers).slice(0, 200)} body=${(req.body ?? "").slice(0, 300)} -> ${res.status} ${text.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`5xx: ${where}`);
    const v = validatorFor(req.op, res.status);
    if (!v) throw new Error(`undeclared status: ${where}`);
    if (v.validate === "none") {
      if (text !== "") throw new Error(`body where none is declared: ${where}`);
    } else {
      const ctype = res.headers.get("content-type") ?? "";
      if (!ctype.startsWith(v.type!)) throw new Error(`content-type ${ctype}, declared ${v.type}: ${where}`);
      const body = JSON.parse(text) as unknown;
      if (!v.validate(body)) throw new Error(`body does not match the schema (${ajv.errorsText((v.validate as any).errors)}): ${where}`);
      const leak = leaks(req, body, text);
      if (leak) throw new Error(`cross-user data (${leak}): ${where}`);
    }
    if (res.headers.get("x-next-cursor")?.length === 0) throw new Error(`empty cursor header: ${where}`);
  }

  it(`sends ${REQUESTS} generated requests: no 5xx, only declared statuses and bodies, nothing of another user`, async () => {
    const anyReq = fc.oneof(...OPS.map(requestArb));
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(anyReq, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        await Promise.all(batch.map(send));
      }),
      { numRuns: Math.ceil(REQUESTS / BATCH), endOnFailure: false, interruptAfterTimeLimit: 600_000 },
    );
    const ms = Date.now() - started;
    console.log(`fuzz: ${seen.requests} requests over ${OPS.length} operations in ${(ms / 1000).toFixed(1)} s; by status ${JSON.stringify(Object.fromEntries([...seen.byStatus].sort((a, b) => a[0] - b[0])))}`);
    expect(seen.requests).toBeGreaterThanOrEqual(REQUESTS);
    // Each operation was hit with both accepted and refused requests.
    expect(seen.byStatus.get(200) ?? 0).toBeGreaterThan(0);
    expect(seen.byStatus.get(422) ?? 0).toBeGreaterThan(0);
    // A's rows came through unchanged: nothing B sent deleted or changed them.
    const aTasks = await app.call("GET", `/api/${A}/tasks`, { token: tokens.a });
    expect(aTasks.body.map((t: any) => `${t.title} ${t.description} ${t.category_id !== null}`).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${MARK[A]}-${i} ${MARK[A]}-${i} true`));
  }, 900_000);
});
