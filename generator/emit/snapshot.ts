// The database schema as migrations see it: the part of the IR that lives in
// PostgreSQL (no spans, descriptions, roles or validation-only limits). Each
// generation diffs the spec's snapshot against the one saved beside the last
// migration (migrations/snapshot.json), so no database is needed to plan.
import type { ColumnType, DefaultValue, IR, Index, Reference, Table } from "../ir/types.js";

export interface SnapshotColumn {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly default: DefaultValue | null;
  readonly references: Reference | null;
  /** A numeric range enforced by a CHECK constraint named <table>_<column>_range. */
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface SnapshotIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface SnapshotTable {
  readonly name: string;
  readonly primaryKey: string;
  /** A composite key's columns, or [] for a table without a key (absent: the key is primaryKey). */
  readonly keyColumns?: readonly string[];
  readonly columns: readonly SnapshotColumn[];
  readonly indexes: readonly SnapshotIndex[];
}

export interface Snapshot {
  readonly version: 2;
  readonly tables: readonly SnapshotTable[];
}

export const EMPTY_SNAPSHOT: Snapshot = { version: 2, tables: [] };

/** The type as the database holds it: an enum's name is for people only (it is stored as text + CHECK). */
function storedType(t: ColumnType): ColumnType {
  if (t.kind === "enum" && t.name !== undefined) return { kind: "enum", values: t.values };
  if (t.kind === "array" && t.of.kind === "enum" && t.of.name !== undefined) return { kind: "array", of: { kind: "enum", values: t.of.values } };
  return t;
}

function column(c: Omit<SnapshotColumn, never> & Record<string, unknown>, numericChecks: boolean): SnapshotColumn {
  return {
    name: c.name,
    type: storedType(c.type),
    nullable: c.nullable,
    primaryKey: c.primaryKey,
    unique: c.unique,
    default: c.default,
    references: c.references,
    ...(numericChecks && c.minimum !== undefined ? { minimum: c.minimum } : {}),
    ...(numericChecks && c.maximum !== undefined ? { maximum: c.maximum } : {}),
  };
}

export function snapshotOf(ir: IR, implicitIndexes: (t: Table) => Omit<Index, "span">[]): Snapshot {
  return {
    version: 2,
    tables: ir.tables.map((t) => ({
      name: t.name,
      primaryKey: t.primaryKey,
      ...(t.keyColumns ? { keyColumns: [...t.keyColumns] } : {}),
      columns: t.columns.map((c) => column(c as never, true)),
      indexes: [...t.indexes, ...implicitIndexes(t)].map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique })),
    })),
  };
}

/**
 * A snapshot read from disk. Version 1 (the first release) stored the whole IR
 * column; its migrations created no range checks, so those limits are dropped.
 */
export function normalizeSnapshot(raw: unknown): Snapshot {
  const s = raw as { version?: number; tables?: Array<Record<string, unknown>> };
  if (s.version !== 1 && s.version !== 2) throw new Error(`snapshot.json has unknown version ${String(s.version)}`);
  return {
    version: 2,
    tables: (s.tables ?? []).map((t) => ({
      name: t.name as string,
      primaryKey: t.primaryKey as string,
      ...(Array.isArray(t.keyColumns) ? { keyColumns: [...(t.keyColumns as string[])] } : {}),
      columns: (t.columns as Array<Record<string, unknown>>).map((c) => column(c as never, s.version === 2)),
      indexes: (t.indexes as SnapshotIndex[]).map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique })),
    })),
  };
}
