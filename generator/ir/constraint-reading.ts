// What a constraint phrase says (ConstraintReading, with the texts of a reference and a default),
// and the English keywords every reader of phrases shares.
import type { OnDelete } from "./types.js";

export interface RefText {
  readonly table: string;
  readonly column?: string;
}

export interface DefaultText {
  readonly text: string;
  readonly quoted: boolean;
}

/** What one constraint phrase says. Offsets are into the phrase. */
export interface ConstraintReading {
  primaryKey?: boolean;
  notNull?: boolean;
  nullable?: boolean;
  unique?: boolean;
  increment?: boolean;
  default?: DefaultText;
  defaultAt?: number;
  foreignKey?: boolean; // "FK" / "foreign key", target maybe unknown
  references?: RefText;
  onDelete?: OnDelete;
  minLength?: number;
  maxLength?: number;
  /** "min 1" / "max 100": a length for text, a value for numbers. */
  min?: number;
  max?: number;
  enumValues?: string[];
  /** "renamed from old_name": the column's previous name. */
  renamedFrom?: string;
  /** "> 0", "positive", "exclusive min 0": strict bounds. */
  exclusiveMin?: number;
  exclusiveMax?: number;
  /** "valid URL", "email format", "format: email": a JSON Schema format name (FORMAT_OF_NAME: the one the column's name says). */
  format?: string;
  /** "pattern ^[a-z]+$", "matches /^#[0-9a-f]{6}$/i", "hex colour": a regular expression. */
  pattern?: string;
  /**
   * "must be in the future", "future date", "cannot be in the past", "today or later": where a date
   * or an instant lies relative to the moment of the request.
   */
  relativeToNow?: "future" | "past" | "not-past" | "not-future";
  /** "must be after startAt", "!= followee_id": a comparison with another column of the row. */
  compare?: { op: ">" | ">=" | "<" | "<=" | "<>" | "="; column: string }[];
  /** "required when status is done": the column holds a value on every row whose `column` is `value`. */
  requiredWhen?: { column: string; value: string }[];
  /** Arrays: "max 20 items", "each max 50 chars". */
  minItems?: number;
  maxItems?: number;
  itemMaxLength?: number;
  /** "unique per user", "unique for each user": unique together with the row's owner. */
  uniquePerOwner?: boolean;
  /** "unique per city", "unique per user-city combination": unique together with the columns these words name. */
  uniquePer?: string[];
  /**
   * "One review per task", "only one vote per user per poll": at most one row for each value of
   * the columns these words name. Read where the description is on one of those columns.
   */
  onePer?: string[];
  /** "cuid", "uuid", "auto-generated": the key is made for each new row. */
  generated?: boolean;
  /** A CHECK expression as written (without CHECK and its parentheses), with its offset in the phrase. */
  check?: { text: string; at: number; read: boolean };
  /** Offset where the first part not understood starts. */
  unknownAt?: number;
  /** Why the part at unknownAt is not understood, when more can be said. */
  unknownWhy?: string;
}

export const REF_KEYWORDS = new Set(["not", "null", "unique", "default", "references", "on", "with", "required", "nullable", "optional", "primary", "index", "indexed", "and", "cascade", "pk", "fk", "key", "from", "via", "by"]);

export const ON_DELETE: Record<string, OnDelete> = {
  cascade: "cascade",
  "set null": "set null",
  restrict: "restrict",
  "no action": "no action",
};

/** "valid format", "standard format": the format the column's name says ("email": email, "website": uri), settled where the name is known. */
export const FORMAT_OF_NAME = "(the column's own)";

/** The format a column's name says, for a rule that says only "valid format". */
export function formatOfName(column: string): string | undefined {
  const w = column.toLowerCase();
  if (/e_?mail/.test(w)) return "email";
  if (/(?:^|_)(?:url|uri|website|homepage|link|href)(?:$|_)|url$|uri$/.test(w)) return "uri";
  if (/(?:^|_)(?:uuid|guid)(?:$|_)/.test(w)) return "uuid";
  if (/(?:^|_)(?:ip|ip_address|ipv4)(?:$|_)/.test(w)) return "ipv4";
  if (/(?:^|_)hostname(?:$|_)/.test(w)) return "hostname";
  return undefined;
}
