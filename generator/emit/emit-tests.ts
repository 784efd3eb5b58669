// generated/tests/<resource>.test.ts: one vitest file per resource with endpoints, run over
// HTTP against real databases (embedded PGlite, and PostgreSQL at TEST_DATABASE_URL), with real
// signed tokens. For each endpoint: success, 401 without a token, 403 on a {user_id} that is
// not the caller, 404 for another user's row, 422 for each required field missing, and body
// fields the client may not set (owner, id, timestamps) ignored.
import type { Column, ColumnType, Endpoint, IR } from "../ir/types.js";
import { tableInfo, tableByName, type TableInfo } from "./table-info.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { userIdKind } from "../ir/identity-plan.js";

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

function concretePath(e: Endpoint, user: string, id: string, other = "1"): string {
  return "`" + e.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === e.userParam ? `\${${user}}` : name === e.idParam ? `\${${id}}` : other)) + "`";
}

function emitResourceTest(ir: IR, info: TableInfo, eps: readonly Endpoint[]): string | null {
  const t = info.table;
  if (!t.owner) return null;
  // A create that needs a row of another table cannot be made up here: the hand-written tests cover it.
  if (info.requiredOnCreate.some((c) => c.references && !tableByName(ir, c.references.table).identity)) return null;
  const create = eps.find((e) => e.action.kind === "create" && e.userParam);
  if (!create) return null;
  // Text values are made unique per call: unique columns (e.g. a name per user) must not collide.
  const fields = info.requiredOnCreate.map((c) => {
    if (c.type.kind === "string" || c.type.kind === "text") {
      const max = (c.type.kind === "string" ? c.type.maxLength : undefined) ?? c.maxLength ?? 255;
      return `${str(c.name)}: unique(${Math.max(1, c.minLength ?? 1)}, ${max})`;
    }
    return `${str(c.name)}: ${JSON.stringify(sample(c))}`;
  });
  const L: string[] = [tsHeader(ir.sources.api ?? ir.sources.schema).trimEnd()];
  L.push(`import { afterAll, beforeAll, describe, expect, it } from "vitest";`);
  // Built-in auth: the two users register and sign in over HTTP (no users are made up from tokens).
  const builtin = ir.auth.mode === "builtin";
  L.push(builtin ? `import { DB_KINDS, signUp, startApp, type TestApp } from "./harness.js";` : `import { DB_KINDS, startApp, tokenFor, type TestApp } from "./harness.js";`);
  L.push(``);
  L.push(`let n = 0;`);
  L.push(`const unique = (min: number, max: number): string => \`t\${++n}\`.padEnd(min, "x").slice(-max);`);
  L.push(`const validBody = (): Record<string, unknown> => ({ ${fields.join(", ")} });`);
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
  }
  L.push(`  let a: string;`);
  L.push(`  let b: string;`);
  L.push(`  const createFor = async (user: string, token: string) => {`);
  L.push(`    const res = await app.call("POST", ${concretePath(create, "user", "0")}, { token, body: validBody() });`);
  L.push(`    expect(res.status).toBe(${create.successStatus});`);
  L.push(`    return res.body as Record<string, any>;`);
  L.push(`  };`);
  L.push(``);
  L.push(`  beforeAll(async () => {`);
  L.push(`    app = await startApp(kind);`);
  if (builtin) {
    L.push(`    ({ id: A, token: a } = await signUp(app, "a"));`);
    L.push(`    ({ id: B, token: b } = await signUp(app, "b"));`);
  } else {
    L.push(`    a = await tokenFor(A);`);
    L.push(`    b = await tokenFor(B);`);
  }
  L.push(`  });`);
  L.push(`  afterAll(async () => {`);
  L.push(`    await app?.close();`);
  L.push(`  });`);
  for (const e of eps) {
    const k = e.action.kind;
    if (k === "stub") {
      L.push(``);
      L.push(`  it(${str(`${e.method.toUpperCase()} ${e.path} answers 501 until implemented`)}, async () => {`);
      L.push(`    const row = await createFor(A, a);`);
      L.push(`    expect((await app.call(${str(e.method.toUpperCase())}, ${concretePath(e, "A", "row.id")}, { token: a, body: {} })).status).toBe(501);`);
      L.push(`  });`);
      continue;
    }
    if (k === "relation-list" || k === "relation-add" || k === "relation-remove") continue; // covered by tests/app/rest.test.ts
    const M = e.method.toUpperCase();
    const hasBody = k === "create" || k === "replace" || k === "update";
    const bodyExpr = hasBody ? "validBody()" : "undefined";
    L.push(``);
    L.push(`  describe(${str(`${M} ${e.path}`)}, () => {`);
    L.push(`    it("succeeds for the owner", async () => {`);
    if (e.idParam) L.push(`      const row = await createFor(A, a);`);
    L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "row.id")}, { token: a, body: ${bodyExpr} });`);
    L.push(`      expect(res.status).toBe(${e.successStatus});`);
    if (k === "list") L.push(`      expect(Array.isArray(res.body) || typeof res.body === "object").toBe(true);`);
    else if (k !== "delete") L.push(`      expect(String(res.body.${t.owner})).toBe(A);`);
    L.push(`    });`);
    L.push(`    it("401 without a token", async () => {`);
    L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { body: ${bodyExpr} });`);
    L.push(`      expect(res.status).toBe(401);`);
    L.push(`    });`);
    if (e.userParam) {
      L.push(`    it("403 when the path names another user", async () => {`);
      L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "1")}, { token: b, body: ${bodyExpr} });`);
      L.push(`      expect(res.status).toBe(403);`);
      L.push(`    });`);
    }
    if (e.idParam) {
      L.push(`    it("404 for another user's row, exactly like a missing one", async () => {`);
      L.push(`      const row = await createFor(A, a);`);
      L.push(`      const foreign = await app.call(${str(M)}, ${concretePath(e, "B", "row.id")}, { token: b, body: ${bodyExpr} });`);
      L.push(`      const missing = await app.call(${str(M)}, ${concretePath(e, "B", "2147483000")}, { token: b, body: ${bodyExpr} });`);
      L.push(`      expect(foreign.status).toBe(404);`);
      L.push(`      expect(foreign.body).toEqual(missing.body);`);
      L.push(`      expect((await app.call("GET", ${concretePath({ ...e, path: e.path.replace(/\/[^/{}]+$/, (m) => (/\{/.test(m) ? m : "")) }, "A", "row.id")}, { token: a })).status).toBe(200);`);
      L.push(`    });`);
    }
    if (k === "create" || k === "replace") {
      for (const c of info.requiredOnCreate) {
        L.push(`    it(${str(`422 without ${c.name}`)}, async () => {`);
        if (e.idParam) L.push(`      const row = await createFor(A, a);`);
        L.push(`      const body = validBody();`);
        L.push(`      delete body[${str(c.name)}];`);
        L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "row.id")}, { token: a, body });`);
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
        L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "0")}, { token: a, body: { ...validBody(), ${str(c.name)}: ${JSON.stringify(bad)} } });`);
        L.push(`      expect(res.status).toBe(422);`);
        L.push(`      expect(res.body.errors.some((x: { field: string }) => x.field === ${str(c.name)} || x.field.startsWith(${str(`${c.name}.`)}))).toBe(true);`);
        L.push(`    });`);
      }
    }
    if (hasBody) {
      const forged: Record<string, unknown> = {};
      for (const c of info.readOnly) forged[c.name] = c.role === "owner" ? "@@B@@" : c.role === "id" ? sample(c) : c.type.kind === "timestamp" ? "2000-01-01T00:00:00.000Z" : sample(c);
      L.push(`    it("ignores fields a client may not set (owner, id, timestamps)", async () => {`);
      if (e.idParam) L.push(`      const row = await createFor(A, a);`);
      L.push(`      const forged = ${JSON.stringify(forged).replace('"@@B@@"', "B")};`);
      L.push(`      const res = await app.call(${str(M)}, ${concretePath(e, "A", "row.id")}, { token: a, body: { ...validBody(), ...forged } });`);
      L.push(`      expect(res.status).toBe(${e.successStatus});`);
      L.push(`      expect(String(res.body.${t.owner})).toBe(A);`);
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

const HARNESS = `// Starts the generated app for its tests: migrations, row-level security with a
// non-superuser role, Koa on a free port, real HS256 tokens.
import { randomBytes, createSecretKey } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import knexFactory from "knex";
import { SignJWT } from "jose";
import { createApp } from "../app.js";
import { migrations } from "../migrations/index.js";
import { ownedTables } from "../rls.js";
import { openDatabase, type Database } from "../runtime/db.js";
import { migrateLatest } from "../runtime/migrate.js";
import { createVerifier } from "../runtime/auth.js";
import { applyRowLevelSecurity, ensureAppRole } from "../runtime/rls.js";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASES ? (process.env.TEST_DATABASES.split(",") as DbKind[]) : ["pglite", "postgres"];
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SECRET = "generated-tests-secret-that-is-long-enough-0123456789";
const key = createSecretKey(Buffer.from(SECRET, "utf8"));
const ROLE = "specforge_app";

export function tokenFor(sub: string): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt().setExpirationTime("15m").sign(key);
}

export interface TestApp {
  call(method: string, path: string, opts?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

async function database(kind: DbKind): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "memory" });
    return { db, drop: async () => {} };
  }
  const name = \`specforge_g_\${randomBytes(6).toString("hex")}\`;
  const admin = () => knexFactory({ client: "pg", connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  const a = admin();
  await a.raw("CREATE DATABASE ??", [name]).finally(() => a.destroy());
  const url = new URL(ADMIN_URL);
  url.pathname = \`/\${name}\`;
  const db = await openDatabase({ url: url.toString(), poolMax: 5 });
  return {
    db,
    drop: async () => {
      const d = admin();
      await d.raw("DROP DATABASE IF EXISTS ?? WITH (FORCE)", [name]).finally(() => d.destroy());
    },
  };
}

export async function startApp(kind: DbKind): Promise<TestApp> {
  const { db, drop } = await database(kind);
  await migrateLatest(db.knex, migrations);
  await applyRowLevelSecurity(db.knex, ownedTables);
  await ensureAppRole(db.knex, ROLE);
  const app = createApp({ knex: db.knex, verify: createVerifier({ secret: SECRET }), dbRole: ROLE, logError: () => {} });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const base = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}\`;
  return {
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = {};
      if (opts.token) headers.authorization = \`Bearer \${opts.token}\`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await db.close();
      await drop();
    },
  };
}
`;

