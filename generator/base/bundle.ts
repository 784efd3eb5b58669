// Facts about the bundled CLI (generator/dist/specforge.js, built by build-dist.mjs) that its
// caches need. From the TypeScript sources (tsx, vitest) there is no bundle and no cache.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Defined (true) only in the bundle, by build-dist.mjs.
declare const SPECFORGE_DIST: boolean | undefined;

/** generator/dist/cache/, when running from the bundle with caches on (SPECFORGE_CACHE is not "0"); else null. */
export function bundleCacheDir(): string | null {
  if (typeof SPECFORGE_DIST === "undefined" || !SPECFORGE_DIST || process.env.SPECFORGE_CACHE === "0") return null;
  return join(dirname(fileURLToPath(import.meta.url)), "cache");
}

/** The cache directory and the bundle's id, or null outside the bundle, with caches off, or when the bundle cannot be read. */
export function bundleCache(): { readonly dir: string; readonly bundle: string } | null {
  const dir = bundleCacheDir();
  if (!dir) return null;
  try {
    return { dir, bundle: bundleId() };
  } catch {
    return null;
  }
}

/** The SHA-256 of the bundle's first line, which lists every source and npm file it was built from. */
export function bundleId(): string {
  const bytes = readFileSync(fileURLToPath(import.meta.url));
  return createHash("sha256").update(bytes.subarray(0, bytes.indexOf(10))).digest("hex");
}
