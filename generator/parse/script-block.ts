// What the readers of model code in a backend's own language (Go structs, Laravel migrations,
// Rails schema and migrations) share: the naming of a table the way those frameworks name one by
// default, and defaults as they write them (the result and its positions: openResult in block.ts);
// and, for the readers of type declarations (GraphQL, TypeScript interfaces), the table a
// `<stem>Id` field names.
import { plural } from "../base/naming.js";

/**
 * snake_case the way Go's GORM and Rails' ActiveSupport split a name: `UserID` -> user_id,
 * `APIKey` -> api_key, `HTMLBody2` -> html_body2 (a run of capitals is one word).
 */
export function codeSnake(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[-\s]+/g, "_")
    .toLowerCase();
}

/** The plural of a snake_case name's last word: task_list -> task_lists, order_person -> order_people. */
export function pluralSnake(name: string): string {
  const parts = name.split("_");
  parts[parts.length - 1] = plural(parts[parts.length - 1]!);
  return parts.join("_");
}

/** A value as a default phrase: `'todo'` for text, `0`, `true`, `now()`. */
export function defaultPhrase(value: string, quoted: boolean): string {
  const v = value.trim();
  if (/^(current_timestamp(\(\))?|now\(\)|current_date)$/i.test(v)) return /current_date/i.test(v) ? "default current_date" : "default now()";
  if (/^(gen_random_uuid|uuid_generate_v4)\(\)$/i.test(v)) return "default gen_random_uuid()";
  if (!quoted && /^(-?\d+(\.\d+)?|true|false|null)$/i.test(v)) return `default ${v.toLowerCase()}`;
  return `default '${v.replace(/'/g, "''")}'`;
}

/** The stems of a `<stem>Id` field that name a user: `ownerId`, `authorId`, `createdById`. */
export const USER_STEMS = /^(?:user|owner|author|creator|createdBy|assignee|member|account)$/i;

/**
 * The table a `<stem>Id` field names among the declared types `names` (those `isTable` says are
 * records, named as tables by `tableName`): the record of that name, else, for a user-like stem,
 * the users record (or "users" when none is declared); null otherwise.
 */
export function keyTargetAmong(names: readonly string[], isTable: (n: string) => boolean, tableName: (n: string) => string, stem: string): string | null {
  const rec = names.find((n) => isTable(n) && n.toLowerCase() === stem.toLowerCase());
  if (rec) return tableName(rec);
  if (USER_STEMS.test(stem)) {
    const user = names.find((n) => isTable(n) && /^(User|AppUser|Account|Profile)$/.test(n));
    return user ? tableName(user) : "users";
  }
  return null;
}
