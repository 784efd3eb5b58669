// A generated project written to disk for a test, laid out as `specforge generate` lays it out:
// generated/ (every file the emitters make from the IR, with the templates' runtime) and the hook
// skeletons in src/hooks/ beside it.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { emitAll } from "../../generator/emit/index.js";
import { NO_PREVIOUS } from "../../generator/emit/emit-migrations.js";
import { emitHookSkeletons } from "../../generator/emit/emit-hooks.js";
import { readTemplates } from "../../generator/read/read-output.js";
import type { IR } from "../../generator/ir/types.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Writes the app `ir` describes under `dir` (dir/generated, dir/src/hooks), from a first migration. */
export async function writeProject(dir: string, ir: IR): Promise<void> {
  const files = await emitAll({ ir, templates: readTemplates(join(ROOT, "templates")), previous: NO_PREVIOUS });
  for (const [p, text] of [...[...files].map(([f, t]) => [join("generated", f), t] as const), ...emitHookSkeletons(ir, "generated")]) {
    const file = join(dir, p);
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, text);
  }
}
