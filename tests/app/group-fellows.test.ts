// A group's members see each other, end to end, on a small spec of my own: teams, their
// membership (team_members: team_id, user_id, role) and the team's projects. Each membership row
// is its member's, and now every member of the same team reads it: the list under a team, one
// row by key, and the database's own policy when a query forgets the condition (a SECURITY
// DEFINER function answers "is the caller a member of this team?", so the policy on the
// membership table does not ask that table itself). Writing stays the member's own: a fellow
// member changing or deleting someone else's row gets the same 404 as a missing row, and a user
// in no common team sees nothing of the team. Members whose role runs the team (its owner) add
// other users, change their rows (the role too) and remove them; other members change only their
// own row and never its role (403, since they read the row), and the database's policies say the
// same. The first fellow is added as an admin job would, so the reading is tested on its own.
// Checked on PGlite and PostgreSQL, with row-level security on and off.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, runOwnTests, typeCheckProject, writeSpecProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS, freshDatabase } from "../helpers/databases.js";
import knexFactory from "knex";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "group-fellows");

const SCHEMA = `# Data

### users
- id: text, primary key
- name: text, nullable

### teams
- id: uuid, primary key, default gen_random_uuid()
- name: varchar(60), not null

### team_members
- id: serial, primary key
- team_id: uuid, not null, references teams.id on delete cascade
- user_id: text, not null, references users.id
- role: enum(owner, member), not null, default member
- title: varchar(40), nullable
- unique (team_id, user_id)

### projects
- id: serial, primary key
- team_id: uuid, not null, references teams.id on delete cascade
- name: text, not null
`;

const API = `# API

- \`GET /api/teams\` my teams
- \`POST /api/teams\` start a team
- \`GET /api/teams/{teamId}/members\` who is in the team
- \`POST /api/teams/{teamId}/members\` add a member (the team's owner)
- \`PATCH /api/teams/{teamId}/members/{userId}\` change a member's role (the team's owner)
- \`DELETE /api/teams/{teamId}/members/{userId}\` remove a member (the team's owner)
- \`GET /api/team-members\` my memberships and my teams' members
- \`GET /api/team-members/{id}\` one membership
- \`PATCH /api/team-members/{id}\` change a membership
- \`DELETE /api/team-members/{id}\` drop a membership
- \`GET /api/teams/{teamId}/projects\` the team's projects
- \`POST /api/teams/{teamId}/projects\` add a project
`;

let ir: IR;
let dir: string;
let loadedNotes: readonly { message: string }[];

beforeAll(async () => {
  ({ ir, notes: loadedNotes, dir } = await writeSpecProject(OUT, SCHEMA, API));
}, 60_000);

describe("what the membership is read as", () => {
  it("is its member's, read by every member of its team, and explain says so", () => {
    const t = ir.tables.find((x) => x.name === "team_members")!;
    expect(t.owner).toBe("user_id");
    expect(t.fellows).toBe("team_id");
    expect(ir.tables.find((x) => x.name === "teams")!.scope).toMatchObject({ kind: "member", membership: "team_members" });
    expect(loadedNotes.some((n) => /rows of "team_members" are read by every member of the same team \(team_id\)/.test(n.message))).toBe(true);
    expect(ir.endpoints.filter((e) => e.action.kind === "stub").map((e) => `${e.method} ${e.path}`)).toEqual([]);
  });
});

