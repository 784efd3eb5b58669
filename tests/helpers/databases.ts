// Real databases for tests: a fresh database on the PostgreSQL server, or an
// in-memory PGlite. Nothing is mocked.
import { randomBytes } from "node:crypto";
import knexFactory from "knex";
import { existsSync, readFileSync } from "node:fs";
import { openDatabase, type Database } from "../../templates/runtime/db.js";
import { PGLITE_SEED } from "./pglite-seed.js";

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: DbKind[] = ["pglite", "postgres"];

export interface TestDatabase {
  readonly db: Database;
  readonly url?: string;
  dispose(): Promise<void>;
}

/** A new, empty database of the given kind; dispose() drops it. */
export async function freshDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const db = await openDatabase({ dataDir: "memory", seed: await pgliteSeed() });
    return { db, dispose: () => db.close() };
  }
  const name = `specforge_t_${randomBytes(6).toString("hex")}`;
  const admin = knexFactory({ client: "pg", connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ??`, [name]);
  } finally {
    await admin.destroy();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolMax: 5 });
  return {
    db,
    url: url.toString(),
    async dispose() {
      await db.close();
      const a = knexFactory({ client: "pg", connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
      try {
        await a.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [name]);
      } finally {
        await a.destroy();
      }
    },
  };
}

let seed: Promise<Blob | undefined> | undefined;

/** The initialised empty data directory made once by tests/helpers/pglite-seed.ts (vitest globalSetup). */
export function pgliteSeed(): Promise<Blob | undefined> {
  seed ??= Promise.resolve(existsSync(PGLITE_SEED) ? new Blob([readFileSync(PGLITE_SEED)]) : undefined);
  return seed;
}
