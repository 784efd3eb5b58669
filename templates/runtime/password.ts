// Password hashing for the built-in auth module: scrypt from node:crypto (no native
// dependency), a random 16-byte salt per password, a 64-byte key, constant-time compare.
// The stored string carries its parameters, "scrypt$N$r$p$salt$hash" (base64url), so the
// cost can be raised later without breaking existing hashes. Default N=2^15, r=8, p=3:
// 32 MiB of memory per hash (128·N·r), the setting OWASP's cheat sheet lists as equivalent
// to its minimum (N=2^17, r=8, p=1) with a quarter of the memory; see docs/auth.md.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
// Bounds on parameters read back from the database, so a corrupt row cannot make one verify cost minutes.
const MAX_N = 2 ** 20;
const MAX_P = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

function parse(stored: unknown): { cost: ScryptCost; salt: Buffer; key: Buffer } | null {
  if (typeof stored !== "string") return null;
  const m = /^scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{40,128})$/.exec(stored);
  if (!m) return null;
  const cost = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (cost.N < 2 || cost.N > MAX_N || (cost.N & (cost.N - 1)) !== 0 || cost.r < 1 || cost.p < 1 || cost.p > MAX_P) return null;
  return { cost, salt: Buffer.from(m[4]!, "base64url"), key: Buffer.from(m[5]!, "base64url") };
}

let dummy: Promise<string> | undefined;

/** Makes the dummy hash ahead of the first login, so that one is not slower than the rest. */
export function prepareDummyHash(): Promise<string> {
  dummy ??= hashPassword("dummy password for timing");
  return dummy;
}

/**
 * True when the password matches the stored hash. A missing or unreadable hash (no such
 * user, a null column) still costs one scrypt run against a dummy hash, so the answer
 * takes about as long as for a real user and does not tell which emails exist.
 */
export async function verifyPassword(password: string, stored: unknown): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) {
    const d = parse(await prepareDummyHash())!;
    await derive(password, d.salt, d.cost);
    return false;
  }
  const key = await derive(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
