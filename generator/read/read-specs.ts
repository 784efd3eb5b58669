// Finds and reads the spec files. The only stage before "emit/write" that touches the disk.
//
// Teams name their spec files many ways (database/schema.md, data-model.md,
// database-schema.md, api-spec.md, endpoints.md, contracts/openapi.yaml, one folder per
// feature as spec-kit writes them). Every Markdown, YAML and JSON file up to four levels
// under the specs directory is a candidate; its name (and, for files whose name says
// nothing, its first lines) decides whether it is the schema, the API or neither. The best
// candidate of each kind is read, with the files that are parts of the same spec (the same
// name in other feature folders, the other files of a contracts/ folder); the others are
// listed with the reason, for `explain`.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../base/diagnostics.js";
import { isTypeWord } from "../base/type-words.js";
import { blockLanguage } from "../parse/readers.js";

/**
 * markdown and yaml are specforge's own forms; openapi is an OpenAPI 3.x document used as the
 * API spec; code is a schema written as a file of a formal language (schema.sql, schema.prisma,
 * db/schema.ts), read as one block of that language (SpecFile.lang).
 */
export type SpecFormat = "markdown" | "yaml" | "openapi" | "code";

export interface SpecFile {
  readonly kind: "schema" | "api";
  readonly format: SpecFormat;
  /** Path relative to the project root, forward slashes: "specs/database/schema.md". */
  readonly path: string;
  readonly text: string;
  /** A code file's language, as a fence's info string names it ("sql", "prisma", "typescript"). */
  readonly lang?: string;
}

export interface IgnoredFile {
  readonly path: string;
  readonly why: string;
}

export interface ReadSpecsResult {
  readonly schema: SpecFile | null;
  readonly api: SpecFile | null;
  /**
   * Further files read as parts of the same spec, in path order: the same file in another
   * feature folder (spec-kit's specs/001-auth/data-model.md, specs/002-orders/data-model.md),
   * or another file of a contracts/ folder. Absent: one file of each kind.
   */
  readonly more?: { readonly schema: readonly SpecFile[]; readonly api: readonly SpecFile[] };
  /** Candidate files not read, with the reason (shown by `specforge explain`). */
  readonly ignored: readonly IgnoredFile[];
  readonly diagnostics: Diagnostic[];
}

const EXTENSIONS = /\.(md|markdown|ya?ml|json)$/i;
/**
 * Files of the formal languages a schema is also kept in, by extension: the fence info string
 * their text is read as. Only a schema is read from them, and only when the text holds tables
 * in that language (a .ts file of other code is ignored, and explain says why).
 */
const CODE_LANGS: Readonly<Record<string, string>> = {
  sql: "sql", ddl: "sql", psql: "sql", pgsql: "sql", mysql: "sql", sqlite: "sql",
  prisma: "prisma", dbml: "dbml", graphql: "graphql", gql: "graphql", graphqls: "graphql",
  ts: "typescript", mts: "typescript", js: "javascript", mjs: "javascript", py: "python", rb: "ruby",
};
const codeLang = (file: string): string | undefined => CODE_LANGS[/\.([a-z]+)$/i.exec(file)?.[1]?.toLowerCase() ?? ""];
/** A code file's name that says it is the schema ("schema.sql", "db/schema.ts", "models.py", "init.sql"); others rank by content. */
const CODE_SCHEMA_NAME = /(^|\/)(schema|database|db|models?|tables|entities|init|ddl|create[-_]?tables|data[-_]?model)\.[a-z]+$/;
/** Ranks of code files: after every Markdown/YAML name, before a Markdown file guessed by its content. */
const CODE_RANK_BY_NAME = 50;
const CODE_RANK_BY_CONTENT = 60;
const MAX_DEPTH = 4;
const SKIP_DIRS = new Set(["node_modules", ".git", "generated", "dist", "build", ".output"]);

export function relativePath(rootDir: string, file: string): string {
  return path.relative(rootDir, file).split(path.sep).join("/");
}

/**
 * How much a path (relative to the specs directory, lower case) looks like each kind: the
 * first pattern that matches gives the rank (lower is better); null: the name says nothing.
 */
