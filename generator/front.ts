// The front of the pipeline: read -> parse -> build -> validate. What the CLI and the
// emitters call; `ir` is null exactly when there is an error diagnostic.
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics.js";
import { buildIr, type Note } from "./ir/build-ir.js";
import type { IR } from "./ir/types.js";
import { validateIr } from "./ir/validate-ir.js";
import { parseMarkdown } from "./parse/parse-markdown.js";
import { parseYaml } from "./parse/parse-yaml.js";
import type { RawSpec } from "./parse/raw.js";
import { readSpecs, type IgnoredFile, type SpecFile } from "./read/read-specs.js";

export type { Note } from "./ir/build-ir.js";

export interface FrontResult {
  readonly ir: IR | null;
  readonly diagnostics: Diagnostic[];
  readonly notes: Note[];
  /** The spec files read, and the candidates not read with the reason (for explain). */
  readonly files?: { readonly read: readonly string[]; readonly ignored: readonly IgnoredFile[] };
}

export interface ParsedFile {
  readonly raw: RawSpec;
  readonly diagnostics: Diagnostic[];
  readonly notes: Note[];
}

export async function parseSpecFile(file: SpecFile): Promise<ParsedFile> {
  if (file.format === "markdown") return parseMarkdown(file.text, file.path, file.kind);
  return parseYaml(file.text, file.path, file.kind);
}

/** Parse, build and validate spec texts already read (used by loadSpecs and by tests). */
export async function loadSpecFiles(schema: SpecFile, api: SpecFile | null): Promise<FrontResult> {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const s = await parseSpecFile(schema);
  diagnostics.push(...s.diagnostics);
  notes.push(...s.notes);
  const a = api ? await parseSpecFile(api) : null;
  if (a) {
    diagnostics.push(...a.diagnostics);
    notes.push(...a.notes);
  }
  const raw: RawSpec = {
    tables: s.raw.tables,
    indexes: s.raw.indexes,
    endpoints: a ? a.raw.endpoints : [],
    ...(a?.raw.authMode ? { authMode: a.raw.authMode } : {}),
  };
  if (raw.tables.length === 0 && !hasErrors(s.diagnostics)) {
    diagnostics.push({
      severity: "warning",
      code: "SF102",
      message: "no tables found in the schema spec",
      span: { file: schema.path, line: 1, column: 1 },
      hint: 'write each table under a heading ("## tasks") with a column table, a bullet list or a CREATE TABLE block',
    });
  }
  if (api && a && a.raw.endpoints.length === 0 && !hasErrors(a.diagnostics)) {
    diagnostics.push({
      severity: "warning",
      code: "SF200",
      message: "no endpoints found in the API spec",
      span: { file: api.path, line: 1, column: 1 },
      hint: 'write each endpoint as a heading ("### GET /api/{user_id}/tasks") or a table with Method and Endpoint columns',
    });
  }
  const built = buildIr(raw, { schema: schema.path, api: api?.path ?? null });
  diagnostics.push(...built.diagnostics);
  notes.push(...built.notes);
  diagnostics.push(...validateIr(built.ir));
  const sorted = sortDiagnostics(diagnostics);
  notes.sort((x, y) => (x.span.file < y.span.file ? -1 : x.span.file > y.span.file ? 1 : x.span.line - y.span.line || x.span.column - y.span.column));
  return { ir: hasErrors(sorted) ? null : built.ir, diagnostics: sorted, notes };
}

export async function loadSpecs(specsDir: string, rootDir: string): Promise<FrontResult> {
  const read = await readSpecs(specsDir, rootDir);
  if (!read.schema) return { ir: null, diagnostics: sortDiagnostics(read.diagnostics), notes: [], files: { read: [], ignored: read.ignored } };
  const result = await loadSpecFiles(read.schema, read.api);
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  const files = { read: [read.schema.path, ...(read.api ? [read.api.path] : [])], ignored: read.ignored };
  return { ir: hasErrors(diagnostics) ? null : result.ir, diagnostics, notes: result.notes, files };
}
