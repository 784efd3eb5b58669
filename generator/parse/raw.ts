// The one raw shape that every spec format (Markdown, YAML) parses into.
// Nothing here is interpreted yet: type and constraint texts are kept as written,
// each with its own span, and the IR builder decides what they mean.
import type { Span } from "../ir/types.js";

export interface RawText {
  readonly text: string;
  readonly span: Span;
}

export interface RawColumn {
  readonly name: RawText;
  /** The type as written: "varchar(200)", "TIMESTAMP WITH TIME ZONE", "enum(low, high)". */
  readonly type: RawText;
  /** Each constraint phrase on its own: "primary key", "foreign key -> users.id", "default false". */
  readonly constraints: readonly RawText[];
  readonly description?: string;
}

export interface RawIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly name?: string;
  /** Table the index was declared for, when it was declared outside the table's section. */
  readonly table?: string;
  readonly span: Span;
}

export interface RawTable {
  readonly name: RawText;
  readonly description?: string;
  readonly columns: readonly RawColumn[];
  readonly indexes: readonly RawIndex[];
  /** Explicit markers written in the spec, e.g. "owner: user_id" or "identity table". */
  readonly owner?: RawText;
  readonly identity?: boolean;
  /** "renamed from: old_name" written under the table heading. */
  readonly renamedFrom?: RawText;
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
  readonly envelope?: { readonly items: string; readonly total: string | null };
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
  /** Indexes declared in a section of their own ("## Indexes"), with their table named. */
  readonly indexes: readonly RawIndex[];
  readonly endpoints: readonly RawEndpoint[];
  /** How users authenticate, as written ("external (Better Auth)", "built-in"); API spec only. */
  readonly authMode?: RawText;
  /** "Row-level security: off" (or on) written in the schema. */
  readonly rowLevelSecurity?: boolean;
}
