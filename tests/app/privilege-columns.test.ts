// What a user may do is not theirs to set. A role, an admin flag or a verified mark on the users
// table is set by the app only: recorded users get the least role the values grant (never one
// they pick), and a profile route ignores those fields. A row granting its user a role
// (member_roles) is read by that user, but no route lets them write one (501: a custom route that
// checks who may grant is the place). A member cannot raise their own role in a group, and the
// maker of a group is its strongest role, whatever a new member's default.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "privilege-columns");
const APP = join(OUT, "generated");

const SCHEMA = `# Crew board

## users
- id: text, primary key
- role: enum('admin', 'member'), not null
- is_admin: boolean, not null, default false
- email_verified: boolean, not null, default false
- is_active: boolean, not null, default true
- nickname: varchar(40), nullable

## ranks
- id: serial, primary key
- title: varchar(40), not null, unique

## member_roles
- user_id: text, not null, references users.id
- rank_id: integer, not null, references ranks.id
- primary key (user_id, rank_id)

## teams
- id: serial, primary key
- created_by: text, references users.id
- name: varchar(60), not null

## team_members
- id: serial, primary key
- team_id: integer, not null, references teams.id
- user_id: text, not null, references users.id
- role: enum('viewer', 'editor', 'owner'), not null, default 'viewer'
`;

const ENDPOINTS = `# API

- GET /api/users/me
- PATCH /api/users/me
- GET /api/member-roles - the caller's ranks
- POST /api/member-roles - give a rank
- POST /api/teams
- GET /api/teams/{id}/members
- PATCH /api/team-members/{id}
`;

let warnings: string[] = [];

beforeAll(async () => {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: ENDPOINTS },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  warnings = loaded.diagnostics.map((d) => `${d.code} ${d.message}`);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

it("says why no route writes a row that grants a rank", () => {
  expect(warnings.filter((w) => w.startsWith("SF230"))).toEqual([expect.stringContaining("POST /api/member-roles")]);
  expect(warnings.some((w) => w.startsWith("SF123") && w.includes('"member"'))).toBe(true);
});

describe.each(DB_KINDS)("privileges over HTTP on %s", (kind) => {
  let app: RunningProject;
  let ann = "";
  let ben = "";
  const A = "crew_ann";
  const B = "crew_ben";

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    ann = await tokenFor(A);
    ben = await tokenFor(B);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("records a user with the least role, and a profile route changes none of their privileges", async () => {
    const me = await app.call("GET", "/api/users/me", { token: ann });
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).toMatchObject({ id: A, role: "member", is_admin: false, email_verified: false, is_active: true });
    const patched = await app.call("PATCH", "/api/users/me", { token: ann, body: { nickname: "Ann", role: "admin", is_admin: true, email_verified: true, is_active: true } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const [row] = await app.admin(`SELECT role, is_admin, email_verified, nickname FROM users WHERE id = ?`, [A]);
    expect(row).toEqual({ role: "member", is_admin: false, email_verified: false, nickname: "Ann" });
    // An administrator's deactivation stays: the user cannot turn their own account back on.
    await app.admin(`UPDATE users SET is_active = false WHERE id = ?`, [A]);
    expect((await app.call("PATCH", "/api/users/me", { token: ann, body: { nickname: "Ann", is_active: true } })).status).toBe(200);
    expect((await app.admin(`SELECT is_active FROM users WHERE id = ?`, [A]))[0]!.is_active).toBe(false);
    expect(app.errors).toEqual([]);
  });

  it("shows a user their own ranks and lets no one grant one", async () => {
    await app.call("GET", "/api/users/me", { token: ben });
    const [rank] = await app.admin(`INSERT INTO ranks (title) VALUES ('captain') RETURNING id`);
    const grant = await app.call("POST", "/api/member-roles", { token: ann, body: { rank_id: rank!.id } });
    expect(grant.status).toBe(501);
    expect(await app.admin(`SELECT * FROM member_roles`)).toEqual([]);
    await app.admin(`INSERT INTO member_roles (user_id, rank_id) VALUES (?, ?)`, [B, rank!.id]);
    const bens = await app.call("GET", "/api/member-roles", { token: ben });
    expect(bens.status).toBe(200);
    const rows = (b: any) => (Array.isArray(b) ? b : b.items ?? b.data);
    expect(rows(bens.body)).toEqual([{ user_id: B, rank_id: rank!.id }]);
    expect(rows((await app.call("GET", "/api/member-roles", { token: ann })).body)).toEqual([]);
  });

  it("makes a team's maker its owner, and a member cannot raise their own role", async () => {
    const team = await app.call("POST", "/api/teams", { token: ann, body: { name: "Tern" } });
    expect(team.status, JSON.stringify(team.body)).toBe(201);
    const [maker] = await app.admin(`SELECT role FROM team_members WHERE team_id = ? AND user_id = ?`, [team.body.id, A]);
    expect(maker!.role).toBe("owner");
    const [joined] = await app.admin(`INSERT INTO team_members (team_id, user_id) VALUES (?, ?) RETURNING id`, [team.body.id, B]);
    const raise = await app.call("PATCH", `/api/team-members/${joined!.id}`, { token: ben, body: { role: "owner" } });
    expect(raise.status).toBeLessThan(500);
    const [after] = await app.admin(`SELECT role FROM team_members WHERE id = ?`, [joined!.id]);
    expect(after!.role).toBe("viewer");
    expect(app.errors).toEqual([]);
  });
});
