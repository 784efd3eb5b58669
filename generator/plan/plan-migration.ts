// The schema differ: the typed steps (steps.ts) that turn one snapshot into the next, and back.
// Pure and deterministic. Renames come only from the spec ("renamed from ...") and become
// RENAME steps, never a drop and re-add. Every step that can destroy data, or that changes the
// API's type of a column, is reported so the caller can refuse it unless the user allowed it;
// a change that cannot be migrated is reported too, each one, instead of a step.
import type { Span } from "../ir/types.js";
import { apiTypeChange, describeType, isWidening, sqlType } from "../ir/column-forms.js";
import { columnRuleChecks, ruleSummary, type RuleCheck } from "./column-rules.js";
import { enumCheckName } from "./names.js";
import { isIncrement, valueList, type Snapshot, type SnapshotCheck, type SnapshotColumn, type SnapshotForeignKey, type SnapshotIndex, type SnapshotTable } from "./snapshot.js";
import { defaultSql, lit, q, zeroSql } from "./sql-text.js";
import type { ColumnChange, Step } from "./steps.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface Renames {
  /** new table name -> old table name */
  readonly tables: ReadonlyMap<string, string>;
  /** "<new table>.<new column>" -> old column name */
  readonly columns: ReadonlyMap<string, string>;
}

export const NO_RENAMES: Renames = { tables: new Map(), columns: new Map() };

/** Where a table or column of the new schema is written in the spec, for diagnostics. */
export type SpanLookup = (table: string, column?: string) => Span | null;

/** A problem the plan reports: what, and where the spec writes the table or column (null: nowhere). */
export interface PlanProblem {
  readonly message: string;
  readonly span: Span | null;
}

export interface MigrationPlan {
  readonly slug: string;
  /** One line per change, for the comment at the top of the migration. */
  readonly summary: readonly string[];
  readonly up: readonly Step[];
  readonly down: readonly Step[];
  /** Changes that cannot be migrated (a primary key, auto-increment, vector to another type); empty when none. */
  readonly unsupported: readonly PlanProblem[];
  /** What `up` destroys (or may make fail on existing data); empty when nothing. */
  readonly destructive: readonly PlanProblem[];
  /**
   * What `up` changes for API clients: a column whose JSON type in the API changes (integer ->
   * bigint makes a JSON number a string). Refused unless allowed, like `destructive`; empty when nothing.
   */
  readonly breaking: readonly PlanProblem[];
}

/** Tables ordered so that every table comes after the tables it references. */
export function creationOrder(tables: readonly SnapshotTable[]): SnapshotTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: SnapshotTable[] = [];
  const visit = (t: SnapshotTable, stack: Set<string>) => {
    if (done.has(t.name) || stack.has(t.name)) return;
    stack.add(t.name);
    for (const c of t.columns) {
      const dep = c.references && byName.get(c.references.table);
      if (dep && dep.name !== t.name) visit(dep, stack);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => (a.name < b.name ? -1 : 1))) visit(t, new Set());
  return out;
}


// ------------------------------------------------------------------ the differ

type MutTable = { name: string; primaryKey: string; keyColumns?: string[]; columns: SnapshotColumn[]; indexes: SnapshotIndex[]; checks?: SnapshotCheck[]; foreignKeys?: SnapshotForeignKey[] };

function clone(s: Snapshot): MutTable[] {
  return JSON.parse(JSON.stringify(s.tables)) as MutTable[];
}

/** The renames that apply: the old name exists before and the new one does not. */
function applicableRenames(from: Snapshot, to: Snapshot, r: Renames): Renames {
  const fromNames = new Set(from.tables.map((t) => t.name));
  const tables = new Map<string, string>();
  for (const t of to.tables) {
    const old = r.tables.get(t.name);
    if (old && fromNames.has(old) && !fromNames.has(t.name) && !to.tables.some((x) => x.name === old)) tables.set(t.name, old);
  }
  const columns = new Map<string, string>();
  for (const t of to.tables) {
    const before = from.tables.find((x) => x.name === (tables.get(t.name) ?? t.name));
    if (!before) continue;
    for (const c of t.columns) {
      const old = r.columns.get(`${t.name}.${c.name}`);
      if (!old) continue;
      const has = (n: string) => before.columns.some((x) => x.name === n);
      if (has(old) && !has(c.name) && !t.columns.some((x) => x.name === old)) columns.set(`${t.name}.${c.name}`, old);
    }
  }
  return { tables, columns };
}

