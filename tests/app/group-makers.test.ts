// A group its creator made, with a membership table, and rows of the group's that name who made
// them (tests/unit/ownership-group-makers.test.ts reads the same kind of spec): end to end on
// PGlite and PostgreSQL, with row-level security and the app role. A creates a club (a member of
// it by creating it), a hike in it and a photo of the hike; the creator columns are A whatever the
// body says. C, whom an admin adds to the club, reads and writes them too; B, no member, gets
// exactly what a missing row gets, cannot join A's club through the API, and the database's
// policies hold without our conditions. A table the spec calls shared, with a maker column, is
// read by everyone, its maker set from the token.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";
import { checkIsolation } from "../helpers/generic-isolation.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "group-makers");
// The spec the unit test reads, taken from it so the two never drift apart.
const SCHEMA = readFileSync(join(ROOT, "tests", "unit", "ownership-group-makers.test.ts"), "utf8").match(/const SPEC = `([\s\S]*?)`;/)![1]!;

let ir: IR;
let dir = "";

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const loaded = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA }, null);
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  ir = loaded.ir!;
  await writeProject(join(OUT, "clubs"), ir);
  dir = join(OUT, "clubs", "generated");
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify({ extends: relative(OUT, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2));
}, 60_000);

describe("the clubs app", () => {
  it("type-checks", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "-p", join(OUT, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      output = String((err as { stdout?: string }).stdout ?? err);
    }
    expect(output).toBe("");
  }, 120_000);
});

