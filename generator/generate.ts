// The whole pipeline as one function: what was read (spec texts, custom route declarations,
// runtime templates, what the output directory holds) in; the IR, the output directory's
// files, the hook skeletons and every diagnostic out. It prints nothing and writes nothing;
// the commands (cli.ts, check/check.ts, watch.ts) read its input (inputs.ts), call it, then
// print and write. Stages, in order: front (read -> parse -> IR -> validate), the custom
// routes against the generated ones, the migration plan (plan/), then emit.
import { hasErrors, type Diagnostic } from "./base/diagnostics.js";
import { frontOf, type Note } from "./front.js";
import type { IR } from "./ir/types.js";
import type { ReadSpecsResult } from "./read/read-specs.js";
import type { CustomRoutesRead } from "./read/read-custom-routes.js";
import type { PreviousMigrations } from "./read/read-output.js";
import { planMigrations } from "./plan/plan.js";
import { emitAll, replaceStubs } from "./emit/index.js";
import { customRouteConflicts } from "./emit/emit-openapi.js";
import { emitHookSkeletons } from "./emit/emit-hooks.js";
import type { FileMap } from "./emit/common.js";

export interface GenerateInput {
  readonly specs: ReadSpecsResult;
  readonly customRoutes: CustomRoutesRead;
  /** templates/runtime/*.ts by file name. */
  readonly templates: ReadonlyMap<string, string>;
  /** The migrations (and their snapshot) already in the output directory. */
  readonly previous: PreviousMigrations;
  /** The output directory's client/schema.ts, reused when the OpenAPI document is unchanged (a cache only). */
  readonly previousClientSchema: string | null;
  /** Name of the output directory as the hook skeletons import it ("generated"). */
  readonly outName: string;
  /** Let a migration drop tables or columns, narrow types or remove enum values. */
  readonly allowDestructive?: boolean;
  /** Let a migration change a column's JSON type in the API (integer -> bigint: a number becomes a string). */
  readonly allowBreaking?: boolean;
}

export interface GenerateOutput {
  /** Null when the specs have an error. */
  readonly ir: IR | null;
  /** The output directory's files; null when there is any error. */
  readonly files: FileMap | null;
  /** Hand-written files created once when missing (hook skeletons), relative to the output directory's parent. */
  readonly scaffold: FileMap;
  /** In stage order: the specs' (sorted by position), the custom routes', the migrations'. */
  readonly diagnostics: readonly Diagnostic[];
  /** Guesses the reader made (shown by `specforge explain`). */
  readonly notes: readonly Note[];
}

export async function generate(input: GenerateInput): Promise<GenerateOutput> {
  const front = await frontOf(input.specs);
  const diagnostics: Diagnostic[] = [...front.diagnostics];
  const stop = (ir: IR | null): GenerateOutput => ({ ir, files: null, scaffold: new Map(), diagnostics, notes: front.notes });
  if (!front.ir) return stop(null);
  const ir = front.ir;
  const custom = input.customRoutes.routes;
  diagnostics.push(...input.customRoutes.diagnostics, ...customRouteConflicts(replaceStubs(ir, custom), custom));
  // The migration is planned whatever the custom routes say: every problem is reported in one run.
  const planned = planMigrations(ir, input.previous, { allowDestructive: input.allowDestructive === true, allowBreaking: input.allowBreaking === true });
  diagnostics.push(...onceEachHint(planned.diagnostics));
  if (hasErrors(diagnostics)) return stop(ir);
  const files = await emitAll({
    ir,
    templates: input.templates,
    migrations: planned.plan,
    previousClientSchema: input.previousClientSchema,
    customRoutes: custom,
  });
  return { ir, files, scaffold: emitHookSkeletons(ir, input.outName), diagnostics, notes: front.notes };
}

/** A hint shared by several diagnostics (SF502's, SF503's) kept only on the last of them: printed once, after them. */
function onceEachHint(list: readonly Diagnostic[]): Diagnostic[] {
  return list.map((d, i) => {
    if (!d.hint || !list.slice(i + 1).some((e) => e.hint === d.hint)) return d;
    const { hint: _, ...rest } = d;
    return rest;
  });
}