function invertRenames(r: Renames): Renames {
  const tables = new Map<string, string>();
  for (const [n, o] of r.tables) tables.set(o, n);
  const columns = new Map<string, string>();
  for (const [key, oldCol] of r.columns) {
    const dot = key.indexOf(".");
    const newTable = key.slice(0, dot);
    const newCol = key.slice(dot + 1);
    columns.set(`${r.tables.get(newTable) ?? newTable}.${oldCol}`, newCol);
  }
  return { tables, columns };
}

/** The steps from `from` to `to`; each change that cannot be migrated goes to `unsupported` instead. */
function steps(from: Snapshot, to: Snapshot, renames: Renames, spanOf: SpanLookup, unsupported: PlanProblem[]): Step[] {
  const cur = clone(from);
  const out: Step[] = [];
  const span = (t: string, c?: string) => spanOf(t, c) ?? (c ? spanOf(t) : null);
  const refuse = (message: string, at: Span | null) => unsupported.push({ message, span: at });

  // 1. Renames first, so everything after compares like with like.
  for (const [newT, oldT] of renames.tables) {
    const t = cur.find((x) => x.name === oldT)!;
    const columns = t.columns;
    t.name = newT;
    for (const other of cur) {
      other.columns = other.columns.map((c) => (c.references?.table === oldT ? { ...c, references: { ...c.references, table: newT } } : c));
    }
    out.push({ kind: "rename-table", table: newT, from: oldT, columns, summary: `rename table ${oldT} to ${newT}`, slug: `rename_${oldT}_to_${newT}` });
  }
  for (const [key, oldC] of renames.columns) {
    const dot = key.indexOf(".");
    const tName = key.slice(0, dot);
    const newC = key.slice(dot + 1);
    const t = cur.find((x) => x.name === tName)!;
    const c = t.columns.find((x) => x.name === oldC)!;
    t.columns = t.columns.map((x) => (x.name === oldC ? { ...x, name: newC } : x));
    t.indexes = t.indexes.map((i) => ({ ...i, columns: i.columns.map((n) => (n === oldC ? newC : n)) }));
    if (t.primaryKey === oldC) t.primaryKey = newC;
    for (const other of cur) {
      other.columns = other.columns.map((x) =>
        x.references?.table === tName && x.references.column === oldC ? { ...x, references: { ...x.references, column: newC } } : x,
      );
    }
    out.push({ kind: "rename-column", table: tName, column: newC, from: oldC, before: c, summary: `rename column ${tName}.${oldC} to ${newC}`, slug: `rename_${tName}_${oldC}_to_${newC}` });
  }

  const dropFks: Step[] = [];
  const dropCons: Step[] = [];
  const creates: Step[] = [];
  const alters: Step[] = [];
  const addCons: Step[] = [];
  const addFks: Step[] = [];
  const drops: Step[] = [];

  const curNames = new Set(cur.map((t) => t.name));
  const toNames = new Set(to.tables.map((t) => t.name));

  // 2. New tables, in dependency order. Where references go round in a cycle (tasks -> sessions
  // -> tasks), a table cannot reference one not created yet: that foreign key is added after
  // every table exists.
  const created = new Set(curNames);
  for (const t of creationOrder(to.tables.filter((x) => !curNames.has(x.name)))) {
    const later = (c: SnapshotColumn) => !!c.references && c.references.table !== t.name && !created.has(c.references.table) && toNames.has(c.references.table);
    const deferred = t.columns.filter(later);
    const now = deferred.length ? { ...t, columns: t.columns.map((c) => (later(c) ? { ...c, references: null } : c)) } : t;
    creates.push({ kind: "create-table", table: t.name, create: now as SnapshotTable, summary: `create table ${t.name}`, slug: `create_${t.name}` });
    for (const c of deferred) addFks.push(addFk(t.name, c));
    created.add(t.name);
  }
  // 3. Tables that are gone, referencing tables first.
  for (const t of creationOrder(cur.filter((x) => !toNames.has(x.name))).reverse()) {
    drops.push({
      kind: "drop-table",
      table: t.name,
      summary: `drop table ${t.name}`,
      slug: `drop_${t.name}`,
      destroys: `drops table "${t.name}" and every row in it`,
      span: null,
    });
  }

  // 4. Tables on both sides.
  for (const b of to.tables) {
    const a = cur.find((x) => x.name === b.name);
    if (!a) continue;
    const T = b.name;
    if (a.primaryKey !== b.primaryKey) {
      refuse(`the primary key of "${T}" changes from "${a.primaryKey}" to "${b.primaryKey}"; changing a primary key is not supported`, span(T));
      continue;
    }
    if (JSON.stringify(a.keyColumns ?? null) !== JSON.stringify(b.keyColumns ?? null)) {
      refuse(`the key columns of "${T}" change; changing a primary key is not supported`, span(T));
      continue;
    }
    for (const cb of b.columns) {
      const ca = a.columns.find((x) => x.name === cb.name);
      const C = cb.name;
      const where = `${T}.${C}`;
      if (!ca) {
        if (cb.primaryKey) {
          refuse(`column "${where}" is a new primary key; changing a primary key is not supported`, span(T, C));
          continue;
        }
        const fill = !cb.nullable && !cb.default && !isIncrement(cb);
        if (fill) {
          alters.push({
            kind: "add-column",
            table: T,
            column: C,
            add: cb,
            fill: zeroSql(cb.type),
            summary: `add column ${where} (NOT NULL, existing rows get ${zeroSql(cb.type)})`,
            slug: `add_${T}_${C}`,
            destroys: `adds NOT NULL column "${where}" without a default: existing rows get ${zeroSql(cb.type)}`,
            span: span(T, C),
          });
        } else {
          alters.push({ kind: "add-column", table: T, column: C, add: cb, fill: null, summary: `add column ${where}`, slug: `add_${T}_${C}` });
        }
        const rules = columnRuleChecks(T, cb);
        const addRule = (k: RuleCheck) => addCons.push({ kind: "add-check", table: T, column: C, name: k.name, sql: k.sql, summary: ruleSummary(k, where, false), slug: `check_${T}_${C}` });
        rules.filter((x) => x.family === "range").forEach(addRule);
        if (hasTypeChecks(cb.type)) addCons.push({ kind: "add-type-checks", table: T, column: C, of: cb, summary: `check values of ${where}`, slug: `check_${T}_${C}` });
        rules.filter((x) => x.family !== "range").forEach(addRule);
        if (cb.references) addFks.push(addFk(T, cb));
        continue;
      }
      if (ca.primaryKey !== cb.primaryKey) {
        refuse(`column "${where}" changes whether it is the primary key; that is not supported`, span(T, C));
        continue;
      }
      if (isIncrement(ca) !== isIncrement(cb)) {
        refuse(`column "${where}" changes whether it auto-increments; that is not supported`, span(T, C));
        continue;
      }

      if (!same(ca.references, cb.references)) {
        if (ca.references) dropFks.push({ kind: "drop-foreign-key", table: T, column: C, summary: `drop foreign key ${where}`, slug: `fk_${T}_${C}` });
        if (cb.references) addFks.push(addFk(T, cb));
      }
      if (ca.unique !== cb.unique && !cb.primaryKey) {
        if (ca.unique) dropCons.push({ kind: "drop-unique", table: T, column: C, summary: `drop unique ${where}`, slug: `unique_${T}_${C}` });
        else addCons.push({ kind: "add-unique", table: T, column: C, summary: `make ${where} unique`, slug: `unique_${T}_${C}` });
      }
      // A rule check that changed is dropped before the column changes and made again after it
      // (so a type change never has to carry a check written for the old type).
      const rulesBefore = columnRuleChecks(T, ca);
      const rulesAfter = columnRuleChecks(T, cb);
      const kept = (k: RuleCheck, other: readonly RuleCheck[]) => other.some((x) => x.name === k.name && x.sql === k.sql);
      for (const k of rulesBefore) {
        if (!kept(k, rulesAfter)) dropCons.push({ kind: "drop-check", table: T, column: C, name: k.name, summary: ruleSummary(k, where, true), slug: `check_${T}_${C}` });
      }
      for (const k of rulesAfter) {
        if (!kept(k, rulesBefore)) addCons.push({ kind: "add-check", table: T, column: C, name: k.name, sql: k.sql, summary: ruleSummary(k, where, false), slug: `check_${T}_${C}` });
      }

      const typeChanged = !same(ca.type, cb.type);
      const changes: ColumnChange[] = [];
      const summary: string[] = [];
      let destroys: string | undefined;
      const breaks = typeChanged ? apiTypeChange(ca.type, cb.type, where) ?? undefined : undefined;
      if (typeChanged) {
        if ((ca.type.kind === "vector") !== (cb.type.kind === "vector")) {
          refuse(`column "${where}" changes between vector and ${ca.type.kind === "vector" ? describeType(cb.type) : describeType(ca.type)}; write that migration by hand, or add a new column`, span(T, C));
          continue;
        }
        if (valueList(ca.type)) {
          dropCons.push({ kind: "drop-check", table: T, column: C, name: enumCheckName(T, C), summary: `drop allowed values of ${where}`, slug: `enum_${T}_${C}` });
        }
        const sameStorage = sqlType(ca.type) === sqlType(cb.type);
        if (ca.type.kind === "vector" && cb.type.kind === "vector") {
          changes.push({ kind: "vector-dimensions", dimensions: cb.type.dimensions });
          summary.push(`change type of ${where} from ${describeType(ca.type)} to ${describeType(cb.type)}`);
        } else if (!sameStorage) {
          if (ca.default) changes.push({ kind: "drop-default" });
          changes.push({ kind: "type", from: ca.type, to: cb.type });
          summary.push(`change type of ${where} from ${describeType(ca.type)} to ${describeType(cb.type)}`);
        }
        if (cb.type.kind === "enum") {
          const removed = ca.type.kind === "enum" ? ca.type.values.filter((v) => !(cb.type as { readonly values: readonly string[] }).values.includes(v)) : null;
          const values = cb.type.values;
          if (removed === null || removed.length > 0) {
            // Rows holding a value that is no longer allowed would make the new CHECK fail.
            const fallback = cb.default?.kind === "literal" && typeof cb.default.value === "string" && values.includes(cb.default.value) ? lit(cb.default.value) : cb.nullable ? "NULL" : null;
            changes.push({ kind: "replace-values", values, fallback });
            const what = removed === null ? `values of "${where}" outside (${values.join(", ")})` : `the value${removed.length > 1 ? "s" : ""} ${removed.map((v) => `"${v}"`).join(", ")} of "${where}"`;
            destroys = `removes ${what}: ${fallback ? `those rows get ${fallback}` : "the rows holding them are DELETED"}`;
          }
          if (ca.type.kind === "enum") summary.push(`change allowed values of ${where} to (${values.join(", ")})`);
          addCons.push({
            kind: "add-check",
            table: T,
            column: C,
            name: enumCheckName(T, C),
            sql: `${q(C)} IN (${values.map(lit).join(", ")})`,
            summary: `allow (${values.join(", ")}) in ${where}`,
            slug: `enum_${T}_${C}`,
          });
        } else if (cb.type.kind === "array" && cb.type.of.kind === "enum") {
          const values = cb.type.of.values;
          const before = valueList(ca.type);
          const removed = ca.type.kind === "array" && before ? before.filter((v) => !values.includes(v)) : null;
          // Lists are not rewritten: a row holding a value no longer allowed makes the new CHECK fail.
          if (removed === null || removed.length > 0 || !isWidening(ca.type, cb.type)) {
            destroys = `limits "${where}" to (${values.join(", ")}): the migration fails while a row holds another value`;
          }
          addCons.push({ kind: "add-type-checks", table: T, column: C, of: cb, summary: `allow (${values.join(", ")}) in ${where}`, slug: `enum_${T}_${C}` });
        } else if (ca.type.kind === "vector" && cb.type.kind === "vector") {
          destroys = `changes "${where}" from ${ca.type.dimensions} to ${cb.type.dimensions} dimensions: the migration fails while a row holds a vector`;
        } else if (!isWidening(ca.type, cb.type)) {
          destroys = `narrows "${where}" from ${describeType(ca.type)} to ${describeType(cb.type)}: values that do not fit are truncated or make the migration fail`;
        }
      }
      if (!same(ca.default, cb.default) || (typeChanged && ca.default && sqlType(ca.type) !== sqlType(cb.type))) {
        if (cb.default?.kind === "increment") {
          refuse("a column cannot become auto-increment after it was created", null);
          continue;
        }
        if (cb.default) changes.push({ kind: "set-default", sql: defaultSql(cb.default) });
        else if (!typeChanged || sqlType(ca.type) === sqlType(cb.type)) changes.push({ kind: "drop-default" });
        if (!same(ca.default, cb.default)) summary.push(cb.default ? `set default of ${where}` : `drop default of ${where}`);
      }
      if (ca.nullable !== cb.nullable && !cb.primaryKey) {
        if (cb.nullable) {
          changes.push({ kind: "drop-not-null" });
          summary.push(`make ${where} nullable`);
        } else {
          const fill = cb.default && cb.default.kind !== "increment" ? defaultSql(cb.default) : zeroSql(cb.type);
          changes.push({ kind: "set-not-null", fill });
          summary.push(`make ${where} NOT NULL`);
          if (!cb.default) destroys ??= `makes "${where}" NOT NULL without a default: rows where it is NULL get ${fill}`;
        }
      }
      const marks = { ...(destroys ? { destroys } : {}), ...(breaks ? { breaks } : {}), ...(destroys || breaks ? { span: span(T, C) } : {}) };
      if (changes.length || destroys || breaks) {
        alters.push({ kind: "alter-column", table: T, column: C, changes, summary: summary.join("; ") || `alter ${where}`, slug: `alter_${T}_${C}`, ...marks });
      }
    }
    for (const ca of a.columns) {
      if (b.columns.some((x) => x.name === ca.name)) continue;
      alters.push({
        kind: "drop-column",
        table: T,
        column: ca.name,
        summary: `drop column ${T}.${ca.name}`,
        slug: `drop_${T}_${ca.name}`,
        destroys: `drops column "${T}.${ca.name}" and the data it holds`,
        span: span(T),
      });
    }
    // Indexes, by name; one that only changed name is renamed.
    const key = (i: SnapshotIndex) => `${i.unique}:${i.order ?? "asc"}:${i.columns.join(",")}:${i.where ?? ""}`;
    const gone = a.indexes.filter((i) => !b.indexes.some((x) => x.name === i.name && same(x, i)));
    const fresh = b.indexes.filter((i) => !a.indexes.some((x) => x.name === i.name && same(x, i)));
    for (const i of gone) {
      const twin = fresh.find((x) => key(x) === key(i) && !a.indexes.some((y) => y.name === x.name));
      if (twin && !b.indexes.some((x) => x.name === i.name)) {
        fresh.splice(fresh.indexOf(twin), 1);
        out.push({ kind: "rename-index", table: T, from: i.name, to: twin.name, summary: `rename index ${i.name} to ${twin.name}`, slug: "" });
        continue;
      }
      dropCons.push({
        kind: "drop-index",
        table: T,
        index: i,
        summary: `drop index ${i.name}`,
        slug: `drop_${i.name}`,
      });
    }
    for (const i of fresh) addCons.push({ kind: "add-index", table: T, index: i, summary: `add index ${i.name}`, slug: `${i.name}` });
    // The table's own CHECKs, by name; one whose expression changed is dropped and made again.
    const checksBefore = a.checks ?? [];
    const checksAfter = b.checks ?? [];
    const sameCheck = (k: SnapshotCheck, other: readonly SnapshotCheck[]) => other.some((x) => x.name === k.name && x.sql === k.sql);
    for (const k of checksBefore) {
      if (!sameCheck(k, checksAfter)) dropCons.push({ kind: "drop-check", table: T, name: k.name, summary: `drop check ${k.name}`, slug: `drop_${k.name}` });
    }
    for (const k of checksAfter) {
      if (!sameCheck(k, checksBefore)) addCons.push({ kind: "add-check", table: T, name: k.name, sql: k.sql, summary: `check ${k.name}: ${k.sql.replace(/\s+/g, " ")}`, slug: k.name });
    }
  }
  // 5. Foreign keys of several columns, by name and content: dropped before anything changes
  // (a table that goes takes its own), added once every table and unique index exists.
  for (const b of to.tables) {
    const before = cur.find((x) => x.name === b.name)?.foreignKeys ?? [];
    const after = b.foreignKeys ?? [];
    const same = (k: SnapshotForeignKey, other: readonly SnapshotForeignKey[]) => other.some((x) => JSON.stringify(x) === JSON.stringify(k));
    for (const k of before) if (!same(k, after)) dropFks.push({ kind: "drop-composite-key", table: b.name, key: k, summary: `drop foreign key ${k.name}`, slug: `drop_${k.name}` });
    for (const k of after)
      if (!same(k, before))
        addFks.push({ kind: "add-composite-key", table: b.name, key: k, summary: `foreign key ${b.name} (${k.columns.join(", ")}) -> ${k.table} (${k.refColumns.join(", ")}) on delete ${k.onDelete}`, slug: k.name });
  }
  return [...out, ...dropFks, ...dropCons, ...creates, ...alters, ...addCons, ...addFks, ...drops];
}

