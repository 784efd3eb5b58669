// What zod names mean: the calls that make object schemas (z.object, drizzle-zod's
// createInsertSchema), the methods that state no rule, string formats, number types, and the
// words around a table's name in a schema's name (`createProjectSchema` -> projects).
import { plural, singular, words } from "../../base/naming.js";

/** A block that may hold zod schemas (the Markdown reader routes such blocks here too). */
export const ZOD_HINT = /\bz\.(?:object|strictObject|looseObject)\s*\(|\bcreate(?:Insert|Select|Update)Schema\s*\(/;
export const ZOD_OBJECT_FNS = new Set(["object", "strictObject", "looseObject"]);
export const DRIZZLE_ZOD_FNS = new Set(["createInsertSchema", "createSelectSchema", "createUpdateSchema"]);
/** Words around a table's name in a schema's name: `createProjectSchema`, `taskUpdateInput`. */
const ZOD_ACTION_WORDS = new Set(["create", "update", "insert", "new", "patch", "edit", "base"]);
const ZOD_SUFFIX_WORDS = new Set(["schema", "input", "body", "dto", "request", "payload", "form", "validator"]);
/** Methods that change what a request may leave out or how a value is built, never which values are allowed. */
export const ZOD_NEUTRAL = new Set([
  "optional", "nullable", "nullish", "default", "prefault", "catch", "describe", "meta", "brand", "readonly", "openapi",
  "trim", "toLowerCase", "toUpperCase", "normalize", "int", "safe", "finite", "strict", "passthrough", "strip", "nonstrict", "required", "partial", "deepPartial", "catchall",
]);
/** String checks with no JSON Schema format the app knows: left as notes. */
export const ZOD_UNREAD_FORMATS = new Set([
  "cuid", "cuid2", "ulid", "nanoid", "emoji", "base64", "base64url", "jwt", "cidr", "cidrv4", "cidrv6", "e164", "xid", "ksuid", "lowercase", "uppercase", "time", "duration", "mac", "hex", "hash",
]);
export const ZOD_FORMATS: Readonly<Record<string, string>> = {
  email: "email", url: "uri", httpUrl: "uri", uuid: "uuid", guid: "uuid", uuidv4: "uuid", uuidv6: "uuid", uuidv7: "uuid",
  ipv4: "ipv4", ipv6: "ipv6", hostname: "hostname", datetime: "date-time", date: "date",
};
export const ZOD_NUMBER_FNS = new Set(["number", "int", "int32", "uint32", "float32", "float64", "bigint", "int64", "uint64"]);

/** The words of a schema's name that name its table: `createProjectSchema` -> [project], `taskUpdateInput` -> [task]. */
export function zodSchemaSubject(varName: string): string[] {
  const w = words(varName);
  for (;;) {
    const last = w[w.length - 1];
    if (last !== undefined && (ZOD_SUFFIX_WORDS.has(last) || ZOD_ACTION_WORDS.has(last))) w.pop();
    else break;
  }
  while (w.length && ZOD_ACTION_WORDS.has(w[0]!)) w.shift();
  return w;
}

/** The table a schema's name guesses: the subject's last word in the plural, in snake_case (`createProjectSchema` -> projects). */
export function zodSchemaTable(varName: string): string | null {
  const w = zodSchemaSubject(varName);
  if (!w.length) return null;
  const last = w[w.length - 1]!;
  // `updateProjectsSchema` already says it in the plural.
  const one = singular(last);
  w[w.length - 1] = one !== last && plural(one) === last ? last : plural(last);
  return w.join("_");
}
