// Tenancy from the token: the tables carry a workspace column, the spec defines no workspace
// table and no users table (an auth service keeps both, as Better Auth's organization plugin or
// Clerk do), so the caller's workspace is the one a verified claim names. A spec of my own in
// that style: projects(workspace_id -> workspace, undefined; created_by -> user, undefined) and
// their tasks (through the project). Generated, migrated, row-level security on, served as the
// app role, on PGlite and PostgreSQL, with a hook and a custom route that use the models.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, runOwnTests, typeCheckProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS, type DbKind } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "tenant-claims");

const SCHEMA = `# Planning board

\`\`\`sql
CREATE TABLE projects (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id TEXT NOT NULL REFERENCES workspace(id),
  created_by TEXT REFERENCES "user"(id),
  updated_by TEXT REFERENCES "user"(id),
  title VARCHAR(80) NOT NULL
);

CREATE TABLE project_tasks (
  id SERIAL PRIMARY KEY,
  project_id UUID NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  label TEXT NOT NULL
);
\`\`\`
`;

// A hook that counts what the models and the raw handle see, and a custom route that lists through the models.
const HOOK = `export const hooks = {
  async afterList(e: any, rows: unknown) {
    e.ctx.set("x-models-saw", String((await e.models.Project.query()).length));
    e.ctx.set("x-db-saw", String((await e.db("projects").select("id")).length));
    return rows;
  },
};
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = loaded.ir!;
  await writeProject(OUT, ir);
  mkdirSync(join(OUT, "src", "hooks"), { recursive: true });
  writeFileSync(join(OUT, "src", "hooks", "projects.ts"), HOOK);
  dir = join(OUT, "generated");
}, 60_000);

describe("a workspace the spec does not define", () => {
  it("scopes the projects to the token's workspace, and their tasks through them; created_by is an audit column", () => {
    const t = (n: string) => ir.tables.find((x) => x.name === n)!;
    expect(t("projects").scope).toEqual({ kind: "tenant", column: "workspace_id", group: "workspace" });
    expect(t("projects").owner).toBeNull();
    expect(t("project_tasks").scope).toEqual({ kind: "parent", column: "project_id", parent: "projects", parentKey: "id" });
    const roles = Object.fromEntries(t("projects").columns.map((c) => [c.name, c.role]));
    expect(roles).toMatchObject({ workspace_id: "tenant", created_by: "author", updated_by: "editor", title: "data" });
  });
});

describe("the generated app's own tests", () => {
  it("give each test user a workspace in the token, type-check, and pass: another workspace's rows a 404 on every route", () => {
    const files = readdirSync(join(dir, "tests")).sort();
    expect(files.filter((f) => f.endsWith(".test.ts"))).toEqual(["project-tasks.test.ts", "projects.test.ts"]);
    expect(typeCheckProject(OUT)).toBe("");
    const { ok, output } = runOwnTests(dir, "postgres", 2);
    expect(ok, output.slice(-4000)).toBe(true);
    expect(output).toMatch(/Test Files\s+2 passed \(2\)/);
  }, 600_000);
});

const customRoute = async (kind: DbKind) => {
  const { defineRoute } = await import(join(dir, "runtime", "custom-routes.ts"));
  return defineRoute({
    method: "GET",
    path: "/api/project-count",
    summary: "counts the caller's projects through the models",
    response: { status: 200, schema: { type: "object" } },
    async handler({ models, db }: any) {
      return { kind, models: (await models.Project.query()).length, raw: (await db("projects").select("id")).length };
    },
  });
};

describe.each(DB_KINDS)("rows of the caller's workspace on %s", (kind) => {
  let app: RunningProject;
  // alice and carol work in workspace w-acme, bob in w-globex (each claim name the defaults read).
  const tok: Record<string, string> = {};
  let acmeProject: any;

  beforeAll(async () => {
    app = await bootProject(kind, dir, { routes: [await customRoute(kind)] });
    tok.alice = await tokenFor("alice", { claims: { workspace_id: "w-acme" } });
    tok.carol = await tokenFor("carol", { claims: { org_id: "w-acme" } }); // Clerk's and Auth0's claim
    tok.bob = await tokenFor("bob", { claims: { activeOrganizationId: "w-globex" } }); // Better Auth's
    tok.nobody = await tokenFor("dave");
    tok.odd = await tokenFor("erin", { claims: { org_id: { id: "w-acme" } } });
    const r = await app.call("POST", "/api/projects", { token: tok.alice, body: { title: "Roadmap", workspace_id: "w-globex", created_by: "mallory" } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    acmeProject = r.body;
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("stores the token's workspace and subject, whatever the body says", async () => {
    expect(acmeProject.workspace_id).toBe("w-acme");
    expect(acmeProject.created_by).toBe("alice");
    expect(acmeProject.updated_by).toBe("alice");
    expect(await app.admin(`SELECT workspace_id, created_by FROM projects`)).toEqual([{ workspace_id: "w-acme", created_by: "alice" }]);
  });

  it("shares a workspace's rows among its members: carol reads and changes alice's project", async () => {
    const list = await app.call("GET", "/api/projects", { token: tok.carol });
    expect(list.status).toBe(200);
    expect(list.body.map((p: any) => p.id)).toEqual([acmeProject.id]);
    const patched = await app.call("PATCH", `/api/projects/${acmeProject.id}`, { token: tok.carol, body: { title: "Roadmap 2", workspace_id: "w-globex" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: "Roadmap 2", workspace_id: "w-acme", created_by: "alice", updated_by: "carol" });
    const task = await app.call("POST", "/api/project-tasks", { token: tok.carol, body: { project_id: acmeProject.id, label: "draft" } });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect((await app.call("GET", "/api/project-tasks", { token: tok.alice })).body.map((x: any) => x.label)).toEqual(["draft"]);
  });

  it("answers another workspace's rows exactly like missing ones, on every operation", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const [method, body] of [["GET"], ["PATCH", { title: "stolen" }], ["DELETE"]] as const) {
      const theirs = await app.call(method, `/api/projects/${acmeProject.id}`, { token: tok.bob, body });
      const none = await app.call(method, `/api/projects/${missing}`, { token: tok.bob, body });
      expect(theirs.status, `${method} another workspace's project`).toBe(404);
      expect({ ...theirs.body, instance: undefined }).toEqual({ ...none.body, instance: undefined });
    }
    expect((await app.call("GET", "/api/projects", { token: tok.bob })).body).toEqual([]);
    expect((await app.call("GET", "/api/project-tasks", { token: tok.bob })).body).toEqual([]);
    // A task under another workspace's project: its project is as missing as none.
    const task = await app.call("POST", "/api/project-tasks", { token: tok.bob, body: { project_id: acmeProject.id, label: "intrude" } });
    expect(task.status).toBe(422);
    expect((await app.admin(`SELECT title FROM projects`)).map((r) => r.title)).toEqual(["Roadmap 2"]);
    expect((await app.admin(`SELECT count(*)::int AS n FROM project_tasks`))[0]!.n).toBe(1);
  });

  it("refuses a token that names no workspace with a 403 naming the claims, and an unusable claim with a 401", async () => {
    for (const [method, path, body] of [["GET", "/api/projects"], ["POST", "/api/projects", { title: "x" }], ["GET", `/api/projects/${acmeProject.id}`], ["GET", "/api/project-tasks"]] as const) {
      const r = await app.call(method, path, { token: tok.nobody, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.title ?? r.body.detail).toBeTruthy();
      expect(JSON.stringify(r.body)).toContain("workspace_id");
    }
    const odd = await app.call("GET", "/api/projects", { token: tok.odd });
    expect(odd.status).toBe(401);
    expect(JSON.stringify(odd.body)).toContain("org_id");
    expect((await app.admin(`SELECT count(*)::int AS n FROM projects`))[0]!.n).toBe(1);
  });

  it("hands hooks and custom routes only the caller's workspace, through the models and the raw handle", async () => {
    const mine = await app.call("GET", "/api/projects", { token: tok.alice });
    expect(mine.status).toBe(200);
    const theirs = await fetch(`${app.base}/api/projects`, { headers: { authorization: `Bearer ${tok.bob}` } });
    expect([theirs.headers.get("x-models-saw"), theirs.headers.get("x-db-saw")]).toEqual(["0", "0"]);
    const ours = await fetch(`${app.base}/api/projects`, { headers: { authorization: `Bearer ${tok.carol}` } });
    expect([ours.headers.get("x-models-saw"), ours.headers.get("x-db-saw")]).toEqual(["1", "1"]);
    expect((await app.call("GET", "/api/project-count", { token: tok.bob })).body).toEqual({ kind, models: 0, raw: 0 });
    expect((await app.call("GET", "/api/project-count", { token: tok.alice })).body).toEqual({ kind, models: 1, raw: 1 });
    // No workspace in the token: nothing, not everything.
    expect((await app.call("GET", "/api/project-count", { token: tok.nobody })).body).toEqual({ kind, models: 0, raw: 0 });
  });

  it("holds in the database too: the policies alone hide another workspace's rows and refuse writing into one", async () => {
    expect((await app.as("bob", `SELECT id FROM projects`, [], "w-globex")).length).toBe(0);
    expect((await app.as("bob", `SELECT id FROM project_tasks`, [], "w-globex")).length).toBe(0);
    expect((await app.as("bob", `SELECT id FROM projects`, [], null)).length).toBe(0);
    expect((await app.as("carol", `SELECT id FROM projects`, [], "w-acme")).map((r) => r.id)).toEqual([acmeProject.id]);
    expect((await app.as("bob", `UPDATE projects SET title = 'stolen' RETURNING id`, [], "w-globex")).length).toBe(0);
    // Moving a row into another workspace is refused by the policy's check.
    await expect(app.as("carol", `UPDATE projects SET workspace_id = 'w-globex'`, [], "w-acme")).rejects.toThrow(/row-level security/);
    await expect(app.as("bob", `INSERT INTO projects (workspace_id, title) VALUES ('w-acme', 'planted')`, [], "w-globex")).rejects.toThrow(/row-level security/);
  });
});

