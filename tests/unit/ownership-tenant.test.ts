// Rows of the caller's tenant, named by a token claim: a table with a column naming a tenant
// (organization, workspace, team, company...) whose memberships the spec does not hold. The
// shapes it applies to, and those where the existing decisions stay (a membership table, the
// users table's own tenant column, a table with no tenant column, a user's own rows).
import { describe, expect, it } from "vitest";
import { codes, load, table } from "./helpers.js";
import { rlsEntry, rowScopeOf, runtimeTableSql, tenantsOf } from "../../generator/emit/route-specs.js";
import { tableInfo } from "../../generator/emit/table-info.js";
import { scopeCondition, scopeExists, usesCaller } from "../../templates/runtime/scope.js";
import { readTenant, tenantConfig } from "../../templates/runtime/tenant.js";

const sql = (body: string) => `# Schema\n\n\`\`\`sql\n${body}\n\`\`\`\n`;

describe("which tables belong to the token's tenant", () => {
  it("an undefined tenant table (FK -> team.id), no users table: the tenant's rows, created_by an audit column, no SF104", async () => {
    const r = await load(sql(`CREATE TABLE boards (
  id SERIAL PRIMARY KEY,
  team_id TEXT NOT NULL REFERENCES team(id),
  created_by TEXT REFERENCES "user"(id),
  name TEXT NOT NULL
);
CREATE TABLE cards (id SERIAL PRIMARY KEY, board_id INT NOT NULL REFERENCES boards(id), text TEXT NOT NULL);`));
    const ir = r.ir!;
    expect(table(ir, "boards").scope).toEqual({ kind: "tenant", column: "team_id", group: "team" });
    expect(table(ir, "boards").owner).toBeNull();
    expect(table(ir, "boards").columns.map((c) => c.role)).toEqual(["id", "tenant", "author", "data"]);
    expect(table(ir, "cards").scope).toEqual({ kind: "parent", column: "board_id", parent: "boards", parentKey: "id" });
    expect(codes(r)).not.toContain("SF104");
    expect(codes(r)).not.toContain("SF131");
    expect(r.notes.map((n) => n.message).join("\n")).toMatch(/rows of "boards" belong to the caller's team: a row is the caller's when team_id equals the team a verified token claim names/);
  });

  it("a tenant table defined alone (no membership, no users table): the tables naming it are its rows, it is the caller's own, and nothing creates one", async () => {
    const r = await load(sql(`CREATE TABLE companies (id UUID PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE invoices (id SERIAL PRIMARY KEY, company_id UUID NOT NULL REFERENCES companies(id), total INT NOT NULL);`));
    const ir = r.ir!;
    expect(table(ir, "invoices").scope).toEqual({ kind: "tenant", column: "company_id", group: "companies" });
    expect(table(ir, "companies").scope).toEqual({ kind: "tenant", column: "id", group: "companies" });
    expect(table(ir, "invoices").columns.find((c) => c.name === "company_id")!.role).toBe("tenant");
    // Before, the spec read as one shared space (SF131); and a route creating a company now has nowhere to put it.
    expect(codes(r)).not.toContain("SF131");
    expect(ir.endpoints.filter((e) => e.table === "companies").map((e) => `${e.method} ${e.path}`)).not.toContain("post /api/companies");
    expect(tenantsOf(ir)).toEqual({ columns: ["company_id"], types: ["uuid"] });
  });

  it("the same with a users table that names no tenant: an audit column is no owner there either", async () => {
    const r = await load(sql(`CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT);
CREATE TABLE organizations (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE documents (id SERIAL PRIMARY KEY, organization_id INT NOT NULL REFERENCES organizations(id), created_by TEXT REFERENCES users(id), updated_by TEXT REFERENCES users(id), title TEXT NOT NULL);`));
    const ir = r.ir!;
    expect(table(ir, "documents").scope).toEqual({ kind: "tenant", column: "organization_id", group: "organizations" });
    expect(table(ir, "documents").owner).toBeNull();
    expect(Object.fromEntries(table(ir, "documents").columns.map((c) => [c.name, c.role]))).toMatchObject({ created_by: "author", updated_by: "editor", organization_id: "tenant" });
    expect(table(ir, "organizations").scope).toEqual({ kind: "tenant", column: "id", group: "organizations" });
  });

  it("a user's own rows stay theirs (user_id is the owner), as with a membership", async () => {
    const r = await load(sql(`CREATE TABLE workspaces (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE drafts (id SERIAL PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), workspace_id INT NOT NULL REFERENCES workspaces(id), body TEXT);
CREATE TABLE pages (id SERIAL PRIMARY KEY, workspace_id INT NOT NULL REFERENCES workspaces(id), body TEXT);`));
    const ir = r.ir!;
    expect(table(ir, "drafts").owner).toBe("user_id");
    expect(table(ir, "drafts").scope).toBeUndefined();
    expect(table(ir, "pages").scope).toEqual({ kind: "tenant", column: "workspace_id", group: "workspaces" });
  });

  it("a membership table in the spec: the member scope, unchanged", async () => {
    const r = await load(sql(`CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE organizations (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE org_members (id SERIAL PRIMARY KEY, organization_id INT NOT NULL REFERENCES organizations(id), user_id TEXT NOT NULL REFERENCES users(id));
CREATE TABLE reports (id SERIAL PRIMARY KEY, organization_id INT NOT NULL REFERENCES organizations(id), created_by TEXT REFERENCES users(id), title TEXT);`));
    const ir = r.ir!;
    expect(table(ir, "organizations").scope).toMatchObject({ kind: "member", membership: "org_members" });
    expect(table(ir, "reports").scope?.kind ?? table(ir, "reports").owner).not.toBe("tenant");
    expect(ir.tables.some((t) => t.scope?.kind === "tenant")).toBe(false);
  });

  it("the users table's own tenant column (users.company_id): the member scope, unchanged", async () => {
    const r = await load(sql(`CREATE TABLE companies (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, company_id INT REFERENCES companies(id));
CREATE TABLE invoices (id SERIAL PRIMARY KEY, company_id INT NOT NULL REFERENCES companies(id), amount INT);`));
    const ir = r.ir!;
    expect(table(ir, "companies").scope).toEqual({ kind: "member", column: "id", membership: "users", membershipGroup: "company_id", membershipUser: "id" });
    expect(table(ir, "invoices").scope).toEqual({ kind: "parent", column: "company_id", parent: "companies", parentKey: "id" });
  });

  it("no tenant column: nothing changes (created_by stays the owner; a place is no tenant)", async () => {
    const r = await load(sql(`CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE locations (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE notes (id SERIAL PRIMARY KEY, created_by TEXT REFERENCES users(id), location_id INT REFERENCES locations(id), body TEXT);`));
    const ir = r.ir!;
    expect(table(ir, "notes").owner).toBe("created_by");
    expect(ir.tables.some((t) => t.scope?.kind === "tenant")).toBe(false);
  });

  it("an optional team, or a team the users table points at, is no tenant; an optional organization_id still is", async () => {
    const r = await load(sql(`CREATE TABLE teams (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE leagues (id SERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id TEXT PRIMARY KEY, favorite_league_id INT REFERENCES leagues(id));
CREATE TABLE matches (id SERIAL PRIMARY KEY, team_id INT REFERENCES teams(id), league_team_id INT NOT NULL REFERENCES leagues(id), score INT);
CREATE TABLE audits (id SERIAL PRIMARY KEY, organization_id TEXT REFERENCES organization(id), note TEXT);`));
    const ir = r.ir!;
    expect(table(ir, "matches").scope).toBeUndefined();
    expect(table(ir, "audits").scope).toEqual({ kind: "tenant", column: "organization_id", group: "organization" });
  });

  it("an undefined tenant table on a user's own rows is a plain value: SF104 as before", async () => {
    const r = await load(sql(`CREATE TABLE users (id TEXT PRIMARY KEY);
CREATE TABLE notes (id SERIAL PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), organization_id TEXT REFERENCES organization(id), body TEXT);`));
    expect(table(r.ir!, "notes").owner).toBe("user_id");
    expect(codes(r)).toContain("SF104");
  });
});

