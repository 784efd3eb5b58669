// The front of the pipeline: read -> parse -> build -> validate. What the CLI and the
// emitters call; `ir` is null exactly when there is an error diagnostic.
import { bareCondition } from "./ir/build-column.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./base/diagnostics.js";
import type { BuildOptions, Note } from "./ir/build-context.js";
import { buildIr } from "./ir/build-ir.js";
import { interpretConstraint, readsWhole } from "./ir/constraints.js";
import type { IR } from "./ir/types.js";
import { validateIr } from "./ir/validate-ir.js";
import { parseCodeFile, parseMarkdown } from "./parse/parse-markdown.js";
import { parseYaml } from "./parse/parse-yaml.js";
import type { RawSpec } from "./parse/raw.js";
import type { Span } from "./ir/types.js";
import { readSpecs, type IgnoredFile, type ReadSpecsResult, type SpecFile } from "./read/read-specs.js";

export type { Note } from "./ir/build-context.js";

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
  readonly firstCandidate?: Span;
  readonly endpointLike?: Span;
}

/** Whether a text reads as a rule for a column: the Markdown reader asks, the IR builder's constraint reader knows. */
export function isRulePhrase(text: string): boolean {
  return readsWhole(interpretConstraint(text));
}

export async function parseSpecFile(file: SpecFile): Promise<ParsedFile> {
  if (file.format === "markdown") return parseMarkdown(file.text, file.path, file.kind, { isRulePhrase });
  if (file.format === "code") return parseCodeFile(file.text, file.path, file.kind, file.lang ?? "", { isRulePhrase });
  if (file.format === "openapi") {
    // An OpenAPI document as the API spec: its operations are the endpoints.
    const { readOpenApi } = await import("./parse/read-openapi.js");
    const r = readOpenApi(file.text, file.path);
    return { raw: { tables: [], indexes: [], endpoints: r.endpoints }, diagnostics: r.diagnostics, notes: r.notes };
  }
  return parseYaml(file.text, file.path, file.kind);
}

