// What the table classifier (table-roles.ts) decides of a GFM table: its kind, the column that
// holds each role (name, type, constraints, method, path, ...), how sure it is, and why.

export type TableKind = "columns" | "endpoints" | "query-params" | "body-fields" | "indexes" | "enum-values" | "other";

/** What the caller knows about where the table is; both are tie-breakers only. */
export interface TableContext {
  /** The kind of spec file the table is in. */
  readonly document?: "schema" | "api";
  /** Text of the nearest heading (or bold label) above the table, e.g. "Indexes", "Query Parameters". */
  readonly heading?: string;
}

/** Why a column got its role: how many of its non-empty cells support it, or what else decided. */
export interface RoleEvidence {
  readonly column: number;
  readonly header: string;
  /** The role given, or "" for a column that has none. */
  readonly role: string;
  /** "content": the cells decided; "header"/"context"/"position": a tie broken by header words, the heading or order. */
  readonly by: "content" | "header" | "context" | "position";
  /** Non-empty cells (empty markers such as "-" and "—" excluded) that support the role. */
  readonly matched: number;
  /** Non-empty cells in the column. */
  readonly cells: number;
  /** The column's first non-empty cell, when it has a role (for messages). */
  readonly example?: string;
}

interface ShapeBase {
  /** 0..1: how clearly the content decided the kind (1 = every cell agreed). */
  readonly confidence: number;
  /** One sentence saying why, for `specforge explain`. */
  readonly reason: string;
  /** One entry per column, in column order. */
  readonly evidence: readonly RoleEvidence[];
}

/** Column indexes of a table of column definitions. `notes` may also hold FKs or allowed values. */
export interface ColumnRoles {
  readonly name: number;
  readonly type: number;
  readonly constraints: readonly number[];
  readonly default?: number;
  readonly nullable?: number;
  readonly required?: number;
  readonly notes: readonly number[];
}

export interface EndpointRoles {
  /** Absent when the method is written in the path cell ("GET /api/tasks"). */
  readonly method?: number;
  readonly path: number;
  readonly description?: number;
  readonly auth?: number;
  readonly status?: number;
}

/** Parameters of an endpoint, or fields of a request/response body. */
export interface FieldRoles {
  readonly name: number;
  readonly type?: number;
  readonly required?: number;
  readonly default?: number;
  readonly constraints: readonly number[];
  /** A column of allowed values ("all, pending, completed"). */
  readonly values?: number;
  /** Where a parameter goes (query, path, header). */
  readonly location?: number;
  readonly description?: number;
}

export interface IndexRoles {
  readonly name?: number;
  readonly columns: number;
  readonly table?: number;
  /** The unique/kind column (UNIQUE, BTREE, PRIMARY KEY, yes/no). */
  readonly unique?: number;
}

export interface EnumRoles {
  readonly value: number;
  readonly description?: number;
}

export type TableShape =
  | (ShapeBase & { readonly kind: "columns"; readonly roles: ColumnRoles; readonly typeHasConstraints: boolean })
  | (ShapeBase & { readonly kind: "endpoints"; readonly roles: EndpointRoles; readonly methodInPath: boolean })
  | (ShapeBase & { readonly kind: "query-params" | "body-fields"; readonly roles: FieldRoles })
  | (ShapeBase & { readonly kind: "indexes"; readonly roles: IndexRoles })
  | (ShapeBase & { readonly kind: "enum-values"; readonly roles: EnumRoles })
  | (ShapeBase & { readonly kind: "other"; readonly roles: Readonly<Record<string, never>> });
