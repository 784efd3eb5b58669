// `specforge generate`: read the input, generate (generate.ts), print the diagnostics, write
// generated/ and create missing hook skeletons.
import { dirname } from "node:path";
import { EXIT, printDiagnostics, stdio, type Io } from "./command-io.js";
import { generate, type GenerateOutput } from "./generate.js";
import { readGenerateInput, type InputOptions } from "./inputs.js";
import type { PreviousMigrations } from "./read/read-output.js";
import { writeFiles, writeScaffold, WriteRefused } from "./write/write-files.js";
import { verifyHistory } from "./plan/history.js";
import { moveRenamedHooks, orphanHooks } from "./emit/emit-hooks.js";

export interface GenerateResult extends GenerateOutput {
  readonly exitCode: number;
  /** The migrations already in the output directory, as read for generate(). */
  readonly previous: PreviousMigrations;
}

/** Read, generate and print the diagnostics; writes nothing. files is null on errors. */
export async function buildOutput(specsDir: string, outDir: string, root: string, io: Io = stdio, options: InputOptions = {}): Promise<GenerateResult> {
  const input = await readGenerateInput(specsDir, outDir, root, options);
  const r = await generate(input);
  printDiagnostics(io, r.diagnostics);
  return { ...r, exitCode: r.files ? EXIT.ok : EXIT.specErrors, previous: input.previous };
}

export interface GenerateOptions {
  readonly specsDir: string;
  readonly outDir: string;
  readonly root: string;
  readonly shownOut: string;
  readonly allowDestructive?: boolean;
  readonly allowBreaking?: boolean;
}

/** `specforge generate`: build in memory, write generated/, create missing hook skeletons. */
export async function generateOnce(o: GenerateOptions, io: Io): Promise<number> {
  try {
    const r = await buildOutput(o.specsDir, o.outDir, o.root, io, { allowDestructive: o.allowDestructive === true, allowBreaking: o.allowBreaking === true });
    if (!r.files) return r.exitCode;
    for (const p of verifyHistory(r.previous)) io.err(`specforge: warning: ${p.message}; restore it (git checkout) - committed migrations are never rewritten\n`);
    const w = writeFiles(o.outDir, r.files);
    // A renamed table's hooks follow it (renamed_from): moved before the skeletons are made, so no empty one takes their place.
    const moved = r.ir ? moveRenamedHooks(r.ir, dirname(o.outDir)) : [];
    const created = writeScaffold(dirname(o.outDir), r.scaffold);
    io.out(`specforge: ${o.shownOut}/: ${w.written.length} written, ${w.removed.length} removed, ${w.unchanged} unchanged\n`);
    for (const m of moved) io.out(`specforge: moved ${m.from} to ${m.to} (table "${m.oldName}" renamed to "${m.table}"; its code keeps running: update its type imports)\n`);
    for (const c of created) io.out(`specforge: created ${c} (yours to edit; never overwritten)\n`);
    for (const f of r.ir ? orphanHooks(r.ir, dirname(o.outDir)) : []) io.err(`specforge: warning: ${f} is used by no table: generated/app.ts does not import it, so its code does not run (rename it after its table, or delete it); \`specforge check\` fails on it\n`);
  } catch (err) {
    if (err instanceof WriteRefused) {
      io.err(`specforge: ${err.message}\n`);
      return EXIT.drift;
    }
    throw err;
  }
  return EXIT.ok;
}
