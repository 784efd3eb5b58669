// Lists of allowed values in a phrase: "a, b, c", "a | b", "a、b 或 c", "a、b、c 之一".
import { REF_KEYWORDS } from "./constraint-reading.js";
import { R } from "./other-language-patterns.js";
import { end, fold, L0, L1 } from "./phrase-words.js";

/** Separators before a list of values. */
export const LIST_LEAD = /[\s,;/|+.，；、。]*/y;

/** One value of a list: quoted, or a word. */
const LIST_VALUE = /(?:'([^']*)'|"([^"]*)"|“([^”]*)”|‘([^’]*)’|「([^」]*)」|`([^`]*)`|((?:(?!(?:其中)?之一|中的|のいずれか|のどれか|のうち|或者?|または)[^\s,、|/;'"“”‘’「」`()（）:：，；。])+))/uy;

const LIST_OR = `(?:${L0}(?:o|ou|oder|or|y|e|et|und|ed)${L1}|또는|혹은)`;

const LIST_SEP = new RegExp(`(?:\\s*[,、|/;]\\s*(?:${LIST_OR}\\s+)?|\\s+${LIST_OR}\\s+|\\s*(?:或者?|または)\\s*)`, "iuy");

const LIST_SEP_WIDE = new RegExp(`(?:\\s*[,、|/;，；]\\s*(?:${LIST_OR}\\s+)?|\\s+${LIST_OR}\\s+|\\s*(?:或者?|または)\\s*)`, "iuy");

/** Values from p: "a, b, c", "a | b", "a、b 或 c", "'a' o 'b'". `wideComma`: "，" separates values too (not in prose, where it separates clauses). */
export function readValueList(text: string, p: number, wideComma: boolean): { values: string[]; end: number } | null {
  const sep = wideComma ? LIST_SEP_WIDE : LIST_SEP;
  const values: string[] = [];
  let last = p;
  let comma = false;
  for (;;) {
    LIST_VALUE.lastIndex = p;
    const v = LIST_VALUE.exec(text);
    if (!v) break;
    // "uno de a | b, obligatorio": after a comma, a rule word is the next phrase, not a value.
    if (comma && v[7] !== undefined && isRuleWord(v[7])) break;
    values.push(v.slice(1).find((x) => x !== undefined)!);
    last = LIST_VALUE.lastIndex;
    sep.lastIndex = last;
    const s = sep.exec(text);
    if (!s || sep.lastIndex === last) break;
    comma = /[,，]/.test(s[0]);
    p = sep.lastIndex;
  }
  return values.length ? { values, end: last } : null;
}

/** A word that starts a rule (English or another language's), not a value. */
function isRuleWord(word: string): boolean {
  if (REF_KEYWORDS.has(word.toLowerCase())) return true;
  const f = fold(word);
  return [R.notNull, R.nullable, R.unique, R.primaryKey, R.foreignKey, R.default, R.increment].some((re) => {
    re.lastIndex = 0;
    return re.exec(f) !== null;
  });
}

/** "a、b、c 之一", "a, b のいずれか", "a, b 중 하나" at pos. */
export function readValuesBefore(text: string, folded: string, pos: number, wideComma: boolean): { values: string[]; end: number } | null {
  R.oneOfBefore.lastIndex = pos;
  const b = R.oneOfBefore.exec(folded);
  const list = readValueList(text, b ? end(b) : pos, wideComma);
  if (!list || list.values.length < 2) return null;
  R.oneOfAfter.lastIndex = list.end;
  const a = R.oneOfAfter.exec(folded);
  return a ? { values: list.values, end: end(a) } : null;
}
