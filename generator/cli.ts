// specforge command line: generate, check, ir, explain, token.
import { parseArgs } from "node:util";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnosticColored, useColor } from "./color.js";
import { COMMAND_HELP, HELP } from "./cli-help.js";
import { loadSpecs } from "./front.js";
import { emitAll } from "./emit/index.js";
import { readPreviousClientSchema, readPreviousMigrations, readTemplates } from "./read/read-output.js";
import { diffOutput, writeFiles, WriteRefused } from "./write/write-files.js";
import { UnsupportedSchemaChange } from "./emit/emit-migrations.js";
import type { IR } from "./ir/types.js";
import type { FileMap } from "./emit/common.js";

export const EXIT = { ok: 0, drift: 1, specErrors: 2, usage: 64 } as const;

const TEMPLATES_DIR = fileURLToPath(new URL("../templates", import.meta.url));


interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colour diagnostics (a TTY, and neither CI nor NO_COLOR set). */
  color?: boolean;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), color: useColor(process.stderr) };

export interface GenerateResult {
  readonly ir: IR | null;
  readonly files: FileMap | null;
  readonly exitCode: number;
}

/** Front end + emit, in memory. Prints diagnostics; files is null on spec errors. */
export async function buildOutput(specsDir: string, outDir: string, root: string, io: Io = stdio): Promise<GenerateResult> {
  const { ir, diagnostics } = await loadSpecs(specsDir, root);
  for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
  if (!ir) return { ir: null, files: null, exitCode: EXIT.specErrors };
  try {
    const files = await emitAll({
      ir,
      templates: readTemplates(TEMPLATES_DIR),
      previous: readPreviousMigrations(outDir),
      previousClientSchema: readPreviousClientSchema(outDir),
    });
    return { ir, files, exitCode: EXIT.ok };
  } catch (err) {
    if (err instanceof UnsupportedSchemaChange) {
      io.err(`${ir.sources.schema}:1:1: error SF501: ${err.message}\n`);
      return { ir, files: null, exitCode: EXIT.specErrors };
    }
    throw err;
  }
}

export async function main(argv: string[], io: Io = stdio, root = process.cwd()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    io.out(HELP);
    return command ? EXIT.ok : EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        specs: { type: "string", default: "specs" },
        out: { type: "string", default: "generated" },
        expires: { type: "string", default: "1h" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    io.err(`specforge: ${(err as Error).message}\n`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    io.out(COMMAND_HELP[command] ?? HELP);
    return EXIT.ok;
  }
  const specsDir = resolve(root, parsed.values.specs!);
  const outDir = resolve(root, parsed.values.out!);
  const shownOut = relative(root, outDir).split("\\").join("/") || ".";
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
      const r = await buildOutput(specsDir, outDir, root, io);
      if (!r.files) return r.exitCode;
      try {
        const w = writeFiles(outDir, r.files);
        io.out(`specforge: ${shownOut}/: ${w.written.length} written, ${w.removed.length} removed, ${w.unchanged} unchanged\n`);
      } catch (err) {
        if (err instanceof WriteRefused) {
          io.err(`specforge: ${err.message}\n`);
          return EXIT.drift;
        }
        throw err;
      }
      return EXIT.ok;
    }
    case "check": {
      const r = await buildOutput(specsDir, outDir, root, io);
      if (!r.files) return r.exitCode;
      const drifts = diffOutput(outDir, r.files, shownOut);
      if (drifts.length === 0) {
        io.out(`specforge: ${shownOut}/ is in sync with the specs\n`);
        return EXIT.ok;
      }
      for (const d of drifts) io.out(d.patch);
      io.err(`specforge: ${shownOut}/ is out of sync: ${drifts.map((d) => `${d.path} (${d.kind})`).join(", ")}\nrun \`specforge generate\` and commit the result\n`);
      return EXIT.drift;
    }
    case "ir": {
      const { ir, diagnostics } = await loadSpecs(specsDir, root);
      for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
      if (!ir) return EXIT.specErrors;
      io.out(JSON.stringify(ir, null, 2) + "\n");
      return EXIT.ok;
    }
    case "explain": {
      const { explain } = await import("./explain.js");
      const { ir, diagnostics, notes } = await loadSpecs(specsDir, root);
      io.out(explain(ir, diagnostics, notes));
      return ir ? EXIT.ok : EXIT.specErrors;
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
