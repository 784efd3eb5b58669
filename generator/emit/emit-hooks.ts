// Skeletons of the hand-written hook modules, src/hooks/<resource>.ts beside the
// output directory. The writer creates each one only when it is missing and never
// touches it again (the "generation gap": regeneration never loses your code).
import type { IR } from "../ir/types.js";
import { existsSync, readdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { camelCase, fileStem } from "../base/naming.js";
import { tableInfo } from "./table-info.js";
import { key, str, type FileMap } from "./common.js";
import { modelName } from "../base/naming.js";
import { relationsOfTable } from "./route-specs.js";

/** The hook action (runtime/hooks.ts) a generated action runs; none for stubs. */
function hookActionOf(kind: string): string | null {
  if (kind === "relation-list") return "related";
  if (kind === "relation-add") return "attach";
  if (kind === "relation-remove") return "detach";
  return kind === "stub" ? null : kind;
}

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
    // What the routes answer with: the row with its embedded relations (owned tables embed their many-to-many relations).
    const embedded = t.owner ? relationsOfTable(ir, t.name) : [];
    const targets = [...new Set(embedded.map((r) => r.target))].sort();
    const rowType = embedded.length ? `${info.model}Row & { ${embedded.map((r) => `${key(r.name)}: ${modelName(r.target)}Row[]`).join("; ")} }` : `${info.model}Row`;
    const lists = eps.filter((e) => e.action.kind === "list");
    // A list answers with its rows, or with the spec's envelope around them.
    const listType = lists.some((e) => e.list?.envelope) ? `{ [field: string]: unknown }` : `${info.model}[]`;
    const out = `../../${outName}`;
    const L = [
      `// Hooks for ${str(t.name)}: your code. specforge created this file once and never overwrites it.`,
      `// Each hook runs inside the generated route, after the token, path and body checks:`,
      `// before<Action>(event) runs first (throw an HttpProblem to refuse; create/replace/update may return a changed input, validated again);`,
      `// after<Action>(event, result) gets the response body and may return a replacement.`,
      `// event.db is this request's transaction and event.models the models on it: only the caller's rows.`,
      `// Actions of this resource: ${[...new Set(eps.map((e) => hookActionOf(e.action.kind)).filter(Boolean))].join(", ")}.`,
      `// To refuse: import { HttpProblem } from "${out}/runtime/errors.js"; throw new HttpProblem(403, "why");`,
      `import type { ResourceHooks } from "${out}/runtime/hooks.js";`,
      `import type * as models from "${out}/models/index.js";`,
      `import type { ${info.model}Row, ${info.model}Create } from "${out}/schemas/${info.stem}.js";`,
      ...targets.filter((n) => n !== t.name).map((n) => `import type { ${modelName(n)}Row } from "${out}/schemas/${fileStem(n)}.js";`),
      ``,
      `/** A row as the routes answer with it. */`,
      `type ${info.model} = ${rowType};`,
      ``,
      `export const hooks: ResourceHooks<${info.model}, ${listType}, ${info.model}Create, typeof models> = {`,
      ...actions.flatMap((a) => (hookActionOf(a) ? [`  // async before${cap(hookActionOf(a)!)}({ ctx, userId, db, models }) {},`] : [])),
      `};`,
      ``,
    ];
    files.set(`src/hooks/${info.stem}.ts`, L.join("\n"));
  }
  return files;
}

/** A hook file to move because its table was renamed (renamed_from): src/hooks/<old>.ts -> src/hooks/<new>.ts. */
export interface HookMove {
  readonly from: string;
  readonly to: string;
  readonly table: string;
  readonly oldName: string;
}

const HOOKS_DIR = "src/hooks";

/** The hook files of renamed tables that still sit under the old name (and none under the new one yet). */
export function plannedHookMoves(ir: IR, projectDir: string): HookMove[] {
  const moves: HookMove[] = [];
  for (const t of ir.tables) {
    if (!t.renamedFrom || !ir.endpoints.some((e) => e.table === t.name)) continue;
    const from = `${HOOKS_DIR}/${fileStem(t.renamedFrom)}.ts`;
    const to = `${HOOKS_DIR}/${tableInfo(ir, t).stem}.ts`;
    if (from !== to && existsSync(join(projectDir, from)) && !existsSync(join(projectDir, to))) moves.push({ from, to, table: t.name, oldName: t.renamedFrom });
  }
  return moves;
}

/** Moves the hook files of renamed tables to their new names: the code keeps running (generated/app.ts imports the new name). */
export function moveRenamedHooks(ir: IR, projectDir: string): HookMove[] {
  const moves = plannedHookMoves(ir, projectDir);
  for (const m of moves) renameSync(join(projectDir, m.from), join(projectDir, m.to));
  return moves;
}

/** Hook files in src/hooks/ that no table with routes uses: generated/app.ts does not import them, so their code never runs. */
export function orphanHooks(ir: IR, projectDir: string): string[] {
  const dir = join(projectDir, HOOKS_DIR);
  if (!existsSync(dir)) return [];
  const used = new Set(ir.tables.filter((t) => ir.endpoints.some((e) => e.table === t.name)).map((t) => `${tableInfo(ir, t).stem}.ts`));
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts") && !used.has(f))
    .sort()
    .map((f) => `${HOOKS_DIR}/${f}`);
}
