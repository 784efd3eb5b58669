// Row-level security as a second wall behind the per-query conditions: each owned or scoped
// table gets ENABLE + FORCE ROW LEVEL SECURITY and one policy that says what the queries say
// (rows.ts): "the owner column equals the caller set for this transaction" (scope.ts), or for
// a scoped table the same condition the queries carry (the row's conversation is the caller's,
// the caller is a member of the row's organization), over that caller, written as correlated
// EXISTS (scope.ts scopeExists). Applied after the migrations, and idempotent, so it can run
// at every start.
import type { Knex } from "knex";
import { ident } from "./batch.js";
import { roleIn, scopeExists, type RowScope } from "./scope.js";

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
  /**
   * A group's membership table (owned by its member): the column naming the group. Every member
   * of a group may read (SELECT) its rows; writing still needs the owner's policy.
   */
  readonly fellows?: string;
  /**
   * A membership with roles that run its group (with `fellows`): a member whose `column` is one
   * of `values` may insert, change and delete the group's memberships (anyone's).
   */
  readonly manage?: { readonly column: string; readonly values: readonly string[] };
}

export const POLICY_NAME = "specforge_owner";
/** The second policy of a group table: INSERT for every caller. */
export const CREATE_POLICY_NAME = "specforge_create";
/** The second policy of a link between users: SELECT for the user a row names (a followee); of a membership, SELECT for the group's members. */
export const READ_POLICY_NAME = "specforge_read";
/** The third policy of a membership with roles: every command, for those who run the group. */
export const MANAGE_POLICY_NAME = "specforge_manage";

/** The caller set for this transaction, as the type of the column it is compared with. */
function callerSql(t: OwnedTable): string {
  const setting = "current_setting('app.user_id', true)";
  // An unset setting reads as NULL (or '' after a rolled-back set_config): no rows match.
  return t.ownerType === "text" ? setting : `nullif(${setting}, '')::${t.ownerType}`;
}

/**
 * The function a membership table's read policy calls: is the caller a member of this group?
 * One per table, named after it (PostgreSQL cuts a long name to 63 bytes, here and in DROP alike).
 */
export function fellowFunction(table: string): string {
  return `specforge_fellow_${table}`;
}

/** The function a managed membership's third policy calls: does the caller run this group? */
export function managerFunction(table: string): string {
  return `specforge_manager_${table}`;
}

/**
 * The read policy of a group's membership table: the caller reads the rows of every group they
 * are a member of. A policy that asked the table itself would recurse (PostgreSQL refuses it),
 * so it asks a SECURITY DEFINER function, which reads the table as its owner, who must bypass
 * row-level security (a superuser, as PGlite's user and a local PostgreSQL's; or BYPASSRLS).
 * The function sees only the caller's own rows' groups, and names no other user.
 */
async function createFellowPolicy(knex: Knex, t: OwnedTable & { readonly owner: string; readonly fellows: string }): Promise<void> {
  const schema = String((await knex.raw("select current_schema() as s")).rows[0].s);
  const table = `${ident(schema)}.${ident(t.table)}`;
  const type = String((await knex.raw("select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = ?::regclass and attname = ?", [table, t.fellows])).rows[0].t);
  const group = ident(t.fellows);
  // "Does the caller have a row of group $1 here (and `also`)?", as a function named `name`: the call on a row.
  const definer = async (name: string, also?: string): Promise<string> => {
    const fn = `${ident(schema)}.${ident(name)}`;
    const body = `SELECT EXISTS (SELECT 1 FROM ${table} WHERE ${group} = $1 AND ${ident(t.owner)} = ${callerSql(t)}${also ? ` AND ${also}` : ""})`;
    await knex.raw(`CREATE OR REPLACE FUNCTION ${fn}(${type}) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $sf$ ${body} $sf$`.replace(/\?/g, "\\?"));
    return `${fn}(${group})`;
  };
  const member = await definer(fellowFunction(t.table));
  await knex.raw(`CREATE POLICY ${ident(READ_POLICY_NAME)} ON ${table} FOR SELECT USING (${member})`.replace(/\?/g, "\\?"));
  if (!t.manage) return;
  // Those who run the group write any of its memberships: the same kind of function, with the role.
  const runs = await definer(managerFunction(t.table), roleIn(t.manage.column, t.manage.values, null));
  await knex.raw(`CREATE POLICY ${ident(MANAGE_POLICY_NAME)} ON ${table} USING (${runs}) WITH CHECK (${runs})`.replace(/\?/g, "\\?"));
}

/**
 * Enables row-level security on each table with its policies. Returns the membership tables
 * whose rows stay readable by their own member only: their fellows' read policy needs a role
 * that bypasses row-level security to own its function (createFellowPolicy), and the role
 * applying these policies does not.
 */
export async function applyRowLevelSecurity(knex: Knex, tables: readonly OwnedTable[]): Promise<string[]> {
  const memberOnly: string[] = [];
  const bypass = tables.some((t) => t.fellows) ? await bypassesRowLevelSecurity(knex) : false;
  for (const t of tables) {
    await knex.raw("ALTER TABLE ?? ENABLE ROW LEVEL SECURITY", [t.table]);
    await knex.raw("ALTER TABLE ?? FORCE ROW LEVEL SECURITY", [t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [CREATE_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [READ_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [MANAGE_POLICY_NAME, t.table]);
    if (t.owner) {
      const p = `?? = ${callerSql(t)}`;
      await knex.raw(`CREATE POLICY ?? ON ?? USING (${p}) WITH CHECK (${p})`, [POLICY_NAME, t.table, t.owner, t.owner]);
      // Permissive policies add up: the user a row names reads it; writing still needs the owner's policy.
      if (t.readers?.length) await knex.raw(`CREATE POLICY ?? ON ?? FOR SELECT USING (${t.readers.map(() => p).join(" OR ")})`, [READ_POLICY_NAME, t.table, ...t.readers]);
      else if (t.fellows && bypass) await createFellowPolicy(knex, { ...t, owner: t.owner, fellows: t.fellows });
      else if (t.fellows) memberOnly.push(t.table);
    } else if (t.scope) {
      // The condition is made of quoted identifiers and the setting: no knex placeholders in it.
      const p = scopeExists(t.scope, ident(t.table), callerSql(t)).replace(/\?/g, "\\?");
      await knex.raw(`CREATE POLICY ?? ON ?? USING (${p}) WITH CHECK (${p})`, [POLICY_NAME, t.table]);
      if (t.openInsert) await knex.raw("CREATE POLICY ?? ON ?? FOR INSERT WITH CHECK (true)", [CREATE_POLICY_NAME, t.table]);
    } else throw new Error(`row-level security for "${t.table}": neither an owner column nor a scope`);
  }
  return memberOnly;
}

export async function removeRowLevelSecurity(knex: Knex, tables: readonly OwnedTable[]): Promise<void> {
  for (const t of tables) {
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [CREATE_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [READ_POLICY_NAME, t.table]);
    await knex.raw("DROP POLICY IF EXISTS ?? ON ??", [MANAGE_POLICY_NAME, t.table]);
    if (t.fellows) await knex.raw("DROP FUNCTION IF EXISTS ??", [fellowFunction(t.table)]);
    if (t.manage) await knex.raw("DROP FUNCTION IF EXISTS ??", [managerFunction(t.table)]);
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
