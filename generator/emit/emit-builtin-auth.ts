// The built-in auth module's part of app.ts and server.ts (only for `Authentication: built-in`):
// the users-table facts the runtime needs (runtime/builtin-auth.ts) and the wiring lines.
import type { IR } from "../ir/types.js";
import { columnByName, tableByName } from "./table-info.js";

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
    userId: b.userId,
    refreshTable: b.refreshTable,
    paths: b.paths,
  };
}
