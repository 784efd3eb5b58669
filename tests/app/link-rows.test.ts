// Link and membership rows served end to end, on a small spec of my own:
// - a link row named by its parent and the other key (/clubs/{clubId}/members/{userId} on a
//   table keyed (club_id, user_id); /classes/{id}/pupils/{pupilId} on a unique pair): read,
//   changed and deleted as one row, under the ownership the table already has (a member changes
//   their own membership, and the club's lead anyone's; another club's row is a 404);
// - verbs that undo the caller's link under a parent (/clubs/{id}/leave, /classes/{id}/unenroll,
//   /meetups/{id}/unregister): only the caller's rows go;
// - links between users (/users/{userId}/follow, /me/following, /me/followers,
//   /users/{userId}/followers): the follower makes and deletes the row, the followed user reads
//   the rows naming them, nobody else sees them, and nobody follows themselves (422). A block is
//   its maker's alone: the blocked user reads nothing.
// Checked on PGlite and PostgreSQL, with row-level security on and off.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, writeSpecProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "link-rows");

const SCHEMA = `# Data

### users
- id: text, primary key
- handle: text, nullable

### clubs
- id: serial, primary key
- title: varchar(60), not null

### club_members
- club_id: integer, references clubs.id
- user_id: text, references users.id
- role: enum(lead, member), default member
- nickname: varchar(20), nullable
- primary key (club_id, user_id)

### classes
- id: serial, primary key
- user_id: text, references users.id
- subject: text, not null

### enrollments
- id: serial, primary key
- class_id: integer, not null, references classes.id
- pupil_id: text, not null, references users.id
- unique (class_id, pupil_id)

### meetups
Shared: read-write
- id: serial, primary key
- topic: text, not null

### registrations
- id: serial, primary key
- meetup_id: integer, not null, references meetups.id
- user_id: text, not null, references users.id

### follows
- follower_id: text, references users.id
- followee_id: text, references users.id
- created_at: timestamptz, default now()
- primary key (follower_id, followee_id)

### blocks
- id: serial, primary key
- blocker_id: text, not null, references users.id
- blocked_id: text, not null, references users.id
- unique (blocker_id, blocked_id)
`;

const API = `# API

- \`POST /api/clubs\` start a club
- \`GET /api/clubs/{clubId}\` one club
- \`GET /api/clubs/{clubId}/members/{userId}\` one membership
- \`PATCH /api/clubs/{clubId}/members/{userId}\` change a membership
- \`DELETE /api/clubs/{clubId}/members/{userId}\` drop a membership
- \`POST /api/clubs/{clubId}/leave\` quit the club
- \`POST /api/classes\` open a class
- \`POST /api/classes/{id}/enroll\` join the class
- \`GET /api/classes/{id}/pupils/{pupilId}\` one pupil's enrollment
- \`DELETE /api/classes/{id}/pupils/{pupilId}\` drop a pupil
- \`POST /api/classes/{id}/unenroll\` quit the class
- \`POST /api/meetups\` announce
- \`POST /api/meetups/{id}/register\` sign up
- \`POST /api/meetups/{id}/unregister\` withdraw
- \`GET /api/registrations\` my sign-ups
- \`POST /api/users/{userId}/follow\` follow someone
- \`DELETE /api/users/{userId}/follow\` stop following
- \`GET /api/users/{userId}/followers\` who follows them
- \`GET /api/me/following\` whom I follow
- \`GET /api/me/followers\` who follows me
- \`POST /api/users/{userId}/block\` block someone
- \`GET /api/blocks\` my blocks
`;

let ir: IR;
let dir: string;

beforeAll(async () => {
  ({ ir, dir } = await writeSpecProject(OUT, SCHEMA, API));
}, 60_000);

describe("what the link routes are read as", () => {
  it("serves every route; none is a 501", () => {
    expect(ir.endpoints.filter((e) => e.action.kind === "stub").map((e) => `${e.method} ${e.path}`)).toEqual([]);
    expect(ir.unmapped ?? []).toEqual([]);
  });
});

