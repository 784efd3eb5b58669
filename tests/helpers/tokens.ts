// Real signed tokens (jose), and the malformed ones attackers send.
import { createSecretKey } from "node:crypto";
import { SignJWT } from "jose";

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
