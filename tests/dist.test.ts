// The command runs the generator precompiled (generator/dist/specforge.js, built by
// generator/build-dist.mjs): it must write what the TypeScript sources write, and it must
// never run a bundle that no longer matches the sources.
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildDist, freshDist } from "../generator/build-dist.mjs";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "generator", "bin", "specforge.mjs");
const work = mkdtempSync(join(tmpdir(), "specforge-dist-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

describe("the bundled generator", () => {
  it("generates a golden case into an empty directory byte for byte, then checks it in sync", { timeout: 60_000 }, () => {
    const golden = join(ROOT, "tests", "golden", "builtin-auth");
    // Named "expected" like the golden tree, so the hook skeletons import the same path.
    const out = join(work, "case", "expected");
    const run = (cmd: string) => spawnSync(process.execPath, [BIN, cmd, "--specs", join(golden, "specs"), "--out", out], { cwd: ROOT, encoding: "utf8", env: { ...process.env, SPECFORGE_FROM_SOURCE: "" } });
    const diagnostics = readFileSync(join(golden, "diagnostics.txt"), "utf8");
    const g = run("generate");
    expect(g.stderr).toBe(diagnostics);
    expect(g.status).toBe(0);
    expect(freshDist()).not.toBeNull();
    // The golden tree stores the files copied from templates/ by hash only (tests/golden.test.ts).
    const hashed = new Map(readFileSync(join(golden, "templates.sha256"), "utf8").trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const));
    expect(hashed.size).toBeGreaterThan(10);
    expect(files(out)).toEqual([...files(join(golden, "expected")), ...hashed.keys()].sort());
    for (const f of files(out)) {
      const text = readFileSync(join(out, f), "utf8");
      if (hashed.has(f)) expect(createHash("sha256").update(text).digest("hex"), f).toBe(hashed.get(f));
      else expect(text, f).toBe(readFileSync(join(golden, "expected", f), "utf8"));
    }
    const c = run("check");
    expect(c.stderr).toBe(diagnostics);
    expect(c.status).toBe(0);
  });

  it("writes the same with its caches filled; parses again exactly the spec pieces that changed", { timeout: 60_000 }, () => {
    const project = join(work, "cached");
    cpSync(join(ROOT, "specs"), join(project, "specs"), { recursive: true });
    const run = (cmd: string, out: string, env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [BIN, cmd, "--specs", join(project, "specs"), "--out", join(project, out)], { cwd: project, encoding: "utf8", env: { ...process.env, SPECFORGE_FROM_SOURCE: "", SPECFORGE_CACHE: "", ...env } });
    const tree = (out: string) => Object.fromEntries(files(join(project, out)).map((f) => [f, readFileSync(join(project, out, f), "utf8")]));
    // Both into empty directories, so both build the client types.
    expect(run("generate", "a").status).toBe(0); // fills the caches
    expect(run("generate", "b").status).toBe(0); // reads them
    expect(tree("b")).toEqual(tree("a"));
    expect(run("check", "a").stdout).toMatch(/in sync/);
    // An edit in the middle of the schema: its piece is parsed again, the others come from the cache.
    const schema = join(project, "specs", "database", "schema.md");
    const text = readFileSync(schema, "utf8");
    const at = text.indexOf("\n## ", text.length / 2);
    expect(at).toBeGreaterThan(0);
    writeFileSync(schema, `${text.slice(0, at)}\n\nA note added to this section, with a \`code span\`.\n${text.slice(at)}`);
    const cached = run("ir", "c");
    const uncached = run("ir", "c", { SPECFORGE_CACHE: "0" });
    const fromSource = run("ir", "c", { SPECFORGE_FROM_SOURCE: "1" });
    expect(cached.status).toBe(0);
    expect(cached.stdout).toBe(uncached.stdout);
    expect(cached.stdout).toBe(fromSource.stdout);
    expect(cached.stderr).toBe(fromSource.stderr);
  });

  it("writes the client types without loading openapi-typescript (the fast path), the same bytes", { timeout: 60_000 }, () => {
    // --cpu-prof writes one profile per thread, naming every script that ran.
    const project = join(work, "client-types");
    cpSync(join(ROOT, "specs"), join(project, "specs"), { recursive: true });
    // The example's custom routes (their operations are in the client too). A first run reads
    // their declarations with TypeScript and caches them; the profiled run loads neither.
    cpSync(join(ROOT, "src", "routes"), join(project, "src", "routes"), { recursive: true });
    const warm = spawnSync(process.execPath, [BIN, "generate", "--specs", join(project, "specs"), "--out", join(project, "generated")], { cwd: project, encoding: "utf8", env: { ...process.env, SPECFORGE_FROM_SOURCE: "" } });
    expect(warm.status, warm.stderr).toBe(0);
    const dir = join(work, "prof-client-types");
    const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, BIN, "generate", "--specs", join(project, "specs"), "--out", join(project, "generated")], { cwd: project, encoding: "utf8", env: { ...process.env, SPECFORGE_FROM_SOURCE: "" } });
    expect(r.status, r.stderr).toBe(0);
    const profiles = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
    expect(profiles).toHaveLength(1); // one thread
    const urls = new Set((JSON.parse(readFileSync(join(dir, profiles[0]!), "utf8")) as { nodes: { callFrame: { url: string } }[] }).nodes.map((n) => n.callFrame.url));
    expect([...urls].some((u) => u.endsWith("generator/dist/specforge.js"))).toBe(true); // the profile does name scripts
    expect([...urls].filter((u) => /node_modules\/(openapi-typescript|typescript)\//.test(u))).toEqual([]);
    expect(readFileSync(join(project, "generated", "client", "schema.ts"), "utf8")).toBe(readFileSync(join(ROOT, "generated", "client", "schema.ts"), "utf8"));
  });

  it("is stale as soon as a source's text changes, and only then", { timeout: 60_000 }, async () => {
    // A copy of the project's generator, built in place: edits here never touch the real one.
    const root = join(work, "copy");
    cpSync(join(ROOT, "generator"), join(root, "generator"), { recursive: true, filter: (p) => !p.includes(`${join("generator", "dist")}`) });
    cpSync(join(ROOT, "tsconfig.json"), join(root, "tsconfig.json"));
    cpSync(join(ROOT, "templates"), join(root, "templates"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
    expect(freshDist(root)).toBeNull();
    await buildDist(root);
    expect(freshDist(root)).not.toBeNull();
    const naming = join(root, "generator", "base", "naming.ts");
    const text = readFileSync(naming, "utf8");
    utimesSync(naming, new Date(), new Date(Date.now() + 5_000)); // a newer mtime, same text: still fresh
    expect(freshDist(root)).not.toBeNull();
    writeFileSync(naming, text.replace("export function", "export  function"));
    expect(freshDist(root)).toBeNull();
    writeFileSync(naming, text); // back to the text it was built from (but a new mtime)
    expect(freshDist(root)).not.toBeNull();
    writeFileSync(join(root, "tsconfig.json"), readFileSync(join(ROOT, "tsconfig.json"), "utf8") + "\n");
    expect(freshDist(root)).toBeNull();
    await buildDist(root);
    expect(freshDist(root)).not.toBeNull();
    writeFileSync(join(root, "generator", "dist", "specforge.js"), "// not a bundle\n");
    expect(freshDist(root)).toBeNull();
  });

  it("falls back to the sources when the bundle cannot be built", { timeout: 60_000 }, () => {
    const root = join(work, "broken");
    cpSync(join(ROOT, "generator"), join(root, "generator"), { recursive: true, filter: (p) => !p.includes(`${join("generator", "dist")}`) });
    cpSync(join(ROOT, "tsconfig.json"), join(root, "tsconfig.json"));
    cpSync(join(ROOT, "package.json"), join(root, "package.json"));
    cpSync(join(ROOT, "templates"), join(root, "templates"), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
    // A bundling error that tsx does not see: an import of a file that does not exist, in a module only `explain` loads.
    const explain = join(root, "generator", "explain.ts");
    writeFileSync(explain, `import "./no-such-module.js";\n` + readFileSync(explain, "utf8"));
    const r = spawnSync(process.execPath, [join(root, "generator", "bin", "specforge.mjs"), "--help"], { cwd: root, encoding: "utf8", env: { ...process.env, SPECFORGE_FROM_SOURCE: "" } });
    expect(r.stderr).toMatch(/^specforge: note: could not build generator\/dist \(.*no-such-module.*\); running the sources through tsx\n/);
    expect(r.stdout).toMatch(/specforge/);
    expect(freshDist(root)).toBeNull();
    expect(execFileSync("git", ["-C", ROOT, "check-ignore", "generator/dist/specforge.js"], { encoding: "utf8" }).trim()).toBe("generator/dist/specforge.js");
  });
});
