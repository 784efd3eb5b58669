// A spec whose app signs its users in itself and also writes the caller's account routes
// (GET /auth/me, PATCH /users/me, GET /profile): the built-in auth module serves them behind the
// token, with the caller's users row minus the password hash, and an update that changes only
// profile columns, never the key, the email, the hash or what an admin grants (a role). Before,
// each was skipped (SF203 / SF215).
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import { builtinAuthSpec } from "../../generator/emit/emit-builtin-auth.js";
import { builtinAuthOpenApi } from "../../generator/emit/openapi-builtin-auth.js";
import { canonicalYaml } from "../../generator/canonical.js";
import { loadSpecs } from "../../generator/front.js";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCHEMA = `# Data

## members
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| email | varchar(200) | not null, unique |
| password_hash | text | not null |
| nickname | varchar(40) | not null, default 'friend' |
| bio | text | |
| role | varchar(10) | not null, default 'reader', check (role in ('reader','editor')) |
| last_login_at | timestamptz | |

## poems
| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| member_id | integer | not null, references members(id) |
| verse | text | not null |
`;

const API = `# API

Authentication: built-in

| Method | Path | Description |
|---|---|---|
| POST | /v1/auth/signup | join |
| POST | /v1/auth/signin | sign in |
| GET | /v1/auth/me | who am I |
| PATCH | /v1/members/me | change my nickname or bio |
| PUT | /v1/profile | set my profile |
| GET | /v1/poems | my poems |
`;

describe("the caller's account routes with built-in authentication", () => {
  it("are the module's, not skipped", async () => {
    const r = await load(SCHEMA, API);
    expect(r.ir!.auth.mode).toBe("builtin");
    expect(r.ir!.auth.builtin!.profile).toEqual([
      { method: "get", path: "/v1/auth/me" },
      { method: "patch", path: "/v1/members/me" },
      { method: "put", path: "/v1/profile" },
    ]);
    expect(r.diagnostics.filter((d) => d.code === "SF203" || d.code === "SF215")).toEqual([]);
    expect(r.ir!.endpoints.map((e) => e.path)).toEqual(["/v1/poems"]);
  });

  it("answer without the password hash and change only the profile columns", async () => {
    const r = await load(SCHEMA, API);
    const spec = builtinAuthSpec(r.ir!) as { profile: { columns: string[]; patch: { properties: object }; put: { required?: string[] } } };
    expect(spec.profile.columns).toEqual(["id", "email", "nickname", "bio", "role", "last_login_at"]);
    expect(Object.keys(spec.profile.patch.properties).sort()).toEqual(["bio", "nickname"]);
    expect(spec.profile.put.required).toBeUndefined();
    const doc = builtinAuthOpenApi(r.ir!)!;
    expect(Object.keys((doc.schemas.AuthAccount as { properties: object }).properties)).not.toContain("password_hash");
    expect(Object.keys(doc.paths["/v1/auth/me"]!)).toEqual(["get"]);
    expect(doc.paths["/v1/members/me"]!.patch).toBeTruthy();
  });

  it("read back the same from the canonical form", async () => {
    const r = await load(SCHEMA, API);
    const text = canonicalYaml(r.ir!);
    const dir = mkdtempSync(join(tmpdir(), "account-routes-"));
    mkdirSync(join(dir, "specs"));
    writeFileSync(join(dir, "specs", "schema.yaml"), text);
    const again = await loadSpecs(join(dir, "specs"), dir);
    rmSync(dir, { recursive: true, force: true });
    expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(again.ir!.auth.builtin!.profile).toEqual(r.ir!.auth.builtin!.profile);
    expect(canonicalYaml(again.ir!)).toBe(text);
  });
});
