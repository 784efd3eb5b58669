// Reads what generation builds on besides the specs: the runtime templates and the
// migrations (with their snapshot) already committed in the output directory.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EMPTY_SNAPSHOT, type Snapshot } from "../emit/snapshot.js";
import type { PreviousMigrations } from "../emit/emit-migrations.js";

export function readTemplates(templatesDir: string): Map<string, string> {
  const dir = join(templatesDir, "runtime");
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".ts")) out.set(name, readFileSync(join(dir, name), "utf8"));
  }
  return out;
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.ts$/;

export function readPreviousMigrations(outDir: string): PreviousMigrations {
  const dir = join(outDir, "migrations");
  if (!existsSync(dir)) return { snapshot: EMPTY_SNAPSHOT, files: new Map() };
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (MIGRATION_FILE.test(name)) files.set(name.replace(/\.ts$/, ""), readFileSync(join(dir, name), "utf8"));
  }
  const snapFile = join(dir, "snapshot.json");
  if (!existsSync(snapFile) || files.size === 0) return { snapshot: EMPTY_SNAPSHOT, files };
  const { "x-generated-by": _g, ...snapshot } = JSON.parse(readFileSync(snapFile, "utf8")) as Snapshot & { "x-generated-by"?: string };
  return { snapshot: snapshot as Snapshot, files };
}

/** generated/client/schema.ts as it is now: emitClient reuses it when the OpenAPI document did not change. */
export function readPreviousClientSchema(outDir: string): string | null {
  const file = join(outDir, "client", "schema.ts");
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
