// Real signed tokens (jose), and the malformed ones attackers send.
import { createSecretKey } from "node:crypto";
import { SignJWT } from "jose";
import type { IR } from "../../generator/ir/types.js";
import { tenantsOf } from "../../generator/emit/route-specs.js";

export const TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
const key = createSecretKey(Buffer.from(TEST_SECRET, "utf8"));

export async function tokenFor(sub: string, opts: { expiresIn?: string | number; secret?: string; claims?: Record<string, unknown>; nbf?: number } = {}): Promise<string> {
  const k = opts.secret ? createSecretKey(Buffer.from(opts.secret, "utf8")) : key;
  const jwt = new SignJWT({ ...(opts.claims ?? {}) }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(sub).setIssuedAt();
  if (opts.nbf !== undefined) jwt.setNotBefore(opts.nbf);
  jwt.setExpirationTime(opts.expiresIn ?? "15m");
  return jwt.sign(k);
}

export async function expiredToken(sub: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt(now - 3600).setExpirationTime(now - 600).sign(key);
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

export function algNoneToken(sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: "none", typ: "JWT" })}.${b64({ sub, iat: now, exp: now + 600 })}.`;
}

/** A valid token whose payload was changed after signing. */
export async function tamperedToken(sub: string, newSub: string): Promise<string> {
  const [h, , s] = (await tokenFor(sub)).split(".");
  const now = Math.floor(Date.now() / 1000);
  return `${h}.${b64({ sub: newSub, iat: now, exp: now + 600 })}.${s}`;
}

/**
 * The organizations of the test users in an app with tenant-scoped tables (rows of the caller's
 * organization, named by a token claim): one for user a (and a colleague of a's), another for b,
 * of the tenant columns' type. null in other apps, and where no one value fits every tenant column.
 */
export function testTenants(ir: IR): { claim: string; a: string; b: string } | null {
  const t = tenantsOf(ir);
  if (!t) return null;
  const kinds = new Set(t.types.map((k) => (k === "bigint" ? "integer" : k)));
  if (kinds.size > 1 && !(kinds.size === 2 && kinds.has("text"))) return null;
  // The first claim the app reads when JWT_TENANT_CLAIM is not set (runtime/tenant.ts).
  const claim = t.columns[0] ?? "organization_id";
  if (kinds.has("uuid")) return { claim, a: "7e0f1c2d-0000-4000-8000-0000000000a1", b: "7e0f1c2d-0000-4000-8000-0000000000b2" };
  if (kinds.has("integer")) return { claim, a: "301", b: "402" };
  return { claim, a: "org-a", b: "org-b" };
}

/** A token for `sub` in organization `which` of the app (testTenants); a plain token in an app without tenant-scoped tables. */
export async function tenantTokenFor(ir: IR, sub: string, which: "a" | "b"): Promise<string> {
  const t = testTenants(ir);
  return tokenFor(sub, t ? { claims: { [t.claim]: t[which] } } : {});
}
