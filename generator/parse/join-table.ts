// The join table a many-to-many relation between two tables needs, as the code-first readers
// (GraphQL types, TypeScript interfaces, class diagrams) make it when the spec draws the relation
// but not the table: `<a singular>_<b>` with a key to each side (`<a singular>_id`,
// `<b singular>_id`), each deleted with its row, and one row per pair. Also what list fields
// between records mean (listFieldRelations): a join table, or a key on the listed record.
import { singular, snakeCase } from "../base/naming.js";
import type { Span } from "../base/span.js";
import type { Notation, RawTable, RawText } from "./raw.js";

export interface JoinSide {
  /** The table's name. */
  readonly table: string;
  /** Its key column and that column's type ("" when the key is written elsewhere: the IR takes its type). */
  readonly key: string;
  readonly type: string;
}

/** The join table of `a` and `b`, every text placed at `span`. */
export function joinTable(a: JoinSide, b: JoinSide, span: Span, notation: Notation): RawTable & { readonly columns: { name: RawText }[] } {
  const raw = (text: string): RawText => ({ text, span });
  const ca = `${snakeCase(singular(a.table))}_id`;
  const cb0 = `${snakeCase(singular(b.table))}_id`;
  const cb = cb0 === ca ? `related_${cb0}` : cb0;
  const side = (column: string, s: JoinSide) => ({
    name: raw(column),
    type: raw(s.type),
    constraints: [raw("not null"), raw(`references ${s.table}(${s.key}) on delete cascade`)],
  });
  return {
    name: raw(`${snakeCase(singular(a.table))}_${b.table}`),
    columns: [side(ca, a), side(cb, b)],
    indexes: [{ columns: [ca, cb], unique: true, span }],
    notation,
  };
}

/** A list field of one record naming another: `posts: [Post!]!` (GraphQL), `tasks: Task[]` (TypeScript). */
export interface ListField {
  readonly from: string;
  readonly field: string;
  readonly target: string;
  readonly at: number;
}

/** A key column a one-to-many list adds to the listed record. */
export interface ListKey {
  readonly name: RawText;
  readonly type: RawText;
  readonly nullable: false;
  readonly constraints: RawText[];
}

export interface ListFieldReading {
  readonly tableName: (type: string) => string;
  /** The type of a record's key ("" when the IR takes it from the key). */
  readonly keyType: (type: string) => string;
  /** The columns read so far for a record; undefined for one that is no table. */
  readonly columnsOf: (type: string) => readonly { readonly name: RawText; readonly constraints: readonly RawText[] }[] | undefined;
  /** Adds the key column to `type`'s columns (each reader keeps its own column drafts). */
  readonly addKey: (type: string, column: ListKey) => void;
  /** A list of `type` as the notation writes it, for the notes: `[Post]`, `Post[]`. */
  readonly listText: (type: string) => string;
  readonly raw: (text: string, at: number) => RawText;
  readonly span: (at: number) => Span;
  readonly note: (message: string, at: number) => void;
}

/**
 * What list fields between records mean. Lists on both sides are a many-to-many relation: its
 * join table (made once per pair) is returned. A list on one side is one-to-many: the listed
 * record gets the key `<from singular>_id`, unless it already references `from` or has that column.
 */
export function listFieldRelations(fields: readonly ListField[], notation: Notation, r: ListFieldReading): RawTable[] {
  const joinTables: RawTable[] = [];
  for (const f of fields) {
    const back = fields.find((x) => x.from === f.target && x.target === f.from);
    if (back) {
      if (f.from > f.target || (f.from === f.target && f.field > back.field)) continue;
      const j = joinTable({ table: r.tableName(f.from), key: "id", type: r.keyType(f.from) }, { table: r.tableName(f.target), key: "id", type: r.keyType(f.target) }, r.span(f.at), notation);
      joinTables.push(j);
      r.note(`${f.from}.${f.field} and ${f.target}.${back.field} are many-to-many: the join table "${j.name.text}" (${j.columns.map((c) => c.name.text).join(", ")})`, f.at);
      continue;
    }
    const cols = r.columnsOf(f.target);
    if (!cols) continue;
    const refs = `references ${r.tableName(f.from)}(id)`;
    if (cols.some((c) => c.constraints.some((k) => k.text.startsWith(refs)))) continue;
    const colName = `${snakeCase(singular(f.from))}_id`;
    if (cols.some((c) => c.name.text === colName)) continue;
    r.addKey(f.target, { name: r.raw(colName, f.at), type: r.raw(r.keyType(f.from), f.at), nullable: false, constraints: [r.raw(refs, f.at)] });
    r.note(`${f.from}.${f.field} (${r.listText(f.target)}) is one-to-many: ${r.tableName(f.target)} gets the key "${colName}"`, f.at);
  }
  return joinTables;
}
