// A users table that requires more than an email and a password (a username, a role with no
// default) no longer keeps an app that signs its users in itself from issuing tokens: register
// takes the plain required values from its body, held to the column's rules (422 naming the
// field), a taken username is a 409 naming it (a taken email still answers as a free one), and a
// required role is the least its values grant, never the body's.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { TEST_SECRET } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "register-fields");
const APP = join(OUT, "generated");

const SCHEMA = `# Quiz club

## users
- id: uuid, primary key, default gen_random_uuid()
- email: varchar(255), unique, not null
- password_hash: text, not null
- handle: varchar(20), unique, not null, min length 3
- role: enum('host', 'player'), not null

## scores
- id: serial, primary key
- user_id: uuid, not null, references users.id
- points: integer, not null
`;

const ENDPOINTS = `# API

Authentication: built-in

- GET /api/scores
- POST /api/scores
`;

let builtin: Record<string, unknown> | undefined;

beforeAll(async () => {
  const loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: ENDPOINTS },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  builtin = loaded.ir!.auth.builtin as unknown as Record<string, unknown>;
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

it("reads the users table as the built-in module's, register taking the handle and setting the least role", () => {
  expect(builtin).toMatchObject({ registerFields: ["handle"], registerFixed: { role: "player" } });
  const doc = JSON.parse(readFileSync(join(APP, "openapi.json"), "utf8"));
  const register = doc.components.schemas.AuthRegister;
  expect(register.required).toEqual(["email", "password", "handle"]);
  expect(register.properties.handle).toMatchObject({ type: "string", minLength: 3, maxLength: 20 });
  expect(register.properties).not.toHaveProperty("role");
});

describe.each(DB_KINDS)("register with the users table's own required values on %s", (kind) => {
  let app: RunningProject;

  beforeAll(async () => {
    app = await bootProject(kind, APP, { builtinAuth: { secret: TEST_SECRET } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("takes the handle, sets the least role, and signs the user in", async () => {
    const missing = await app.call("POST", "/api/auth/register", { body: { email: "ann@example.test", password: "correct horse 1" } });
    expect(missing.status, JSON.stringify(missing.body)).toBe(422);
    expect(JSON.stringify(missing.body)).toContain("handle");
    const short = await app.call("POST", "/api/auth/register", { body: { email: "ann@example.test", password: "correct horse 1", handle: "an" } });
    expect(short.status).toBe(422);
    const picked = await app.call("POST", "/api/auth/register", { body: { email: "ann@example.test", password: "correct horse 1", handle: "ann", role: "host" } });
    expect(picked.status, "a role in the body is refused, not taken").toBe(422);
    const ok = await app.call("POST", "/api/auth/register", { body: { email: "ann@example.test", password: "correct horse 1", handle: "ann" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(202);
    const [row] = await app.admin(`SELECT handle, role FROM users WHERE email = 'ann@example.test'`);
    expect(row).toEqual({ handle: "ann", role: "player" });
    const login = await app.call("POST", "/api/auth/login", { body: { email: "ann@example.test", password: "correct horse 1" } });
    expect(login.status).toBe(200);
    const made = await app.call("POST", "/api/scores", { token: login.body.access_token, body: { points: 7 } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(app.errors).toEqual([]);
  });

  it("answers a taken handle with a 409 naming it, and a taken email as a free one", async () => {
    const taken = await app.call("POST", "/api/auth/register", { body: { email: "ben@example.test", password: "correct horse 2", handle: "ann" } });
    expect(taken.status, JSON.stringify(taken.body)).toBe(409);
    expect(taken.type).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(taken.body)).toContain("handle");
    const again = await app.call("POST", "/api/auth/register", { body: { email: "ann@example.test", password: "another one 3", handle: "ann2" } });
    expect(again.status).toBe(202);
    expect(await app.admin(`SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);
    expect(app.errors).toEqual([]);
  });
});
