// One rule of another language at a position of a phrase: flags, keys, references, defaults,
// lengths, bounds, lists of values and formats.
import { type ConstraintReading, type DefaultText, REF_KEYWORDS, type RefText } from "./constraint-reading.js";
import { CJK_CHAR, R } from "./other-language-patterns.js";
import { readValueList } from "./phrase-value-lists.js";
import { end, firstNumber, fold, twoNumbers } from "./phrase-words.js";
import { readDefault } from "./read-default.js";
import { NOT_A_TABLE } from "./vocabulary-keys.js";

/** A rule of another language at pos: where it ends, why the phrase cannot be read there, or null when there is none. */
export function readOtherLanguage(text: string, folded: string, pos: number, r: ConstraintReading): number | { why: string } | null {
  let m: RegExpExecArray | null;
  const at = (re: RegExp, p = pos): RegExpExecArray | null => {
    re.lastIndex = p;
    return re.exec(folded);
  };
  const accented = (x: RegExpExecArray | null): x is RegExpExecArray => x !== null && text.slice(x.index, end(x)) !== folded.slice(x.index, end(x));
  // A target before its verb: "users.id を参照", "users 테이블 참조".
  if ((m = at(R.refBefore))) {
    const ref = refOf(text, m);
    if (ref) {
      r.foreignKey = true;
      r.references = ref;
      return end(m);
    }
  }
  if ((m = at(R.lengthRange) ?? at(R.lengthWordRange))) {
    r.minLength = Number(m[1]);
    r.maxLength = Number(m[2]);
    return end(m);
  }
  if ((m = at(R.maxLength))) {
    r.maxLength = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.minLength))) {
    r.minLength = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.between) ?? at(R.rangeWord))) {
    [r.min, r.max] = twoNumbers(m);
    return end(m);
  }
  if ((m = at(R.greaterEqual) ?? at(R.numberAtLeast) ?? at(R.minValue))) {
    r.min = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.lessEqual) ?? at(R.numberAtMost) ?? at(R.maxValue))) {
    r.max = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.greater) ?? at(R.numberAbove))) {
    r.exclusiveMin = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.less) ?? at(R.numberBelow))) {
    r.exclusiveMax = firstNumber(m);
    return end(m);
  }
  if ((m = at(R.positive))) {
    r.exclusiveMin = 0;
    return end(m);
  }
  if ((m = at(R.nonNegative))) {
    r.min = 0;
    return end(m);
  }
  if ((m = at(R.notEmpty))) {
    r.minLength = Math.max(r.minLength ?? 0, 1);
    return end(m);
  }
  if ((m = at(R.notNull))) {
    r.notNull = true;
    return end(m);
  }
  if ((m = at(R.nullable))) {
    r.nullable = true;
    return end(m);
  }
  if ((m = at(R.primaryKey))) {
    r.primaryKey = true;
    return end(m);
  }
  if ((m = at(R.unique))) {
    r.unique = true;
    return end(m);
  }
  if ((m = at(R.foreignKey))) {
    const link = at(R.refLink, end(m));
    const t = at(R.refTarget, link ? end(link) : end(m));
    const ref = t && refOf(text, t);
    // "FK a users.id": the English "FK" before another language's "to" only with a column, as "FK a user" may be English.
    if (/^fk$/i.test(m[0]) && !ref?.column) return null;
    r.foreignKey = true;
    if (ref) {
      r.references = ref;
      return end(t!);
    }
    return end(m);
  }
  if ((m = at(R.references)) || accented((m = at(R.accentedReference)))) {
    const link = at(R.refLink, end(m));
    const t = at(R.refTarget, link ? end(link) : end(m));
    const ref = t && refOf(text, t);
    if (!ref) return { why: "references what?" };
    r.foreignKey = true;
    r.references = ref;
    return end(t!);
  }
  if ((m = at(R.default))) {
    const link = at(R.defaultLink, end(m));
    let from = link ? end(link) : end(m);
    let d = readOtherDefault(text, from);
    if (!d && link) {
      // "por defecto es": "es" is the value.
      from = end(m) + (/^\s*/.exec(text.slice(end(m)))?.[0].length ?? 0);
      d = readOtherDefault(text, from);
    }
    if (!d) return { why: /^[\s，、。；]*$/.test(text.slice(end(m))) ? "default with no value" : "default value not understood" };
    r.default = d.value;
    r.defaultAt = from;
    return d.end;
  }
  if ((m = at(R.increment)) || accented((m = at(R.accentedIncrement)))) {
    r.increment = true;
    return end(m);
  }
  if ((m = at(R.cascade))) {
    r.onDelete = "cascade";
    return end(m);
  }
  if ((m = at(R.format)) && formatRead(m, folded, false)) {
    r.format = m[4] !== undefined || m[6] !== undefined ? "email" : "uri";
    return end(m);
  }
  if ((m = at(R.oneOf))) {
    const list = readValueList(text, end(m), true);
    if (!list || list.values.length < 2) return { why: "a list of allowed values needs two or more, separated by | or /" };
    r.enumValues = list.values;
    return list.end;
  }
  return null;
}

