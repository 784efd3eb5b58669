// What is written after a column's type when it is not a constraint phrase: a note in brackets
// ("uuid (FK to users)", "text [optional]", "integer (cents)", "TEXT (ISO 8601 date)") or a unit
// ("integer minutes", "int seconds", "decimal USD"). A bracketed note is read for what it says:
// its constraint phrases are constraints, a unit is what the number counts, anything else is a
// note on the column; a unit goes into the column's description (the API documents it).
import { unitOf } from "../parse/table-units.js";
import { interpretConstraint } from "./constraints.js";
import { interpretType } from "./read-type.js";

export interface TypeNotePiece {
  readonly text: string;
  /** Offset of the piece in the text given to readTypeNote. */
  readonly at: number;
}

export interface TypeNote {
  /** Constraint phrases (read by the caller as any constraint is; an unknown one is still SF108). */
  readonly phrases: TypeNotePiece[];
  /** Units the note names ("minutes", "cents", "USD"). */
  readonly units: TypeNotePiece[];
  /** Bracketed words that are neither: a note on the column ("uppercase", "shown on cards"). */
  readonly notes: TypeNotePiece[];
}

function closeOf(text: string, open: number): number {
  const o = text[open]!;
  const c = o === "(" ? ")" : o === "[" ? "]" : o === "（" ? "）" : "";
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}

/** Splits on commas and semicolons outside brackets and quotes, with each piece's offset. */
function pieces(text: string, base: number): TypeNotePiece[] {
  const out: TypeNotePiece[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    if (raw.trim()) out.push({ text: raw.trim(), at: base + start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if (depth === 0 && (ch === "," || ch === ";")) {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

const understood = (t: string) => interpretConstraint(t).unknownAt === undefined;

/** Reads `rest` (what follows the type, trimmed) into constraint phrases, units and notes. */
export function readTypeNote(rest: string): TypeNote {
  const note: TypeNote = { phrases: [], units: [], notes: [] };
  let at = 0;
  while (at < rest.length) {
    while (at < rest.length && /[\s,;]/.test(rest[at]!)) at++;
    if (at >= rest.length) break;
    const ch = rest[at]!;
    if (ch === "(" || ch === "[" || ch === "（") {
      const end = closeOf(rest, at);
      if (end < 0) {
        note.phrases.push({ text: rest.slice(at), at });
        break;
      }
      const inner = rest.slice(at + 1, end);
      if (inner.trim() && understood(inner.trim())) note.phrases.push({ text: inner.trim(), at: at + 1 + (inner.length - inner.trimStart().length) });
      else
        for (const p of pieces(inner, at + 1)) {
          if (understood(p.text)) note.phrases.push(p);
          else if (unitOf(p.text)) note.units.push({ text: unitOf(p.text)!, at: p.at });
          // "String (text)", "string (UUID)": the storage named again, not a note on the column.
          else if (interpretType(p.text).type && !interpretType(p.text).rest) continue;
          else note.notes.push(p);
        }
      at = end + 1;
      continue;
    }
    // Outside brackets: constraint phrases as before ("references users(id)", "check (x > 0)"),
    // or a unit ("minutes", "USD", "in cents") that a bracketed note may follow.
    const tail = rest.slice(at);
    const bracket = tail.search(/[([（]/);
    const plain = bracket > 0 ? tail.slice(0, bracket) : tail;
    const unit = understood(tail) ? null : unitOf(plain);
    if (!unit) {
      note.phrases.push({ text: tail.trim(), at });
      break;
    }
    note.units.push({ text: unit, at });
    at += plain.length;
    if (bracket <= 0) break;
  }
  return note;
}

/** The column description with a unit or note added (once): "in minutes", "Total (in cents)". */
export function describeWith(description: string | undefined, units: readonly string[], notes: readonly string[]): string | undefined {
  let d = description?.trim() ?? "";
  for (const u of units) {
    if (new RegExp(`\\b${u.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i").test(d)) continue;
    d = d ? `${d} (in ${u})` : `in ${u}`;
  }
  for (const n of notes) {
    if (d.toLowerCase().includes(n.toLowerCase())) continue;
    d = d ? `${d} (${n})` : n;
  }
  return d || description;
}
