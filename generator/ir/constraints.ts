// Constraint phrases: what "not null, default now()", "FK -> users.id", "references users(id)
// on delete cascade", "max 100 chars", "must be either 'user' or 'assistant'", "valid URL" or
// "must be after startAt" say about a column. The one place that reads them.
import type { ColumnType, DefaultValue, OnDelete } from "./types.js";
import { matchParen } from "../parse/text.js";
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

/** Read a constraint phrase: "not null, default now()", "FK -> users.id", "references users(id) on delete cascade". */
export function interpretConstraint(text: string): ConstraintReading {
  const r: ConstraintReading = {};
  let pos = 0;
  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos = re.lastIndex;
    return m;
  };
  // Words around rules in prose ("is required and must be 1-255 characters") carry no rule of their own.
  const SEP = /(?:[\s,;/|+.，；、。]+|\band\b|\bwith\b|\bis\b|\bare\b|\bthe\b|\ba\b|\ban\b|\bmust\b|\bshould\b|\bshall\b|\bbe\b|\bhas\b|\bhave\b|\bif\s+(?:present|given|set|provided)\b|\bwhen\s+(?:present|given|set)\b|\balways\b|\bvalue\b(?!\s*[:=]))+/iy;
  const readRef = (): RefText | null => {
    const m = sticky(/\(?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*(?:\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\(\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))?\s*\)?/y);
    if (!m) return null;
    if (REF_KEYWORDS.has(m[1]!.toLowerCase()) && !m[2] && !m[3]) {
      pos = m.index;
      return null;
    }
    return { table: m[1]!, ...(m[2] || m[3] ? { column: (m[2] ?? m[3])! } : {}) };
  };
  while (pos < text.length) {
    sticky(SEP);
    if (pos >= text.length) break;
    const start = pos;
    let m: RegExpExecArray | null;
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
        return r;
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
        return r;
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
        return r;
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
          return r;
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
    if (sticky(/(?:enum(?:eration)?|embedded|auto|snapshot|denormali[sz]ed|immutable|read[-\s]?only|utc|indexed|searchable|optional\s+field)\b/iy)) continue;
    if ((m = sticky(/(?:one\s+of|values?|in)\s*[:=]?\s*\(([^)]*)\)/iy))) {
      r.enumValues = splitValues(m[1]!);
      continue;
    }
    r.unknownAt = start;
    return r;
  }
  return r;
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
  if (/^(now\(\)|now|current_timestamp(\(\))?|current_date|localtimestamp|transaction_timestamp\(\)|utcnow\(\)|datetime\.(utc)?now(\(\))?|timezone\('utc',\s*now\(\)\))$/.test(lower)) {
    if (type.kind === "timestamp" || type.kind === "date") return { kind: "now" };
    return { problem: `default ${t} (the current time) does not fit a ${type.kind} column` };
  }
  if (/^(gen_random_uuid\(\)|uuid_generate_v4\(\)|uuid\(\)|uuid4(\(\))?|uuid\.uuid4(\(\))?|random_uuid\(\)|newid\(\)|cuid\(\))$/.test(lower)) {
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
    if ((m = /(?:^|[\s(,;])(\d+)\s*(?:-|–|~|to)\s*(\d+)\s*(?:characters?|chars?|字符|个字符|位)/i.exec(t))) {
      r.minLength = Number(m[1]);
      r.maxLength = Number(m[2]);
    } else {
      if ((m = /(?:max(?:imum)?|at\s+most|up\s+to|no\s+more\s+than|最多|最大)\s*:?\s*(\d+)\s*(?:characters?|chars?|字符|个字符)/i.exec(t))) r.maxLength = Number(m[1]);
      if ((m = /(?:min(?:imum)?|at\s+least|最少|最小)\s*:?\s*(\d+)\s*(?:characters?|chars?|字符|个字符)/i.exec(t))) r.minLength = Number(m[1]);
    }
    if (/\b(cannot|can't|must\s+not|may\s+not)\s+be\s+(empty|blank)\b|\bnon[-\s]?empty\b|\bnot\s+(?:be\s+)?empty\b/i.test(t)) r.minLength = Math.max(r.minLength ?? 0, 1);
    if (/\b(valid|must\s+be\s+an?)\s+e-?mail\b|\be-?mail\s+(format|address\s+format)\b|合法邮箱/i.test(t)) r.format = "email";

    else if (/\bvalid\s+(url|uri|link)\b|\b(url|uri)\s+format\b/i.test(t)) r.format = "uri";
    // A description that is only a list of values: "pending, in_progress, completed", "user / admin", "High, Medium, Low".
    const list = /^(?:(?:one\s+of|values?|allowed(?:\s+values)?|either|options?|possible\s+values|[\p{L}\s]{1,12})\s*[:：]\s*)?((?:[`'"]?[A-Za-z][\w-]*[`'"]?\s*(?:,|\||\/|\bor\b)\s*)+(?:or\s+)?[`'"]?[A-Za-z][\w-]*[`'"]?)\s*\.?$/u.exec(t);
    if (list && !/\b(e\.g|eg|for example|such as|like|例如)\b/i.test(t)) {
      const values = list[1]!.split(/\s*(?:,|\||\/|\bor\b)\s*/).map((v) => v.trim().replace(/^[`'"]|[`'"]$/g, "")).filter(Boolean);
      // "Work, Personal, Health, etc": an open list names examples, not the allowed values.
      if (values.length >= 2 && values.every((v) => /^[A-Za-z][\w-]*$/.test(v)) && !values.some((v) => /^(etc|others?|more)$/i.test(v))) r.enumValues = values;
    }
  }
  if (numeric) {
    m = /^\s*\(?\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|~|to|\.\.)\s*(-?\d+(?:\.\d+)?)\s*\)?\s*$/.exec(t) ?? /\b(?:between|from|range)\s*:?\s*(-?\d+(?:\.\d+)?)\s*(?:and|to|-|–)\s*(-?\d+(?:\.\d+)?)/i.exec(t);
    if (m) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
    }
  }
  if (/^unique\b/i.test(t)) r.unique = true;
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
