// The spec's authentication line -> IR auth.mode/provider -> the OpenAPI security scheme.
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { load } from "./helpers.js";

const SCHEMA = "## users\n\n- id: text (primary key)\n\n## tasks\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n";
const API = (line: string) => `# API\n\n${line}\n\n### GET /api/{user_id}/tasks\nList.\n`;

describe("authentication mode in the API spec", () => {
  it.each([
    ["Authentication: external (Better Auth)", { mode: "external", provider: "Better Auth" }],
    ["**Authentication**: Better Auth (JWT via JWKS)", { mode: "external", provider: "JWT via JWKS" }],
    ["Auth: better-auth", { mode: "external", provider: "Better Auth" }],
    ["Authentication mode: external", { mode: "external" }],
    ["Authentication: JWT bearer tokens from Clerk", { mode: "external", provider: "Clerk" }],
  ])("%s", async (line, want) => {
    const r = await load(SCHEMA, API(line));
    expect(r.ir!.auth).toEqual({ ...want, identityTable: "users" });
  });

  it("reads built-in mode, adds the refresh-token table and needs no placeholders (no SF123)", async () => {
    const schema = "## users\n\n- id: integer (primary key)\n- email: varchar(255) (unique, not null)\n- password_hash: varchar(255) (not null)\n- name: text (not null)\n\n## tasks\n\n- id: serial (primary key)\n- user_id: integer (references users(id))\n";
    const r = await load(schema, API("Authentication: built-in"));
    expect(r.diagnostics).toEqual([]);
    expect(r.ir!.auth).toEqual({
      mode: "builtin",
      identityTable: "users",
      builtin: {
        emailColumn: "email", passwordColumn: "password_hash", nameColumn: "name", userId: "database", refreshTable: "refresh_tokens",
        paths: { register: "/api/auth/register", login: "/api/auth/login", refresh: "/api/auth/refresh", logout: "/api/auth/logout" },
      },
    });
    const refresh = r.ir!.tables.find((t) => t.name === "refresh_tokens")!;
    expect(refresh.addedBy).toBe("builtin-auth");
    expect(refresh.owner).toBeNull();
    expect(refresh.columns.map((c) => c.name)).toEqual(["id", "token_hash", "family_id", "user_id", "expires_at", "used_at", "revoked_at", "created_at"]);
    expect(refresh.columns.find((c) => c.name === "user_id")!.type).toEqual({ kind: "integer" });
    // The app creates users, so an integer key without a default counts up.
    expect(r.ir!.tables.find((t) => t.name === "users")!.columns[0]!.default).toEqual({ kind: "increment" });
  });

  it("built-in mode: a users table that cannot hold accounts is an error (SF125)", async () => {
    const cases: Array<[string, RegExp]> = [
      ["## users\n\n- id: text (primary key)\n- password_hash: text\n", /needs an "email" column/],
      ["## users\n\n- id: text (primary key)\n- email: text (unique)\n", /password hash column/],
      ["## users\n\n- id: text (primary key)\n- email: text (unique)\n- password_hash: varchar(60)\n", /varchar\(128\) or longer/],
      ["## users\n\n- id: text (primary key)\n- email: text (unique)\n- password_hash: text\n- avatar: bytea (not null)\n", /"users.avatar" is required/],
      ["## users\n\n- id: text (primary key)\n- email: text (unique)\n- password_hash: text\n\n## refresh_tokens\n\n- id: serial (primary key)\n", /already has one/],
    ];
    for (const [schema, want] of cases) {
      const r = await load(schema, API("Authentication: built-in"));
      expect(r.ir, schema).toBeNull();
      expect(r.diagnostics.filter((d) => d.code === "SF125").map((d) => d.message).join("\n"), schema).toMatch(want);
    }
  });

  it("built-in mode: the four auth routes and the caller's account are the module's, other account routes still warn (SF203)", async () => {
    const schema = "## users\n\n- id: text (primary key)\n- email: text (unique)\n- password_hash: text\n";
    const r = await load(schema, "Authentication: built-in\n\n### POST /api/auth/login\n\n### POST /api/auth/refresh\n\n### GET /api/auth/session\n\n### GET /api/me\n");
    // /api/me is the caller's own account: the module serves it (never the password hash).
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SF203"]);
    expect(r.ir!.auth.builtin!.profile).toEqual([{ method: "get", path: "/api/me" }]);
    expect(r.notes.filter((n) => /is the built-in auth module's (login|refresh): it answers there/.test(n.message))).toHaveLength(2);
  });

  it("defaults to external without a provider, and the endpoint text is not taken for it", async () => {
    const r = await load(SCHEMA, API("All endpoints need a token."));
    expect(r.ir!.auth).toEqual({ mode: "external", identityTable: "users" });
    expect(r.ir!.endpoints).toHaveLength(1);
  });

  it("reads the YAML auth key", async () => {
    const yamlSchema = "tables:\n  users:\n    columns:\n      id: text (primary key)\n  tasks:\n    columns:\n      id: serial (primary key)\n      user_id: text (references users(id))\n";
    const r = await load(yamlSchema, "auth: external (Better Auth)\nendpoints:\n  - GET /api/{user_id}/tasks\n", "yaml");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.auth).toEqual({ mode: "external", provider: "Better Auth", identityTable: "users" });
  });

  it("reads the YAML auth key in built-in mode", async () => {
    const yamlSchema = "tables:\n  users:\n    columns:\n      id: text (primary key)\n      email: text, unique, not null\n      password_hash: text, not null\n";
    const r = await load(yamlSchema, "auth: built-in\nendpoints: []\n", "yaml");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.auth.mode).toBe("builtin");
    expect(r.ir!.auth.builtin?.userId).toBe("uuid"); // a text key without a default: the app makes UUIDs
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["refresh_tokens", "users"]);
  });

  it("names the issuer in the OpenAPI security scheme", async () => {
    const named = buildOpenApi((await load(SCHEMA, API("Authentication: external (Better Auth)"))).ir!) as any;
    expect(named.components.securitySchemes.bearerAuth.description).toMatch(/^A JWT issued by Better Auth \(external auth service\)/);
    const plain = buildOpenApi((await load(SCHEMA, API(""))).ir!) as any;
    expect(plain.components.securitySchemes.bearerAuth.description).toMatch(/external auth service \(e\.g\. Better Auth\)/);
  });
});