describe.each(DB_KINDS)("JWT_TENANT_CLAIM on %s", (kind) => {
  it("reads the tenant from the configured claim only", async () => {
    const app = await bootProject(kind, dir, { tenantClaim: "team" });
    try {
      const team = await tokenFor("alice", { claims: { team: "w-acme" } });
      const made = await app.call("POST", "/api/projects", { token: team, body: { title: "Configured" } });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      expect(made.body.workspace_id).toBe("w-acme");
      const other = await tokenFor("alice", { claims: { workspace_id: "w-acme" } });
      const refused = await app.call("GET", "/api/projects", { token: other });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).toContain('\\"team\\"');
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 120_000);
});

// The same with the organizations table defined (integer keys, no membership) and a users table
// the audit columns reference: the caller is recorded before created_by / updated_by name them.
const DEFINED = `# Shared documents

\`\`\`sql
CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT);
CREATE TABLE organizations (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE documents (
  id SERIAL PRIMARY KEY,
  organization_id INT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  created_by TEXT REFERENCES users(id),
  updated_by TEXT REFERENCES users(id),
  title TEXT NOT NULL
);
\`\`\`
`;

describe.each(DB_KINDS)("an organizations table with no membership on %s", (kind) => {
  let app: RunningProject;
  const tok: Record<string, string> = {};
  let ir2: IR;

  beforeAll(async () => {
    const out = join(OUT, "..", "tenant-claims-defined");
    rmSync(out, { recursive: true, force: true });
    const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: DEFINED }, null);
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    ir2 = loaded.ir!;
    await writeProject(out, ir2);
    app = await bootProject(kind, join(out, "generated"));
    await app.admin(`INSERT INTO organizations (id, name) VALUES (7, 'Acme'), (8, 'Globex')`);
    tok.alice = await tokenFor("alice", { claims: { organization_id: 7 } });
    tok.carol = await tokenFor("carol", { claims: { org_id: "7" } });
    tok.bob = await tokenFor("bob", { claims: { organization_id: 8 } });
    tok.odd = await tokenFor("erin", { claims: { organization_id: "seven" } });
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("reads the organizations as the caller's own, and the documents as theirs", () => {
    expect(ir2.tables.find((t) => t.name === "organizations")!.scope).toEqual({ kind: "tenant", column: "id", group: "organizations" });
    expect(ir2.tables.find((t) => t.name === "documents")!.scope).toEqual({ kind: "tenant", column: "organization_id", group: "organizations" });
  });

  it("records each writer before naming them, shares within the organization, 404s across", async () => {
    const made = await app.call("POST", "/api/documents", { token: tok.alice, body: { title: "Plan", organization_id: 8 } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ organization_id: 7, created_by: "alice", updated_by: "alice" });
    const edited = await app.call("PATCH", `/api/documents/${made.body.id}`, { token: tok.carol, body: { title: "Plan B" } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ organization_id: 7, created_by: "alice", updated_by: "carol" });
    expect((await app.admin(`SELECT id FROM users ORDER BY id`)).map((r) => r.id)).toEqual(["alice", "carol"]);
    expect((await app.call("GET", `/api/documents/${made.body.id}`, { token: tok.bob })).status).toBe(404);
    expect((await app.call("GET", "/api/documents", { token: tok.bob })).body).toEqual([]);
  });

  it("shows each caller their own organization only, and creates none", async () => {
    expect((await app.call("GET", "/api/organizations", { token: tok.carol })).body.map((o: any) => o.id)).toEqual([7]);
    expect((await app.call("GET", "/api/organizations/7", { token: tok.bob })).status).toBe(404);
    expect((await app.call("GET", "/api/organizations/8", { token: tok.bob })).status).toBe(200);
    expect([404, 405, 501]).toContain((await app.call("POST", "/api/organizations", { token: tok.bob, body: { name: "Mine" } })).status);
    expect((await app.admin(`SELECT count(*)::int AS n FROM organizations`))[0]!.n).toBe(2);
  });

  it("refuses a claim that is no integer id with a 401", async () => {
    const r = await app.call("GET", "/api/documents", { token: tok.odd });
    expect(r.status).toBe(401);
    expect(r.body.detail ?? r.body.title).toMatch(/organization_id/);
  });
});

// Nested routes under a tenant's row, and references to a tenant's rows from another tenant-scoped
// table, with row-level security on and off (off: the app's own conditions are the only wall).
const NESTED_SCHEMA = `# Orders

\`\`\`sql
CREATE TABLE vendors (
  id SERIAL PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organization(id),
  name TEXT NOT NULL
);
CREATE TABLE orders (
  id SERIAL PRIMARY KEY,
  org_id UUID NOT NULL REFERENCES organization(id),
  vendor_id INT NOT NULL REFERENCES vendors(id),
  total INT NOT NULL
);
\`\`\`
`;
const NESTED_API = `# API

| Method | Path | Description |
|---|---|---|
| GET | /api/vendors | List vendors |
| POST | /api/vendors | Create a vendor |
| GET | /api/vendors/{vendorId}/orders | A vendor's orders |
| POST | /api/vendors/{vendorId}/orders | Add an order for a vendor |
| POST | /api/orders | Create an order |
| GET | /api/orders/{id} | One order |
`;

describe.each(DB_KINDS.flatMap((k) => [[k, true], [k, false]] as const))("nested routes and references across organizations on %s (row-level security %s)", (kind, rls) => {
  let app: RunningProject;
  const ORG_A = "0b6c7a4e-7a55-4a57-9d87-2f9a3c1e5b10";
  const ORG_B = "5f0d2c1a-1111-4a57-9d87-2f9a3c1e5b20";
  const tok: Record<string, string> = {};
  let acmeVendor: any;

  beforeAll(async () => {
    const out = join(OUT, "..", `tenant-claims-nested-${kind}-${rls}`);
    rmSync(out, { recursive: true, force: true });
    const loaded = await loadSpecFiles(
      { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: NESTED_SCHEMA },
      { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: NESTED_API },
    );
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.ir!.endpoints.find((e) => e.path === "/api/vendors/{vendorId}/orders" && e.method === "get")?.parent).toMatchObject({ table: "vendors", column: "vendor_id" });
    await writeProject(out, loaded.ir!);
    app = await bootProject(kind, join(out, "generated"), {}, { rls });
    tok.alice = await tokenFor("alice", { claims: { org_id: ORG_A } });
    tok.bob = await tokenFor("bob", { claims: { org_id: ORG_B } });
    const made = await app.call("POST", "/api/vendors", { token: tok.alice, body: { name: "Initech" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    acmeVendor = made.body;
    expect((await app.call("POST", `/api/vendors/${acmeVendor.id}/orders`, { token: tok.alice, body: { total: 5 } })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("answers another organization's parent with 404 on the nested routes", async () => {
    expect((await app.call("GET", `/api/vendors/${acmeVendor.id}/orders`, { token: tok.alice })).body.map((o: any) => o.total)).toEqual([5]);
    expect((await app.call("GET", `/api/vendors/${acmeVendor.id}/orders`, { token: tok.bob })).status).toBe(404);
    expect((await app.call("POST", `/api/vendors/${acmeVendor.id}/orders`, { token: tok.bob, body: { total: 9 } })).status).toBe(404);
  });

  it("refuses a reference to another organization's row with 422, and stores nothing", async () => {
    const r = await app.call("POST", "/api/orders", { token: tok.bob, body: { vendor_id: acmeVendor.id, total: 7 } });
    expect(r.status).toBe(422);
    expect(JSON.stringify(r.body)).toContain("vendor_id");
    expect((await app.admin(`SELECT total FROM orders ORDER BY id`)).map((x) => x.total)).toEqual([5]);
    const ok = await app.call("POST", "/api/orders", { token: tok.alice, body: { vendor_id: acmeVendor.id, total: 6 } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.org_id).toBe(ORG_A);
    expect((await app.call("GET", `/api/orders/${ok.body.id}`, { token: tok.bob })).status).toBe(404);
  });
});
