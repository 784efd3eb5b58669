// Users are created by the external auth service; the API learns of them from
// their tokens. Before a caller's first write, their id is recorded in the identity
// table so that owned rows can reference it with a real foreign key.
import type { Knex } from "knex";
import type { Caller } from "./auth.js";
import { ident, type Statement } from "./batch.js";

export interface IdentityTable {
  readonly table: string;
  readonly idColumn: string;
  /** Identity columns filled from token claims on first sight, e.g. { email: { claim: "email", maxLength: 255 } }. */
  readonly claimColumns: Readonly<Record<string, { readonly claim: string; readonly maxLength: number }>>;
  /** Required columns a token cannot fill, and the placeholder stored (the generator warned about each). */
  readonly fillers?: Readonly<Record<string, Filler>>;
}

const MAX_REMEMBERED = 50_000;

export interface IdentityRecorder {
  /** Records the caller on a Knex connection or transaction (remembered after commit). */
  (db: Knex | Knex.Transaction, who: Caller): Promise<void>;
  /** The insert that records the caller, for a batch (batch.ts); null when already known. */
  statement(who: Caller): Statement | null;
  /** After the batch with statement(who) committed: no need to insert again. */
  remember(id: string): void;
}

export function createIdentityRecorder(spec: IdentityTable): IdentityRecorder {
  // Ids known to exist; bounded so a flood of distinct users cannot grow memory without limit.
  const known = new Set<string>();
  const remember = (id: string) => {
    if (known.size >= MAX_REMEMBERED) known.clear();
    known.add(id);
  };
  // The id and the placeholders alone: what is recorded when a claim's value is held by another
  // row (an email an old account of the issuer still holds, after the account was deleted and
  // re-created or the address moved). The identity record must never block a valid token's
  // owner: a unique claim is left out (its column nullable or filled as the plan says), not the user.
  const bareOf = (who: Caller): Record<string, unknown> => {
    const row: Record<string, unknown> = { [spec.idColumn]: who.id };
    for (const [column, filler] of Object.entries(spec.fillers ?? {})) row[column] = placeholder(filler, who.id);
    return row;
  };
  /** The bare row with the claims the token carries (each within its column's length). */
  const rowOf = (who: Caller): Record<string, unknown> => {
    const row = bareOf(who);
    for (const [column, { claim, maxLength }] of Object.entries(spec.claimColumns)) {
      const v = who.claims[claim];
      if (typeof v === "string" && v.length <= maxLength) row[column] = v;
    }
    return row;
  };
  const hasClaims = Object.keys(spec.claimColumns).length > 0;
  const ensureUser = async function ensureUser(db: Knex | Knex.Transaction, who: Caller): Promise<void> {
    if (known.has(who.id)) return;
    // A conflict on the id means the user is recorded; one on a claim's unique column, that the
    // claims cannot be: then the id alone (bareOf).
    const inserted = await db(spec.table).insert(rowOf(who)).onConflict().ignore().returning(spec.idColumn);
    if (hasClaims && inserted.length === 0) await db(spec.table).insert(bareOf(who)).onConflict().ignore();
    // Inside a transaction the row exists for others only after commit: remember it then, or
    // a concurrent first write would skip the insert and fail the foreign key.
    if ("executionPromise" in db && db.isTransaction) db.executionPromise.then(() => remember(who.id), () => {});
    else remember(who.id);
  } as IdentityRecorder;
  ensureUser.statement = (who) => {
    if (known.has(who.id)) return null;
    const row = rowOf(who);
    const cols = Object.keys(row);
    const insert = `INSERT INTO ${ident(spec.table)} (${cols.map(ident).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) ON CONFLICT DO NOTHING`;
    if (!hasClaims) return { text: insert, values: cols.map((c) => row[c]) };
    // One statement: the row with its claims, or else (nothing inserted: a conflict on the id or
    // on a claim) the bare row; a conflict on the id stops that one too.
    const bare = bareOf(who);
    const bareCols = Object.keys(bare);
    const at = cols.length;
    return {
      text:
        `WITH recorded AS (${insert} RETURNING 1) INSERT INTO ${ident(spec.table)} (${bareCols.map(ident).join(", ")}) ` +
        `SELECT ${bareCols.map((_, i) => `$${at + i + 1}`).join(", ")} WHERE NOT EXISTS (SELECT 1 FROM recorded) ON CONFLICT DO NOTHING`,
      values: [...cols.map((c) => row[c]), ...bareCols.map((c) => bare[c])],
    };
  };
  ensureUser.remember = remember;
  return ensureUser;
}

/** For apps whose users exist before they call (built-in auth) or that have no identity table. */
export function noIdentityRecorder(): IdentityRecorder {
  const none = (async () => {}) as unknown as IdentityRecorder;
  none.statement = () => null;
  none.remember = () => {};
  return none;
}

/** What a required column the token cannot fill gets: a placeholder, or a fixed value (a role's least one). */
type Filler = "empty" | "false" | "zero" | "now" | "email-placeholder" | "user-id" | { readonly value: string };

function placeholder(filler: Filler, id: string): unknown {
  if (typeof filler === "object") return filler.value;
  switch (filler) {
    case "empty":
      return "";
    case "false":
      return false;
    case "zero":
      return 0;
    case "now":
      return new Date().toISOString();
    case "email-placeholder":
      // RFC 2606 reserves .invalid: unique per user and never deliverable.
      return `${id}@users.invalid`;
    case "user-id":
      // Unique per user and never empty: for a required unique or non-empty text (a username).
      return id;
  }
}
