// Rows made as an admin job makes them (SQL as the tables' owner, past the API): for groups whose
// members the users table names (users.tenant_id -> tenants), which no route creates. Values
// follow each NOT NULL column's type; columns with a default, nullable ones and generated keys are
// left to the database.
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import type { Column, IR, Table } from "../../generator/ir/types.js";
import type { Caller } from "./generic-isolation.js";
import { groupViaUsers } from "../../generator/ir/ownership.js";

let n = 0;

/** A value of the column's type (texts unique), or undefined when none is made up safely. */
function valueFor(c: Column): unknown {
  const t = c.type;
  n++;
  switch (t.kind) {
    case "enum":
      return t.values[0];
    case "boolean":
      return false;
    case "integer":
    case "bigint":
    case "float":
    case "decimal":
      return 1;
    case "uuid":
      return randomUUID();
    case "date":
      return "2026-01-01";
    case "timestamp":
      return new Date("2026-01-01T00:00:00Z").toISOString();
    case "time":
      return "12:00:00";
    case "json":
      return JSON.stringify({});
    case "array":
      return [];
    case "string":
      return (/email/i.test(c.name) ? `a${n}@x.io` : `admin-${n}`).slice(0, t.maxLength ?? 255);
    case "text":
      return /email/i.test(c.name) ? `a${n}@x.io` : `admin-${n}`;
    default:
      return undefined;
  }
}

/** Makes `t`'s row for `who` the way an operator would, and points `who`'s users row at it. */
export async function provisionGroup(knex: Knex, ir: IR, t: Table, who: Caller): Promise<string | null> {
  const s = t.scope;
  const identity = ir.tables.find((x) => x.identity);
  if (s?.kind !== "member" || !identity || !groupViaUsers(t, ir.tables)) return null;
  const row: Record<string, unknown> = {};
  for (const c of t.columns) {
    if (c.nullable || c.default !== null) continue;
    if (c.references) return null; // a group that needs another row first: not made up here
    row[c.name] = valueFor(c);
    if (row[c.name] === undefined) return null;
  }
  const [made] = await knex(t.name).insert(row).returning(t.primaryKey);
  const id = String((made as Record<string, unknown>)[t.primaryKey]);
  const user: Record<string, unknown> = { [identity.primaryKey]: who.id };
  for (const c of identity.columns) {
    if (c.name === identity.primaryKey || c.nullable || c.default !== null || c.name === s.membershipGroup) continue;
    if (c.references) return null;
    user[c.name] = valueFor(c);
    if (user[c.name] === undefined) return null;
  }
  await knex(identity.name).insert(user).onConflict(identity.primaryKey).ignore();
  await knex(identity.name).update({ [s.membershipGroup]: id }).where(identity.primaryKey, who.id);
  return id;
}

/**
 * Records `who` in the users table as the app records a caller it first meets (its key, and a
 * value for each other required column), so that a row naming that user (a follow) can be made
 * before the user has called the app. False when a required column needs another row first.
 */
export async function recordUser(knex: Knex, ir: IR, who: Caller): Promise<boolean> {
  const identity = ir.tables.find((x) => x.identity);
  if (!identity) return false;
  const user: Record<string, unknown> = { [identity.primaryKey]: who.id };
  for (const c of identity.columns) {
    if (c.name === identity.primaryKey || c.nullable || c.default !== null) continue;
    if (c.references) return false;
    user[c.name] = valueFor(c);
    if (user[c.name] === undefined) return false;
  }
  await knex(identity.name).insert(user).onConflict(identity.primaryKey).ignore();
  return true;
}

/**
 * The rows of the tenant tables the spec defines without any membership (organizations, scope
 * "tenant" on their own key), keyed by the test users' organizations: the auth service's admin
 * job makes them, no route does. Returns the tables it could not make a row of.
 */
export async function provisionTenants(knex: Knex, ir: IR, keys: readonly string[]): Promise<string[]> {
  const missed: string[] = [];
  for (const t of ir.tables) {
    if (t.scope?.kind !== "tenant" || t.scope.column !== t.primaryKey) continue;
    for (const key of keys) {
      const row: Record<string, unknown> = { [t.primaryKey]: key };
      let ok = true;
      for (const c of t.columns) {
        if (c.name === t.primaryKey || c.nullable || c.default !== null) continue;
        row[c.name] = c.references ? undefined : valueFor(c);
        if (row[c.name] === undefined) ok = false;
      }
      if (!ok) {
        missed.push(t.name);
        break;
      }
      await knex(t.name).insert(row).onConflict(t.primaryKey).ignore();
    }
  }
  return missed;
}
