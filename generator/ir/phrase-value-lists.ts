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
    // "valores: a, b; por defecto a": nor a rule of several words ("por defecto", "not null").
    if (comma && v[7] !== undefined && (isRuleWord(v[7]) || isRuleWord(text.slice(p, p + 40)))) break;
    values.push(v.slice(1).find((x) => x !== undefined)!);
    last = LIST_VALUE.lastIndex;
    sep.lastIndex = last;
    const s = sep.exec(text);
    // "「draft」「published」": quoted values side by side, with no separator between them.
    if ((!s || sep.lastIndex === last) && text[last - 1] === "」" && text[last] === "「") {
      comma = false;
      p = last;
      continue;
    }
    if (!s || sep.lastIndex === last) break;
    comma = /[,，;；]/.test(s[0]);
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

/** Words that end a marked list of values: what follows them is a rule, not one more value. */
const LIST_STOP_WORD = /^(?:indexed|index|default|defaults|required|optional|nullable|unique|not|null|case|lowercase|uppercase|must|may|can|should|stored|checked|enforced)$/i;

/** Words that make a list prose or an open list, never values: "new/open/closed etc.", "and/or". */
const LIST_PROSE_WORD = /^(?:etc|others?|more|and|or|the|any|some|such)$/i;

/**
 * "one of a, b, c", "either a or b", "enum: a, b, c", "values: a | b", "allowed values are `x`
 * and `y`", "one of email/sms/push" at pos: a closed list of values after an English word that
 * says so, the values bare or quoted. The list ends at ";", at the end of a sentence, at "(",
 * or at a comma before a rule word ("one of a/b/c, indexed"; "enum: a, b; default a"), so the
 * rest of the phrase is read as rules of its own. Full-width separators count ("a，b", "a／b").
 */
const MARKED_LEAD = /(?:(?:must|can|may|should|shall)\s+(?:only\s+)?be\s+|is\s+|are\s+|only\s+)?(?:(?:one|any)\s+of(?:\s+the\s+following)?(?:\s+values)?|either|enum(?:eration)?|(?:(?:allowed|accepted|valid|possible|permitted)(?:\s+(?:values|options|choices))?|values|value\s+set|options|choices)(?:\s+(?:are|is|include))?)\s*[:=：]?\s*(?:[(（[]\s*)?/iy;
/** "can be `draft` or `published`", "may only be 'a', 'b'": a list after these words only when every value is quoted. */
const QUOTED_LEAD = /(?:(?:must|can|may|should|shall)\s+(?:only\s+)?be|is\s+(?:either\s+)?|are)\s+(?=["'`“‘「])/iy;
const ONLY_LEAD = /(?:(?:must|can|may|should|shall)\s+only\s+be|(?:is|are)\s+only)\s+(?:(?:set\s+to|either)\s+)?/iy;
const MARKED_VALUE = /(?:'([^'\n]+)'|"([^"\n]+)"|`([^`\n]+)`|“([^”\n]+)”|‘([^’\n]+)’|「([^」\n]+)」|([\p{L}\p{N}_](?:[\p{L}\p{N}_-]|\.(?=[\p{L}\p{N}]))*))/uy;
const MARKED_SEP = /\s*(?:[,，、|｜/／]\s*(?:(?:or|and)\s+)?)|\s+(?:or|and)\s+/iy;

export function readMarkedList(text: string, pos: number): { values: string[]; end: number } | null {
  MARKED_LEAD.lastIndex = pos;
  let lead = MARKED_LEAD.exec(text);
  let quotedOnly = false;
  if (!lead) {
    // "can only be pending or done", "must only be one of a, b": "only" closes the list, bare values too.
    ONLY_LEAD.lastIndex = pos;
    lead = ONLY_LEAD.exec(text);
    if (lead) MARKED_LEAD.lastIndex = ONLY_LEAD.lastIndex;
  }
  if (!lead) {
    QUOTED_LEAD.lastIndex = pos;
    lead = QUOTED_LEAD.exec(text);
    if (!lead) return null;
    quotedOnly = true;
    MARKED_LEAD.lastIndex = QUOTED_LEAD.lastIndex;
  }
  const bracket = /([(（[])\s*$/.exec(lead[0])?.[1];
  const paren = bracket !== undefined;
  let p = MARKED_LEAD.lastIndex;
  const values: string[] = [];
  let last = p;
  for (;;) {
    MARKED_VALUE.lastIndex = p;
    const v = MARKED_VALUE.exec(text);
    if (!v) break;
    const bare = v[7] !== undefined;
    if (bare && quotedOnly) return null;
    const value = v.slice(1).find((x) => x !== undefined)!.trim();
    // After a comma, a rule word starts the next phrase ("one of a/b/c, indexed").
    if (values.length && bare && LIST_STOP_WORD.test(value) && /[,，]/.test(text.slice(last, p))) break;
    if (!value || (bare && LIST_PROSE_WORD.test(value))) return null;
    values.push(value);
    last = MARKED_VALUE.lastIndex;
    MARKED_SEP.lastIndex = last;
    const s = MARKED_SEP.exec(text);
    if (!s || MARKED_SEP.lastIndex === last) break;
    p = MARKED_SEP.lastIndex;
  }
  if (values.length < 2 || new Set(values.map((v) => v.toLowerCase())).size !== values.length) return null;
  let end = last;
  if (paren) {
    const close = bracket === "[" ? /\s*\]/y : /\s*[)）]/y;
    close.lastIndex = end;
    if (!close.exec(text)) return null;
    end = close.lastIndex;
  }
  // What follows the list: nothing, a separator, a sentence's end or a bracketed note; not more prose.
  if (!/^(?:\s*$|\s*[,;，；。.)）(（]|\s+[(（])/.test(text.slice(end))) return null;
  return { values, end };
}
