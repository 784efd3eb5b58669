// generated/tests/<resource>.test.ts: one vitest file per resource with endpoints, run over
// HTTP against real databases (embedded PGlite, and PostgreSQL at TEST_DATABASE_URL), with real
// signed tokens. For each endpoint of a table whose rows belong to users (owned, or scoped
// through a parent or a membership; the rows a row needs are made first, as the same user):
// success, 401 without a token, 403 on a {user_id} that is not the caller, 404 for another
// user's row and under another user's parent (exactly like a missing one), 422 for a body
// naming another user's row and for each required field missing, and body fields the client
// may not set (owner, id, timestamps) ignored. The users table's /me: each user's own row.
import { otherUserColumn, uniquePair } from "../ir/user-links.js";
import type { Column, ColumnType, Endpoint, IR, Table } from "../ir/types.js";
import { columnByName, tableInfo, tableByName, type TableInfo } from "./table-info.js";
import { modelName, singularName } from "../base/naming.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { userIdKind } from "../ir/identity-plan.js";
import { groupViaUsers } from "../ir/ownership.js";
import { tenantsOf, type TenantType } from "./route-specs.js";

/**
 * The two test users' organizations in an app with tenant-scoped tables: the claim the tokens
 * carry (the first the runtime reads) and a value of the tenant columns' type for each; null in
 * other apps, and where no one value fits every tenant column.
 */
function testTenants(ir: IR): { claim: string; a: string; b: string; types: readonly TenantType[] } | null {
  const t = tenantsOf(ir);
  if (!t) return null;
  const kinds = new Set(t.types.map((k) => (k === "bigint" ? "integer" : k)));
  if (kinds.size > 1 && !(kinds.size === 2 && kinds.has("text"))) return null;
  const claim = t.columns[0] ?? "organization_id";
  if (kinds.has("uuid")) return { claim, a: "00000000-0000-4000-8000-0000000000a1", b: "00000000-0000-4000-8000-0000000000b2", types: t.types };
  if (kinds.has("integer")) return { claim, a: "101", b: "202", types: t.types };
  return { claim, a: "tenant-a", b: "tenant-b", types: t.types };
}

/** The tenant tables the spec defines (organizations, no membership): rows an admin job makes, keyed by the test tenants. */
function definedTenantTables(ir: IR): Table[] {
  return ir.tables.filter((t) => t.scope?.kind === "tenant" && t.scope.column === t.primaryKey);
}

/** The harness every app's tests share, copied verbatim (templates/tests/). */
const HARNESS_TEMPLATE = "tests/harness-core.ts";

function sample(c: Column): unknown {
  return sampleOf(c.type, c);
}

/** A value of type `t` the API accepts (within the column's limits, when `c` is given). */
function sampleOf(t: ColumnType, c?: Column): unknown {
  switch (t.kind) {
    case "string":
    case "text":
      return "x".repeat(Math.max(1, c?.minLength ?? 1));
    case "integer":
    case "float":
      return c?.minimum ?? 1;
    case "bigint":
      return "1";
    case "decimal":
      return "1";
    case "boolean":
      return true;
    case "timestamp":
      return "2030-01-01T00:00:00.000Z";
    case "date":
      return "2030-01-01";
    case "time":
      return "12:00:00";
    case "uuid":
      return "00000000-0000-4000-8000-000000000001";
    case "json":
      return {};
    case "enum":
      return t.values[0];
    case "bytes":
      return "AAEC/w==";
    case "inet":
      return "192.0.2.1";
    case "cidr":
      return "192.0.2.0/24";
    case "macaddr":
      return "08:00:2b:01:02:03";
    case "interval":
      return "1 day 02:00:00";
    case "array":
      return [sampleOf(t.of)];
    case "vector":
      return Array.from({ length: t.dimensions }, (_, i) => (i % 4) / 4);
  }
}

/**
 * A value the API must refuse for a column of one of the types JSON has no own form for
 * (and char(n), smallint): null for the other types, whose refusals other tests cover.
 */
function badValueOf(t: ColumnType): unknown {
  switch (t.kind) {
    case "bytes":
      return "not base64!";
    case "inet":
      return "999.1.1.1";
    case "cidr":
      return "10.0.0.0/99";
    case "macaddr":
      return "08:00:2b:01:02:0g";
    case "interval":
      return "banana";
    case "array":
      // An element of the wrong type.
      return [t.of.kind === "string" || t.of.kind === "text" ? 1 : "x"];
    case "vector":
      return Array.from({ length: t.dimensions + 1 }, () => 0.5);
    case "string":
      return t.fixed && t.maxLength !== undefined ? "x".repeat(t.maxLength + 1) : null;
    case "integer":
      return t.small ? 40000 : null;
    default:
      return null;
  }
}

/** The path with its parameters as template expressions: the user, the row's key, a nested route's parent; others "1". */
function concretePath(e: Endpoint, user: string, id: string, other = "1", parent?: string): string {
  const compared = pathSamples.get(e) ?? {};
  return "`" + e.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === e.userParam ? `\${${user}}` : name === e.idParam ? `\${${id}}` : parent !== undefined && name === e.parent?.param ? `\${${parent}}` : compared[name] ?? other)) + "`";
}

/** A value for each path parameter a route compares a column with ("/tasks/status/{status}"): one the column takes. */
const pathSamples = new WeakMap<Endpoint, Record<string, string>>();

function notePathSamples(t: Table, eps: readonly Endpoint[]): void {
  for (const e of eps) {
    const conds = e.action.kind === "count" ? e.action.where : (e.list?.fixed ?? []);
    const out: Record<string, string> = {};
    for (const c of conds) {
      if (!("param" in c)) continue;
      const col = t.columns.find((x) => x.name === c.column);
      if (col) out[c.param] = encodeURIComponent(String(sample(col)));
    }
    if (Object.keys(out).length) pathSamples.set(e, out);
  }
}

