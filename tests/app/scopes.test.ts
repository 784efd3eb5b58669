// Rows that belong to users through other rows, end to end: a spec of my own with
// notebooks (owned by user_id), entries (through notebook_id), comments (through entry_id),
// organizations (through a membership), projects (through organization_id), a table shared
// read-only, an internal table (no user's, keeping a code's hash: served by no route) and the
// caller's own users row; generated into tests/.output/scopes, type-checked, and run on
// PGlite and PostgreSQL with row-level security and a non-superuser role. Two users
// with real tokens: every attempt of one to read, list, change, delete or build on the other's
// rows answers exactly like a missing row, and the database's own policies hold when a query
// forgets the condition. A second spec covers users who register themselves (POST /users/me).
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS, type DbKind } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";
import { checkIsolation } from "../helpers/generic-isolation.js";
import { fuzzApp } from "../helpers/generic-fuzz.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "scopes");

const SCHEMA = `# Notes and teams

Users come from the token issuer.

## users

| Column | Type         | Constraints |
|--------|--------------|-------------|
| id     | text         | primary key |
| email  | varchar(255) | nullable    |
| name   | varchar(80)  | nullable    |

## notebooks

| Column     | Type         | Constraints                                      |
|------------|--------------|--------------------------------------------------|
| id         | serial       | primary key                                      |
| user_id    | text         | not null, references users(id) on delete cascade |
| title      | varchar(100) | not null                                         |
| created_at | timestamptz  | not null, default now()                          |

## entries

| Column      | Type        | Constraints                                           |
|-------------|-------------|-------------------------------------------------------|
| id          | uuid        | primary key, default gen_random_uuid()                |
| notebook_id | integer     | not null, references notebooks(id) on delete cascade  |
| body        | text        | not null                                              |
| archived_at | timestamptz | nullable                                              |
| created_at  | timestamptz | not null, default now()                               |

## comments

| Column   | Type        | Constraints                                        |
|----------|-------------|----------------------------------------------------|
| id       | serial      | primary key                                        |
| entry_id | uuid        | not null, references entries(id) on delete cascade |
| text     | text        | not null                                           |

## organizations

| Column | Type        | Constraints                             |
|--------|-------------|-----------------------------------------|
| id     | uuid        | primary key, default gen_random_uuid()  |
| name   | varchar(80) | not null                                |

## memberships

| Column          | Type                  | Constraints                                              |
|-----------------|-----------------------|----------------------------------------------------------|
| id              | serial                | primary key                                              |
| organization_id | uuid                  | not null, references organizations(id) on delete cascade |
| user_id         | text                  | not null, references users(id) on delete cascade         |
| role            | enum(member, admin)   | not null                                                 |

## projects

| Column          | Type        | Constraints                                              |
|-----------------|-------------|----------------------------------------------------------|
| id              | uuid        | primary key                                              |
| organization_id | uuid        | not null, references organizations(id) on delete cascade |
| name            | varchar(80) | not null                                                 |

## colors

Reference data shared by all users (read-only).

| Column | Type        | Constraints |
|--------|-------------|-------------|
| id     | serial      | primary key |
| name   | varchar(40) | not null    |

## pairing_codes

Codes a kiosk shows while it is being paired.

| Column      | Type        | Constraints |
|-------------|-------------|-------------|
| id          | serial      | primary key |
| device_name | varchar(40) | not null    |
| code_hash   | text        | not null    |
`;

const API = `# API

### GET /api/pairing-codes

### GET /api/users/me
The caller's own user.

### PATCH /api/users/me
Change the caller's own user.

### GET /api/notebooks
### POST /api/notebooks
### GET /api/notebooks/{id}
### PATCH /api/notebooks/{id}
### DELETE /api/notebooks/{id}

### GET /api/notebooks/{notebook_id}/entries
Entries of one notebook.

### POST /api/notebooks/{notebook_id}/entries
Add an entry to a notebook.

### GET /api/notebooks/{notebook_id}/entries/{id}
### PATCH /api/notebooks/{notebook_id}/entries/{id}
### DELETE /api/notebooks/{notebook_id}/entries/{id}

### GET /api/entries
### POST /api/entries
### GET /api/entries/{id}
### PUT /api/entries/{id}
### DELETE /api/entries/{id}
### POST /api/entries/{id}/archive
Archive an entry.

### GET /api/comments
### POST /api/comments
### GET /api/comments/{id}
### PATCH /api/comments/{id}
### DELETE /api/comments/{id}

### GET /api/organizations
### POST /api/organizations
### GET /api/organizations/{id}
### PATCH /api/organizations/{id}
### DELETE /api/organizations/{id}

### GET /api/memberships
### POST /api/memberships
### DELETE /api/memberships/{id}

### GET /api/organizations/{organization_id}/projects
### POST /api/organizations/{organization_id}/projects
### GET /api/projects/{id}
### PATCH /api/projects/{id}
### DELETE /api/projects/{id}

### GET /api/colors
### POST /api/colors
### GET /api/colors/{id}
`;

