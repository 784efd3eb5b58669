// Which table holds the users, and which column of each table names the user who owns a row.
import { linkVisibleToOther, otherUserColumn } from "./user-links.js";
import { auditRole } from "./ownership.js";
import { nameKey, snakeCase, words } from "../base/naming.js";
import type { BuildContext } from "./build-context.js";
import type { TableDraft } from "./drafts.js";
import { kindText } from "./column-forms.js";
import { namesEntityOf } from "./entity-types.js";
import type { ColumnType } from "./types.js";

export function findIdentity(cx: BuildContext, tables: TableDraft[]): TableDraft | null {
  const marked = tables.filter((t) => t.identity);
  if (marked.length > 1) {
    for (const t of marked.slice(1))
      cx.diag("warning", "SF120", `table "${t.name}" is marked as the identity table, but so is "${marked[0]!.name}"; "${marked[0]!.name}" is used`, t.span, "only one table holds the users");
  }
  if (marked[0]) return marked[0];
  const named = tables.find((t) => t.name === "users") ?? tables.find((t) => t.name === "user");
  if (named) {
    named.identity = true;
    return named;
  }
  // "sm_users" beside "sm_tasks", "sm_comments": the spec's own prefix on every table; the users
  // table is the one named users under it.
  const prefixed = tables.filter((t) => /^[a-z][a-z0-9]*_users?$/.test(t.name));
  if (prefixed.length === 1) {
    const t = prefixed[0]!;
    const prefix = t.name.slice(0, t.name.indexOf("_") + 1);
    if (tables.filter((o) => o.name.startsWith(prefix)).length * 2 > tables.length) {
      t.identity = true;
      cx.note(t.span, `"${t.name}" is read as the users table (the users table under the spec's prefix "${prefix}")`);
      return t;
    }
  }
  // Supabase's "profiles": the one table whose key references the auth service's users
  // ("id uuid references auth.users(id)", "users" too) when the spec defines no such table: one row per user.
  const profiles = tables.filter((t) => {
    const key = t.columns.find((c) => c.name === t.primaryKey);
    const ref = key?.refText?.table;
    if (!ref) return false;
    const name = ref.slice(ref.lastIndexOf(".") + 1);
    return IDENTITY_NAMES.has(nameKey(name)) && !tables.some((o) => o.name === name || nameKey(o.name) === nameKey(name));
  });
  if (profiles.length === 1) {
    const t = profiles[0]!;
    t.identity = true;
    cx.note(t.span, `"${t.name}" is read as the users table: its key references the auth service's users ("${t.columns.find((c) => c.name === t.primaryKey)!.refText!.table}"), one row per user`);
    return t;
  }
  // The same said in words on the key: "id | uuid | PK | Supabase auth.users UUID, set on signup",
  // "the Firebase Auth uid": the one table whose key is the auth service's user id (parents, coaches).
  const saidKeys = tables.filter((t) => {
    const key = t.columns.find((c) => c.name === t.primaryKey);
    return !t.keyColumns && !!key && !key.refText && AUTH_USER_ID.test(key.description ?? "");
  });
  if (saidKeys.length === 1) {
    const t = saidKeys[0]!;
    t.identity = true;
    cx.note(t.span, `"${t.name}" is read as the users table: the notes of its key ("${t.primaryKey}") say it is the auth service's user id, one row per user`);
    return t;
  }
  // Apps call their users other names (players, accounts, members, profiles, customers): the
  // one of those the other tables point at most, when it looks like a person (an email, a name).
  const incoming = (t: TableDraft) =>
    tables.reduce((n, o) => n + o.columns.filter((c) => (c.refText && nameKey(c.refText.table) === nameKey(t.name)) || (!c.refText && namesEntityOf(c, t.name, (x) => nameKey(snakeCase(x))))).length, 0);
  // A table with a column naming users the spec does not define ("user_id → auth.users.id") belongs
  // to those users: it is not them.
  const undefinedUsers = (ref: string) => {
    const name = ref.slice(ref.lastIndexOf(".") + 1);
    return IDENTITY_NAMES.has(nameKey(name)) && !tables.some((o) => o.name === name || nameKey(o.name) === nameKey(name));
  };
  // Or the app's own name for its accounts (providers, clinics, shops): a table that keeps a
  // password is where people sign in, whatever it is called.
  const credentials = (t: TableDraft) => t.columns.some((c) => /^(password_hash|hashed_password|password_digest|encrypted_password|pass_hash|password)$/.test(snakeCase(c.name)));
  const people = tables
    .filter((t) => (IDENTITY_NAMES.has(classlessKey(t.name)) || credentials(t)) && !t.keyColumns)
    .filter((t) => !t.columns.some((c) => c.name !== t.primaryKey && c.refText && undefinedUsers(c.refText.table)))
    .filter((t) => t.columns.some((c) => /^(email|e_mail|mail|username|user_name|nickname|display_name|name|password_hash|hashed_password|handle|nome|nombre|nom|correo|senha|contrasena|passwort|benutzername|login|nama|emel|nama_pengguna|kata_laluan|kata_sandi|surel)$/.test(snakeCase(c.name))))
    .map((t) => ({ t, n: incoming(t) }));
  const candidates = people.filter((x) => x.n > 0).sort((a, b) => b.n - a.n);
  if (candidates[0] && (candidates.length === 1 || candidates[0].n > candidates[1]!.n)) {
    const t = candidates[0].t;
    t.identity = true;
    cx.note(t.span, `"${t.name}" is read as the users table (the token's sub claim names one of its rows): ${candidates[0].n} columns of other tables reference it`);
    return t;
  }
  // The one table where people sign in (a password kept beside an email or a login), that no
  // other table points at (admin_users of a shop whose products and orders are everyone's): the
  // users, each seeing their own row, rather than a table every signed-in user reads.
  const signIns = people.filter((x) => credentials(x.t));
  if (candidates.length === 0 && signIns.length === 1) {
    const t = signIns[0]!.t;
    t.identity = true;
    cx.note(t.span, `"${t.name}" is read as the users table: it is the one table that keeps a password (where people sign in), though no other table references it`);
    return t;
  }
  // No table is named for users and none keeps a password: the people who sign in are the one
  // table that identifies a person by a unique email (or login), points at no other table, and
  // that others point at (coaches, under their athletes and workouts). Said as a guess.
  const login = (t: TableDraft) => t.columns.some((c) => c.unique && c.name !== t.primaryKey && /^(email|e_mail|email_address|mail|username|user_name|login|handle)$/.test(snakeCase(c.name)));
  const roots = tables
    .filter((t) => !t.keyColumns && login(t) && !t.columns.some((c) => c.name !== t.primaryKey && c.refText))
    .map((t) => ({ t, n: incoming(t) }))
    .filter((x) => x.n > 0);
  if (roots.length === 1) {
    const t = roots[0]!.t;
    t.identity = true;
    cx.note(t.span, `"${t.name}" is read as the users table: no table is named for users, and it is the one that identifies a person by a unique ${t.columns.find((c) => c.unique && c.name !== t.primaryKey)!.name}, points at no other table and is pointed at by ${roots[0]!.n} columns (write "Identity table." under the users table to choose another)`);
    return t;
  }
  return null;
}

