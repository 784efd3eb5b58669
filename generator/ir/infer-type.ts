// A column the spec names without a type ("- `started_at`", "- `nickname`", "| owner_id | | FK |")
// gets one from its name, the way a reader would guess it; every guess is a note that
// `specforge explain` shows, so the team can confirm it or write the type. A foreign key's type
// is the referenced key's (decided later, when references are resolved).
import type { ColumnType } from "./types.js";
import { words } from "../base/naming.js";

export interface InferredType {
  readonly type: ColumnType;
  /** Why, for the note: "its name ends in _at". */
  readonly why: string;
}

const BOOLEAN_WORDS = new Set([
  "active", "enabled", "disabled", "completed", "complete", "done", "deleted", "archived", "published", "verified",
  "visible", "hidden", "bought", "paid", "read", "pinned", "starred", "favorite", "favourite", "approved", "locked",
  "public", "private", "default", "primary", "required", "resolved", "confirmed", "flagged", "muted", "blocked",
]);
const MONEY_WORDS = new Set(["amount", "price", "cost", "balance", "total", "subtotal", "fee", "fees", "salary", "budget", "tax", "discount"]);
const COUNT_WORDS = new Set(["capacity", "count", "quantity", "qty", "age", "year", "position", "rank", "order", "index", "sequence", "seq", "level", "score", "rating", "minutes", "seconds", "hours", "days", "version", "attempts", "retries", "size", "length", "width", "height", "duration"]);
const TIME_WORDS = new Set(["at", "time", "timestamp", "datetime"]);

/** A type for a column written without one, from its name (snake_case, camelCase or plain). */
export function inferTypeFromName(name: string, description = ""): InferredType {
  const w = words(name);
  const last = w[w.length - 1] ?? "";
  const first = w[0] ?? "";
  const note = description.toLowerCase();
  if (w.length > 1 && last === "id") return { type: { kind: "text" }, why: "its name ends in _id (a key of another table; its type follows that key when the reference is known)" };
  if (w.length === 1 && first === "id") return { type: { kind: "uuid" }, why: 'it is named "id"' };
  if (w.length > 1 && TIME_WORDS.has(last)) return { type: { kind: "timestamp" }, why: `its name ends in ${last === "at" ? "_at" : `_${last}`}` };
  if (last === "date" || last === "on" || last === "birthday" || last === "dob") return { type: { kind: "date" }, why: `its name ends in ${last}` };
  if (first === "date" && w[1] === "of" && w.length > 2) return { type: { kind: "date" }, why: `its name starts with date_of_` };
  if (["is", "has", "can", "should", "allow", "allows"].includes(first) && w.length > 1) return { type: { kind: "boolean" }, why: `its name starts with ${first}_` };
  if (BOOLEAN_WORDS.has(last) && w.length <= 2 && (w.length === 1 || ["is", "has"].includes(first) || BOOLEAN_WORDS.has(first))) return { type: { kind: "boolean" }, why: `"${name}" reads as a yes/no flag` };
  if (last === "email" || last === "mail") return { type: { kind: "string", maxLength: 255 }, why: "it holds an email address" };
  if (MONEY_WORDS.has(last)) return { type: { kind: "decimal", precision: 12, scale: 2 }, why: "it holds an amount of money" };
  if (COUNT_WORDS.has(last) || last.endsWith("count")) return { type: { kind: "integer" }, why: "it holds a count or a number" };
  // "nps (0-10)", "stars: 1 to 5": a note that is a range of whole numbers says the column holds one.
  if (/^\s*\(?\s*-?\d+\s*(?:-|–|~|to|\.\.)\s*-?\d+\s*\)?\s*$/.test(note)) return { type: { kind: "integer" }, why: "its note is a range of whole numbers" };
  if (/\b(json|object|map|settings|metadata|config|payload)\b/.test(note) || ["metadata", "settings", "config", "payload", "data", "attributes", "properties"].includes(last))
    return { type: { kind: "json" }, why: "it holds structured data" };
  return { type: { kind: "text" }, why: "nothing in its name says otherwise" };
}