/** How a test makes a row of a table over HTTP: its create route, and what the body needs first. */
interface Maker {
  readonly table: Table;
  readonly info: TableInfo;
  /** null: a group whose members the users table names (users.tenant_id): made as an admin job makes it. */
  readonly create: Endpoint | null;
  /** Columns naming another table's row, made first for the same user. */
  readonly parents: readonly { readonly column: Column; readonly target: Table; readonly key: string }[];
  /** Columns naming the users table: the user's own id. */
  readonly users: readonly Column[];
}

function createEndpoint(ir: IR, t: Table): Endpoint | undefined {
  const creates = ir.endpoints.filter((e) => e.table === t.name && e.action.kind === "create" && e.auth === "required" && !e.self);
  return creates.find((e) => !e.parent) ?? creates[0];
}

/**
 * The makers a table's row needs, in the order to run them (the table's own last): each row it
 * names (a required reference, the parent it is scoped through, the parent in its create's
 * path) is made first. null when one of them has no create route (or the chain runs in a circle).
 */
function makersFor(ir: IR, t: Table, seen: ReadonlySet<string> = new Set()): Map<string, Maker> | null {
  const create = createEndpoint(ir, t);
  if (seen.has(t.name) || t.identity || t.shared === "read" || t.internal) return null;
  const info = tableInfo(ir, t);
  if (!create) {
    // No route creates a tenant (SF220): the test makes one in SQL, the caller its member.
    if (!groupViaUsers(t, ir.tables) || info.requiredOnCreate.some((c) => c.references)) return null;
    const identity = ir.tables.find((x) => x.identity)!;
    if (tableInfo(ir, identity).requiredOnCreate.some((c) => c.references && c.name !== identity.primaryKey)) return null;
    return new Map([[t.name, { table: t, info, create: null, parents: [], users: [] }]]);
  }
  const out = new Map<string, Maker>();
  const parents: Maker["parents"][number][] = [];
  const users: Column[] = [];
  for (const c of t.columns) {
    // (A managed membership's member is named by its group's owner: the other test user, emitMaker.)
    if (!c.references || (c.name === t.owner && !addsOthers(t))) continue;
    const viaPath = create.parent?.column === c.name;
    const needed = info.requiredOnCreate.includes(c) || (t.scope?.kind === "parent" && t.scope.column === c.name) || viaPath || (c.name === t.owner && addsOthers(t));
    if (!needed || (!info.writable.includes(c) && !viaPath)) continue;
    const target = tableByName(ir, c.references.table);
    if (target.identity) {
      users.push(c);
      continue;
    }
    const sub = makersFor(ir, target, new Set([...seen, t.name]));
    if (!sub) return null;
    for (const [k, m] of sub) out.set(k, m);
    parents.push({ column: c, target, key: c.references.column });
  }
  out.set(t.name, { table: t, info, create, parents, users });
  return out;
}

/** The body fields of a table's required columns that name no row: unique texts (unique columns must not collide), samples. */
function fieldsOf(info: TableInfo): string[] {
  return info.requiredOnCreate
    .filter((c) => !c.references)
    .map((c) => {
      if (c.type.kind === "string" || c.type.kind === "text") {
        const max = (c.type.kind === "string" ? c.type.maxLength : undefined) ?? c.maxLength ?? 255;
        return `${str(c.name)}: unique(${Math.max(1, c.minLength ?? 1)}, ${max})`;
      }
      return `${str(c.name)}: ${JSON.stringify(sample(c))}`;
    });
}

/** The user's id as a column of the users table holds it. */
function userValue(c: Column, user: string): string {
  return c.type.kind === "integer" ? `Number(${user})` : user;
}

const makerName = (m: Maker) => `make${m.info.model}`;
const inputName = (m: Maker) => `inputFor${m.info.model}`;

/** The maker of a tenant (users.tenant_id -> tenants): the row and the user's membership written as an admin job would. */
function emitAdminMaker(ir: IR, m: Maker, L: string[]): void {
  const s = m.table.scope as Extract<NonNullable<Table["scope"]>, { kind: "member" }>;
  const identity = ir.tables.find((x) => x.identity)!;
  const idInfo = tableInfo(ir, identity);
  const pk = idInfo.pk.name;
  const userFields = fieldsOf(idInfo).filter((f) => !f.startsWith(`${str(pk)}:`));
  const user = userValue(idInfo.pk, "user");
  L.push(`  /** A body of the ${m.table.name} fields a client may write (for a PUT or PATCH). */`);
  L.push(`  const ${inputName(m)} = async (_user: string, _token: string): Promise<Record<string, any>> => ({ ${fieldsOf(m.info).join(", ")} });`);
  L.push(`  /** A ${m.table.name} row as an admin job makes it (no route creates one), the user its member through ${identity.name}.${s.membershipGroup}. */`);
  // The user's own while it exists: a user belongs to one, and making another would move them out of the first.
  L.push(`  const ${makerName(m)} = async (user: string, _token: string): Promise<Record<string, any>> => {`);
  L.push(`    const current = await app.admin(${str(m.table.name)}).whereIn(${str(m.info.pk.name)}, app.admin(${str(identity.name)}).select(${str(s.membershipGroup)}).where(${str(pk)}, ${user})).first();`);
  L.push(`    if (current) return current as Record<string, any>;`);
  L.push(`    const [row] = await app.admin(${str(m.table.name)}).insert(await ${inputName(m)}(user, _token)).returning("*");`);
  L.push(`    await app.admin(${str(identity.name)}).insert({ ${[`${str(pk)}: ${user}`, ...userFields].join(", ")} }).onConflict(${str(pk)}).ignore();`);
  L.push(`    await app.admin(${str(identity.name)}).update({ ${str(s.membershipGroup)}: row[${str(m.info.pk.name)}] }).where(${str(pk)}, ${user});`);
  L.push(`    return row as Record<string, any>;`);
  L.push(`  };`);
}

