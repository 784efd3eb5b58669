// What `generate` reads from disk: the spec files, the custom routes (src/routes/), the
// runtime templates and what the output directory already holds (migrations, client types).
// generate.ts takes the result and reads nothing itself.
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { readSpecs } from "./read/read-specs.js";
import { readCustomRoutes } from "./read/read-custom-routes.js";
import { readPreviousClientSchema, readPreviousMigrations, readTemplates } from "./read/read-output.js";
import type { GenerateInput } from "./generate.js";

// Defined (true) only in the bundle generator/dist/specforge.js (generator/build-dist.mjs),
// which sits one directory deeper than this file.
declare const SPECFORGE_DIST: boolean | undefined;
export const TEMPLATES_DIR = fileURLToPath(new URL(typeof SPECFORGE_DIST !== "undefined" && SPECFORGE_DIST ? "../../templates" : "../templates", import.meta.url));

export interface InputOptions {
  readonly allowDestructive?: boolean;
  readonly allowBreaking?: boolean;
  /** Name of the output directory as the hook skeletons import it; basename(outDir) by default. */
  readonly outName?: string;
}

/** The input of generate() for the specs under specsDir and the output directory outDir (paths shown relative to root). */
export async function readGenerateInput(specsDir: string, outDir: string, root: string, options: InputOptions = {}): Promise<GenerateInput> {
  const specs = await readSpecs(specsDir, root);
  return {
    specs,
    // Only when the specs were found: a project without them has nothing to route.
    customRoutes: specs.schema ? await readCustomRoutes(dirname(outDir)) : { routes: [], diagnostics: [] },
    templates: readTemplates(TEMPLATES_DIR),
    previous: readPreviousMigrations(outDir),
    previousClientSchema: readPreviousClientSchema(outDir),
    outName: options.outName ?? basename(outDir),
    allowDestructive: options.allowDestructive === true,
    allowBreaking: options.allowBreaking === true,
  };
}
