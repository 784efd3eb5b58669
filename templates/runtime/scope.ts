// Every query of a request on owned tables runs in one transaction that first tells
// PostgreSQL who the caller is. With row-level security on (rls.ts), the database then
// refuses other users' rows even to a query that forgets its owner filter. On PGlite's
// single connection the whole request must stay on this transaction: a query outside it
// would wait for the connection the transaction holds.
import type { Knex } from "knex";

export type UserScope = <T>(userId: string | number, work: (db: Knex.Transaction) => Promise<T>) => Promise<T>;

export interface UserScopeOptions {
  /**
   * A role without superuser or BYPASSRLS to switch to inside the transaction
   * (`set_config('role', ...)`, like SET LOCAL ROLE). Needed when the app connects as a
   * superuser: superusers bypass row-level security even when it is FORCEd.
   */
  readonly role?: string | null;
}

export function createUserScope(knex: Knex, opts: UserScopeOptions = {}): UserScope {
  const role = opts.role || null;
  return (userId, work) =>
    knex.transaction(async (trx) => {
      // One statement: the caller's id (and the role) for this transaction only.
      if (role) await trx.raw("select set_config('app.user_id', ?, true), set_config('role', ?, true)", [String(userId), role]);
      else await trx.raw("select set_config('app.user_id', ?, true)", [String(userId)]);
      return work(trx);
    });
}
