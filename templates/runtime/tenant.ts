// The caller's tenant (organization, workspace...) from a verified token claim. Where a spec's
// tables carry a tenant column but the spec holds no membership (the auth service keeps it:
// Better Auth's organization plugin, Clerk, Auth0, WorkOS organizations), a row is the
// caller's when that column equals the tenant the token names (scope.ts, kind "tenant"). The
// claim is read once per request, after the token check; the value reaches PostgreSQL as the
// transaction's app.tenant_id setting (scope.ts), which the queries and the row-level security
// policies compare with. A token that names no tenant sees no tenant's rows.
import type { Context } from "koa";
import type { JWTPayload } from "jose";
import { HttpProblem } from "./errors.js";

/** The SQL type a tenant column has, which the claim's value must fit before it reaches SQL. */
export type TenantType = "text" | "uuid" | "integer" | "bigint";

/**
 * The claims tried in order when JWT_TENANT_CLAIM is not set, after the app's own tenant
 * columns (organization_id...): Clerk's and Auth0's org_id, Better Auth's activeOrganizationId
 * (its JWT plugin's definePayload, from the session's active organization), and the usual names.
 */
export const DEFAULT_TENANT_CLAIMS: readonly string[] = ["organization_id", "org_id", "activeOrganizationId", "organizationId", "orgId", "tenant_id", "tenantId"];

export interface TenantConfig {
  /** The claims tried in order; the first one the token carries is the tenant. */
  readonly claims: readonly string[];
  /** The types of the app's tenant columns: a value must fit every one. */
  readonly types: readonly TenantType[];
}

/** JWT_TENANT_CLAIM (one claim, or several separated by commas), else the app's tenant columns, then DEFAULT_TENANT_CLAIMS. */
export function tenantConfig(configured: string | undefined, app: { readonly columns: readonly string[]; readonly types: readonly TenantType[] }): TenantConfig {
  const given = (configured ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const claims = given.length ? given : [...new Set([...app.columns, ...DEFAULT_TENANT_CLAIMS])];
  return { claims, types: app.types };
}

/** What the token says about the caller's tenant: a usable value, a claim whose value is not one, or nothing. */
export type CallerTenant = { readonly claim: string; readonly value: string } | { readonly claim: string; readonly invalid: string } | null;

const FORMATS: Readonly<Record<TenantType, RegExp>> = {
  text: /^[^\u0000-\u001f\u007f]{1,255}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  integer: /^-?[0-9]{1,9}$/,
  bigint: /^-?[0-9]{1,18}$/,
};

/** The tenant a verified token's claims name (see TenantConfig). */
export function readTenant(claims: JWTPayload, cfg: TenantConfig): CallerTenant {
  for (const claim of cfg.claims) {
    const raw = (claims as Record<string, unknown>)[claim];
    if (raw === undefined || raw === null) continue;
    if (typeof raw === "number" ? !Number.isSafeInteger(raw) : typeof raw !== "string") return { claim, invalid: "is not a string or a whole number" };
    const value = String(raw);
    for (const type of cfg.types) if (!FORMATS[type].test(value)) return { claim, invalid: `is not a valid ${type} tenant id` };
    return { claim, value };
  }
  return null;
}

declare module "koa" {
  interface DefaultState {
    /** Set after the token check when the app has tenant-scoped tables (app-core.ts). */
    tenant?: CallerTenant;
    tenantClaims?: readonly string[];
  }
}

/**
 * The caller's tenant for a route of a tenant-scoped table: a token without the claim is a 403
 * naming the claims tried, one whose claim holds no usable id a 401 (an invalid token here).
 */
export function requireTenant(ctx: Context): string {
  const t = ctx.state.tenant;
  if (t && "value" in t) return t.value;
  if (t) {
    const detail = `the token's "${t.claim}" claim ${t.invalid}`;
    throw new HttpProblem(401, detail, { headers: { "WWW-Authenticate": `Bearer realm="api", error="invalid_token", error_description="${detail.replace(/[^\x20-\x7e]|["\\]/g, "")}"` } });
  }
  const claims = ctx.state.tenantClaims ?? DEFAULT_TENANT_CLAIMS;
  throw new HttpProblem(403, `the token names no organization: these rows belong to the organization of the caller, read from the token's ${claims.map((c) => `"${c}"`).join(" or ")} claim (JWT_TENANT_CLAIM)`);
}

/** The caller's tenant where one is not required (hooks, custom routes, rows that only point at a tenant's rows): null without a usable claim, so no tenant's rows are seen. */
export function callerTenant(ctx: Context): string | null {
  const t = ctx.state.tenant;
  return t && "value" in t ? t.value : null;
}