/** The functions that make a maker's row: the body (its rows made first), then the POST. */
function emitMaker(ir: IR, m: Maker, L: string[]): void {
  if (!m.create) return emitAdminMaker(ir, m, L);
  const pcol = m.create.parent?.column;
  L.push(`  /** A body for a new ${m.table.name} row of the user, the rows it names made first. */`);
  L.push(`  const ${inputName(m)} = async (user: string, token: string): Promise<Record<string, any>> => {`);
  L.push(`    const body: Record<string, any> = { ${fieldsOf(m.info).join(", ")} };`);
  for (const p of m.parents) L.push(`    body[${str(p.column.name)}] = (await make${tableInfoModel(p.target)}(user, token))[${str(p.key)}];`);
  // A link between users names the other test user there (nobody links to themselves), recorded first as the app records a caller.
  const identity = ir.tables.find((x) => x.identity);
  const other = identity ? otherUserColumn(m.table, m.table.owner, identity.name) : null;
  for (const c of m.users) {
    if (identity && addsOthers(m.table) && c.name === m.table.owner) {
      // A membership its group's owner adds: the other test user (recorded first, as the app
      // records a caller), whose membership of that group an earlier test made goes first.
      const idInfo = tableInfo(ir, identity);
      const fields = fieldsOf(idInfo).filter((f) => !f.startsWith(`${str(idInfo.pk.name)}:`));
      L.push(`    const other = user === A ? B : A;`);
      L.push(`    await app.admin(${str(identity.name)}).insert({ ${[`${str(idInfo.pk.name)}: ${userValue(idInfo.pk, "other")}`, ...fields].join(", ")} }).onConflict(${str(idInfo.pk.name)}).ignore();`);
      L.push(`    await app.admin(${str(m.table.name)}).where({ ${str(c.name)}: ${userValue(c, "other")}, ${str(m.table.fellows!)}: body[${str(m.table.fellows!)}] }).delete();`);
      L.push(`    body[${str(c.name)}] = ${userValue(c, "other")};`);
      continue;
    }
    if (c.name !== other || !identity) {
      L.push(`    body[${str(c.name)}] = ${userValue(c, "user")};`);
      continue;
    }
    const idInfo = tableInfo(ir, identity);
    const fields = fieldsOf(idInfo).filter((f) => !f.startsWith(`${str(idInfo.pk.name)}:`));
    L.push(`    const other = user === A ? B : A;`);
    L.push(`    await app.admin(${str(identity.name)}).insert({ ${[`${str(idInfo.pk.name)}: ${userValue(idInfo.pk, "other")}`, ...fields].join(", ")} }).onConflict(${str(idInfo.pk.name)}).ignore();`);
    // One link per pair: a link made by an earlier test goes first.
    L.push(`    await app.admin(${str(m.table.name)}).where({ ${str(m.table.owner!)}: ${userValue(columnByName(m.table, m.table.owner!), "user")}, ${str(c.name)}: ${userValue(c, "other")} }).delete();`);
    L.push(`    body[${str(c.name)}] = ${userValue(c, "other")};`);
  }
  L.push(`    return body;`);
  L.push(`  };`);
  // The membership of a group whose creator the app makes its first member: that row, made with the group.
  const group = m.parents.find((p) => p.target.scope?.kind === "member" && p.target.scope.membership === m.table.name && p.target.scope.column === p.target.primaryKey && p.target.scope.membershipGroup === p.column.name);
  // (Only where a second membership of the same user and group is refused: otherwise the POST makes one.)
  if (group && m.table.owner && uniquePair(m.table, group.column.name, m.table.owner)) {
    const owner = columnByName(m.table, m.table.owner);
    L.push(`  /** The user's membership of a new ${group.target.name} row: the app makes it with the ${singularName(group.target.name)}. */`);
    L.push(`  const ${makerName(m)} = async (user: string, token: string): Promise<Record<string, any>> => {`);
    L.push(`    const made = await make${tableInfoModel(group.target)}(user, token);`);
    L.push(`    const row = await app.admin(${str(m.table.name)}).where({ ${str(group.column.name)}: made[${str(group.key)}], ${str(owner.name)}: ${userValue(owner, "user")} }).first();`);
    L.push(`    expect(row).toBeTruthy();`);
    L.push(`    return row as Record<string, any>;`);
    L.push(`  };`);
    return;
  }
  L.push(`  const ${makerName(m)} = async (user: string, token: string): Promise<Record<string, any>> => {`);
  L.push(`    const body = await ${inputName(m)}(user, token);`);
  L.push(`    const res = await app.call("POST", ${concretePath(m.create, "user", "0", "1", pcol ? `body[${str(pcol)}]` : undefined)}, { token, body });`);
  L.push(`    expect(res.status, JSON.stringify(res.body)).toBe(${m.create.successStatus});`);
  L.push(`    return res.body as Record<string, any>;`);
  L.push(`  };`);
}

/**
 * A membership made with its group (one per user and group) whose group's owner adds other users:
 * its tests' bodies name the other test user (a new row) and change neither member nor group.
 */
function addsOthers(t: Table): boolean {
  return !!t.managers && !!t.fellows && !!t.owner && uniquePair(t, t.fellows, t.owner);
}

function tableInfoModel(t: Table): string {
  return modelName(t.name);
}

/** The self-registration route (POST .../me) and the body that registers a user, when users register themselves. */
function selfRegistration(ir: IR): { path: string; fields: string[] } | null {
  if (!ir.auth.selfRegistration) return null;
  const e = ir.endpoints.find((x) => x.self && x.action.kind === "create" && x.auth === "required");
  const identity = ir.tables.find((t) => t.identity);
  if (!e || !identity) return null;
  const info = tableInfo(ir, identity);
  return { path: e.path, fields: fieldsOf(info).filter((f) => !f.startsWith(`${str(info.pk.name)}:`)) };
}

