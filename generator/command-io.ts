// What every command shares: the exit codes, where output goes, how diagnostics are printed.
import { formatDiagnostic, type Diagnostic } from "./base/diagnostics.js";
import { formatDiagnosticColored, useColor } from "./color.js";

/** Stable exit codes; docs/cli.md. When several problems show at once, the first in this order wins: 2, 4, 3, 5, 1. */
export const EXIT = { ok: 0, drift: 1, specErrors: 2, migrationMissing: 3, migrationEdited: 4, breaking: 5, usage: 64 } as const;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Colour diagnostics (a TTY, and neither CI nor NO_COLOR set). */
  color?: boolean;
}

export const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), color: useColor(process.stderr) };

/** Each diagnostic on stderr, `file:line:col: severity CODE: message` and its hint. */
export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.err(formatDiagnosticColored(d, io.color === true) + "\n");
}

/** The diagnostics as plain text lines (a hint is a line of its own), for `check --format json`. */
export function diagnosticLines(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.flatMap((d) => formatDiagnostic(d).split("\n"));
}