export function emitTests(ir: IR): FileMap {
  const files: FileMap = new Map();
  for (const t of ir.tables) {
    const eps = ir.endpoints.filter((e) => e.table === t.name);
    if (eps.length === 0) continue;
    const info = tableInfo(ir, t);
    const text = emitResourceTest(ir, info, eps);
    if (text) files.set(`tests/${info.stem}.test.ts`, text);
  }
  if (files.size) files.set("tests/harness.ts", tsHeader(ir.sources.schema) + (ir.auth.mode === "builtin" ? builtinHarness() : HARNESS));
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

/** The harness of a built-in-auth app: the auth module signs with the test secret; users sign up over HTTP. */
function builtinHarness(): string {
  const from = "dbRole: ROLE, logError: () => {} });";
  if (!HARNESS.includes(from)) throw new Error("internal: harness template changed");
  return (
    HARNESS.replace(from, "dbRole: ROLE, logError: () => {}, builtinAuth: { secret: SECRET } });") +
    `
/** Registers a user and signs in: their id and access token. */
export async function signUp(app: TestApp, label: string): Promise<{ id: string; token: string }> {
  const email = \`\${label}-\${randomBytes(6).toString("hex")}@example.com\`;
  const password = randomBytes(12).toString("hex");
  const reg = await app.call("POST", "/api/auth/register", { body: { email, password } });
  if (reg.status !== 202) throw new Error(\`register answered \${reg.status}\`);
  const login = await app.call("POST", "/api/auth/login", { body: { email, password } });
  if (login.status !== 200) throw new Error(\`login answered \${login.status}\`);
  return { id: String(login.body.user_id), token: String(login.body.access_token) };
}
`
  );
}