describe("what the runtime is handed", () => {
  it("the scope literal, the row-level security entry and the audit stamps", async () => {
    const r = await load(sql(`CREATE TABLE tickets (id SERIAL PRIMARY KEY, org_id UUID NOT NULL REFERENCES organization(id), author_id TEXT REFERENCES "user"(id), last_modified_by TEXT REFERENCES "user"(id), subject TEXT NOT NULL);`));
    const ir = r.ir!;
    const t = table(ir, "tickets");
    expect(rowScopeOf(ir, t)).toEqual({ kind: "tenant", column: "org_id", type: "uuid" });
    expect(rlsEntry(ir, t)).toMatchObject({ table: "tickets", scope: { kind: "tenant", column: "org_id", type: "uuid" } });
    const sqlSpec = runtimeTableSql(ir, tableInfo(ir, t));
    expect(sqlSpec.stamps).toEqual({ author_id: "author", last_modified_by: "editor" });
    // Never written from a request: the tenant and the audit columns.
    expect(tableInfo(ir, t).readOnly.map((c) => c.name)).toEqual(["id", "org_id", "author_id", "last_modified_by"]);
  });

  it("compiles the condition over the transaction's tenant setting, with no caller placeholder", () => {
    const s = { kind: "tenant", column: "org_id", type: "uuid" } as const;
    expect(scopeCondition(s, `"t"`, "$2")).toBe(`"t"."org_id" = nullif(current_setting('app.tenant_id', true), '')::uuid`);
    expect(scopeExists({ kind: "tenant", column: "team", type: "text" }, `"t"`, "x")).toBe(`"t"."team" = nullif(current_setting('app.tenant_id', true), '')`);
    expect(usesCaller({ scope: s })).toBe(false);
    expect(usesCaller({ scope: { kind: "parent", column: "ticket_id", table: "tickets", key: "id", scope: s } })).toBe(false);
    expect(usesCaller({ owner: "user_id" })).toBe(true);
  });

  it("reads the tenant claim: the configured one, else the columns' names then the issuers' usual claims; held to the columns' types", () => {
    const app = { columns: ["workspace_id"], types: ["uuid" as const] };
    const u = "0b6c7a4e-7a55-4a57-9d87-2f9a3c1e5b10";
    expect(tenantConfig(undefined, app).claims.slice(0, 4)).toEqual(["workspace_id", "organization_id", "org_id", "activeOrganizationId"]);
    expect(tenantConfig("team, org", app).claims).toEqual(["team", "org"]);
    const cfg = tenantConfig(undefined, app);
    expect(readTenant({ org_id: u }, cfg)).toEqual({ claim: "org_id", value: u });
    expect(readTenant({ workspace_id: u, org_id: "other" }, cfg)).toEqual({ claim: "workspace_id", value: u });
    expect(readTenant({ activeOrganizationId: "acme" }, cfg)).toEqual({ claim: "activeOrganizationId", invalid: "is not a valid uuid tenant id" });
    expect(readTenant({ org_id: ["a"] }, cfg)).toEqual({ claim: "org_id", invalid: "is not a string or a whole number" });
    expect(readTenant({ sub: "x" }, cfg)).toBeNull();
    expect(readTenant({ tenant_id: 42 }, tenantConfig(undefined, { columns: [], types: ["integer"] }))).toEqual({ claim: "tenant_id", value: "42" });
  });
});