/** A line that is an endpoint: a heading, list item or table row starting with a method and a path. */
const ENDPOINT_TEXT = /^\s*(?:#{1,6}\s*(?:\d+(?:\.\d+)*[.)]?\s+)?|[-*]\s*|\|\s*)?`?(?:GET|POST|PUT|PATCH|DELETE)`?\s*\|?\s*`?\/[\w{}:/.-]*/gm;

/**
 * The endpoints a Markdown schema file writes beside its tables, read as an API spec is (null when
 * it writes fewer than two). The parse's diagnostics are left out: the file is the schema's.
 */
async function schemaEndpoints(files: readonly SpecFile[]): Promise<ParsedFile | null> {
  const md = files.filter((f) => f.format === "markdown" && (f.text.match(ENDPOINT_TEXT) ?? []).length >= 2);
  if (md.length === 0) return null;
  return joinParts(await Promise.all(md.map((f) => parseSpecFile({ ...f, kind: "api" }))));
}

/** Several files read as one spec (feature folders, a contracts/ folder): their raw shapes in order. */
function joinParts(parts: readonly ParsedFile[]): ParsedFile {
  if (parts.length === 1) return parts[0]!;
  const raws = parts.map((p) => p.raw);
  const enums = raws.flatMap((r) => r.enums ?? []);
  const valueObjects = raws.flatMap((r) => r.valueObjects ?? []);
  const authMode = raws.find((r) => r.authMode)?.authMode;
  const rls = raws.find((r) => r.rowLevelSecurity !== undefined)?.rowLevelSecurity;
  const firstCandidate = parts.find((p) => p.firstCandidate)?.firstCandidate;
  const endpointLike = parts.find((p) => p.endpointLike)?.endpointLike;
  return {
    raw: {
      tables: raws.flatMap((r) => r.tables),
      indexes: raws.flatMap((r) => r.indexes),
      endpoints: raws.flatMap((r) => r.endpoints),
      ...(enums.length ? { enums } : {}),
      ...(valueObjects.length ? { valueObjects } : {}),
      ...(authMode ? { authMode } : {}),
      ...(rls !== undefined ? { rowLevelSecurity: rls } : {}),
    },
    diagnostics: parts.flatMap((p) => p.diagnostics),
    notes: parts.flatMap((p) => p.notes),
    ...(firstCandidate ? { firstCandidate } : {}),
    ...(endpointLike ? { endpointLike } : {}),
  };
}

/**
 * Parse, build and validate spec texts already read (used by loadSpecs and by tests). `more`
 * holds further parts of each spec (ReadSpecsResult.more), read after the first in order.
 */
export async function loadSpecFiles(schema: SpecFile, api: SpecFile | null, more?: ReadSpecsResult["more"]): Promise<FrontResult> {
  const diagnostics: Diagnostic[] = [];
  const notes: Note[] = [];
  const s = joinParts(await Promise.all([schema, ...(more?.schema ?? [])].map(parseSpecFile)));
  diagnostics.push(...s.diagnostics);
  notes.push(...s.notes);
  let a = api ? joinParts(await Promise.all([api, ...(more?.api ?? [])].map(parseSpecFile))) : null;
  if (a) {
    diagnostics.push(...a.diagnostics);
    notes.push(...a.notes);
  }
  // Endpoints written in the schema's own file ("## Endpoints" under the tables, one document for
  // both): read as the API's too, after the API file's own (a route both write is the API file's).
  const inSchema = await schemaEndpoints([schema, ...(more?.schema ?? [])]);
  let apiSource = api?.path ?? null;
  if (inSchema && inSchema.raw.endpoints.length > 0) {
    const key = (e: { method: { text: string }; path: { text: string } }) => `${e.method.text.toUpperCase()} ${e.path.text}`;
    const have = new Set((a?.raw.endpoints ?? []).map(key));
    const extra = inSchema.raw.endpoints.filter((e) => !have.has(key(e)));
    if (extra.length > 0) {
      notes.push(...inSchema.notes, { span: extra[0]!.method.span, message: `${extra.length} endpoint${extra.length > 1 ? "s" : ""} written in the schema spec ${schema.path} read as the API's${api ? ` too (beside ${api.path})` : ""}` });
      a = a ? { ...a, raw: { ...a.raw, endpoints: [...a.raw.endpoints, ...extra] } } : { ...inSchema, diagnostics: [], raw: { ...inSchema.raw, tables: [], endpoints: extra } };
      apiSource ??= schema.path;
    }
  }
  const raw: RawSpec = {
    // Rules the API spec writes for tables (zod schemas, Pydantic bodies) join the schema's tables.
    tables: [...s.raw.tables, ...(a ? a.raw.tables.filter((t) => t.fragment) : [])],
    indexes: s.raw.indexes,
    endpoints: a ? a.raw.endpoints : [],
    ...(s.raw.enums?.length || a?.raw.enums?.length ? { enums: [...(s.raw.enums ?? []), ...(a?.raw.enums ?? [])] } : {}),
    ...(s.raw.valueObjects?.length ? { valueObjects: s.raw.valueObjects } : {}),
    ...(a?.raw.authMode ? { authMode: a.raw.authMode } : {}),
    ...(s.raw.rowLevelSecurity !== undefined ? { rowLevelSecurity: s.raw.rowLevelSecurity } : {}),
  };
  if (raw.tables.length === 0 && !hasErrors(s.diagnostics)) {
    // Never an app of nothing: a schema in which no table was understood is an error, at what looked like one.
    diagnostics.push({
      severity: "error",
      code: "SF102",
      message: "no table is understood in the schema spec",
      span: s.firstCandidate ?? { file: schema.path, line: 1, column: 1 },
      hint: 'write each table under a heading ("## tasks") with a column table, a bullet list ("- title: varchar(200)"), or a CREATE TABLE / Prisma / Drizzle block; `specforge explain` shows what was read',
    });
  }
  if (api && a && a.raw.endpoints.length === 0 && !hasErrors(a.diagnostics)) {
    // The spec has an endpoints file but none of it was read: the app would silently get the
    // standard REST routes instead, so say so, at what looked like an endpoint when anything did.
    const seen = a.endpointLike;
    diagnostics.push({
      severity: "warning",
      code: "SF200",
      message: seen
        ? "no endpoint is understood in the API spec (this looks like one, but was not read); every table gets the standard REST routes instead"
        : "no endpoints found in the API spec; every table gets the standard REST routes instead",
      span: seen ?? { file: api.path, line: 1, column: 1 },
      hint: 'write each endpoint as a heading ("### GET /api/{user_id}/tasks"), a line or list item of its own ("GET /api/tasks", "- POST /api/tasks — create"), or a table with Method and Path columns',
    });
  }
  // CHECK expressions are read by PostgreSQL's own parser (loaded only when a spec has one).
  let readCheckSql: BuildOptions["readCheckSql"];
  const dialects = checkDialects(raw);
  if (dialects.length) {
    const { loadSqlExpressions, readCheckExpression } = await import("./parse/sql-expression.js");
    await loadSqlExpressions([...new Set<"postgresql" | "mysql" | "sqlite">(["postgresql", ...dialects])]);
    readCheckSql = (text, dialect, column) => readCheckExpression(text, dialect, column);
  }
  const built = buildIr(raw, { schema: schema.path, api: apiSource }, readCheckSql ? { readCheckSql } : {});
  diagnostics.push(...built.diagnostics);
  if (raw.tables.length > 0 && !built.ir.tables.some((t) => !t.addedBy) && !hasErrors(s.diagnostics)) {
    // What was read names tables but defines none (rules for tables no part of the spec writes,
    // request shapes): still an app of nothing, and an error at what looked like a table.
    const named = [...new Set(raw.tables.map((t) => t.name.text))];
    diagnostics.push({
      severity: "error",
      code: "SF102",
      message: `no table is understood in the schema spec: what was read only states rules or shapes for ${named.length === 1 ? "a table" : "tables"} it does not define (${named.slice(0, 5).join(", ")}${named.length > 5 ? ", ..." : ""})`,
      span: s.firstCandidate ?? raw.tables[0]!.name.span,
      hint: 'write each table\'s columns with their types (a column table "| Column | Type |", a bullet list "- title: varchar(200)", or a CREATE TABLE / Prisma / Drizzle block); `specforge explain` shows what was read',
    });
  }
  notes.push(...built.notes);
  diagnostics.push(...validateIr(built.ir));
  const sorted = sortDiagnostics(diagnostics);
  notes.sort((x, y) => (x.span.file < y.span.file ? -1 : x.span.file > y.span.file ? 1 : x.span.line - y.span.line || x.span.column - y.span.column));
  return { ir: hasErrors(sorted) ? null : built.ir, diagnostics: sorted, notes };
}

/**
 * The dialects of the CHECK expressions a spec writes (table CHECKs, "check (...)" phrases, a
 * partial index's WHERE); none: no parser is loaded.
 */
function checkDialects(raw: RawSpec): ("postgresql" | "mysql" | "sqlite")[] {
  const out = new Set<"postgresql" | "mysql" | "sqlite">();
  for (const i of raw.indexes) if (i.where) out.add(i.where.dialect);
  for (const t of raw.tables) {
    for (const i of t.indexes) if (i.where) out.add(i.where.dialect);
    for (const c of t.checks ?? []) if (c.dialect !== "prose") out.add(c.dialect);
    if (t.columns.some((c) => c.constraints.some((p) => /\bcheck\b/i.test(p.text) || bareCondition(p.text, c.name.text)))) out.add("postgresql");
  }
  return [...out];
}

/** The front end over spec files already found and read (readSpecs): reads no disk. */
export async function frontOf(read: ReadSpecsResult): Promise<FrontResult> {
  if (!read.schema) {
    // The API spec found is not read without a schema: said, so that explain lists every file.
    const ignored = read.api ? [...read.ignored, { path: read.api.path, why: "the API spec; not read, since no schema spec was found" }].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)) : read.ignored;
    return { ir: null, diagnostics: sortDiagnostics(read.diagnostics), notes: [], files: { read: [], ignored } };
  }
  const result = await loadSpecFiles(read.schema, read.api, read.more);
  const diagnostics = sortDiagnostics([...read.diagnostics, ...result.diagnostics]);
  const paths = [read.schema.path, ...(read.more?.schema ?? []).map((f) => f.path), ...(read.api ? [read.api.path] : []), ...(read.more?.api ?? []).map((f) => f.path)];
  const files = { read: [...new Set(paths)], ignored: read.ignored };
  return { ir: hasErrors(diagnostics) ? null : result.ir, diagnostics, notes: result.notes, files };
}

/** Find and read the spec files under specsDir, then frontOf. */
export async function loadSpecs(specsDir: string, rootDir: string): Promise<FrontResult> {
  return frontOf(await readSpecs(specsDir, rootDir));
}
