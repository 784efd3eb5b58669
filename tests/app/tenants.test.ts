// Tenancy through the users table: `users.company_id -> companies` makes every user a member of
// one company, and rows that reference the company are its members' (a spec of my own, in the
// style many multi-tenant specs use: no membership table, a tenant column on users and on each
// table). Generated, migrated, row-level security on, served as the app role, on PGlite and
// PostgreSQL. The company and each user's company_id are set as an admin job would (SQL as the
// table owner): the API creates no company and lets no one change their own company_id.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, runOwnTests, typeCheckProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS, type DbKind } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "tenants");

const SCHEMA = `# Invoicing

\`\`\`sql
CREATE TABLE companies (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name VARCHAR(120) NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email VARCHAR(255),
  company_id UUID REFERENCES companies(id) ON DELETE CASCADE
);

CREATE TABLE invoices (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id UUID NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  number VARCHAR(40) NOT NULL,
  amount NUMERIC(12,2) NOT NULL CHECK (amount > 0),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (company_id, number)
);

CREATE TABLE expenses (
  id SERIAL PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  company_id UUID NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  note TEXT NOT NULL
);
\`\`\`
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = loaded.ir!;
  await writeProject(OUT, ir);
  dir = join(OUT, "generated");
}, 60_000);

const boot = (kind: DbKind): Promise<RunningProject> => bootProject(kind, dir);

describe("a tenant column on the users table", () => {
  it("reads the company as a group whose members are the users naming it, and every tenant table as the company's", () => {
    const t = (n: string) => ir.tables.find((x) => x.name === n)!;
    expect(t("companies").scope).toEqual({ kind: "member", column: "id", membership: "users", membershipGroup: "company_id", membershipUser: "id" });
    expect(t("invoices").scope).toEqual({ kind: "parent", column: "company_id", parent: "companies", parentKey: "id" });
    expect(t("expenses").owner).toBe("user_id");
    expect(t("invoices").shared).toBeUndefined();
    // No route creates a company (it would have no member); the standard surface reads and changes it.
    const routes = ir.endpoints.filter((e) => e.table === "companies").map((e) => `${e.method} ${e.path}`);
    expect(routes).not.toContain("post /api/companies");
    expect(routes).toContain("get /api/companies");
  });
});

describe("what is not a tenant", () => {
  const read = async (sql: string) => {
    const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: "# S\n\n```sql\n" + sql + "\n```\n" }, null);
    return (name: string) => r.ir!.tables.find((t) => t.name === name)!;
  };
  it("a place a user picks (users.location_id), a column not named for the group, a group the spec calls shared", async () => {
    const t = await read(`CREATE TABLE locations (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE teams (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, location_id INT REFERENCES locations(id), favorite_team_id INT REFERENCES teams(id));
CREATE TABLE events (id SERIAL PRIMARY KEY, location_id INT NOT NULL REFERENCES locations(id), team_id INT REFERENCES teams(id));`);
    expect(t("locations").scope).toBeUndefined();
    expect(t("teams").scope).toBeUndefined();
    expect(t("events").scope).toBeUndefined();
    const shared = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: `# S

## companies

Reference data, shared by all users.

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| name | text | not null |

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |
| company_id | integer | references companies(id) |
` }, null);
    expect(shared.ir!.tables.find((x) => x.name === "companies")!.scope).toBeUndefined();
    expect(shared.ir!.tables.find((x) => x.name === "companies")!.shared).toBe("read-write"); // "shared by all users"
  });
  it("a membership table, where the spec has one, is the membership (not the users table's column)", async () => {
    const t = await read(`CREATE TABLE workspaces (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, workspace_id INT REFERENCES workspaces(id));
CREATE TABLE workspace_members (id SERIAL PRIMARY KEY, workspace_id INT NOT NULL REFERENCES workspaces(id), user_id TEXT NOT NULL REFERENCES users(id));`);
    expect(t("workspaces").scope).toMatchObject({ kind: "member", membership: "workspace_members" });
  });
});

describe("the generated app's own tests", () => {
  it("make each tenant as an admin job would, and pass: another company's rows a 404 on every route", () => {
    // The tests a user of specforge runs (generated/tests), type-checked and run by vitest (on
    // PostgreSQL only, to keep the suite short: the tests below cover PGlite).
    const files = readdirSync(join(dir, "tests")).sort();
    expect(files.filter((f) => f.endsWith(".test.ts"))).toEqual(["companies.test.ts", "expenses.test.ts", "invoices.test.ts", "users.test.ts"]);
    expect(typeCheckProject(OUT)).toBe("");
    const { ok, output } = runOwnTests(dir, "postgres", 2);
    expect(ok, output.slice(-4000)).toBe(true);
    expect(output).toMatch(/Test Files\s+4 passed \(4\)/);
    expect(existsSync(join(dir, "tests", "companies.test.ts"))).toBe(true);
  }, 600_000);
});

describe.each(DB_KINDS)("tenants on %s", (kind) => {
  let app: RunningProject;
  // alice and carol work for Acme, bob for Globex; dave for no one yet.
  const [ALICE, BOB, CAROL, DAVE] = ["tenant_alice", "tenant_bob", "tenant_carol", "tenant_dave"];
  const tok: Record<string, string> = {};
  let acme = "";
  let globex = "";
  let acmeInvoice: any;

  beforeAll(async () => {
    app = await boot(kind);
    for (const u of [ALICE, BOB, CAROL, DAVE]) tok[u] = await tokenFor(u);
    // The admin job: companies, and the users who belong to them.
    const made = (await app.admin(`INSERT INTO companies (name) VALUES ('Acme'), ('Globex') RETURNING id`)).map((r) => String(r.id));
    acme = made[0]!;
    globex = made[1]!;
    await app.admin(`INSERT INTO users (id, company_id) VALUES (?, ?), (?, ?), (?, ?), (?, NULL)`, [ALICE, acme, BOB, globex, CAROL, acme, DAVE]);
    const r = await app.call("POST", "/api/invoices", { token: tok[ALICE], body: { company_id: acme, number: "A-1", amount: 120 } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    acmeInvoice = r.body;
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("shares a company's rows among its members", async () => {
    const carols = await app.call("GET", "/api/invoices", { token: tok[CAROL] });
    expect(carols.status).toBe(200);
    expect(carols.body.map((x: any) => x.id)).toEqual([acmeInvoice.id]);
    expect((await app.call("GET", `/api/invoices/${acmeInvoice.id}`, { token: tok[CAROL] })).status).toBe(200);
    expect((await app.call("GET", "/api/companies", { token: tok[CAROL] })).body.map((c: any) => c.id)).toEqual([acme]);
  });

  it("answers another company's rows exactly like missing ones, on every operation", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const [method, body] of [["GET"], ["PATCH", { number: "B-9" }], ["DELETE"]] as const) {
      const theirs = await app.call(method, `/api/invoices/${acmeInvoice.id}`, { token: tok[BOB], body });
      const none = await app.call(method, `/api/invoices/${missing}`, { token: tok[BOB], body });
      expect(theirs.status, `${method} another company's invoice`).toBe(404);
      expect({ ...theirs.body, instance: undefined }).toEqual({ ...none.body, instance: undefined });
    }
    expect((await app.call("GET", "/api/invoices", { token: tok[BOB] })).body).toEqual([]);
    expect((await app.call("GET", `/api/companies/${acme}`, { token: tok[BOB] })).status).toBe(404);
    expect((await app.call("GET", "/api/companies", { token: tok[BOB] })).body.map((c: any) => c.id)).toEqual([globex]);
    // A user in no company sees nothing and builds on nothing.
    expect((await app.call("GET", "/api/invoices", { token: tok[DAVE] })).body).toEqual([]);
    const daves = await app.call("POST", "/api/invoices", { token: tok[DAVE], body: { company_id: acme, number: "D-1", amount: 5 } });
    expect(daves.status).toBe(422);
    const still = await app.admin(`SELECT number, amount FROM invoices WHERE company_id = ?`, [acme]);
    expect(still).toEqual([{ number: "A-1", amount: "120.00" }]);
  });

  it("refuses to write into another company: 422 naming the company, nothing stored", async () => {
    const r = await app.call("POST", "/api/invoices", { token: tok[BOB], body: { company_id: acme, number: "B-1", amount: 10 } });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain("company_id");
    const e = await app.call("POST", "/api/expenses", { token: tok[BOB], body: { company_id: acme, note: "lunch" } });
    expect(e.status).toBe(422);
    expect((await app.admin(`SELECT count(*)::int AS n FROM invoices WHERE company_id = ?`, [acme]))[0]!.n).toBe(1);
    expect((await app.admin(`SELECT count(*)::int AS n FROM expenses`))[0]!.n).toBe(0);
  });

  it("lets no one move themselves into another company", async () => {
    const moved = await app.call("PATCH", "/api/users/me", { token: tok[BOB], body: { company_id: acme } });
    expect([200, 422]).toContain(moved.status);
    expect((await app.admin(`SELECT company_id FROM users WHERE id = ?`, [BOB]))[0]!.company_id).toBe(globex);
    expect((await app.call("GET", "/api/invoices", { token: tok[BOB] })).body).toEqual([]);
    expect((await app.call("POST", "/api/companies", { token: tok[BOB], body: { name: "Mine" } })).status).toBe(405);
  });

  it("holds in the database too: the policies alone hide another company's rows", async () => {
    expect((await app.as(BOB, `SELECT id FROM invoices`)).length).toBe(0);
    expect((await app.as(BOB, `SELECT id FROM companies`)).map((r) => String(r.id))).toEqual([globex]);
    expect((await app.as(CAROL, `SELECT id FROM invoices`)).map((r) => String(r.id))).toEqual([acmeInvoice.id]);
    expect((await app.as(DAVE, `SELECT id FROM companies`)).length).toBe(0);
    const changed = await app.as(BOB, `UPDATE invoices SET number = 'stolen' RETURNING id`);
    expect(changed.length).toBe(0);
  });
});
