// The shapes the zod reading works in: the tables it fits rules to, what it needs from the
// Drizzle reader's pass over the block, and a schema's values, rules, fields and objects.
import type TS from "typescript";
import type { ReaderResult } from "../block.js";
import type { RawText } from "../raw.js";
import type { Ts } from "./context.js";
import type { Chain } from "./syntax.js";

export interface ZodTableColumn {
  /** The property key in the Drizzle columns object (`projectId`). */
  readonly key: string;
  /** The column's SQL name (`project_id`). */
  readonly name: string;
  readonly type: string;
}
export interface ZodTable {
  readonly name: string;
  readonly varName?: string;
  readonly columns: readonly ZodTableColumn[];
}

/** What the zod reading needs from the Drizzle reader's pass over the block. */
export interface ZodContext {
  readonly ts: Ts;
  readonly sf: TS.SourceFile;
  readonly vars: ReadonlyMap<string, TS.Expression>;
  /** The tables the block defines (all the Drizzle blocks of a file are read as one). */
  readonly tables: readonly ZodTable[];
  /** Named enums (pgEnum) -> their values. */
  readonly enums: ReadonlyMap<string, readonly string[]>;
  readonly start: (n: TS.Node) => number;
  readonly raw: (t: string, offset: number) => RawText;
  readonly note: (message: string, at: number) => void;
  readonly unwrap: (e: TS.Expression) => TS.Expression;
  readonly str: (e: TS.Expression | undefined) => { text: string; at: number } | null;
  readonly unchain: (e: TS.Expression) => Chain | null;
  readonly propName: (n: TS.PropertyName) => string | null;
  readonly stringList: (e: TS.Expression | undefined) => { text: string; at: number }[] | null;
  readonly returned: (fn: TS.Expression | undefined) => TS.Expression | null;
  readonly firstParam: (fn: TS.Expression | undefined) => string | null;
  readonly out: ReaderResult;
}

type ZodBase = "string" | "number" | "array" | "enum" | "object" | "other" | "unknown";
/** Which columns a rule fits; "either" (`min 3` from a drizzle-zod callback on an unknown column) is sized by the column's type. */
export type ZodRuleKind = "length" | "value" | "either" | "format" | "pattern" | "values" | "items" | "each";

export interface ZodRule {
  readonly text: string;
  readonly at: number;
  readonly kind: ZodRuleKind;
  readonly values?: readonly string[];
  readonly format?: string;
}

export interface ZodValue {
  base: ZodBase;
  rules: ZodRule[];
  /** An array's item. */
  element?: ZodValue;
}

export interface ZodField {
  readonly key: string;
  readonly keyAt: number;
  readonly value: ZodValue;
  /** Where it is written (for notes): the schema variable, or the table for drizzle-zod refinements. */
  readonly label: string;
}

export interface ZodObject {
  readonly fields: Map<string, ZodField>;
  /** drizzle-zod's schemas name their table; a plain z.object is about the table its variable names. */
  readonly table?: { readonly name: string; readonly at: number; readonly known: ZodTable | null };
}
