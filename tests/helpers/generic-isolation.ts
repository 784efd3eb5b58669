// The isolation checks of the vertical slice, driven by an app's IR and OpenAPI
// document instead of hand-written requests, so any generated app can be checked.
import type { IR, Endpoint, Table } from "../../generator/ir/types.js";
import { modelName } from "../../generator/ir/naming.js";
import { sampleBody } from "./sample-body.js";

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
}

/** User ids that fit the identity table's key type. */
export function userIds(ir: IR): [string, string] {
  const id = ir.tables.find((t) => t.identity)?.columns.find((c) => c.primaryKey);
  if (id?.type.kind === "uuid") return ["5d0c7d2e-0000-4000-8000-00000000000a", "5d0c7d2e-0000-4000-8000-00000000000b"];
  if (id?.type.kind === "integer" || id?.type.kind === "bigint") return ["101", "202"];
  return ["user_a_1", "user_b_2"];
}

function fill(path: string, e: Endpoint, user: string, id?: string): string {
  let p = path;
  if (e.userParam) p = p.replace(`{${e.userParam}}`, encodeURIComponent(user));
  if (e.idParam && id !== undefined) p = p.replace(`{${e.idParam}}`, encodeURIComponent(id));
  return p;
}

/** The rows of a list response: a bare array, or the array inside the envelope the spec describes. */
function rowsOf(body: unknown): any[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object") return (Object.values(body).find((v) => Array.isArray(v)) as any[] | undefined) ?? [];
  return [];
}

export async function checkIsolation(ir: IR, openapi: any, call: Call, a: Caller, b: Caller): Promise<IsolationReport> {
  const failures: string[] = [];
  const checked: string[] = [];
  const skipped: { table: string; reason: string }[] = [];
  let requests = 0;
  const req: Call = async (m, p, o) => {
    requests++;
    const r = await call(m, p, o);
    if (r.status >= 500) failures.push(`${m} ${p} -> ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const ep = (t: Table, kind: string) => ir.endpoints.find((e) => e.table === t.name && e.action.kind === kind && e.auth === "required");
  const created = new Map<string, Map<string, string>>(); // table -> user -> id

  async function createFor(t: Table, who: Caller, depth = 0): Promise<string | null> {
    const have = created.get(t.name)?.get(who.id);
    if (have) return have;
    const post = ep(t, "create");
    if (!post || depth > 4) return null;
    const schema = openapi.components.schemas[`${modelName(t.name)}Create`];
    const body = sampleBody(schema);
    for (const c of t.columns) {
      if (!c.references || !(c.name in body)) continue;
      const target = ir.tables.find((x) => x.name === c.references!.table)!;
      if (target.identity) body[c.name] = who.id;
      else {
        const parent = await createFor(target, who, depth + 1);
        if (parent === null) return null;
        body[c.name] = c.type.kind === "integer" ? Number(parent) : parent;
      }
    }
    const r = await req("POST", fill(post.path, post, who.id), { token: who.token, body });
    if (r.status !== 201) {
      failures.push(`${t.name}: create as ${who.id} -> ${r.status} ${JSON.stringify(r.body)} (body ${JSON.stringify(body)})`);
      return null;
    }
    const id = String(r.body[t.primaryKey]);
    if (!created.has(t.name)) created.set(t.name, new Map());
    created.get(t.name)!.set(who.id, id);
    return id;
  }

  for (const t of ir.tables) {
    const eps = ir.endpoints.filter((e) => e.table === t.name);
    if (eps.length === 0) continue;
    // Every operation refuses a request without a token.
    for (const e of eps.filter((x) => x.auth === "required")) {
      const r = await req(e.method.toUpperCase(), fill(e.path, e, a.id, "1"), e.method === "get" || e.method === "delete" ? {} : { body: {} });
      if (r.status !== 401) failures.push(`${e.method} ${e.path} without a token -> ${r.status}`);
    }
    if (!t.owner) {
      skipped.push({ table: t.name, reason: "not owned (shared rows)" });
      continue;
    }
    const id = await createFor(t, a);
    if (id === null) {
      skipped.push({ table: t.name, reason: ep(t, "create") ? "could not create a row (see failures)" : "no create endpoint" });
      continue;
    }
    const list = ep(t, "list");
    if (list) {
      const mine = await req("GET", fill(list.path, list, a.id), { token: a.token });
      const rows = rowsOf(mine.body);
      if (mine.status !== 200 || !rows.some((r) => String(r[t.primaryKey]) === id)) failures.push(`${t.name}: A's list misses A's row (${mine.status})`);
      const theirs = await req("GET", fill(list.path, list, b.id), { token: b.token });
      const bRows = rowsOf(theirs.body);
      if (theirs.status !== 200 || bRows.some((r) => String(r[t.primaryKey]) === id)) failures.push(`${t.name}: B's list shows A's row or failed (${theirs.status})`);
      if (list.userParam) {
        const cross = await req("GET", fill(list.path, list, a.id), { token: b.token });
        if (cross.status !== 403) failures.push(`${t.name}: B listing with A's user id -> ${cross.status}, want 403`);
      }
    }
    for (const e of eps.filter((x) => x.idParam && x.auth === "required")) {
      const body = e.action.kind === "replace" ? sampleBody(openapi.components.schemas[`${modelName(t.name)}Replace`]) : e.action.kind === "update" ? {} : undefined;
      const r = await req(e.method.toUpperCase(), fill(e.path, e, b.id, id), { token: b.token, ...(body ? { body } : {}) });
      // A PATCH with an empty body may be refused (422) before the lookup; it must never succeed.
      const ok = r.status === 404 || (e.action.kind === "update" && r.status === 422);
      if (!ok) failures.push(`${t.name}: B ${e.method} A's row -> ${r.status}, want 404`);
      if (e.userParam) {
        const cross = await req(e.method.toUpperCase(), fill(e.path, e, a.id, id), { token: b.token, ...(body ? { body } : {}) });
        if (cross.status !== 403) failures.push(`${t.name}: B ${e.method} on A's path -> ${cross.status}, want 403`);
      }
    }
    const get = ep(t, "get");
    if (get) {
      const r = await req("GET", fill(get.path, get, a.id, id), { token: a.token });
      if (r.status !== 200) failures.push(`${t.name}: A cannot read A's row (${r.status})`);
    }
    checked.push(t.name);
  }
  return { checked, skipped, failures, requests };
}
