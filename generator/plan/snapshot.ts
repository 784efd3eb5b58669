// The database schema as migrations see it: the part of the IR that lives in
// PostgreSQL (no spans, descriptions, roles or validation-only limits). Each
// generation diffs the spec's snapshot against the one saved beside the last
// migration (migrations/snapshot.json), so no database is needed to plan.
import type { ColumnType, DefaultValue, IR, Index, OnDelete, Reference, Table } from "../ir/types.js";
import { isNumericType, isTextType, knownFormat } from "../ir/column-forms.js";

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
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  /**
   * The other rules a CHECK holds (column-rules.ts columnRuleChecks): text length
   * (<table>_<column>_length), format (_format), pattern (_pattern), and the number and length of
   * a list's items (_items). Only what the SQL type does not already hold is here.
   */
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly format?: string;
  readonly pattern?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly itemMaxLength?: number;
}

/** A CHECK the spec states for the table (Table.checks): PostgreSQL's text, kept verbatim. */
export interface SnapshotCheck {
  readonly name: string;
  readonly sql: string;
}

export interface SnapshotIndex {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Every column descending, nulls last; absent: ascending (also in snapshots written before it existed). */
  readonly order?: "desc-nulls-last";
  /** A partial index's condition (PostgreSQL); absent: every row. */
  readonly where?: string;
}

/** An index as the snapshot keeps it. */
function snapshotIndex(i: SnapshotIndex): SnapshotIndex {
  return { name: i.name, columns: [...i.columns], unique: i.unique, ...(i.order ? { order: i.order } : {}), ...(i.where ? { where: i.where } : {}) };
}

export interface SnapshotTable {
  readonly name: string;
  readonly primaryKey: string;
  /** A composite key's columns, or [] for a table without a key (absent: the key is primaryKey). */
  readonly keyColumns?: readonly string[];
  readonly columns: readonly SnapshotColumn[];
  readonly indexes: readonly SnapshotIndex[];
  /** Absent when the table has none. */
  readonly checks?: readonly SnapshotCheck[];
  /** Foreign keys of several columns; absent when the table has none. */
  readonly foreignKeys?: readonly SnapshotForeignKey[];
}

/** A foreign key of several columns, named <table>_<columns>_fkey. */
export interface SnapshotForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly table: string;
  readonly refColumns: readonly string[];
  readonly onDelete: OnDelete;
}

function foreignKeys(list: unknown): { foreignKeys?: SnapshotForeignKey[] } {
  const out = Array.isArray(list)
    ? (list as Array<Record<string, unknown>>).map((k) => ({ name: String(k.name), columns: [...(k.columns as string[])], table: String(k.table), refColumns: [...(k.refColumns as string[])], onDelete: k.onDelete as OnDelete }))
    : [];
  return out.length ? { foreignKeys: out } : {};
}

export interface Snapshot {
  readonly version: 2;
  readonly tables: readonly SnapshotTable[];
}

export const EMPTY_SNAPSHOT: Snapshot = { version: 2, tables: [] };

export const isIncrement = (c: SnapshotColumn) => c.default?.kind === "increment";

/** An enum, or a list of enum values: a CHECK named <table>_<column>_check holds the values. */
export function valueList(t: ColumnType): readonly string[] | null {
  if (t.kind === "enum") return t.values;
  if (t.kind === "array" && t.of.kind === "enum") return t.of.values;
  return null;
}

