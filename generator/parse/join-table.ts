// The join table a many-to-many relation between two tables needs, as the code-first readers
// (GraphQL types, TypeScript interfaces, class diagrams) make it when the spec draws the relation
// but not the table: `<a singular>_<b>` with a key to each side (`<a singular>_id`,
// `<b singular>_id`), each deleted with its row, and one row per pair.
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
