// Random requests for any generated app, from its OpenAPI document (fast-check): every
// operation of the API, with path ids, query strings and JSON bodies shaped by the declared
// schemas but filled with edge values of each column type (numbers past int4, decimals past
// their precision, impossible dates and times, broken uuids, json of every kind) and plain
// junk, mostly with the caller's token, now and then with none or a tampered one. The app must
// answer each with a status the operation declares, never a 5xx, with a body that the schema
// declared for that status accepts, with no row of another user, and with 401 whenever the
// token is not valid.
// tests/fuzz/openapi-fuzz.test.ts goes further on the example app (concurrent batches,
// expired and wrong-secret tokens, another user's token and marker texts); this one is for
// breadth: every column type the corpus has.
import fc from "fast-check";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as addFormatsModule from "ajv-formats";

const addFormats = addFormatsModule.default as unknown as (ajv: Ajv2020) => Ajv2020;

export interface FuzzReport {
  readonly requests: number;
  readonly byStatus: Record<number, number>;
  /** Requests answered with a 5xx, an undeclared status, a body its schema refuses, another user's row, or anything but 401/429 without a valid token. */
  readonly failures: string[];
}

type Doc = { paths: Record<string, Record<string, any>>; components?: Record<string, Record<string, any>> };

/** `x`, or what its `$ref` (local, possibly chained) points at in `doc`; {} when nothing is there. */
export function deref(doc: Doc, x: any): any {
  while (x && x.$ref) x = x.$ref.split("/").slice(1).reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  return x ?? {};
}

const junk = fc.oneof(
  fc.constantFrom("", " ", "0", "-1", "1.5", "1e309", "2147483648", "-9223372036854775809", "99999999999999999999.999", "NaN", "null", "true", "[]", "{}", "%00", "\u0000", "é", "😀", "a".repeat(300)),
  fc.string({ maxLength: 20 }),
);
const anyJson = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.jsonValue({ maxDepth: 2 }));

/** The path parameter that must be the caller's own id (the generator describes it so). */
export function isUserParam(p: { name: string; description?: string }): boolean {
  return (p.description ?? "").includes("authenticated user");
}

/** Values for one field: what its schema admits, its edges, and what it does not admit. */
function valueFor(doc: Doc, schema: any): fc.Arbitrary<unknown> {
  const s = deref(doc, schema);
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const opts: fc.Arbitrary<unknown>[] = [anyJson, junk];
  if (s.enum?.length) opts.push(fc.constantFrom(...s.enum));
  if (types.includes("null")) opts.push(fc.constant(null));
  if (types.includes("integer")) opts.push(fc.integer(), fc.constantFrom(2147483647, 2147483648, -2147483649, 9007199254740993, 1.5));
  if (types.includes("number")) opts.push(fc.double(), fc.constantFrom(1e308, -1e308, 0.1, 123456789012345.678));
  if (types.includes("boolean")) opts.push(fc.boolean());
  if (types.includes("string")) {
    opts.push(fc.string({ maxLength: Math.min(((s.maxLength as number | undefined) ?? 40) + 2, 300) }));
    if (s.maxLength !== undefined) opts.push(fc.constant("x".repeat(s.maxLength as number)), fc.constant("x".repeat((s.maxLength as number) + 1)));
    if (s.format === "date-time") opts.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom("2024-02-30T10:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2024-13-01T00:00:00Z"));
    if (s.format === "date") opts.push(fc.constantFrom("2024-02-29", "2023-02-29", "2024-02-30", "0001-01-01", "9999-12-31", "10000-01-01"));
    if (s.format === "uuid") opts.push(fc.uuid(), fc.constantFrom("00000000-0000-0000-0000-000000000000", "not-a-uuid", "5d0c7d2e-0000-4000-8000-00000000000g"));
    if (s.pattern) opts.push(fc.constantFrom("0", "-0", "23:59:59.999999", "24:00:00", "99999999999999999999", "12345678901234567890.12", "1.23456789", "-9223372036854775808", "9223372036854775808"));
    // bytea (base64), inet/cidr, macaddr and interval: edges of each, valid and not.
    if (s.contentEncoding === "base64") opts.push(fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")), fc.constantFrom("", "AA==", "not base64!", "YQ", "YQ===", "////", "a".repeat(301)));
    if (s.pattern && /25\[0-5\]/.test(s.pattern)) {
      opts.push(fc.ipV4(), fc.ipV6(), fc.constantFrom("999.1.1.1", "1.2.3.4/33", "10.0.0.1/8", "10.0.0.0/8", "0.0.0.0/0", "::/0", "::ffff:1.2.3.4", "fe80::1%eth0", "2001:db8::/129", "255.255.255.255/32"));
    }
    if (s.pattern && s.pattern.includes("[0-9A-Fa-f]{2}(?::")) opts.push(fc.constantFrom("08:00:2b:01:02:03", "08002b010203", "0800.2b01.0203", "08:00:2b:01:02:0g", "08:00:2b:01:02", "ff:ff:ff:ff:ff:ff"));
    if (s.pattern && s.pattern.includes("[yY][eE][aA][rR]")) {
      opts.push(fc.constantFrom("P1DT2H", "PT0S", "P-999999Y", "999999 decades 999999 years 999999 mons", "-1 days +02:00:00", "999999:59:59.999999", "1 day 1 day", "1 century", "banana", "P", "@ 3 hours ago"));
    }
  }
  if (types.includes("array")) {
    const item = s.items ? valueFor(doc, s.items) : anyJson;
    const min = (s.minItems as number | undefined) ?? 0;
    const max = (s.maxItems as number | undefined) ?? 5;
    // Lists of the right length and of one too few or too many; items of the declared type, of the wrong one, nulls, nested lists.
    opts.push(fc.array(item, { maxLength: Math.min(max, 8) }), fc.array(item, { minLength: min, maxLength: Math.min(max, min + 3) }));
    if (min > 0) opts.push(fc.array(fc.double(), { minLength: min - 1, maxLength: min - 1 }), fc.array(fc.double({ noNaN: true }), { minLength: min, maxLength: min }));
    if (s.maxItems !== undefined) opts.push(fc.constant(Array.from({ length: (s.maxItems as number) + 1 }, () => 0)));
    opts.push(fc.constantFrom([null], [[1]], [1e39], ["x"], [{}]));
  }
  return fc.oneof(...opts);
}

