// Copies the hand-written runtime (templates/runtime, the app core and server included) into the generated app verbatim,
// behind the generated-file header, so generated/ imports nothing outside itself.
// The built-in auth module's files go only into apps whose spec asks for it.
import type { IR } from "../ir/types.js";
import { tsHeader, type FileMap } from "./common.js";

const BUILTIN_AUTH_ONLY = new Set(["builtin-auth.ts", "password.ts"]);

export function emitRuntime(templates: ReadonlyMap<string, string>, ir: IR): FileMap {
  const files: FileMap = new Map();
  const builtin = ir.auth.mode === "builtin";
  for (const [name, text] of [...templates.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.includes("/")) continue; // templates/tests/: emitTests copies those
    if (BUILTIN_AUTH_ONLY.has(name) && !builtin) continue;
    files.set(`runtime/${name}`, tsHeader(`templates/runtime/${name}`) + text);
  }
  return files;
}
