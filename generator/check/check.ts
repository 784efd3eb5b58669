// `specforge check`: the one CI gate. It regenerates in memory and reports, each
// with its own exit code (see EXIT in command-io.ts and docs/cli.md):
//   4 a committed migration was edited, deleted or slipped in (journal hash chain)
//   3 a migration is missing for a schema change in the specs
//   5 breaking API changes against the base openapi.json (only with --fail-on breaking)
//   1 generated code differs from what the specs produce (unified diff)
// The base API is --base FILE (e.g. the main branch's openapi.json) or, without it,
// the committed generated/openapi.json.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { diagnosticLines, EXIT, printDiagnostics, type Io } from "../command-io.js";
import { generate } from "../generate.js";
import { readGenerateInput } from "../inputs.js";
import { verifyHistory } from "../plan/history.js";
import { diffOutput, missingScaffold } from "../write/write-files.js";
import { orphanHooks, plannedHookMoves } from "../emit/emit-hooks.js";
import { diffApis, formatApiChanges } from "./api-diff.js";

export interface CheckOptions {
  readonly specsDir: string;
  readonly outDir: string;
  readonly root: string;
  readonly shownOut: string;
  readonly failOnBreaking: boolean;
  readonly json: boolean;
  readonly base?: string;
}

const MIGRATION = /^migrations\/\d{4}_[a-z0-9_]+\.ts$/;

export async function runCheck(o: CheckOptions, io: Io): Promise<number> {
  // A pending destructive or API-breaking change is reported as a missing migration, not refused
  // here (its API side shows in the breaking changes below).
  const input = await readGenerateInput(o.specsDir, o.outDir, o.root, { allowDestructive: true, allowBreaking: true });
  const r = await generate(input);
  if (!o.json) printDiagnostics(io, r.diagnostics);
  if (!r.files) {
    if (o.json) io.out(JSON.stringify({ exitCode: EXIT.specErrors, status: "spec-errors", diagnostics: diagnosticLines(r.diagnostics) }, null, 2) + "\n");
    return EXIT.specErrors;
  }
  const history = verifyHistory(input.previous);
  const drifts = diffOutput(o.outDir, r.files, o.shownOut);
  const moves = r.ir ? plannedHookMoves(r.ir, dirname(o.outDir)) : [];
  for (const rel of missingScaffold(dirname(o.outDir), r.scaffold)) {
    const move = moves.find((m) => m.to === rel);
    const why = move
      ? `table "${move.oldName}" was renamed to "${move.table}": \`specforge generate\` moves ${move.from} here`
      : "generated/app.ts imports it; `specforge generate` recreates the skeleton";
    drifts.push({ path: `../${rel}`, kind: "missing", patch: `${rel}: missing (${why})\n` });
  }
  // Hand-written hooks no table uses never run: a renamed or removed table left them behind.
  for (const rel of r.ir ? orphanHooks(r.ir, dirname(o.outDir)) : []) {
    const move = moves.find((m) => m.from === rel);
    const why = move ? `the hooks of table "${move.oldName}", now "${move.table}": \`specforge generate\` moves it to ${move.to}` : "no table uses it, generated/app.ts does not import it, its code does not run: rename it after its table, or delete it";
    drifts.push({ path: `../${rel}`, kind: "orphan", patch: `${rel}: orphaned hook file (${why})\n` });
  }
  const missing = drifts.filter((d) => d.kind === "missing" && MIGRATION.test(d.path)).map((d) => d.path.replace(/^migrations\/|\.ts$/g, ""));
  const committedApi = o.base ?? join(o.outDir, "openapi.json");
  const newApi = r.files.get("openapi.json");
  const breaking = existsSync(committedApi) && newApi ? diffApis(JSON.parse(readFileSync(committedApi, "utf8")), JSON.parse(newApi)) : [];

  const exitCode =
    history.length > 0 ? EXIT.migrationEdited
    : missing.length > 0 ? EXIT.migrationMissing
    : breaking.length > 0 && o.failOnBreaking ? EXIT.breaking
    : drifts.length > 0 ? EXIT.drift
    : EXIT.ok;

  if (o.json) {
    const status = ({ [EXIT.ok]: "in-sync", [EXIT.drift]: "generated-code-differs", [EXIT.migrationMissing]: "migration-missing", [EXIT.migrationEdited]: "migration-edited", [EXIT.breaking]: "breaking-api-changes" } as Record<number, string>)[exitCode];
    io.out(JSON.stringify({
      exitCode,
      status,
      files: drifts.map((d) => ({ path: d.path, kind: d.kind })),
      missingMigrations: missing,
      editedMigrations: history,
      breakingChanges: breaking,
      diagnostics: diagnosticLines(r.diagnostics),
    }, null, 2) + "\n");
    return exitCode;
  }

  for (const p of history) io.err(`specforge: ${o.shownOut}/migrations: ${p.message}\n`);
  if (history.length) io.err(`  committed migrations are history: restore them (git checkout ${o.shownOut}/migrations) and put new changes in the spec instead\n`);
  if (missing.length) io.err(`specforge: the specs change the database schema but no migration was generated for it (would be ${missing.join(", ")})\n  run \`specforge generate\` and commit the new migration\n`);
  if (drifts.length) {
    for (const d of drifts) io.out(d.patch);
    io.err(`specforge: ${o.shownOut}/ is out of sync: ${drifts.map((d) => `${d.path} (${d.kind})`).join(", ")}\nrun \`specforge generate\` and commit the result\n`);
  }
  if (breaking.length) {
    io.out(formatApiChanges(breaking, o.base ?? `${o.shownOut}/openapi.json`));
    if (!o.failOnBreaking) io.err(`specforge: ${breaking.length} breaking API change${breaking.length > 1 ? "s" : ""} (reported only; pass --fail-on breaking to fail)\n`);
  }
  if (exitCode === EXIT.ok) io.out(`specforge: ${o.shownOut}/ is in sync with the specs\n`);
  return exitCode;
}