const SCHEMA_NAMES: readonly RegExp[] = [
  /^database\/schema\.(md|markdown|ya?ml)$/,
  /^schema\.(md|markdown|ya?ml)$/,
  /(^|\/)database\/schema\.(md|markdown|ya?ml)$/,
  /(^|\/)(database[-_ ]?schema|db[-_ ]?schema|data[-_ ]?model|data[-_ ]?models|entity[-_ ]?model|entities|domain[-_ ]?model|schema)\.(md|markdown|ya?ml)$/,
  // "db-spec.md", "database-specification.md", "schema_design.md": a spec of the database, by its name.
  /(^|\/)(db|database|schema|data[-_ ]?model)[-_ ]?(spec|specs|specification|design|definition|definitions)\.(md|markdown|ya?ml)$/,
  /(^|\/)(database|models?|erd|tables)\.(md|markdown|ya?ml)$/,
  /(^|\/)database\/[^/]+\.(md|markdown|ya?ml)$/,
];
/** A resource's own API file, its resource named before or after the word that says API. */
const RESOURCE_API = /(^|\/)(?:[^/]+[-_.](?:api|endpoints|routes|contracts?)(?:[-_.](?:spec|openapi|swagger))?|api[-_][^/]+)\.(md|markdown|ya?ml|json)$/;
const API_NAMES: readonly RegExp[] = [
  /^api\/rest-endpoints\.(md|markdown|ya?ml|json)$/,
  /^api\/endpoints\.(md|markdown|ya?ml|json)$/,
  /^(rest-endpoints|endpoints)\.(md|markdown|ya?ml|json)$/,
  /(^|\/)api\/(rest[-_]?endpoints|endpoints)\.(md|markdown|ya?ml|json)$/,
  /(^|\/)(rest[-_ ]?endpoints|endpoints|api[-_ ]?spec|api[-_ ]?specification|api[-_ ]?endpoints|api[-_ ]?reference|rest[-_ ]?api|api[-_ ]?design|routes|openapi|swagger)\.(md|markdown|ya?ml|json)$/,
  /(^|\/)contracts\/[^/]+\.(md|markdown|ya?ml|json)$/,
  /(^|\/)api\/[^/]+\.(md|markdown|ya?ml|json)$/,
  /(^|\/)api\.(md|markdown|ya?ml|json)$/,
  // One file per resource: "notes-api.md", "auth_api.md", "task_api.openapi.yaml", "api-orders.md",
  // "orders-endpoints.md", "billing.contract.md".
  RESOURCE_API,
];

/** A feature folder as spec-kit and its kin name them: a number, then a name ("001-user-auth", "12_orders"). */
const FEATURE_DIR = /^\d{1,4}[-_.][^/]+$/;

/**
 * What a path is once its feature folder and, inside a contracts/ folder, its file name are
 * set aside: files with the same key are parts of one spec (each feature's data-model.md,
 * every contract of a feature) rather than rivals.
 */
export function specPartKey(rel: string): string {
  const parts = rel.toLowerCase().split("/");
  // Files of one resource each in one folder ("notes-api.md", "users-api.md"): parts of one API.
  const last = parts.length - 1;
  return parts
    .map((p, i) => (i < last && FEATURE_DIR.test(p) ? "*" : i === last && (parts[i - 1] === "contracts" || RESOURCE_API.test(p)) ? "*" : p))
    .join("/");
}

function rank(rel: string, names: readonly RegExp[]): number | null {
  const i = names.findIndex((re) => re.test(rel));
  return i < 0 ? null : i;
}

async function listCandidates(dir: string, depth = 0, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (depth + 1 < MAX_DEPTH && !SKIP_DIRS.has(e.name)) await listCandidates(p, depth + 1, out);
    } else if (e.isFile() && (EXTENSIONS.test(e.name) || codeLang(e.name))) out.push(p);
  }
  return out;
}

