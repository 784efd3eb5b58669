// Built-in authentication (`Authentication: built-in`): checks that the users table can
// hold accounts (an email and a password hash column; other required values register takes),
// and adds the table of hashed refresh tokens to the IR so it goes through the ordinary
// migration/snapshot pipeline. Problems are SF125 errors at the line that caused them.
import type { BuiltinAuth, Column, ColumnType, Span, Table } from "./types.js";
import { privilegeColumn, undisclosedColumn } from "./ownership.js";
import { leastValue } from "./identity-plan.js";

export const REFRESH_TABLE = "refresh_tokens";
/** Column types register can take from a JSON body as they are. */
const TAKEN_KINDS = new Set(["string", "text", "integer", "bigint", "decimal", "float", "boolean", "date", "timestamp", "enum", "uuid"]);

/** Accepted names of the password-hash column, in order of preference. */
export const PASSWORD_COLUMNS = ["password_hash", "hashed_password", "password_digest", "password"] as const;
/** Where the module answers when the spec writes no paths of its own for it. */
export const DEFAULT_AUTH_PATHS = { register: "/api/auth/register", login: "/api/auth/login", refresh: "/api/auth/refresh", logout: "/api/auth/logout" } as const;

/**
 * Which of the module's operations a POST path of the spec is, by its last segment:
 * register/signup, login/signin/token, refresh (token/refresh), logout/signout; null for others.
 */
export function authOperation(path: string): keyof typeof DEFAULT_AUTH_PATHS | null {
  const segs = path.split("/").filter(Boolean);
  if (segs.some((s) => /^[{:]/.test(s))) return null;
  const last = (segs[segs.length - 1] ?? "").toLowerCase().replace(/[-_]/g, "");
  if (last === "register" || last === "signup") return "register";
  if (last === "login" || last === "signin" || (last === "token" && segs.length > 1)) return "login";
  if (last === "refresh" || last === "refreshtoken") return "refresh";
  if (last === "logout" || last === "signout") return "logout";
  return null;
}
/** Longest hash the runtime stores (runtime/password.ts): "scrypt$32768$8$3$<22 chars salt>$<86 chars hash>". */
export const PASSWORD_HASH_MIN_LENGTH = 128;

type Report = (message: string, span: Span, hint?: string) => void;

const textual = (t: ColumnType) => t.kind === "string" || t.kind === "text";
const maxLength = (c: Column) => (c.type.kind === "string" ? c.type.maxLength : undefined) ?? c.maxLength;

export function addBuiltinAuth(tables: readonly Table[], authSpan: Span, report: Report): { tables: Table[]; builtin: BuiltinAuth | null } {
  const users = tables.find((t) => t.identity);
  if (!users) {
    report("built-in authentication needs a users table (with email and password_hash columns)", authSpan,
      "add a `users` table with `id`, `email (unique)` and `password_hash: text`");
    return { tables: [...tables], builtin: null };
  }
  let ok = true;
  const fail: Report = (m, s, h) => {
    ok = false;
    report(m, s, h);
  };
  const pk = users.columns.find((c) => c.name === users.primaryKey);
  const idKind = pk?.type.kind;
  if (!pk || users.keyColumns || !(textual(pk.type) || idKind === "uuid" || idKind === "integer" || idKind === "bigint")) {
    fail(`built-in authentication needs "${users.name}" to have a single text, uuid or integer primary key`, pk?.span ?? users.span);
  }
  const email = users.columns.find((c) => c.name === "email");
  if (!email) {
    fail(`built-in authentication needs an "email" column in "${users.name}" (the login name)`, users.span, "add `- email: varchar(255) (unique, not null)`");
  } else if (!textual(email.type)) {
    fail(`"${users.name}.email" must be text to hold login emails`, email.span);
  } else if (!email.unique && !users.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === "email")) {
    fail(`"${users.name}.email" must be unique: it is the login name`, email.span, "add `unique` to its constraints");
  }
  const password = users.columns.find((c) => (PASSWORD_COLUMNS as readonly string[]).includes(c.name));
  if (!password) {
    fail(`built-in authentication needs a password hash column in "${users.name}" (${PASSWORD_COLUMNS.join(" or ")})`, users.span,
      "add `- password_hash: text (not null)`; the app stores only scrypt hashes in it");
  } else if (!textual(password.type) || (maxLength(password) ?? Infinity) < PASSWORD_HASH_MIN_LENGTH) {
    fail(`"${users.name}.${password.name}" must be text or varchar(${PASSWORD_HASH_MIN_LENGTH}) or longer to hold a password hash`, password.span);
  }
  const nameCol = users.columns.find((c) => c.name === "name" && textual(c.type)) ?? null;
  // Other required columns: a plain value (a username, a phone) is register's to take, held to
  // the column's rules; a required role is the least its values grant, never the body's; a
  // reference or a secret cannot come from a new account's body.
  const taken = registerColumns(users, [pk, email, password, nameCol]);
  for (const c of taken.unfillable) {
    fail(`"${users.name}.${c.name}" is required and has no default, but register cannot take it from a new account's body (${c.references ? "a reference" : privilegeColumn(c) ? "a privilege" : "not a plain value"})`, c.span,
      `make "${c.name}" nullable or give it a default`);
  }
  const { fields: registerFields, fixed: registerFixed } = taken;
  const clash = tables.find((t) => t.name === REFRESH_TABLE);
  if (clash) fail(`built-in authentication keeps refresh tokens in a table "${REFRESH_TABLE}", and the schema already has one`, clash.span, "rename your table");
  if (!ok || !pk || !email || !password) return { tables: [...tables], builtin: null };

  const col = (name: string, type: ColumnType, extra: Partial<Column> = {}): Column => ({
    name,
    span: authSpan,
    type,
    nullable: false,
    primaryKey: false,
    unique: false,
    default: null,
    references: null,
    role: "data",
    ...extra,
  });
  const refresh: Table = {
    name: REFRESH_TABLE,
    span: authSpan,
    identity: false,
    // Not owned: only the auth module reads it, by token hash, never a user-facing route.
    owner: null,
    primaryKey: "id",
    columns: [
      col("id", { kind: "bigint" }, { primaryKey: true, default: { kind: "increment" }, role: "id" }),
      col("token_hash", { kind: "string", maxLength: 64 }, { unique: true, description: "SHA-256 of the token, hex; the token itself is never stored" }),
      col("family_id", { kind: "uuid" }, { description: "All tokens rotated from one login; reuse of a used one revokes the family" }),
      col("user_id", pk.type, { references: { table: users.name, column: pk.name, onDelete: "cascade" } }),
      col("expires_at", { kind: "timestamp" }),
      col("used_at", { kind: "timestamp" }, { nullable: true, description: "Set when the token was rotated" }),
      col("revoked_at", { kind: "timestamp" }, { nullable: true, description: "Set on logout or reuse" }),
      col("created_at", { kind: "timestamp" }, { default: { kind: "now" }, role: "created_at" }),
    ],
    indexes: [
      { name: `${REFRESH_TABLE}_family_id_index`, columns: ["family_id"], unique: false, span: authSpan },
      { name: `${REFRESH_TABLE}_user_id_index`, columns: ["user_id"], unique: false, span: authSpan },
    ],
    description: "Refresh tokens of the built-in auth module (SHA-256 hashes only), rotated on every use.",
    addedBy: "builtin-auth",
  };
  const builtin: BuiltinAuth = {
    emailColumn: email.name,
    passwordColumn: password.name,
    nameColumn: nameCol?.name ?? null,
    ...(registerFields.length ? { registerFields } : {}),
    ...(Object.keys(registerFixed).length ? { registerFixed } : {}),
    userId: pk.default ? "database" : "uuid",
    refreshTable: REFRESH_TABLE,
    paths: DEFAULT_AUTH_PATHS,
  };
  if (builtin.userId === "uuid" && idKind !== "uuid" && !textual(pk.type)) {
    report(`"${users.name}.${pk.name}" has no default, so register cannot make user ids`, pk.span, "give it a default (serial, gen_random_uuid())");
    return { tables: [...tables], builtin: null };
  }
  return { tables: [...tables, refresh], builtin };
}

