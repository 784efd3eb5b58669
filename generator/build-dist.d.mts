// Types for build-dist.mjs (plain JavaScript: it runs before anything can compile TypeScript).
/** The package root. */
export const ROOT: string;
/** generator/dist/specforge.js under `root`. */
export function distFile(root?: string): string;
/** The bundle's path when it was built from exactly the files there now, else null. */
export function freshDist(root?: string): string | null;
/** Bundles the generator into distFile(root); returns its path. Throws when esbuild fails. */
export function buildDist(root?: string): Promise<string>;
