// Rules a column's description states in prose ("1-200 characters", "must be unique", "> 0",
// "one of a, b, c"), in English and in the other languages.
import { readDefault } from "./read-default.js";
import { DATE_TEMPLATE_WORD, dateTemplatePattern } from "./date-templates.js";
import { listedValues } from "../parse/value-lists.js";
import type { ConstraintReading } from "./constraint-reading.js";
import { R } from "./other-language-patterns.js";
import { readValueList, readValuesBefore } from "./phrase-value-lists.js";
import { alt, anywhere, end, firstNumber, fold, L0, L1, NUM, plainSymbols, twoNumbers } from "./phrase-words.js";
import { formatRead } from "./read-other-language.js";
import type { ColumnType } from "./types.js";
import { BETWEEN_END } from "./vocabulary-bounds.js";
import { OTHER_NOT_EMPTY } from "./vocabulary-keys.js";
import { FORMAT_SRC, ONE_OF_AFTER, OTHER_ONE_OF } from "./vocabulary-values.js";
import { stateChain } from "../parse/value-lists.js";

/**
 * Bounds a number column's description states as a whole clause: "> 0", "must be >= 1",
 * "non-negative", "positive", "at least 1", "greater than 0", "no more than 10"; and codes
 * listed as "0 = Sunday, 1 = Monday, ... 6 = Saturday" (min and max of the codes). A clause with
 * other words around the comparison ("> 0 when paid") is not read.
 */
