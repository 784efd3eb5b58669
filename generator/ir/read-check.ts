// CHECK bodies written in a constraint ("x IN ('a','b')", "x >= 0", "char_length(x) >= 1") read
// as column rules.
import type { ConstraintReading } from "./constraint-reading.js";
import { splitValues } from "./read-type.js";

/** CHECK bodies: "x IN ('a','b')", "x >= 0", "char_length(x) >= 1", "x BETWEEN 1 AND 5", joined by AND. */
export function readCheck(inner: string, r: ConstraintReading): boolean {
  const s = inner.trim().replace(/^\((.*)\)$/s, "$1").trim();
  let m = /^[`"]?(\w+)[`"]?\s+between\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)$/i.exec(s);
  if (m) {
    r.min = Number(m[2]);
    r.max = Number(m[3]);
    return true;
  }
  const parts = s.split(/\s+and\s+/i);
  if (parts.length > 1) return parts.every((p) => readCheck(p, r));
  m = /^[`"]?(\w+)[`"]?\s+in\s*\((.*)\)$/is.exec(s);
  if (m) {
    r.enumValues = splitValues(m[2]!);
    return true;
  }
  m = /^(?:char_length|length|len)\s*\(\s*(?:trim\s*\(\s*)?[`"]?\w+[`"]?\s*\)?\s*\)\s*(>=|>|<=|<)\s*(\d+)$/i.exec(s);
  if (m) {
    const n = Number(m[2]);
    if (m[1] === ">=") r.minLength = n;
    else if (m[1] === ">") r.minLength = n + 1;
    else if (m[1] === "<=") r.maxLength = n;
    else r.maxLength = n - 1;
    return true;
  }
  m = /^[`"]?\w+[`"]?\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)$/.exec(s);
  if (m) {
    if (m[1] === ">=") r.min = Number(m[2]);
    else r.max = Number(m[2]);
    return true;
  }
  m = /^(?:trim\s*\(\s*)?[`"]?\w+[`"]?\s*\)?\s*(?:<>|!=)\s*''$/.exec(s);
  if (m) {
    r.minLength = Math.max(r.minLength ?? 0, 1);
    return true;
  }
  return false;
}