function emitResourceTest(ir: IR, info: TableInfo, eps: readonly Endpoint[]): string | null {
  const t = info.table;
  if (!t.owner && !t.scope) return null;
  const makers = makersFor(ir, t);
  if (!makers) return null;
  const me = makers.get(t.name)!;
  const create = me.create;
  // A row that needs nothing made first is made from validBody() alone (and the path's user).
  const plain = create !== null && me.parents.length === 0 && me.users.length === 0 && !create.parent;
  const register = selfRegistration(ir);
  // The row's key in a path (its key column need not be called id).
  const rowKey = info.pk.name === "id" ? "row.id" : `row[${str(info.pk.name)}]`;
  // A group whose membership rows keep it (their foreign key neither cascades nor sets null): its creator's row keeps it too.
  const s0 = t.scope;
  const groupKept = s0?.kind === "member" && s0.column === t.primaryKey && !["cascade", "set null"].includes(tableByName(ir, s0.membership).columns.find((c) => c.name === s0.membershipGroup)?.references?.onDelete ?? "cascade");
  // With no required field, validBody() is {}: a PATCH needs one property, one a client may write.
  const optional = info.writable.find((c) => !c.references && c.type.kind !== "json" && badValueOf(c.type) === null);
  const changeable = fieldsOf(info).length === 0 && optional ? `${str(optional.name)}: ${JSON.stringify(sample(optional))}` : "";
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import { afterAll, beforeAll, describe, expect, it } from "vitest";`);
  // Built-in auth: the two users register and sign in over HTTP (no users are made up from tokens).
  const builtin = ir.auth.mode === "builtin";
  L.push(builtin ? `import { DB_KINDS, signUp, startApp, type TestApp } from "./harness.js";` : `import { DB_KINDS, startApp, tokenFor, type TestApp } from "./harness.js";`);
  L.push(``);
  L.push(`let n = 0;`);
  L.push(`const unique = (min: number, max: number): string => \`t\${++n}\`.padEnd(min, "x").slice(-max);`);
  L.push(`const validBody = (): Record<string, unknown> => ({ ${fieldsOf(info).join(", ")} });`);
  if (register) L.push(`const registerBody = (): Record<string, unknown> => ({ ${register.fields.join(", ")} });`);
  L.push(``);
  L.push(`describe.each(DB_KINDS)(${str(`${t.name} on %s`)}, (kind) => {`);
  L.push(`  let app: TestApp;`);
  if (builtin) {
    L.push(`  let A = "";`);
    L.push(`  let B = "";`);
  } else {
    const [idA, idB] = testUserIds(ir, info.stem);
    L.push(`  const A = ${str(idA)};`);
    L.push(`  const B = ${str(idB)};`);
    const tt = testTenants(ir);
    if (tt) {
      L.push(`  // The organizations of A and B (tenant-scoped tables: a row is the caller's organization's).`);
      L.push(`  const TA = ${str(tt.a)};`);
      L.push(`  const TB = ${str(tt.b)};`);
    }
  }
  L.push(`  let a: string;`);
  L.push(`  let b: string;`);
  if (plain && create) {
    L.push(`  const createFor = async (user: string, token: string) => {`);
    L.push(`    const res = await app.call("POST", ${concretePath(create, "user", "0")}, { token, body: validBody() });`);
    L.push(`    expect(res.status).toBe(${create.successStatus});`);
    L.push(`    return res.body as Record<string, any>;`);
    L.push(`  };`);
  } else {
    for (const m of makers.values()) emitMaker(ir, m, L);
    L.push(`  const createFor = ${makerName(me)};`);
  }
  L.push(``);
  L.push(`  beforeAll(async () => {`);
  L.push(`    app = await startApp(kind);`);
  if (builtin) {
    L.push(`    ({ id: A, token: a } = await signUp(app, "a"));`);
    L.push(`    ({ id: B, token: b } = await signUp(app, "b"));`);
  } else {
    const tt = testTenants(ir);
    if (tt) {
      // Each user in an organization of their own, named by the claim the app reads (runtime/tenant.ts).
      L.push(`    a = await tokenFor(A, { ${str(tt.claim)}: TA });`);
      L.push(`    b = await tokenFor(B, { ${str(tt.claim)}: TB });`);
      for (const g of definedTenantTables(ir)) {
        const gi = tableInfo(ir, g);
        L.push(`    // The organizations themselves, as the auth service's admin job would make them (no route creates one).`);
        L.push(`    for (const key of [TA, TB]) await app.admin(${str(g.name)}).insert({ ${[`${str(gi.pk.name)}: key`, ...fieldsOf(gi)].join(", ")} }).onConflict(${str(gi.pk.name)}).ignore();`);
      }
    } else {
      L.push(`    a = await tokenFor(A);`);
      L.push(`    b = await tokenFor(B);`);
    }
  }
  if (register) {
    // Users register themselves: without their users row, nothing of theirs can be written.
    L.push(`    for (const token of [a, b]) expect((await app.call("POST", ${str(register.path)}, { token, body: registerBody() })).status).toBe(201);`);
  }
  L.push(`  });`);
  L.push(`  afterAll(async () => {`);
  L.push(`    await app?.close();`);
  L.push(`  });`);
  /** A valid body for `user`; under a nested route its parent is the path's (`parent`), left out when undefined. */
  const bodyFor = (user: string, token: string, pcol?: string, parent?: string) => {
    if (plain) return fieldsOf(info).length || !changeable ? "validBody()" : `{ ...validBody(), ${changeable} }`;
    if (!pcol) return `await ${inputName(me)}(${user}, ${token})`;
    return `{ ...(await ${inputName(me)}(${user}, ${token})), ${str(pcol)}: ${parent ?? "undefined"} }`;
  };
  for (const e of eps) {
    const k = e.action.kind;
    if (e.self || e.auth !== "required") continue;
    if (k === "stub") {
      L.push(``);
      L.push(`  it(${str(`${e.method.toUpperCase()} ${e.path} answers 501 until implemented`)}, async () => {`);
      L.push(`    const row = await createFor(A, a);`);
      // A GET carries no body (fetch refuses one).
      L.push(`    expect((await app.call(${str(e.method.toUpperCase())}, ${concretePath(e, "A", rowKey)}, { token: a${e.method === "get" ? "" : ", body: {}"} })).status).toBe(501);`);
      L.push(`  });`);
      continue;
    }
    if (k === "relation-list" || k === "relation-add" || k === "relation-remove") continue; // covered by tests/app/rest.test.ts
    // A link row named by two keys, a list of the rows naming the caller, a link to another user: the
    // row a generic test would make is not one these routes name (covered by tests/app/link-rows.test.ts).
    const userLink = !!e.parent && ir.tables.some((x) => x.identity && x.name === e.parent!.table) && otherUserColumn(t, t.owner, e.parent.table) !== null;
    if (e.idColumn || e.list?.fixed?.some((c) => "caller" in c) || userLink) {
      L.push(``);
      L.push(`  it(${str(`${e.method.toUpperCase()} ${e.path}: 401 without a token`)}, async () => {`);
      L.push(`    expect((await app.call(${str(e.method.toUpperCase())}, ${concretePath(e, "A", "1")}${e.method === "get" ? "" : ", { body: {} }"})).status).toBe(401);`);
      L.push(`  });`);
      continue;
    }
    if ((k === "count" || k === "delete-many" || k === "update-many") && !e.parent) {
      // Many rows at once: the owner's only. Another user's row, even listed by its key, is neither counted nor changed.
      const a = e.action;
      const M = e.method.toUpperCase();
      const ids = a.kind === "delete-many" || a.kind === "update-many" ? a.idsField : null;
      const item = ir.endpoints.find((x) => x.table === t.name && x.method === "get" && x.action.kind === "get" && !x.self && !x.parent && x.idParam);
      L.push(``);
      L.push(`  describe(${str(`${M} ${e.path}`)}, () => {`);
      L.push(`    it("answers for the owner, and leaves another user's rows alone", async () => {`);
      L.push(`      const row = await createFor(B, b);`);
      // A path value the route compares a column with ("DELETE /posts/{postId}/like"): B's row's, under which A has none.
      const fromRow = Object.fromEntries(a.where.flatMap((c) => ("param" in c ? [[c.param, `\${encodeURIComponent(String(row[${str(c.column)}]))}`] as const] : [])));
      const path = Object.keys(fromRow).length ? "`" + e.path.replace(/\{([^}]+)\}/g, (_m, name: string) => fromRow[name] ?? (name === e.userParam ? "${A}" : "1")) + "`" : concretePath(e, "A", "1");
      L.push(`      const res = await app.call(${str(M)}, ${path}, { token: a${ids ? `, body: { ${str(ids)}: [${rowKey}] }` : ""} });`);
      L.push(`      expect(res.status).toBe(${e.successStatus});`);
      if (a.kind !== "count" && e.successStatus !== 204) L.push(`      expect(res.body).toEqual({ ${a.kind === "delete-many" ? "deleted" : "updated"}: 0 });`);
      if (item) L.push(`      expect((await app.call("GET", ${concretePath(item, "B", rowKey)}, { token: b })).status).toBe(200);`);
      L.push(`    });`);
      L.push(`    it("401 without a token", async () => {`);
      L.push(`      expect((await app.call(${str(M)}, ${concretePath(e, "A", "1")}${ids ? `, { body: { ${str(ids)}: [1] } }` : ""})).status).toBe(401);`);
      L.push(`    });`);
      L.push(`  });`);
      continue;
    }
    if (["reorder", "export", "create-many", "update-each", "copy", "own-get", "own-put"].includes(k)) {
      // The collection shapes (docs/rest.md): the token is required, and another user's row is never reached.
      const M = e.method.toUpperCase();
      const pk = str(info.pk.name);
      L.push(``);
      L.push(`  describe(${str(`${M} ${e.path}`)}, () => {`);
      // (A change needs a valid item: one made of validBody() alone, when it names no other row.)
      const itemOk = info.requiredOnCreate.every((c) => !c.references);
      if (k === "reorder" || (k === "update-each" && itemOk) || k === "copy" || k === "export") {
        L.push(`    it("never reaches another user's row", async () => {`);
        L.push(`      const row = await createFor(B, b);`);
        if (k === "reorder") {
          L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { token: a, body: [${rowKey}] });`);
          L.push(`      expect(res.status).toBe(200);`);
          L.push(`      expect(res.body).toEqual({ updated: 0 });`);
        } else if (k === "update-each") {
          L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { token: a, body: [{ ...validBody(), ${changeable ? `${changeable}, ` : ""}${pk}: ${rowKey} }] });`);
          L.push(`      expect(res.status).toBe(404);`);
        } else if (k === "copy") {
          L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", rowKey)}, { token: a });`);
          L.push(`      expect(res.status).toBe(404);`);
        } else {
          L.push(`      const res = await app.call(${str(M)}, \`\${${concretePath(e, "A", "1")}}?format=json\`, { token: a });`);
          L.push(`      expect(res.status).toBe(200);`);
          L.push(`      expect((res.body as Array<Record<string, unknown>>).some((r) => String(r[${pk}]) === String(${rowKey}))).toBe(false);`);
        }
        L.push(`    });`);
      }
      if (k === "create-many") {
        L.push(`    it("refuses a request with no items (422)", async () => {`);
        L.push(`      expect((await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { token: a, body: [] })).status).toBe(422);`);
        L.push(`    });`);
      }
      L.push(`    it("401 without a token", async () => {`);
      L.push(`      expect((await app.call(${str(M)}, ${concretePath(e, "A", "1")}${e.method === "get" ? "" : ", { body: {} }"})).status).toBe(401);`);
      L.push(`    });`);
      L.push(`  });`);
      continue;
    }
    // A PATCH must change something: a table with nothing a client may write has no PATCH to test but its 401.
    // A route changing only the columns its path names: a body of those columns (a key of another table cannot be made up here).
    const only = e.action.kind === "update" && e.action.fields ? info.writable.filter((c) => (e.action as { fields: readonly string[] }).fields.includes(c.name)) : null;
    const onlyBody = only && only.length && only.every((c) => !c.references && c.type.kind !== "json") ? `{ ${only.map((c) => `${str(c.name)}: ${JSON.stringify(sample(c))}`).join(", ")} }` : null;
    if (k === "update" && (info.writable.filter((c) => c.name !== e.parent?.column).length === 0 || (only && !onlyBody))) {
      L.push(``);
      L.push(`  it(${str(`${e.method.toUpperCase()} ${e.path}: 401 without a token`)}, async () => {`);
      L.push(`    expect((await app.call(${str(e.method.toUpperCase())}, ${concretePath(e, "A", "1")}, { body: {} })).status).toBe(401);`);
      L.push(`  });`);
      continue;
    }
    const M = e.method.toUpperCase();
    const hasBody = k === "create" || k === "replace" || k === "update";
    const pcol = e.parent?.column;
    // The parent a nested route names: the row's own for an item, a fresh one of A's otherwise.
    const rowFirst = !!e.idParam || (!!e.parent && k === "list");
    const parentOf = (row: string) => (pcol ? `${row}[${str(pcol)}]` : undefined);
    const aParent = rowFirst ? parentOf("row") : parentOf("body");
    // A managed membership's change names neither another member nor another group (a member never moves).
    const managedChange = (k === "update" || k === "replace") && addsOthers(t) ? t : null;
    const filler = managedChange ? info.writable.find((c) => c.name !== t.owner && c.name !== t.fellows && c.name !== t.managers!.column && !c.references && c.type.kind !== "json") : undefined;
    const keep = (body: string) => (managedChange ? `{ ...${body}, ${str(t.owner!)}: undefined, ${str(t.fellows!)}: undefined${filler ? `, ${str(filler.name)}: ${JSON.stringify(sample(filler))}` : ""} }` : body);
    // A managed membership's create names the other test user: the caller (A) runs the group and adds them.
    const madeFor = k === "create" && addsOthers(t) ? "B" : "A";
    const bodyA = onlyBody ?? (hasBody ? keep(rowFirst || !pcol ? bodyFor("A", "a", pcol, parentOf("row")) : "body") : "undefined");
    const needBodyFirst = hasBody && !rowFirst && !!pcol;
    L.push(``);
    L.push(`  describe(${str(`${M} ${e.path}`)}, () => {`);
    L.push(`    it("succeeds for the owner", async () => {`);
    if (rowFirst) L.push(`      const row = await createFor(A, a);`);
    if (needBodyFirst) L.push(`      const body = ${bodyFor("A", "a")};`);
    L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", rowKey, "1", aParent)}, { token: a, body: ${bodyA} });`);
    if (k === "delete" && groupKept) {
      L.push(`      // The creator's membership row references it, and the spec does not let that go with it.`);
      L.push(`      expect(res.status).toBe(422);`);
    } else L.push(`      expect(res.status).toBe(${e.successStatus});`);
    if (k === "list") L.push(`      expect(Array.isArray(res.body) || typeof res.body === "object").toBe(true);`);
    else if (k !== "delete") {
      if (t.owner) L.push(`      expect(String(res.body.${t.owner})).toBe(${madeFor});`);
      else if (e.idParam && (!hasBody || !info.writable.includes(info.pk))) L.push(`      expect(res.body[${str(info.pk.name)}]).toEqual(row[${str(info.pk.name)}]);`);
      else L.push(`      expect(res.body[${str(info.pk.name)}]).toBeDefined();`);
    }
    L.push(`    });`);
    L.push(`    it("401 without a token", async () => {`);
    L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { body: ${hasBody ? "validBody()" : "undefined"} });`);
    L.push(`      expect(res.status).toBe(401);`);
    L.push(`    });`);
    if (e.userParam) {
      L.push(`    it("403 when the path names another user", async () => {`);
      L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { token: b, body: ${hasBody ? "validBody()" : "undefined"} });`);
      L.push(`      expect(res.status).toBe(403);`);
      L.push(`    });`);
    }
    const bodyB = onlyBody ?? (hasBody ? keep(bodyFor("B", "b", pcol, rowFirst ? parentOf("row") : undefined)) : "undefined");
    if (e.idParam) {
      L.push(`    it("404 for another user's row, exactly like a missing one", async () => {`);
      L.push(`      const row = await createFor(A, a);`);
      L.push(`      const foreign = await app.call(${str(M)}, ${concretePath(e, "B", rowKey, "1", parentOf("row"))}, { token: b, body: ${bodyB} });`);
      L.push(`      const missing = await app.call(${str(M)}, ${concretePath(e, "B", "2147483000", "1", parentOf("row"))}, { token: b, body: ${bodyB} });`);
      L.push(`      expect(foreign.status).toBe(404);`);
      L.push(`      expect(foreign.body).toEqual(missing.body);`);
      // A's row is still there (read where a GET serves it).
      const itemPath = e.path.replace(/\/[^/{}]+$/, (m) => (/\{/.test(m) ? m : ""));
      if (ir.endpoints.some((x) => x.method === "get" && x.path === itemPath && x.action.kind === "get")) {
        L.push(`      expect((await app.call("GET", ${concretePath({ ...e, path: itemPath }, "A", rowKey, "1", parentOf("row"))}, { token: a })).status).toBe(200);`);
      }
      L.push(`    });`);
    } else if (e.parent && pcol) {
      L.push(`    it(${str(`404 under another user's ${singularName(e.parent.table)}, exactly like a missing one`)}, async () => {`);
      L.push(`      const row = await createFor(A, a);`);
      L.push(`      const foreign = await app.call(${str(M)}, ${concretePath(e, "B", "0", "1", parentOf("row"))}, { token: b, body: ${hasBody ? bodyFor("B", "b", pcol) : "undefined"} });`);
      L.push(`      const missing = await app.call(${str(M)}, ${concretePath(e, "B", "0", "2147483000")}, { token: b, body: ${hasBody ? bodyFor("B", "b", pcol) : "undefined"} });`);
      L.push(`      expect(foreign.status).toBe(404);`);
      L.push(`      expect(foreign.body).toEqual(missing.body);`);
      L.push(`    });`);
    }
    if (k === "create" && !e.parent) {
      // A body naming a row of another user's is refused like one naming no row.
      for (const p of me.parents) {
        if (!p.target.owner && !p.target.scope) continue;
        L.push(`    it(${str(`422 when ${p.column.name} names another user's ${singularName(p.target.name)}`)}, async () => {`);
        L.push(`      const theirs = await ${inputName(me)}(A, a);`);
        L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "B", "0")}, { token: b, body: { ...(await ${inputName(me)}(B, b)), ${str(p.column.name)}: theirs[${str(p.column.name)}] } });`);
        L.push(`      expect(res.status).toBe(422);`);
        L.push(`      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(${str(p.column.name)});`);
        L.push(`    });`);
      }
    }
    if (k === "create" || k === "replace") {
      for (const c of info.requiredOnCreate) {
        if (c.name === pcol) continue; // the path gives it
        L.push(`    it(${str(`422 without ${c.name}`)}, async () => {`);
        if (e.idParam) L.push(`      const row = await createFor(A, a);`);
        L.push(`      const body: Record<string, unknown> = ${plain ? "validBody()" : needBodyFirst ? bodyFor("A", "a") : bodyA};`);
        L.push(`      delete body[${str(c.name)}];`);
        L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", rowKey, "1", aParent)}, { token: a, body });`);
        L.push(`      expect(res.status).toBe(422);`);
        L.push(`      expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(${str(c.name)});`);
        L.push(`    });`);
      }
    }
    if (k === "create") {
      for (const c of info.writable) {
        const bad = badValueOf(c.type);
        if (bad === null) continue;
        L.push(`    it(${str(`422 for a bad ${c.name}`)}, async () => {`);
        if (needBodyFirst) L.push(`      const body = ${bodyFor("A", "a")};`);
        L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "0", "1", aParent)}, { token: a, body: { ...${plain ? bodyFor("A", "a") : needBodyFirst ? "body" : `(${bodyA})`}, ${str(c.name)}: ${JSON.stringify(bad)} } });`);
        L.push(`      expect(res.status).toBe(422);`);
        L.push(`      expect(res.body.errors.some((x: { field: string }) => x.field === ${str(c.name)} || x.field.startsWith(${str(`${c.name}.`)}))).toBe(true);`);
        L.push(`    });`);
      }
    }
    if (hasBody) {
      const forged: Record<string, unknown> = {};
      for (const c of info.readOnly) forged[c.name] = c.role === "owner" || c.role === "author" || c.role === "editor" ? "@@B@@" : c.role === "tenant" ? "@@TB@@" : c.role === "id" ? sample(c) : c.type.kind === "timestamp" ? "2000-01-01T00:00:00.000Z" : sample(c);
      L.push(`    it("ignores fields a client may not set (owner, id, timestamps)", async () => {`);
      if (e.idParam) L.push(`      const row = await createFor(A, a);`);
      if (needBodyFirst) L.push(`      const body = ${bodyFor("A", "a")};`);
      L.push(`      const forged = ${JSON.stringify(forged).replace(/"@@B@@"/g, "B").replace(/"@@TB@@"/g, "TB")};`);
      L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", rowKey, "1", aParent)}, { token: a, body: { ...${onlyBody ?? (plain ? bodyFor("A", "a") : needBodyFirst ? "body" : `(${bodyA})`)}, ...forged } });`);
      L.push(`      expect(res.status).toBe(${e.successStatus});`);
      if (t.owner) L.push(`      expect(String(res.body.${t.owner})).toBe(${madeFor});`);
      // A tenant's row stays in the caller's organization, and its audit columns name the caller.
      for (const c of info.readOnly) {
        if (c.role === "tenant") L.push(`      expect(String(res.body[${str(c.name)}])).toBe(TA);`);
        if (c.role === "author" || c.role === "editor") L.push(`      expect(String(res.body[${str(c.name)}])).toBe(A);`);
      }
      for (const c of info.readOnly) {
        if (c.role === "created_at" || c.role === "updated_at") L.push(`      expect(String(res.body.${c.name}).startsWith("2000")).toBe(false);`);
        if (c.role === "id" && e.idParam) L.push(`      expect(res.body.${c.name}).toBe(row.${c.name});`);
      }
      L.push(`    });`);
    }
    L.push(`  });`);
  }
  L.push(`});`);
  return L.join("\n") + "\n";
}

