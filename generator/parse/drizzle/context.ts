// One Drizzle block as the reader sees it: its text (a line that is only `...` blanked), its
// TypeScript syntax tree, the result the reader builds, and positions, warnings and notes.
import type TS from "typescript";
import { openResult, type SourceBlock } from "../block.js";
import type { RawCheck } from "../raw.js";

export type Ts = typeof TS;
export type Dialect = RawCheck["dialect"];

export type DrizzleBlock = ReturnType<typeof openBlock>;

/** Opens a block: its text and tree, and the helpers that place warnings and notes in it. */
export function openBlock(ts: Ts, block: SourceBlock) {
  // A line that is only `...` leaves code out of an example; blanked (offsets kept), it does not
  // swallow the property after it as a spread.
  const elided = /^[ \t]*(?:\.\.\.|…)[ \t]*,?[ \t]*$/gm;
  const elisions = [...block.text.matchAll(elided)].map((m) => m.index + m[0].search(/\S/));
  const text = elisions.length ? block.text.replace(elided, (m) => " ".repeat(m.length)) : block.text;
  const sf = ts.createSourceFile("block.ts", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  // The elided text has the block's length: offsets in it are the block's.
  const { out, span, raw, warn, note } = openResult(block);
  const start = (n: TS.Node): number => n.getStart(sf);
  return { ts, block, elisions, text, sf, out, span, start, raw, warn, note };
}
