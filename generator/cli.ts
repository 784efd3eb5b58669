// specforge command line: init, generate, check, ir, explain, normalize, token.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { basename, dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnosticColored, useColor } from "./color.js";
import { COMMAND_HELP, HELP } from "./cli-help.js";
import { loadSpecs } from "./front.js";
import { openParseCache } from "./parse/parse-cache.js";
import { emitAll } from "./emit/index.js";
import { readPreviousClientSchema, readPreviousMigrations, readTemplates } from "./read/read-output.js";
import { writeFiles, writeScaffold, WriteRefused } from "./write/write-files.js";
import { verifyHistory } from "./plan/history.js";
import { planMigrations } from "./plan/plan.js";
import { formatDiagnostic } from "./base/diagnostics.js";
import { emitHookSkeletons, moveRenamedHooks, orphanHooks } from "./emit/emit-hooks.js";
import { CustomRouteError, readCustomRoutes } from "./read/read-custom-routes.js";
import { CustomRouteConflict } from "./emit/emit-openapi.js";
import type { IR } from "./ir/types.js";
import type { FileMap } from "./emit/common.js";

/** Stable exit codes; docs/cli.md. When several problems show at once, the first in this order wins: 2, 4, 3, 5, 1. */
export const EXIT = { ok: 0, drift: 1, specErrors: 2, migrationMissing: 3, migrationEdited: 4, breaking: 5, usage: 64 } as const;

// Defined (true) only in the bundle generator/dist/specforge.js (generator/build-dist.mjs),
// which sits one directory deeper than this file.
declare const SPECFORGE_DIST: boolean | undefined;
const TEMPLATES_DIR = fileURLToPath(new URL(typeof SPECFORGE_DIST !== "undefined" && SPECFORGE_DIST ? "../../templates" : "../templates", import.meta.url));


export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colour diagnostics (a TTY, and neither CI nor NO_COLOR set). */
  color?: boolean;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), color: useColor(process.stderr) };

export interface GenerateResult {
  readonly ir: IR | null;
  readonly files: FileMap | null;
  /** Hand-written files created once when missing (hook skeletons), relative to the out dir's parent. */
  readonly scaffold?: FileMap;
  readonly exitCode: number;
}

export interface BuildOptions {
  /** Let a migration drop tables or columns, narrow types or remove enum values. */
  readonly allowDestructive?: boolean;
  /** Let a migration change a column's JSON type in the API (integer -> bigint: a number becomes a string). */
  readonly allowBreaking?: boolean;
  /** Name of the output directory as the hook skeletons import it; basename(outDir) by default. */
  readonly outName?: string;
}

