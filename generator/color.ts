// Colour for terminal output: on when the stream is a TTY, off when it is not, when CI
// or NO_COLOR is set (https://no-color.org), or TERM=dumb. FORCE_COLOR=1 forces it on.
import type { Diagnostic } from "./base/diagnostics.js";
import { formatDiagnostic } from "./base/diagnostics.js";

export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.CI) return false;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

const sgr = (code: string) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
const bold = sgr("1");
const red = sgr("1;31");
const yellow = sgr("1;33");
const cyan = sgr("36");

/** The same text as formatDiagnostic, with location bold, severity coloured and the hint dimmed. */
export function formatDiagnosticColored(d: Diagnostic, color: boolean): string {
  if (!color) return formatDiagnostic(d);
  const sev = d.severity === "error" ? red(`${d.severity} ${d.code}`) : yellow(`${d.severity} ${d.code}`);
  const head = `${bold(`${d.span.file}:${d.span.line}:${d.span.column}:`)} ${sev}: ${d.message}`;
  return d.hint ? `${head}\n  ${cyan("hint:")} ${d.hint}` : head;
}