/** True when the column's type needs checks beyond its SQL type (a list of enum values, a vector). */
function hasTypeChecks(t: SnapshotColumn["type"]): boolean {
  return (t.kind === "array" && t.of.kind === "enum") || t.kind === "vector";
}

function addFk(T: string, c: SnapshotColumn): Step {
  const r = c.references!;
  return {
    kind: "add-foreign-key",
    table: T,
    column: c.name,
    of: c,
    summary: `foreign key ${T}.${c.name} -> ${r.table}.${r.column} on delete ${r.onDelete}`,
    slug: `fk_${T}_${c.name}`,
  };
}

function slugOf(list: readonly Step[], initial: boolean): string {
  if (initial) return "init";
  const tokens = [...new Set(list.map((s) => s.slug.toLowerCase().replace(/[^a-z0-9_]+/g, "_")))].filter(Boolean);
  let slug = tokens[0] ?? "change";
  for (const t of tokens.slice(1)) {
    if (slug.length + t.length + 1 > 60) {
      slug += "_etc";
      break;
    }
    slug += `_${t}`;
  }
  return slug.replace(/_+/g, "_").slice(0, 64);
}

/**
 * The migration from `prev` to `next`; null when the database schema is the same. A change that
 * cannot be migrated is in `unsupported` (every one of them); the steps are then incomplete.
 */
export function planMigration(prev: Snapshot, next: Snapshot, renames: Renames = NO_RENAMES, spanOf: SpanLookup = () => null): MigrationPlan | null {
  const r = applicableRenames(prev, next, renames);
  const unsupported: PlanProblem[] = [];
  const up = steps(prev, next, r, spanOf, unsupported);
  if (up.length === 0 && unsupported.length === 0) return null;
  // down is planned like up, from next back to prev, so its phases run in a working order. What
  // it cannot plan is reported only when up could plan everything.
  const downUnsupported: PlanProblem[] = [];
  const down = steps(next, prev, invertRenames(r), () => null, downUnsupported);
  return {
    slug: slugOf(up, prev.tables.length === 0),
    summary: up.flatMap((s) => [s.destroys ? `DESTRUCTIVE: ${s.destroys}` : s.summary, ...(s.breaks ? [`BREAKING API: ${s.breaks}`] : [])]),
    up,
    down,
    unsupported: unsupported.length ? unsupported : downUnsupported,
    destructive: up.filter((s) => s.destroys).map((s) => ({ message: s.destroys!, span: s.span ?? null })),
    breaking: up.filter((s) => s.breaks).map((s) => ({ message: s.breaks!, span: s.span ?? null })),
  };
}

