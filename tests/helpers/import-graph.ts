// The generator's import graph, read with TypeScript's own pre-processor (static imports,
// `export … from`, `import()` with a literal; text inside template strings is not code), for
// the architecture test: which file imports which, its cycles, and imports that point up.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** file -> the files it imports (paths relative to the root, forward slashes). */
export type ImportGraph = Map<string, string[]>;

const SOURCE = /\.(ts|mts|mjs)$/;

function sources(root: string, dir: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(root, p).split("\\").join("/");
      if (skip.some((s) => rel === s || rel.startsWith(`${s}/`))) continue;
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name) && !e.name.endsWith(".d.mts")) out.push(rel);
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The file a relative specifier names: "./x.js" is ./x.ts in the sources. */
function target(root: string, from: string, spec: string): string | null {
  const abs = resolve(root, dirname(from), spec);
  for (const c of [abs.replace(/\.js$/, ".ts"), abs.replace(/\.mjs$/, ".mts"), abs, `${abs}.ts`]) if (existsSync(c)) return relative(root, c).split("\\").join("/");
  return null;
}

/** The imports among the source files under `dir` (imports of files outside it are kept too). */
export function importGraph(root: string, dir: string, skip: readonly string[] = []): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sources(root, dir, skip)) {
    const info = ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true);
    const to = new Set<string>();
    for (const imp of info.importedFiles) {
      if (!imp.fileName.startsWith(".")) continue;
      const t = target(root, file, imp.fileName);
      if (t) to.add(t);
    }
    graph.set(file, [...to].sort());
  }
  return graph;
}

/** Every cycle as its strongly connected component (Tarjan), files sorted; a file importing itself counts. */
export function cycles(graph: ImportGraph): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

/** Imports from a file into a file of a higher layer: "from (layer) -> to (layer)". */
export function upwardImports(graph: ImportGraph, layerOf: (file: string) => { readonly name: string; readonly rank: number } | null): string[] {
  const out: string[] = [];
  for (const [from, tos] of graph) {
    const a = layerOf(from);
    if (!a) continue;
    for (const to of tos) {
      const b = layerOf(to);
      if (b && b.rank > a.rank) out.push(`${from} (${a.name}) -> ${to} (${b.name})`);
    }
  }
  return out.sort();
}
