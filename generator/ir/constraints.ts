// Constraint phrases: what "not null, default now()", "FK -> users.id", "references users(id)
// on delete cascade", "max 100 chars", "must be either 'user' or 'assistant'", "valid URL" or
// "must be after startAt" say about a column. The one place that reads them.
import type { ColumnType, DefaultValue, OnDelete } from "./types.js";
import { matchParen } from "../parse/text.js";
import { listedValues } from "../parse/value-lists.js";
import { interpretTypedDefault, splitValues } from "./column-type.js";

export interface RefText {
  readonly table: string;
  readonly column?: string;
}

export interface DefaultText {
  readonly text: string;
  readonly quoted: boolean;
}

/** What one constraint phrase says. Offsets are into the phrase. */
export interface ConstraintReading {
  primaryKey?: boolean;
  notNull?: boolean;
  nullable?: boolean;
  unique?: boolean;
  increment?: boolean;
  default?: DefaultText;
  defaultAt?: number;
  foreignKey?: boolean; // "FK" / "foreign key", target maybe unknown
  references?: RefText;
  onDelete?: OnDelete;
  minLength?: number;
  maxLength?: number;
  /** "min 1" / "max 100": a length for text, a value for numbers. */
  min?: number;
  max?: number;
  enumValues?: string[];
  /** "renamed from old_name": the column's previous name. */
  renamedFrom?: string;
  /** "> 0", "positive", "exclusive min 0": strict bounds. */
  exclusiveMin?: number;
  exclusiveMax?: number;
  /** "valid URL", "email format", "format: email": a JSON Schema format name. */
  format?: string;
  /** "pattern ^[a-z]+$", "matches /^#[0-9a-f]{6}$/i", "hex colour": a regular expression. */
  pattern?: string;
  /** "must be after startAt", "!= followee_id": a comparison with another column of the row. */
  compare?: { op: ">" | ">=" | "<" | "<=" | "<>" | "="; column: string }[];
  /** Arrays: "max 20 items", "each max 50 chars". */
  minItems?: number;
  maxItems?: number;
  itemMaxLength?: number;
  /** "unique per user", "unique for each user": unique together with the row's owner. */
  uniquePerOwner?: boolean;
  /** "unique per city", "unique per user-city combination": unique together with the columns these words name. */
  uniquePer?: string[];
  /** "cuid", "uuid", "auto-generated": the key is made for each new row. */
  generated?: boolean;
  /** A CHECK expression as written (without CHECK and its parentheses), with its offset in the phrase. */
  check?: { text: string; at: number; read: boolean };
  /** Offset where the first part not understood starts. */
  unknownAt?: number;
  /** Why the part at unknownAt is not understood, when more can be said. */
  unknownWhy?: string;
}

const REF_KEYWORDS = new Set(["not", "null", "unique", "default", "references", "on", "with", "required", "nullable", "optional", "primary", "index", "indexed", "and", "cascade", "pk", "fk", "key"]);

const ON_DELETE: Record<string, OnDelete> = {
  cascade: "cascade",
  "set null": "set null",
  restrict: "restrict",
  "no action": "no action",
};

/**
 * Read a constraint phrase: "not null, default now()", "FK -> users.id", "references users(id) on
 * delete cascade", and the same rules in Spanish, Portuguese, French, German, Italian, Chinese,
 * Japanese and Korean ("único, obligatorio, por defecto 1", "外键 关联 users.id", "50文字以内").
 * A phrase English reads whole is read as it always was; only a phrase with a part English does
 * not understand is read again with the other languages' words, and that reading is kept when it
 * found at least one of them.
 */