function bodyFor(doc: Doc, op: any): fc.Arbitrary<string | null> {
  const content = op.requestBody?.content?.["application/json"];
  if (!content) return fc.constant(null);
  const schema = deref(doc, content.schema);
  const props: Record<string, any> = schema.properties ?? {};
  const shaped = fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueFor(doc, v)])), { requiredKeys: [] });
  return fc.oneof(
    { weight: 8, arbitrary: shaped.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.constantFrom("", "{", "[1,", '{"a":') },
  );
}

/**
 * Another user's rows must never show: an object whose owner column (any of `columns`) holds
 * `id` is a leak, and so is any of `values` anywhere (texts and keys only that user's rows hold:
 * rows of scoped tables have no owner column to tell them by).
 */
export interface Other {
  readonly id: string;
  readonly columns: ReadonlySet<string>;
  readonly values?: ReadonlySet<string>;
}

function leak(v: unknown, other: Other): string | null {
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = leak(x, other);
      if (r) return r;
    }
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (other.columns.has(k) && String(x) === other.id) return `${k} = ${other.id}`;
      const r = leak(x, other);
      if (r) return r;
    }
  } else if (typeof v === "string" && other.values?.has(v)) return `"${v}", a value of a row of ${other.id}`;
  return null;
}

/** The platform's public operations (health, docs, built-in sign-in) declare `security: []`. */
export function isPublic(op: { security?: unknown }): boolean {
  return Array.isArray(op.security) && op.security.length === 0;
}

/**
 * Sends `requests` random requests to the app at `base` as `caller` (user id and token),
 * one at a time; `ids` are row ids that exist, by path (ids of other tables come from there too).
 */
