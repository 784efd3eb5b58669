// A spec that signs its users in itself (no authentication line, its own POST sign-in route, a
// users table with an email and a password hash) gets the built-in auth module, answering at the
// spec's own paths; the ones it does not write answer beside them. A users table the module
// cannot fill, or a named auth service, leaves tokens external. Before, such a spec's sign-in
// routes were dropped (SF203/SF219) and nobody could get a token.
import { describe, expect, it } from "vitest";
import { buildOpenApi } from "../../generator/emit/emit-openapi.js";
import { load } from "./helpers.js";

const SCHEMA = `# Schema

## members
| Column | Type | Constraints |
|---|---|---|
| id | SERIAL | PRIMARY KEY |
| email | VARCHAR(255) | UNIQUE NOT NULL |
| password_hash | VARCHAR(255) | NOT NULL |
| nickname | VARCHAR(40) | |

## notes
| Column | Type | Constraints |
|---|---|---|
| id | SERIAL | PRIMARY KEY |
| member_id | INTEGER | NOT NULL REFERENCES members(id) |
| body | TEXT | NOT NULL |
`;

const API = `# API

### POST /v1/account/signup
Create an account.

### POST /v1/account/signin
Email and password in, a JWT out.

### GET /v1/notes
My notes.
`;

describe("a spec that signs its users in itself", () => {
  it("gets the built-in module at its own paths", async () => {
    const r = await load(SCHEMA, API);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.auth.mode).toBe("builtin");
    expect(ir.auth.builtin!.paths).toEqual({ register: "/v1/account/signup", login: "/v1/account/signin", refresh: "/v1/account/refresh", logout: "/v1/account/logout" });
    expect(r.diagnostics.map((d) => d.code)).not.toContain("SF219");
    const doc = buildOpenApi(ir) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    expect(doc.paths["/v1/account/signin"]!.post!.security).toEqual([]);
    expect(doc.paths["/v1/notes"]!.get).toBeDefined();
    expect(doc.paths["/api/auth/login"]).toBeUndefined();
  });

  it("keeps tokens external when an auth service is named or the users table cannot hold accounts", async () => {
    const named = await load(SCHEMA, `Authentication: external (Better Auth)\n\n${API}`);
    expect(named.ir!.auth.mode).toBe("external");
    // A required plain value is register's to take (a field of its body)...
    const taken = await load(SCHEMA.replace("| nickname | VARCHAR(40) | |", "| nickname | VARCHAR(40) | NOT NULL |"), API);
    expect(taken.ir!.auth.mode).toBe("builtin");
    expect(taken.ir!.auth.builtin!.registerFields).toEqual(["nickname"]);
    // ...but not bytes no account's body can carry as they are.
    const unfillable = await load(SCHEMA.replace("| nickname | VARCHAR(40) | |", "| avatar | BYTEA | NOT NULL |"), API);
    expect(unfillable.ir!.auth.mode).toBe("external");
    expect(unfillable.notes.some((n) => /cannot be their issuer/.test(n.message))).toBe(true);
  });

  it("counts its users' integer key up, as built-in mode does, when the key has no default", async () => {
    const r = await load(SCHEMA.replace("| id | SERIAL | PRIMARY KEY |\n| email", "| id | INTEGER | PRIMARY KEY |\n| email"), API);
    expect(r.ir!.auth.mode).toBe("builtin");
    const members = r.ir!.tables.find((t) => t.name === "members")!;
    expect(members.columns.find((c) => c.name === "id")!.default).toEqual({ kind: "increment" });
  });
});

