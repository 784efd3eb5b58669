// The isolation checks of the vertical slice, driven by an app's IR and OpenAPI
// document instead of hand-written requests, so any generated app can be checked.
// For every table whose rows belong to users (owned through a column, or scoped through the
// row they reference or a membership), user a makes a row (and the chain of parent rows it
// needs), and user b must not get, list, change or delete it, nor build on a's rows (a
// reference to one of them, a nested route under one): 404 or 422, never 2xx, never a's
// rows. /users/me must give each user their own row.
import type { IR, Endpoint, Table } from "../../generator/ir/types.js";
import { modelName } from "../../generator/base/naming.js";
import { groupViaUsers } from "../../generator/ir/ownership.js";
import { userIdKind } from "../../generator/ir/identity-plan.js";
import { sampleBody, sampleValue } from "./sample-body.js";

export interface Caller {
  readonly id: string;
  readonly token: string;
}

export type Call = (method: string, path: string, opts?: { token?: string; body?: unknown }) => Promise<{ status: number; body: any }>;

export interface IsolationReport {
  readonly checked: string[]; // tables exercised end to end
  readonly skipped: { table: string; reason: string }[];
  readonly failures: string[];
  readonly requests: number;
  /** Texts and keys only a's rows hold: none may ever reach b (generic-fuzz.ts Other.values). */
  readonly markers: string[];
  /** GET paths of a's rows, each answering 200 to a: to check afterwards that b changed nothing. */
  readonly aRows: string[];
}

/** User ids that fit the identity table's key type. */
export function userIds(ir: IR): [string, string] {
  // The form the app checks tokens' user ids against: the users table's key, or without one the owner columns' type.
  const kind = userIdKind(ir);
  if (kind === "uuid") return ["5d0c7d2e-0000-4000-8000-00000000000a", "5d0c7d2e-0000-4000-8000-00000000000b"];
  if (kind === "integer" || kind === "bigint") return ["101", "202"];
  return ["user_a_1", "user_b_2"];
}

/** The path with its parameters filled: the user's own id, the row's key, a nested route's parent key. */
function fill(e: Endpoint, user: string, id?: string, parent?: string): string {
  let p = e.path;
  if (e.userParam) p = p.replace(`{${e.userParam}}`, encodeURIComponent(user));
  if (e.idParam && id !== undefined) p = p.replace(`{${e.idParam}}`, encodeURIComponent(id));
  if (e.parent && parent !== undefined) p = p.replace(`{${e.parent.param}}`, encodeURIComponent(parent));
  return p;
}

/** The rows of a list response: a bare array, or the array inside the envelope the spec describes. */
function rowsOf(body: unknown): any[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object") {
    const values = Object.values(body);
    const here = values.find((v) => Array.isArray(v)) as any[] | undefined;
    if (here) return here;
    // One object down ({ data: { items: [...], total } }).
    for (const v of values) if (v && typeof v === "object") {
      const inner = Object.values(v).find((x) => Array.isArray(x)) as any[] | undefined;
      if (inner) return inner;
    }
  }
  return [];
}

function deref(doc: any, x: any): any {
  while (x && x.$ref) x = x.$ref.split("/").slice(1).reduce((o: any, k: string) => o?.[k], doc);
  return x ?? {};
}

/** sample-body.ts's texts ("username-12") made to fit a field's pattern where they do not ("^[A-Za-z0-9_]+$"). */
function fitted(doc: any, schema: any, body: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(body)) {
    const pattern = deref(doc, schema.properties?.[k]).pattern;
    if (typeof v !== "string" || typeof pattern !== "string") continue;
    const re = new RegExp(pattern, "u");
    if (re.test(v)) continue;
    // Letters only keep the sample's number as letters ("name-52" -> "namefc"), so values stay distinct;
    // a phone pattern (E.164, "+1...") takes the number as digits after a country code.
    const digits = v.replace(/[^0-9]/g, "");
    const lettersOnly = v.replace(/[0-9]/g, (d) => "abcdefghij"[Number(d)]!).replace(/[^A-Za-z]/g, "");
    const alt = [
      v.replace(/-/g, "_"),
      v.replace(/[^A-Za-z0-9]/g, ""),
      v.toLowerCase().replace(/[^a-z0-9]/g, ""),
      lettersOnly,
      lettersOnly.toLowerCase(),
      `+1555${digits.padStart(7, "0").slice(-7)}`,
      `1555${digits.padStart(7, "0").slice(-7)}`,
    ].find((x) => re.test(x));
    if (alt !== undefined) body[k] = alt;
  }
  return body;
}