describe.each(DB_KINDS.flatMap((kind) => [[kind, true], [kind, false]] as const))("on %s, row-level security %s", (kind, rls) => {
  let app: RunningProject;
  let ann: string;
  let ben: string;
  let cy: string;

  beforeAll(async () => {
    app = await bootProject(kind, dir, {}, { rls });
    ann = await tokenFor("ann");
    ben = await tokenFor("ben");
    cy = await tokenFor("cy");
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("reads, changes and deletes a membership by club and user, the caller's own only", async () => {
    const club = await app.call("POST", "/api/clubs", { token: ann, body: { title: "rowers" } });
    expect(club.status).toBe(201);
    const other = await app.call("POST", "/api/clubs", { token: ben, body: { title: "climbers" } });
    expect(other.status).toBe(201);
    const mine = await app.call("GET", `/api/clubs/${club.body.id}/members/ann`, { token: ann });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ club_id: club.body.id, user_id: "ann" });
    // Another club's membership, and the caller's name under a club they are not in: 404.
    expect((await app.call("GET", `/api/clubs/${other.body.id}/members/ben`, { token: ann })).status).toBe(404);
    expect((await app.call("GET", `/api/clubs/${other.body.id}/members/ann`, { token: ann })).status).toBe(404);
    expect((await app.call("GET", `/api/clubs/${club.body.id}/members/ann`, { token: ben })).status).toBe(404);
    // The caller changes their own row; the path's club cannot be contradicted. ann made the club,
    // so she is its lead, who sets roles (a member who is no lead cannot: tests/app/group-fellows.test.ts).
    const renamed = await app.call("PATCH", `/api/clubs/${club.body.id}/members/ann`, { token: ann, body: { nickname: "stroke" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ club_id: club.body.id, user_id: "ann", nickname: "stroke", role: "lead" });
    const promoted = await app.call("PATCH", `/api/clubs/${club.body.id}/members/ann`, { token: ann, body: { role: "lead" } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ role: "lead" });
    expect((await app.call("PATCH", `/api/clubs/${club.body.id}/members/ann`, { token: ann, body: { nickname: "x".repeat(30) } })).status).toBe(422);
    expect((await app.call("PATCH", `/api/clubs/${club.body.id}/members/ann`, { token: ben, body: { nickname: "hijack" } })).status).toBe(404);
    // A club key that is not one: a 4xx with a JSON problem, never a 500.
    const bad = await app.call("GET", "/api/clubs/not-a-number/members/ann", { token: ann });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(bad.body).toHaveProperty("title");
    // Ben cannot remove ann; ann removes herself, and then the club is no longer hers.
    expect((await app.call("DELETE", `/api/clubs/${club.body.id}/members/ann`, { token: ben })).status).toBe(404);
    expect((await app.call("GET", `/api/clubs/${club.body.id}/members/ann`, { token: ann })).body).toMatchObject({ nickname: "stroke" });
    expect((await app.call("DELETE", `/api/clubs/${club.body.id}/members/ann`, { token: ann })).status).toBe(204);
    expect((await app.call("GET", `/api/clubs/${club.body.id}/members/ann`, { token: ann })).status).toBe(404);
    expect((await app.call("GET", `/api/clubs/${club.body.id}`, { token: ann })).status).toBe(404);
    expect((await app.call("GET", `/api/clubs/${other.body.id}/members/ben`, { token: ben })).status).toBe(200);
  });

  it("leaves a club: the caller's membership only", async () => {
    const club = await app.call("POST", "/api/clubs", { token: ann, body: { title: "sailors" } });
    const nothing = await app.call("POST", `/api/clubs/${club.body.id}/leave`, { token: ben });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toEqual({ deleted: 0 });
    expect((await app.call("GET", `/api/clubs/${club.body.id}`, { token: ann })).status).toBe(200);
    const left = await app.call("POST", `/api/clubs/${club.body.id}/leave`, { token: ann });
    expect(left.body).toEqual({ deleted: 1 });
    expect((await app.call("GET", `/api/clubs/${club.body.id}`, { token: ann })).status).toBe(404);
    expect((await app.call("POST", `/api/clubs/${club.body.id}/leave`)).status).toBe(401);
  });

  it("names an enrollment by class and pupil, and unenrolls the caller only", async () => {
    const cls = await app.call("POST", "/api/classes", { token: ann, body: { subject: "latin" } });
    expect((await app.call("POST", `/api/classes/${cls.body.id}/enroll`, { token: ann, body: {} })).status).toBe(201);
    const one = await app.call("GET", `/api/classes/${cls.body.id}/pupils/ann`, { token: ann });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ class_id: cls.body.id, pupil_id: "ann" });
    expect((await app.call("GET", `/api/classes/${cls.body.id}/pupils/ann`, { token: ben })).status).toBe(404);
    expect((await app.call("DELETE", `/api/classes/${cls.body.id}/pupils/ann`, { token: ben })).status).toBe(404);
    expect((await app.call("POST", `/api/classes/${cls.body.id}/unenroll`, { token: ben })).body).toEqual({ deleted: 0 });
    expect((await app.call("GET", `/api/classes/${cls.body.id}/pupils/ann`, { token: ann })).status).toBe(200);
    expect((await app.call("POST", `/api/classes/${cls.body.id}/unenroll`, { token: ann })).body).toEqual({ deleted: 1 });
    expect((await app.call("GET", `/api/classes/${cls.body.id}/pupils/ann`, { token: ann })).status).toBe(404);
  });

  it("unregisters the caller from a meetup, leaving other users' sign-ups", async () => {
    const m = await app.call("POST", "/api/meetups", { token: ann, body: { topic: "tea" } });
    expect(m.status).toBe(201);
    for (const t of [ann, ben]) expect((await app.call("POST", `/api/meetups/${m.body.id}/register`, { token: t, body: {} })).status).toBe(201);
    expect((await app.call("POST", `/api/meetups/${m.body.id}/unregister`, { token: ben })).body).toEqual({ deleted: 1 });
    expect((await app.call("GET", "/api/registrations", { token: ben })).body).toEqual([]);
    expect((await app.call("GET", "/api/registrations", { token: ann })).body).toHaveLength(1);
  });

  it("follows: the follower writes, the followed reads, nobody else sees, nobody follows themselves", async () => {
    // Users are recorded by their first write (ben and cy made rows above or do here).
    await app.call("POST", "/api/clubs", { token: cy, body: { title: "cyclists" } });
    const f = await app.call("POST", "/api/users/ben/follow", { token: ann, body: {} });
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({ follower_id: "ann", followee_id: "ben" });
    expect((await app.call("POST", "/api/users/ben/follow", { token: ann, body: {} })).status).toBe(409);
    const self = await app.call("POST", "/api/users/ann/follow", { token: ann, body: {} });
    expect(self.status).toBe(422);
    expect(self.body.errors?.[0]?.field).toBe("followee_id");
    // The body cannot name someone else as the follower, nor another followee than the path's.
    const posed = await app.call("POST", "/api/users/ben/follow", { token: cy, body: { follower_id: "ann" } });
    expect(posed.status === 422 || posed.body.follower_id === "cy").toBe(true);
    if (posed.status === 201) expect((await app.call("DELETE", "/api/users/ben/follow", { token: cy })).body).toEqual({ deleted: 1 });
    expect((await app.call("POST", "/api/users/ben/follow", { token: cy, body: { followee_id: "ann" } })).status).toBe(422);
    // A user the app has never seen: refused, not a 500.
    const ghost = await app.call("POST", "/api/users/nobody-here/follow", { token: ann, body: {} });
    expect(ghost.status).toBe(422);

    expect((await app.call("GET", "/api/me/following", { token: ann })).body.map((r: { followee_id: string }) => r.followee_id)).toEqual(["ben"]);
    expect((await app.call("GET", "/api/me/following", { token: ben })).body).toEqual([]);
    expect((await app.call("GET", "/api/me/followers", { token: ben })).body.map((r: { follower_id: string }) => r.follower_id)).toEqual(["ann"]);
    expect((await app.call("GET", "/api/me/followers", { token: ann })).body).toEqual([]);
    expect((await app.call("GET", "/api/users/ben/followers", { token: ben })).body).toHaveLength(1);
    // cy is neither side of the link: ben's followers are not cy's to see.
    expect((await app.call("GET", "/api/users/ben/followers", { token: cy })).body).toEqual([]);
    expect((await app.call("GET", "/api/me/followers", { token: cy })).body).toEqual([]);

    // Only the follower undoes it: ben "unfollowing" himself deletes nothing of ann's.
    expect((await app.call("DELETE", "/api/users/ben/follow", { token: ben })).body).toEqual({ deleted: 0 });
    expect((await app.call("DELETE", "/api/users/ann/follow", { token: ben })).body).toEqual({ deleted: 0 });
    expect((await app.call("GET", "/api/me/followers", { token: ben })).body).toHaveLength(1);
    expect((await app.call("DELETE", "/api/users/ben/follow", { token: ann })).body).toEqual({ deleted: 1 });
    expect((await app.call("GET", "/api/me/followers", { token: ben })).body).toEqual([]);
  });

  it("blocks stay their maker's: the blocked user reads nothing", async () => {
    expect((await app.call("POST", "/api/users/ben/block", { token: ann, body: {} })).status).toBe(201);
    expect((await app.call("POST", "/api/users/ann/block", { token: ann, body: {} })).status).toBe(422);
    expect((await app.call("GET", "/api/blocks", { token: ann })).body).toHaveLength(1);
    expect((await app.call("GET", "/api/blocks", { token: ben })).body).toEqual([]);
  });
});
