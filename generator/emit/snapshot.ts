// The schema part of the IR without source positions: what migrations are diffed against.
import type { Column, IR, Index } from "../ir/types.js";

export interface SnapshotTable {
  readonly name: string;
  readonly primaryKey: string;
  readonly keyColumns?: readonly string[];
  readonly owner: string | null;
  readonly columns: readonly Omit<Column, "span" | "description">[];
  readonly indexes: readonly Omit<Index, "span">[];
}

export interface Snapshot {
  readonly version: 1;
  readonly tables: readonly SnapshotTable[];
}

export const EMPTY_SNAPSHOT: Snapshot = { version: 1, tables: [] };

export function snapshotOf(ir: IR, implicitIndexes: (t: IR["tables"][number]) => Omit<Index, "span">[]): Snapshot {
  return {
    version: 1,
    tables: ir.tables.map((t) => ({
      name: t.name,
      primaryKey: t.primaryKey,
      ...(t.keyColumns ? { keyColumns: t.keyColumns } : {}),
      owner: t.owner,
      columns: t.columns.map(({ span: _s, description: _d, ...rest }) => rest),
      indexes: [...t.indexes.map(({ span: _s, ...rest }) => rest), ...implicitIndexes(t)],
    })),
  };
}
