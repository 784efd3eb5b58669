// The hand-over between the Markdown reader and the readers of formal languages (SQL,
// Prisma, Drizzle TypeScript, Python): the Markdown reader finds a block and passes its
// text with a function that maps any offset in it back to the spec file, so a diagnostic
// about a SQL column still points at the spec line and column it was written at. A reader
// returns pieces of the one raw shape (raw.ts); nothing in them is interpreted yet beyond
// what the language's own grammar decides (a SQL column's type and constraint phrases).
import type { Diagnostic } from "../base/diagnostics.js";
import type { Span } from "../base/span.js";
import type { RawEnum, RawIndex, RawTable, RawText } from "./raw.js";
import { lineIndexAt, lineStarts } from "./text.js";

export interface SourceBlock {
  /** The block's text (a fence's content, or a whole file). */
  readonly text: string;
  /** The spec file it is in, relative to the project root. */
  readonly file: string;
  /** The fence's info string, lower-case ("sql", "prisma", "typescript", ""), or the file's extension. */
  readonly lang: string;
  /** Where the character at `offset` of `text` is in the spec file (offset = text.length: just after the end). */
  at(offset: number): Span;
}

export interface ReaderNote {
  readonly span: Span;
  readonly message: string;
}

/** What a reader found in one block. */
export interface ReaderResult {
  readonly tables: RawTable[];
  /** Indexes declared apart from their table (CREATE INDEX ... ON t): `table` is set. */
  readonly indexes: RawIndex[];
  readonly enums: RawEnum[];
  readonly diagnostics: Diagnostic[];
  readonly notes: ReaderNote[];
}

/** What the reader knows of the document around a block. */
export interface BlockContext {
  /** The table whose section the block is in (a constraint quoted under "## tasks"), if any. */
  readonly sectionTable?: string;
}

/** A reader of one formal language; loaded (with its parser) only when a spec contains that language. */
export type BlockReader = (block: SourceBlock, context: BlockContext) => ReaderResult;

export function emptyResult(): ReaderResult {
  return { tables: [], indexes: [], enums: [], diagnostics: [], notes: [] };
}

/**
 * A reader's result for one block and the helpers every reader places things with: `span` (an
 * offset of the block's text, kept inside it), `raw` (a text at an offset), `warn` (SF113 there)
 * and `note` (a guess, each message once).
 */
export function openResult(block: SourceBlock) {
  const out = emptyResult();
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, block.text.length)));
  const raw = (t: string, offset: number): RawText => ({ text: t, span: span(offset) });
  const warn = (message: string, at: number, hint?: string): void => {
    const d: Diagnostic = { severity: "warning", code: "SF113", message, span: span(at), ...(hint ? { hint } : {}) };
    out.diagnostics.push(d);
  };
  const noted = new Set<string>();
  const note = (message: string, at: number): void => {
    if (noted.has(message)) return;
    noted.add(message);
    out.notes.push({ span: span(at), message });
  };
  return { out, span, raw, warn, note };
}

/** `at` for a text that starts at `span` and is copied verbatim from the file (no indentation removed). */
export function spanMapper(text: string, start: Span): (offset: number) => Span {
  const starts = lineStarts(text);
  return (offset) => {
    const lo = lineIndexAt(starts, offset);
    const col = offset - starts[lo]!;
    return lo === 0 ? { file: start.file, line: start.line, column: start.column + col } : { file: start.file, line: start.line + lo, column: col + 1 };
  };
}