/** Users who must register: a username no token carries. */
const SELF_SCHEMA = `# Journal

## users

| Column   | Type        | Constraints                            |
|----------|-------------|----------------------------------------|
| id       | uuid        | primary key, default gen_random_uuid() |
| username | varchar(20) | not null, unique                       |

## posts

| Column  | Type        | Constraints                                      |
|---------|-------------|--------------------------------------------------|
| id      | serial      | primary key                                      |
| user_id | uuid        | not null, references users(id) on delete cascade |
| title   | varchar(80) | not null                                         |
`;

const SELF_API = `# API

### GET /api/users/me
### PATCH /api/users/me
### DELETE /api/users/me
### GET /api/posts
### POST /api/posts
`;

interface Built {
  readonly ir: IR;
  readonly dir: string;
}

/** Generates the spec's app into tests/.output/scopes/<name> (generated/ plus the hook skeletons). */
async function build(name: string, schema: string, api: string): Promise<Built> {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: api },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const ir = loaded.ir!;
  const dir = join(OUT, name);
  await writeProject(dir, ir);
  return { ir, dir: join(dir, "generated") };
}

type Running = RunningProject;

/** Migrates a fresh database, turns row-level security on, and serves the app as the app role. */
const boot = (kind: DbKind, app: Built): Promise<Running> => bootProject(kind, app.dir);

let notes: Built;
let journal: Built;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  notes = await build("notes", SCHEMA, API);
  journal = await build("journal", SELF_SCHEMA, SELF_API);
  writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify({ extends: relative(OUT, join(ROOT, "tsconfig.json")), include: ["./**/*.ts"], exclude: [] }, null, 2));
}, 60_000);

