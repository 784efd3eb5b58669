// The shapes the Python reader works in: a class's family, the phrases, columns and table it
// drafts, what an annotation or a Field(...) says, and an enum's values.
import type { RawCheck, RawIndex, RawText } from "../raw.js";
import type { Call, Expr } from "./expressions.js";
import type { PyClass } from "./structure.js";

export type Family = "sqlmodel" | "sqlalchemy" | "django" | "pydantic" | "enum" | "declarative" | "none";

export interface Phrase {
  readonly text: string;
  readonly at: number;
  /** A value rule (length, bounds, format, pattern, values): what a request body model contributes. */
  readonly rule: boolean;
}

export interface ColDraft {
  /** The attribute name in the class (Django's foreign key `owner` is column `owner_id`). */
  readonly field: string;
  readonly name: RawText;
  type: RawText;
  readonly phrases: Phrase[];
  description?: string;
  primaryKey: boolean;
}

export interface TableDraft {
  readonly name: RawText;
  readonly description?: string;
  readonly columns: ColDraft[];
  readonly indexes: RawIndex[];
  readonly checks: RawCheck[];
  readonly fragment?: boolean;
}

export interface EnumInfo {
  readonly cls: PyClass;
  readonly values: { readonly text: string; readonly at: number }[];
  /** Member name -> stored value. */
  readonly members: ReadonlyMap<string, string>;
  readonly integer: boolean;
}

export interface TypeRead {
  /** Type text for a table column ("" when the annotation gives none). */
  readonly sql: string;
  readonly optional: boolean;
  readonly rules: Phrase[];
  readonly relation?: boolean;
  readonly classVar?: boolean;
  readonly list?: boolean;
  /** Values a Literal[...] or an enum allows (a request body states them as a rule). */
  readonly values?: { readonly list: readonly string[]; readonly at: number };
  /** Field(...) calls inside Annotated[...]. */
  readonly fieldCalls: Call[];
}

export interface FieldRead {
  readonly phrases: Phrase[];
  explicitNull: boolean | null;
  hasDefault: boolean;
  description?: string;
  indexAt?: number;
  saColumn?: Call;
  saType?: Expr;
  maxDigits?: string;
  decimalPlaces?: string;
}
