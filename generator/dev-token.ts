// Mints a development token so a person can try the API with curl.
import { createSecretKey } from "node:crypto";
import { SignJWT } from "jose";
import { devSecret } from "../templates/runtime/dev-secret.js";

/**
 * A development token for `userId`; with `tenant`, the caller's organization too, in the claim
 * the app reads first (JWT_TENANT_CLAIM's first, else organization_id: runtime/tenant.ts).
 */
export async function mintDevToken(userId: string, expires: string, env: NodeJS.ProcessEnv = process.env, tenant?: string): Promise<string> {
  const secret = env.JWT_SECRET || env.BETTER_AUTH_SECRET || devSecret().secret;
  const key = createSecretKey(Buffer.from(secret, "utf8"));
  const claim = (env.JWT_TENANT_CLAIM ?? "").split(",").map((s) => s.trim()).find(Boolean) ?? "organization_id";
  return new SignJWT(tenant ? { [claim]: tenant } : {})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}