/** /users/me: each user reads (and, when users register themselves, first creates) their own row, and only theirs. */
function emitSelfTest(ir: IR, info: TableInfo, eps: readonly Endpoint[]): string | null {
  const self = eps.filter((e) => e.self && e.auth === "required" && e.action.kind !== "stub");
  const get = self.find((e) => e.action.kind === "get");
  if (!get || ir.auth.mode === "builtin") return null;
  const register = selfRegistration(ir);
  const pk = info.pk.name;
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import { afterAll, beforeAll, describe, expect, it } from "vitest";`);
  L.push(`import { DB_KINDS, startApp, tokenFor, type TestApp } from "./harness.js";`);
  L.push(``);
  if (register) {
    L.push(`let n = 0;`);
    L.push(`const unique = (min: number, max: number): string => \`t\${++n}\`.padEnd(min, "x").slice(-max);`);
    L.push(`const registerBody = (): Record<string, unknown> => ({ ${register.fields.join(", ")} });`);
    L.push(``);
  }
  L.push(`describe.each(DB_KINDS)(${str(`${info.table.name}: the caller's own row on %s`)}, (kind) => {`);
  L.push(`  let app: TestApp;`);
  const [idA, idB] = testUserIds(ir, `${info.stem}_me`);
  L.push(`  const A = ${str(idA)};`);
  L.push(`  const B = ${str(idB)};`);
  L.push(`  let a: string;`);
  L.push(`  let b: string;`);
  L.push(``);
  L.push(`  beforeAll(async () => {`);
  L.push(`    app = await startApp(kind);`);
  L.push(`    a = await tokenFor(A);`);
  L.push(`    b = await tokenFor(B);`);
  L.push(`  });`);
  L.push(`  afterAll(async () => {`);
  L.push(`    await app?.close();`);
  L.push(`  });`);
  L.push(``);
  L.push(`  it(${str(`gives each user their own row at ${get.path}`)}, async () => {`);
  if (register) {
    L.push(`    expect((await app.call("GET", ${str(get.path)}, { token: a })).status).toBe(404);`);
    L.push(`    const made = await app.call("POST", ${str(register.path)}, { token: a, body: registerBody() });`);
    L.push(`    expect(made.status).toBe(201);`);
    L.push(`    expect(String(made.body[${str(pk)}])).toBe(A);`);
    L.push(`    expect((await app.call("POST", ${str(register.path)}, { token: a, body: registerBody() })).status).toBe(409);`);
    L.push(`    expect((await app.call("POST", ${str(register.path)}, { token: b, body: registerBody() })).status).toBe(201);`);
  }
  L.push(`    const mine = await app.call("GET", ${str(get.path)}, { token: a });`);
  L.push(`    const theirs = await app.call("GET", ${str(get.path)}, { token: b });`);
  L.push(`    expect(mine.status).toBe(200);`);
  L.push(`    expect(String(mine.body[${str(pk)}])).toBe(A);`);
  L.push(`    expect(String(theirs.body[${str(pk)}])).toBe(B);`);
  L.push(`  });`);
  L.push(``);
  L.push(`  it("401 without a token", async () => {`);
  for (const e of self) L.push(`    expect((await app.call(${str(e.method.toUpperCase())}, ${str(e.path)}, { body: ${e.method === "get" || e.method === "delete" ? "undefined" : "{}"} })).status).toBe(401);`);
  L.push(`  });`);
  L.push(`});`);
  return L.join("\n") + "\n";
}