export async function fuzzApp(doc: Doc, base: string, caller: { id: string; token: string }, other: Other, ids: readonly string[], requests: number, seed: number): Promise<FuzzReport> {
  // The API's operations: all but the public ones.
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, o]) => o && o.responses && !isPublic(o))
      .map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  // The body of each answer is checked against the schema its status declares.
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateFormats: true }));
  ajv.addSchema(doc, "doc.json");
  const validators = new Map<string, ((v: unknown) => boolean) | null>();
  const validatorFor = (o: { path: string; method: string; op: any }, status: string) => {
    const key = `${o.method} ${o.path} ${status}`;
    if (!validators.has(key)) {
      const res = o.op.responses[status];
      const resolved = deref(doc, res);
      const schema = resolved.content?.["application/json"]?.schema ?? resolved.content?.["application/problem+json"]?.schema;
      const type = resolved.content?.["application/json"] ? "application/json" : "application/problem+json";
      const esc = (x: string) => x.replace(/~/g, "~0").replace(/\//g, "~1");
      const ref = res.$ref ? `doc.json${res.$ref}/content/${esc(type)}/schema` : `doc.json#/paths/${esc(o.path)}/${o.method.toLowerCase()}/responses/${status}/content/${esc(type)}/schema`;
      validators.set(key, schema ? ajv.compile({ $ref: ref }) : null);
    }
    return validators.get(key)!;
  };
  const byStatus: Record<number, number> = {};
  const failures: string[] = [];
  let sent = 0;
  if (ops.length === 0) return { requests: 0, byStatus, failures };
  const idArb = fc.oneof({ weight: 3, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.constant("1") }, { weight: 1, arbitrary: fc.constantFrom("1", "0", "-1", "2147483648", "00000000-0000-0000-0000-000000000000") }, { weight: 1, arbitrary: junk.filter((s) => s !== "" && s !== "." && s !== "..") });
  const request = fc.oneof(
    ...ops.map((o) => {
      const params: any[] = (o.op.parameters ?? []).map((p: any) => deref(doc, p));
      const pathParams = params.filter((p) => p.in === "path");
      const query = params.filter((p) => p.in === "query");
      return fc.record({
        values: fc.tuple(...pathParams.map((p) => (isUserParam(p) ? fc.constant(caller.id) : idArb))),
        query: fc.array(query.length ? fc.tuple(fc.constantFrom(...query.map((p) => p.name as string)), fc.oneof(junk, ...query.flatMap((p) => (p.schema?.enum?.length ? [fc.constantFrom(...p.schema.enum.map(String))] : [])))) : fc.tuple(fc.constant("zzz"), junk), { maxLength: 3 }),
        body: bodyFor(doc, o.op),
        // Now and then no token, or one whose signature is broken: the answer must then be 401.
        auth: fc.oneof({ weight: 8, arbitrary: fc.constant("valid" as const) }, { weight: 1, arbitrary: fc.constant("none" as const) }, { weight: 1, arbitrary: fc.constant("tampered" as const) }),
      }).map(({ values, query: q, body, auth }) => {
        let path = o.path;
        pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, encodeURIComponent(String(values[i])))));
        const qs = new URLSearchParams(q as [string, string][]).toString();
        return { o, url: `${base}${path}${qs ? `?${qs}` : ""}`, body, auth };
      });
    }),
  );
  await fc.assert(
    fc.asyncProperty(request, async ({ o, url, body, auth }) => {
      const headers: Record<string, string> = {};
      if (auth === "valid") headers.authorization = `Bearer ${caller.token}`;
      if (auth === "tampered") headers.authorization = `Bearer ${caller.token.slice(0, -3)}${caller.token.endsWith("abc") ? "xyz" : "abc"}`;
      if (body !== null) headers["content-type"] = "application/json";
      const res = await fetch(url, { method: o.method, headers, ...(body !== null ? { body } : {}) });
      const text = await res.text();
      sent++;
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      const declared = o.op.responses[String(res.status)] ?? o.op.responses.default;
      // 501 is what a declared custom action answers until its hook is written; any other 5xx
      // (the database is up all along) or an undeclared status is a failure.
      const where = `${o.method} ${url.slice(base.length)} (token ${auth}) ${body ?? ""} -> ${res.status} ${text.slice(0, 300)}`;
      if (!declared || (res.status >= 500 && res.status !== 501)) failures.push(where);
      // Without a valid token: 401, or 429 once the per-IP limit (counted before the token check) is reached.
      else if (auth !== "valid" && res.status !== 401 && res.status !== 429) failures.push(`not 401 without a valid token: ${where}`);
      else {
        const validate = validatorFor(o, o.op.responses[String(res.status)] ? String(res.status) : "default");
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        if (validate && !validate(parsed)) failures.push(`body does not match its schema (${ajv.errorsText((validate as any).errors)}): ${where}`);
        const leaked = leak(parsed, other);
        if (leaked) failures.push(`another user's row (${leaked}): ${where}`);
      }
    }),
    { numRuns: requests, seed, endOnFailure: true },
  );
  return { requests: sent, byStatus, failures };
}
