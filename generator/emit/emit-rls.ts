// rls.ts of the generated app: the owned tables that get row-level security (runtime/rls.ts),
// or an empty list when the spec says "Row-level security: off".
import type { IR } from "../ir/types.js";
import { str, tsHeader, type FileMap } from "./common.js";

export function emitRls(ir: IR): FileMap {
  const on = ir.rowLevelSecurity !== false;
  const L: string[] = [tsHeader(ir.sources.schema).trimEnd()];
  L.push(`import type { OwnedTable } from "./runtime/rls.js";`);
  L.push(``);
  L.push(on ? `/** Owned tables: each gets ENABLE + FORCE ROW LEVEL SECURITY and a policy on its owner column. */` : `/** Row-level security is off in the spec ("Row-level security: off"). */`);
  L.push(`export const ownedTables: readonly OwnedTable[] = [`);
  if (on) {
    for (const t of ir.tables) {
      if (!t.owner || t.identity) continue;
      const k = t.columns.find((c) => c.name === t.owner)!.type.kind;
      const type = k === "uuid" ? "uuid" : k === "integer" ? "integer" : k === "bigint" ? "bigint" : "text";
      L.push(`  { table: ${str(t.name)}, owner: ${str(t.owner)}, ownerType: ${str(type)} },`);
    }
  }
  L.push(`];`);
  return new Map([["rls.ts", L.join("\n") + "\n"]]);
}
