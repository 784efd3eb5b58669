// The one raw shape that every spec format (Markdown, YAML) parses into.
// Nothing here is interpreted yet: type and constraint texts are kept as written,
// each with its own span, and the IR builder decides what they mean.
import type { Span } from "../base/span.js";

export interface RawText {
  readonly text: string;
  readonly span: Span;
}

export interface RawColumn {
  readonly name: RawText;
  /**
   * The type as written: "varchar(200)", "TIMESTAMP WITH TIME ZONE", "enum(low, high)",
   * "String?", "text[]". Empty in a fragment (ALTER TABLE ... ADD CONSTRAINT) that only adds
   * constraints to a column defined elsewhere.
   */
  readonly type: RawText;
  /** Each constraint phrase on its own: "primary key", "foreign key -> users.id", "default false". */
  readonly constraints: readonly RawText[];
  readonly description?: string;
  /** Allowed values listed for the column in a notes cell ("active, suspended, trial"). */
  readonly values?: readonly RawText[];
}

export interface RawIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly name?: string;
  /** Table the index was declared for, when it was declared outside the table's section. */
  readonly table?: string;
  readonly span: Span;
  /**
   * A partial index's condition as written (`WHERE deleted_at IS NULL`, without the WHERE), in
   * the notation's SQL dialect: the index covers (and a unique index holds among) only the rows
   * it is true of.
   */
  readonly where?: { readonly expression: RawText; readonly dialect: "postgresql" | "mysql" | "sqlite" };
}

/** A foreign key of several columns (`FOREIGN KEY (a, b) REFERENCES t (x, y)`): a one-column key is a column's "references" phrase. */
export interface RawForeignKey {
  readonly columns: readonly RawText[];
  readonly table: RawText;
  readonly refColumns: readonly RawText[];
  /** "cascade", "set null", "restrict", "no action", as written. */
  readonly onDelete?: string;
  readonly span: Span;
}

/** A CHECK constraint as written: kept verbatim in the migration, and read into validator rules where it can be. */
export interface RawCheck {
  /** The boolean expression without the CHECK keyword and its outer parentheses: "amount > 0". */
  readonly expression: RawText;
  readonly name?: string;
  /** The SQL dialect the expression was written in (it goes to PostgreSQL verbatim only if PostgreSQL can read it). */
  readonly dialect: "postgresql" | "mysql" | "sqlite" | "prose";
}

/** A named set of values: CREATE TYPE ... AS ENUM, a Prisma enum, pgEnum(...), "EventType: EVENT | GIG". */
export interface RawEnum {
  readonly name: RawText;
  readonly values: readonly RawText[];
}

/** The notation a table was written in (for explain and for the canonical YAML round trip tests). */
export type Notation = "markdown-table" | "markdown-bullets" | "sql" | "prisma" | "drizzle" | "python" | "yaml" | "openapi" | "mermaid" | "dbml" | "mongoose" | "entities" | "class-diagram" | "jpa" | "efcore" | "go" | "laravel" | "rails" | "interfaces" | "graphql" | "jsonschema" | "kotlin";

export interface RawTable {
  readonly name: RawText;
  readonly description?: string;
  readonly columns: readonly RawColumn[];
  readonly indexes: readonly RawIndex[];
  /** Table-level CHECK constraints (a column's own CHECK may also be one of its constraint phrases). */
  readonly checks?: readonly RawCheck[];
  /** Foreign keys of several columns. */
  readonly foreignKeys?: readonly RawForeignKey[];
  readonly notation?: Notation;
  /**
   * Only adds to a table defined elsewhere (ALTER TABLE ... ADD CONSTRAINT): merged into it,
   * and an error if there is no such table.
   */
  readonly fragment?: boolean;
  /** Explicit markers written in the spec, e.g. "owner: user_id" or "identity table". */
  readonly owner?: RawText;
  readonly identity?: boolean;
  /** "renamed from: old_name" written under the table heading. */
  readonly renamedFrom?: RawText;
  /** "Shared: read-write" (or read): every signed-in user shares the rows, as the spec says. */
  readonly shared?: "read" | "read-write";
  /** The spec says an auth service keeps this table (its users, sessions, accounts): see ir/auth-managed.ts. */
  readonly authManaged?: boolean;
}

export interface RawEndpoint {
  readonly method: RawText; // as written, e.g. "GET"
  readonly path: RawText; // as written, e.g. "/api/{user_id}/tasks/{id}"
  readonly summary?: string;
  /** "public" when the spec says no authentication is needed. */
  readonly auth?: "public" | "required";
  /** A success status the spec states explicitly (e.g. "Responds 201"). */
  readonly status?: number;
  /** Query parameters listed under the endpoint ("Query Parameters:" list or table). */
  readonly query?: readonly RawQueryParam[];
  /** Keys of an example JSON response object: `{ "tasks": [...], "total": 3 }` -> items "tasks", total "total". */
  readonly envelope?: RawEnvelope;
  /** Fields of the request body the spec describes (an OpenAPI requestBody, a "Request body" table). */
  readonly body?: readonly RawBodyField[];
  /** Keys of an example request body (a JSON object of values, not of descriptions): what the route takes. */
  readonly exampleFields?: readonly string[];
  /** Sentences of the endpoint's text that may state a list's default order ("ordered by position", "newest first"). */
  readonly order?: readonly string[];
}

/**
 * Where a list response puts its parts, as an example shows them: each a key or a dotted path
 * (`data.items`, `meta.total`); the page size, offset, page number and page count only when named.
 */
export interface RawEnvelope {
  readonly items: string;
  readonly total: string | null;
  readonly limit?: string;
  readonly offset?: string;
  readonly page?: string;
  readonly pages?: string;
}

/** One field of a request body as the spec describes it: its rules tighten the column's. */
export interface RawBodyField {
  readonly name: RawText;
  /** The type as written ("string", "integer", "string(email)"); absent when not given. */
  readonly type?: RawText;
  readonly required?: boolean;
  /** Constraint phrases as for a column: "max length 200", "enum(a, b)", "min 0", "format email". */
  readonly constraints: readonly RawText[];
}

export interface RawQueryParam {
  readonly name: RawText;
  readonly type?: string;
  /** Words the spec lists for the parameter (`all | pending | completed`). */
  readonly values: readonly string[];
  readonly default?: string;
  /** The whole item or row as written: limits and descriptions are read from it. */
  readonly text: string;
}

export interface RawSpec {
  readonly tables: readonly RawTable[];
  /** Named value sets that column types may refer to ("status: EventStatus"). */
  readonly enums?: readonly RawEnum[];
  /**
   * Named shapes kept inside rows, written under a "Value Objects" heading: a column whose type
   * names one is a json column. Their fields are columns of a table that is never created.
   */
  readonly valueObjects?: readonly RawTable[];
  /** Indexes declared in a section of their own ("## Indexes"), with their table named. */
  readonly indexes: readonly RawIndex[];
  readonly endpoints: readonly RawEndpoint[];
  /** How users authenticate, as written ("external (Better Auth)", "built-in"); API spec only. */
  readonly authMode?: RawText;
  /** "Row-level security: off" (or on) written in the schema. */
  readonly rowLevelSecurity?: boolean;
}
