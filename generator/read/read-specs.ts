// Finds and reads the spec files. The only stage before "emit/write" that touches the disk.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";

export type SpecFormat = "markdown" | "yaml";

export interface SpecFile {
  readonly kind: "schema" | "api";
  readonly format: SpecFormat;
  /** Path relative to the project root, forward slashes: "specs/database/schema.md". */
  readonly path: string;
  readonly text: string;
}

export interface ReadSpecsResult {
  readonly schema: SpecFile | null;
  readonly api: SpecFile | null;
  readonly diagnostics: Diagnostic[];
}

const EXTENSIONS = [".md", ".yaml", ".yml"];

// Preferred layout first; the flat layout (files directly in the specs dir) is accepted too.
const SCHEMA_STEMS = ["database/schema", "schema"];
const API_STEMS = ["api/rest-endpoints", "api/endpoints", "rest-endpoints", "endpoints"];

export function relativePath(rootDir: string, file: string): string {
  return path.relative(rootDir, file).split(path.sep).join("/");
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function find(specsDir: string, stems: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const stem of stems) {
    for (const ext of EXTENSIONS) {
      const p = path.join(specsDir, stem + ext);
      if (await isFile(p)) found.push(p);
    }
  }
  return found;
}

function formatOf(file: string): SpecFormat {
  return file.endsWith(".md") ? "markdown" : "yaml";
}

export async function readSpecs(specsDir: string, rootDir: string): Promise<ReadSpecsResult> {
  const diagnostics: Diagnostic[] = [];
  const pick = async (kind: "schema" | "api", stems: readonly string[]): Promise<SpecFile | null> => {
    const found = await find(specsDir, stems);
    const chosen = found[0];
    if (!chosen) return null;
    for (const other of found.slice(1)) {
      diagnostics.push({
        severity: "warning",
        code: "SF101",
        message: `${kind} spec ${relativePath(rootDir, other)} is ignored: ${relativePath(rootDir, chosen)} is read instead`,
        span: { file: relativePath(rootDir, other), line: 1, column: 1 },
        hint: "keep one spec file of each kind",
      });
    }
    const text = (await readFile(chosen, "utf8")).replace(/^\uFEFF/, "");
    return { kind, format: formatOf(chosen), path: relativePath(rootDir, chosen), text };
  };
  const schema = await pick("schema", SCHEMA_STEMS);
  const api = await pick("api", API_STEMS);
  if (!schema) {
    diagnostics.push({
      severity: "error",
      code: "SF100",
      message: `no schema spec found in ${relativePath(rootDir, specsDir) || "."}`,
      span: { file: relativePath(rootDir, path.join(specsDir, "database/schema.md")), line: 1, column: 1 },
      hint: "write the tables in database/schema.md (or database/schema.yaml)",
    });
  }
  return { schema, api, diagnostics };
}
