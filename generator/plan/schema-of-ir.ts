// The database schema the IR asks for, as the planner compares it (snapshot.ts): the tables
// with the indexes the generator adds, the renames the spec declares, and where the spec writes
// each table and column (for diagnostics).
import type { IR, Index, Table } from "../ir/types.js";
import { boundedName, indexName } from "./names.js";
import type { Renames, SpanLookup } from "./plan-migration.js";
import { snapshotOf, type Snapshot } from "./snapshot.js";

/**
 * Indexes the generator adds: one led by the owner column, one led by each foreign key, and one
 * for each order a list of the table offers (sortIndexes).
 */
export function implicitIndexes(t: Table, ir?: IR): Omit<Index, "span">[] {
  // A partial index serves only the rows its condition holds for: it stands in for none of these.
  const declared = t.indexes.filter((i) => !i.where).map((i) => i.columns);
  const leads = (col: string) => declared.some((cols) => cols[0] === col) || t.columns.some((c) => c.name === col && (c.unique || c.primaryKey));
  const out: Omit<Index, "span">[] = [];
  if (t.owner && !leads(t.owner)) {
    out.push({ name: indexName(t.name, [t.owner, t.primaryKey], false), columns: [t.owner, t.primaryKey], unique: false });
  }
  for (const c of t.columns) {
    if (!c.references || c.name === t.owner || leads(c.name)) continue;
    out.push({ name: indexName(t.name, [c.name], false), columns: [c.name], unique: false });
  }
  if (ir) out.push(...sortIndexes(t, ir, [...t.indexes, ...out]));
  return out;
}

/**
 * Every order a list of the table offers, served by an index, so that a page costs O(limit)
 * however many rows the caller has: (owner, column, key) for each sort key and the default
 * order (the key breaks ties; backward scans serve the other direction). A nullable column
 * sorts its nulls last both ways (runtime/list.ts), which one index cannot give backwards: its
 * descending order gets a second index, every column DESC NULLS LAST. An index that already
 * starts with those columns (or a unique one on owner and column) serves instead.
 */
export function sortIndexes(t: Table, ir: IR, existing: readonly Omit<Index, "span">[]): Omit<Index, "span">[] {
  const out: Omit<Index, "span">[] = [];
  const have = existing.filter((i) => !i.where);
  const serves = (cols: readonly string[], order: Index["order"]) =>
    have.some(
      (i) =>
        (i.order ?? undefined) === order &&
        (cols.every((c, k) => i.columns[k] === c) || (!order && i.unique && i.columns.length === cols.length - 1 && i.columns.every((c, k) => c === cols[k]))),
    );
  const columns: string[] = [];
  for (const e of ir.endpoints) {
    if (e.table !== t.name || e.action.kind !== "list" || !e.list || e.parent) continue;
    for (const c of [e.list.sort.default.column, ...e.list.sort.keys.map((k) => k.column)]) if (!columns.includes(c)) columns.push(c);
  }
  for (const name of columns) {
    const c = t.columns.find((x) => x.name === name);
    if (!c || name === t.primaryKey || name === t.owner || c.unique || c.primaryKey) continue;
    const cols = t.owner ? [t.owner, name, t.primaryKey] : [name, t.primaryKey];
    const wanted: Array<Omit<Index, "span">> = [{ name: boundedName(indexName(t.name, cols, false)), columns: cols, unique: false }];
    if (c.nullable) wanted.push({ name: boundedName(`${t.name}_${cols.join("_")}_desc_index`), columns: cols, unique: false, order: "desc-nulls-last" });
    for (const w of wanted) {
      if (serves(w.columns, w.order)) continue;
      out.push(w);
      have.push(w);
    }
  }
  return out;
}

export function currentSnapshot(ir: IR): Snapshot {
  const snap = snapshotOf(ir, implicitIndexes);
  // A unique index on a column already marked unique, or the same index twice, would collide.
  return {
    ...snap,
    tables: snap.tables.map((t) => {
      const seen = new Set<string>(t.columns.filter((c) => c.unique || c.primaryKey).map((c) => `true:asc:${c.name}`));
      const indexes = t.indexes.filter((i) => {
        const k = `${i.unique}:${i.order ?? "asc"}:${i.columns.join(",")}${i.where ? `:${i.where}` : ""}`;
        if (seen.has(k) || (!i.unique && seen.has(`true:asc:${i.columns.join(",")}`) && i.columns.length === 1)) return false;
        seen.add(k);
        return true;
      });
      return { ...t, indexes };
    }),
  };
}

/** The renames the spec declares ("renamed from ..."), keyed by the new names. */
export function renamesOf(ir: IR): Renames {
  const tables = new Map<string, string>();
  const columns = new Map<string, string>();
  for (const t of ir.tables) {
    if (t.renamedFrom) tables.set(t.name, t.renamedFrom);
    for (const c of t.columns) if (c.renamedFrom) columns.set(`${t.name}.${c.name}`, c.renamedFrom);
  }
  return { tables, columns };
}

export function spanLookup(ir: IR): SpanLookup {
  return (table, column) => {
    const t = ir.tables.find((x) => x.name === table);
    if (!t) return null;
    if (!column) return t.span;
    return t.columns.find((c) => c.name === column)?.span ?? null;
  };
}