function numericPhrases(t: string, r: ConstraintReading): void {
  const N = "(-?\\d+(?:\\.\\d+)?)";
  const lead = "(?:(?:must|should|has\\s+to|always)\\s+be\\s+|(?:[\\p{L}_]+\\s+){1,3}?)??";
  if (/\b(?:e\.\s?g\.?|eg|for\s+example|such\s+as|like|example)\b|例如/i.test(t)) return;
  for (const raw of t.split(/[,;.()（）。；，](?!\d)/)) {
    const piece = raw.trim();
    // A condition makes the bound partial: "> 0 when paid", "if total > 100".
    if (!piece || /\b(?:if|when|unless|where|except|only|after|before|e\.?g|example|cuando|si|wenn|quand)\b/i.test(piece)) continue;
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^${lead}(>=|≥|=>|>|<=|≤|=<|<)\\s*${N}$`, "iu").exec(piece))) {
      const op = m[1]!;
      const v = Number(m[2]);
      if (/^>=|^≥|^=>/.test(op)) r.min ??= v;
      else if (op === ">") r.exclusiveMin ??= v;
      else if (/^<=|^≤|^=</.test(op)) r.max ??= v;
      else r.exclusiveMax ??= v;
    } else if ((m = new RegExp(`^${lead}(at\\s+least|no\\s+(?:less|fewer)\\s+than|not\\s+less\\s+than|minimum(?:\\s+of)?|min\\.?|greater\\s+than(?:\\s+or\\s+equal\\s+to)?|more\\s+than|at\\s+most|no\\s+more\\s+than|maximum(?:\\s+of)?|max\\.?|less\\s+than(?:\\s+or\\s+equal\\s+to)?)\\s*:?\\s*${N}$`, "iu").exec(piece))) {
      const w = m[1]!.toLowerCase();
      const v = Number(m[2]);
      if (/or\s+equal/.test(w)) {
        if (/greater/.test(w)) r.min ??= v;
        else r.max ??= v;
      } else if (/greater|more\s+than/.test(w) && !/no\s+more/.test(w)) r.exclusiveMin ??= v;
      else if (/^less/.test(w)) r.exclusiveMax ??= v;
      else if (/least|less|fewer|min/.test(w)) r.min ??= v;
      else r.max ??= v;
    } else if (new RegExp(`^${lead}(?:non[-\\s]?negative|not\\s+negative|zero\\s+or\\s+(?:more|greater|positive))$`, "iu").test(piece)) r.min ??= 0;
    else if (new RegExp(`^${lead}(?:strictly\\s+)?positive(?:\\s+(?:number|integer|amount|value))?$`, "iu").test(piece)) r.exclusiveMin ??= 0;
  }
  // "0 = Sunday, 1 = Monday ... 6 = Saturday", "1=low, 2=medium, 3=high": the codes' range.
  const codes = [...t.matchAll(/(?:^|[\s,;(])(-?\d+)\s*[=:：]\s*[\p{L}]/gu)].map((x) => Number(x[1]));
  // A list left open ("1 = first attempt, 2 = first revision, etc."): examples, not every code.
  const open = /(?:\betc\b\.?|\band\s+so\s+(?:on|forth)\b|\band\s+(?:more|up)\b|\.\.\.|…)\s*[.)]?\s*$/i.test(t);
  if (codes.length >= 2 && !open && new Set(codes).size === codes.length && r.min === undefined && r.max === undefined) {
    const lo = Math.min(...codes);
    const hi = Math.max(...codes);
    // Every code written, or the first and last with "..." between them.
    if (hi - lo + 1 === codes.length || (/\.\.\.|…/.test(t) && codes[0] === lo && codes[codes.length - 1] === hi)) {
      r.min = lo;
      r.max = hi;
    }
  }
}

/**
 * "unique per city", "unique per user-city combination", "unique within each shop", "unique for
 * each (shop, day)": unique together with other columns, named by the words after it.
 */
export const UNIQUE_PER = /unique\s+(?:per|for\s+(?:each|every|a\s+given|the\s+same)|within(?:\s+(?:a|an|the\s+same|the|each|its|their|one))?|in\s+(?:a|an|the\s+same|the|each|its|their|one))\s+\(?\s*((?:[A-Za-z_]\w*)(?:\s*(?:-|\/|,|\+|\band\b)\s*[A-Za-z_]\w*)*)(?:\s*\))?(?:\s+(?:combination|pair|tuple|group))?/iuy;

/** "unique within the database", "unique in the system": unique across the whole table, not per a parent. */
export const WHOLE_SCOPE = /^(?:database|db|system|table|app|application|platform|site|service|instance|world|collection)s?$/i;

/** The names "unique per user-city combination" lists: ["user", "city"]. */
export function uniquePerWords(list: string): string[] {
  return list.split(/\s*(?:-|\/|,|\+|\band\b)\s*/).map((w) => w.trim()).filter(Boolean);
}

/**
 * Rules a column's description states in prose ("Task title (1-200 characters)", "max 1000
 * chars", "-- pending, in_progress, completed", "Unique token for ...", "1-5", "valid email
 * address"). Read only where the phrase is unmistakable; an example list ("e.g. red, blue")
 * is not a rule.
 */
/** A sentence that is only quoted values joined by "/", "|", ",", "or" (a lead such as "Values:" allowed), ending with a full stop or not. */
const QUOTED_LIST = /^(?:(?:one\s+of|values?|allowed(?:\s+values)?|either|options?|possible\s+values)\s*[:：]?\s*)?((?:['"`‘“][^'"`’”]{1,40}['"`’”]\s*(?:\/|\||,|\bor\b)\s*)+(?:or\s+)?['"`‘“][^'"`’”]{1,40}['"`’”])\s*[.]?$/i;

export function rulesFromDescription(written: string, type: ColumnType): ConstraintReading {
  const text = plainSymbols(written);
  const r: ConstraintReading = {};
  const t = text.trim();
  const textual = type.kind === "string" || type.kind === "text";
  const numeric = ["integer", "bigint", "decimal", "float"].includes(type.kind);
  let m: RegExpExecArray | null;
  if (textual) {
    const iso = new RegExp(ISO_CODE.source, "i").exec(t);
    if (iso) r.pattern = isoPattern(iso[0]);
    // "Month in YYYY-MM format", "Start time (HH:mm)": a date or time kept as text, held to its template.
    const template = iso ? null : DATE_TEMPLATE_WORD.exec(t);
    if (template) r.pattern = dateTemplatePattern(template[1]!);
  }
  if (textual) {
    if ((m = /(?:^|[\s(,;])(\d+)\s*(?:-|–|~|to|\.\.)\s*(\d+)\s*(?:characters?|chars?|letters?|aksara|karakter|huruf|tekens|字符|个字符|位|文字|자)/i.exec(t))) {
      r.minLength = Number(m[1]);
      r.maxLength = Number(m[2]);
    } else {
      if ((m = /(?:max(?:imum)?\.?|at\s+most|up\s+to|no\s+more\s+than|maksimum|maks\.?|最多|最大)\s*:?\s*(\d+)\s*(?:characters?|chars?|letters?|aksara|karakter|huruf|字符|个字符)/i.exec(t))) r.maxLength = Number(m[1]);
      if ((m = /(?:min(?:imum)?\.?|at\s+least|minimum|min\.?|最少|最小)\s*:?\s*(\d+)\s*(?:characters?|chars?|letters?|aksara|karakter|huruf|字符|个字符)/i.exec(t))) r.minLength = Number(m[1]);
    }
    if (/\b(cannot|can't|must\s+not|may\s+not)\s+be\s+(empty|blank)\b|\bnon[-\s]?empty\b|\bnot\s+(?:be\s+)?empty\b/i.test(t)) r.minLength = Math.max(r.minLength ?? 0, 1);
    if (/\b(valid|must\s+be\s+an?)\s+e-?mail\b|\be-?mail\s+(format|address\s+format)\b|合法邮箱/i.test(t)) r.format = "email";

    else if (/\bvalid\s+(url|uri|link)\b|\b(url|uri)\s+format\b/i.test(t)) r.format = "uri";
    // A description that is only a list of values: "pending, in_progress, completed", "user / admin", "High, Medium, Low".
    const list = /^(?:(?:one\s+of|values?|allowed(?:\s+values)?|either|options?|possible\s+values|[\p{L}\s]{1,12})\s*[:：]\s*)?((?:[`'"]?[A-Za-z][\w-]*[`'"]?\s*(?:,|\||\/|\bor\b)\s*)+(?:or\s+)?[`'"]?[A-Za-z][\w-]*[`'"]?)\s*\.?$/u.exec(t);
    if (list && !/\b(e\.g|eg|for example|such as|like|例如)\b/i.test(t)) {
      const values = list[1]!.split(/\s*(?:,|\||\/|\bor\b)\s*/).map((v) => v.trim().replace(/^[`'"]|[`'"]$/g, "")).filter(Boolean);
      // "Work, Personal, Health, etc": an open list names examples, not the allowed values.
      // Not a date or time pattern ("YYYY/MM/DD").
      // Distinct values only: "image/jpeg, image/png" split on "/" too would name "image" three times.
      if (values.length >= 2 && values.every((v) => /^[A-Za-z][\w-]*$/.test(v)) && !values.some((v) => /^(etc|others?|more)$/i.test(v)) && !values.every((v) => /^(?:y+|m+|d+|h+|s+)$/i.test(v)) && new Set(values.map((v) => v.toLowerCase())).size === values.length) r.enumValues = values;
    }
    // "image/jpeg, image/png, image/webp": values that hold a slash themselves (media types), listed with commas.
    if (!r.enumValues && !/\b(e\.g|eg|for example|such as|like|例如)\b/i.test(t)) {
      const typed = /^(?:[\p{L}\s]{1,12}[:：]\s*)?((?:[`'"]?[A-Za-z][\w.+-]*\/[\w.+-]+[`'"]?\s*,\s*(?:or\s+|and\s+)?)+[`'"]?[A-Za-z][\w.+-]*\/[\w.+-]+[`'"]?)\s*\.?$/u.exec(t);
      const values = typed ? typed[1]!.split(/\s*,\s*(?:or\s+|and\s+)?/).map((v) => v.replace(/^[`'"]|[`'"]$/g, "")) : [];
      if (values.length >= 2 && new Set(values).size === values.length) r.enumValues = values;
    }
    // "'private' / 'team' / 'public'. Defaults to 'private'.", "Nullable. 'grid' or 'list'": one
    // sentence of several is a list of quoted values (quotes, since a sentence of bare words may be prose).
    if (!r.enumValues && !/\b(e\.g|eg|for example|such as|like|例如)\b/i.test(t)) {
      const found = t.split(/(?<=[.;!?])\s+|\s*[;]\s*/).map((x) => QUOTED_LIST.exec(x.trim())).filter((x): x is RegExpExecArray => x !== null);
      if (found.length === 1) r.enumValues = [...found[0]![1]!.matchAll(/['"`‘“]([^'"`’”]+)['"`’”]/g)].map((x) => x[1]!);
    }
    // "pending → paid → shipped": a lifecycle's states.
    if (!r.enumValues) {
      const chain = stateChain(t);
      if (chain) r.enumValues = chain;
    }
    // "one of red/green/blue", "Role (admin/member)", "Kind (a, b or c)", "Role: 'a', 'b', 'c'".
    if (!r.enumValues) {
      const listed = listedValues(t, false);
      if (listed) r.enumValues = listed.map((v) => v.text);
    }
    // "Display title (generated or null)": null is the absence of a value, never one of the values;
    // without it fewer than two are left, and then the words name no list of values.
    if (r.enumValues) {
      const kept = r.enumValues.filter((v) => !/^(?:null|nil)$/i.test(v));
      if (kept.length >= 2 || kept.length === r.enumValues.length) r.enumValues = kept;
      else delete r.enumValues;
    }
  }
  if (numeric) {
    m =
      /^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|~|to|\.\.)\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$/.exec(t) ??
      /\b(?:between|from|range)\s*:?\s*(-?\d+(?:\.\d+)?)\s*(?:and|to|-|–)\s*(-?\d+(?:\.\d+)?)/i.exec(t) ??
      // "Rating (1-5)", "score (0..100)": a parenthesised range; "1-5 stars", "0-10 after review":
      // a range opening a sentence, with a few words after it. Not a date or a version ("2020-01-05").
      /[(（]\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|~|\.\.)\s*(-?\d+(?:\.\d+)?)\s*[)）]/.exec(t) ??
      // ("1-5, enforced by a CHECK": the range, then a clause after a comma.)
      /(?:^|[.;。]\s+)(-?\d+(?:\.\d+)?)\s*(?:-|–|~|\.\.)\s*(-?\d+(?:\.\d+)?)(?![\d.\-/:])(?:\s+[\p{L}%]+){0,3}\s*(?:\.?$|[,;]\s)/u.exec(t) ??
      // "the last reading's score 0–100", "最近一次评分 0–100": a range closing the description, after its words.
      /[\p{L}][\s:：]*\s(-?\d+(?:\.\d+)?)\s*(?:–|~|\.\.|-)\s*(-?\d+(?:\.\d+)?)\s*%?\s*[.。]?\s*$/u.exec(t);
    if (m && Number(m[1]) < Number(m[2])) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
    }
  }
  // "unique per project" opening the description, or as a clause of it: "Label name, unique
  // within a project", "Each tag is unique within its project." (not "not unique per ...").
  const per = new RegExp(`(?:^|[\\s,;(.](?<!\\bnot\\s))${UNIQUE_PER.source}`, "iu").exec(t) ?? otherUniquePer(t);
  if (per && WHOLE_SCOPE.test(per[1]!)) r.unique = true;
  else if (per) r.uniquePer = uniquePerWords(per[1]!);
  else if (/^unique\b/i.test(t)) r.unique = true;
  // "One review per task", "only one vote per user per poll": at most one row per those values.
  const one = /(?:^|[\s,;(.])(?:only\s+|at\s+most\s+|exactly\s+|max(?:imum)?\s+)?one\s+[\p{L}_]+(?:\s+[\p{L}_]+)?\s+(?:per|for\s+each)\s+([\p{L}_]+(?:\s+(?:per|and|for\s+each)\s+[\p{L}_]+|\s*[,/-]\s*[\p{L}_]+)*)/iu.exec(t);
  if (one && !/\b(?:e\.\s?g|for\s+example|such\s+as)\b/i.test(t)) r.onePer = one[1]!.split(/\s+(?:per|and|for\s+each)\s+|\s*[,/-]\s*/i).filter(Boolean);
  // "Serial number; must be unique.": a clause anywhere, not "must be unique per shop" (one of several).
  else if (/\bmust\s+be\s+unique\b(?!\s*(?:per|within|for\s+each|among|across|in\s+(?:each|the\s+same))\b)/i.test(t)) r.unique = true;
  // "must be unique across all users", "unique across the whole table": unique, full stop.
  else if (/\bunique\s+across\s+(?:all|every|the\s+(?:whole|entire))\b/i.test(t)) r.unique = true;
  // "Task title (required, 1-200 characters)", "Required. The title", "(mandatory)": a required
  // word as a whole piece of a parenthesised list, or as the description's first sentence.
  {
    const REQUIRED_WORD = /^\s*(?:required|mandatory|not\s+null|必填|必須|必需|필수)\s*$/i;
    let said = /^\s*(?:required|mandatory|必填|必須|필수)\s*(?:[.,;:：]|$)/i.test(t);
    for (const g of t.matchAll(/[(（]([^()（）]*)[)）]/g)) if (g[1]!.split(/[,，;；、]/).some((x) => REQUIRED_WORD.test(x))) said = true;
    if (said) r.notNull = true;
  }
  // "Optional. ...", "Optional for the whole order", "(optional)": the column may be empty.
  if (!r.notNull && (/^\s*(?:optional|nullable|may\s+be\s+(?:empty|null|omitted))\b/i.test(t) || /[(（]\s*optional\s*[)）]/i.test(t))) r.nullable = true;
  // "Defaults to `NEW`.", "Default: 0", "Default value is true": the column's default.
  // Also the value a new row starts with: "New tickets are `OPEN`.", "Initially `draft`.", "Starts as `pending`."
  // ("Initially empty." is not a value).
  if ((m = /(?:^|[.;]\s+|[(（]\s*)(?:defaults?\s+(?:to|is)|default(?:\s+value)?\s*(?:is|:|=))\s*[`'"]?([\w.\-]+?)[`'"]?\s*(?:[.;)）]|$)/i.exec(t) ??
    /(?:^|[.;]\s+)(?:initially|starts?\s+(?:as|at)|new\s+[a-z]+\s+(?:are|is|starts?\s+as))\s+[`'"]?(?!(?:empty|blank|null|none|unset|nothing|missing|absent)\b)(-?[\w\-]+(?:\.\d+)?)[`'"]?\s*(?:[.;]|$)/i.exec(t))) {
    const d = readDefault(m[1]!, 0);
    // A bare word in prose is the value itself ("Defaults to free."), not an expression.
    if (d && d.end >= m[1]!.length) r.default = textual && /^[A-Za-z][\w-]*$/.test(m[1]!) && !/^(?:null|none|true|false|now|empty)$/i.test(m[1]!) ? { text: m[1]!, quoted: true } : d.value;
  }
  if (textual && r.minLength === undefined && r.maxLength === undefined &&
    (m = /\b(?:must\s+be\s+|is\s+)?(?:exactly\s+)?(\d+)\s+(?:characters?|chars?|letters?|digits?)\s+long\b|\bexactly\s+(\d+)\s+(?:characters?|chars?|letters?|digits?)\b/i.exec(t))) {
    r.minLength = r.maxLength = Number(m[1] ?? m[2]);
  }
  if (numeric && r.min === undefined && r.exclusiveMin === undefined && /\b(?:never|not|cannot\s+be|can't\s+be|must\s+not\s+be)\s+negative\b|\bnon[-\s]?negative\b/i.test(t)) r.min = 0;
  if (numeric) numericPhrases(t, r);
  otherDescriptionRules(t, r, textual, numeric);
  referencePhrases(t, r);
  return r;
}

/**
 * A foreign key a description states: "references projects.id, cascades on delete", "FK to
 * teams(id)", "Foreign key → users.id (ON DELETE SET NULL)". Only a target written with its
 * column (table.column or table(column)) is read, never a word of prose; not in an example.
 */
function referencePhrases(t: string, r: ConstraintReading): void {
  if (/\b(?:e\.\s?g\.?|eg|for\s+example|such\s+as)\b/i.test(t)) return;
  // The table may be in a schema: "auth.users(id)", "auth.users.id" (its name then a column).
  const ref = /(?:^|[\s(,;:])(?:references?|referencing|refers\s+to|points\s+to|(?:foreign\s+key|fk)\s*(?:to|→|->|=>|:|references?)?|→|->|=>)\s*(?:(?:an?|the)\s+)?[`"]?([A-Za-z_]\w*)[`"]?(?:\s*\.\s*[`"]?([A-Za-z_]\w*)[`"]?(?=\s*[.(]))?\s*(?:\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\(\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))/i.exec(t);
  if (ref) r.references = { table: ref[2] ? `${ref[1]}.${ref[2]}` : ref[1]!, column: (ref[3] ?? ref[4])! };
  // The action right after the reference: "(FK → projects.id, cascade)", "→ teams.id (set null)".
  const after = ref ? /^\s*[,;]?\s*\(?\s*(?:on\s+delete\s*[:=]?\s*)?(cascade|set\s+null|restrict|no\s+action)\b/i.exec(t.slice(ref.index + ref[0].length)) : null;
  if (after) {
    const w = after[1]!.toLowerCase().replace(/\s+/g, " ");
    r.onDelete = w === "set null" ? "set null" : w === "restrict" ? "restrict" : w === "no action" ? "no action" : "cascade";
    return;
  }
  const action = /on\s+delete\s*[:=]?\s*(cascade|set\s+null|restrict|no\s+action)\b|\b(cascade|set\s+null|restrict)\s+on\s+delet(?:e|ion)\b|\bcascad(?:es|ing)\s+(?:on\s+)?delet(?:e|es|ion)\b|\bdelet(?:e|es|ion)s?\s+cascades?\b|\(\s*(cascade|set\s+null|restrict)\s*\)/i.exec(t);
  if (action && (ref || r.references)) {
    const w = (action[1] ?? action[2] ?? action[3] ?? "cascade").toLowerCase().replace(/\s+/g, " ");
    r.onDelete = w === "set null" ? "set null" : w === "restrict" ? "restrict" : w === "no action" ? "no action" : "cascade";
  }
}

/**
 * A sentence that speaks of a column's values but names them as examples or leaves the list
 * open: "Values such as draft, sent, etc.", "Options include a, b and others", "usually red or
 * blue, but other values may appear", "e.g. one of low/high". Returned (the sentence) so the
 * caller can say no closed rule was read from it; null for a sentence with no such words.
 */
export function openValueList(description: string): string | null {
  for (const raw of description.split(/(?<=[.;!。])\s*/)) {
    const x = raw.trim().replace(/[.;!。]$/, "");
    if (!x || x.length > 160) continue;
    if (!/\b(?:values?|options?|one\s+of|either|statuse?s|states|kinds|types)\b/i.test(x)) continue;
    if (!/\b(?:e\.\s?g|for\s+example|such\s+as|like|etc|usually|typically|normally|mostly|among\s+others|and\s+so\s+on|other\s+values|others)\b/i.test(x)) continue;
    // At least two value-like words after the words: a list, not a remark ("values vary, like prices").
    if (!/[\w`'"]+\s*(?:,|\/|\||\bor\b)\s*[\w`'"]+/.test(x)) continue;
    return x;
  }
  return null;
}

/** The words for "user" in the languages read: a column unique per user is unique per owner. */
const USER_WORDS = /^(?:用户|用戶|使用者|ユーザー?|利用者|会員|사용자|유저|회원|usuari[oa]|usuari[oa]|utilisateur|benutzer|nutzer|utente)$/iu;

/**
 * "unique per user" in the other languages: "每个用户唯一", "同一用户下唯一", "在项目内唯一",
 * "ユーザーごとに一意", "一つのユーザーにつき一意", "プロジェクト内で一意", "사용자별로 고유",
 * "único por usuario", "unique par utilisateur", "eindeutig pro Benutzer", "univoco per utente".
 * The parent's word is returned ("user" for a word meaning user); a word naming no column is
 * said where the index is resolved, not guessed.
 */
export function otherUniquePer(t: string): RegExpExecArray | null {
  const f = fold(t);
  if (/\b(?:not|non)[-\s]+unique\b|\bno\s+(?:es|e|est)\s+unic|不(?:是)?唯一|一意でない|一意ではない/iu.test(f)) return null;
  const forms = [
    /(?:每(?:个|個|一个|一個)?|同一(?:个|個)?|在(?:同一(?:个|個)?)?|按|一つの|各)\s*([\p{Script=Han}\p{Script=Katakana}ー]{1,8}?)\s*(?:下|内|內|中|之内|之內|につき|ごとに|毎に|単位で|内で)?\s*(?:唯一|一意|ユニーク)/u,
    /([\p{Script=Han}\p{Script=Katakana}ー]{1,8}?)\s*(?:ごとに|毎に|単位で|内で|につき)\s*(?:一意|ユニーク)/u,
    /([\p{Script=Hangul}]{1,8}?)\s*(?:별로|마다|당|내에서)\s*(?:고유|유일|유니크)/u,
    /(?<![\p{L}])(?:unic[oa]s?|unique|eindeutig|univoc[oa])\s+(?:por|par|pro|je|per|dentro\s+de(?:l)?|au\s+sein\s+d['’]?|innerhalb)\s+(?:(?:cada|chaque|jede[nrsm]?|ogni|un[oa]?|el|la|le|der|die|das|il)\s+)?([\p{L}_]+)/iu,
  ];
  for (const re of forms) {
    const m = re.exec(f);
    if (!m) continue;
    const word = m[1]!;
    const out = [...m] as unknown as RegExpExecArray;
    out[1] = USER_WORDS.test(word) ? "user" : word;
    return out;
  }
  return null;
}

/** Codes of an ISO standard a column says it holds: currencies, countries, languages. */
export const ISO_CODE = /iso[\s-]?(?:4217|3166(?:-1)?(?:[\s-]*alpha[\s-]?[23])?|639(?:-1)?)(?:\s+(?:code|currency\s+code|country\s+code|language\s+code))?/iy;

export function isoPattern(written: string): string {
  const w = written.toLowerCase();
  if (w.includes("4217")) return "^[A-Z]{3}$";
  if (w.includes("3166")) return /alpha[\s-]?3/.test(w) ? "^[A-Z]{3}$" : "^[A-Z]{2}$";
  return "^[a-z]{2}$";
}

/** The same rules as in phrases, looked for anywhere in a description. */
const D = {
  lengthRange: anywhere(R.lengthRange.source),
  lengthWordRange: anywhere(R.lengthWordRange.source),
  maxLength: anywhere(R.maxLength.source),
  minLength: anywhere(R.minLength.source),
  notEmpty: anywhere(`${alt(OTHER_NOT_EMPTY)}|不(?:能|可|得|允许|允許)[为為是]空|空(?:は)?不可`),
  formats: new RegExp(FORMAT_SRC, "giu"),
  // A range of values: not "1~5" in the middle of prose (only as the whole description), which could be anything.
  between: anywhere(R.between.source.replace(`|${NUM}\\s*(?:~|到|至|から|에서|부터)\\s*${NUM}${BETWEEN_END}`, `|${NUM}\\s*(?:~|到|至|から|에서|부터)\\s*${NUM}\\s*(?:之间|之間|の間|の範囲|范围内|範圍內|まで|사이|까지)`)),
  wholeRange: anywhere(`^\\s*[(\\[]?\\s*${NUM}\\s*(?:~|到|至)\\s*${NUM}\\s*[)\\]]?\\s*$`),
  rangeWord: anywhere(R.rangeWord.source),
  atLeastAtMost: anywhere(`${NUM}\\s*(?:以上|이상)\\s*(?:(?:かつ|및|且)\\s*)?${NUM}\\s*(?:以下|이하)`),
  oneOf: anywhere(`${alt(OTHER_ONE_OF)}\\s*[:=]?\\s*`),
  oneOfAfter: anywhere(ONE_OF_AFTER),
  example: anywhere(`${L0}(?:p\\.?\\s*ej|por\\s+ejemplo|por\\s+exemplo|par\\s+exemple|z\\.\\s*b|zum\\s+beispiel|ad\\s+esempio|per\\s+esempio|etc)${L1}|例如|比如|例えば|など|예를\\s*들어|예:|等`),
  // "Único ...", "Eindeutige ...", "唯一...", "一意の...", "고유 ...": unique when the description starts with it, as "Unique ..." does;
  // Spanish, Portuguese and Italian put it after the first noun ("Código único de ...").
  // "Deve ser único no sistema", "Debe ser única", "Doit être unique", "Muss eindeutig sein": a clause anywhere, not "... por usuario".
  mustBeUnique: anywhere(`${L0}(?:deve\\s+ser|debe\\s+ser|tem\\s+que\\s+ser|tiene\\s+que\\s+ser|doit\\s+etre|muss|deve\\s+essere)\\s+(?:unic[oa]s?|unique|eindeutig|univoc[oa])${L1}(?!\\s*(?:sein\\s+)?(?:por|par|pro|per|je|dentro|within)${L1})`),
  uniqueStart: anywhere(`^\\s*(?:${alt({ es: ["unic[oa]s?"], pt: ["unic[oa]s?"], de: ["eindeutig(?:e[rsnm]?)?", "einzigartig(?:e[rsnm]?)?"], it: ["univoc[oa]"], zh: ["唯一"], ja: ["一意", "ユニーク"], ko: ["고유", "유니크", "유일"] })}|[\\p{L}]+\\s+${L0}(?:unic[oa]|univoc[oa])${L1})`),
};

/** Rules a description states in another language, where the English reading left them unset. */
function otherDescriptionRules(t: string, r: ConstraintReading, textual: boolean, numeric: boolean): void {
  const f = fold(t);
  let m: RegExpExecArray | null;
  if (textual) {
    if (r.minLength === undefined && r.maxLength === undefined && (m = D.lengthRange.exec(f) ?? D.lengthWordRange.exec(f))) {
      r.minLength = Number(m[1]);
      r.maxLength = Number(m[2]);
    } else {
      if (r.maxLength === undefined && (m = D.maxLength.exec(f))) r.maxLength = firstNumber(m);
      if (r.minLength === undefined && (m = D.minLength.exec(f))) r.minLength = firstNumber(m);
    }
    if (D.notEmpty.test(f)) r.minLength = Math.max(r.minLength ?? 0, 1);
    if (!r.format) {
      const said = [...f.matchAll(D.formats)].find((x) => formatRead(x, f, true));
      if (said) r.format = said[4] !== undefined || said[6] !== undefined ? "email" : "uri";
    }
    if (!r.enumValues && !D.example.test(f)) {
      const values = describedValues(t, f);
      if (values) r.enumValues = values;
    }
  }
  if (numeric && r.min === undefined && r.max === undefined) {
    if ((m = D.between.exec(f) ?? D.rangeWord.exec(f) ?? D.wholeRange.exec(f) ?? D.atLeastAtMost.exec(f))) [r.min, r.max] = twoNumbers(m);
  }
  if (!r.unique && !r.uniquePer && (D.uniqueStart.test(f) || D.mustBeUnique.test(f))) r.unique = true;
}

/** A description's list of allowed values, marked as one: "uno de a, b, c", "a、b、c 之一". */
function describedValues(t: string, f: string): string[] | null {
  const ok = (values: string[]) => values.length >= 2 && values.every((v) => /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u.test(v));
  const m = D.oneOf.exec(f);
  if (m) {
    const list = readValueList(t, end(m), false);
    if (list && ok(list.values) && /^\s*[.。]?\s*$/.test(t.slice(list.end))) return list.values;
  }
  if (!D.oneOfAfter.test(f)) return null;
  // The list starts at the beginning, after a colon or "为", or after a word of prose.
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && !/[\s:：为為是(（，。.;；]/.test(t[i - 1]!)) continue;
    if (i > 0 && /\s/.test(t[i - 1]!) && /[,、|/;\s]/.test(t[i - 2] ?? "")) continue;
    if (/\s/.test(t[i]!)) continue;
    const list = readValuesBefore(t, f, i, false);
    if (list) return ok(list.values) ? list.values : null;
  }
  return null;
}