/** Notes saying a key is the auth service's user id: "auth.users UUID", "= auth.uid()", "Firebase UID", "Clerk user id", "the auth user's id". */
const AUTH_USER_ID = /\bauth\.users\b|\bauth\.uid\(\)|\b(?:firebase|supabase|clerk|auth0|cognito|better[\s-]?auth)(?:\s+auth)?\s+(?:user\s+)?(?:id|uid|uuid)\b|\bauth(?:entication)?\s+(?:service'?s?\s+)?user(?:'s)?\s+(?:id|uid|uuid)\b/i;

/** A column naming the user a row is for or about, not the one who makes it: recipient_id, to_user_id, friend_id, followee_id, assignee_id. */
export function receivingRole(column: string): boolean {
  const w = snakeCase(column).split("_").filter((x) => x && x !== "id" && x !== "user" && x !== "uid");
  return w.length > 0 && w.every((x) => /^(?:recipient|receiver|to|addressee|target|friend|followee|following|followed|assignee|invitee|reviewee|seller|blocked|reported|mentioned|tagged|other|peer|partner|counterpart)$/.test(x));
}

/**
 * The spec says in words that each user has their own rows ("Each user has their own categories.",
 * "Tags are per user", "private to each user") but writes no column naming the user: the table
 * gets one, user_id referencing the users table (deleted with its user), as an engineer reading
 * the sentence would add it. Noted. Not where the spec writes an owner, calls the table shared,
 * or a column already names a user.
 */
