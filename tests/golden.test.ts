// Golden cases: each folder under tests/golden/ holds input specs and either the whole
// expected output tree (expected/) or the expected diagnostics (diagnostics.txt).
// UPDATE_GOLDEN=1 rewrites them. Missing or extra files fail.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { buildOutput } from "../generator/cli.js";
import { MANIFEST, manifestOf } from "../generator/write/write-files.js";

const ROOT = join(import.meta.dirname, "..");
const GOLDEN = join(import.meta.dirname, "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

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

const cases = existsSync(GOLDEN) ? readdirSync(GOLDEN).filter((n) => existsSync(join(GOLDEN, n, "specs"))).sort() : [];

describe("golden cases", () => {
  it("exist", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = join(GOLDEN, name);
      const expectedDir = join(caseDir, "expected");
      // A fresh output dir: golden cases always start from no previous migrations.
      const r = await generate(caseDir, join(caseDir, "no-previous-output"));
      const diagFile = join(caseDir, "diagnostics.txt");
      if (UPDATE) {
        writeFileSync(diagFile, r.diagnostics);
        rmSync(expectedDir, { recursive: true, force: true });
        if (r.files) {
          for (const [p, t] of r.files) {
            mkdirSync(dirname(join(expectedDir, p)), { recursive: true });
            writeFileSync(join(expectedDir, p), t);
          }
          writeFileSync(join(expectedDir, MANIFEST), manifestOf(r.files));
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
        return;
      }
      const want = listFiles(expectedDir);
      const got = [...r.files.keys(), MANIFEST].sort();
      expect(got).toEqual(want);
      for (const [p, t] of r.files) expect(t, p).toBe(readFileSync(join(expectedDir, p), "utf8"));
      // The hook skeletons the expected app.ts imports.
      expect(listFiles(join(caseDir, "src")).map((p) => `src/${p}`)).toEqual([...(r.scaffold ?? new Map()).keys()].sort());
      for (const [p, t] of r.scaffold ?? []) expect(t, p).toBe(readFileSync(join(caseDir, p), "utf8"));

      // Same specs, same bytes.
      const again = await generate(caseDir, join(caseDir, "no-previous-output"));
      expect([...again.files!.entries()]).toEqual([...r.files.entries()]);
    });
  }
});
