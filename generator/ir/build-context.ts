// What every stage of building the IR shares: the options, the diagnostics and notes it collects,
// and what the spec defines before any table is read (named types, the authentication mode).
import type { Diagnostic, Severity } from "../base/diagnostics.js";
import type { CheckReading } from "../parse/sql-expression.js";
import type { ColumnType, ManyToMany, Span } from "./types.js";

/** A guess the reader made, for `specforge explain`. */
export interface Note {
  readonly span: Span;
  readonly message: string;
}

export interface BuildOptions {
  /** PostgreSQL's own parser for CHECK expressions (parse/sql-expression.ts), loaded when a spec has any. */
  readonly readCheckSql?: (text: string, dialect: "postgresql" | "mysql" | "sqlite", column?: (written: string) => string | undefined) => CheckReading;
}

export class BuildContext {
  constructor(readonly options: BuildOptions = {}) {}
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: Note[] = [];

  diag(severity: Severity, code: string, message: string, span: Span, hint?: string): void {
    this.diagnostics.push({ severity, code, message, span, ...(hint ? { hint } : {}) });
  }

  relations: ManyToMany[] = [];

  note(span: Span, message: string): void {
    this.notes.push({ span, message });
  }

  /** Named enums the spec defines (CREATE TYPE, Prisma/Drizzle enums, "EventType: A | B"), by words(name). */
  namedTypes = new Map<string, { type: ColumnType; name: string; unused?: boolean }>();
  /** Value objects (shapes kept in json columns), by words(name). */
  valueObjects = new Map<string, string>();

  namedTypeMap: Map<string, ColumnType> | undefined;

  /** The spec's authentication mode; read first, because it changes how tables and endpoints are read. */
  authMode: { mode: "external" | "builtin"; provider?: string } = { mode: "external" };
}
