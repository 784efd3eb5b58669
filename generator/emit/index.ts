// All emitters together: IR and migration plan in, a map of relative path -> contents out. Pure.
import type { IR } from "../ir/types.js";
import { sortedByPath, type FileMap } from "./common.js";
import { emitSchemas } from "./emit-schemas.js";
import { emitModels } from "./emit-models.js";
import { emitMigrations } from "./emit-migrations.js";
import type { PlannedMigrations } from "../plan/plan.js";
import { emitRoutes } from "./emit-routes.js";
import { emitApp } from "./emit-app.js";
import { emitOpenApi } from "./emit-openapi.js";
import { emitRuntime } from "./emit-runtime.js";
import { emitErd } from "./emit-erd.js";
import { emitClient } from "./emit-client.js";
import { emitRls } from "./emit-rls.js";
import { emitTests } from "./emit-tests.js";
import type { CustomRouteDecl } from "../read/read-custom-routes.js";

export interface EmitInput {
  readonly ir: IR;
  /** templates/runtime/*.ts by file name. */
  readonly templates: ReadonlyMap<string, string>;
  /** The migrations: those committed and the next one (plan/plan.ts planMigrations). */
  readonly migrations: PlannedMigrations;
  /** The current client/schema.ts, reused when the OpenAPI document is unchanged (a cache only). */
  readonly previousClientSchema?: string | null;
  /** Custom routes read from src/routes/ (read/read-custom-routes.ts), in file-name order. */
  readonly customRoutes?: readonly CustomRouteDecl[];
}

/**
 * A custom route on the method and path of a route the generator could only stub (501)
 * implements it: the stub is left out everywhere, and the custom route takes its place.
 */
export function replaceStubs(ir: IR, custom: readonly CustomRouteDecl[]): IR {
  const shape = (method: string, path: string) => `${method.toLowerCase()} ${path.replace(/\{[^}]*\}/g, "{}")}`;
  const written = new Set(custom.map((r) => shape(r.method, r.path)));
  if (!written.size) return ir;
  const unmapped = (ir.unmapped ?? []).filter((u) => !written.has(shape(u.method, u.path)));
  const { unmapped: _all, ...rest } = ir;
  return { ...rest, endpoints: ir.endpoints.filter((e) => e.action.kind !== "stub" || !written.has(shape(e.method, e.path))), ...(unmapped.length ? { unmapped } : {}) };
}

export async function emitAll(input: EmitInput): Promise<FileMap> {
  const all: FileMap = new Map();
  const add = (part: FileMap) => {
    for (const [path, text] of part) {
      if (all.has(path)) throw new Error(`internal: two emitters wrote ${path}`);
      all.set(path, text);
    }
  };
  const custom = input.customRoutes ?? [];
  const ir = replaceStubs(input.ir, custom);
  // The OpenAPI document first: the client types are built from it.
  add(emitOpenApi(ir, custom));
  const openapi = all.get("openapi.json");
  if (openapi !== undefined) add(await emitClient(ir, openapi, input.previousClientSchema ?? null));
  add(emitRuntime(input.templates, ir));
  add(emitSchemas(ir));
  add(emitModels(ir));
  add(emitMigrations(ir, input.migrations));
  add(emitRoutes(ir));
  add(emitApp(ir, custom));
  add(emitErd(ir));
  add(emitRls(ir));
  add(emitTests(ir, input.templates));
  return sortedByPath(all);
}
