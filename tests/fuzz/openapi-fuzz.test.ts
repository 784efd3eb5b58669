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
import { chunk, rawExchange, requestHead, type RawAnswer } from "../helpers/raw-http.js";
import { readFileSync } from "node:fs";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1000);
/** Requests of the hostile-transport classes (over a bare socket), one for every five above. */
const HOSTILE = Math.ceil(REQUESTS / 5);
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

  // ---- Hostile transport: what fetch cannot send, over a bare socket. Every class a client can
  // produce, against every operation: bodies nested past the limit, numbers JSON cannot
  // represent, tens of thousands of keys, chunked bodies past the limit, bodies cut short (the
  // sender half-closes) or abandoned (the socket destroyed), two Authorization headers or a
  // malformed header, bytes that are not UTF-8, methods the app does not know. Each answer that
  // comes back must be a 4xx problem+json (405 for an unknown method), never a 5xx; and the app's
  // log must hold no line at error level: all of this is the client's fault.

  const CLASSES = ["nesting", "huge-number", "many-keys", "chunked-over-limit", "truncated", "aborted", "duplicate-authorization", "malformed-header", "invalid-utf8", "unknown-method"] as const;
  type HostileClass = (typeof CLASSES)[number];
  interface Hostile {
    cls: HostileClass;
    parts: Buffer[];
    abort: boolean;
    /** Whether the class is refused whatever the body (else a valid-looking request may also succeed). */
    what: string;
  }

  function hostileArb(o: Op): fc.Arbitrary<Hostile> {
    const path = o.path.replace("{user_id}", B).replace(/\{[a-z_]+\}/g, (m) => String(ids[m === "{tag_id}" ? "tags" : resourceOf(o.path)]?.mine[0] ?? 1));
    const auth = `Authorization: Bearer ${tokens.b}`;
    const json = "Content-Type: application/json";
    const bodyMethod = o.method;
    const props = Object.keys(deref(o.op.requestBody?.content?.["application/json"]?.schema ?? {}).properties ?? { title: {} });
    const field = fc.constantFrom(...props, "zzz");
    const withLength = (method: string, body: Buffer, extra: string[] = []) => [requestHead(method, path, [auth, json, `Content-Length: ${body.length}`, "Connection: close", ...extra]), body];
    const deep = (d: number, kind: "array" | "object") => (kind === "array" ? "[".repeat(d) + "]".repeat(d) : '{"a":'.repeat(d) + "1" + "}".repeat(d));
    const arbs: Record<HostileClass, fc.Arbitrary<Hostile>> = {
      nesting: fc.tuple(field, fc.constantFrom(65, 500, 5_000, 20_000), fc.constantFrom("array" as const, "object" as const)).map(([f, d, k]) => ({
        cls: "nesting" as const, what: `${f} nested ${d} deep (${k})`, abort: false, parts: withLength(bodyMethod, Buffer.from(`{${JSON.stringify(f)}:${deep(d, k)}}`)),
      })),
      "huge-number": fc.tuple(field, fc.constantFrom("1e400", "-1e400", "1e309", "[1e999]", '{"x":-1e500}')).map(([f, n]) => ({
        cls: "huge-number" as const, what: `${f}=${n}`, abort: false, parts: withLength(bodyMethod, Buffer.from(`{${JSON.stringify(f)}:${n}}`)),
      })),
      "many-keys": fc.constantFrom(1_000, 20_000, 60_000).map((n) => ({
        cls: "many-keys" as const, what: `${n} keys`, abort: false,
        parts: withLength(bodyMethod, Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))))),
      })),
      "chunked-over-limit": fc.constantFrom(17, 24, 32).map((n) => {
        const data = Buffer.alloc(64 * 1024, 0x20);
        return {
          cls: "chunked-over-limit" as const, what: `${n} x 64 KiB chunked`, abort: false,
          parts: [requestHead(bodyMethod, path, [auth, json, "Transfer-Encoding: chunked"]), chunk(Buffer.from("{\"a\":\"")), ...Array.from({ length: n }, () => chunk(data)), Buffer.from("0\r\n\r\n")],
        };
      }),
      truncated: fc.constantFrom(10, 1_000, 100_000).map((declared) => ({
        cls: "truncated" as const, what: `Content-Length ${declared}, 5 bytes sent, then end`, abort: false,
        parts: [requestHead(bodyMethod, path, [auth, json, `Content-Length: ${declared}`]), Buffer.from('{"a":')],
      })),
      aborted: fc.constantFrom(10, 5_000).map((declared) => ({
        cls: "aborted" as const, what: `Content-Length ${declared}, socket destroyed mid-body`, abort: true,
        parts: [requestHead(bodyMethod, path, [auth, json, `Content-Length: ${declared}`]), Buffer.from('{"title":"')],
      })),
      "duplicate-authorization": fc.constantFrom(tokens.a, tokens.b, "garbage").map((second) => ({
        cls: "duplicate-authorization" as const, what: `second token ${second.slice(0, 8)}`, abort: false,
        parts: [requestHead(o.method, path, [auth, `Authorization: Bearer ${second}`, "Connection: close"])],
      })),
      "malformed-header": fc.constantFrom("Content-Length: abc", "Content-Length: 5, 6", "Transfer-Encoding: chunked\r\nContent-Length: 3", "Authorization: Bearer \x01\x02", "X-Bad\x00: 1", "Authorization:", "Authorization: Bearer  a.b.c  d").map((h) => ({
        cls: "malformed-header" as const, what: JSON.stringify(h), abort: false,
        parts: [requestHead(o.method, path, [auth.replace("Authorization", h.startsWith("Authorization") ? "X-Ignored" : "Authorization"), h, "Connection: close"])],
      })),
      "invalid-utf8": fc.tuple(field, fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])).map(([f, bytes]) => ({
        cls: "invalid-utf8" as const, what: `${f} with bytes ${bytes.map((b) => b.toString(16)).join(" ")}`, abort: false,
        parts: withLength(bodyMethod, Buffer.concat([Buffer.from(`{${JSON.stringify(f)}:"a`), Buffer.from(bytes), Buffer.from('"}')])),
      })),
      "unknown-method": fc.constantFrom("TRACE", "PROPFIND", "MKCOL", "LINK", "FOO").map((m) => ({
        cls: "unknown-method" as const, what: m, abort: false, parts: [requestHead(m, path, [auth, "Connection: close"])],
      })),
    };
    // Body classes only where the operation reads a body: a route that takes none answers
    // before the bytes are read, and the reset that closing such a connection causes may eat
    // the answer (that is TCP, not the app).
    const takesBody = !!o.op.requestBody;
    return fc.oneof(...CLASSES.filter((c) => takesBody || !BODY_CLASSES.has(c)).map((c) => arbs[c]));
  }
  const BODY_CLASSES = new Set<HostileClass>(["nesting", "huge-number", "many-keys", "chunked-over-limit", "truncated", "aborted", "invalid-utf8"]);

  it(`sends ${HOSTILE} hostile-transport requests: 4xx problems or no answer, never a 5xx, nothing logged at error level`, async () => {
    const port = Number(new URL(app.url).port);
    const byClass = new Map<string, Map<string, number>>();
    const logBefore = readFileSync(app.logFile, "utf8").length;
    const check = (h: Hostile, o: Op, r: RawAnswer | null) => {
      const key = r ? String(r.status) : "no answer";
      const m = byClass.get(h.cls) ?? new Map<string, number>();
      m.set(key, (m.get(key) ?? 0) + 1);
      byClass.set(h.cls, m);
      const where = `${h.cls} (${h.what}) on ${o.method} ${o.path} -> ${r ? `${r.status} ${r.body.slice(0, 200)}` : "no answer"}`;
      if (!r) {
        // Only a client that left (or one cut off after a 413 past the limit) may get no answer.
        if (h.cls !== "aborted" && h.cls !== "chunked-over-limit" && h.cls !== "truncated") throw new Error(`no answer: ${where}`);
        return;
      }
      if (r.status >= 500) throw new Error(`5xx: ${where}`);
      if (r.status < 400) throw new Error(`accepted: ${where}`);
      if (!/^application\/problem\+json/.test(r.headers["content-type"] ?? "")) throw new Error(`not problem+json: ${where}`);
      const body = JSON.parse(r.body) as { status: number; detail: string; errors?: unknown[] };
      if (body.status !== r.status || typeof body.detail !== "string") throw new Error(`not a problem body: ${where}`);
      if ((body.errors?.length ?? 0) > 20 || r.body.length > 16_384) throw new Error(`unbounded error body (${r.body.length} bytes): ${where}`);
    };
    const anyHostile = fc.oneof(...OPS.map((o) => hostileArb(o).map((h) => ({ h, o }))));
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyHostile, { minLength: 4, maxLength: 4 }), async (batch) => {
        await Promise.all(batch.map(async ({ h, o }) => check(h, o, await rawExchange(port, h.parts, { abort: h.abort }))));
        sent += batch.length;
      }),
      { numRuns: Math.ceil(HOSTILE / 4), endOnFailure: false, interruptAfterTimeLimit: 600_000 },
    );
    const summary = Object.fromEntries([...byClass].sort().map(([c, m]) => [c, Object.fromEntries([...m].sort())]));
    console.log(`hostile fuzz: ${sent} requests; by class and status ${JSON.stringify(summary)}`);
    expect(sent).toBeGreaterThanOrEqual(HOSTILE);
    expect(byClass.size).toBe(CLASSES.length); // every class was sent
    // No client fault was logged as the server's: no error-level line, no unexpected error.
    await new Promise((r) => setTimeout(r, 200));
    const lines = readFileSync(app.logFile, "utf8").slice(logBefore).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.filter((l) => l.level === "error" || l.level === "fatal")).toEqual([]);
    expect(app.errors).toEqual([]);
    // And the app still serves.
    expect((await app.call("GET", `/api/${B}/tasks`, { token: tokens.b })).status).toBe(200);
  }, 900_000);
});
