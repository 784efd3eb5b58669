// Knex migrations. Each generation that changes the schema appends one migration
// numbered NNNN_<slug>.ts, diffed against the snapshot of the last one; existing
// migrations are passed through untouched.
import { createHash } from "node:crypto";
import type { IR, Index, Table } from "../ir/types.js";
import { json, str, tsHeader, type FileMap } from "./common.js";
import { EMPTY_SNAPSHOT, snapshotOf, type Snapshot } from "./snapshot.js";
import { planMigration, type Destructive, type MigrationPlan, type Renames, type SpanLookup } from "./plan-migration.js";

export { UnsupportedSchemaChange, planMigration } from "./plan-migration.js";

export interface PreviousMigrations {
  /** State after the last committed migration (EMPTY_SNAPSHOT when there is none). */
  readonly snapshot: Snapshot;
  /** Existing migration files by name (e.g. "0001_init"), contents verbatim. */
  readonly files: ReadonlyMap<string, string>;
  /** migrations/journal.json as committed; null when there is none yet. */
  readonly journal: readonly JournalEntry[] | null;
}

export const NO_PREVIOUS: PreviousMigrations = { snapshot: EMPTY_SNAPSHOT, files: new Map(), journal: null };

export function indexName(table: string, columns: readonly string[], unique: boolean): string {
  return `${table}_${columns.join("_")}_${unique ? "unique" : "index"}`;
}

/**
 * Indexes the generator adds: one led by the owner column, one led by each foreign key, and one
 * for each order a list of the table offers (sortIndexes).
 */
