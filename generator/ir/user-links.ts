// Links between two users: a row that ties its owner (the user who makes it) to another user
// (follows: follower_id, followee_id; blocks; friendships), at most once per pair. The owner
// writes the row; the other user is named by it. Whether that other user may read the rows
// naming them depends on what the link is: a follow or a friendship is known to both sides, a
// block or a mute is its maker's private business.
import { singular, words } from "../base/naming.js";

export interface LinkShape {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly unique: boolean; readonly references: { readonly table: string } | null }[];
  readonly keyColumns?: readonly string[];
  readonly primaryKey: string;
  readonly indexes: readonly { readonly columns: readonly string[]; readonly unique: boolean; readonly where?: unknown }[];
}

/**
 * The column naming the other user of a link between users: `owner` and it both reference the
 * users table, no third column does, and the pair is the table's key or unique (a composite
 * primary key, a unique constraint or index on both, or either alone). null: not such a link.
 */
export function otherUserColumn(t: LinkShape, owner: string | null, identity: string | null): string | null {
  if (!owner || !identity || t.name === identity) return null;
  const users = t.columns.filter((c) => c.references?.table === identity);
  if (users.length !== 2 || !users.some((c) => c.name === owner)) return null;
  const other = users.find((c) => c.name !== owner)!.name;
  return uniquePair(t, owner, other) ? other : null;
}

/** Whether the rows of `t` are at most one per value pair of columns `a` and `b` (a key or unique set within them). */
export function uniquePair(t: LinkShape, a: string, b: string): boolean {
  const within = (cols: readonly string[]) => cols.length > 0 && cols.every((c) => c === a || c === b);
  if (t.keyColumns ? within(t.keyColumns) : t.primaryKey === a || t.primaryKey === b) return true;
  if (t.columns.some((c) => c.unique && (c.name === a || c.name === b))) return true;
  return t.indexes.some((i) => i.unique && !i.where && within(i.columns));
}

/** Words of a link its maker keeps to themselves: the user it names is not told (a block, a mute, a report). */
const PRIVATE_LINK = /^(block|blocking|blocked|mute|muting|muted|ignore|ignored|hide|hidden|report|reported|ban|banned|restrict|restricted|spam)$/;

/**
 * Whether the other user of a link may read the rows naming them: not when the table's or the
 * column's words say the link is its maker's secret (blocks, mutes, reports).
 */
export function linkVisibleToOther(table: string, other: string): boolean {
  const w = [...words(table), ...words(other)].map((x) => singular(x));
  return !w.some((x) => PRIVATE_LINK.test(x));
}

/**
 * The verb a table of links is named for ("follows" -> follow, "user_follows" -> follow,
 * "friendships" -> friend): its last word in the singular, less a "-ship".
 */
export function linkVerb(table: string): string {
  const last = singular(words(table).at(-1) ?? "");
  return last.replace(/ship$/, "");
}