describe.each(DB_KINDS.flatMap((kind) => [[kind, true], [kind, false]] as const))("on %s, row-level security %s", (kind, rls) => {
  let app: RunningProject;
  let ann: string;
  let ben: string;
  let cy: string;
  let team: { id: string };
  let cyTeam: { id: string };
  let annRow: { id: number };
  let benRow: { id: number };

  beforeAll(async () => {
    app = await bootProject(kind, dir, {}, { rls });
    ann = await tokenFor("ann");
    ben = await tokenFor("ben");
    cy = await tokenFor("cy");
    team = (await app.call("POST", "/api/teams", { token: ann, body: { name: "rowers" } })).body;
    cyTeam = (await app.call("POST", "/api/teams", { token: cy, body: { name: "cyclists" } })).body;
    // ben is recorded as a user by a write of his own, then added to ann's team as an admin job would.
    expect((await app.call("POST", "/api/teams", { token: ben, body: { name: "ben's own" } })).status).toBe(201);
    await app.admin("INSERT INTO team_members (team_id, user_id, role) VALUES (?, 'ben', 'member')", [team.id]);
    const rows = await app.admin("SELECT id, user_id FROM team_members WHERE team_id = ? ORDER BY user_id", [team.id]);
    annRow = rows.find((r) => r.user_id === "ann") as { id: number };
    benRow = rows.find((r) => r.user_id === "ben") as { id: number };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("lists a team's members to each of its members, and to nobody else", async () => {
    for (const token of [ann, ben]) {
      const r = await app.call("GET", `/api/teams/${team.id}/members`, { token });
      expect(r.status).toBe(200);
      expect(r.body.map((m: { user_id: string }) => m.user_id).sort()).toEqual(["ann", "ben"]);
    }
    const outsider = await app.call("GET", `/api/teams/${team.id}/members`, { token: cy });
    const missing = await app.call("GET", `/api/teams/00000000-0000-4000-8000-000000000000/members`, { token: cy });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
  });

  it("lists the caller's memberships and their teams' members, never another team's", async () => {
    const ben_ = (await app.call("GET", "/api/team-members", { token: ben })).body.map((m: { team_id: string; user_id: string }) => `${m.team_id === team.id ? "rowers" : "other"}:${m.user_id}`);
    expect(ben_.sort()).toEqual(["other:ben", "rowers:ann", "rowers:ben"]);
    const cy_ = (await app.call("GET", "/api/team-members", { token: cy })).body;
    expect(cy_).toEqual([expect.objectContaining({ team_id: cyTeam.id, user_id: "cy", role: "owner" })]);
  });

  it("reads a fellow member's row by key; an outsider gets what a missing row gets", async () => {
    const fellow = await app.call("GET", `/api/team-members/${annRow.id}`, { token: ben });
    expect(fellow.status).toBe(200);
    expect(fellow.body).toMatchObject({ team_id: team.id, user_id: "ann", role: "owner" });
    const outsider = await app.call("GET", `/api/team-members/${annRow.id}`, { token: cy });
    const missing = await app.call("GET", `/api/team-members/2147483000`, { token: cy });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toEqual(missing.body);
  });

  it("lets a member who does not run the team change or delete only their own row", async () => {
    // ben reads ann's row, so a refusal is a 403 that says who may, not a 404.
    const changed = await app.call("PATCH", `/api/team-members/${annRow.id}`, { token: ben, body: { title: "captain?" } });
    expect(changed.status).toBe(403);
    expect(changed.body.detail).toBe("only a team's owner changes another member's row");
    const removed = await app.call("DELETE", `/api/team-members/${annRow.id}`, { token: ben });
    expect(removed.status).toBe(403);
    expect(removed.body.detail).toBe("only a team's owner removes another member");
    // cy sees nothing of the team: a 404, as for a missing row.
    expect((await app.call("PATCH", `/api/team-members/${annRow.id}`, { token: cy, body: { title: "x" } })).status).toBe(404);
    expect((await app.call("DELETE", `/api/team-members/${annRow.id}`, { token: cy })).status).toBe(404);
    expect((await app.admin("SELECT title FROM team_members WHERE id = ?", [annRow.id]))[0]).toEqual({ title: null });
    const own = await app.call("PATCH", `/api/team-members/${benRow.id}`, { token: ben, body: { title: "bow" } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ user_id: "ben", title: "bow" });
    // A fellow's own row and ann's view of it agree.
    expect((await app.call("GET", `/api/team-members/${benRow.id}`, { token: ann })).body).toMatchObject({ title: "bow" });
  });

  it("lets the team's owner add, promote and remove other members; no one else", async () => {
    const dee = await tokenFor("dee");
    // dee is recorded as a user by a write of her own.
    expect((await app.call("POST", "/api/teams", { token: dee, body: { name: "dee's own" } })).status).toBe(201);
    const added = await app.call("POST", `/api/teams/${team.id}/members`, { token: ann, body: { user_id: "dee" } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ team_id: team.id, user_id: "dee", role: "member" });
    const teamsOf = async (token: string) => (await app.call("GET", "/api/teams", { token })).body.map((t: { id: string }) => t.id);
    expect(await teamsOf(dee)).toContain(team.id);
    // A member who does not run the team adds nobody, and cannot promote themselves.
    const byBen = await app.call("POST", `/api/teams/${team.id}/members`, { token: ben, body: { user_id: "cy" } });
    expect(byBen.status).toBe(403);
    expect(byBen.body.detail).toBe("only a team's owner adds another member or sets a role");
    const selfPromote = await app.call("PATCH", `/api/teams/${team.id}/members/ben`, { token: ben, body: { role: "owner" } });
    expect(selfPromote.status).toBe(403);
    expect(selfPromote.body.detail).toBe("only a team's owner sets a role");
    expect((await app.call("POST", `/api/teams/${team.id}/members`, { token: ben, body: { user_id: "ben", role: "owner" } })).status).toBe(403);
    // An outsider does not learn the team exists.
    const byCy = await app.call("POST", `/api/teams/${team.id}/members`, { token: cy, body: { user_id: "cy" } });
    expect(byCy.status).toBe(404);
    expect((await app.admin("SELECT user_id, role FROM team_members WHERE team_id = ? ORDER BY user_id", [team.id])).map((r) => `${r.user_id}:${r.role}`)).toEqual(["ann:owner", "ben:member", "dee:member"]);
    // Someone the app has never seen, a role that is none of the values, a member who is one already: 4xx, never a 500.
    const ghost = await app.call("POST", `/api/teams/${team.id}/members`, { token: ann, body: { user_id: "nobody-here" } });
    expect(ghost.status).toBe(422);
    expect((await app.call("POST", `/api/teams/${team.id}/members`, { token: ann, body: { user_id: "cy", role: "emperor" } })).status).toBe(422);
    expect((await app.call("POST", `/api/teams/${team.id}/members`, { token: ann, body: { user_id: "dee" } })).status).toBe(409);
    // The owner promotes dee, who now runs the team too; a membership never moves to another user.
    const promoted = await app.call("PATCH", `/api/teams/${team.id}/members/dee`, { token: ann, body: { role: "owner" } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ user_id: "dee", role: "owner" });
    expect((await app.call("PATCH", `/api/teams/${team.id}/members/ben`, { token: dee, body: { title: "bow-side" } })).body).toMatchObject({ user_id: "ben", title: "bow-side" });
    const moved = await app.call("PATCH", `/api/teams/${team.id}/members/ben`, { token: dee, body: { user_id: "cy" } });
    expect(moved.status).toBe(422);
    expect(moved.body.errors).toEqual([{ field: "user_id", message: "cannot change: remove this membership and add the other user" }]);
    // And removes her again: the team is then none of hers.
    expect((await app.call("DELETE", `/api/teams/${team.id}/members/dee`, { token: ann })).status).toBe(204);
    expect(await teamsOf(dee)).not.toContain(team.id);
    expect((await app.admin("SELECT user_id, role, title FROM team_members WHERE team_id = ? ORDER BY user_id", [team.id])).map((r) => `${r.user_id}:${r.role}:${r.title}`)).toEqual(["ann:owner:null", "ben:member:bow-side"]);
  });

  it("shares the team's rows through the membership: ben works in ann's team, cy does not", async () => {
    expect((await app.call("POST", `/api/teams/${team.id}/projects`, { token: ben, body: { name: "regatta" } })).status).toBe(201);
    expect((await app.call("GET", `/api/teams/${team.id}/projects`, { token: ann })).body.map((p: { name: string }) => p.name)).toEqual(["regatta"]);
    expect((await app.call("POST", `/api/teams/${team.id}/projects`, { token: cy, body: { name: "planted" } })).status).toBe(404);
  });

  it("hands custom code the same view: the models read the team's memberships and change only the caller's", async () => {
    const { TeamMember } = await import(pathToFileURL(join(dir, "models", "index.ts")).href);
    const read: { user_id: string }[] = await app.within("ben", (trx) => TeamMember.query(trx).where("team_id", team.id).orderBy("user_id"));
    expect(read.map((m) => m.user_id)).toEqual(["ann", "ben"]);
    expect(await app.within("cy", (trx) => TeamMember.query(trx).where("team_id", team.id))).toEqual([]);
    expect(await app.within("ben", (trx) => TeamMember.query(trx).patch({ title: "forged" }).where("team_id", team.id))).toBe(1);
    expect((await app.admin("SELECT user_id, title FROM team_members WHERE team_id = ? ORDER BY user_id", [team.id])).map((r) => `${r.user_id}:${r.title}`)).toEqual(["ann:null", "ben:forged"]);
    expect(await app.within("ben", (trx) => TeamMember.query(trx).delete().where("user_id", "ann"))).toBe(0);
  });

  it.runIf(rls)("holds in the database: a query with no condition reads only the caller's teams' memberships", async () => {
    const seen = async (user: string) => (await app.as(user, "SELECT team_id, user_id FROM team_members")).map((r) => `${r.team_id === team.id ? "rowers" : r.team_id === cyTeam.id ? "cyclists" : "other"}:${r.user_id}`).sort();
    expect(await seen("ben")).toEqual(["other:ben", "rowers:ann", "rowers:ben"]);
    expect(await seen("cy")).toEqual(["cyclists:cy"]);
    expect(await seen("nobody")).toEqual([]);
    // Writing through the read policy is refused: ben's update of ann's row touches nothing, and a row naming another user is refused.
    expect(await app.as("ben", "UPDATE team_members SET title = 'forged' WHERE user_id = 'ann' RETURNING id")).toEqual([]);
    expect(await app.as("ben", "DELETE FROM team_members WHERE user_id = 'ann' RETURNING id")).toEqual([]);
    await expect(app.as("ben", "INSERT INTO team_members (team_id, user_id, role) VALUES (?, 'cy', 'owner')", [team.id])).rejects.toThrow(/row-level security/);
    expect((await app.admin("SELECT count(*)::int AS n FROM team_members WHERE team_id = ?", [team.id]))[0]).toEqual({ n: 2 });
    // The team's owner writes any of its memberships, and none of another team's.
    expect(await app.as("ann", "INSERT INTO team_members (team_id, user_id, role) VALUES (?, 'cy', 'member') RETURNING user_id", [team.id])).toEqual([{ user_id: "cy" }]);
    expect(await app.as("ann", "UPDATE team_members SET title = 'added' WHERE team_id = ? AND user_id = 'cy' RETURNING user_id", [team.id])).toEqual([{ user_id: "cy" }]);
    expect(await app.as("ann", "DELETE FROM team_members WHERE team_id = ? AND user_id = 'cy' RETURNING user_id", [team.id])).toEqual([{ user_id: "cy" }]);
    expect(await app.as("ann", "UPDATE team_members SET title = 'forged' WHERE team_id = ? RETURNING id", [cyTeam.id])).toEqual([]);
    await expect(app.as("ann", "INSERT INTO team_members (team_id, user_id, role) VALUES (?, 'ben', 'owner')", [cyTeam.id])).rejects.toThrow(/row-level security/);
  });
});

describe("a database user that does not bypass row-level security applies the policies", () => {
  it("keeps each membership row its member's own and says which tables, instead of a policy that would recurse", async () => {
    const database = await freshDatabase("postgres");
    const role = "specforge_fellow_owner_test";
    const admin = database.db.knex;
    const exists = await admin.raw("select 1 from pg_roles where rolname = ?", [role]);
    if (exists.rows.length === 0) {
      try {
        await admin.raw("CREATE ROLE ?? LOGIN NOSUPERUSER NOBYPASSRLS", [role]);
      } catch (err) {
        if (!["42710", "23505"].includes((err as { code?: string }).code ?? "")) throw err; // made meanwhile by another test file
      }
    }
    await admin.raw("GRANT CREATE, USAGE ON SCHEMA public TO ??", [role]);
    const url = new URL(database.url!);
    url.username = role;
    const owner = knexFactory({ client: "pg", connection: url.toString(), pool: { min: 0, max: 1 } });
    try {
      const { applyRowLevelSecurity } = await import(pathToFileURL(join(dir, "runtime", "rls.ts")).href);
      const { ownedTables } = await import(pathToFileURL(join(dir, "rls.ts")).href);
      const entry = ownedTables.find((t: { table: string }) => t.table === "team_members");
      expect(entry).toMatchObject({ owner: "user_id", fellows: "team_id", manage: { column: "role", values: ["owner"] } });
      await owner.raw("CREATE TABLE team_members (id serial PRIMARY KEY, team_id uuid NOT NULL, user_id text NOT NULL, role text NOT NULL DEFAULT 'member')");
      expect(await applyRowLevelSecurity(owner, [entry])).toEqual(["team_members"]);
      const policies = await admin.raw("select policyname from pg_policies where tablename = 'team_members' order by 1");
      expect(policies.rows.map((r: { policyname: string }) => r.policyname)).toEqual(["specforge_owner"]);
      // Applied by the superuser, the same entry gets its read policy.
      await admin.raw("ALTER TABLE team_members OWNER TO CURRENT_USER");
      expect(await applyRowLevelSecurity(admin, [entry])).toEqual([]);
      const after = await admin.raw("select policyname from pg_policies where tablename = 'team_members' order by 1");
      expect(after.rows.map((r: { policyname: string }) => r.policyname)).toEqual(["specforge_manage", "specforge_owner", "specforge_read"]);
    } finally {
      await owner.destroy();
      await database.dispose();
    }
  }, 60_000);
});

describe("the generated app", () => {
  it("type-checks, and its own tests pass", () => {
    expect(typeCheckProject(OUT)).toBe("");
    const { ok, output } = runOwnTests(dir, "pglite", 1);
    expect(ok, output.slice(-4000)).toBe(true);
  }, 600_000);
});
