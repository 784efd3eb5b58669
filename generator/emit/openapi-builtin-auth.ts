// OpenAPI for the built-in auth module: the four public operations and their bodies.
// The request schemas mirror builtinAuthSchemas() in templates/runtime/builtin-auth.ts;
// tests/auth/builtin-openapi.test.ts keeps the two equal.
import type { IR } from "../ir/types.js";
import { builtinAuthSpec } from "./emit-builtin-auth.js";
import { columnSchema } from "./table-info.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = { $ref: "#/components/responses/Problem" };

/** Request-body schemas, as the runtime validates them. */
type RegisterSpec = { emailMaxLength: number; name: { required: boolean; maxLength: number } | null; fields?: Record<string, object> };

export function builtinAuthBodySchemas(spec: RegisterSpec) {
  const registerProps: Record<string, unknown> = {
    email: { type: "string", format: "email", minLength: 3, maxLength: Math.min(254, spec.emailMaxLength) },
    password: { type: "string", minLength: 8, maxLength: 1024 },
  };
  const required = ["email", "password"];
  if (spec.name) {
    registerProps.name = { type: "string", minLength: spec.name.required ? 1 : 0, maxLength: spec.name.maxLength };
    if (spec.name.required) required.push("name");
  }
  for (const [column, schema] of Object.entries(spec.fields ?? {})) {
    registerProps[column] = schema;
    required.push(column);
  }
  return {
    register: { type: "object", additionalProperties: false, required, properties: registerProps },
    login: {
      type: "object",
      additionalProperties: false,
      required: ["email", "password"],
      properties: { email: { type: "string", minLength: 1, maxLength: 254 }, password: { type: "string", minLength: 1, maxLength: 1024 } },
    },
    refresh: { type: "object", additionalProperties: false, required: ["refresh_token"], properties: { refresh_token: { type: "string", minLength: 1, maxLength: 256 } } },
  };
}

export function builtinAuthOpenApi(ir: IR): { paths: Record<string, Record<string, unknown>>; schemas: Record<string, unknown> } | null {
  const spec = builtinAuthSpec(ir) as RegisterSpec | null;
  if (!spec) return null;
  const bodies = builtinAuthBodySchemas(spec);
  const at = ir.auth.builtin!.paths;
  const json = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
  const tokens = { description: "Signed in: an access token for the Authorization header and a refresh token", content: { "application/json": { schema: ref("AuthTokens") } } };
  // What any of the four can answer besides its own statuses: a body that is not JSON (400),
  // too large (413) or of another type (415), one the schema refuses (422), the rate limits
  // (429; the per-IP one covers every route), and the database being away (503).
  const common = { "400": problem, "413": problem, "415": problem, "422": problem, "429": problem, "503": problem };
  const paths: Record<string, Record<string, unknown>> = {
    [at.register]: {
      post: {
        operationId: "authRegister",
        summary: "Create an account (email and password)",
        description: `Answers 202 with the same body whether or not the email was already registered, so the answer does not reveal who has an account. Sign in next with ${at.login}.`,
        tags: ["auth"],
        security: [],
        requestBody: json(ref("AuthRegister")),
        responses: {
          "202": { description: "Accepted", content: { "application/json": { schema: { type: "object", properties: { message: { type: "string" } }, required: ["message"] } } } },
          ...common,
        },
      },
    },
    [at.login]: {
      post: {
        operationId: "authLogin",
        summary: "Sign in: email and password in, access and refresh tokens out",
        description: "A wrong email and a wrong password get the same 401. Attempts are limited per client IP and email (429 with Retry-After).",
        tags: ["auth"],
        security: [],
        requestBody: json(ref("AuthLogin")),
        responses: { "200": tokens, "401": problem, ...common },
      },
    },
    [at.refresh]: {
      post: {
        operationId: "authRefresh",
        summary: "Trade a refresh token for a new pair (the old one stops working)",
        description: "Each refresh token works once. Presenting one that was already used revokes every token of that sign-in (401).",
        tags: ["auth"],
        security: [],
        requestBody: json(ref("AuthRefresh")),
        responses: { "200": tokens, "401": problem, ...common },
      },
    },
    [at.logout]: {
      post: {
        operationId: "authLogout",
        summary: "Sign out: revoke the refresh token and every token rotated from the same sign-in",
        tags: ["auth"],
        security: [],
        requestBody: json(ref("AuthRefresh")),
        responses: { "204": { description: "Signed out (the same answer for any token)" }, ...common },
      },
    },
  };
  // The caller's account (GET /api/auth/me, PATCH /api/users/me): behind the token (the document's
  // default security), the users row without its password hash.
  const profile = (spec as { profile?: { routes: { method: "get" | "put" | "patch"; path: string }[]; columns: string[]; patch: object; put: object } | null }).profile;
  const profileSchemas: Record<string, unknown> = {};
  if (profile) {
    const users = ir.tables.find((t) => t.identity)!;
    const cols = users.columns.filter((c) => profile.columns.includes(c.name));
    profileSchemas.AuthAccount = { type: "object", properties: Object.fromEntries(cols.map((c) => [c.name, columnSchema(c, "out")])), required: cols.map((c) => c.name), additionalProperties: false };
    profileSchemas.AuthAccountPatch = profile.patch;
    profileSchemas.AuthAccountPut = profile.put;
    const account = { description: "The caller's account (never its password hash)", content: { "application/json": { schema: ref("AuthAccount") } } };
    for (const r of profile.routes) {
      const op: Record<string, unknown> = r.method === "get"
        ? { operationId: "authAccount", summary: "The caller's own account", tags: ["auth"], responses: { "200": account, "401": problem, "404": problem, "429": problem, "503": problem } }
        : {
            operationId: r.method === "put" ? "authAccountReplace" : "authAccountUpdate",
            summary: "Change the caller's profile (not the email, the password or what an admin grants)",
            tags: ["auth"],
            requestBody: json(ref(r.method === "put" ? "AuthAccountPut" : "AuthAccountPatch")),
            responses: { "200": account, "401": problem, "404": problem, "409": problem, ...common },
          };
      // Two paths for the same operation (GET /auth/me and GET /users/me): each its own id.
      const taken = Object.values(paths).some((p) => Object.values(p).some((o) => (o as { operationId?: string }).operationId === op.operationId));
      if (taken) op.operationId = `${op.operationId as string}${r.path.split("/").filter((x) => x && !/^(api|v\d+)$/i.test(x)).map((x) => x[0]!.toUpperCase() + x.slice(1).replace(/[^A-Za-z0-9]/g, "")).join("")}`;
      paths[r.path] = { ...(paths[r.path] ?? {}), [r.method]: op };
    }
  }
  const schemas = {
    ...profileSchemas,
    AuthRegister: bodies.register,
    AuthLogin: bodies.login,
    AuthRefresh: bodies.refresh,
    AuthTokens: {
      type: "object",
      properties: {
        access_token: { type: "string", description: "HS256 JWT; send as Authorization: Bearer <token>" },
        token_type: { const: "Bearer" },
        expires_in: { type: "integer", description: "Seconds until the access token expires" },
        refresh_token: { type: "string", description: `Opaque; send to ${at.refresh} once` },
        refresh_expires_in: { type: "integer" },
        user_id: { type: "string" },
      },
      required: ["access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in", "user_id"],
    },
  };
  return { paths, schemas };
}