/** generated/tests/harness.ts: the shared harness (templates/tests/harness-core.ts) started on this app. */
function emitHarness(ir: IR): string {
  const builtin = ir.auth.mode === "builtin";
  const L: string[] = [tsHeader(ir.sources.schema).trimEnd()];
  L.push(`// Starts this app for its tests with the shared harness (harness-core.ts).`);
  L.push(`import { createApp } from "../app.js";`);
  L.push(`import { migrations } from "../migrations/index.js";`);
  L.push(`import { ownedTables } from "../rls.js";`);
  L.push(`import { startTestApp, ${builtin ? "TEST_SECRET, " : ""}type DbKind, type TestApp } from "./harness-core.js";`);
  L.push(`export { DB_KINDS, ${builtin ? "signUp" : "tokenFor"}, type TestApp } from "./harness-core.js";`);
  L.push(``);
  L.push(`export function startApp(kind: DbKind): Promise<TestApp> {`);
  // Built-in auth signs its tokens with the secret the harness verifies them with.
  if (builtin) L.push(`  return startTestApp(kind, { createApp: (options) => createApp({ ...options, builtinAuth: { secret: TEST_SECRET } }), migrations, ownedTables });`);
  else L.push(`  return startTestApp(kind, { createApp, migrations, ownedTables });`);
  L.push(`}`);
  return L.join("\n") + "\n";
}

