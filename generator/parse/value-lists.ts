// Allowed values a notes or description text lists for a column, outside any type or constraint
// slot: "one of: a, b, c", "a | b | c", "a/b/c", "Role (admin/member)", "Kind (a, b or c)",
// "The sender's role: 'user', 'assistant', 'system'". Shared by the Markdown table reader (one
// notes cell at a time, with offsets for spans) and the IR builder (a whole description).
//
// Read only where the text is unmistakably a list of the values: the whole text, a list marked
// "one of", a parenthesised list whose items are separated by "/", "|" or "or", or a list of
// quoted values after a colon. Prose is never read ("stored under uploads/images", "and/or",
// "e.g. red, blue", "new/open/closed etc."). Whether the column takes the values (a textual
// column) is the IR builder's decision.

export interface ListedValue {
  readonly text: string;
  /** Offset of the value in the text given. */
  readonly at: number;
}

/** An identifier-like value: "in_progress", "Bi-weekly", "ADMIN", "v2", "进行中", "下書き" (a word of any script, not a sentence). */
const IDENT = /^(?:[A-Za-z][A-Za-z0-9_-]*|[\p{L}][\p{L}\p{N}_-]{0,11})$/u;

/** Full-width punctuation written in CJK text, as its ASCII twin (one character each, so offsets stay). */
const WIDE: Record<string, string> = { "（": "(", "）": ")", "／": "/", "｜": "|", "，": ",", "：": ":", "；": ";" };

/** "状态：", "ステータス：", "상태:": a short label in a CJK script before the values. */
const CJK_LABEL = /^\s*[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]{1,8}\s*:\s*/u;
/** Words that make a slash or bar list prose ("and/or", "yes/no" is kept: it is a choice). */
const PROSE_WORDS = /^(?:and|or|nor|not|the|etc|others?|more|n|na)$/i;
/** Date and time pattern tokens ("YYYY/MM/DD", "HH:mm"): a format, not values. */
const FORMAT_TOKEN = /^(?:y+|m+|d+|h+|s+)$/i;
/** Words saying the list is examples, or open. */
const EXAMPLES = /\b(?:e\.g|eg|for example|such as|like|etc|and so on)\b|例如|比如|等等?$|など|예를\s*들어|\bz\.\s*b\b|p\.\s*ej|por\s+ejemplo/i;

/**
 * Split `text` (from `from` to `to`) into values at `sep`: each value trimmed of quotes and
 * backticks, with its offset; null unless every piece is one identifier-like value.
 */
