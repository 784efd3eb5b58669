// Loads the hand-written reading expectations (tests/corpus/expectations/*.yaml): what a careful
// engineer reads in each real-world corpus spec. They are the ground truth the reading tests
// compare the generator against; see tests/corpus/expectations/README.md for the fields.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

export const EXPECTATIONS_DIR = join(import.meta.dirname, "expectations");
/** Where the corpus specs are (read-only, outside the project). */
export const CORPUS_DIR = join(import.meta.dirname, "..", "..", "..", "shared", "corpus");

/** Which of the case's two files a line number points into. */
export type SpecFile = "schema" | "api";

export type OwnerKind = "direct" | "parent" | "organization" | "identity" | "shared" | "unclear";
export interface Owner {
  kind: OwnerKind;
  /** direct: the column naming the user; organization: the tenant column. */
  column?: string;
  /** parent: the chain to an owned table, `table.column` steps joined by " > ". */
  via?: string;
  /** organization: the membership table that links users to the tenant. */
  membership?: string;
  doubt?: string;
}

export interface TableExpectation {
  name: string;
  /** Line (schema file) of the heading, CREATE TABLE, model or pgTable( that defines the table. */
  line: number;
  /** Other lines in the schema file that define the same table again (repeated DDL, a second listing). */
  also?: number[];
  /** How the table is written: md-table, sql, mysql, drizzle, prisma-like, bullets, prose. */
  notation: string;
  columns: number;
  /** Empty when the spec gives the table no primary key. */
  primary_key: string[];
  owner: Owner;
  doubt?: string;
}

export const ENDPOINT_KINDS = [
  "crud-list", "crud-create", "crud-get", "crud-update", "crud-replace", "crud-delete",
  "nested-list", "nested-create", "action", "auth", "custom", "health",
] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
export interface EndpointExpectation {
  method: string;
  /** The path exactly as the spec writes it on `line`. */
  path: string;
  line: number;
  /** Other lines (same file) that state the same endpoint again (a summary table row, a detail heading). */
  also?: number[];
  /** Defaults to "api"; "schema" when the schema file itself lists the endpoint. */
  file?: SpecFile;
  kind: EndpointKind;
  /** The table the endpoint works on, null when none (auth, health, some custom). */
  table: string | null;
  /** action: the column change it obviously makes, `column=value`. */
  changes?: string;
  doubt?: string;
}

export const RULE_KINDS = ["enum", "length", "range", "format", "pattern", "unique", "check", "required"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export interface RuleExpectation {
  table: string;
  columns: string[];
  /** A field inside a JSON or embedded column (value objects, zod-typed jsonb): the rule is on columns[0].field. */
  field?: string;
  /** The request-body name when the API states the rule on a field named unlike the column (reason -> rejection_reason). */
  request_field?: string;
  kind: RuleKind;
  values?: (string | number)[];
  min?: number;
  max?: number;
  format?: string;
  pattern?: string;
  expression?: string;
  line: number;
  /** Defaults to "schema". */
  file?: SpecFile;
  /** Other places stating the same rule, as `schema:NN` or `api:NN`. */
  also?: string[];
  /** Where the rule is written: constraint (a constraints cell or DDL keyword), check (CHECK clause),
   * type (an enum type), description (a description/notes cell), prose (text or bullets), code (ORM code). */
  from: "constraint" | "check" | "type" | "description" | "prose" | "code";
  note?: string;
  doubt?: string;
}

export interface Expectation {
  case: string;
  files: { schema: string; api: string | null };
  identity: { table: string; defined: boolean; line?: number; doubt?: string } | null;
  tables: TableExpectation[];
  endpoints: EndpointExpectation[];
  rules: RuleExpectation[];
  notes: string;
}

/** Every expectation file, sorted by case. */
export function loadExpectations(): Expectation[] {
  return readdirSync(EXPECTATIONS_DIR)
    .filter((n) => n.endsWith(".yaml"))
    .sort()
    .map((n) => parse(readFileSync(join(EXPECTATIONS_DIR, n), "utf8")) as Expectation);
}
