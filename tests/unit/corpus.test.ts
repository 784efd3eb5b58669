// Real specs written by other people (../shared/corpus, read-only): reading them must never
// throw, and every diagnostic must point inside the file it names.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../generator/base/diagnostics.js";
import { loadSpecs } from "../../generator/front.js";

const root = path.resolve(import.meta.dirname, "../..");
const corpus = path.resolve(root, "../shared/corpus");
const folders = existsSync(corpus)
  ? readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
  : [];

describe.skipIf(folders.length === 0)("the spec corpus", () => {
  it.each(folders)("%s reads without throwing", async (folder) => {
    const r = await loadSpecs(path.join(corpus, folder), root);
    for (const d of r.diagnostics) {
      const file = path.resolve(root, d.span.file);
      expect(existsSync(file), formatDiagnostic(d)).toBe(true);
      const lines = readFileSync(file, "utf8").split("\n");
      expect(d.span.line, formatDiagnostic(d)).toBeLessThanOrEqual(lines.length);
      expect(d.span.column, formatDiagnostic(d)).toBeLessThanOrEqual((lines[d.span.line - 1]?.length ?? 0) + 1);
    }
    expect(r.ir === null).toBe(r.diagnostics.some((d) => d.severity === "error"));
  });

  it("summary", async () => {
    const rows: string[] = [];
    let clean = 0;
    for (const folder of folders) {
      const r = await loadSpecs(path.join(corpus, folder), root);
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      if (errors.length === 0) clean++;
      rows.push(`${folder}: ${errors.length} errors, ${r.diagnostics.length - errors.length} warnings, ${r.ir?.tables.length ?? 0} tables, ${r.ir?.endpoints.length ?? 0} endpoints`);
    }
    if (process.env.CORPUS_REPORT) console.log(`${clean}/${folders.length} read with zero errors\n${rows.join("\n")}`);
    // The simple specs of the corpus must keep reading cleanly.
    expect(clean).toBeGreaterThanOrEqual(12);
  });
});