export function ownerColumnsSaidInWords(cx: BuildContext, tables: TableDraft[], identity: TableDraft | null): void {
  if (!identity || identity.keyColumns) return;
  const key = identity.columns.find((c) => c.name === identity.primaryKey);
  if (!key?.type) return;
  for (const t of tables) {
    if (t === identity || t.owner || t.shared || !t.description || !PER_USER.test(t.description) || /\bshared\b|\bglobal\b|\bnot\s+per[-\s]user\b/i.test(t.description)) continue;
    if (t.columns.some((c) => c.externalOwner || c.references?.table === identity.name || /^(?:user|owner)_?id$/i.test(snakeCase(c.name)) || c.name === "user_id")) continue;
    const at = t.columns.findIndex((c) => c.primaryKey) + 1;
    t.columns.splice(at, 0, {
      name: "user_id", span: t.span, type: key.type, typeSpan: t.span, nullable: false, primaryKey: false, unique: false, default: null,
      refText: null, refSpan: t.span, bareFk: null, onDelete: "cascade", references: { table: identity.name, column: identity.primaryKey, onDelete: "cascade" },
    });
    cx.note(t.span, `"${t.name}" says each user has their own rows but names no user: it gets "user_id" referencing ${identity.name}.${identity.primaryKey} (deleted with its user), its owner; write the column to choose its name`);
  }
}

/** Words saying a table's rows are each user's own. */
const PER_USER = /\b(?:each|every)\s+user\s+(?:has|gets|keeps|owns|can\s+(?:have|create))\s+(?:their|his\s+or\s+her|his|her|its)\s+own\b|\bper[-\s]user\b|\buser[-\s]specific\b|\bprivate\s+to\s+(?:each|the|its|their)\s+(?:user|owner)\b|\b(?:belongs?|belonging)\s+to\s+(?:a|one|the|its|exactly\s+one)\s+user\b|\bowned\s+by\s+(?:a|one|the|each|its)\s+user\b|\bscoped\s+to\s+(?:the\s+)?(?:current\s+|signed[-\s]in\s+)?user\b/i;

/** A table name as nameKey writes it, less a class suffix a code-first spec gives its entities ("UserEntity" -> user). */
export function classlessKey(name: string): string {
  const k = nameKey(name);
  const bare = k.replace(/_(?:entity|model|record|vo|dto|doc|document|schema|row|table|obj|object)$/, "");
  return bare || k;
}