function formatOf(file: string, text: string): SpecFormat {
  if (codeLang(file)) return "code";
  if (/\.(md|markdown)$/i.test(file)) return "markdown";
  // A .yaml file that is Markdown around a fenced document ("# Contract" then ```yaml): Markdown.
  if (/^\s*#{1,6}\s+\S/.test(text) && /^\s*(```|~~~)/m.test(text)) return "markdown";
  return isOpenApiText(text) ? "openapi" : "yaml";
}

/** An OpenAPI (or Swagger) document: a top-level `openapi:`/`swagger:` key (YAML) or property (JSON). */
export function isOpenApiText(text: string): boolean {
  return /^\s*["']?(openapi|swagger)["']?\s*:/m.test(text.slice(0, 4000));
}

/** A bullet that is a SQL column definition: a name, a SQL type, then a constraint keyword or nothing. */
const SQL_COLUMN_BULLET = /^[ \t]*[-*][ \t]+[`*]*[A-Za-z_]\w*[`*]*[ \t]+(?:varchar|character varying|char|text|citext|uuid|serial|bigserial|smallserial|int|int2|int4|int8|integer|bigint|smallint|boolean|bool|timestamptz|timestamp|date|time|numeric|decimal|real|double precision|float|jsonb|json|bytea|inet)\b(?:[ \t]*\([\d, \t]+\))?(?:\[\])?(?:[ \t]+(?:primary[ \t]+key|not[ \t]+null|null|unique|references|default|check|pk|fk|generated|with)\b|[ \t]*(?:--.*)?$)/gim;

/** A table cell that is a type alone: "varchar(255)", "UUID", "text[]", "String?", "Ganzzahl", "日付". */
const TYPE_CELL = /^(?:varchar|nvarchar|char|character varying|text|string|str|int|int4|int8|integer|bigint|smallint|tinyint|serial|bigserial|uuid|bool|boolean|timestamp|timestamptz|datetime|date|time|decimal|numeric|float|double|real|number|json|jsonb|bytea|blob|enum)(?:\s*\([\d, ]+\))?(?:\[\])?\??$/i;

/**
 * Rows of Markdown tables that hold a type in some cell after the first, whatever the headers
 * say and in whatever language ("| kunde_id | Ganzzahl | ja |", "|IdChild|Chave primária|Inteiro|"):
 * a column table, read by its content.
 */
function typedTableRows(text: string): number {
  let n = 0;
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t.includes("|") || /^\|?\s*:?-{2,}/.test(t)) continue;
    const cells = t.replace(/^\||\|$/g, "").split("|").map((c) => c.replace(/[`*]/g, "").trim());
    if (cells.length < 2) continue;
    if (cells.slice(1).some((c) => c.length > 0 && c.length <= 40 && (TYPE_CELL.test(c) || isTypeWord(c)))) n++;
  }
  return n;
}

/**
 * What a file with an uninformative name holds, judged from its text: "schema", "api" or null;
 * and whether it could be the other one too (a resource's API file, "questions.md", whose
 * parameter tables look like column tables: the API spec when another file is the schema).
 */
function kindByContent(text: string, file: string): { kind: "schema" | "api" | null; alsoApi: boolean } {
  if (/\.(ya?ml|json)$/i.test(file)) {
    const kind = isOpenApiText(text) ? "api" : /^\s*["']?(?:tables|entities|models)["']?\s*:/m.test(text) ? "schema" : /^\s*["']?endpoints["']?\s*:/m.test(text) ? "api" : null;
    return { kind, alsoApi: false };
  }
  const sql = (text.match(/\bcreate\s+table\b/gi) ?? []).length;
  const drizzleOrPrisma = (text.match(/\b(pgTable|mysqlTable|sqliteTable)\s*\(|^\s*model\s+\w+\s*\{/gm) ?? []).length;
  const columnTables = Math.max((text.match(/^\s*\|\s*[`*]*(column|field|name|列名|字段)[`*]*\s*\|\s*[`*]*(type|data type|类型)/gim) ?? []).length, typedTableRows(text) >= 3 ? 1 : 0);
  // "## GET /tasks", "### 3. POST /tasks", "- `PATCH /tasks/{id}`", "| GET | /tasks |".
  const endpoints = (text.match(/^\s*(?:#{1,6}\s*(?:\d+(?:\.\d+)*[.)]?\s+)?|[-*]\s*|\d+[.)]\s*|\|\s*)?`?(GET|POST|PUT|PATCH|DELETE)`?\s*\|?\s*`?\/[\w{}:/.-]*/gm) ?? []).length;
  // "- email VARCHAR(320) UNIQUE NOT NULL", "- id uuid PK": SQL column definitions as bullets (under a bare table name).
  const sqlBullets = (text.match(SQL_COLUMN_BULLET) ?? []).length;
  const columnBullets = (text.match(/^\s*[-*]\s+[*`]*[A-Za-z_]\w*[*`]*\s*[:(]\s*[`*]*(string|text|varchar|char|int|integer|bigint|serial|uuid|bool|boolean|timestamp|timestamptz|datetime|date|decimal|numeric|float|double|json|jsonb|enum)\b/gim) ?? []).length;
  // Formal notations a schema is drawn or declared in: Mermaid erDiagram entities, DBML tables, SQLModel table classes.
  const erEntities = /^\s*erDiagram\s*$/m.test(text) ? (text.match(/^\s*["`]?[\p{L}\w-]+["`]?(?:\s*\[[^\]\n]*\])?\s*\{\s*$/gmu) ?? []).length : 0;
  const dbml = (text.match(/^\s*Table\s+[\w."]+(?:\s+as\s+\w+)?\s*(?:\[[^\]\n]*\])?\s*\{/gm) ?? []).length;
  const sqlmodel = (text.match(/^\s*class\s+\w+\s*\([^)\n]*\btable\s*=\s*True/gm) ?? []).length;
  const tables = sql + drizzleOrPrisma + columnTables + erEntities + dbml + sqlmodel + (columnBullets >= 2 ? 1 : 0) + (sqlBullets >= 2 ? 1 : 0);
  if (tables >= 1 && tables * 3 >= endpoints) return { kind: "schema", alsoApi: endpoints >= 2 };
  return { kind: endpoints >= 2 ? "api" : null, alsoApi: false };
}

/** Whether a code file's text defines tables in its language (the language's reader decides the rest). */
function holdsCodeTables(lang: string, text: string): boolean {
  const l = blockLanguage(lang, text);
  if (l === "sql") return /\bcreate\s+(?:(?:temp|temporary|unlogged)\s+)?table\b/i.test(text);
  // Any .py file is Python: a schema only when it declares table models.
  if (l === "python") return /^\s*class\s+\w+\s*\(.*\b(SQLModel|Base|DeclarativeBase|models\.Model)\b/m.test(text);
  return l !== null;
}

/** The 1-based line of a key at the top level of a YAML document (no indentation); 0 when absent. */
function topKeyLine(text: string, key: string): number {
  const m = new RegExp(`^["']?${key}["']?\\s*:`, "m").exec(text);
  return m ? text.slice(0, m.index).split("\n").length : 0;
}

function hasTopKey(text: string, key: string): boolean {
  return topKeyLine(text, key) > 0;
}

/** A combined YAML document read as one kind only: the other part is ignored, and said so. */
function combinedIgnored(file: SpecFile, part: "tables" | "endpoints", instead: string): Diagnostic {
  return {
    severity: "warning",
    code: "SF101",
    message: `the ${part} in ${file.path} are ignored: ${instead} is read as the ${part === "tables" ? "schema" : "API"} spec`,
    span: { file: file.path, line: topKeyLine(file.text, part), column: 1 },
    hint: "keep one spec file of each kind (a YAML file holding tables and endpoints is both)",
  };
}

export async function readSpecs(specsDir: string, rootDir: string): Promise<ReadSpecsResult> {
  const diagnostics: Diagnostic[] = [];
  const ignored: IgnoredFile[] = [];
  const files = await listCandidates(specsDir);
  const texts = new Map<string, string>();
  const textOf = async (p: string) => {
    let t = texts.get(p);
    if (t === undefined) texts.set(p, (t = (await readFile(p, "utf8")).replace(/^\uFEFF/, "")));
    return t;
  };
  interface Candidate {
    readonly file: string;
    readonly rel: string;
    readonly kind: "schema" | "api";
    readonly rank: number;
    readonly depth: number;
  }
  const candidates: Candidate[] = [];
  for (const file of files) {
    const rel = path.relative(specsDir, file).split(path.sep).join("/");
    const lower = rel.toLowerCase();
    const depth = rel.split("/").length - 1;
    const lang = codeLang(lower);
    if (lang) {
      // schema.sql, schema.prisma, db/schema.ts: a schema when its text holds tables in its language.
      if (holdsCodeTables(lang, await textOf(file))) candidates.push({ file, rel, kind: "schema", rank: CODE_SCHEMA_NAME.test(lower) ? CODE_RANK_BY_NAME : CODE_RANK_BY_CONTENT, depth });
      else ignored.push({ path: relativePath(rootDir, file), why: `a ${lang} file that defines no table` });
      continue;
    }
    const s = rank(lower, SCHEMA_NAMES);
    const a = rank(lower, API_NAMES);
    if (s !== null && (a === null || s <= a)) candidates.push({ file, rel, kind: "schema", rank: s, depth });
    else if (a !== null) candidates.push({ file, rel, kind: "api", rank: a, depth });
    else {
      // A name that says nothing (README.md, plan.md, spec.md): its text decides, ranked last.
      const { kind, alsoApi } = kindByContent(await textOf(file), file);
      if (kind) candidates.push({ file, rel, kind, rank: 100, depth });
      if (alsoApi) candidates.push({ file, rel, kind: "api", rank: 101, depth });
      if (!kind) ignored.push({ path: relativePath(rootDir, file), why: "neither a schema nor an API spec by its name or content" });
    }
  }
  const load = async (kind: "schema" | "api", c: Candidate): Promise<SpecFile> => {
    const text = await textOf(c.file);
    const format = formatOf(c.file, text);
    return { kind, format, path: relativePath(rootDir, c.file), text, ...(format === "code" ? { lang: codeLang(c.file) } : {}) };
  };
  const more: { schema: SpecFile[]; api: SpecFile[] } = { schema: [], api: [] };
  // A file read as one kind is not a rival of the other kind's file (a file both could be).
  const taken = new Set<string>();
  const pick = async (kind: "schema" | "api"): Promise<SpecFile | null> => {
    const of = candidates.filter((c) => c.kind === kind && !taken.has(c.file)).sort((x, y) => x.rank - y.rank || x.depth - y.depth || (x.rel < y.rel ? -1 : x.rel > y.rel ? 1 : 0));
    const chosen = of[0];
    if (!chosen) return null;
    const key = specPartKey(chosen.rel);
    for (const other of of.slice(1)) {
      // A file named like the chosen one in another feature folder, or another file of a
      // contracts/ folder, is a part of the same spec: read too (a name only, not a guess by content).
      if (other.rank === chosen.rank && other.rank < 100 && specPartKey(other.rel) === key) {
        more[kind].push(await load(kind, other));
        continue;
      }
      // A file that could be either, left for the other kind, is not ignored yet.
      if (kind === "schema" && other.rank >= 100 && candidates.some((c) => c.file === other.file && c.kind === "api")) continue;
      const why = `${kind} spec ${relativePath(rootDir, other.file)} is ignored: ${relativePath(rootDir, chosen.file)} is read instead`;
      ignored.push({ path: relativePath(rootDir, other.file), why });
      // Two files of the same standing are a real ambiguity; a lesser match is only listed by explain.
      if (other.rank === chosen.rank && other.depth === chosen.depth) {
        diagnostics.push({
          severity: "warning",
          code: "SF101",
          message: why,
          span: { file: relativePath(rootDir, other.file), line: 1, column: 1 },
          hint: "keep one spec file of each kind",
        });
      }
    }
    taken.add(chosen.file);
    return load(kind, chosen);
  };
  let schema = await pick("schema");
  let api = await pick("api");
  // One YAML document holding both `tables:` and `endpoints:` (the canonical form) is both specs.
  if (schema && schema.format === "yaml" && hasTopKey(schema.text, "endpoints")) {
    if (!api) api = { ...schema, kind: "api" };
    else if (api.path !== schema.path) diagnostics.push(combinedIgnored(schema, "endpoints", api.path));
  }
  if (api && api.format === "yaml" && api.path !== schema?.path && hasTopKey(api.text, "tables")) {
    if (!schema) schema = { ...api, kind: "schema" };
    else diagnostics.push(combinedIgnored(api, "tables", schema.path));
  }
  if (!schema) {
    // Point at a file that exists: the API spec or the first candidate, else the directory itself.
    const at = api?.path ?? (files[0] ? relativePath(rootDir, files[0]) : relativePath(rootDir, specsDir) || ".");
    diagnostics.push({
      severity: "error",
      code: "SF100",
      message: `no schema spec found in ${relativePath(rootDir, specsDir) || "."}${files.length ? ` (files looked at: ${files.map((f) => path.relative(specsDir, f).split(path.sep).join("/")).join(", ")})` : ""}`,
      span: { file: at, line: 1, column: 1 },
      hint: "write the tables in database/schema.md (or data-model.md, database-schema.md, schema.yaml); a file of another name is read as the schema when it holds CREATE TABLE statements, column tables (Column | Type) or column bullets (\"- title varchar(200) NOT NULL\")",
    });
  }
  ignored.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  return { schema, api, ignored, diagnostics, ...(more.schema.length || more.api.length ? { more } : {}) };
}
