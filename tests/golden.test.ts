// Golden cases, two kinds, both rewritten by UPDATE_GOLDEN=1; missing or extra files fail.
//
// Whole apps (tests/golden/<case>/): input specs and either the expected output tree (expected/)
// or the expected diagnostics (diagnostics.txt). Files copied verbatim from templates/ (the
// runtime, the tests' harness core) are not stored: templates.sha256 lists each with the hash of
// its emitted text, and the test checks that text is the template's.
//
// Single features (tests/golden/features/<feature>/, sqlc style): specs/, diagnostics.txt,
// ir.json (what `specforge ir` prints; absent when the specs do not build), and in expected/
// only the generated files the feature touches: those files.txt names (one glob a line, `*`
// within a path segment). Every generated file a glob matches is stored, no other.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOutput } from "../generator/cli.js";
import { readTemplates } from "../generator/read/read-output.js";
import { MANIFEST, manifestOf } from "../generator/write/write-files.js";

const ROOT = join(import.meta.dirname, "..");
const GOLDEN = join(import.meta.dirname, "golden");
const FEATURES = join(GOLDEN, "features");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const HASHES = "templates.sha256";

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p).split("\\").join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

async function generate(caseDir: string, outDir: string) {
  const errs: string[] = [];
  const io = { out: () => {}, err: (s: string) => errs.push(s) };
  // outName: the hook skeletons (written beside expected/) import from "../../expected/...".
  const r = await buildOutput(join(caseDir, "specs"), outDir, ROOT, io, { outName: "expected" });
  return { ...r, diagnostics: errs.join("") };
}

/** Output path -> template text, for every file the generator copies from templates/. */
const TEMPLATES = new Map([...readTemplates(join(ROOT, "templates"))].map(([name, text]) => [name.includes("/") ? name : `runtime/${name}`, text]));

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const hashList = (files: ReadonlyMap<string, string>) => [...files].map(([p, t]) => `${sha256(t)}  ${p}\n`).join("");

/** Writes `files` under dir (emptied first). */
function writeTree(dir: string, files: Iterable<readonly [string, string]>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [p, t] of files) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
}

/** The stored files under dir equal `files`, no more, no fewer. */
function expectTree(dir: string, files: ReadonlyMap<string, string>): void {
  expect([...files.keys()].sort()).toEqual(listFiles(dir));
  for (const [p, t] of files) expect(t, p).toBe(readFileSync(join(dir, p), "utf8"));
}

const cases = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((n) => existsSync(join(GOLDEN, n, "specs"))).sort() : [];
const features = existsSync(FEATURES) ? readdirSync(FEATURES).filter((n) => existsSync(join(FEATURES, n, "specs"))).sort() : [];

describe("golden cases", () => {
  it("exist", () => {
    expect(cases.length).toBeGreaterThan(0);
    expect(features.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = join(GOLDEN, name);
      const expectedDir = join(caseDir, "expected");
      const hashFile = join(caseDir, HASHES);
      // A fresh output dir: golden cases always start from no previous migrations.
      const r = await generate(caseDir, join(caseDir, "no-previous-output"));
      const diagFile = join(caseDir, "diagnostics.txt");
      const copied = new Map<string, string>();
      const stored = new Map<string, string>();
      for (const [p, t] of r.files ?? []) (TEMPLATES.has(p) ? copied : stored).set(p, t);
      if (r.files) stored.set(MANIFEST, manifestOf(r.files));
      if (UPDATE) {
        writeFileSync(diagFile, r.diagnostics);
        rmSync(expectedDir, { recursive: true, force: true });
        rmSync(hashFile, { force: true });
        if (r.files) {
          writeTree(expectedDir, stored);
          writeFileSync(hashFile, hashList(copied));
        }
        rmSync(join(caseDir, "src"), { recursive: true, force: true });
        for (const [p, t] of r.scaffold ?? []) {
          mkdirSync(dirname(join(caseDir, p)), { recursive: true });
          writeFileSync(join(caseDir, p), t);
        }
      }
      expect(r.diagnostics).toBe(readFileSync(diagFile, "utf8"));
      if (!r.files) {
        expect(existsSync(expectedDir)).toBe(false);
        expect(existsSync(hashFile)).toBe(false);
        return;
      }
      expectTree(expectedDir, stored);
      // The copies: each the template's text behind the generated-file header, with the hash listed.
      for (const [p, t] of copied) expect(t.endsWith(TEMPLATES.get(p)!), p).toBe(true);
      expect(hashList(copied)).toBe(readFileSync(hashFile, "utf8"));
      // The hook skeletons the expected app.ts imports.
      expect(listFiles(join(caseDir, "src")).map((p) => `src/${p}`)).toEqual([...(r.scaffold ?? new Map()).keys()].sort());
      for (const [p, t] of r.scaffold ?? []) expect(t, p).toBe(readFileSync(join(caseDir, p), "utf8"));

      // Same specs, same bytes.
      const again = await generate(caseDir, join(caseDir, "no-previous-output"));
      expect([...again.files!.entries()]).toEqual([...r.files.entries()]);
    });
  }
});

/** A glob of files.txt as a regular expression: `*` stands for any text within one path segment. */
function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*")}$`);
}

describe("golden features", () => {
  for (const name of features) {
    it(name, async () => {
      const caseDir = join(FEATURES, name);
      const expectedDir = join(caseDir, "expected");
      const irFile = join(caseDir, "ir.json");
      const diagFile = join(caseDir, "diagnostics.txt");
      const globs = existsSync(join(caseDir, "files.txt"))
        ? readFileSync(join(caseDir, "files.txt"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"))
        : [];
      const patterns = globs.map(globRegExp);
      const r = await generate(caseDir, join(caseDir, "no-previous-output"));
      const ir = r.ir ? JSON.stringify(r.ir, null, 2) + "\n" : null;
      const stored = new Map([...(r.files ?? [])].filter(([p]) => patterns.some((re) => re.test(p))));
      if (UPDATE) {
        writeFileSync(diagFile, r.diagnostics);
        if (ir === null) rmSync(irFile, { force: true });
        else writeFileSync(irFile, ir);
        writeTree(expectedDir, stored);
      }
      expect(r.diagnostics).toBe(readFileSync(diagFile, "utf8"));
      if (ir === null) expect(existsSync(irFile)).toBe(false);
      else expect(ir).toBe(readFileSync(irFile, "utf8"));
      // Each glob names at least one file: a renamed output does not silently drop out of the case.
      for (const [i, re] of patterns.entries()) expect([...(r.files ?? new Map()).keys()].some((p) => re.test(p)), globs[i]).toBe(true);
      expectTree(expectedDir, stored);
    });
  }
});