export function implicitIndexes(t: Table, ir?: IR): Omit<Index, "span">[] {
  const declared = t.indexes.map((i) => i.columns);
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
 * A name PostgreSQL keeps whole: it cuts identifiers at 63 bytes, and two long names cut alike
 * would collide. A longer name keeps its start and ends in a hash of the whole.
 */
export function boundedName(name: string): string {
  if (Buffer.byteLength(name) <= 63) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 10);
  let head = name;
  while (Buffer.byteLength(head) > 63 - 11) head = head.slice(0, -1);
  return `${head}_${hash}`;
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
  const have = [...existing];
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
        const k = `${i.unique}:${i.order ?? "asc"}:${i.columns.join(",")}`;
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

/** Steps that destroy data, refused unless the user passes --allow-destructive. */
export class DestructiveChange extends Error {
  /** `breaking`: the plan's API-breaking steps that are refused too, said in the same run. */
  constructor(readonly steps: readonly Destructive[], readonly breaking: readonly Destructive[] = []) {
    super(`the schema change would destroy data: ${steps.map((s) => s.message).join("; ")}`);
  }
}

/**
 * Steps that change the API's JSON type of a column (MigrationPlan.breaking), refused unless the
 * user passes --allow-breaking: the database keeps every value, but clients built for the old
 * type break.
 */
export class BreakingChange extends Error {
  constructor(readonly steps: readonly Destructive[]) {
    super(`the schema change would break API clients: ${steps.map((s) => s.message).join("; ")}`);
  }
}

export interface MigrationOptions {
  readonly allowDestructive?: boolean;
  readonly allowBreaking?: boolean;
}

// ------------------------------------------------------------------ journal
// migrations/journal.json records each migration's hash and a chain hash over all
// before it. Entries are carried over verbatim, never recomputed, so an edited,
// removed or slipped-in migration stays visible to `specforge check`.

export interface JournalEntry {
  readonly name: string;
  readonly sha256: string;
  readonly chain: string;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function chained(prev: string, name: string, hash: string): string {
  return sha256(`${prev}\n${name}\n${hash}`);
}

export function appendJournal(entries: readonly JournalEntry[], name: string, contents: string): JournalEntry[] {
  const hash = sha256(contents);
  return [...entries, { name, sha256: hash, chain: chained(entries.at(-1)?.chain ?? "", name, hash) }];
}

export interface HistoryProblem {
  readonly migration: string;
  readonly kind: "edited" | "deleted" | "unrecorded" | "journal";
  readonly message: string;
}

/** How the committed migrations differ from what the journal recorded. Empty when they agree. */
export function verifyHistory(previous: PreviousMigrations): HistoryProblem[] {
  const journal = previous.journal;
  if (!journal) return [];
  const out: HistoryProblem[] = [];
  let chain = "";
  for (const e of journal) {
    chain = chained(chain, e.name, e.sha256);
    if (chain !== e.chain) {
      out.push({ migration: e.name, kind: "journal", message: `journal.json was edited: the hash chain breaks at ${e.name}` });
      break;
    }
  }
  for (const e of journal) {
    const text = previous.files.get(e.name);
    if (text === undefined) out.push({ migration: e.name, kind: "deleted", message: `committed migration ${e.name} was deleted or renamed` });
    else if (sha256(text) !== e.sha256) out.push({ migration: e.name, kind: "edited", message: `committed migration ${e.name} was edited (sha256 ${sha256(text).slice(0, 12)}, journal says ${e.sha256.slice(0, 12)})` });
  }
  for (const name of previous.files.keys()) {
    if (!journal.some((e) => e.name === name)) out.push({ migration: name, kind: "unrecorded", message: `migration ${name} is not in journal.json (written by hand?)` });
  }
  return out;
}

function migrationFile(ir: IR, name: string, plan: MigrationPlan): string {
  const about = plan.slug !== "init" ? [`// Changes:`, ...plan.summary.map((s) => `//   - ${s}`), ``] : [];
  return [
    tsHeader(ir.sources.schema).trimEnd(),
    `import type { Knex } from "knex";`,
    ``,
    ...about,
    `export const name = ${str(name)};`,
    ``,
    `export async function up(knex: Knex): Promise<void> {`,
    plan.up.join("\n"),
    `}`,
    ``,
    `export async function down(knex: Knex): Promise<void> {`,
    plan.down.join("\n"),
    `}`,
    ``,
  ].join("\n");
}

export function emitMigrations(ir: IR, previous: PreviousMigrations, options: MigrationOptions = {}): FileMap {
  const files: FileMap = new Map();
  const names = [...previous.files.keys()].sort();
  for (const n of names) files.set(`migrations/${n}.ts`, previous.files.get(n)!);
  // A project from before the journal existed: record its migrations as they are now.
  let journal: JournalEntry[] = previous.journal ? [...previous.journal] : [];
  if (!previous.journal) for (const n of names) journal = appendJournal(journal, n, previous.files.get(n)!);
  const next = currentSnapshot(ir);
  const plan = planMigration(previous.snapshot, next, renamesOf(ir), spanLookup(ir));
  if (plan) {
    const breaking = options.allowBreaking ? [] : plan.breaking;
    if (plan.destructive.length > 0 && !options.allowDestructive) throw new DestructiveChange(plan.destructive, breaking);
    if (breaking.length > 0) throw new BreakingChange(breaking);
    const number = String(names.length + 1).padStart(4, "0");
    const name = `${number}_${plan.slug}`.slice(0, 80);
    const text = migrationFile(ir, name, plan);
    files.set(`migrations/${name}.ts`, text);
    names.push(name);
    journal = appendJournal(journal, name, text);
  }
  files.set(`migrations/snapshot.json`, json({ "x-generated-by": "specforge", ...next }));
  files.set(`migrations/journal.json`, json({ "x-generated-by": "specforge", version: 1, migrations: journal }));
  const index = [tsHeader(ir.sources.schema)];
  index.push(`import type { Migration } from "../runtime/migrate.js";`);
  names.forEach((n, i) => index.push(`import * as m${i + 1} from "./${n}.js";`));
  index.push(``);
  index.push(`/** Every migration, oldest first. */`);
  index.push(`export const migrations: readonly Migration[] = [${names.map((_, i) => `m${i + 1}`).join(", ")}];`);
  files.set("migrations/index.ts", index.join("\n") + "\n");
  return files;
}