describe("the specs", () => {
  it("read as owned, scoped through a parent, scoped through a membership, and shared", () => {
    const t = (n: string) => notes.ir.tables.find((x) => x.name === n)!;
    expect(t("notebooks").owner).toBe("user_id");
    expect(t("entries").scope).toEqual({ kind: "parent", column: "notebook_id", parent: "notebooks", parentKey: "id" });
    expect(t("comments").scope).toEqual({ kind: "parent", column: "entry_id", parent: "entries", parentKey: "id" });
    expect(t("organizations").scope).toEqual({ kind: "member", column: "id", membership: "memberships", membershipGroup: "organization_id", membershipUser: "user_id" });
    expect(t("projects").scope).toMatchObject({ kind: "parent", parent: "organizations" });
    expect(t("colors").shared).toBe("read");
    expect(t("pairing_codes").internal).toBe(true);
    expect(journal.ir.auth.selfRegistration).toBe(true);
  });

  it("generate tests that pass: each scoped table's chain made first, another user's rows and parents a 404, /users/me each user's own", () => {
    // The generated apps' own tests (generated/tests), run by vitest as a user of specforge would.
    const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
    for (const app of [notes, journal]) {
      writeFileSync(join(app.dir, "vitest.config.ts"), `import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { include: ["tests/**/*.test.ts"], pool: "forks", maxWorkers: 2, testTimeout: 30_000, hookTimeout: 60_000 } });\n`);
      let output = "";
      let ok = true;
      try {
        output = execFileSync(process.execPath, [vitest, "run", "--root", app.dir], { encoding: "utf8", stdio: "pipe", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } });
      } catch (err) {
        ok = false;
        output = String((err as { stdout?: string }).stdout ?? err);
      }
      // eslint-disable-next-line no-control-regex
      output = output.replace(/\u001b\[[0-9;]*m/g, "").split("\n").filter((l) => !l.startsWith("{")).join("\n"); // no colours, no app log lines
      expect(ok, output.slice(-4000)).toBe(true);
      // Both databases, every resource file, the users' own rows among them.
      expect(output).toMatch(/Test Files\s+\d+ passed/);
      expect(output).toContain(app === notes ? "tests/entries.test.ts" : "tests/users.test.ts");
    }
  }, 600_000);

  it("generate apps that type-check", () => {
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

describe.each(DB_KINDS)("scoped rows on %s", (kind) => {
  let app: Running;
  const A = "scope_alice";
  const B = "scope_bob";
  let a = "";
  let b = "";
  /** A's rows, made once: a notebook with an entry with a comment, and an organization with a project. */
  const mine: Record<string, any> = {};

  beforeAll(async () => {
    app = await boot(kind, notes);
    a = await tokenFor(A);
    b = await tokenFor(B);
    const nb = await app.call("POST", "/api/notebooks", { token: a, body: { title: "A's notebook" } });
    expect(nb.status).toBe(201);
    mine.notebook = nb.body;
    const entry = await app.call("POST", `/api/notebooks/${nb.body.id}/entries`, { token: a, body: { body: "A's secret entry" } });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    mine.entry = entry.body;
    const comment = await app.call("POST", "/api/comments", { token: a, body: { entry_id: entry.body.id, text: "A's comment" } });
    expect(comment.status, JSON.stringify(comment.body)).toBe(201);
    mine.comment = comment.body;
    const org = await app.call("POST", "/api/organizations", { token: a, body: { name: "A's org" } });
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    mine.org = org.body;
    const project = await app.call("POST", `/api/organizations/${org.body.id}/projects`, { token: a, body: { name: "A's project" } });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    mine.project = project.body;
  }, 120_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("lets the owner reach every row through the chain", async () => {
    expect(mine.entry).toMatchObject({ notebook_id: mine.notebook.id, body: "A's secret entry" });
    expect((await app.call("GET", `/api/entries/${mine.entry.id}`, { token: a })).body).toMatchObject({ id: mine.entry.id });
    expect((await app.call("GET", `/api/notebooks/${mine.notebook.id}/entries/${mine.entry.id}`, { token: a })).status).toBe(200);
    expect((await app.call("GET", `/api/comments/${mine.comment.id}`, { token: a })).body).toMatchObject({ text: "A's comment" });
    const listed = await app.call("GET", `/api/notebooks/${mine.notebook.id}/entries`, { token: a });
    expect(listed.status).toBe(200);
    expect(listed.body.map((e: any) => e.id)).toEqual([mine.entry.id]);
    expect((await app.call("GET", "/api/comments", { token: a })).body.map((c: any) => c.id)).toContain(mine.comment.id);
    const patched = await app.call("PATCH", `/api/comments/${mine.comment.id}`, { token: a, body: { text: "edited" } });
    expect(patched.body).toMatchObject({ text: "edited" });
  });

  it("answers another user's scoped rows exactly like missing ones, on every operation", async () => {
    const own = await app.call("POST", "/api/notebooks", { token: b, body: { title: "B's first" } });
    const cases: [string, string, string, unknown?][] = [
      ["GET", `/api/entries/${mine.entry.id}`, `/api/entries/00000000-0000-4000-8000-000000000000`],
      ["PUT", `/api/entries/${mine.entry.id}`, `/api/entries/00000000-0000-4000-8000-000000000000`, { notebook_id: own.body.id, body: "x" }],
      ["DELETE", `/api/entries/${mine.entry.id}`, `/api/entries/00000000-0000-4000-8000-000000000000`],
      ["POST", `/api/entries/${mine.entry.id}/archive`, `/api/entries/00000000-0000-4000-8000-000000000000/archive`],
      ["GET", `/api/comments/${mine.comment.id}`, `/api/comments/2147483000`],
      ["PATCH", `/api/comments/${mine.comment.id}`, `/api/comments/2147483000`, { text: "hijacked" }],
      ["DELETE", `/api/comments/${mine.comment.id}`, `/api/comments/2147483000`],
      ["GET", `/api/organizations/${mine.org.id}`, `/api/organizations/00000000-0000-4000-8000-000000000000`],
      ["PATCH", `/api/organizations/${mine.org.id}`, `/api/organizations/00000000-0000-4000-8000-000000000000`, { name: "hijacked" }],
      ["DELETE", `/api/organizations/${mine.org.id}`, `/api/organizations/00000000-0000-4000-8000-000000000000`],
      ["GET", `/api/projects/${mine.project.id}`, `/api/projects/00000000-0000-4000-8000-000000000000`],
      ["PATCH", `/api/projects/${mine.project.id}`, `/api/projects/00000000-0000-4000-8000-000000000000`, { name: "hijacked" }],
      ["DELETE", `/api/projects/${mine.project.id}`, `/api/projects/00000000-0000-4000-8000-000000000000`],
    ];
    for (const [method, foreign, missing, body] of cases) {
      const theirs = await app.call(method, foreign, { token: b, body });
      const none = await app.call(method, missing, { token: b, body });
      expect(theirs.status, `${method} ${foreign}`).toBe(404);
      expect(theirs.body, `${method} ${foreign}`).toEqual(none.body);
    }
    // Nothing of A's changed or went away.
    expect((await app.call("GET", `/api/entries/${mine.entry.id}`, { token: a })).body).toMatchObject({ body: "A's secret entry", archived_at: null });
    expect((await app.call("GET", `/api/comments/${mine.comment.id}`, { token: a })).body.text).not.toBe("hijacked");
    expect((await app.call("GET", `/api/organizations/${mine.org.id}`, { token: a })).body).toMatchObject({ name: "A's org" });
    expect((await app.call("GET", `/api/projects/${mine.project.id}`, { token: a })).body).toMatchObject({ name: "A's project" });
  });

  it("never lists another user's scoped rows", async () => {
    for (const path of ["/api/entries", "/api/comments", "/api/organizations", "/api/notebooks", "/api/memberships"]) {
      const res = await app.call("GET", path, { token: b });
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.body), path).not.toMatch(/A's|scope_alice/);
    }
    // Filters and search run inside the caller's rows.
    const searched = await app.call("GET", `/api/entries?search=secret&notebook_id=${mine.notebook.id}`, { token: b });
    expect(searched.body).toEqual([]);
  });

  it("refuses to build on another user's rows: 404 under their parent, 422 naming their row in a body", async () => {
    const nested = await app.call("POST", `/api/notebooks/${mine.notebook.id}/entries`, { token: b, body: { body: "planted" } });
    const nestedMissing = await app.call("POST", `/api/notebooks/2147483000/entries`, { token: b, body: { body: "planted" } });
    expect(nested.status).toBe(404);
    expect(nested.body).toEqual(nestedMissing.body);
    expect(nested.body.detail).toBe("notebook not found");
    const flat = await app.call("POST", "/api/entries", { token: b, body: { notebook_id: mine.notebook.id, body: "planted" } });
    expect(flat.status).toBe(422);
    expect(flat.body.detail).toBe("notebook_id: no such notebook");
    const comment = await app.call("POST", "/api/comments", { token: b, body: { entry_id: mine.entry.id, text: "planted" } });
    expect(comment.status).toBe(422);
    expect(comment.body.detail).toBe("entry_id: no such entry");
    const project = await app.call("POST", `/api/organizations/${mine.org.id}/projects`, { token: b, body: { name: "planted" } });
    expect(project.status).toBe(404);
    expect(project.body.detail).toBe("organization not found");
    // Joining A's organization by writing a membership row for it.
    const join = await app.call("POST", "/api/memberships", { token: b, body: { organization_id: mine.org.id, role: "admin" } });
    expect(join.status).toBe(422);
    expect(join.body.detail).toBe("organization_id: no such organization");
    // Moving one's own entry into A's notebook is the same refusal.
    const own = await app.call("POST", "/api/notebooks", { token: b, body: { title: "B's" } });
    const ownEntry = await app.call("POST", `/api/notebooks/${own.body.id}/entries`, { token: b, body: { body: "B's entry" } });
    expect(ownEntry.status).toBe(201);
    const moved = await app.call("PUT", `/api/entries/${ownEntry.body.id}`, { token: b, body: { notebook_id: mine.notebook.id, body: "moved" } });
    expect(moved.status).toBe(422);
    expect((await app.admin("SELECT count(*)::int AS n FROM entries WHERE body IN ('planted', 'moved')"))[0]!.n).toBe(0);
    expect((await app.admin("SELECT count(*)::int AS n FROM comments WHERE text = 'planted'"))[0]!.n).toBe(0);
    expect((await app.admin("SELECT count(*)::int AS n FROM memberships WHERE user_id = ?", [B]))[0]!.n).toBe(0);
  });

  it("serves nested routes only under a parent the caller sees", async () => {
    const theirs = await app.call("GET", `/api/notebooks/${mine.notebook.id}/entries`, { token: b });
    const missing = await app.call("GET", `/api/notebooks/2147483000/entries`, { token: b });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
    expect((await app.call("GET", `/api/notebooks/not-a-number/entries`, { token: b })).status).toBe(404);
    expect((await app.call("GET", `/api/organizations/${mine.org.id}/projects`, { token: b })).status).toBe(404);
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const r = await app.call(method, `/api/notebooks/${mine.notebook.id}/entries/${mine.entry.id}`, { token: b, body: method === "PATCH" ? { body: "x" } : undefined });
      expect(r.status, method).toBe(404);
    }
    // A parent of one's own with no rows is an empty list, not a 404.
    const empty = await app.call("POST", "/api/notebooks", { token: a, body: { title: "empty" } });
    const list = await app.call("GET", `/api/notebooks/${empty.body.id}/entries`, { token: a });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
    // An entry is reached only under its own notebook.
    expect((await app.call("GET", `/api/notebooks/${empty.body.id}/entries/${mine.entry.id}`, { token: a })).status).toBe(404);
  });

  it("takes a nested route's parent from the path: a body may repeat it, not contradict it", async () => {
    const other = await app.call("POST", "/api/notebooks", { token: a, body: { title: "other" } });
    const same = await app.call("POST", `/api/notebooks/${mine.notebook.id}/entries`, { token: a, body: { body: "same", notebook_id: mine.notebook.id } });
    expect(same.status).toBe(201);
    expect(same.body.notebook_id).toBe(mine.notebook.id);
    const contra = await app.call("POST", `/api/notebooks/${mine.notebook.id}/entries`, { token: a, body: { body: "contra", notebook_id: other.body.id } });
    expect(contra.status).toBe(422);
    expect(contra.body.errors).toEqual([{ field: "notebook_id", message: "must match the path" }]);
    const patch = await app.call("PATCH", `/api/notebooks/${mine.notebook.id}/entries/${same.body.id}`, { token: a, body: { notebook_id: other.body.id } });
    expect(patch.status).toBe(422);
    const ok = await app.call("PATCH", `/api/notebooks/${mine.notebook.id}/entries/${same.body.id}`, { token: a, body: { body: "changed" } });
    expect(ok.body).toMatchObject({ body: "changed", notebook_id: mine.notebook.id });
    expect((await app.call("DELETE", `/api/notebooks/${other.body.id}/entries/${same.body.id}`, { token: a })).status).toBe(404);
    expect((await app.call("DELETE", `/api/notebooks/${mine.notebook.id}/entries/${same.body.id}`, { token: a })).status).toBe(204);
  });

  it("stamps the time for an action that sets now()", async () => {
    const e = await app.call("POST", `/api/notebooks/${mine.notebook.id}/entries`, { token: a, body: { body: "to archive" } });
    const before = Date.now();
    const archived = await app.call("POST", `/api/entries/${e.body.id}/archive`, { token: a });
    expect(archived.status).toBe(200);
    const at = Date.parse(archived.body.archived_at);
    expect(Math.abs(at - before)).toBeLessThan(60_000);
  });

  it("makes the creator of an organization its member, and no one else", async () => {
    const members = await app.call("GET", "/api/memberships", { token: a });
    expect(members.body).toEqual([expect.objectContaining({ organization_id: mine.org.id, user_id: A, role: "admin" })]);
    expect((await app.call("GET", "/api/organizations", { token: a })).body.map((o: any) => o.id)).toEqual([mine.org.id]);
    const bOrg = await app.call("POST", "/api/organizations", { token: b, body: { name: "B's org" } });
    expect(bOrg.status).toBe(201);
    expect((await app.call("GET", "/api/organizations", { token: b })).body.map((o: any) => o.id)).toEqual([bOrg.body.id]);
    // A project's key is made by the server (the spec gives it no default).
    expect(mine.project.id).toMatch(/^[0-9a-f-]{36}$/);
    // Deleting one's own organization takes its projects along; A's stays.
    const p = await app.call("POST", `/api/organizations/${bOrg.body.id}/projects`, { token: b, body: { name: "B's project" } });
    expect(p.status).toBe(201);
    expect((await app.call("DELETE", `/api/organizations/${bOrg.body.id}`, { token: b })).status).toBe(204);
    expect((await app.call("GET", `/api/projects/${p.body.id}`, { token: b })).status).toBe(404);
    expect((await app.call("GET", `/api/organizations/${mine.org.id}`, { token: a })).status).toBe(200);
  });

  it("lets every user read a shared table and no one write it", async () => {
    await app.admin("INSERT INTO colors (name) VALUES ('teal')");
    for (const token of [a, b]) {
      const list = await app.call("GET", "/api/colors", { token });
      expect(list.status).toBe(200);
      expect(list.body.map((c: any) => c.name)).toContain("teal");
    }
    expect((await app.call("POST", "/api/colors", { token: a, body: { name: "red" } })).status).toBe(501);
    expect((await app.admin("SELECT count(*)::int AS n FROM colors"))[0]!.n).toBe(1);
  });

  it("serves no one a table of no user's that keeps secrets (internal): 501, the hash never answered", async () => {
    await app.admin("INSERT INTO pairing_codes (device_name, code_hash) VALUES ('hall', 'h-secret-1')");
    for (const token of [a, b]) {
      const list = await app.call("GET", "/api/pairing-codes", { token });
      expect(list.status).toBe(501);
      expect(JSON.stringify(list.body)).not.toContain("h-secret-1");
      expect((await app.call("GET", "/api/pairing-codes/1", { token })).status).toBe(404);
    }
  });

  it("gives each user their own users row at /users/me", async () => {
    const meA = await app.call("GET", "/api/users/me", { token: a });
    const meB = await app.call("GET", "/api/users/me", { token: b });
    expect(meA.body.id).toBe(A);
    expect(meB.body.id).toBe(B);
    const named = await app.call("PATCH", "/api/users/me", { token: b, body: { name: "Bob" } });
    expect(named.body).toMatchObject({ id: B, name: "Bob" });
    expect((await app.call("GET", "/api/users/me", { token: a })).body.name).toBeNull();
    // The key is the caller's: a body naming another one is refused.
    const other = await app.call("PATCH", "/api/users/me", { token: b, body: { id: A, name: "Mallory" } });
    expect(other.status).toBe(422);
    expect((await app.admin("SELECT name FROM users WHERE id = ?", [A]))[0]!.name).toBeNull();
    // A token the app has not seen yet: the row is recorded on the first /me.
    const fresh = await app.call("GET", "/api/users/me", { token: await tokenFor("scope_carol") });
    expect(fresh.status).toBe(200);
    expect(fresh.body.id).toBe("scope_carol");
  });

  it("holds with row-level security alone: a query without our conditions sees only the caller's rows", async () => {
    for (const table of ["entries", "comments", "organizations", "projects", "memberships", "notebooks"]) {
      const asB = await app.as(B, `SELECT * FROM ${table}`);
      expect(JSON.stringify(asB), table).not.toMatch(/A's|scope_alice/);
      const asA = await app.as(A, `SELECT * FROM ${table}`);
      expect(asA.length, table).toBeGreaterThan(0);
    }
    expect(await app.as(B, "SELECT * FROM entries WHERE id = ?", [mine.entry.id])).toEqual([]);
    // Writes through the back door change nothing of A's, or are refused.
    expect(await app.as(B, "UPDATE entries SET body = 'x' WHERE id = ? RETURNING id", [mine.entry.id])).toEqual([]);
    expect(await app.as(B, "DELETE FROM projects WHERE id = ? RETURNING id", [mine.project.id])).toEqual([]);
    await expect(app.as(B, "INSERT INTO comments (entry_id, text) VALUES (?, 'planted')", [mine.entry.id])).rejects.toThrow(/row-level security/);
    await expect(app.as(B, "INSERT INTO projects (id, organization_id, name) VALUES (gen_random_uuid(), ?, 'planted')", [mine.org.id])).rejects.toThrow(/row-level security/);
    // Moving one's own entry under A's notebook is refused by the policy's check too.
    const own = (await app.as(B, "SELECT id FROM entries"))[0]!;
    await expect(app.as(B, "UPDATE entries SET notebook_id = ? WHERE id = ?", [mine.notebook.id, own.id])).rejects.toThrow(/row-level security/);
    // A group row anyone may insert stays invisible until its creator's membership exists.
    const orphan = await app.as(B, "INSERT INTO organizations (id, name) VALUES (gen_random_uuid(), 'orphan')");
    expect(orphan).toEqual([]);
    expect(await app.as(B, "SELECT * FROM organizations WHERE name = 'orphan'")).toEqual([]);
    // Without a caller, nothing.
    expect((await app.as("", "SELECT count(*)::int AS n FROM entries"))[0]!.n).toBe(0);
  });

  it("answers random requests of B's, over A's keys too, with declared statuses only and nothing of A's", async () => {
    const openapi = (await import(pathToFileURL(join(notes.dir, "openapi.json")).href, { with: { type: "json" } })).default;
    const ids = [mine.notebook.id, mine.entry.id, mine.comment.id, mine.org.id, mine.project.id].map(String);
    const values = new Set<string>(["A's secret entry", "A's notebook", "A's org", "A's project", mine.entry.id, mine.org.id, mine.project.id]);
    const fuzz = await fuzzApp(openapi, app.base, { id: B, token: b }, { id: A, columns: new Set(["user_id"]), values }, ids, 200, 20261206);
    expect(fuzz.failures).toEqual([]);
    expect((await app.call("GET", `/api/entries/${mine.entry.id}`, { token: a })).body).toMatchObject({ body: "A's secret entry" });
    expect((await app.call("GET", `/api/projects/${mine.project.id}`, { token: a })).status).toBe(200);
  });

  it("passes the generic isolation checks the corpus apps run", async () => {
    const openapi = (await import(pathToFileURL(join(notes.dir, "openapi.json")).href, { with: { type: "json" } })).default;
    const report = await checkIsolation(notes.ir, openapi, (m, p, o) => app.call(m, p, o), { id: "iso_a", token: await tokenFor("iso_a") }, { id: "iso_b", token: await tokenFor("iso_b") });
    expect(report.failures).toEqual([]);
    expect(report.checked).toEqual(expect.arrayContaining(["notebooks", "entries", "comments", "organizations", "projects"]));
  });
});

describe.each(DB_KINDS)("users who register themselves on %s", (kind) => {
  let app: Running;
  const A = "5d0c7d2e-0000-4000-8000-0000000000a1";
  const B = "5d0c7d2e-0000-4000-8000-0000000000b2";
  let a = "";
  let b = "";

  beforeAll(async () => {
    app = await boot(kind, journal);
    a = await tokenFor(A);
    b = await tokenFor(B);
  }, 120_000);
  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it("records no one from a token, and creates the caller's own row once", async () => {
    expect((await app.call("GET", "/api/users/me", { token: a })).status).toBe(404);
    // Without a users row, an owned row has nothing to reference.
    expect((await app.call("POST", "/api/posts", { token: a, body: { title: "too early" } })).status).toBe(422);
    expect((await app.admin("SELECT count(*)::int AS n FROM users"))[0]!.n).toBe(0);
    const made = await app.call("POST", "/api/users/me", { token: a, body: { username: "alice" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ id: A, username: "alice" });
    const again = await app.call("POST", "/api/users/me", { token: a, body: { username: "alice2" } });
    expect(again.status).toBe(409);
    // The key is the caller's whatever the body says.
    const forged = await app.call("POST", "/api/users/me", { token: b, body: { username: "bob", id: A } });
    expect(forged.status).toBe(201);
    expect(forged.body.id).toBe(B);
    expect((await app.call("GET", "/api/users/me", { token: a })).body).toMatchObject({ id: A, username: "alice" });
    expect((await app.call("GET", "/api/users/me", { token: b })).body).toMatchObject({ id: B, username: "bob" });
    expect((await app.call("PATCH", "/api/users/me", { token: b, body: { username: "bobby" } })).body).toMatchObject({ id: B, username: "bobby" });
    expect((await app.call("GET", "/api/users/me", { token: a })).body.username).toBe("alice");
    expect((await app.call("POST", "/api/posts", { token: a, body: { title: "now" } })).status).toBe(201);
    expect((await app.call("DELETE", "/api/users/me", { token: b })).status).toBe(204);
    expect((await app.call("GET", "/api/users/me", { token: b })).status).toBe(404);
    expect((await app.call("GET", "/api/users/me", { token: a })).status).toBe(200);
  });
});