export function emitTests(ir: IR, templates: ReadonlyMap<string, string>): FileMap {
  const files: FileMap = new Map();
  for (const t of ir.tables) {
    const eps = ir.endpoints.filter((e) => e.table === t.name);
    notePathSamples(t, eps);
    if (eps.length === 0) continue;
    const info = tableInfo(ir, t);
    const text = t.identity ? emitSelfTest(ir, info, eps) : emitResourceTest(ir, info, eps);
    if (text) files.set(`tests/${info.stem}.test.ts`, text);
  }
  if (files.size) {
    const core = templates.get(HARNESS_TEMPLATE);
    if (core === undefined) throw new Error(`internal: templates/${HARNESS_TEMPLATE} missing`);
    files.set("tests/harness-core.ts", tsHeader(`templates/${HARNESS_TEMPLATE}`) + core);
    files.set("tests/harness.ts", emitHarness(ir));
  }
  return files;
}

/** Two user ids for a resource's tests, of the kind the users table's key takes (the app refuses others). */
function testUserIds(ir: IR, stem: string): [string, string] {
  const kind = userIdKind(ir);
  // A number from the stem keeps each resource's users apart, deterministically.
  let h = 0;
  for (const ch of stem) h = (h * 31 + ch.charCodeAt(0)) % 100_000;
  if (kind === "uuid") {
    const hex = h.toString(16).padStart(10, "0");
    return [`00000000-0000-4000-8000-a${hex}a`, `00000000-0000-4000-8000-b${hex}b`];
  }
  if (kind === "integer" || kind === "bigint") return [String(100_000 + h * 2), String(100_000 + h * 2 + 1)];
  const safe = stem.replace(/[^a-z0-9]/g, "_");
  return [`gen_a_${safe}`, `gen_b_${safe}`];
}
