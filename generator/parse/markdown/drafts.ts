// The shapes the Markdown reader builds while it reads (tables, sections and endpoints
// in the making), and the result it hands back.
import type { Diagnostic } from "../../base/diagnostics.js";
import type { Span } from "../../base/span.js";
import type { Notation, RawBodyField, RawCheck, RawColumn, RawEnvelope, RawForeignKey, RawIndex, RawQueryParam, RawSpec, RawText } from "../raw.js";

export type SpecKind = "schema" | "api";

export interface ParseResult {
  readonly raw: RawSpec;
  readonly diagnostics: Diagnostic[];
  /** Guesses the reader made (same shape as build-ir's Note). */
  readonly notes: { readonly span: Span; readonly message: string }[];
  /** Where the document first seems to define something (for "no table understood"). */
  readonly firstCandidate?: Span;
  /** An API spec of which no endpoint was read: the first text that looks like one (SF200 points there). */
  readonly endpointLike?: Span;
}

export interface TableDraft {
  name: RawText;
  description?: string;
  columns: RawColumn[];
  indexes: RawIndex[];
  owner?: RawText;
  renamedFrom?: RawText;
  identity?: boolean;
  /** true once the draft has been returned (it had columns). */
  hasDefs: boolean;
  /** How the name was derived, reported only if the section turns out to be a table. */
  nameNote?: { span: Span; message: string };
  /** Written under a "Value Objects" heading: a shape stored in json columns, not a table. */
  valueObject?: boolean;
  checks?: RawCheck[];
  foreignKeys?: RawForeignKey[];
  notation?: Notation;
  fragment?: boolean;
  shared?: "read" | "read-write";
  /** The section says an auth service keeps the table ("Sessions (Managed by Better Auth)"). */
  authManaged?: boolean;
  /** Rules a section states for columns its table does not list here (the table is defined in a code block). */
  ruleColumns?: RawColumn[];
  /** "Similar to above, with `a` instead of `b`": the table's columns are another's, renamed. */
  like?: LikeRef;
  /** The heading says outright that it names a table ("Table", "Entity", "Model"): a section that yields no columns is reported. */
  explicit?: boolean;
  /** Other tables the same heading names ("a / b"): each takes the next column list, or this one's columns. */
  also?: RawText[];
  /** Named by a code span in the text before its column table (the heading names none). */
  nearby?: boolean;
}

export interface LikeRef {
  /** A table name, or null for the table defined just above. */
  readonly of: string | null;
  /** [written name, new name, where the new name is written]. */
  readonly swaps: readonly (readonly [string, RawText])[];
  readonly span: Span;
}

export interface SectionEntry {
  depth: number;
  /** The heading says an auth service keeps what is under it ("### Auth Tables (Better Auth-managed)"). */
  authManaged?: boolean;
  /** The heading says what is under it comes later ("## Future Schema Enhancements", "Out of Scope"): no tables from it. */
  later?: boolean;
  kind: "table" | "indexes" | "endpoint" | "values" | "other";
  table?: TableDraft;
  endpoint?: EndpointDraft;
  /** Heading text without numbering, used as a summary for endpoints written under it. */
  title: string;
  /** Section title span. */
  span: Span;
  /** Whether the first paragraph of the section has been consumed (description / summary). */
  sawParagraph: boolean;
  /** A bold paragraph standing in for a heading ("**Users Table**"). */
  pseudo: boolean;
  /** A column table under this heading needed a name and found none (reported once). */
  unnamedReported?: boolean;
  /** An API section naming a request model ("### TaskCreate"): its fields state rules for the table it names. */
  model?: TableDraft;
  /** The heading labels a part of the table around it ("### Field Definitions", "### Columns"). */
  part?: boolean;
  /** The heading names one column of the table around it ("#### title" under "### Field Details"). */
  column?: { readonly table: TableDraft; readonly name: RawText };
  /** An API/DTO/contract section ("## DTOs", "## API contract") or a shape's heading under one: what it declares is request and response shapes. */
  shapes?: boolean;
  /** A path prefix stated in this section ("`prefix: /decks`"): its endpoints are under it. */
  base?: SectionBase;
}

/**
 * A path prefix stated inside a section ("`prefix: /decks`" under "## Decks"): the endpoints read
 * from `first` until the section closes (`end`) are under `path`.
 */
export interface SectionBase {
  readonly path: string;
  readonly span: Span;
  /** Index in the reader's endpoints of the first endpoint read after the prefix. */
  readonly first: number;
  /** Index past the last endpoint of its section (set as the section closes). */
  end?: number;
}

export interface EndpointDraft {
  body?: RawBodyField[];
  exampleFields?: string[];
  method: RawText;
  path: RawText;
  summary?: string;
  auth?: "public" | "required";
  status?: number;
  query?: RawQueryParam[];
  envelope?: RawEnvelope;
  /** Sentences of the endpoint's text that may state the list's order ("sorted by due date", "newest first"). */
  order?: string[];
}