/** The type as the database holds it: an enum's name is for people only (it is stored as text + CHECK). */
function storedType(t: ColumnType): ColumnType {
  if (t.kind === "enum" && t.name !== undefined) return { kind: "enum", values: t.values };
  if (t.kind === "array" && t.of.kind === "enum" && t.of.name !== undefined) return { kind: "array", of: { kind: "enum", values: t.of.values } };
  return t;
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/**
 * The rules of a column that a CHECK holds, beyond the range: those that fit its type and that
 * the type does not already hold (a varchar(100) needs no check of "at most 100 characters").
 */
function ruleFields(c: Record<string, unknown>, t: ColumnType): Partial<SnapshotColumn> {
  const out: { -readonly [K in keyof SnapshotColumn]?: SnapshotColumn[K] } = {};
  const n = (k: "exclusiveMinimum" | "exclusiveMaximum" | "minLength" | "maxLength" | "minItems" | "maxItems" | "itemMaxLength") => num(c[k]);
  if (isNumericType(t)) {
    if (n("exclusiveMinimum") !== undefined) out.exclusiveMinimum = n("exclusiveMinimum");
    if (n("exclusiveMaximum") !== undefined) out.exclusiveMaximum = n("exclusiveMaximum");
  }
  const cap = (x: ColumnType) => (x.kind === "string" ? x.maxLength : undefined);
  if (isTextType(t)) {
    if ((n("minLength") ?? 0) > 0) out.minLength = n("minLength");
    const max = n("maxLength");
    if (max !== undefined && (cap(t) === undefined || max < cap(t)!)) out.maxLength = max;
  }
  const texts = isTextType(t) || (t.kind === "array" && isTextType(t.of));
  const format = texts ? knownFormat(typeof c.format === "string" ? c.format : undefined) : null;
  if (format) out.format = format;
  if (texts && typeof c.pattern === "string") out.pattern = c.pattern;
  // A json column holding a list may bound its number of items too ("labels: jsonb, max 10 items").
  if (t.kind === "json") {
    if ((n("minItems") ?? 0) > 0) out.minItems = n("minItems");
    if (n("maxItems") !== undefined) out.maxItems = n("maxItems");
  }
  if (t.kind === "array") {
    if ((n("minItems") ?? 0) > 0) out.minItems = n("minItems");
    if (n("maxItems") !== undefined) out.maxItems = n("maxItems");
    const item = n("itemMaxLength");
    if (isTextType(t.of) && item !== undefined && (cap(t.of) === undefined || item < cap(t.of)!)) out.itemMaxLength = item;
  }
  return out;
}

function column(c: Omit<SnapshotColumn, never> & Record<string, unknown>, numericChecks: boolean): SnapshotColumn {
  const type = storedType(c.type);
  return {
    name: c.name,
    type,
    nullable: c.nullable,
    primaryKey: c.primaryKey,
    unique: c.unique,
    default: c.default,
    references: c.references,
    ...(numericChecks && c.minimum !== undefined ? { minimum: c.minimum } : {}),
    ...(numericChecks && c.maximum !== undefined ? { maximum: c.maximum } : {}),
    ...(numericChecks ? ruleFields(c, type) : {}),
  };
}

function checks(list: unknown): { checks?: SnapshotCheck[] } {
  const out = Array.isArray(list) ? (list as Array<Record<string, unknown>>).map((k) => ({ name: String(k.name), sql: String(k.sql) })) : [];
  return out.length ? { checks: out } : {};
}

export function snapshotOf(ir: IR, implicitIndexes: (t: Table, ir: IR) => Omit<Index, "span">[]): Snapshot {
  return {
    version: 2,
    tables: ir.tables.map((t) => ({
      name: t.name,
      primaryKey: t.primaryKey,
      ...(t.keyColumns ? { keyColumns: [...t.keyColumns] } : {}),
      columns: t.columns.map((c) => column(c as never, true)),
      indexes: [...t.indexes, ...implicitIndexes(t, ir)].map(snapshotIndex),
      ...checks(t.checks),
      ...foreignKeys(t.foreignKeys),
    })),
  };
}

/**
 * A snapshot read from disk. Version 1 (the first release) stored the whole IR
 * column; its migrations created no range or rule checks, so those limits are dropped.
 * Version 2 files written before the rule checks existed have none of their fields: the
 * next migration adds the checks.
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
      indexes: (t.indexes as SnapshotIndex[]).map(snapshotIndex),
      ...(s.version === 2 ? checks(t.checks) : {}),
      ...foreignKeys(t.foreignKeys),
    })),
  };
}
