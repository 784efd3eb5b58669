// Mints a development token so a person can try the API with curl.
import { createSecretKey } from "node:crypto";
import { SignJWT } from "jose";
import { devSecret } from "../templates/runtime/dev-secret.js";

export async function mintDevToken(userId: string, expires: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const secret = env.JWT_SECRET || env.BETTER_AUTH_SECRET || devSecret().secret;
  const key = createSecretKey(Buffer.from(secret, "utf8"));
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
}
