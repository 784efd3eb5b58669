// A development-only signing secret, so `npm start` works before any auth service is
// configured. It lives in .data/ (never committed) and is refused in production.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export const DEV_SECRET_FILE = ".data/dev-jwt-secret";

export function devSecret(file = DEV_SECRET_FILE): { secret: string; file: string } {
  if (existsSync(file)) return { secret: readFileSync(file, "utf8").trim(), file };
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return { secret, file };
}
