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
  ])("%s", (line, want) => {
    const r = load(SCHEMA, API(line));
    expect(r.ir!.auth).toEqual({ ...want, identityTable: "users" });
  });

  it("refuses built-in mode until it is generated (SF210) rather than serve a different auth", () => {
    const r = load(SCHEMA, API("Authentication: built-in"));
    expect(r.diagnostics.map((d) => d.code)).toContain("SF210");
    expect(r.ir).toBeNull();
  });

  it("defaults to external without a provider, and the endpoint text is not taken for it", () => {
    const r = load(SCHEMA, API("All endpoints need a token."));
    expect(r.ir!.auth).toEqual({ mode: "external", identityTable: "users" });
    expect(r.ir!.endpoints).toHaveLength(1);
  });

  it("reads the YAML auth key", () => {
    const yamlSchema = "tables:\n  users:\n    columns:\n      id: text (primary key)\n  tasks:\n    columns:\n      id: serial (primary key)\n      user_id: text (references users(id))\n";
    const r = load(yamlSchema, "auth: external (Better Auth)\nendpoints:\n  - GET /api/{user_id}/tasks\n", "yaml");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.auth).toEqual({ mode: "external", provider: "Better Auth", identityTable: "users" });
  });

  it("names the issuer in the OpenAPI security scheme", () => {
    const named = buildOpenApi(load(SCHEMA, API("Authentication: external (Better Auth)")).ir!) as any;
    expect(named.components.securitySchemes.bearerAuth.description).toMatch(/^A JWT issued by Better Auth \(external auth service\)/);
    const plain = buildOpenApi(load(SCHEMA, API("")).ir!) as any;
    expect(plain.components.securitySchemes.bearerAuth.description).toMatch(/external auth service \(e\.g\. Better Auth\)/);
  });
});
