// Compiler-style diagnostics. Codes never change meaning once assigned; see docs/diagnostics.md.
import type { Span } from "./span.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string; // e.g. SF104
  readonly message: string;
  readonly span: Span;
  readonly hint?: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.span.file, b.span.file) ||
    a.span.line - b.span.line ||
    a.span.column - b.span.column ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** `file:line:col: error CODE: message` plus an indented hint line. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.span.file}:${d.span.line}:${d.span.column}: ${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
