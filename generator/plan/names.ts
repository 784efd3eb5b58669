// The names a migration gives constraints, sequences and indexes. Each is a function of table
// and column, the same one Knex and PostgreSQL give when a table is created, so a renamed table
// or column gets its constraints renamed too and a migrated database matches a freshly created one.
import { createHash } from "node:crypto";

export const pkeyName = (t: string) => `${t}_pkey`;
export const seqName = (t: string, c: string) => `${t}_${c}_seq`;
export const fkName = (t: string, c: string) => `${t}_${c}_foreign`;
export const uniqueName = (t: string, c: string) => `${t}_${c}_unique`;
export const enumCheckName = (t: string, c: string) => `${t}_${c}_check`;
export const rangeName = (t: string, c: string) => `${t}_${c}_range`;
/** The CHECK that holds a vector column stored as real[] (no pgvector) to its number of dimensions. */
export const dimsName = (t: string, c: string) => `${t}_${c}_dims`;
/** The CHECKs of a column's own rules, one per family (see columnRuleChecks). */
export const lengthName = (t: string, c: string) => `${t}_${c}_length`;
export const formatName = (t: string, c: string) => `${t}_${c}_format`;
export const patternName = (t: string, c: string) => `${t}_${c}_pattern`;
export const itemsName = (t: string, c: string) => `${t}_${c}_items`;

export function indexName(table: string, columns: readonly string[], unique: boolean): string {
  return `${table}_${columns.join("_")}_${unique ? "unique" : "index"}`;
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