/** Whether a table's rows belong to users (and so must be kept apart). */
const isPrivate = (t: Table) => !!t.owner || !!t.scope;

/**
 * A group whose members the users table names (users.tenant_id -> tenants; groupViaUsers) has no
 * create route, so a test makes it as an admin job would (`provision`: the group row, and the
 * caller's users row pointing at it) and returns its key.
 */
export interface IsolationOptions {
  provision?(t: Table, who: Caller): Promise<string | null>;
  /** Records a test user in the users table (as the app records a caller), before another user's row names them. */
  recordUser?(who: Caller): Promise<boolean>;
}

export async function checkIsolation(ir: IR, openapi: any, call: Call, a: Caller, b: Caller, options: IsolationOptions = {}): Promise<IsolationReport> {
  const failures: string[] = [];
  const checked: string[] = [];
  const skipped: { table: string; reason: string }[] = [];
  const markers = new Set<string>();
  const aRows: string[] = [];
  let requests = 0;
  const stub = (e: Endpoint) => e.action.kind === "stub";
  const req = async (m: string, p: string, o?: { token?: string; body?: unknown }, e?: Endpoint) => {
    requests++;
    const r = await call(m, p, o);
    // A route the generator could not write answers 501 until a hook implements it; any other 5xx is a failure.
    if (r.status >= 500 && !(r.status === 501 && e && stub(e))) failures.push(`${m} ${p} -> ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const table = (name: string) => ir.tables.find((t) => t.name === name)!;
  const eps = (t: Table) => ir.endpoints.filter((e) => e.table === t.name && e.auth === "required" && !stub(e));
  const ep = (t: Table, kind: string) => eps(t).find((e) => e.action.kind === kind && !e.parent && !e.self);
  const byKind = (t: Table, kind: string) => eps(t).filter((e) => e.action.kind === kind && !e.self);
  const created = new Map<string, Map<string, { id: string; parents: Map<string, string>; row?: Record<string, unknown> }>>(); // table -> user -> row
  const schemaOf = (e: Endpoint) => deref(openapi, openapi.paths[e.path]?.[e.method]?.requestBody?.content?.["application/json"]?.schema);
  const typed = (t: Table, column: string, v: string) => (t.columns.find((c) => c.name === column)!.type.kind === "integer" ? Number(v) : v);

  /**
   * A valid body for `e`, its references filled with rows of `who` (made first: the chain of
   * parents), or null when a referenced row cannot be made. Returns the parents it used.
   */
  async function bodyFor(t: Table, e: Endpoint, who: Caller, depth: number): Promise<{ body: Record<string, unknown>; parents: Map<string, string> } | null> {
    const schema = schemaOf(e);
    const body = fitted(openapi, schema, sampleBody(schema));
    const parents = new Map<string, string>();
    for (const c of t.columns) {
      if (!c.references || c.name === t.owner) continue;
      const needed = c.name in body || (t.scope?.kind === "parent" && t.scope.column === c.name) || e.parent?.column === c.name;
      if (!needed) continue;
      const target = table(c.references.table);
      if (target.identity) {
        if (c.name in body) body[c.name] = typed(t, c.name, who.id);
        continue;
      }
      const parent = await createFor(target, who, depth + 1);
      if (parent === null) return null;
      parents.set(c.name, parent);
      if (e.parent?.column === c.name && !(c.name in (schema.properties ?? {}))) continue;
      if (e.parent?.column === c.name) delete body[c.name]; // the path gives it
      else body[c.name] = typed(t, c.name, parent);
    }
    // A foreign key of several columns: each column takes its value from one row of the parent the caller made.
    for (const k of t.foreignKeys ?? []) {
      if (!k.columns.some((c) => c in body || c === t.owner)) continue;
      const target = table(k.table);
      if (target.identity || (await createFor(target, who, depth + 1)) === null) return null;
      const row = created.get(target.name)?.get(who.id)?.row;
      if (!row) return null;
      k.columns.forEach((c, i) => {
        if (c !== t.owner && c in body) body[c] = row[k.refColumns[i]!];
      });
    }
    // The texts sample-body.ts makes are unique ("title-32"): a's own ones mark a's rows. A date ("2030-01-02") is the same for everyone: not a marker.
    if (who === a && isPrivate(t)) for (const v of Object.values(body)) if (typeof v === "string" && /^[A-Za-z][^\s]*[-_]\d+$/.test(v)) markers.add(v);
    return { body, parents };
  }

  async function createFor(t: Table, who: Caller, depth = 0): Promise<string | null> {
    const have = created.get(t.name)?.get(who.id);
    if (have) return have.id;
    const post = ep(t, "create") ?? byKind(t, "create")[0];
    if (!post && options.provision && groupViaUsers(t, ir.tables)) {
      const id = await options.provision(t, who);
      if (id === null) return null;
      if (!created.has(t.name)) created.set(t.name, new Map());
      created.get(t.name)!.set(who.id, { id, parents: new Map() });
      const get = ep(t, "get");
      if (who === a && get) aRows.push(fill(get, a.id, id));
      return id;
    }
    if (!post || depth > 6) return null;
    const made = await bodyFor(t, post, who, depth);
    if (!made) return null;
    // A link between users under the other user's path ("POST /users/{id}/follow"): the other test
    // user, recorded first (nobody links to themselves, and the foreign key wants their row).
    let parentKey = post.parent ? made.parents.get(post.parent.column) : undefined;
    if (post.parent && table(post.parent.table).identity && post.parent.column !== t.owner) {
      const other = who === a ? b : a;
      if (!options.recordUser || !(await options.recordUser(other))) return null;
      parentKey = other.id;
    }
    const url = fill(post, who.id, undefined, parentKey);
    let r = await req("POST", url, { token: who.token, body: made.body }, post);
    // A rule over several columns (a CHECK such as "frequency = 'weekly' AND day_of_week IS NOT
    // NULL") can need optional fields the sample body leaves out: a client sends them, so the
    // fields the 422 names that the body lacks are given sample values, once.
    if (r.status === 422 && Array.isArray(r.body?.errors)) {
      const schema = schemaOf(post);
      const more: Record<string, unknown> = { ...made.body };
      let added = false;
      for (const e of r.body.errors as { field?: unknown }[]) {
        const f = e.field;
        if (typeof f !== "string" || f in more || !schema.properties?.[f]) continue;
        more[f] = sampleValue(deref(openapi, schema.properties[f]), f);
        added = true;
      }
      if (added) r = await req("POST", url, { token: who.token, body: fitted(openapi, schema, more) }, post);
    }
    // A membership row the app made already: creating a group makes its creator a member, so the
    // caller's own membership of a group they made exists (409 on a key of group and user).
    const group = ir.tables.find((x) => x.scope?.kind === "member" && x.scope.membership === t.name && x.scope.column === x.primaryKey)?.scope;
    if (r.status === 409 && group?.kind === "member") {
      // Its key: the body's (a key of group and user), or the id of the caller's row for that group.
      let row: Record<string, unknown> | undefined = t.keyColumns?.length ? { ...made.body } : undefined;
      const list = ep(t, "list");
      if (!row && list) {
        const got = await req("GET", fill(list, who.id), { token: who.token }, list);
        row = rowsOf(got.body).find((x) => String(x?.[group.membershipGroup]) === String(made.body[group.membershipGroup]));
      }
      if (row) {
        const id = String(row[t.primaryKey] ?? who.id);
        if (!created.has(t.name)) created.set(t.name, new Map());
        created.get(t.name)!.set(who.id, { id, parents: made.parents, row });
        const get = ep(t, "get");
        if (who === a && get && !t.keyColumns?.length) aRows.push(fill(get, a.id, id));
        return id;
      }
    }
    // The success status the spec states for the create (200 when it says "Response (200)").
    if (r.status !== post.successStatus) {
      failures.push(`${t.name}: create as ${who.id} -> ${r.status} ${JSON.stringify(r.body)} (body ${JSON.stringify(made.body)})`);
      return null;
    }
    const id = String(r.body[t.primaryKey]);
    if (!created.has(t.name)) created.set(t.name, new Map());
    created.get(t.name)!.set(who.id, { id, parents: made.parents, ...(r.body && typeof r.body === "object" ? { row: r.body as Record<string, unknown> } : {}) });
    if (who === a && isPrivate(t)) {
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) markers.add(id);
      const get = ep(t, "get");
      if (get) aRows.push(fill(get, a.id, id));
    }
    return id;
  }

  // /users/me: each user registers (when the app wants that) and reads their own row only.
  const identity = ir.tables.find((t) => t.identity);
  const selfEps = identity ? ir.endpoints.filter((e) => e.self && e.table === identity.name && e.auth === "required" && !stub(e)) : [];
  const selfCreate = selfEps.find((e) => e.action.kind === "create");
  if (identity && selfCreate) {
    for (const who of [a, b]) {
      const r = await req("POST", fill(selfCreate, who.id), { token: who.token, body: fitted(openapi, schemaOf(selfCreate), sampleBody(schemaOf(selfCreate))) }, selfCreate);
      if (r.status !== 201 || String(r.body?.[identity.primaryKey]) !== who.id) failures.push(`${identity.name}: ${who.id} creating their own row -> ${r.status} ${JSON.stringify(r.body)}`);
    }
    const again = await req("POST", fill(selfCreate, a.id), { token: a.token, body: fitted(openapi, schemaOf(selfCreate), sampleBody(schemaOf(selfCreate))) }, selfCreate);
    if (again.status !== 409) failures.push(`${identity.name}: a second own row -> ${again.status}, want 409`);
  }
  const selfGet = selfEps.find((e) => e.action.kind === "get");
  if (identity && selfGet) {
    for (const who of [a, b]) {
      const r = await req("GET", fill(selfGet, who.id), { token: who.token }, selfGet);
      if (r.status !== 200 || String(r.body?.[identity.primaryKey]) !== who.id) failures.push(`${identity.name}: ${who.id} reading their own row -> ${r.status} ${JSON.stringify(r.body)}`);
    }
  }

  for (const t of ir.tables) {
    const all = ir.endpoints.filter((e) => e.table === t.name);
    if (all.length === 0) continue;
    // Every operation refuses a request without a token.
    for (const e of all.filter((x) => x.auth === "required")) {
      const r = await req(e.method.toUpperCase(), fill(e, a.id, "1", "1"), e.method === "get" || e.method === "delete" ? {} : { body: {} }, e);
      if (r.status !== 401) failures.push(`${e.method} ${e.path} without a token -> ${r.status}`);
    }
    if (t.identity) {
      if (selfEps.length) checked.push(t.name);
      else skipped.push({ table: t.name, reason: "the users table (no /me route)" });
      continue;
    }
    if (!isPrivate(t)) {
      skipped.push({ table: t.name, reason: t.shared === "read" ? "shared, read-only" : "shared by every user" });
      continue;
    }
    const id = await createFor(t, a);
    if (id === null) {
      skipped.push({ table: t.name, reason: byKind(t, "create").length ? "could not create a row (see failures, or a parent no route creates)" : "no create endpoint" });
      continue;
    }
    const parents = created.get(t.name)!.get(a.id)!.parents;
    for (const list of byKind(t, "list")) {
      const parent = list.parent ? parents.get(list.parent.column) : undefined;
      if (list.parent && parent === undefined) continue;
      // A subset ("GET /payments/intercompany") may rightly leave A's row out; B must still never see it.
      // One compared with a path value ("/tasks/status/{status}") is left to tests/app/collection-routes.test.ts.
      const fixed = list.list?.fixed ?? [];
      if (fixed.some((c) => "param" in c)) continue;
      const mine = await req("GET", fill(list, a.id, undefined, parent), { token: a.token }, list);
      const rows = rowsOf(mine.body);
      if (mine.status !== 200 || (!fixed.length && !rows.some((r) => String(r[t.primaryKey]) === id))) failures.push(`${t.name}: A's ${list.path} misses A's row (${mine.status})`);
      const theirs = await req("GET", fill(list, b.id, undefined, parent), { token: b.token }, list);
      if (list.parent) {
        // Under a's parent: b sees nothing, not even that it exists.
        if (theirs.status !== 404) failures.push(`${t.name}: B listing under A's ${list.parent.table} -> ${theirs.status}, want 404`);
      } else if (theirs.status !== 200 || rowsOf(theirs.body).some((r) => String(r[t.primaryKey]) === id)) failures.push(`${t.name}: B's list shows A's row or failed (${theirs.status})`);
      if (list.userParam) {
        const cross = await req("GET", fill(list, a.id, undefined, parent), { token: b.token }, list);
        if (cross.status !== 403) failures.push(`${t.name}: B listing with A's user id -> ${cross.status}, want 403`);
      }
    }
    for (const e of all.filter((x) => x.idParam && x.auth === "required" && !stub(x) && x.table === t.name && !x.action.kind.startsWith("relation"))) {
      const parent = e.parent ? parents.get(e.parent.column) : undefined;
      if (e.parent && parent === undefined) continue;
      // A replace names b's own parents, so that only the row itself (a's) can be what is refused.
      const made = e.action.kind === "replace" ? await bodyFor(t, { ...e, parent: undefined }, b, 1) : null;
      if (made && e.parent) delete made.body[e.parent.column]; // the path gives it (a's, here)
      const body = e.action.kind === "replace" ? (made?.body ?? sampleBody(openapi.components.schemas[`${modelName(t.name)}Replace`])) : e.action.kind === "update" ? {} : undefined;
      const r = await req(e.method.toUpperCase(), fill(e, b.id, id, parent), { token: b.token, ...(body ? { body } : {}) }, e);
      // A PATCH with an empty body may be refused (422) before the lookup; it must never succeed.
      const ok = r.status === 404 || (e.action.kind === "update" && r.status === 422);
      if (!ok) failures.push(`${t.name}: B ${e.method} ${e.path} on A's row -> ${r.status}, want 404`);
      if (e.userParam) {
        const cross = await req(e.method.toUpperCase(), fill(e, a.id, id, parent), { token: b.token, ...(body ? { body } : {}) }, e);
        if (cross.status !== 403) failures.push(`${t.name}: B ${e.method} on A's path -> ${cross.status}, want 403`);
      }
    }
    // b builds on a's rows: a nested create under a's parent is a 404, a body naming a's row a 422.
    for (const post of byKind(t, "create")) {
      const made = await bodyFor(t, post, b, 1);
      if (!made) continue;
      if (post.parent && parents.has(post.parent.column)) {
        const r = await req("POST", fill(post, b.id, undefined, parents.get(post.parent.column)), { token: b.token, body: made.body }, post);
        if (r.status !== 404) failures.push(`${t.name}: B creating under A's ${post.parent.table} -> ${r.status}, want 404`);
      }
      for (const [column, aParent] of parents) {
        const target = table(t.columns.find((c) => c.name === column)!.references!.table);
        if (post.parent?.column === column || !(column in made.body) || !isPrivate(target)) continue;
        const r = await req("POST", fill(post, b.id, undefined, post.parent ? made.parents.get(post.parent.column) : undefined), { token: b.token, body: { ...made.body, [column]: typed(t, column, aParent) } }, post);
        if (r.status !== 422) failures.push(`${t.name}: B creating with ${column} = A's row -> ${r.status}, want 422`);
      }
    }
    const get = ep(t, "get");
    if (get) {
      const r = await req("GET", fill(get, a.id, id), { token: a.token }, get);
      if (r.status !== 200) failures.push(`${t.name}: A cannot read A's row (${r.status})`);
    }
    checked.push(t.name);
  }
  // Nothing b did changed a's rows or took them away.
  for (const path of aRows) {
    const r = await req("GET", path, { token: a.token });
    if (r.status !== 200) failures.push(`A's row ${path} -> ${r.status} after B's attempts, want 200`);
  }
  return { checked, skipped, failures, requests, markers: [...markers].sort(), aRows };
}
