// Row-level security as a second wall behind the per-query conditions: each owned or scoped
// table gets ENABLE + FORCE ROW LEVEL SECURITY and one policy that says what the queries say
// (rows.ts): "the owner column equals the caller set for this transaction" (scope.ts), or for
// a scoped table the same condition the queries carry (the row's conversation is the caller's,
// the caller is a member of the row's organization), over that caller, written as correlated
// EXISTS (scope.ts scopeExists). Applied after the migrations, and idempotent, so it can run
// at every start.
import type { Knex } from "knex";
import { ident } from "./batch.js";
import { scopeExists, type RowScope } from "./scope.js";

export interface OwnedTable {
  readonly table: string;
  /** The column holding the caller's id; absent on a scoped table. */
  readonly owner?: string;
  /** How rows of a table with no owner column are the caller's (scope.ts). */
  readonly scope?: RowScope;
  /** SQL type of the user id the policy compares with (the owner column, or the scope's last link), so no column is cast and its index is used. */
  readonly ownerType: "text" | "uuid" | "integer" | "bigint";
  /**
   * A member-scoped group table (organizations): any caller may insert a row, which only its
   * members see; the app adds the creator's membership in the same transaction (rows.ts).
   */
  readonly openInsert?: boolean;
  /** A link between users: columns naming a user who may read (SELECT) the rows naming them, and change none. */
  readonly readers?: readonly string[];
}

export const POLICY_NAME = "specforge_owner";
/** The second policy of a group table: INSERT for every caller. */
export const CREATE_POLICY_NAME = "specforge_create";
/** The second policy of a link between users: SELECT for the user a row names (a followee). */
export const READ_POLICY_NAME = "specforge_read";

/** The caller set for this transaction, as the type of the column it is compared with. */
function callerSql(t: OwnedTable): string {
  const setting = "current_setting('app.user_id', true)";
  // An unset setting reads as NULL (or '' after a rolled-back set_config): no rows match.
  return t.ownerType === "text" ? setting : `nullif(${setting}, '')::${t.ownerType}`;
}

export async function applyRowLevelSecurity(knex: Knex, tables: readonly OwnedTable[]): Promise<void> {
  for (const t of tables) {
    await knex.raw("ALTER TABLE ?? ENABLE ROW LEVEL SECURITY", [t.table]);
    await knex.raw("ALTER TABLE ?? FORCE ROW LEVEL SECURITY", [t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [CREATE_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [READ_POLICY_NAME, t.table]);
    if (t.owner) {
      const p = `?? = ${callerSql(t)}`;
      await knex.raw(`CREATE POLICY ?? ON ?? USING (${p}) WITH CHECK (${p})`, [POLICY_NAME, t.table, t.owner, t.owner]);
      // Permissive policies add up: the user a row names reads it; writing still needs the owner's policy.
      if (t.readers?.length) await knex.raw(`CREATE POLICY ?? ON ?? FOR SELECT USING (${t.readers.map(() => p).join(" OR ")})`, [READ_POLICY_NAME, t.table, ...t.readers]);
    } else if (t.scope) {
      // The condition is made of quoted identifiers and the setting: no knex placeholders in it.
      const p = scopeExists(t.scope, ident(t.table), callerSql(t)).replace(/\?/g, "\\?");
      await knex.raw(`CREATE POLICY ?? ON ?? USING (${p}) WITH CHECK (${p})`, [POLICY_NAME, t.table]);
      if (t.openInsert) await knex.raw("CREATE POLICY ?? ON ?? FOR INSERT WITH CHECK (true)", [CREATE_POLICY_NAME, t.table]);
    } else throw new Error(`row-level security for "${t.table}": neither an owner column nor a scope`);
  }
}

export async function removeRowLevelSecurity(knex: Knex, tables: readonly OwnedTable[]): Promise<void> {
  for (const t of tables) {
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [CREATE_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [READ_POLICY_NAME, t.table]);
    await knex.raw("ALTER TABLE ?? NO FORCE ROW LEVEL SECURITY", [t.table]);
    await knex.raw("ALTER TABLE ?? DISABLE ROW LEVEL SECURITY", [t.table]);
  }
}

/**
 * A role the app can switch to per request when it connects as a superuser (which bypasses
 * RLS): no login, no BYPASSRLS, allowed to read and write the app's tables. Roles are
 * cluster-wide, so a concurrent creation by another database is tolerated.
 */
/** The role requests switch to when the app connects as a role that bypasses RLS. */
export const DEFAULT_APP_ROLE = "specforge_app";

/** Superusers and BYPASSRLS roles are not held by row-level security, even FORCEd. */
export async function bypassesRowLevelSecurity(knex: Knex): Promise<boolean> {
  const r = await knex.raw("select rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user");
  return r.rows[0]?.bypass === true;
}

export async function ensureAppRole(knex: Knex, role: string): Promise<void> {
  const exists = await knex.raw("select 1 from pg_roles where rolname = ?", [role]);
  if (exists.rows.length === 0) {
    try {
      await knex.raw("CREATE ROLE ?? NOLOGIN NOSUPERUSER NOBYPASSRLS", [role]);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== "42710" && code !== "23505") throw err; // created meanwhile by someone else
    }
  }
  await knex.raw("GRANT USAGE ON SCHEMA public TO ??", [role]);
  await knex.raw("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ??", [role]);
  await knex.raw("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ??", [role]);
}
