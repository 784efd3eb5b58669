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
  readonly fillers?: Readonly<Record<string, "empty" | "false" | "zero" | "now" | "email-placeholder" | "user-id">>;
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
  const rowOf = (who: Caller): Record<string, unknown> => {
    const row: Record<string, unknown> = { [spec.idColumn]: who.id };
    for (const [column, filler] of Object.entries(spec.fillers ?? {})) row[column] = placeholder(filler, who.id);
    for (const [column, { claim, maxLength }] of Object.entries(spec.claimColumns)) {
      const v = who.claims[claim];
      if (typeof v === "string" && v.length <= maxLength) row[column] = v;
    }
    return row;
  };
  const ensureUser = async function ensureUser(db: Knex | Knex.Transaction, who: Caller): Promise<void> {
    if (known.has(who.id)) return;
    // Any conflict (the id, or a unique column such as email) means there is nothing to record.
    await db(spec.table).insert(rowOf(who)).onConflict().ignore();
    // Inside a transaction the row exists for others only after commit: remember it then, or
    // a concurrent first write would skip the insert and fail the foreign key.
    if ("executionPromise" in db && db.isTransaction) db.executionPromise.then(() => remember(who.id), () => {});
    else remember(who.id);
  } as IdentityRecorder;
  ensureUser.statement = (who) => {
    if (known.has(who.id)) return null;
    const row = rowOf(who);
    const cols = Object.keys(row);
    return {
      text: `INSERT INTO ${ident(spec.table)} (${cols.map(ident).join(", ")}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(", ")}) ON CONFLICT DO NOTHING`,
      values: cols.map((c) => row[c]),
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

function placeholder(filler: "empty" | "false" | "zero" | "now" | "email-placeholder" | "user-id", id: string): unknown {
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