export function interpretConstraint(text: string): ConstraintReading {
  // "user|assistant|system", "'a' | 'b'" as the whole phrase: the allowed values (never "string | null").
  const bar = /^\s*(?:["'`]?[A-Za-z][\w-]*["'`]?\s*\|\s*)+["'`]?[A-Za-z][\w-]*["'`]?\s*$/.exec(text);
  if (bar) {
    const values = text.split("|").map((v) => v.trim().replace(/^["'`]|["'`]$/g, ""));
    if (!values.some((v) => /^(null|undefined|none|nil|optional)$/i.test(v)) && new Set(values).size === values.length) return { enumValues: values };
  }
  const english = readPhrase(text);
  if (english.reading.unknownAt === undefined) return english.reading;
  const other = readPhrase(text, fold(text));
  return other.other ? other.reading : english.reading;
}

/** One reading of a phrase: English only, or (given the folded text) with other languages' words first. */
function readPhrase(text: string, folded?: string): { reading: ConstraintReading; other: boolean } {
  const r: ConstraintReading = {};
  let pos = 0;
  // The other-language pass: whether it read a word of another language, and where the filler
  // words it skipped start (an unknown part after them is reported from there).
  let other = false;
  // Rules read from symbols alone ("≥ 0", "1~5"): kept only when they read the whole phrase.
  let neutral = false;
  let pending = -1;
  let pendingOther = false;
  let fillerJustRead = false;
  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos = re.lastIndex;
    return m;
  };
  // Words around rules in prose ("is required and must be 1-255 characters") carry no rule of their own.
  const SEP = /(?:[\s,;/|+.，；、。]+|\band\b|\bwith\b|\bis\b|\bare\b|\bthe\b|\ba\b|\ban\b|\bmust\b|\bshould\b|\bshall\b|\bbe\b|\bhas\b|\bhave\b|\bif\s+(?:present|given|set|provided)\b|\bwhen\s+(?:present|given|set)\b|\balways\b|\bvalue\b(?!\s*[:=]))+/iy;
  const readRef = (): RefText | null => {
    // Names in Latin script with accents too ("FK → depósito"): the table is then found accents aside.
    const m = sticky(/\(?\s*[`"]?([A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][\w\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]*)[`"]?\s*(?:\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\(\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))?\s*\)?/y);
    if (!m) return null;
    if (REF_KEYWORDS.has(m[1]!.toLowerCase()) && !m[2] && !m[3]) {
      pos = m.index;
      return null;
    }
    return { table: m[1]!, ...(m[2] || m[3] ? { column: (m[2] ?? m[3])! } : {}) };
  };
  while (pos < text.length) {
    const afterFiller = fillerJustRead;
    fillerJustRead = false;
    if (!afterFiller) {
      // A rule was read after the fillers: they were words of the phrase.
      if (pending >= 0 && pendingOther) other = true;
      pending = -1;
      pendingOther = false;
    }
    if (folded !== undefined) {
      // A list of values before "之一" / "のいずれか" is read before SEP, which would take a value "a" for the article.
      LIST_LEAD.lastIndex = pos;
      const listed = readValuesBefore(text, folded, LIST_LEAD.exec(text) ? LIST_LEAD.lastIndex : pos, true);
      if (listed) {
        r.enumValues = listed.values;
        pos = listed.end;
        other = true;
        continue;
      }
    }
    sticky(SEP);
    if (pos >= text.length) {
      fillerJustRead = afterFiller;
      break;
    }
    const start = pending >= 0 ? pending : pos;
    let m: RegExpExecArray | null;
    if (folded !== undefined) {
      const o = readOtherLanguage(text, folded, pos, r);
      if (typeof o === "number") {
        if (/[\p{L}]|[^\x00-\x7F≥≤〜～]/u.test(text.slice(pos, o))) other = true;
        else neutral = true;
        pos = o;
        continue;
      }
      if (o) {
        r.unknownAt = start;
        r.unknownWhy = o.why;
        return { reading: r, other: true };
      }
    }
    if (sticky(/constraint\s+[`"]?\w+[`"]?/iy)) continue;
    if ((m = sticky(/(?:renamed\s+from|formerly|previously(?:\s+(?:named|called))?)\s*:?\s*[`"]?([A-Za-z_]\w*)[`"]?/iy))) {
      r.renamedFrom = m[1]!;
      continue;
    }
    if (sticky(/(?:primary\s*key|pk)\b/iy)) {
      r.primaryKey = true;
      continue;
    }
    if (sticky(/(?:not\s+null(?:able)?|non[-\s]?null(?:able)?|required|mandatory|notnull)\b/iy)) {
      r.notNull = true;
      continue;
    }
    if (sticky(/(?:nullable|optional|(?:or\s+)?null|may\s+be\s+null|can\s+be\s+null)\b|\?/iy)) {
      r.nullable = true;
      continue;
    }
    if ((m = sticky(UNIQUE_PER))) {
      r.uniquePer = uniquePerWords(m[1]!);
      continue;
    }
    if (sticky(/unique(?:\s+(?:index|constraint|key))?\b/iy)) {
      r.unique = true;
      continue;
    }
    if (sticky(/(?:auto[-_\s]?increment(?:ing|ed|s)?|autoincrement|generated\s+(?:always|by\s+default)\s+as\s+identity(?:\s*\([^)]*\))?|identity)\b/iy)) {
      r.increment = true;
      continue;
    }
    if ((m = sticky(/(?:default\s+value|defaults?(?:\s+to\b)?)\s*[:=]?\s*/iy))) {
      const d = readDefault(text, pos);
      if (!d) {
        r.unknownAt = start;
        r.unknownWhy = "default with no value";
        return { reading: r, other };
      }
      r.default = d.value;
      r.defaultAt = pos;
      pos = d.end;
      continue;
    }
    if (sticky(/(?:foreign\s*key|fk)\b\s*(?:->|→|=>|to\b|references\b|:|=)?\s*/iy)) {
      r.foreignKey = true;
      const ref = readRef();
      if (ref) r.references = ref;
      continue;
    }
    if (sticky(/(?:references?|referencing|refs?\b|->|→|=>)\s*(?:(?:an?|the|one|existing|valid|some)\s+)*/iy)) {
      const ref = readRef();
      if (!ref) {
        r.unknownAt = start;
        r.unknownWhy = "references what?";
        return { reading: r, other };
      }
      r.foreignKey = true;
      r.references = ref;
      continue;
    }
    if ((m = sticky(/on\s+delete\s+(cascade|set\s+null|set\s+default|restrict|no\s+action)\b/iy))) {
      const v = ON_DELETE[m[1]!.toLowerCase().replace(/\s+/g, " ")];
      if (!v) {
        r.unknownAt = start;
        r.unknownWhy = `"on delete ${m[1]}" is not supported`;
        return { reading: r, other };
      }
      r.onDelete = v;
      continue;
    }
    if ((m = sticky(/ondelete\s*=\s*["']?(cascade|set\s+null|restrict|no\s+action)["']?/iy))) {
      r.onDelete = ON_DELETE[m[1]!.toLowerCase().replace(/\s+/g, " ")]!;
      continue;
    }
    // Accepted and ignored: the runtime manages these itself.
    if (sticky(/on\s+update\s+(?:cascade|restrict|no\s+action|set\s+null|now\(\)|current_timestamp(?:\(\))?|\w+)/iy)) continue;
    if (sticky(/(?:auto[-\s]?)?(?:updated|set|managed|maintained)\s+(?:on|at)\s+(?:every\s+)?(?:change|update|modification)|(?:automatically|auto)[-\s]+(?:managed|set|updated)|indexed|index|collate\s+\w+|unsigned|immutable/iy)) continue;
    // "non-empty", "not blank", "cannot be empty": at least one character.
    if (sticky(/(?:non[-\s]?(?:empty|blank)|not\s+(?:be\s+)?(?:empty|blank)|(?:cannot|can't|must\s+not|may\s+not)\s+be\s+(?:empty|blank))\b/iy)) {
      r.minLength = Math.max(r.minLength ?? 0, 1);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?[\s_-]*len(?:gth)?|minlength)\s*[:=]?\s*(\d+)(?:\s*char(?:acter)?s?)?/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?[\s_-]*len(?:gth)?|maxlength)\s*[:=]?\s*(\d+)(?:\s*char(?:acter)?s?)?/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:length\s*[:=]?\s*\(?\s*(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*\)?(?:\s*char(?:acter)?s?)?|(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*char(?:acter)?s?\b)/iy))) {
      r.minLength = Number(m[1] ?? m[3]);
      r.maxLength = Number(m[2] ?? m[4]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?|up\s+to|at\s+most)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?|at\s+least)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?|at\s+most|up\s+to)\s*[:=]?\s*(\d+)\s*(?:items?|elements?|entries|values|tags)\b/iy))) {
      r.maxItems = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?|at\s+least)\s*[:=]?\s*(\d+)\s*(?:items?|elements?|entries|values|tags)\b/iy))) {
      r.minItems = Number(m[1]);
      continue;
    }
    if ((m = sticky(/each\s*(?:item\s*)?(?:max(?:imum)?|at\s+most|up\s+to)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.itemMaxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?(?:\s+value)?|>=)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.min = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?(?:\s+value)?|<=)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.max = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:between|range)\s*[:=]?\s*(-?\d+(?:\.\d+)?)\s*(?:and|-|–|to|\.\.)\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
      continue;
    }
    if (sticky(/check\s*:?\s*/iy)) {
      let inner: string;
      let at: number;
      if (text[pos] === "(") {
        const close = matchParen(text, pos);
        if (close < 0) {
          r.unknownAt = start;
          return { reading: r, other };
        }
        inner = text.slice(pos + 1, close);
        at = pos + 1;
        pos = close + 1;
      } else {
        inner = text.slice(pos);
        at = pos;
        pos = text.length;
      }
      // Kept verbatim for the database; the rules a validator can check are read from it too.
      r.check = { text: inner, at, read: readCheck(inner, r) };
      continue;
    }
    if ((m = sticky(/(?:(?:one\s+of|either|in)\s*:?\s*)?(?:'[^']*'|"[^"]*"|“[^”]*”|`[^`]*`)(?:\s*(?:,|\bor\b|\|)\s*(?:or\s+)?(?:'[^']*'|"[^"]*"|“[^”]*”|`[^`]*`))+/iy))) {
      r.enumValues = [...m[0].matchAll(/'([^']*)'|"([^"]*)"|“([^”]*)”|`([^`]*)`/g)].map((x) => (x[1] ?? x[2] ?? x[3] ?? x[4])!);
      continue;
    }
    if (sticky(/unique\s+(?:per|for\s+each|within|by|to\s+each|for\s+the)\s+(?:user|owner|account|player|member|customer)\b|\(\s*per[-\s]user\s*\)|per[-\s]user\s+unique/iy)) {
      r.uniquePerOwner = true;
      continue;
    }
    if ((m = sticky(/(?:valid|a\s+valid|in)?\s*(e-?mail|url|uri|https?\s+url|uuid|hostname|ipv4|ipv6|ip(?:\s+address)?|date|date-?time|iso\s*8601(?:\s+date(?:time)?)?)\s*(?:address|format|formatted)?\b/iy))) {
      const w = m[1]!.toLowerCase().replace(/\s+/g, " ");
      r.format = /mail/.test(w) ? "email" : /ur[li]/.test(w) ? "uri" : /uuid/.test(w) ? "uuid" : w === "hostname" ? "hostname" : /ipv6/.test(w) ? "ipv6" : /ip/.test(w) ? "ipv4" : /time|8601/.test(w) ? "date-time" : "date";
      continue;
    }
    if (sticky(/(?:合法|有效)?(?:邮箱|电子邮件)(?:地址)?(?:格式)?/y)) {
      r.format = "email";
      continue;
    }
    // "letters, digits and underscores", "alphanumeric", "字母数字下划线": the characters allowed.
    if ((m = sticky(/(?:only\s+)?(?:(?:letters?|alphabetic)(?:\s*,\s*|\s+and\s+|\s*\/\s*)(?:numbers|digits)(?:(?:\s*,\s*|\s+and\s+|\s*,?\s*and\s+)(underscores?|hyphens?|dashes))?|alphanumeric(?:\s+(?:and|or|with)\s+(underscores?|hyphens?|dashes))?|字母(?:、|和)?数字(?:(?:、|和)?(下划线))?)/iy))) {
      const extra = m[1] ?? m[2] ?? m[3];
      r.pattern = extra ? (/^(underscore|下划线)/i.test(extra) ? "^[A-Za-z0-9_]+$" : "^[A-Za-z0-9-]+$") : "^[A-Za-z0-9]+$";
      continue;
    }
    if ((m = sticky(/format\s*[:=]?\s*["'`]?([a-z][a-z0-9-]*)["'`]?/iy))) {
      r.format = m[1]!.toLowerCase() === "url" ? "uri" : m[1]!.toLowerCase();
      continue;
    }
    if (sticky(/hex(?:adecimal)?\s+colou?r(?:\s+code)?/iy)) {
      r.pattern = "^#[0-9A-Fa-f]{6}$";
      continue;
    }
    if ((m = sticky(ISO_CODE))) {
      r.pattern = isoPattern(m[0]);
      continue;
    }
    if ((m = sticky(/(?:pattern|regex|regexp|matches)\s*[:=]?\s*(?:\/((?:\\\/|[^/])+)\/[a-z]*|["'`]([^"'`]+)["'`]|(\^\S+))/iy))) {
      r.pattern = (m[1] ?? m[2] ?? m[3])!;
      continue;
    }
    if ((m = sticky(/(?:after|later\s+than|greater\s+than|more\s+than|>)\s*(?:or\s+equal\s+to\s+)?[`"]?([A-Za-z_]\w*)[`"]?(?![\w(])/iy)) && !/^\d/.test(m[1]!)) {
      (r.compare ??= []).push({ op: /or\s+equal/i.test(m[0]) ? ">=" : ">", column: m[1]! });
      continue;
    }
    if ((m = sticky(/(?:before|earlier\s+than|less\s+than|<)\s*(?:or\s+equal\s+to\s+)?[`"]?([A-Za-z_]\w*)[`"]?(?![\w(])/iy)) && !/^\d/.test(m[1]!)) {
      (r.compare ??= []).push({ op: /or\s+equal/i.test(m[0]) ? "<=" : "<", column: m[1]! });
      continue;
    }
    if ((m = sticky(/(?:!=|<>|not\s+equal\s+to|differ(?:ent)?\s+from)\s*[`"]?([A-Za-z_]\w*)[`"]?(?![\w(])/iy))) {
      (r.compare ??= []).push({ op: "<>", column: m[1]! });
      continue;
    }
    if ((m = sticky(/(?:positive|greater\s+than\s+zero|>\s*0(?![\d.]))/iy))) {
      r.exclusiveMin = 0;
      continue;
    }
    if (sticky(/(?:non[-\s]?negative|zero\s+or\s+(?:more|greater|positive))/iy)) {
      r.min = 0;
      continue;
    }
    // "at least 1", "at most 10", "no more than 5": inclusive bounds (a length on text).
    if ((m = sticky(/(at\s+least|no\s+(?:less|fewer)\s+than|not\s+less\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than)\s+(-?\d+(?:\.\d+)?)(?:\s*(?:characters?|chars?))?(?![\d.])/iy))) {
      if (/least|less|fewer/i.test(m[1]!)) r.min = Number(m[2]);
      else r.max = Number(m[2]);
      continue;
    }
    if ((m = sticky(/(?:exclusive\s+min(?:imum)?|greater\s+than|more\s+than|>)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.exclusiveMin = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:exclusive\s+max(?:imum)?|less\s+than|fewer\s+than|<)\s*[:=]?\s*(-?\d+(?:\.\d+)?)/iy))) {
      r.exclusiveMax = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(-?\d+(?:\.\d+)?)\s*(?:to|–|-|\.\.)\s*(-?\d+(?:\.\d+)?)(?![\d.])(?!\s*(?:char|个|字|位))/iy))) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
      continue;
    }
    if ((m = sticky(/(\d+)\s*[-–~]\s*(\d+)\s*(?:个)?(?:字符|字|位)/y))) {
      r.minLength = Number(m[1]);
      r.maxLength = Number(m[2]);
      continue;
    }
    if (sticky(/(?:cuid2?|nanoid|uuid(?:v?4|v7)?|auto[-\s]?generated|generated|server[-\s]generated)\b/iy)) {
      r.generated = true;
      continue;
    }
    // Words that restate what the type or the section already says.
    if (sticky(/(?:enum(?:eration)?(?!\s*[:=]?\s*\()|embedded|auto|snapshot|denormali[sz]ed|immutable|read[-\s]?only|utc|indexed|searchable|optional\s+field)\b/iy)) continue;
    if ((m = sticky(/(?:one\s+of|values?|in|enum(?:eration)?)\s*[:=]?\s*\(([^)]*)\)/iy))) {
      r.enumValues = splitValues(m[1]!);
      continue;
    }
    // Words of other languages that carry no rule ("es", "muss ... sein", "的", "です", "입니다"):
    // skipped, but a part not understood after them is reported from where they start.
    if (folded !== undefined) {
      const f = otherFiller(text, folded, pos);
      if (f !== null) {
        if (pending < 0) pending = pos;
        if (f.word) pendingOther = true;
        pos = f.end;
        fillerJustRead = true;
        continue;
      }
    }
    r.unknownAt = start;
    return { reading: r, other };
  }
  if (pending >= 0 && !fillerJustRead && pendingOther) other = true;
  return { reading: r, other: other || neutral };
}

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


/** A default expression: 'quoted', "quoted", now(), 42, false, medium, (now()). */
function readDefault(text: string, pos: number): { value: DefaultText; end: number } | null {
  const c = text[pos];
  if (c === undefined) return null;
  let end: number;
  let quoted = false;
  let value: string;
  if (c === "'" || c === '"' || c === "`") {
    end = text.indexOf(c, pos + 1);
    if (end < 0) return null;
    value = text.slice(pos + 1, end);
    end++;
    quoted = true;
  } else if (c === "(") {
    end = matchParen(text, pos);
    if (end < 0) return null;
    const inner = readDefault(text.slice(pos + 1, end).trim(), 0);
    end++;
    if (!inner) return null;
    return { value: inner.value, end };
  } else {
    const m = /[^\s,;()]+/y;
    m.lastIndex = pos;
    if (!m.exec(text)) return null;
    end = m.lastIndex;
    if (text[end] === "(") {
      const close = matchParen(text, end);
      if (close < 0) return null;
      end = close + 1;
    }
    value = text.slice(pos, end);
  }
  const cast = /::\s*[\w ]+?(?=$|[\s,;)])/y;
  cast.lastIndex = end;
  if (cast.exec(text)) end = cast.lastIndex;
  return { value: { text: value, quoted }, end };
}

/** What a default expression means for a column of the given type; a string when it is wrong. */
export function interpretDefault(d: DefaultText, type: ColumnType): DefaultValue | { problem: string; unknown?: boolean } {
  // Defaults of the types column-type.ts adds (arrays '{}', bytea, inet, interval, vectors).
  const typed = interpretTypedDefault(d, type);
  if (typed) return typed;
  const t = d.text.trim();
  const isText = type.kind === "string" || type.kind === "text";
  if (d.quoted) {
    if (type.kind === "enum" && !type.values.includes(t))
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    if (isText || type.kind === "enum" || type.kind === "json") return { kind: "literal", value: t };
    if ((type.kind === "integer" || type.kind === "bigint" || type.kind === "decimal" || type.kind === "float") && /^-?\d+(\.\d+)?$/.test(t))
      return { kind: "literal", value: Number(t) };
    if (type.kind === "boolean" && /^(true|false)$/i.test(t)) return { kind: "literal", value: t.toLowerCase() === "true" };
    if (type.kind === "date" || type.kind === "timestamp") return { kind: "literal", value: t };
    return { problem: `default "${t}" does not fit a ${type.kind} column` };
  }
  const lower = t.toLowerCase();
  if (/^(now\(\)|now|current_timestamp(\(\))?|current_date|localtimestamp|transaction_timestamp\(\)|utcnow\(\)|getdate\(\)|getutcdate\(\)|sysdatetime\(\)|sysutcdatetime\(\)|sysdatetimeoffset\(\)|datetime\.(utc)?now(\(\))?|timezone\('utc',\s*now\(\)\))$/.test(lower)) {
    if (type.kind === "timestamp" || type.kind === "date") return { kind: "now" };
    return { problem: `default ${t} (the current time) does not fit a ${type.kind} column` };
  }
  if (/^(gen_random_uuid\(\)|uuid_generate_v4\(\)|uuid\(\)|uuid4(\(\))?|uuid\.uuid4(\(\))?|random_uuid\(\)|newid\(\)|newsequentialid\(\)|cuid\(\))$/.test(lower)) {
    if (type.kind === "uuid" || isText) return { kind: "uuid" };
    return { problem: `default ${t} (a new uuid) does not fit a ${type.kind} column` };
  }
  if (/^(autoincrement(\(\))?|auto_increment|nextval\(.*\))$/.test(lower)) return { kind: "increment" };
  if (lower === "null" || lower === "none") return { kind: "literal", value: null };
  if (/^(true|false)$/.test(lower)) {
    if (type.kind === "boolean") return { kind: "literal", value: lower === "true" };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    if (type.kind === "integer" || type.kind === "bigint") {
      if (!/^-?\d+$/.test(t)) return { problem: `default ${t} is not a whole number` };
      return { kind: "literal", value: Number(t) };
    }
    if (type.kind === "decimal" || type.kind === "float") return { kind: "literal", value: Number(t) };
    if (isText) return { kind: "literal", value: t };
    if (type.kind === "enum" && type.values.includes(t)) return { kind: "literal", value: t };
    // "BIT NOT NULL DEFAULT 0", "TINYINT(1) DEFAULT 1": a flag written as 0 or 1.
    if (type.kind === "boolean" && (t === "0" || t === "1")) return { kind: "literal", value: t === "1" };
    return { problem: `default ${t} does not fit a ${type.kind} column` };
  }
  if (/^[A-Za-z_][\w-]*$/.test(t)) {
    if (type.kind === "enum") {
      if (type.values.includes(t)) return { kind: "literal", value: t };
      return { problem: `default "${t}" is not one of the values ${type.values.join(", ")}` };
    }
    if (isText) return { kind: "literal", value: t };
  }
  if (/^[[{]/.test(t) && type.kind === "json") return { kind: "literal", value: t };
  return { problem: `default ${t} is not understood`, unknown: true };
}

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
  if (codes.length >= 2 && new Set(codes).size === codes.length && r.min === undefined && r.max === undefined) {
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
export const UNIQUE_PER = /unique\s+(?:per|for\s+each|within(?:\s+(?:a|an|the|each))?|in\s+(?:a|an|the|each))\s+\(?\s*((?:[A-Za-z_]\w*)(?:\s*(?:-|\/|,|\+|\band\b)\s*[A-Za-z_]\w*)*)(?:\s*\))?(?:\s+(?:combination|pair|tuple|group))?/iuy;

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
export function rulesFromDescription(text: string, type: ColumnType): ConstraintReading {
  const r: ConstraintReading = {};
  const t = text.trim();
  const textual = type.kind === "string" || type.kind === "text";
  const numeric = ["integer", "bigint", "decimal", "float"].includes(type.kind);
  let m: RegExpExecArray | null;
  if (textual) {
    const iso = new RegExp(ISO_CODE.source, "i").exec(t);
    if (iso) r.pattern = isoPattern(iso[0]);
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
      if (values.length >= 2 && values.every((v) => /^[A-Za-z][\w-]*$/.test(v)) && !values.some((v) => /^(etc|others?|more)$/i.test(v)) && !values.every((v) => /^(?:y+|m+|d+|h+|s+)$/i.test(v))) r.enumValues = values;
    }
    // "one of red/green/blue", "Role (admin/member)", "Kind (a, b or c)", "Role: 'a', 'b', 'c'".
    if (!r.enumValues) {
      const listed = listedValues(t, false);
      if (listed) r.enumValues = listed.map((v) => v.text);
    }
  }
  if (numeric) {
    m =
      /^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|~|to|\.\.)\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$/.exec(t) ??
      /\b(?:between|from|range)\s*:?\s*(-?\d+(?:\.\d+)?)\s*(?:and|to|-|–)\s*(-?\d+(?:\.\d+)?)/i.exec(t) ??
      // "Rating (1-5)", "score (0..100)": a parenthesised range; "1-5 stars", "0-10 after review":
      // a range opening a sentence, with a few words after it. Not a date or a version ("2020-01-05").
      /[(（]\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|~|\.\.)\s*(-?\d+(?:\.\d+)?)\s*[)）]/.exec(t) ??
      /(?:^|[.;。]\s+)(-?\d+(?:\.\d+)?)\s*(?:-|–|~|\.\.)\s*(-?\d+(?:\.\d+)?)(?![\d.\-/:])(?:\s+[\p{L}%]+){0,3}\s*\.?$/u.exec(t);
    if (m && Number(m[1]) < Number(m[2])) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
    }
  }
  const per = new RegExp(`^${UNIQUE_PER.source}`, "iu").exec(t);
  if (per) r.uniquePer = uniquePerWords(per[1]!);
  else if (/^unique\b/i.test(t)) r.unique = true;
  // "Serial number; must be unique.": a clause anywhere, not "must be unique per shop" (one of several).
  else if (/\bmust\s+be\s+unique\b(?!\s*(?:per|within|for\s+each|among|across|in\s+(?:each|the\s+same))\b)/i.test(t)) r.unique = true;
  // "Task title (required, 1-200 characters)", "Required. The title", "(mandatory)": a required
  // word as a whole piece of a parenthesised list, or as the description's first sentence.
  {
    const REQUIRED_WORD = /^\s*(?:required|mandatory|not\s+null|必填|必須|必需|필수)\s*$/i;
    let said = /^\s*(?:required|mandatory|必填|必須|필수)\s*(?:[.,;:：]|$)/i.test(t);
    for (const g of t.matchAll(/[(（]([^()（）]*)[)）]/g)) if (g[1]!.split(/[,，;；、]/).some((x) => REQUIRED_WORD.test(x))) said = true;
    if (said) r.notNull = true;
  }
  if (numeric) numericPhrases(t, r);
  otherDescriptionRules(t, r, textual, numeric);
  return r;
}

/** Codes of an ISO standard a column says it holds: currencies, countries, languages. */
const ISO_CODE = /iso[\s-]?(?:4217|3166(?:-1)?(?:[\s-]*alpha[\s-]?[23])?|639(?:-1)?)(?:\s+(?:code|currency\s+code|country\s+code|language\s+code))?/iy;

function isoPattern(written: string): string {
  const w = written.toLowerCase();
  if (w.includes("4217")) return "^[A-Z]{3}$";
  if (w.includes("3166")) return /alpha[\s-]?3/.test(w) ? "^[A-Z]{3}$" : "^[A-Z]{2}$";
  return "^[a-z]{2}$";
}

// ---------------------------------------------------------------------------------------------
// Other languages: Spanish, Portuguese, French, German, Italian, Chinese (simplified and
// traditional), Japanese and Korean. Their words are matched in a folded copy of the phrase
// (accents off Latin letters, full-width forms as ASCII, one UTF-16 unit for one, so offsets agree)
// with case ignored; values and names are taken from the phrase as written. A Latin word matches
// only whole ("unico" is not read inside "comunicacion"). Each vocabulary below is one meaning,
// listed per language; a word that reads the same as the English one ("unique", "optional",
// "default", "reference") is left to the English reading.

/** The phrase with accents taken off Latin letters and full-width forms written in ASCII, one UTF-16 unit for one. */
function fold(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else if (c === 0x301c) out += "~";
    else if (c === 0x2212) out += "-";
    else if (c >= 0xc0 && c <= 0x24f) {
      const base = ch.normalize("NFD")[0]!;
      out += /^[A-Za-z]$/.test(base) ? base : ch;
    } else out += ch;
  }
  return out;
}

type Vocab = Readonly<Partial<Record<"es" | "pt" | "fr" | "de" | "it" | "zh" | "ja" | "ko", readonly string[]>>>;

const LATIN_LANGS = new Set(["es", "pt", "fr", "de", "it"]);
/** Not inside a longer word, before and after ("URL格式": a Chinese character next to a Latin word does not join it). */
const L0 = "(?<![\\p{sc=Latin}\\p{N}_])";
const L1 = "(?![\\p{sc=Latin}\\p{N}_])";

/** One alternation of a vocabulary: Latin words whole, Chinese, Japanese and Korean words as written; longer words first. */
function alt(v: Vocab): string {
  const latin = new Set<string>();
  const cjk = new Set<string>();
  for (const [lang, list] of Object.entries(v)) for (const w of list ?? []) (LATIN_LANGS.has(lang) ? latin : cjk).add(w);
  const longer = (a: string, b: string) => b.length - a.length;
  const parts: string[] = [];
  if (latin.size) parts.push(`${L0}(?:${[...latin].sort(longer).join("|")})${L1}`);
  if (cjk.size) parts.push(`(?:${[...cjk].sort(longer).join("|")})`);
  return `(?:${parts.join("|")})`;
}

const sticky = (src: string) => new RegExp(src, "diuy");
const anywhere = (src: string) => new RegExp(src, "iu");

/** A number; "cero", "zero", "null" (German), "零" are 0. */
const NUM = "(-?\\d+(?:\\.\\d+)?|cero|zero|null|零)";
const num = (s: string): number => (/^\s*-?\d/.test(s) ? Number(s) : 0);
/** Between a rule word and its value: ":", "=", "es", "ist", "为", "は", "은". */
const LINK = "\\s*(?:[:=]|[为為是]|は|은|는|이)?\\s*";

/** Required / not null. */
const OTHER_NOT_NULL: Vocab = {
  es: ["obligatori[oa]s?", "requerid[oa]s?", "no\\s+nul[oa]s?", "no\\s+puede\\s+ser\\s+nul[oa]", "no\\s+(?:admite|acepta|permite)\\s+nul(?:os|l)", "sin\\s+nulos"],
  pt: ["obrigatori[oa]s?", "requerid[oa]s?", "nao\\s+nul[oa]s?", "nao\\s+pode\\s+ser\\s+nul[oa]", "nao\\s+(?:aceita|permite)\\s+nul(?:os|l)"],
  fr: ["obligatoires?", "requis(?:es?)?", "non\\s+nul(?:le)?s?", "ne\\s+(?:peut|doit)\\s+pas\\s+etre\\s+nul(?:le)?"],
  de: ["pflicht(?:feld|angabe)?", "erforderlich", "verpflichtend", "zwingend(?:\\s+erforderlich)?", "nicht\\s+null", "darf\\s+nicht\\s+null\\s+sein"],
  it: ["obbligatori[oa]", "richiest[oa]", "non\\s+null[oa]", "non\\s+puo\\s+essere\\s+null[oa]"],
  zh: ["必填(?:项|項|字段|欄位)?", "必需", "必选", "必選", "必[须須](?:填写|填寫|填|项|項|输入|輸入)?(?![为為是\\p{sc=Han}])", "不(?:能|可|得|允许|允許)?[为為是]空", "非空", "非null", "不(?:能|可|得)[为為是]?null"],
  ja: ["(?:入力)?必須(?:項目|入力)?(?![为為是\\p{sc=Han}])", "null\\s*(?:不可|禁止)"],
  ko: ["필수(?:\\s*(?:입력|값|항목|사항))?", "(?:null|널)\\s*(?:불가능|불가|비허용|허용\\s*안\\s*(?:함|됨))"],
};

/** Optional / nullable. */
const OTHER_NULLABLE: Vocab = {
  es: ["opcional(?:es)?", "anulable", "nulable", "puede\\s+ser\\s+nul[oa]", "(?:admite|acepta|permite)\\s+nul(?:os|l)", "no\\s+obligatori[oa]", "no\\s+requerid[oa]"],
  pt: ["opcional", "anulavel", "pode\\s+ser\\s+nul[oa]", "(?:aceita|permite)\\s+nul(?:os|l)", "nao\\s+obrigatori[oa]", "nao\\s+requerid[oa]"],
  fr: ["facultati(?:f|ve)s?", "optionnel(?:le)?s?", "peut\\s+etre\\s+nul(?:le)?", "non\\s+obligatoire", "non\\s+requis(?:e)?"],
  de: ["freiwillig", "nullbar", "(?:kann|darf)\\s+null\\s+sein", "nicht\\s+erforderlich", "kein\\s+pflichtfeld"],
  it: ["opzionale", "facoltativ[oa]", "nullabile", "puo\\s+essere\\s+null[oa]", "non\\s+obbligatori[oa]", "non\\s+richiest[oa]"],
  zh: ["可[选選](?:项|項|字段|欄位)?(?![\\p{sc=Han}\"'“「A-Za-z0-9]|\\s*[:：]|\\s+[\"'“「A-Za-z0-9])", "选填", "選填", "非必填", "非必[须須]", "不必填", "可(?:以)?[为為是]?空", "允[许許][为為是]?空", "可(?:以)?[为為是]?null", "允[许許][为為是]?null"],
  ja: ["任意(?:入力|項目)?(?![\\p{sc=Han}\\p{sc=Katakana}])", "null\\s*(?:可能|可|許可)", "省略可(?:能)?"],
  ko: ["선택(?:\\s*(?:사항|입력|항목)|적)?", "옵션", "(?:null|널)\\s*(?:허용|가능)"],
};

/** Unique. */
const OTHER_UNIQUE: Vocab = {
  es: ["unic[oa]s?", "(?:valor|clave|llave|indice)\\s+unic[oa]", "sin\\s+(?:duplicados|repetidos)", "no\\s+(?:se\\s+)?(?:puede|pueden)\\s+repetir"],
  pt: ["unic[oa]s?", "(?:valor|chave|indice)\\s+unic[oa]", "sem\\s+(?:duplicados|repeticoes|repetidos)", "nao\\s+(?:pode|podem)\\s+(?:se\\s+)?repetir"],
  fr: ["(?:valeur|cle|index|indice)\\s+unique", "sans\\s+doublons?"],
  de: ["eindeutig(?:e[rsnm]?)?", "einzigartig(?:e[rsnm]?)?", "einmalig(?:e[rsnm]?)?", "(?:ohne|keine)\\s+duplikate"],
  it: ["univoc(?:o|a|i|he)", "unic[oa]", "(?:valore|chiave|indice)\\s+(?:univoc|unic)[oa]", "senza\\s+duplicati"],
  zh: ["唯一(?:值|性|约束|約束|索引|键|鍵|标识|標識)?", "不(?:可|能|得|允许|允許)?重[复複]", "无重复", "無重複"],
  ja: ["一意(?:制約|キー|性)?", "ユニーク(?:制約|キー)?", "重複(?:不可|なし|禁止)"],
  ko: ["고유(?:한|\\s*(?:값|키|제약))?", "유니크(?:\\s*(?:키|제약))?", "중복\\s*(?:불가|없음|금지|불허|안\\s*됨)", "유일(?:한|값)?"],
};

/** Primary key. */
const OTHER_PRIMARY_KEY: Vocab = {
  es: ["(?:clave|llave)\\s+primaria"],
  pt: ["chave\\s+primaria"],
  fr: ["cle\\s+primaire"],
  de: ["prim(?:a|ae)r[-\\s]?schl(?:u|ue)ssel", "hauptschl(?:u|ue)ssel"],
  it: ["chiave\\s+primaria"],
  zh: ["主[键鍵]"],
  ja: ["主キー", "プライマリー?\\s*キー"],
  ko: ["기본\\s*키", "주\\s*키", "프라이머리\\s*키"],
};

/** Foreign key: the key word, then maybe the target. */
const OTHER_FOREIGN_KEY: Vocab = {
  es: ["(?:clave|llave)\\s+(?:foranea|ajena|externa)"],
  pt: ["chave\\s+estrangeira"],
  fr: ["cle\\s+etrangere"],
  de: ["fremd[-\\s]?schl(?:u|ue)ssel"],
  it: ["chiave\\s+esterna"],
  zh: ["外[键鍵]"],
  ja: ["外部キー"],
  ko: ["외래\\s*키"],
};

/** References X: words that need the target after them. */
const OTHER_REFERENCES: Vocab = {
  es: ["(?:hace\\s+)?referencias?"],
  pt: ["(?:faz\\s+)?referencias?"],
  fr: ["fait\\s+references?"],
  de: ["verweist", "verweis", "referenz", "referenziert", "bezieht\\s+sich"],
  it: ["(?:fa\\s+)?riferimento", "riferisce", "referenzia"],
  zh: ["关联(?:到|至|于)?", "關聯(?:到|至|於)?", "引用(?:自)?", "参照", "參照", "参考", "參考", "指向", "对应", "對應"],
  ja: ["参照(?:先)?"],
  ko: ["참조(?:\\s*대상)?"],
};

/** Default X. German "Standard" alone only before ":" / "=" or a literal value. */
const OTHER_DEFAULT: Vocab = {
  es: ["(?:(?:el\\s+)?valor\\s+)?(?:por\\s+defecto|por\\s+omision|predeterminad[oa])"],
  pt: ["(?:(?:o\\s+)?valor\\s+)?(?:por\\s+padrao|padrao|por\\s+omissao|predefinid[oa])"],
  fr: ["(?:(?:la\\s+)?valeur\\s+)?par\\s+defaut", "defaut"],
  de: ["standardwert", "defaultwert", "vorgabewert", "vorgabe", "voreingestellt(?:\\s+auf)?", "standardm(?:a|ae)(?:ß|ss)ig", "standard(?=\\s*[:=])", "standard(?=\\s+(?:['\"“«\\d-]|(?:true|false|wahr|falsch|null|jetzt|now\\(\\))(?![\\p{L}\\p{N}_])))"],
  it: ["(?:(?:il\\s+)?valore\\s+)?(?:predefinit[oa]|di\\s+default|per\\s+default)"],
  zh: ["默[认認]值?", "预设值?", "預設值?", "缺省值?", "初始值"],
  ja: ["デフォルト値?", "既定値?", "初期値"],
  ko: ["기본\\s*값", "디폴트(?:\\s*값)?", "초기\\s*값", "초깃값"],
};

/** Auto increment. */
const OTHER_INCREMENT: Vocab = {
  es: ["auto[-\\s]?incrementa(?:l|ble|do|da)", "auto[-\\s]?incremento", "incremento\\s+automatico", "autonumeric[oa]"],
  pt: ["auto[-\\s]?incremento", "auto[-\\s]?incrementa(?:l|vel|do|da)", "incremento\\s+automatico"],
  fr: ["auto[-\\s]?increment(?:e|ee|ation)", "incrementation\\s+automatique"],
  de: ["auto[-\\s]?inkrement(?:iert|ierend|ell)?", "automatisch\\s+(?:hochgez(?:a|ae)hlt|inkrementiert|fortlaufend|vergeben)", "fortlaufend(?:e)?(?:\\s+nummer)?"],
  it: ["auto[-\\s]?incrementa(?:le|to|ta)", "auto[-\\s]?incremento", "incremento\\s+automatico"],
  zh: ["自增(?:长|長)?", "自[动動](?:增[长長]|[递遞]增)"],
  ja: ["自動採番", "自動増分", "オートインクリメント", "連番"],
  ko: ["자동\\s*(?:증가|증분|채번)", "오토\\s*인크리먼트"],
};

/** On delete cascade (the English words are read by the English rules). */
const OTHER_CASCADE: Vocab = {
  es: ["(?:(?:al|on)\\s+(?:eliminar|borrar)\\s+)?(?:en\\s+)?cascada", "(?:eliminacion|borrado)\\s+en\\s+cascada"],
  pt: ["(?:(?:ao|on)\\s+(?:excluir|apagar|deletar)\\s+)?em\\s+cascata", "(?:exclusao|remocao)\\s+em\\s+cascata"],
  fr: ["(?:(?:a\\s+la|lors\\s+de\\s+la)\\s+suppression\\s+)?en\\s+cascade", "suppression\\s+en\\s+cascade"],
  de: ["kaskadierend(?:e[sn]?)?(?:\\s+l(?:o|oe)schen)?", "(?:beim|bei)\\s+l(?:o|oe)schen\\s*:?\\s*kaskadier(?:en|end)", "kaskadenl(?:o|oe)schung"],
  it: ["(?:(?:alla|in)\\s+(?:cancellazione|eliminazione)\\s+)?a\\s+cascata", "(?:cancellazione|eliminazione)\\s+a\\s+cascata", "cascata"],
  zh: ["级联删除", "級聯刪除", "删除时级联", "刪除時級聯", "级联", "級聯"],
  ja: ["カスケード削除", "削除時カスケード", "カスケード"],
  ko: ["연쇄\\s*삭제", "삭제\\s*시\\s*연쇄(?:\\s*삭제)?", "캐스케이드(?:\\s*삭제)?"],
};

/** Not empty: at least one character. */
const OTHER_NOT_EMPTY: Vocab = {
  es: ["no\\s+(?:puede\\s+(?:estar|ser)\\s+)?vaci[oa]", "no\\s+en\\s+blanco"],
  pt: ["nao\\s+(?:pode\\s+(?:estar|ser)\\s+)?vazi[oa]", "nao\\s+em\\s+branco"],
  fr: ["non\\s+vide", "ne\\s+(?:peut|doit)\\s+pas\\s+etre\\s+vide"],
  de: ["nicht\\s+leer", "darf\\s+nicht\\s+leer\\s+sein"],
  it: ["non\\s+(?:puo\\s+essere\\s+)?vuot[oa]"],
  zh: ["不(?:能|可|得)?[为為是]空(?:字符串|字串|白)", "非空(?:字符串|字串)"],
  ja: ["空(?:文字(?:列)?|白|欄)(?:不可|禁止)"],
  ko: ["빈\\s*(?:값|문자열)\\s*(?:불가|금지)", "비어\\s*있을\\s*수\\s*없(?:음|습니다|다)", "공백\\s*불가"],
};

/** Characters, as the unit of a length. */
const OTHER_CHARS: Vocab = {
  es: ["caracter(?:es)?"],
  pt: ["caracteres?"],
  fr: ["caracteres?"],
  de: ["zeichen"],
  it: ["caratter[ei]"],
  zh: ["[个個]?字符", "[个個]?字元", "[个個]?字", "位"],
  ja: ["文字"],
  ko: ["글자", "자"],
};
const CHARS_EN = `${L0}(?:chars?|characters?)${L1}`;

/** At most N (a length with a unit, a value without). */
const OTHER_AT_MOST: Vocab = {
  es: ["hasta", "maximo(?:\\s+de)?", "como\\s+maximo"],
  pt: ["ate", "maximo(?:\\s+de)?", "no\\s+maximo"],
  fr: ["au\\s+plus", "jusqu['’]?\\s*a", "au\\s+maximum"],
  de: ["h(?:o|oe)chstens", "maximal", "bis\\s+zu", "nicht\\s+mehr\\s+als"],
  it: ["massimo(?:\\s+di)?", "al\\s+massimo", "fino\\s+a", "non\\s+piu\\s+di"],
  zh: ["最多", "最大", "不超[过過]", "不多[于於]", "至多", "上限"],
  ja: ["最大", "上限"],
  ko: ["최대"],
};
const AT_MOST_EN = `${L0}(?:max(?:imum)?\\.?|up\\s+to|at\\s+most)(?!\\p{L})`;

/** At least N. */
const OTHER_AT_LEAST: Vocab = {
  es: ["al\\s+menos", "como\\s+minimo", "minimo(?:\\s+de)?", "por\\s+lo\\s+menos"],
  pt: ["pelo\\s+menos", "no\\s+minimo", "minimo(?:\\s+de)?", "ao\\s+menos"],
  fr: ["au\\s+moins", "au\\s+minimum"],
  de: ["mindestens", "wenigstens"],
  it: ["almeno", "minimo(?:\\s+di)?", "non\\s+meno\\s+di"],
  zh: ["最少", "至少", "不少[于於]", "最小", "下限"],
  ja: ["最小", "下限", "少なくとも"],
  ko: ["최소", "적어도"],
};
const AT_LEAST_EN = `${L0}(?:min(?:imum)?\\.?|at\\s+least)(?!\\p{L})`;

/** Longest / shortest: a length even without a unit. */
const LONGEST = "(?:最长|最長|최장)";
const SHORTEST = "(?:最短|최단)";

/** After a number and its unit: at most / at least. */
const OTHER_AFTER_MAX: Vocab = {
  es: ["max(?:imo)?\\.?", "como\\s+maximo"],
  pt: ["max(?:imo)?\\.?", "no\\s+maximo"],
  fr: ["max(?:imum)?\\.?", "au\\s+maximum", "au\\s+plus"],
  de: ["max(?:imal)?\\.?", "h(?:o|oe)chstens"],
  it: ["max(?:imo)?\\.?", "al\\s+massimo", "massimo"],
  zh: ["以内", "以內", "以下"],
  ja: ["以内", "以下", "まで"],
  ko: ["이하", "이내", "까지"],
};
const OTHER_AFTER_MIN: Vocab = {
  es: ["min(?:imo)?\\.?", "como\\s+minimo"],
  pt: ["min(?:imo)?\\.?", "no\\s+minimo"],
  fr: ["min(?:imum)?\\.?", "au\\s+minimum", "au\\s+moins"],
  de: ["min(?:imal)?\\.?", "mindestens"],
  it: ["min(?:imo)?\\.?", "almeno"],
  zh: ["以上"],
  ja: ["以上"],
  ko: ["이상"],
};

/** Length as a word. */
const OTHER_LENGTH: Vocab = {
  es: ["longitud", "largo"],
  pt: ["comprimento", "tamanho"],
  fr: ["longueur", "taille"],
  de: ["l(?:a|ae)nge"],
  it: ["lunghezza"],
  zh: ["长度", "長度", "字数", "字數"],
  ja: ["長さ", "文字数"],
  ko: ["길이", "글자\\s*수"],
};
/** "longitud máxima", "maximale Länge", "最大长度": a maximum length. */
const MAX_LENGTH_WORDS = `(?:${alt(OTHER_LENGTH)}\\s*(?:${L0}(?:maxim[oa]|maximale?|max\\.?|massima)(?!\\p{L})|最大|上限|不超[过過]|最多|最长|最長)|(?:${L0}(?:maxim[oa]|maximale?|massima)\\s+|最大|최대\\s*)${alt(OTHER_LENGTH)}|${L0}(?:maximal|h(?:o|oe)chst|max)l(?:a|ae)nge${L1})`;
const MIN_LENGTH_WORDS = `(?:${alt(OTHER_LENGTH)}\\s*(?:${L0}(?:minim[oa]|minimale?|min\\.?|minima)(?!\\p{L})|最小|下限|不少[于於]|最少|最短)|(?:${L0}(?:minim[oa]|minimale?|minima)\\s+|最小|최소\\s*)${alt(OTHER_LENGTH)}|${L0}(?:mindest|minimal|min)l(?:a|ae)nge${L1})`;

/** Between two numbers of a range. */
const RANGE_TO = `\\s*(?:-|–|~|${L0}(?:a|y|e|et|und|bis|al|ate|to|and)${L1}|到|至|から|에서)\\s*`;
const RANGE_FROM = `(?:${L0}(?:entre|de|desde|da|du|von|tra|fra|zwischen|compreso\\s+tra|compris\\s+entre)\\s+)?`;
const BETWEEN_END = "(?:\\s*(?:之间|之間|の間|の範囲|范围内|範圍內|以内|以內|まで|사이|까지))?";

/** Comparisons with a number. */
const OTHER_GREATER_EQUAL: Vocab = {
  es: ["mayor\\s+o\\s+igual\\s+(?:que|a)"],
  pt: ["maior\\s+ou\\s+igual\\s+a"],
  fr: ["superieur\\s+ou\\s+egal\\s+a"],
  de: ["gr(?:o|oe)(?:ß|ss)er\\s+(?:oder\\s+)?gleich(?:\\s+als)?"],
  it: ["maggiore\\s+o\\s+uguale\\s+a"],
  zh: ["大[于於]或?等[于於]", "不小[于於]", "不低[于於]", "≥"],
};
const OTHER_GREATER: Vocab = {
  es: ["mayor\\s+(?:que|a)"],
  pt: ["maior\\s+(?:do\\s+)?que"],
  fr: ["superieur\\s+a", "plus\\s+grand\\s+que"],
  de: ["gr(?:o|oe)(?:ß|ss)er\\s+als"],
  it: ["maggiore\\s+di", "piu\\s+grande\\s+di"],
  zh: ["大[于於]", "超[过過]"],
};
const OTHER_LESS_EQUAL: Vocab = {
  es: ["menor\\s+o\\s+igual\\s+(?:que|a)"],
  pt: ["menor\\s+ou\\s+igual\\s+a"],
  fr: ["inferieur\\s+ou\\s+egal\\s+a"],
  de: ["kleiner\\s+(?:oder\\s+)?gleich(?:\\s+als)?"],
  it: ["minore\\s+o\\s+uguale\\s+a"],
  zh: ["小[于於]或?等[于於]", "不大[于於]", "不超[过過]", "不高[于於]", "≤"],
};
const OTHER_LESS: Vocab = {
  es: ["menor\\s+(?:que|a)"],
  pt: ["menor\\s+(?:do\\s+)?que"],
  fr: ["inferieur\\s+a", "plus\\s+petit\\s+que"],
  de: ["kleiner\\s+als"],
  it: ["minore\\s+di", "piu\\s+piccolo\\s+di"],
  zh: ["小[于於]", "低[于於]"],
};
/** A least / greatest value. */
const OTHER_MIN_VALUE: Vocab = {
  ...OTHER_AT_LEAST,
  es: [...OTHER_AT_LEAST.es!, "valor\\s+minimo"],
  pt: [...OTHER_AT_LEAST.pt!, "valor\\s+minimo"],
  fr: [...OTHER_AT_LEAST.fr!, "valeur\\s+minimale"],
  de: [...OTHER_AT_LEAST.de!, "mindestwert", "minimalwert"],
  it: [...OTHER_AT_LEAST.it!, "valore\\s+minimo"],
  zh: [...OTHER_AT_LEAST.zh!, "最小值", "最低"],
  ja: [...OTHER_AT_LEAST.ja!, "最小値"],
  ko: [...OTHER_AT_LEAST.ko!, "최소값", "최솟값"],
};
const OTHER_MAX_VALUE: Vocab = {
  ...OTHER_AT_MOST,
  es: [...OTHER_AT_MOST.es!, "valor\\s+maximo"],
  pt: [...OTHER_AT_MOST.pt!, "valor\\s+maximo"],
  fr: [...OTHER_AT_MOST.fr!, "valeur\\s+maximale"],
  de: [...OTHER_AT_MOST.de!, "h(?:o|oe)chstwert", "maximalwert"],
  it: [...OTHER_AT_MOST.it!, "valore\\s+massimo"],
  zh: [...OTHER_AT_MOST.zh!, "最大值", "最高"],
  ja: [...OTHER_AT_MOST.ja!, "最大値"],
  ko: [...OTHER_AT_MOST.ko!, "최대값", "최댓값"],
};
/** A range as a word: "rango 1-5", "范围 1~5". */
const OTHER_RANGE: Vocab = {
  es: ["rango", "intervalo"],
  pt: ["intervalo", "faixa"],
  fr: ["plage", "intervalle"],
  de: ["(?:werte)?bereich"],
  it: ["intervallo"],
  zh: ["(?:取值)?范围", "(?:取值)?範圍", "区间", "區間"],
  ja: ["範囲"],
  ko: ["범위"],
};
/** Greater than zero / not negative. */
const OTHER_POSITIVE: Vocab = {
  es: ["positiv[oa]s?"],
  pt: ["positiv[oa]s?"],
  fr: ["positifs?"],
  de: ["positiv(?:e[rsnm])?"],
  it: ["positiv[oaie]"],
  zh: ["正数", "正數", "正整数", "正整數"],
  ja: ["正の(?:数|整数|値)", "正数"],
  ko: ["양수", "양의\\s*정수"],
};
const OTHER_NON_NEGATIVE: Vocab = {
  es: ["no\\s+negativ[oa]s?"],
  pt: ["nao\\s+negativ[oa]s?"],
  fr: ["non\\s+negatifs?"],
  de: ["nicht\\s+negativ(?:e[rsnm]?)?"],
  it: ["non\\s+negativ[oaie]"],
  zh: ["非[负負](?:数|數|整数|整數)?", "不(?:能|可|得)?[为為是]?[负負](?:数|數)?"],
  ja: ["非負(?:数|整数)?", "負でない", "負の値(?:は)?不可"],
  ko: ["음수\\s*(?:불가|아님|금지)", "음이\\s*아닌(?:\\s*정수)?"],
};

/** "uno de: a, b": a list of allowed values after these words. */
const OTHER_ONE_OF: Vocab = {
  es: ["un[oa]\\s+de(?:\\s+(?:los|las)\\s+(?:siguientes\\s+)?(?:valores|opciones))?", "valores\\s+(?:permitidos|posibles|validos)"],
  pt: ["um[a]?\\s+d(?:e|os|as)(?:\\s+(?:seguintes\\s+)?(?:valores|opcoes))?", "valores\\s+(?:permitidos|possiveis|validos)"],
  fr: ["l['’]?\\s*une?\\s+des?(?:\\s+(?:valeurs|options)(?:\\s+suivantes)?)?", "une?\\s+des\\s+(?:valeurs|options)", "valeurs\\s+(?:possibles|autorisees|permises|valides)"],
  de: ["eine[rs]?\\s+(?:von|der|aus)(?:\\s+den)?(?:\\s+(?:folgenden\\s+)?werten?)?", "(?:erlaubte|zul(?:a|ae)ssige|m(?:o|oe)gliche|g(?:u|ue)ltige)\\s+werte"],
  it: ["un[oa]\\s+(?:tra|fra|di|dei|delle)(?:\\s+(?:seguenti\\s+)?(?:valori|opzioni))?", "valori\\s+(?:ammessi|consentiti|possibili|validi)"],
  zh: ["可选值", "可選值", "取值(?:[为為]|范围|範圍)?", "允[许許](?:的)?值", "枚[举舉]值?"],
  ja: ["可能な値", "取りうる値", "取り得る値", "許可(?:される)?値"],
  ko: ["허용\\s*(?:되는\\s*)?값", "가능한\\s*값"],
};
/** "a、b、c 之一": a list of allowed values before these words. */
const ONE_OF_AFTER = "(?:\\s*(?:(?:其中)?之一|中的(?:一个|一個|一种|一種|任一|任意一个)|のいずれか(?:一つ)?|のどれか|のうち(?:いずれか|一つ)|중\\s*(?:에\\s*)?하나))";
/** Before such a list: "为", "只能是", "取值为". */
const ONE_OF_BEFORE = "(?:(?:只能|仅能|僅能|必[须須]|须|須|应|應)?[为為是]|取值[为為]?|值[为為])?\\s*:?\\s*";

/** Formats: e-mail and URL. */
const VALID_BEFORE: Vocab = {
  es: ["valid[oa]"], pt: ["valid[oa]"], fr: ["valide"], de: ["g(?:u|ue)ltige?[nrsm]?"], it: ["valid[oa]"],
  zh: ["有效的?", "合法的?", "正[确確]的?"], ja: ["有効な", "正しい"], ko: ["유효한", "올바른"],
};
const VALID_AFTER: Vocab = { es: ["valid[oa]"], pt: ["valid[oa]"], fr: ["valide"], de: ["g(?:u|ue)ltig"], it: ["valid[oa]"] };
const FORMAT_BEFORE = `${alt({ es: ["formato(?:\\s+de)?"], pt: ["formato(?:\\s+de)?"], it: ["formato(?:\\s+di)?"] })}|${L0}format\\s+(?:d['’]|de\\s)`;
const FORMAT_AFTER = `(?:-format${L1}|\\s*(?:格式|形式|フォーマット|형식|포맷))`;
const ADDRESS_BEFORE: Vocab = { es: ["direccion\\s+de(?:l)?"], pt: ["endereco\\s+de"], fr: ["adresse(?:\\s+de)?"], it: ["indirizzo(?:\\s+di)?"] };
const ADDRESS_AFTER = `(?:[-\\s]?adresse${L1}|\\s*(?:地址|アドレス|주소))`;
const OTHER_EMAIL: Vocab = {
  es: ["correo(?:\\s+electronico)?"], pt: ["correio\\s+eletronico"], fr: ["courriel"], it: ["posta\\s+elettronica"],
  zh: ["邮箱", "郵箱", "电子邮[件箱]", "電子郵[件箱]", "电邮", "電郵", "邮件", "郵件", "信箱"], ja: ["メールアドレス", "電子メール", "メール"], ko: ["이메일", "전자\\s*우편", "메일"],
};
const OTHER_URL: Vocab = {
  es: ["enlace"], fr: ["lien"], it: ["collegamento"],
  zh: ["网址", "網址", "链接", "鏈接", "連結"], ja: ["リンク"], ko: ["링크", "웹\\s*주소"],
};
/** Groups: 1 valid, 2 address, 3 format, 4 e-mail word, 5 URL word, 6 "e-mail", 7 "url", 8 address, 9 valid/format after, 10 format after. */
const FORMAT_SRC = `(?:(${alt(VALID_BEFORE)})\\s*)?(?:${L0}(?:una?|um|uma|une?|eine?n?)\\s+)?(?:(${alt(ADDRESS_BEFORE)})\\s*)?(?:(${FORMAT_BEFORE})\\s*)?(?:(${alt(OTHER_EMAIL)})|(${alt(OTHER_URL)})|(${L0}e-?mail${L1}|${L0}mail${L1})|(${L0}ur[li]${L1}))(${ADDRESS_AFTER})?(?:\\s*(${alt(VALID_AFTER)}|${FORMAT_AFTER}))?(${FORMAT_AFTER})?`;

/** A reference target: users.id, users(id), `users`, users 表的 id, usersテーブルのid. */
const REF_TARGET = "\\(?\\s*[`\"「]?([A-Za-z_]\\w*)[`\"」]?(?:\\s*(?:表|テーブル|테이블))?(?:\\s*(?:\\.|的|の|의)\\s*[`\"「]?([A-Za-z_]\\w*)[`\"」]?|\\s*\\(\\s*[`\"]?([A-Za-z_]\\w*)[`\"]?\\s*\\))?\\s*\\)?";
/** After the target: "users.id を参照", "users.id 참조", "users.id 的外键". */
const REF_AFTER = "\\s*(?:(?:を|に|へ|への|の)?\\s*(?:参照(?:する|します)?|外部キー(?:参照)?)|(?:를|을|에\\s*대한|의)?\\s*(?:참조(?:함|합니다|하는)?|외래\\s*키)|的?\\s*外[键鍵])";
/** Between a key word and its target: "-> ", ": ", "a la tabla ", "vers ", "auf ". */
const REF_LINK = `\\s*(?:->|→|=>|[:=])?\\s*(?:${L0}(?:a|al|hacia|de|del|para|pour|vers|sur|auf|zu|zur|zum|nach|verso|su|di|della|alla|da|en|em|na|la|el|le|les|l['’]|die|der|das|den|il|lo|tabla|tabela|table|tableau|tabelle|tabella)(?:${L1}|(?<=['’]))\\s*)*`;
/** Words that are never a table's name after a key word. */
const NOT_A_TABLE = new RegExp(`^(?:${alt({ es: [...OTHER_NOT_NULL.es!, ...OTHER_NULLABLE.es!, ...OTHER_UNIQUE.es!, "no", "nao", "non", "nicht", "con", "com", "avec", "mit", "y", "e", "et", "und", "en", "em", "por", "par", "padrao", "predefinit[oa]", "standard\\w*", "cascada", "cascata", "al", "ao", "beim", "lors", "defecto", "default", "valor", "valeur", "wert", "valore", "campo", "champ", "feld"], pt: OTHER_NOT_NULL.pt, fr: [...OTHER_NOT_NULL.fr!, ...OTHER_NULLABLE.fr!], de: [...OTHER_NOT_NULL.de!, ...OTHER_NULLABLE.de!, ...OTHER_UNIQUE.de!], it: [...OTHER_NOT_NULL.it!, ...OTHER_NULLABLE.it!, ...OTHER_UNIQUE.it!] })})$`, "iu");

const R = {
  notEmpty: sticky(alt(OTHER_NOT_EMPTY)),
  notNull: sticky(alt(OTHER_NOT_NULL)),
  nullable: sticky(alt(OTHER_NULLABLE)),
  unique: sticky(alt(OTHER_UNIQUE)),
  primaryKey: sticky(alt(OTHER_PRIMARY_KEY)),
  foreignKey: sticky(`(?:${alt(OTHER_FOREIGN_KEY)}(?:\\s*(?:关联|關聯|引用|参照|參照|指向|참조))?|${L0}fk(?=\\s+(?:a|al|hacia|para|vers|sur|auf|zu|nach|verso|su)${L1}))`),
  references: sticky(alt(OTHER_REFERENCES)),
  // French "référence(s)", "auto-incrément": the English word with an accent.
  accentedReference: sticky(`${L0}references?${L1}`),
  accentedIncrement: sticky(`${L0}auto[-\\s]?increment${L1}`),
  refLink: sticky(REF_LINK),
  refTarget: sticky(REF_TARGET),
  refBefore: sticky(`${REF_TARGET}${REF_AFTER}`),
  default: sticky(`${alt(OTHER_DEFAULT)}`),
  defaultLink: sticky(`\\s*(?:${L0}(?:es|est|ist|e|sera|sara|de)${L1}|[为為是]|は|은|는|이)?\\s*[:=]?\\s*`),
  increment: sticky(alt(OTHER_INCREMENT)),
  cascade: sticky(alt(OTHER_CASCADE)),
  lengthRange: sticky(`(?:${alt(OTHER_LENGTH)}${LINK})?${RANGE_FROM}\\(?\\s*(\\d+)${RANGE_TO}(\\d+)\\s*\\)?\\s*${alt(OTHER_CHARS)}${BETWEEN_END}`),
  lengthWordRange: sticky(`${alt(OTHER_LENGTH)}${LINK}${RANGE_FROM}[(\\[]?\\s*(\\d+)${RANGE_TO}(\\d+)\\s*[)\\]]?(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?${BETWEEN_END}`),
  maxLength: sticky(`(?:${alt(OTHER_AT_MOST)}${LINK}(\\d+)\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN})|${AT_MOST_EN}\\s*[:=]?\\s*(\\d+)\\s*${alt(OTHER_CHARS)}|${LONGEST}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|${MAX_LENGTH_WORDS}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|(\\d+)\\s*${alt(OTHER_CHARS)}\\s*${alt(OTHER_AFTER_MAX)})`),
  minLength: sticky(`(?:${alt(OTHER_AT_LEAST)}${LINK}(\\d+)\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN})|${AT_LEAST_EN}\\s*[:=]?\\s*(\\d+)\\s*${alt(OTHER_CHARS)}|${SHORTEST}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|${MIN_LENGTH_WORDS}${LINK}(\\d+)(?:\\s*(?:${alt(OTHER_CHARS)}|${CHARS_EN}))?|(\\d+)\\s*${alt(OTHER_CHARS)}\\s*${alt(OTHER_AFTER_MIN)})`),
  greaterEqual: sticky(`${alt(OTHER_GREATER_EQUAL)}${LINK}${NUM}`),
  greater: sticky(`${alt(OTHER_GREATER)}${LINK}${NUM}`),
  lessEqual: sticky(`${alt(OTHER_LESS_EQUAL)}${LINK}${NUM}`),
  less: sticky(`${alt(OTHER_LESS)}${LINK}${NUM}`),
  minValue: sticky(`${alt(OTHER_MIN_VALUE)}${LINK}${NUM}(?![\\d.])`),
  maxValue: sticky(`${alt(OTHER_MAX_VALUE)}${LINK}${NUM}(?![\\d.])`),
  // "0以上", "100 이하", "0超", "100未満", "0より大きい".
  numberAtLeast: sticky(`${NUM}\\s*(?:以上|이상)`),
  numberAtMost: sticky(`${NUM}\\s*(?:以下|이하|以内|以內|이내)`),
  numberAbove: sticky(`${NUM}\\s*(?:より大きい|を超える|超|초과)`),
  numberBelow: sticky(`${NUM}\\s*(?:より小さい|未満|미만)`),
  between: sticky(`(?:${L0}(?:entre|zwischen|tra|fra|compreso\\s+tra|compris\\s+entre)\\s+${NUM}\\s+${L0}(?:y|e|et|und|and)\\s+${NUM}|${L0}(?:de|desde|da|du|von)\\s+${NUM}\\s+${L0}(?:a|hasta|ate|bis|al)\\s+${NUM}|(?:介[于於]|在)\\s*${NUM}\\s*(?:和|与|與|到|至|~|-)\\s*${NUM}\\s*(?:之间|之間)|${NUM}\\s*(?:~|到|至|から|에서|부터)\\s*${NUM}${BETWEEN_END}|${NUM}\\s*[-–]\\s*${NUM}\\s*(?:之间|之間|の間|사이))(?![\\d.])`),
  rangeWord: sticky(`${alt(OTHER_RANGE)}${LINK}[(\\[]?\\s*${NUM}(?:\\s*,\\s*|${RANGE_TO})${NUM}\\s*[)\\]]?${BETWEEN_END}`),
  positive: sticky(alt(OTHER_POSITIVE)),
  nonNegative: sticky(alt(OTHER_NON_NEGATIVE)),
  oneOf: sticky(`${alt(OTHER_ONE_OF)}\\s*[:=]?\\s*`),
  oneOfBefore: sticky(ONE_OF_BEFORE),
  oneOfAfter: sticky(ONE_OF_AFTER),
  format: sticky(FORMAT_SRC),
};

/** Words of other languages that carry no rule of their own, and their punctuation. */
const FILLER_WORDS = sticky(
  `(?:${L0}(?:el|la|los|las|le|les|il|gli|der|das|dem|des|un|una|une|um|uma|ein|eine|einen|de|del|du|di|da|dos|della|y|e|et|und|es|est|ist|sein|ser|estar|etre|essere|debe|deben|deve|devem|doit|doivent|muss|mussen|soll|sollte|campo|champ|feld|valor|valeur|wert|valore|siempre|sempre|toujours|immer|tiene|tener|ter|avoir|avere|haben|tem)${L1}` +
    "|必[须須]|应该|應該|应当|應當|需要|以及|并且|並且|而且|此字段|该字段|該欄位|字段|欄位|[的为為是且并並和及与與须須需应應该該要]" +
    "|であること|である|です|ます|こと|とする|する|必要(?:がある|あり)?|かつ|および|及び|[はがをでのとに]" +
    "|이어야\\s*(?:함|합니다|한다)|여야\\s*(?:함|합니다)|해야\\s*(?:함|합니다|한다)|합니다|입니다|이다|이며|하며|이고|하고|및|그리고|반드시|[은는이가을를의임함])",
);
/** Full-width punctuation: a sign of another language. */
const FILLER_WIDE = /[、。，；：（）【】「」『』〔〕・·！？\u3000]/y;
/** Punctuation English may hold too: skipped in the other-language pass, but not a sign of another language. */
const FILLER_MARKS = /[():!?]/y;

/** Filler at pos: where it ends, and whether it is a sign of another language. */
function otherFiller(text: string, folded: string, pos: number): { end: number; word: boolean } | null {
  for (const [re, s, word] of [[FILLER_WORDS, folded, true], [FILLER_WIDE, text, true], [FILLER_MARKS, text, false]] as const) {
    re.lastIndex = pos;
    if (re.exec(s)) return { end: re.lastIndex, word };
  }
  return null;
}

const end = (m: RegExpExecArray): number => m.index + m[0].length;
const firstNumber = (m: RegExpExecArray): number => num(m.slice(1).find((x) => x !== undefined) ?? "");
/** The two numbers of a range: the first two groups that matched. */
const twoNumbers = (m: RegExpExecArray): [number, number] => {
  const g = m.slice(1).filter((x) => x !== undefined);
  return [num(g[0]!), num(g[1]!)];
};
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

/** A rule of another language at pos: where it ends, why the phrase cannot be read there, or null when there is none. */
function readOtherLanguage(text: string, folded: string, pos: number, r: ConstraintReading): number | { why: string } | null {
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
function formatRead(m: RegExpExecArray, folded: string, described: boolean): boolean {
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

/** Separators before a list of values. */
const LIST_LEAD = /[\s,;/|+.，；、。]*/y;
/** One value of a list: quoted, or a word. */
const LIST_VALUE = /(?:'([^']*)'|"([^"]*)"|“([^”]*)”|‘([^’]*)’|「([^」]*)」|`([^`]*)`|((?:(?!(?:其中)?之一|中的|のいずれか|のどれか|のうち|或者?|または)[^\s,、|/;'"“”‘’「」`()（）:：，；。])+))/uy;
const LIST_OR = `(?:${L0}(?:o|ou|oder|or|y|e|et|und|ed)${L1}|또는|혹은)`;
const LIST_SEP = new RegExp(`(?:\\s*[,、|/;]\\s*(?:${LIST_OR}\\s+)?|\\s+${LIST_OR}\\s+|\\s*(?:或者?|または)\\s*)`, "iuy");
const LIST_SEP_WIDE = new RegExp(`(?:\\s*[,、|/;，；]\\s*(?:${LIST_OR}\\s+)?|\\s+${LIST_OR}\\s+|\\s*(?:或者?|または)\\s*)`, "iuy");

/** Values from p: "a, b, c", "a | b", "a、b 或 c", "'a' o 'b'". `wideComma`: "，" separates values too (not in prose, where it separates clauses). */
function readValueList(text: string, p: number, wideComma: boolean): { values: string[]; end: number } | null {
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
function readValuesBefore(text: string, folded: string, pos: number, wideComma: boolean): { values: string[]; end: number } | null {
  R.oneOfBefore.lastIndex = pos;
  const b = R.oneOfBefore.exec(folded);
  const list = readValueList(text, b ? end(b) : pos, wideComma);
  if (!list || list.values.length < 2) return null;
  R.oneOfAfter.lastIndex = list.end;
  const a = R.oneOfAfter.exec(folded);
  return a ? { values: list.values, end: end(a) } : null;
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
