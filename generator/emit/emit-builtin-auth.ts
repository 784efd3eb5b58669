// The built-in auth module's part of app.ts and server.ts (only for `Authentication: built-in`):
// the users-table facts the runtime needs (runtime/builtin-auth.ts) and the wiring lines.
import type { IR } from "../ir/types.js";
import { columnByName, columnSchema, tableByName, tableInfo } from "./table-info.js";

/** The BuiltinAuthSpec literal for app.ts, or null in external mode. */
export function builtinAuthSpec(ir: IR): Record<string, unknown> | null {
  const b = ir.auth.builtin;
  if (ir.auth.mode !== "builtin" || !b || !ir.auth.identityTable) return null;
  const users = tableByName(ir, ir.auth.identityTable);
  const len = (name: string, fallback: number) => {
    const c = columnByName(users, name);
    return Math.min((c.type.kind === "string" ? c.type.maxLength : undefined) ?? c.maxLength ?? fallback, fallback);
  };
  const name = b.nameColumn ? columnByName(users, b.nameColumn) : null;
  return {
    users: users.name,
    idColumn: users.primaryKey,
    emailColumn: b.emailColumn,
    emailMaxLength: len(b.emailColumn, 254),
    passwordColumn: b.passwordColumn,
    name: name ? { column: name.name, required: !name.nullable && name.default === null, maxLength: len(name.name, 1000) } : null,
    ...(b.registerFields?.length ? { fields: Object.fromEntries(b.registerFields.map((f) => [f, columnSchema(columnByName(users, f), "in")])) } : {}),
    ...(b.registerFixed && Object.keys(b.registerFixed).length ? { fixed: b.registerFixed } : {}),
    userId: b.userId,
    refreshTable: b.refreshTable,
    paths: b.paths,
    profile: b.profile?.length ? profileSpec(ir, b.profile) : null,
  };
}

/**
 * Columns of an account that someone else grants or the app keeps (a role, a flag an admin sets, a
 * verification, a balance, a time the app stamps): a user changing their own would raise
 * themselves. An account's own update never writes them.
 */
const GRANTED = /^(roles?|user_?roles?|is_?admin|admin|is_?staff|staff|is_?super_?user|super_?user|permissions?|scopes?|groups?|is_?active|active|enabled|is_?enabled|is_?verified|verified|email_?verified|is_?email_?verified|status|state|is_?banned|banned|is_?blocked|blocked|is_?locked|locked|plan|tier|subscription\w*|credits?|balance|quota\w*|\w+_at|\w+_on|last_\w+|failed_\w+|login_\w+|\w*token\w*|\w*secret\w*|\w*hash\w*|\w*salt\w*)$/i;

/**
 * The caller's account routes (GET /api/auth/me, PATCH /api/users/me): the users row's columns
 * it answers with (every one but the password hash), the one an update stamps (updated_at), and
 * the body an update takes: the profile columns a client may write, not the key, the email (the
 * sign-in name) or the hash. A PUT must carry those a row cannot lack.
 */
function profileSpec(ir: IR, routes: NonNullable<NonNullable<IR["auth"]["builtin"]>["profile"]>): Record<string, unknown> {
  const b = ir.auth.builtin!;
  const users = tableByName(ir, ir.auth.identityTable!);
  const info = tableInfo(ir, users);
  const editable = info.writable.filter((c) => c.name !== b.passwordColumn && c.name !== b.emailColumn && c.name !== users.primaryKey && !c.references && !GRANTED.test(c.name));
  const properties = Object.fromEntries(editable.map((c) => [c.name, columnSchema(c, "in")]));
  const required = editable.filter((c) => !c.nullable && c.default === null).map((c) => c.name);
  return {
    routes,
    columns: users.columns.filter((c) => c.name !== b.passwordColumn && !info.hidden.includes(c)).map((c) => c.name),
    stamp: users.columns.find((c) => c.role === "updated_at")?.name ?? null,
    patch: { type: "object", additionalProperties: false, minProperties: 1, properties },
    put: { type: "object", additionalProperties: false, ...(required.length ? { required } : {}), properties },
  };
}