export function findOwner(cx: BuildContext, t: TableDraft, identity: TableDraft | null): string | null {
  if (t.owner) {
    const c = t.columns.find((x) => x.name === t.owner!.text);
    if (!c) {
      cx.diag("error", "SF119", `owner "${t.owner.text}" of table "${t.name}" is not one of its columns`, t.owner.span);
      return null;
    }
    return c.name;
  }
  const preferred = ["user_id", "owner_id"];
  if (identity) {
    const refs = t.columns.filter((c) => c.references?.table === identity.name && c.references.column === identity.primaryKey);
    // Among several users (sender and recipient, buyer and seller), the one who makes the row:
    // the owner column is set from the token on create, so a recipient as owner would let a
    // caller write only to themselves.
    // A required column before a nullable one (a row with no owner would be no one's), and among
    // those the row's maker (created_by) before another role (transactions.advance_member_id).
    const maker = (c: (typeof refs)[number]) => auditRole(c.name) === "author" || /^owner(?:_user)?(?:_id)?$/.test(words(c.name).join("_"));
    const pick = refs.find((c) => preferred.includes(snakeCase(c.name)))
      ?? refs.find((c) => !c.nullable && maker(c))
      ?? refs.find((c) => !c.nullable && !receivingRole(c.name))
      ?? refs.find((c) => !receivingRole(c.name)) ?? refs[0];
    if (pick) {
      if (refs.length > 1) cx.note(pick.span, `table "${t.name}" has several columns referencing "${identity.name}"; "${pick.name}" is read as the owner`);
      const shape = { ...t, indexes: t.rawIndexes.map((i) => ({ columns: i.columns, unique: i.unique, where: i.where })) };
      const link = otherUserColumn(shape, pick.name, identity.name);
      for (const other of refs.filter((c) => c !== pick && receivingRole(c.name)))
        if (link === other.name && linkVisibleToOther(t.name, other.name))
          cx.note(other.span, `rows of "${t.name}" link two users, at most once per pair: the user in "${pick.name}" makes and deletes them; the user in "${other.name}" reads the rows naming them, and changes none`);
        else cx.diag("warning", "SF136", `rows of "${t.name}" are the user's in "${pick.name}", who creates them; the user in "${other.name}" gets no access to them, not even to read`, other.span,
          `to let both users read a row, write the reading route by hand (src/routes/) or make the row belong to a group both are members of; write "Owner: ${other.name}" under "${t.name}" to make that user the owner instead`);
      return pick.name;
    }
  }
  const external = t.columns.filter((c) => c.externalOwner);
  if (external.length) return (external.find((c) => preferred.includes(snakeCase(c.name))) ?? external[0]!).name;
  // "owner_user_id", "author_user_id": the one column naming a user by its role in the row;
  // with a users table, "created_by(_id)", "creator_id", "author_id" name one too.
  // A column whose written type cannot hold an id ("created_by DATETIME", a flag, a json) names no user, whatever its name.
  const canHoldId = (c: (typeof t.columns)[number]) => c.typeMissing || !c.type || ["uuid", "string", "text", "integer", "bigint"].includes(c.type.kind);
  const roleUser = t.columns.filter(
    (c) => (/^[a-z0-9]+(?:_[a-z0-9]+)*_user_id$/.test(snakeCase(c.name)) || (identity !== null && /^(?:created_by(?:_id)?|creator_id|author_id)$/.test(snakeCase(c.name)))) && !c.references && !c.primaryKey && canHoldId(c),
  );
  // A part of a composite key may name the user: a membership (workspace_members: workspace_id, user_id).
  const byName = t.columns.find((c) => preferred.includes(snakeCase(c.name)) && !c.references && (!c.primaryKey || (t.keyColumns?.length ?? 0) > 1) && canHoldId(c)) ?? (roleUser.length === 1 ? roleUser[0] : undefined);
  if (byName) {
    cx.note(byName.span, `"${t.name}.${byName.name}" references no table; read as the owner column because of its name`);
    // It holds user ids: of the users table's key type, when it has one.
    const key = identity?.columns.find((x) => x.name === identity.primaryKey);
    const group = (k: ColumnType["kind"]) => (k === "string" || k === "text" ? "text" : k === "integer" || k === "bigint" ? "int" : k);
    if (key?.type && byName.type && group(key.type.kind) !== group(byName.type.kind)) {
      if (byName.typeMissing) cx.note(byName.span, `"${t.name}.${byName.name}" holds user ids: read as ${kindText(key.type)}, the type of ${identity!.name}.${key.name}`);
      else cx.diag("warning", "SF115", `owner column "${t.name}.${byName.name}" is ${kindText(byName.type)} but user ids ("${identity!.name}.${key.name}") are ${kindText(key.type)}; read as ${kindText(key.type)}`, byName.typeSpan,
        `write "${byName.name}" with the type of "${identity!.name}.${key.name}"`);
      byName.type = key.type;
    }
    return byName.name;
  }
  return null;
}

/** Names an app gives its users table, as nameKey() writes them. */
export const IDENTITY_NAMES = new Set([
  "user", "player", "account", "member", "profile", "customer", "person", "app_user", "user_account", "user_profile", "auth_user", "identity",
  // The same in the other languages specs are written in (as nameKey leaves them).
  "usuario", "utilisateur", "benutzer", "nutzer", "utente", "utenti", "gebruiker", "cliente", "jogador", "jugador", "miembro", "membro", "mitglied", "spieler", "kunde", "conta", "cuenta", "compte", "konto",
  "pengguna", "pelanggan", "ahli", "kullanici", "nguoi_dung", "uzytkownik",
]);