describe.each(DB_KINDS)("a club's rows on %s", (kind) => {
  let app: RunningProject;
  const A = "club_alice";
  const B = "club_bob";
  const C = "club_carol";
  let a = "";
  let b = "";
  let c = "";
  const mine: Record<string, any> = {};

  beforeAll(async () => {
    app = await bootProject(kind, dir);
    [a, b, c] = await Promise.all([tokenFor(A), tokenFor(B), tokenFor(C)]);
    // A body naming another user as the maker is ignored: the token says who made the row.
    const club = await app.call("POST", "/api/clubs", { token: a, body: { title: "Ridge walkers", created_by: B } });
    expect(club.status, JSON.stringify(club.body)).toBe(201);
    mine.club = club.body;
    const hike = await app.call("POST", "/api/hikes", { token: a, body: { club_id: club.body.id, route: "North ridge", created_by: B, updated_by: B } });
    expect(hike.status, JSON.stringify(hike.body)).toBe(201);
    mine.hike = hike.body;
    const photo = await app.call("POST", "/api/photos", { token: a, body: { hike_id: hike.body.id, url: "https://example.test/1.jpg", uploaded_by: B } });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    mine.photo = photo.body;
    // C becomes known to the app, then an admin adds C to A's club (no generated route adds another user).
    expect((await app.call("GET", "/api/users/me", { token: c })).status).toBe(200);
    await app.admin("INSERT INTO club_members (club_id, user_id) VALUES (?, ?)", [club.body.id, C]);
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("sets the maker columns from the token, on create and (the editor) on update", async () => {
    expect(mine.club.created_by).toBe(A);
    expect(mine.hike).toMatchObject({ created_by: A, updated_by: A });
    expect(mine.photo.uploaded_by).toBe(A);
    const edited = await app.call("PATCH", `/api/hikes/${mine.hike.id}`, { token: c, body: { route: "South ridge", created_by: C } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ route: "South ridge", created_by: A, updated_by: C });
  });

  it("lets every member read the club's rows, whoever made them", async () => {
    expect((await app.call("GET", `/api/clubs/${mine.club.id}`, { token: c })).status).toBe(200);
    expect((await app.call("GET", "/api/hikes", { token: c })).body.map((h: any) => h.id)).toEqual([mine.hike.id]);
    expect((await app.call("GET", `/api/photos/${mine.photo.id}`, { token: c })).body).toMatchObject({ uploaded_by: A });
    // C adds a photo of A's hike; A sees it, made by C.
    const theirs = await app.call("POST", "/api/photos", { token: c, body: { hike_id: mine.hike.id, url: "https://example.test/2.jpg" } });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(201);
    const seen = await app.call("GET", `/api/photos/${theirs.body.id}`, { token: a });
    expect(seen.body).toMatchObject({ uploaded_by: C });
    // What C says about the hike, A reads; B, no member, does not.
    const said = await app.call("POST", "/api/hike-comments", { token: c, body: { hike_id: mine.hike.id, body: "Bring water", user_id: A } });
    expect(said.status, JSON.stringify(said.body)).toBe(201);
    expect(said.body.user_id).toBe(C);
    expect((await app.call("GET", `/api/hike-comments/${said.body.id}`, { token: a })).body).toMatchObject({ body: "Bring water", user_id: C });
    expect((await app.call("GET", `/api/hike-comments/${said.body.id}`, { token: b })).status).toBe(404);
  });

  it("answers a user of no club's like a missing row, on every operation", async () => {
    const missing = 987654;
    for (const [path, body] of [
      [`/api/clubs/${mine.club.id}`, { title: "x" }],
      [`/api/hikes/${mine.hike.id}`, { route: "x" }],
      [`/api/photos/${mine.photo.id}`, { url: "x" }],
    ] as const) {
      const gone = path.replace(/\/\d+$/, `/${missing}`);
      for (const method of ["GET", "PATCH", "DELETE"]) {
        const theirs = await app.call(method, path, { token: b, body: method === "PATCH" ? body : undefined });
        const none = await app.call(method, gone, { token: b, body: method === "PATCH" ? body : undefined });
        expect([theirs.status, theirs.body], `${method} ${path}`).toEqual([none.status, none.body]);
        expect(theirs.status).toBe(404);
      }
    }
    for (const list of ["/api/clubs", "/api/hikes", "/api/photos"]) expect((await app.call("GET", list, { token: b })).body, list).toEqual([]);
    // Building on A's rows is refused like building on none.
    expect((await app.call("POST", "/api/hikes", { token: b, body: { club_id: mine.club.id, route: "planted" } })).status).toBe(422);
    expect((await app.call("POST", "/api/photos", { token: b, body: { hike_id: mine.hike.id, url: "planted" } })).status).toBe(422);
    // Nor can B join A's club through the API.
    expect((await app.call("POST", "/api/club-members", { token: b, body: { club_id: mine.club.id } })).status).toBe(422);
    expect((await app.call("GET", `/api/clubs/${mine.club.id}`, { token: b })).status).toBe(404);
    // A's rows are unchanged.
    expect((await app.call("GET", `/api/hikes/${mine.hike.id}`, { token: a })).status).toBe(200);
  });

  it("keeps per-user rows their maker's, and a member's own row theirs", async () => {
    const diary = await app.call("POST", "/api/diaries", { token: a, body: { body: "A's diary" } });
    expect(diary.status).toBe(201);
    expect((await app.call("GET", `/api/diaries/${diary.body.id}`, { token: c })).status).toBe(404);
    const check = await app.call("POST", "/api/gear-checks", { token: a, body: { hike_id: mine.hike.id, ready: true } });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    expect((await app.call("GET", `/api/gear-checks/${check.body.id}`, { token: c })).status).toBe(404);
  });

  it("shares a table the spec calls shared, its maker column from the token", async () => {
    const notice = await app.call("POST", "/api/trail-notices", { token: a, body: { trail: "Fallen tree at the bridge", created_by: B } });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    expect(notice.body.created_by).toBe(A);
    // Every signed-in user reads it, members of a club or not.
    expect((await app.call("GET", `/api/trail-notices/${notice.body.id}`, { token: b })).body).toMatchObject({ trail: "Fallen tree at the bridge", created_by: A });
    // A list the admins keep: read by all, written by no generated route.
    await app.admin("INSERT INTO difficulty_levels (label) VALUES ('steep')");
    expect((await app.call("GET", "/api/difficulty-levels", { token: b })).body.map((l: any) => l.label)).toEqual(["steep"]);
    expect((await app.call("POST", "/api/difficulty-levels", { token: b, body: { label: "easy" } })).status).toBe(405);
  });

  it("holds with row-level security alone", async () => {
    for (const table of ["clubs", "hikes", "photos"]) {
      expect(await app.as(B, `SELECT * FROM ${table}`), table).toEqual([]);
      expect((await app.as(C, `SELECT * FROM ${table}`)).length, table).toBeGreaterThan(0);
    }
    expect(await app.as(B, "UPDATE hikes SET route = 'x' WHERE id = ? RETURNING id", [mine.hike.id])).toEqual([]);
    await expect(app.as(B, "INSERT INTO photos (hike_id, uploaded_by, url) VALUES (?, ?, 'planted')", [mine.hike.id, B])).rejects.toThrow(/row-level security/);
  });

  it("passes the generic isolation checks", async () => {
    const openapi = (await import(pathToFileURL(join(dir, "openapi.json")).href, { with: { type: "json" } })).default;
    const report = await checkIsolation(ir, openapi, (m, p, o) => app.call(m, p, o), { id: "iso_a", token: await tokenFor("iso_a") }, { id: "iso_b", token: await tokenFor("iso_b") });
    expect(report.failures).toEqual([]);
    expect(report.checked).toEqual(expect.arrayContaining(["clubs", "hikes", "photos"]));
  });
});
