// vitest globalSetup: run initdb once (PGlite.create takes seconds) and dump the empty
// data directory, so every test's embedded database starts from it in about half a second.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PGLITE_SEED = join(import.meta.dirname, "..", ".output", "pglite-seed.tar.gz");

export default async function setup(): Promise<void> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  const dump = await db.dumpDataDir("gzip");
  await db.close();
  mkdirSync(join(PGLITE_SEED, ".."), { recursive: true });
  writeFileSync(PGLITE_SEED, Buffer.from(await dump.arrayBuffer()));
}
