// rls.ts of the generated app: the owned and scoped tables that get row-level security
// (runtime/rls.ts), or an empty list when the spec says "Row-level security: off".
import type { IR } from "../ir/types.js";
import { str, tsHeader, type FileMap } from "./common.js";
import { rlsEntry } from "./route-specs.js";

export function emitRls(ir: IR): FileMap {
  const on = ir.rowLevelSecurity !== false;
  const entries = on ? ir.tables.map((t) => rlsEntry(ir, t)).filter((e): e is Record<string, unknown> => e !== null) : [];
  const scoped = entries.some((e) => e.scope);
  const L: string[] = [tsHeader(ir.sources.schema).trimEnd()];
  L.push(`import type { OwnedTable } from "./runtime/rls.js";`);
  L.push(``);
  if (!on) L.push(`/** Row-level security is off in the spec ("Row-level security: off"). */`);
  else if (!scoped) L.push(`/** Owned tables: each gets ENABLE + FORCE ROW LEVEL SECURITY and a policy on its owner column. */`);
  else L.push(`/** Owned and scoped tables: each gets ENABLE + FORCE ROW LEVEL SECURITY and a policy on its owner column, or on its scope (the same condition its queries carry). */`);
  L.push(`export const ownedTables: readonly OwnedTable[] = [`);
  for (const e of entries) {
    if (e.owner) L.push(`  { table: ${str(String(e.table))}, owner: ${str(String(e.owner))}, ownerType: ${str(String(e.ownerType))}${e.readers ? `, readers: ${JSON.stringify(e.readers)}` : ""}${e.fellows ? `, fellows: ${str(String(e.fellows))}` : ""}${e.manage ? `, manage: ${JSON.stringify(e.manage)}` : ""} },`);
    else L.push(`  { table: ${str(String(e.table))}, scope: ${JSON.stringify(e.scope)}, ownerType: ${str(String(e.ownerType))}${e.openInsert ? ", openInsert: true" : ""} },`);
  }
  L.push(`];`);
  return new Map([["rls.ts", L.join("\n") + "\n"]]);
}
