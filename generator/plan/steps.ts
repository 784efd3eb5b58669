// The typed steps of a migration: what the planner decided, as data. Each step names its table
// (and column) and where the spec writes it, says in words what it does, and whether it destroys
// data or changes the API; emit/migration-code.ts prints each one as Knex code.
import type { ColumnType, Span } from "../ir/types.js";
import type { SnapshotColumn, SnapshotForeignKey, SnapshotIndex, SnapshotTable } from "./snapshot.js";

/** One change of a column in place (an "alter-column" step), in the order the migration makes them. */
export type ColumnChange =
  /** A vector column's number of dimensions (pgvector's vector(n), or real[] with a length check). */
  | { readonly kind: "vector-dimensions"; readonly dimensions: number }
  | { readonly kind: "drop-default" }
  /** ALTER COLUMN ... TYPE, with a USING expression that turns a value of `from` into one of `to`. */
  | { readonly kind: "type"; readonly from: ColumnType; readonly to: ColumnType }
  /** Rows holding a value outside `values` get `fallback` (SQL), or are deleted when it is null. */
  | { readonly kind: "replace-values"; readonly values: readonly string[]; readonly fallback: string | null }
  /** `sql`: the default as SQL. */
  | { readonly kind: "set-default"; readonly sql: string }
  | { readonly kind: "drop-not-null" }
  /** Rows where the column is NULL get `fill` (SQL) first. */
  | { readonly kind: "set-not-null"; readonly fill: string };

/** What a step does to the database. */
export type StepAction =
  /** The table `from` is renamed to the step's table; `columns` are its columns, whose constraints are renamed too. */
  | { readonly kind: "rename-table"; readonly from: string; readonly columns: readonly SnapshotColumn[] }
  /** The column `from` is renamed to the step's column; `before` is it as it was. */
  | { readonly kind: "rename-column"; readonly from: string; readonly before: SnapshotColumn }
  /** `create` is the table as created (a foreign key to a table made later is left to an add-foreign-key step). */
  | { readonly kind: "create-table"; readonly create: SnapshotTable }
  | { readonly kind: "drop-table" }
  /** `fill`: what existing rows get (SQL) when the column is NOT NULL without a default; null otherwise. */
  | { readonly kind: "add-column"; readonly add: SnapshotColumn; readonly fill: string | null }
  | { readonly kind: "alter-column"; readonly changes: readonly ColumnChange[] }
  | { readonly kind: "drop-column" }
  | { readonly kind: "add-foreign-key"; readonly of: SnapshotColumn }
  | { readonly kind: "drop-foreign-key" }
  /** A foreign key of several columns, added (after every table and index exists) or dropped, by its name. */
  | { readonly kind: "add-composite-key"; readonly key: SnapshotForeignKey }
  | { readonly kind: "drop-composite-key"; readonly key: SnapshotForeignKey }
  | { readonly kind: "add-unique" }
  | { readonly kind: "drop-unique" }
  /** A CHECK named `name` holding `sql` (a column's rule, its allowed values, or the table's own). */
  | { readonly kind: "add-check"; readonly name: string; readonly sql: string }
  | { readonly kind: "drop-check"; readonly name: string }
  /** The checks the column's type needs beyond its SQL type: a list's allowed values, a vector's length without pgvector. */
  | { readonly kind: "add-type-checks"; readonly of: SnapshotColumn }
  | { readonly kind: "add-index"; readonly index: SnapshotIndex }
  | { readonly kind: "drop-index"; readonly index: SnapshotIndex }
  | { readonly kind: "rename-index"; readonly from: string; readonly to: string };

export type Step = StepAction & {
  readonly table: string;
  readonly column?: string;
  /** One line for the comment at the top of the migration. */
  readonly summary: string;
  /** Words for the migration's file name. */
  readonly slug: string;
  /** What the step destroys (or may make fail on existing data). */
  readonly destroys?: string;
  /** What the step changes for API clients (apiTypeChange). */
  readonly breaks?: string;
  readonly span?: Span | null;
};
