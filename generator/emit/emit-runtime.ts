// Copies the hand-written runtime (templates/runtime) into the generated app verbatim,
// behind the generated-file header, so generated/ imports nothing outside itself.
import { tsHeader, type FileMap } from "./common.js";

export function emitRuntime(templates: ReadonlyMap<string, string>): FileMap {
  const files: FileMap = new Map();
  for (const [name, text] of [...templates.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    files.set(`runtime/${name}`, tsHeader(`templates/runtime/${name}`) + text);
  }
  return files;
}
