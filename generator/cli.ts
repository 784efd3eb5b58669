// specforge command line: init, generate, check, ir, explain, normalize, token.
import { mkdirSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { dirname, relative, resolve } from "node:path";
import { COMMAND_HELP, HELP } from "./cli-help.js";
import { loadSpecs } from "./front.js";
import { openParseCache } from "./parse/parse-cache.js";
import { EXIT, printDiagnostics, stdio, type Io } from "./command-io.js";
import { generateOnce } from "./generate-command.js";

export { EXIT, type Io } from "./command-io.js";
export { buildOutput, generateOnce, type GenerateOptions, type GenerateResult } from "./generate-command.js";

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
      tenant: { type: "string" },
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
      printDiagnostics(io, diagnostics);
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
        printDiagnostics(io, diagnostics);
        if (!ir) return EXIT.specErrors;
        io.out(explainYaml(ir));
        return EXIT.ok;
      }
      io.out(explain(ir, diagnostics, notes, files));
      return ir ? EXIT.ok : EXIT.specErrors;
    }
    case "normalize": {
      const { ir, diagnostics } = await loadSpecs(specsDir, root);
      printDiagnostics(io, diagnostics);
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
      io.out((await mintDevToken(user, parsed.values.expires!, process.env, parsed.values.tenant)) + "\n");
      return EXIT.ok;
    }
    default:
      io.err(`specforge: unknown command "${command}"\n${HELP}`);
      return EXIT.usage;
  }
}
