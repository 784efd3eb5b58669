// The mutable drafts of tables, columns and checks while the IR is built, and small helpers about
// them.
import type { RawIndex, RawText } from "../parse/raw.js";
import type { RefText } from "./constraint-reading.js";
import type { ColumnType, DefaultValue, OnDelete, Span } from "./types.js";

export interface ColumnDraft {
  name: string;
  /** References the users of an external auth service the spec does not define as a table. */
  externalOwner?: boolean;
  /** References a tenant table (organization, workspace...) the spec does not define: its memberships live with the auth service. */
  externalTenant?: string;
  /** No type was written: inferred from the name or the reference once references are resolved. */
  typeMissing?: boolean;
  span: Span;
  type: ColumnType | null;
  typeSpan: Span;
  nullable: boolean;
  primaryKey: boolean;
  unique: boolean;
  default: DefaultValue | null;
  refText: RefText | null;
  refSpan: Span;
  bareFk: Span | null;
  /** The bare foreign key was read from the description's words, not a constraint: no target is a note, not SF116. */
  bareFkFromNotes?: boolean;
  onDelete: OnDelete | null;
  renamedFrom?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  oneOf?: number[];
  relativeToNow?: "future" | "past" | "not-past" | "not-future";
  format?: string;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  itemMaxLength?: number;
  uniquePerOwner?: Span;
  /** "unique per city": unique together with the columns the words name (resolved with the whole table). */
  uniquePer?: { words: string[]; span: Span; group: string };
  /** "cuid", "uuid", "auto-generated" on a key. */
  generated?: boolean;
  description?: string;
  /**
   * A type written as a name the reader does not know ("User", "UserVO", "Tag[]"): a table's
   * entity when one is named so (resolved with the references), else not understood (SF103).
   */
  typeName?: { text: string; name: string; list: boolean; span: Span };
  references: { table: string; column: string; onDelete: OnDelete } | null;
  /**
   * Rules written for a column with no type ("`is_hidden`: defaults to false", "`size`: 1-10"),
   * kept until its type is inferred (missing-types.ts), as what they mean depends on it.
   */
  pending?: { default?: { text: string; quoted: boolean; span: Span }; min?: number; max?: number };
}

export interface TableDraft {
  name: string;
  span: Span;
  description?: string;
  columns: ColumnDraft[];
  rawIndexes: RawIndex[];
  /** A bare "shop_id" may be read as a reference to "shops" (Markdown tables and lists only). */
  namesImplyRefs?: boolean;
  owner?: RawText;
  identity: boolean;
  primaryKey: string;
  /** Set when the key is not one column: several (composite) or none ([]). */
  keyColumns?: string[];
  renamedFrom?: string;
  /** CHECKs written for the table or one of its columns, and comparisons stated in prose. */
  checks: DraftCheck[];
  /** "Shared: read-write" written in the spec. */
  shared?: "read" | "read-write";
  /** The spec says an auth service keeps this table: not generated unless it is the users table (build-ir.ts). */
  authManaged?: boolean;
  /** Foreign keys of several columns, as written (resolved by resolveCompositeKeys). */
  foreignKeys?: { columns: string[]; table: string; refColumns: string[]; onDelete?: string; span: Span; tableSpan: Span; resolved?: { table: string; refColumns: string[]; onDelete: OnDelete } }[];
}

export interface DraftCheck {
  readonly name?: string;
  readonly sql: string;
  readonly dialect?: "postgresql" | "mysql" | "sqlite" | "prose";
  readonly span: Span;
  /** The validator checks all of it already (the column rules read from it). */
  readonly validated: boolean;
  /** Written by the reader itself in PostgreSQL's syntax (a list of numbers a column takes): kept as it is, no parser needed. */
  readonly own?: true;
  readonly compare?: { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string };
  /** Comparisons of two columns a parsed CHECK holds (the validator checks them too). */
  readonly compares?: readonly { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string }[];
  /** "required when status is done": `column` holds a value on the rows whose `when` is `value` (its SQL made once the columns are known). */
  readonly requiredWhen?: { column: string; when: string; value: string };
}

export function short(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 60 ? t.slice(0, 57) + "..." : t;
}
