// Columns no answer shows: a password hash, a salt, a secret, the hash of a key. The users table's
// credentials are the auth service's: a profile route neither shows nor takes them. A hashed key
// on a row the caller owns is written by its owner but never read back: not in an answer (get,
// list, create, update, delete, an embedded row), not in the OpenAPI rows, not in a model's JSON,
// and no list sorts, filters or searches by it (an order would tell the value).
import { rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import { bootProject, writeProject, type RunningProject } from "../helpers/project.js";
import { DB_KINDS } from "../helpers/databases.js";
import { tokenFor } from "../helpers/tokens.js";

const ROOT = join(import.meta.dirname, "..", "..");
const OUT = join(ROOT, "tests", ".output", "undisclosed-columns");
const APP = join(OUT, "generated");

const SCHEMA = `# Keyring

## users
- id: text, primary key
- email: varchar(255), nullable
- password_hash: text, nullable
- display_name: varchar(80), nullable

## deploy_keys
- id: serial, primary key
- user_id: text, references users.id
- label: varchar(60), not null
- key_hash: text, not null
- created_at: timestamptz, default now()
`;

const ENDPOINTS = `# API

- GET /api/users/me - the caller's profile
- PATCH /api/users/me - change the caller's profile
- GET /api/deploy-keys - the caller's keys (sort by label or created_at)
- POST /api/deploy-keys - add a key
- GET /api/deploy-keys/{id}
- PATCH /api/deploy-keys/{id}
- DELETE /api/deploy-keys/{id}
`;

let loaded: Awaited<ReturnType<typeof loadSpecFiles>>;

beforeAll(async () => {
  loaded = await loadSpecFiles(
    { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
    { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: ENDPOINTS },
  );
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  rmSync(OUT, { recursive: true, force: true });
  await writeProject(OUT, loaded.ir!);
}, 60_000);

describe("the generated contract", () => {
  it("has no hidden column in a row, and no sort or filter by one", async () => {
    const { openApi } = await import(pathToFileURL(join(APP, "openapi.json")).href, { with: { type: "json" } }).then((m) => ({ openApi: m.default }));
    const s = openApi.components.schemas;
    expect(Object.keys(s.User.properties)).toEqual(["id", "email", "display_name"]);
    expect(Object.keys(s.UserPatch.properties)).not.toContain("password_hash");
    expect(Object.keys(s.DeployKey.properties)).not.toContain("key_hash");
    expect(Object.keys(s.DeployKeyCreate.properties)).toContain("key_hash");
    const list = loaded.ir!.endpoints.find((e) => e.method === "get" && e.path === "/api/deploy-keys")!.list!;
    expect(list.sort.keys.map((k) => k.column)).toContain("label");
    expect(list.sort.keys.map((k) => k.column)).not.toContain("key_hash");
    expect(list.filters.map((f) => f.column)).not.toContain("key_hash");
    expect(list.search?.columns ?? []).not.toContain("key_hash");
  });

  it("leaves hidden columns out of a model's JSON, and keeps them on the model", async () => {
    const { DeployKey } = await import(pathToFileURL(join(APP, "models", "deploy-keys.ts")).href);
    const k = DeployKey.fromJson({ id: 1, user_id: "u", label: "ci", key_hash: "h1" });
    expect(k.key_hash).toBe("h1");
    expect(k.toJSON()).toEqual({ id: 1, user_id: "u", label: "ci" });
  });
});

describe.each(DB_KINDS)("hidden columns over HTTP on %s", (kind) => {
  let app: RunningProject;
  let token = "";
  const A = "keys_ann";

  beforeAll(async () => {
    app = await bootProject(kind, APP);
    token = await tokenFor(A);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("never answers with the users table's password hash, and a profile route cannot set it", async () => {
    const me = await app.call("GET", "/api/users/me", { token });
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body).not.toHaveProperty("password_hash");
    await app.admin(`UPDATE users SET password_hash = 'scrypt$kept' WHERE id = ?`, [A]);
    const patched = await app.call("PATCH", "/api/users/me", { token, body: { display_name: "Ann", password_hash: "mine" } });
    expect(patched.status, JSON.stringify(patched.body)).toBeLessThan(500);
    expect(patched.body).not.toHaveProperty("password_hash");
    const [row] = await app.admin(`SELECT password_hash FROM users WHERE id = ?`, [A]);
    expect(row!.password_hash).toBe("scrypt$kept");
    expect(app.errors).toEqual([]);
  });

  it("stores a key's hash its owner writes, and answers with no hash on any route", async () => {
    const made = await app.call("POST", "/api/deploy-keys", { token, body: { label: "ci", key_hash: "h-one" } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.label).toBe("ci");
    expect(made.body).not.toHaveProperty("key_hash");
    const [stored] = await app.admin(`SELECT key_hash FROM deploy_keys WHERE id = ?`, [made.body.id]);
    expect(stored!.key_hash).toBe("h-one");
    const one = await app.call("GET", `/api/deploy-keys/${made.body.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty("key_hash");
    const list = await app.call("GET", "/api/deploy-keys", { token });
    expect(list.status).toBe(200);
    const rows = Array.isArray(list.body) ? list.body : list.body.items ?? list.body.data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toHaveProperty("key_hash");
    const changed = await app.call("PATCH", `/api/deploy-keys/${made.body.id}`, { token, body: { key_hash: "h-two" } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).not.toHaveProperty("key_hash");
    const sorted = await app.call("GET", "/api/deploy-keys?sort=key_hash", { token });
    expect(sorted.status).toBeGreaterThanOrEqual(400);
    expect(sorted.status).toBeLessThan(500);
    const gone = await app.call("DELETE", `/api/deploy-keys/${made.body.id}`, { token });
    expect(gone.status).toBeLessThan(300);
    if (gone.body !== undefined) expect(gone.body).not.toHaveProperty("key_hash");
    expect(app.errors).toEqual([]);
  });
});
