// A cell of a column whose header names the rule its cells state (table-cells.ts headerRule):
// "| Unique | Yes |", "| PK | ✓ |", "| FK | `orders(order_id)` |", "| Size | 80 |". A mark says
// the rule holds for the row; a "no" mark or an empty cell says it does not; a target names what
// a key references; a size is the type's length. Anything else is left to the notes reading.
import type { RawText } from "../raw.js";
import { type HeaderRule, isEmptyMarker, readYesNo } from "../table-cells.js";
import { type Flat, flatSub } from "./flat.js";
import type { MarkdownReader } from "./reader.js";

export interface RuleCell {
  readonly constraints: RawText[];
  /** The type's length or precision ("80", "18,2", "MAX"). */
  readonly size?: string;
}

const MARK_RULE: Partial<Record<HeaderRule, string>> = { unique: "unique", "primary key": "primary key", "auto increment": "auto increment" };

export function ruleCell(md: MarkdownReader, rule: HeaderRule, c: Flat): RuleCell | null {
  const t = c.text.replace(/[`*]/g, "").trim();
  if (!t || isEmptyMarker(t) || /^(?:none|null|nil|n\/a)$/i.test(t)) return { constraints: [] };
  const mark = readYesNo(t);
  if (mark === "yes" || mark === "no") {
    const said = MARK_RULE[rule];
    return { constraints: mark === "yes" && said ? [{ text: said, span: md.idx.span(c.offs[0] ?? 0) }] : [] };
  }
  if (rule === "size") {
    const m = /^(\d+(?:\s*,\s*\d+)?|max)$/i.exec(t);
    return m ? { constraints: [], size: m[1]!.replace(/\s+/g, "") } : null;
  }
  if (rule === "foreign key") {
    // "`orders(order_id)`", "orders.order_id", "→ orders": the target alone.
    const m = /^(?:->|→|=>)?\s*([A-Za-z_]\w*(?:\s*\(\s*[A-Za-z_]\w*\s*\)|\.[A-Za-z_]\w*)?)$/.exec(t);
    if (m) {
      const at = c.text.indexOf(m[1]!.slice(0, 1));
      return { constraints: [{ text: `references ${m[1]!.replace(/\s+/g, "")}`, span: md.rawText(flatSub(c, Math.max(0, at))).span }] };
    }
  }
  return null;
}
