// Knex migrations, printed from the plan (plan/plan.ts). Each generation that changes the
// schema appends one migration numbered NNNN_<slug>.ts; existing migrations are passed through
// untouched, and the journal and the snapshot of the schema are written beside them.
import type { IR } from "../ir/types.js";
import { appendJournal } from "../plan/history.js";
import type { MigrationPlan } from "../plan/plan-migration.js";
import type { PlannedMigrations } from "../plan/plan.js";
import type { JournalEntry } from "../read/read-output.js";
import { json, str, tsHeader, type FileMap } from "./common.js";
import { migrationCode } from "./migration-code.js";

function migrationFile(ir: IR, name: string, plan: MigrationPlan): string {
  const about = plan.slug !== "init" ? [`// Changes:`, ...plan.summary.map((s) => `//   - ${s}`), ``] : [];
  return [
    tsHeader(ir.sources.schema).trimEnd(),
    `import type { Knex } from "knex";`,
    ``,
    ...about,
    `export const name = ${str(name)};`,
    ``,
    `export async function up(knex: Knex): Promise<void> {`,
    migrationCode(plan.up, true).join("\n"),
    `}`,
    ``,
    `export async function down(knex: Knex): Promise<void> {`,
    migrationCode(plan.down, false).join("\n"),
    `}`,
    ``,
  ].join("\n");
}

/** The migration files of a plan: the committed ones, the new one (if any), the journal, the snapshot and the index. */
export function emitMigrations(ir: IR, planned: PlannedMigrations): FileMap {
  const { previous, snapshot: next, migration: plan } = planned;
  const files: FileMap = new Map();
  const names = [...previous.files.keys()].sort();
  for (const n of names) files.set(`migrations/${n}.ts`, previous.files.get(n)!);
  // A project from before the journal existed: record its migrations as they are now.
  let journal: JournalEntry[] = previous.journal ? [...previous.journal] : [];
  if (!previous.journal) for (const n of names) journal = appendJournal(journal, n, previous.files.get(n)!);
  if (plan) {
    const number = String(names.length + 1).padStart(4, "0");
    const name = `${number}_${plan.slug}`.slice(0, 80);
    const text = migrationFile(ir, name, plan);
    files.set(`migrations/${name}.ts`, text);
    names.push(name);
    journal = appendJournal(journal, name, text);
  }
  files.set(`migrations/snapshot.json`, json({ "x-generated-by": "specforge", ...next }));
  files.set(`migrations/journal.json`, json({ "x-generated-by": "specforge", version: 1, migrations: journal }));
  const index = [tsHeader(ir.sources.schema)];
  index.push(`import type { Migration } from "../runtime/migrate.js";`);
  names.forEach((n, i) => index.push(`import * as m${i + 1} from "./${n}.js";`));
  index.push(``);
  index.push(`/** Every migration, oldest first. */`);
  index.push(`export const migrations: readonly Migration[] = [${names.map((_, i) => `m${i + 1}`).join(", ")}];`);
  files.set("migrations/index.ts", index.join("\n") + "\n");
  return files;
}
