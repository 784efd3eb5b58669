// Skeletons of the hand-written hook modules, src/hooks/<resource>.ts beside the
// output directory. The writer creates each one only when it is missing and never
// touches it again (the "generation gap": regeneration never loses your code).
import type { IR } from "../ir/types.js";
import { camelCase } from "../ir/naming.js";
import { tableInfo } from "./table-info.js";
import { str, type FileMap } from "./common.js";

/** Where generated/app.ts imports the hook modules from. */
export const HOOKS_FROM_APP = "../src/hooks";

export function hooksVar(stem: string): string {
  return camelCase(`${stem}_hooks`);
}

/** Paths are relative to the parent of the output directory; outName is that directory's name. */
export function emitHookSkeletons(ir: IR, outName: string): FileMap {
  const files: FileMap = new Map();
  for (const t of ir.tables) {
    const eps = ir.endpoints.filter((e) => e.table === t.name);
    if (eps.length === 0) continue;
    const info = tableInfo(ir, t);
    const actions = [...new Set(eps.map((e) => e.action.kind))];
    const cap = (a: string) => a[0]!.toUpperCase() + a.slice(1);
    const L = [
      `// Hooks for ${str(t.name)}: your code. specforge created this file once and never overwrites it.`,
      `// Each hook runs inside the generated route, after the token was checked:`,
      `// before<Action>(event) runs first (throw an HttpProblem to refuse the request);`,
      `// after<Action>(event, result) gets the response body and may return a replacement.`,
      `// Actions of this resource: ${actions.join(", ")}.`,
      `// To refuse: import { HttpProblem } from "../../${outName}/runtime/errors.js"; throw new HttpProblem(403, "why");`,
      `import type { ResourceHooks } from "../../${outName}/runtime/hooks.js";`,
      `import type { ${info.model} } from "../../${outName}/models/${info.stem}.js";`,
      ``,
      `export const hooks: ResourceHooks<${info.model}> = {`,
      ...actions.flatMap((a) => [`  // async before${cap(a)}({ ctx, userId }) {},`]),
      `};`,
      ``,
    ];
    files.set(`src/hooks/${info.stem}.ts`, L.join("\n"));
  }
  return files;
}