function split(text: string, from: number, to: number, sep: RegExp, quotedOnly = false): ListedValue[] | null {
  const out: ListedValue[] = [];
  const body = text.slice(from, to);
  let at = 0;
  const pieces = body.split(sep);
  let pos = 0;
  for (const piece of pieces) {
    const idx = body.indexOf(piece, pos);
    pos = idx + piece.length;
    const trimmed = piece.trim();
    if (!trimmed) return null;
    const q = /^(["'`‘“])(.*)(["'`’”])$/.exec(trimmed);
    if (quotedOnly && !q) return null;
    const v = q ? q[2]!.trim() : trimmed;
    if (!v || (q ? !/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(v) : !IDENT.test(v))) return null;
    at = from + idx + (piece.length - piece.trimStart().length) + (q ? 1 : 0);
    out.push({ text: v, at });
  }
  return out.length >= 2 ? out : null;
}

/** Whether the values read as a real list and not as prose or a format. */
function plausible(values: readonly ListedValue[]): boolean {
  if (values.some((v) => PROSE_WORDS.test(v.text))) return false;
  if (values.every((v) => FORMAT_TOKEN.test(v.text))) return false;
  // "支持文本、图片和视频" (text, pictures and video): a CJK value with a conjunction or particle in it is prose.
  if (values.some((v) => /[的和及与與或等并並をはがにでもの]/.test(v.text))) return false;
  return new Set(values.map((v) => v.text.toLowerCase())).size === values.length;
}

/** Words saying a parenthesised list names how the value is made (hashed, encrypted, generated with ...), not values. */
const MEANS = /\b(?:stored|hash(?:ed|es|ing)?|encrypt\w*|encod(?:ed|ing)|generated|computed|derived|signed|using|via|algorithms?|librar(?:y|ies))\b/i;

const BAR = /\s*\|\s*/;
const SLASH = /\s*\/\s*/;
const COMMA_OR = /\s*,\s*(?:or\s+)?|\s+or\s+/i;

/** A list that is the whole of text[from, to): "a | b | c", "a/b/c", "a, b or c", "'a', 'b'". */
function wholeList(text: string, from: number, to: number, commas: boolean): ListedValue[] | null {
  const body = text.slice(from, to);
  if (!body.trim()) return null;
  if (body.includes("|")) return split(text, from, to, BAR);
  if (body.includes("/")) return split(text, from, to, SLASH);
  if (!commas) return null;
  // "待办、进行中、已完成": the enumeration comma of CJK text.
  if (body.includes("、")) return split(text, from, to, /\s*、\s*/);
  if (/,|\sor\s/i.test(body)) return split(text, from, to, COMMA_OR);
  return null;
}

/**
 * The allowed values `text` lists, with their offsets, or null. `commas`: a bare comma list as
 * the whole text is a list too ("active, suspended, trial"), as in a notes cell.
 */
export function listedValues(written: string, commas = true): ListedValue[] | null {
  if (EXAMPLES.test(written)) return null;
  const text = written.replace(/[（）／｜，：；]/g, (c) => WIDE[c]!);
  const end = text.replace(/[\s.。]+$/, "").length;
  const start = text.length - text.trimStart().length;
  const found = (v: ListedValue[] | null) => (v && plausible(v) ? v : null);
  // The whole text.
  const whole = found(wholeList(text, start, end, commas));
  if (whole) return whole;
  // "状态：待办、进行中、已完成", "種別：A／B／C": a CJK label, then only the values.
  const label = CJK_LABEL.exec(text);
  if (label) {
    const v = found(wholeList(text, label[0].length, end, true));
    if (v) return v;
  }
  // "one of: a, b, c", "one of a/b/c", "either a or b", "values: a | b", "allowed: 'a', 'b'" (to the end).
  const marked = /(?:^|[\s(,;:])(?:(?:must\s+be\s+)?one\s+of|either|allowed(?:\s+values)?|possible\s+values|values?|options?|enum)\s*[:=：]?\s*(?:\(\s*)?/i.exec(text);
  if (marked) {
    const from = marked.index + marked[0].length;
    let to = end;
    if (/\(\s*$/.test(marked[0]) && text[end - 1] === ")") to = end - 1;
    else {
      const close = text.indexOf(")", from);
      if (close > 0 && /\(/.test(text.slice(0, marked.index + 1)) && text.lastIndexOf("(", marked.index + 1) > text.lastIndexOf(")", marked.index)) to = close;
      // "One of a, b, c. Checked by the database.": the list ends with its sentence.
      const stop = text.slice(from, to).search(/[.。]\s+\S/);
      if (stop > 0) to = from + stop;
    }
    const v = found(wholeList(text, from, to, true));
    if (v) return v;
  }
  // "Role (admin/member)", "Kind (a, b or c)", "状态 (todo | done)": a parenthesised list closing the text.
  const paren = /[(（]([^()（）]*)[)）]$/.exec(text.slice(0, end));
  if (paren) {
    const from = paren.index + 1;
    const to = from + paren[1]!.length;
    const inner = paren[1]!;
    // "stored as a salted hash (bcrypt/argon2)", "signed using (RS256/ES256)": the means the
    // value is made with, not values the column takes.
    const means = MEANS.test(text.slice(0, paren.index));
    const v = !means && /[|/]|\sor\s/i.test(inner) ? found(wholeList(text, from, to, true)) : null;
    if (v) return v;
  }
  // "The sender's role: 'user', 'assistant', 'system'", "Role (ENUM) - 'a', 'b'": quoted values
  // after a colon or a dash, closing the text.
  const quoted = /(?:^|[:：=]|\s[-–—]|\(\s*enum\s*\))\s*((?:["'`‘“][^"'`‘’“”]+["'`’”]\s*(?:,|\||\bor\b)\s*(?:or\s+)?)+["'`‘“][^"'`‘’“”]+["'`’”])$/i.exec(text.slice(0, end));
  if (quoted) {
    const from = quoted.index + quoted[0].length - quoted[1]!.length;
    const v = found(split(text, from, end, /\s*(?:,\s*(?:or\s+)?|\||\s+or\s+)\s*/i, true));
    if (v) return v;
  }
  return null;
}

/** An arrow between two states of a lifecycle ("→", "->", "=>", "⇒", "➔", "⟶"). */
const STATE_ARROW = "(?:->|→|=>|⇒|➔|⟶)";
const STATE = "[`'\"]?[\\p{L}_][\\p{L}\\p{N}_-]*[`'\"]?";
/** Three states or more joined by arrows, nothing after them but a full stop. */
const STATE_CHAIN = new RegExp(`^\\s*((?:${STATE}\\s*${STATE_ARROW}\\s*){2,}${STATE})\\s*\\.?\\s*$`, "u");

/**
 * A lifecycle written as a chain of states ("`PENDING` → `PAID` → `SHIPPED`", "draft -> review ->
 * published"): the states, in order; null for anything else. One arrow names a table ("→ users"),
 * so a chain has two arrows at least.
 */
export function stateChain(text: string): string[] | null {
  const m = STATE_CHAIN.exec(text);
  if (!m) return null;
  return [...new Set(m[1]!.split(new RegExp(`\\s*${STATE_ARROW}\\s*`, "u")).map((v) => v.replace(/^[`'"]|[`'"]$/g, "")))];
}
