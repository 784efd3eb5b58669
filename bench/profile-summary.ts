// Summarises a V8 .cpuprofile (node --cpu-prof): self time by package / file and the top functions.
// Run: npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [fn1,fn2,...]
// The optional third argument lists functions whose inclusive time (with all they call) is
// shown too, e.g. loadSpecs,emitAll,diffOutput for the phases of a generate or check.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error("usage: profile-summary <file.cpuprofile> [top]");
const top = Number(process.argv[3] ?? 25);
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

// generator/dist/specforge.js (the bundled generator): esbuild marks where each module starts
// with a "// path" comment line; attribute a sample to the module its line falls in.
const bundles = new Map<string, { line: number; module: string }[]>();
function bundleModule(url: string, line: number): string | null {
  if (!/\/generator\/dist\/specforge\.js$/.test(url)) return null;
  let marks = bundles.get(url);
  if (!marks) {
    marks = [];
    const lines = readFileSync(fileURLToPath(url), "utf8").split("\n");
    lines.forEach((l, i) => {
      const m = /^\/\/ ((?:node_modules|generator|templates)\/\S+)$/.exec(l);
      if (m) marks!.push({ line: i, module: m[1]! });
    });
    bundles.set(url, marks);
  }
  let found = "generator/dist/specforge.js";
  for (const m of marks) {
    if (m.line > line) break;
    found = m.module;
  }
  return found;
}

function where(url: string, line = 0): string {
  if (!url) return "(native/vm)";
  const bundled = bundleModule(url, line);
  if (bundled) return where(bundled.startsWith("node_modules/") ? `/${bundled}` : bundled);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return url;
  const g = /\/(generated\/[^?]+|generator\/[^?]+|src\/[^?]+|bench\/[^?]+|templates\/[^?]+)/.exec(url);
  return g ? g[1]! : url;
}

const byPkg = new Map<string, number>();
const byFn = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const pkg = n.callFrame.functionName === "(garbage collector)" ? "(gc)" : n.callFrame.functionName === "(idle)" ? "(idle)" : where(n.callFrame.url, n.callFrame.lineNumber);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
  const fn = `${n.callFrame.functionName || "(anonymous)"} ${where(n.callFrame.url, n.callFrame.lineNumber)}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
}
const idle = byPkg.get("(idle)") ?? 0;
const busy = total - idle;
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled; shares of busy time:`);
console.log("\nby package/file:");
for (const [k, us] of [...byPkg].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);
console.log("\ntop functions (self):");
for (const [k, us] of [...byFn].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${k}`);

const inclusive = (process.argv[4] ?? "").split(",").filter(Boolean);
if (inclusive.length) {
  // Inclusive time of a function: its nodes' subtrees, not counting a subtree twice when it recurses.
  const totalOf = new Map<number, number>();
  const sub = (id: number): number => {
    const known = totalOf.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + sub(c), 0);
    totalOf.set(id, t);
    return t;
  };
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  console.log("\ninclusive:");
  for (const name of inclusive) {
    let us = 0;
    for (const n of p.nodes) {
      if (n.callFrame.functionName !== name) continue;
      let up = parent.get(n.id);
      let nested = false;
      while (up !== undefined && !nested) {
        nested = byId.get(up)!.callFrame.functionName === name;
        up = parent.get(up);
      }
      if (!nested) us += sub(n.id);
    }
    console.log(`${pct(us)}  ${(us / 1e3).toFixed(0).padStart(6)} ms  ${name}`);
  }
}
