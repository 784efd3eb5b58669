// The migration stage, between the IR and the emitters: the schema the IR asks for, compared
// with the one the committed migrations left (migrations/snapshot.json), gives the next
// migration as typed steps. Every problem is collected, none thrown: each change that cannot be
// migrated (SF501), and unless allowed each step that destroys data (SF502) or changes the
// API's type of a column (SF503).
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import type { IR } from "../ir/types.js";
import type { PreviousMigrations } from "../read/read-output.js";
import { planMigration, type MigrationPlan, type PlanProblem } from "./plan-migration.js";
import { currentSnapshot, renamesOf, spanLookup } from "./schema-of-ir.js";
import { EMPTY_SNAPSHOT, normalizeSnapshot, type Snapshot } from "./snapshot.js";

export interface MigrationOptions {
  /** Plan steps that destroy data without reporting them (--allow-destructive). */
  readonly allowDestructive?: boolean;
  /** Plan steps that change the API's type of a column without reporting them (--allow-breaking). */
  readonly allowBreaking?: boolean;
}

export interface PlannedMigrations {
  /** The migrations already committed, passed through verbatim, and their journal. */
  readonly previous: PreviousMigrations;
  /** The database schema after every migration: migrations/snapshot.json. */
  readonly snapshot: Snapshot;
  /** The new migration; null when the database schema did not change. */
  readonly migration: MigrationPlan | null;
}

export const DESTRUCTIVE_HINT = "if that is intended, run again with --allow-destructive; the migration will say what it destroys";
export const BREAKING_HINT = "if that is intended, run again with --allow-breaking (and update the API's clients); the migration will say what changes for them";

/**
 * The next migration and every problem with it. With an error among the diagnostics the plan is
 * not to be written (with SF501 its steps are incomplete).
 */
export function planMigrations(ir: IR, previous: PreviousMigrations, options: MigrationOptions = {}): { plan: PlannedMigrations; diagnostics: Diagnostic[] } {
  const before = previous.snapshot === null ? EMPTY_SNAPSHOT : normalizeSnapshot(previous.snapshot);
  const snapshot = currentSnapshot(ir);
  const migration = planMigration(before, snapshot, renamesOf(ir), spanLookup(ir));
  const diagnostics: Diagnostic[] = [];
  if (migration) {
    // Where the spec does not write the table or column: the top of the schema file.
    const at = (s: Span | null): Span => s ?? { file: ir.sources.schema, line: 1, column: 1 };
    const report = (list: readonly PlanProblem[], code: string, words: string, hint?: string) => {
      for (const p of list) diagnostics.push({ severity: "error", code, message: `${words}${p.message}`, span: at(p.span), ...(hint ? { hint } : {}) });
    };
    report(migration.unsupported, "SF501", "");
    if (!options.allowDestructive) report(migration.destructive, "SF502", "this schema change ", DESTRUCTIVE_HINT);
    if (!options.allowBreaking) report(migration.breaking, "SF503", "this schema change ", BREAKING_HINT);
  }
  return { plan: { previous, snapshot, migration }, diagnostics };
}
