// The generator's layers point only down, and no file imports itself around a cycle
// (docs/architecture.md). Each generator source file belongs to one layer; an import may name
// a file of its own layer or a lower one. The graph is read with TypeScript's pre-processor.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, importGraph, upwardImports, type ImportGraph } from "../helpers/import-graph.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** Lowest first. A prefix ending in "/" is a folder; any other names one file. */
export const LAYERS: readonly { readonly name: string; readonly paths: readonly string[] }[] = [
  { name: "base", paths: ["generator/base/"] },
  { name: "input", paths: ["generator/parse/", "generator/read/"] },
  { name: "ir", paths: ["generator/ir/"] },
  { name: "plan", paths: ["generator/plan/"] },
  { name: "emit", paths: ["generator/emit/"] },
  { name: "write", paths: ["generator/write/"] },
  { name: "pipeline", paths: ["generator/front.ts", "generator/generate.ts", "generator/inputs.ts", "generator/explain.ts", "generator/canonical.ts"] },
  { name: "commands", paths: ["generator/cli.ts", "generator/cli-help.ts", "generator/command-io.ts", "generator/generate-command.ts", "generator/color.ts", "generator/watch.ts", "generator/check/", "generator/init.ts", "generator/dev-token.ts", "generator/bin/", "generator/build-dist.mjs"] },
];

function layerOf(file: string): { name: string; rank: number } | null {
  for (const [rank, l] of LAYERS.entries()) if (l.paths.some((p) => (p.endsWith("/") ? file.startsWith(p) : file === p))) return { name: l.name, rank };
  return null;
}

describe("the checks themselves", () => {
  const g: ImportGraph = new Map([
    ["a.ts", ["b.ts"]],
    ["b.ts", ["c.ts"]],
    ["c.ts", ["a.ts"]],
    ["d.ts", ["d.ts"]],
    ["e.ts", ["a.ts"]],
  ]);
  it("find a cycle through three files and a file importing itself", () => {
    expect(cycles(g)).toEqual([["a.ts", "b.ts", "c.ts"], ["d.ts"]]);
  });
  it("find an import that points up", () => {
    const rank: Record<string, number> = { "a.ts": 0, "b.ts": 1, "c.ts": 1, "d.ts": 0, "e.ts": 2 };
    expect(upwardImports(g, (f) => ({ name: `L${rank[f]}`, rank: rank[f]! }))).toEqual(["a.ts (L0) -> b.ts (L1)"]);
  });
});

describe("generator architecture", () => {
  const graph = importGraph(ROOT, "generator", ["generator/dist"]);

  it("reads the generator's files and their imports", () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get("generator/generate.ts")).toContain("generator/front.ts");
  });

  it("places every generator file in a layer", () => {
    expect([...graph.keys()].filter((f) => !layerOf(f))).toEqual([]);
  });

  it("has no import cycle", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no import from a lower layer into a higher one", () => {
    expect(upwardImports(graph, layerOf)).toEqual([]);
  });
});

describe("runtime templates", () => {
  it("have no import cycle", () => {
    const graph = importGraph(ROOT, "templates");
    expect(graph.size).toBeGreaterThan(10);
    expect(cycles(graph)).toEqual([]);
  });
});