/**
 * What register does with each other column the users table requires with no default: a plain
 * value (a username, a phone) it takes from the body, held to the column's rules; a required role
 * is the least its values grant, never the body's; a reference or a secret it cannot take.
 */
function registerColumns(users: Table, handled: readonly (Column | null | undefined)[]): { fields: string[]; fixed: Record<string, string>; unfillable: Column[] } {
  const fields: string[] = [];
  const fixed: Record<string, string> = {};
  const unfillable: Column[] = [];
  for (const c of users.columns) {
    if (handled.includes(c) || c.nullable || c.default) continue;
    if (c.type.kind === "enum" && privilegeColumn(c)) fixed[c.name] = leastValue(c.type.values);
    else if (!c.references && !privilegeColumn(c) && !undisclosedColumn(c) && c.role === "data" && TAKEN_KINDS.has(c.type.kind)) fields.push(c.name);
    else unfillable.push(c);
  }
  return { fields, fixed, unfillable };
}

/**
 * The module's register after the request bodies' rules tightened the users table: a default
 * a rule dropped (SF117: default '' under "1-32 characters") makes its column one register takes.
 */
export function refreshRegister(builtin: BuiltinAuth, tables: readonly Table[], usersName: string): BuiltinAuth {
  const users = tables.find((t) => t.name === usersName);
  if (!users) return builtin;
  const col = (n: string | null) => (n ? users.columns.find((c) => c.name === n) : undefined);
  const { fields, fixed } = registerColumns(users, [col(users.primaryKey), col(builtin.emailColumn), col(builtin.passwordColumn), col(builtin.nameColumn)]);
  const { registerFields: _f, registerFixed: _x, ...rest } = builtin;
  return { ...rest, ...(fields.length ? { registerFields: fields } : {}), ...(Object.keys(fixed).length ? { registerFixed: fixed } : {}) };
}
