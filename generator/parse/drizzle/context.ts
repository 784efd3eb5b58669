// One Drizzle block as the reader sees it: its text (a line that is only `...` blanked), its
// TypeScript syntax tree, the result the reader builds, and positions, warnings and notes.
import type TS from "typescript";
import type { Diagnostic } from "../../base/diagnostics.js";
import type { Span } from "../../base/span.js";
import { emptyResult, type SourceBlock } from "../block.js";
import type { RawCheck, RawText } from "../raw.js";

export type Ts = typeof TS;
export type Dialect = RawCheck["dialect"];

export type DrizzleBlock = ReturnType<typeof openBlock>;

/** Opens a block: its text and tree, and the helpers that place warnings and notes in it. */
export function openBlock(ts: Ts, block: SourceBlock) {
  const out = emptyResult();
  // A line that is only `...` leaves code out of an example; blanked (offsets kept), it does not
  // swallow the property after it as a spread.
  const elided = /^[ \t]*(?:\.\.\.|…)[ \t]*,?[ \t]*$/gm;
  const elisions = [...block.text.matchAll(elided)].map((m) => m.index + m[0].search(/\S/));
  const text = elisions.length ? block.text.replace(elided, (m) => " ".repeat(m.length)) : block.text;
  const sf = ts.createSourceFile("block.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const span = (offset: number): Span => block.at(Math.max(0, Math.min(offset, text.length)));
  const start = (n: TS.Node): number => n.getStart(sf);
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
  return { ts, block, elisions, text, sf, out, span, start, raw, warn, note };
}