/** Front end + emit, in memory. Prints diagnostics; files is null on spec errors. */
export async function buildOutput(specsDir: string, outDir: string, root: string, io: Io = stdio, options: BuildOptions = {}): Promise<GenerateResult> {
  const { ir, diagnostics } = await loadSpecs(specsDir, root);
  for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
  if (!ir) return { ir: null, files: null, exitCode: EXIT.specErrors };
  let customRoutes;
  try {
    customRoutes = await readCustomRoutes(dirname(outDir));
  } catch (err) {
    if (!(err instanceof CustomRouteError)) throw err;
    io.err(`${err.message}\n`);
    return { ir, files: null, exitCode: EXIT.specErrors };
  }
  try {
    const templates = readTemplates(TEMPLATES_DIR);
    const planned = planMigrations(ir, readPreviousMigrations(outDir), { allowDestructive: options.allowDestructive === true, allowBreaking: options.allowBreaking === true });
    if (planned.diagnostics.length > 0) {
      // SF501/SF502/SF503, each of them, then one hint per kind.
      for (const d of planned.diagnostics) io.err(`${formatDiagnostic({ severity: d.severity, code: d.code, message: d.message, span: d.span })}\n`);
      for (const hint of new Set(planned.diagnostics.flatMap((d) => (d.hint ? [d.hint] : [])))) io.err(`  hint: ${hint}\n`);
      return { ir, files: null, exitCode: EXIT.specErrors };
    }
    const files = await emitAll({
      ir,
      templates,
      migrations: planned.plan,
      previousClientSchema: readPreviousClientSchema(outDir),
      customRoutes,
    });
    const scaffold = emitHookSkeletons(ir, options.outName ?? basename(outDir));
    return { ir, files, scaffold, exitCode: EXIT.ok };
  } catch (err) {
    if (err instanceof CustomRouteConflict) {
      io.err(`${err.message}\n`);
      return { ir, files: null, exitCode: EXIT.specErrors };
    }
    throw err;
  }
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
    for (const p of verifyHistory(readPreviousMigrations(o.outDir))) io.err(`specforge: warning: ${p.message}; restore it (git checkout) - committed migrations are never rewritten\n`);
    const w = writeFiles(o.outDir, r.files);
    // A renamed table's hooks follow it (renamed_from): moved before the skeletons are made, so no empty one takes their place.
    const moved = r.ir ? moveRenamedHooks(r.ir, dirname(o.outDir)) : [];
    const created = writeScaffold(dirname(o.outDir), r.scaffold ?? new Map());
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

export async function main(argv: string[], io: Io = stdio, root = process.cwd(), signal?: AbortSignal): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.out(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  let parsed: Parsed;
  try {
    parsed = parseCliArgs(rest);
  } catch (err) {
    io.err(`specforge: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(COMMAND_HELP[command] ?? HELP);
    return EXIT.ok;
  }
  const specsDir = resolve(root, parsed.values.specs!);
  const outDir = resolve(root, parsed.values.out ?? "generated");
  const shownOut = relative(root, outDir).split("\\").join("/") || ".";
  // Syntax trees of the spec pieces from the last run (bundled CLI only; not for --watch, whose process keeps everything warm).
  const cache = command === "init" || command === "token" || parsed.values.watch ? null : openParseCache(specsDir);
  try {
    return await run(command, parsed, { specsDir, outDir, root, shownOut }, io, signal);
  } finally {
    cache?.save();
  }
}

type Parsed = ReturnType<typeof parseCliArgs>;

function parseCliArgs(rest: string[]) {
  return parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      specs: { type: "string", default: "specs" },
      // No default here: `generate`/`check` default to generated/, `normalize` to spec.yaml.
      out: { type: "string" },
      force: { type: "boolean", default: false },
      expires: { type: "string", default: "1h" },
      help: { type: "boolean", short: "h" },
      "allow-destructive": { type: "boolean", default: false },
      "allow-breaking": { type: "boolean", default: false },
      watch: { type: "boolean", default: false },
      "fail-on": { type: "string" },
      format: { type: "string", default: "text" },
      base: { type: "string" },
    },
  });
}

async function run(command: string, parsed: Parsed, dirs: { specsDir: string; outDir: string; root: string; shownOut: string }, io: Io, signal?: AbortSignal): Promise<number> {
  const { specsDir, outDir, root, shownOut } = dirs;
  switch (command) {
    case "init": {
      const { writeStarterSpecs } = await import("./init.js");
      const show = (p: string) => relative(root, p).split("\\").join("/");
      const r = writeStarterSpecs(specsDir);
      if (!r.ok) {
        io.err(`specforge init: refusing to overwrite ${r.existing.map(show).join(", ")}; nothing written\n`);
        return EXIT.drift;
      }
      io.out(`specforge init: wrote ${r.written.map(show).join(", ")}\nnext: edit them, then run specforge generate\n`);
      return EXIT.ok;
    }
    case "generate": {
      if (parsed.values.watch) {
        const { watchAndGenerate } = await import("./watch.js");
        return watchAndGenerate({ specsDir, outDir, root, shownOut, allowDestructive: parsed.values["allow-destructive"], allowBreaking: parsed.values["allow-breaking"] }, io, signal);
      }
      return generateOnce({ specsDir, outDir, root, shownOut, allowDestructive: parsed.values["allow-destructive"], allowBreaking: parsed.values["allow-breaking"] }, io);
    }
    case "check": {
      const failOn = parsed.values["fail-on"];
      const format = parsed.values.format;
      if ((failOn !== undefined && failOn !== "breaking") || (format !== "text" && format !== "json")) {
        io.err(`specforge check: --fail-on takes "breaking", --format takes "text" or "json"\n`);
        return EXIT.usage;
      }
      const { runCheck } = await import("./check/check.js");
      return runCheck({ specsDir, outDir, root, shownOut, failOnBreaking: failOn === "breaking", json: format === "json", ...(parsed.values.base ? { base: resolve(root, parsed.values.base) } : {}) }, io);
    }
    case "ir": {
      const { ir, diagnostics } = await loadSpecs(specsDir, root);
      for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
      if (!ir) return EXIT.specErrors;
      io.out(JSON.stringify(ir, null, 2) + "\n");
      return EXIT.ok;
    }
    case "explain": {
      const format = parsed.values.format;
      if (format !== "text" && format !== "yaml") {
        io.err(`specforge explain: --format takes "text" or "yaml"\n`);
        return EXIT.usage;
      }
      const { explain, explainYaml } = await import("./explain.js");
      const { ir, diagnostics, notes, files } = await loadSpecs(specsDir, root);
      if (format === "yaml") {
        // stdout holds only the YAML (to pipe or redirect); diagnostics go to stderr.
        for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
        if (!ir) return EXIT.specErrors;
        io.out(explainYaml(ir));
        return EXIT.ok;
      }
      io.out(explain(ir, diagnostics, notes, files));
      return ir ? EXIT.ok : EXIT.specErrors;
    }
    case "normalize": {
      const { ir, diagnostics } = await loadSpecs(specsDir, root);
      for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
      if (!ir) return EXIT.specErrors;
      const { explainYaml } = await import("./explain.js");
      const file = resolve(root, parsed.values.out ?? "spec.yaml");
      const shown = relative(root, file).split("\\").join("/");
      try {
        mkdirSync(dirname(file), { recursive: true });
        // "wx": the check for an existing file and the write are one step.
        writeFileSync(file, explainYaml(ir), { flag: parsed.values.force ? "w" : "wx" });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
        io.err(`specforge normalize: refusing to overwrite ${shown}; pass --force to replace it\n`);
        return EXIT.drift;
      }
      io.out(`specforge normalize: wrote ${shown}\n`);
      return EXIT.ok;
    }
    case "token": {
      const user = parsed.positionals[0];
      if (!user) {
        io.err("specforge token: give the user id, e.g. `specforge token alice`\n");
        return EXIT.usage;
      }
      const { mintDevToken } = await import("./dev-token.js");
      io.out((await mintDevToken(user, parsed.values.expires!)) + "\n");
      return EXIT.ok;
    }
    default:
      io.err(`specforge: unknown command "${command}"\n${HELP}`);
      return EXIT.usage;
  }
}