/**
 * Whether a format match says a format in another language: a word of another language in it, and
 * for a bare word ("邮箱", "correo") not the start of a longer noun ("邮件通知"). In a description
 * only "valid" or "format" words say it ("Correo electrónico del cliente" names the column).
 */
export function formatRead(m: RegExpExecArray, folded: string, described: boolean): boolean {
  const said = (gs: number[]) => gs.some((g) => m[g] !== undefined);
  if (described) return said([1, 3, 9, 10]);
  if (!said([1, 2, 3, 4, 5, 8, 9, 10])) return false;
  return said([8, 9, 10]) || !/[\p{sc=Han}\p{sc=Katakana}]/u.test(folded[end(m)] ?? "");
}

/** The target a reference match names (groups 1: table, 2 or 3: column), as written; null for a word that is a rule, not a table. */
function refOf(text: string, m: RegExpExecArray): RefText | null {
  const span = (g: number): string | undefined => {
    const x = m.indices?.[g];
    return x ? text.slice(x[0], x[1]) : undefined;
  };
  const table = span(1);
  if (!table) return null;
  const column = span(2) ?? span(3);
  if (!column && (REF_KEYWORDS.has(table.toLowerCase()) || NOT_A_TABLE.test(fold(table)))) return null;
  return { table, ...(column ? { column } : {}) };
}

/** A default value after "por defecto" / "默认" / "기본값": as the English one, but ending where CJK text or punctuation starts. */
function readOtherDefault(text: string, pos: number): { value: DefaultText; end: number } | null {
  const c = text[pos];
  if (c === undefined) return null;
  const close = ({ "「": "」", "『": "』", "“": "”", "‘": "’" } as Record<string, string>)[c];
  if (close) {
    const e = text.indexOf(close, pos + 1);
    return e < 0 ? null : { value: { text: text.slice(pos + 1, e), quoted: true }, end: e + 1 };
  }
  let limit = text.length;
  const stop = /[，、。；：）」』】]/g;
  stop.lastIndex = pos;
  const s = stop.exec(text);
  if (s) limit = s.index;
  const cjk = CJK_CHAR.test(c);
  // "默认与 username 相同" (the same as username): prose, not a value.
  if (/[与與和同跟为為是在]/u.test(c)) return null;
  if (!cjk && c !== "'" && c !== '"' && c !== "`") {
    const k = new RegExp(CJK_CHAR.source, "gu");
    k.lastIndex = pos;
    const km = k.exec(text);
    if (km && km.index < limit) limit = km.index;
  }
  const d = readDefault(text.slice(0, limit), pos);
  if (!d) return null;
  if (cjk && !d.value.quoted) {
    const t = d.value.text.replace(/(?:であること|である|です|입니다|이다|임|으로|로)$/u, "");
    if (t && t !== d.value.text) return { value: { text: t, quoted: false }, end: pos + t.length };
  }
  return d;
}
