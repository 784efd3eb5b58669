// Reads what generation builds on besides the specs: the runtime templates and the
// migrations (with their snapshot) already committed in the output directory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** An entry of migrations/journal.json: a migration's hash and the chain hash over all before it. */
export interface JournalEntry {
  readonly name: string;
  readonly sha256: string;
  readonly chain: string;
}

/** The migrations already in the output directory, as read: the planner interprets them. */
export interface PreviousMigrations {
  /** migrations/snapshot.json as parsed JSON (the state after the last migration); null when there is none. */
  readonly snapshot: unknown;
  /** Existing migration files by name (e.g. "0001_init"), contents verbatim. */
  readonly files: ReadonlyMap<string, string>;
  /** migrations/journal.json as committed; null when there is none yet. */
  readonly journal: readonly JournalEntry[] | null;
}

export const NO_PREVIOUS: PreviousMigrations = { snapshot: null, files: new Map(), journal: null };

/** templates/runtime/*.ts by file name, then templates/tests/*.ts as "tests/<name>". */
export function readTemplates(templatesDir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [sub, prefix] of [["runtime", ""], ["tests", "tests/"]] as const) {
    const dir = join(templatesDir, sub);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".ts")) out.set(prefix + name, readFileSync(join(dir, name), "utf8"));
    }
  }
  return out;
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.ts$/;

export function readPreviousMigrations(outDir: string): PreviousMigrations {
  const dir = join(outDir, "migrations");
  if (!existsSync(dir)) return { snapshot: null, files: new Map(), journal: null };
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (MIGRATION_FILE.test(name)) files.set(name.replace(/\.ts$/, ""), readFileSync(join(dir, name), "utf8"));
  }
  const journalFile = join(dir, "journal.json");
  const journal = existsSync(journalFile) ? (JSON.parse(readFileSync(journalFile, "utf8")) as { migrations: JournalEntry[] }).migrations : null;
  const snapFile = join(dir, "snapshot.json");
  if (!existsSync(snapFile) || files.size === 0) return { snapshot: null, files, journal };
  return { snapshot: JSON.parse(readFileSync(snapFile, "utf8")) as unknown, files, journal };
}

/** generated/client/schema.ts as it is now: emitClient reuses it when the OpenAPI document did not change. */
export function readPreviousClientSchema(outDir: string): string | null {
  const file = join(outDir, "client", "schema.ts");
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
