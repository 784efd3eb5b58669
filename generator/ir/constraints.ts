// Constraint phrases: what "not null, default now()", "FK -> users.id", "references users(id)
// on delete cascade", "max 100 chars", "must be either 'user' or 'assistant'", "valid URL" or
// "must be after startAt" say about a column. The one place that reads them: this module reads a
// phrase (English first, then with the other languages' words); the words, defaults, CHECK bodies
// and descriptions have modules of their own.
import { stateChain } from "../parse/value-lists.js";
import { matchParen } from "../parse/text.js";
import { type ConstraintReading, FORMAT_OF_NAME, ON_DELETE, REF_KEYWORDS, type RefText } from "./constraint-reading.js";
import { ISO_CODE, isoPattern, otherUniquePer, UNIQUE_PER, uniquePerWords, WHOLE_SCOPE } from "./description-rules.js";
import { otherFiller } from "./other-language-patterns.js";
import { LIST_LEAD, readMarkedList, readValuesBefore } from "./phrase-value-lists.js";
import { fold, plainSymbols } from "./phrase-words.js";
import { readCheck } from "./read-check.js";
import { DATE_TEMPLATE_PHRASE, dateTemplatePattern } from "./date-templates.js";
import { readDefault } from "./read-default.js";
import { readOtherLanguage } from "./read-other-language.js";
import { enumParenthesis, splitValues } from "./read-type.js";

/**
 * Read a constraint phrase: "not null, default now()", "FK -> users.id", "references users(id) on
 * delete cascade", and the same rules in Spanish, Portuguese, French, German, Italian, Chinese,
 * Japanese and Korean ("único, obligatorio, por defecto 1", "外键 关联 users.id", "50文字以内").
 * A phrase English reads whole is read as it always was; only a phrase with a part English does
 * not understand is read again with the other languages' words, and that reading is kept when it
 * found at least one of them.
 */
/** A phrase read whole: nothing left unread, and something said (the test every "is this a rule?" asks). */
export function readsWhole(r: ConstraintReading): boolean {
  return r.unknownAt === undefined && Object.keys(r).length > 0;
}

/** A column named after a comparison word, not a number written as a word ("greater than zero"). */
const NUMBER_WORD = /^(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|null|now|today)$/i;
// Not the first term of arithmetic ("amount × rate", "total + fee"): a comparison with an expression is not one with the column.
const COLUMN = "[`\"]?([A-Za-z_]\\w*)[`\"]?(?![\\w(])(?!\\s*[×*+/%]|\\s+-\\s)";
/** "on or after x", "at or before x", "no earlier than x", "not after x", ">= x", "≤ x": a comparison that allows equal values. */
const COMPARE_INCLUSIVE = new RegExp(`((?:on|at|same\\s+as)\\s+or\\s+(?:after|before|later\\s+than|earlier\\s+than)|no\\s+(?:earlier|later|less|more|greater|fewer)\\s+than|not\\s+(?:after|before|later\\s+than|earlier\\s+than|prior\\s+to)|>=|=>|≥|<=|=<|≤)\\s*(?:the\\s+)?${COLUMN}`, "iy");
/** "cannot be before x", "may not be earlier than x", "must not be after x": the negated strict comparison. */
const COMPARE_NEGATED = new RegExp(`(?:cannot|can't|can\\s+not|may\\s+not|must\\s+not|mustn't|should\\s+not|shall\\s+not|never|not)\\s+(?:be\\s+)?(?:set\\s+|dated\\s+|scheduled\\s+)?(before|earlier\\s+than|prior\\s+to|less\\s+than|fewer\\s+than|after|later\\s+than|greater\\s+than|more\\s+than)\\s*(?:the\\s+)?${COLUMN}`, "iy");
/** "required when status is done", "must be set if state = 'closed'", "mandatory when kind equals refund". */
const REQUIRED_WHEN = new RegExp(`(?:required|mandatory|set|present|provided|given|filled(?:\\s+in)?|populated|not\\s+null|non[-\\s]?null)\\s+(?:when|if|whenever|once|while)\\s+(?:the\\s+)?${COLUMN}\\s*(?:is\\s+set\\s+to|is|==?|equals|becomes)\\s*(?:'([^']+)'|[\`"]?([\\w-]+)[\`"]?)(?![\\w-])`, "iy");

export function interpretConstraint(written: string): ConstraintReading {
  const text = plainSymbols(written);
  // "user|assistant|system", "'a' | 'b'" as the whole phrase: the allowed values (never "string | null").
  const bar = /^\s*(?:["'`]?[A-Za-z][\w-]*["'`]?\s*\|\s*)+["'`]?[A-Za-z][\w-]*["'`]?\s*$/.exec(text);
  if (bar) {
    const values = text.split("|").map((v) => v.trim().replace(/^["'`]|["'`]$/g, ""));
    if (!values.some((v) => /^(null|undefined|none|nil|optional)$/i.test(v)) && new Set(values).size === values.length) return { enumValues: values };
  }
  // "每个用户唯一", "ユーザーごとに一意", "único por usuario" as the whole phrase: unique per that parent.
  const per = /唯一|一意|ユニーク|고유|유일|유니크|[uú]ni|eindeutig|univoc/i.test(text) ? otherUniquePer(text) : null;
  if (per && !fold(text).replace(per[0], "").replace(/[\s.,;。、]+/g, "")) return WHOLE_SCOPE.test(per[1]!) ? { unique: true } : { uniquePer: [per[1]!] };
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
  // Parentheses opened around rules that read whole, not yet closed.
  let parens = 0;
  const sticky = (re: RegExp): RegExpExecArray | null => {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m) pos = re.lastIndex;
    return m;
  };
  // Words around rules in prose ("is required and must be 1-255 characters") carry no rule of their own.
  const SEP = /(?:[\s,;/|+.，；、。]+|\band\b|\bwith\b|\bis\b|\bare\b|\bthe\b|\ba\b|\ban\b|\bmust\b|\bshould\b|\bshall\b|\bbe\b|\bhas\b|\bhave\b|\bif\s+(?:present|given|set|provided)\b|\bwhen\s+(?:present|given|set|provided)\b|\balways\b|\bvalue\b(?!\s*[:=]))+/iy;
  const readRef = (): RefText | null => {
    // Names in Latin script with accents too ("FK → depósito"): the table is then found accents aside.
    // A table in a schema: "auth.users(id)", "auth.users.id" (not "users.id (cascade)").
    const q = sticky(/\(?\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\.\s*[`"]?([A-Za-z_]\w*)[`"]?(?:\s*\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\((?!\s*(?:cascade|restrict|set\s+null|no\s+action)\s*\))\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))\s*\)?/iy);
    if (q) return { table: `${q[1]}.${q[2]}`, column: (q[3] ?? q[4])! };
    // "References Better Auth user.id": the service's name, then the table and column it keeps.
    const named = sticky(/(?:[A-Za-z][\w-]*\s+){1,3}(?=[`"]?[A-Za-z_]\w*[`"]?\s*\.\s*[`"]?[A-Za-z_]\w*[`"]?(?:\s*$|[\s,;)]))/y);
    if (named) {
      const inner = readRef();
      if (inner) return inner;
      pos = named.index;
    }
    const m = sticky(/\(?\s*[`"]?([A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][\w\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]*)[`"]?\s*(?:\.\s*[`"]?([A-Za-z_]\w*)[`"]?|\(\s*[`"]?([A-Za-z_]\w*)[`"]?\s*\))?\s*\)?/y);
    if (!m) return null;
    if (REF_KEYWORDS.has(m[1]!.toLowerCase()) && !m[2] && !m[3]) {
      pos = m.index;
      return null;
    }
    return { table: m[1]!, ...(m[2] || m[3] ? { column: (m[2] ?? m[3])! } : {}) };
  };
  // A comparison's other column, not a number ("greater than zero", "after 5"): else the match is undone.
  const columnAfter = (m: RegExpExecArray | null, group: number): RegExpExecArray | null => {
    if (m && (/^\d/.test(m[group]!) || NUMBER_WORD.test(m[group]!))) {
      pos = m.index;
      return null;
    }
    return m;
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
    // "nullable: false", "required = true", "unique: yes" (an option written with its value):
    // the value says which way the rule goes; the word alone would read the other way round.
    if ((m = sticky(/(nullable|null|optional|required|not\s*null|unique)\s*[:=]\s*["']?(true|false|yes|no)["']?(?![\w])/iy))) {
      const word = m[1]!.toLowerCase().replace(/\s+/g, "");
      const on = /^(?:true|yes)$/i.test(m[2]!);
      if (word === "unique") {
        if (on) r.unique = true;
      } else if ((word === "required" || word === "notnull") === on) r.notNull = true;
      else r.nullable = true;
      continue;
    }
    // "not required", "non-mandatory": the column may be left empty.
    if (sticky(/(?:not|non)[-\s]+(?:required|mandatory)\b/iy)) {
      r.nullable = true;
      continue;
    }
    if (sticky(/(?:primary\s*key|pk|pri)\b/iy)) {
      r.primaryKey = true;
      continue;
    }
    // A data dictionary's and MySQL DESCRIBE's key words: "UK"/"UQ"/"UNI" unique, "MUL" an index,
    // "CK" a check stated elsewhere (its body is read where it is written); "DF=0" is read with the defaults below.
    if (sticky(/(?:uk|uq|unq|uni)\b(?!\s*\()/iy)) {
      r.unique = true;
      continue;
    }
    if (sticky(/(?:mul|ck)\b(?!\s*\()/iy)) continue;
    // "required when status is done", "must be set if state = closed": a value on the rows in that
    // state only (a CHECK of the row), never NOT NULL on every row.
    if ((m = sticky(REQUIRED_WHEN))) {
      (r.requiredWhen ??= []).push({ column: m[1]!, value: m[2] ?? m[3]! });
      continue;
    }
    // "required", "Required field", "mandatory column": the word for what is required says nothing more.
    if (sticky(/(?:not\s+null(?:able)?|non[-\s]?null(?:able)?|required|mandatory|notnull)\b(?:\s+(?:field|column|attribute|property|value)\b)?/iy)) {
      r.notNull = true;
      continue;
    }
    if (sticky(/(?:nullable|optional|(?:or\s+)?null|may\s+be\s+null|can\s+be\s+null)\b|\?/iy)) {
      r.nullable = true;
      continue;
    }
    // "unique for the user", "unique to the owner": unique among the owner's rows.
    if (sticky(/unique\s+(?:for|to|per)\s+the\s+(?:user|owner|account|player|member|customer)\b/iy)) {
      r.uniquePerOwner = true;
      continue;
    }
    if ((m = sticky(UNIQUE_PER))) {
      if (WHOLE_SCOPE.test(m[1]!)) r.unique = true;
      else r.uniquePer = uniquePerWords(m[1]!);
      continue;
    }
    // "unique across all users", "unique among all records", "globally unique": one value in the whole table.
    if (sticky(/(?:globally\s+|system[-\s]wide\s+)?unique(?:\s+(?:index|constraint|key))?\b(?:\s+(?:across|among|over)\s+(?:all\s+)?(?:users|accounts|records|rows|entries|the\s+(?:table|system|database))\b|\s+globally\b)?/iy)) {
      r.unique = true;
      continue;
    }
    if (sticky(/(?:auto[-_\s]?increment(?:ing|ed|s)?|autoincrement|generated\s+(?:always|by\s+default)\s+as\s+identity(?:\s*\([^)]*\))?|identity(?:\s*\(\s*\d+\s*,\s*\d+\s*\))?)(?![\w])/iy)) {
      r.increment = true;
      continue;
    }
    // "default 0", "defaults to now()", "default value: x", and a data dictionary's "DF=0".
    if ((m = sticky(/(?:default\s+value|defaults?(?:\s+to\b)?|df(?=\s*=))\s*[:=]?\s*/iy))) {
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
    // A lifecycle written as a chain of states ("`PENDING` → `PAID` → `SHIPPED`"): the column's values.
    if (pos === 0 && stateChain(text)) {
      r.enumValues = stateChain(text)!;
      pos = text.length;
      continue;
    }
    if (sticky(/(?:foreign\s*key|fk)\b\s*(?:->|→|=>|to\b|references\b|:|=)?\s*/iy)) {
      r.foreignKey = true;
      const ref = readRef();
      if (ref) r.references = ref;
      continue;
    }
    // Mongoose's "ref: User", "ref: 'Category'" (an ObjectId's model): a reference to that entity's table.
    if ((m = sticky(/ref\s*[:=]\s*(['"`]?)([A-Za-z_][\w]*)\1(?=\s*$|\s*[,;)])/iy))) {
      r.foreignKey = true;
      r.references = { table: m[2]! };
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
    if ((m = sticky(/on\s+delete\s*[:=]?\s*(cascade|set\s+null|set\s+default|restrict|no\s+action)\b/iy))) {
      const v = ON_DELETE[m[1]!.toLowerCase().replace(/\s+/g, " ")];
      if (!v) {
        r.unknownAt = start;
        r.unknownWhy = `"on delete ${m[1]}" is not supported`;
        return { reading: r, other };
      }
      r.onDelete = v;
      continue;
    }
    if ((m = sticky(/ondelete\s*[:=]\s*["']?(cascade|set\s*null|restrict|no\s*action)["']?/iy))) {
      r.onDelete = ON_DELETE[m[1]!.toLowerCase().replace(/\s*(null|action)/, " $1")]!;
      continue;
    }
    // The action in prose: "deleted with its project", "removed when the board is deleted",
    // "set to null when the team is deleted".
    if ((m = sticky(/(?:(deleted|removed)\s+(?:with|along\s+with|together\s+with)\s+(?:its|the|their)\s+[\w ]{1,40}?|(deleted|removed|set\s+(?:to\s+)?null|cleared|nulled)\s+(?:when|if|once)\s+(?:its|the|their)\s+[\w ]{1,40}?\s+is\s+(?:deleted|removed))(?=$|[\s,;.)])/iy))) {
      r.onDelete = m[1] || /delet|remov/i.test(m[2]!) ? "cascade" : "set null";
      continue;
    }
    // The action written before its event or alone: "cascade on delete", "set null on delete",
    // "cascade delete", "deletes cascade", "(CASCADE)", "(set null)" after a reference.
    if ((m = sticky(/(cascade|set\s+null|restrict|no\s+action)(?:\s+on\s+(?:parent\s+)?delet(?:e|ion)|\s+delet(?:e|es|ion))?(?![\w-])|delet(?:e|es|ion)s?\s+cascades?\b|cascad(?:es|ing)\s+(?:on\s+)?delet(?:e|es|ion)\b/iy))) {
      r.onDelete = m[1] ? ON_DELETE[m[1].toLowerCase().replace(/\s+/g, " ")]! : "cascade";
      continue;
    }
    // "Unique constraint to prevent duplicate emails": what a rule read before it is for, to the end.
    if (sticky(/(?:in\s+order\s+)?to\s+(?:prevent|avoid|stop|block|disallow)\s+[^,;()]{1,80}$/iy)) continue;
    // "FK (from JWT)", "from the token": where the value comes from, not a rule of its own.
    if (sticky(/\(?\s*(?:taken\s+|extracted\s+|set\s+)?from\s+(?:the\s+)?(?:jwt|token|access\s+token|auth(?:entication)?(?:\s+token)?|session)(?:\s+(?:claims?|sub|subject))?\s*\)?(?![\w])/iy)) continue;
    // Django's field options written as the model writes them: "on_delete=SET_NULL",
    // "max_length=40", "unique=True", "null=True"; "blank", "db_index=True", "auto_now_add",
    // "related_name `x`" say nothing the database keeps beyond what the row's roles do.
    if ((m = sticky(/on_delete\s*=\s*(?:models\.)?(cascade|set_null|protect|restrict|do_nothing)\b/iy))) {
      const w = m[1]!.toLowerCase();
      r.onDelete = w === "cascade" ? "cascade" : w === "set_null" ? "set null" : w === "do_nothing" ? "no action" : "restrict";
      continue;
    }
    if ((m = sticky(/max_length\s*=\s*(\d+)(?![\w])/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(unique|null)\s*=\s*(true|false)(?![\w])/iy))) {
      const yes = m[2]!.toLowerCase() === "true";
      if (m[1]!.toLowerCase() === "unique") {
        if (yes) r.unique = true;
      } else if (yes) r.nullable = true;
      else r.notNull = true;
      continue;
    }
    if (sticky(/(?:blank(?:\s*=\s*(?:true|false))?|db_index\s*=\s*(?:true|false)|auto_now(?:_add)?(?:\s*=\s*(?:true|false))?|related_name\s*[=:]?\s*[`'"]?[A-Za-z_]\w*[`'"]?)(?![\w])/iy)) continue;
    // Accepted and ignored: the runtime manages these itself.
    if (sticky(/on\s+update\s+(?:cascade|restrict|no\s+action|set\s+null|now\(\)|current_timestamp(?:\(\))?|\w+)/iy)) continue;
    if (sticky(/(?:auto[-\s]?)?(?:updated|set|managed|maintained)\s+(?:on|at)\s+(?:every\s+|any\s+)?(?:change|update|modification)s?|(?:automatically|auto)[-\s]+(?:managed|set|updated|updates?)(?![\w-])|updated\s+automatically|indexed|index|collate\s+\w+|unsigned|immutable/iy)) continue;
    // "not whitespace-only", "not only spaces", "cannot be only whitespace": a character that is
    // not a space somewhere (and so at least one).
    if (sticky(/(?:not|never|cannot\s+be|can't\s+be|must\s+not\s+be|may\s+not\s+be)\s+(?:whitespace[-\s]?only|only\s+(?:whitespace|white\s+space|spaces|blanks))\b/iy)) {
      r.minLength = Math.max(r.minLength ?? 0, 1);
      r.pattern ??= "\\S";
      continue;
    }
    // "no HTML", "no HTML tags", "must not contain HTML", "HTML is not allowed": no tag can be
    // written, so no angle bracket (the validator's pattern and the database's CHECK).
    if (sticky(/(?:no|without|(?:cannot|can't|may\s+not|must\s+not|mustn't|should\s+not|not)\s+(?:contain|include|have))\s+html(?:\s+(?:tags?|markup|elements?))?(?![\w-])|html(?:\s+(?:tags?|markup))?\s+(?:is\s+|are\s+)?(?:not\s+allowed|forbidden|disallowed|stripped|rejected)(?![\w-])/iy)) {
      r.pattern ??= "^[^<>]*$";
      continue;
    }
    // "must be one of the allowed values" with no list: the values the column's type lists already.
    if (sticky(/one\s+of\s+the\s+(?:allowed|permitted|valid|defined|listed|above)\s+values\b(?!\s*[:(（])/iy)) continue;
    // "cannot be null", "must not be null or empty": the negated "can be null".
    if ((m = sticky(/(?:cannot|can't|can\s+not|must\s+not|mustn't|may\s+not|should\s+not|shall\s+not|never|not)\s+be\s+(?:(?:null|nil)(?:\s+or\s+(empty|blank))?|(empty|blank)\s+or\s+(?:null|nil))\b/iy))) {
      r.notNull = true;
      if (m[1] || m[2]) r.minLength = Math.max(r.minLength ?? 0, 1);
      continue;
    }
    // Where a date or an instant lies relative to the request's moment: "must be in the future",
    // "a future date", "cannot be in the past", "today or later", "not after today".
    if ((m = sticky(/(?:(cannot|can't|can\s+not|must\s+not|mustn't|may\s+not|should\s+not|shall\s+not|never|not)\s+(?:be\s+)?(?:set\s+|dated\s+|scheduled\s+)?)?(?:(in\s+the\s+future|(?:an?\s+)?future(?:\s+(?:date|time|datetime|timestamp|instant))?(?:\s+only)?|after\s+(?:now|today|the\s+current\s+(?:date|time))|later\s+than\s+(?:now|today))|(in\s+the\s+past|(?:an?\s+)?past(?:\s+(?:date|time|datetime|timestamp|instant))?(?:\s+only)?|before\s+(?:now|today|the\s+current\s+(?:date|time))|earlier\s+than\s+(?:now|today))|(today\s+or\s+(?:later|after|in\s+the\s+future)|(?:on\s+or\s+after|no\s+earlier\s+than|not\s+before)\s+(?:today|now|the\s+current\s+date))|(today\s+or\s+(?:earlier|before|in\s+the\s+past)|(?:on\s+or\s+before|no\s+later\s+than|not\s+after)\s+(?:today|now|the\s+current\s+date)))(?![\w-])/iy))) {
      const negated = m[1] !== undefined;
      const said = m[2] ? "future" : m[3] ? "past" : m[4] ? "not-past" : "not-future";
      const flip: Record<string, "future" | "past" | "not-past" | "not-future"> = { future: "not-future", past: "not-past", "not-past": "past", "not-future": "future" };
      r.relativeToNow = negated ? flip[said]! : said;
      continue;
    }
    // "trimmed length 1-100": the bound is on the length ("trimmed" alone is not a rule read).
    if (sticky(/trimmed\s*,?\s*(?=len|\d)/iy)) continue;
    // "between 1 and 100 characters", "length between 1 and 255 characters": a length, not a value range.
    if ((m = sticky(/(?:len(?:gth)?\s*(?:[:=]|is|must\s+be|of)?\s*)?between\s+(\d+)\s*(?:and|-|–|to)\s*(\d+)\s*char(?:acter)?s?\b/iy))) {
      r.minLength = Number(m[1]);
      r.maxLength = Number(m[2]);
      continue;
    }
    // "non-empty", "not blank", "cannot be empty": at least one character.
    if (sticky(/(?:non[-\s]?(?:empty|blank)|not\s+(?:be\s+)?(?:empty|blank)|(?:cannot|can't|must\s+not|may\s+not)\s+be\s+(?:empty|blank))\b(?:\s+(?:string|text|value)\b)?/iy)) {
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
    // "length: max 1000 characters", "length at least 3": a bound on the length, after the word.
    if ((m = sticky(/length\s*[:=]?\s*(max(?:imum)?|at\s+most|up\s+to|min(?:imum)?|at\s+least)\s*[:=]?\s*(\d+)(?:\s*char(?:acter)?s?)?\b/iy))) {
      if (/^(?:max|at\s+most|up)/i.test(m[1]!)) r.maxLength = Number(m[2]);
      else r.minLength = Number(m[2]);
      continue;
    }
    if ((m = sticky(/(?:length\s*[:=]?\s*\(?\s*(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*\)?(?:\s*char(?:acter)?s?)?|(\d+)\s*(?:-|–|to|\.\.)\s*(\d+)\s*char(?:acter)?s?\b)/iy))) {
      r.minLength = Number(m[1] ?? m[3]);
      r.maxLength = Number(m[2] ?? m[4]);
      continue;
    }
    if ((m = sticky(/(?:max(?:imum)?|up\s+to|at\s+most|<=|≤|=<|less\s+than\s+or\s+equal\s+to)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b(?:\s+long\b)?/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?|at\s+least)\s*[:=]?\s*(\d+)\s*char(?:acter)?s?\b(?:\s+long\b)?/iy))) {
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
    // "CHECK 0-6", "check 1..31": a range written after the word, not an expression.
    if ((m = sticky(/check\b\s*:?\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|to|\.\.)\s*(-?\d+(?:\.\d+)?)\s*$/iy))) {
      r.min = Number(m[1]);
      r.max = Number(m[2]);
      continue;
    }
    if (sticky(/check\b\s*:?\s*/iy)) {
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
      // "CHECK('bus','rail')", "CHECK IN ('a','b')": the column's allowed values, written with the
      // column left out (the column the cell belongs to is the one checked).
      const listed = /^\s*(?:in\s*\(\s*)?((?:'[^']*'|"[^"]*")(?:\s*,\s*(?:'[^']*'|"[^"]*"))+)\s*\)?\s*$/i.exec(inner);
      if (listed) {
        r.enumValues = [...listed[1]!.matchAll(/'([^']*)'|"([^"]*)"/g)].map((x) => (x[1] ?? x[2])!);
        continue;
      }
      // "CHECK > 0", "CHECK (>= 1)", "CHECK BETWEEN 1 AND 5": a bound with the column left out
      // (the column the cell belongs to is the one checked), read as the column's range rule.
      const bound = /^\s*(>=|=>|≥|<=|=<|≤|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(inner);
      const between = /^\s*between\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)\s*$/i.exec(inner);
      if (bound) {
        const [op, v] = [bound[1]!, Number(bound[2])];
        if (/^(?:>=|=>|≥)$/.test(op)) r.min = v;
        else if (op === ">") r.exclusiveMin = v;
        else if (/^(?:<=|=<|≤)$/.test(op)) r.max = v;
        else r.exclusiveMax = v;
        continue;
      }
      if (between && Number(between[1]) <= Number(between[2])) {
        r.min = Number(between[1]);
        r.max = Number(between[2]);
        continue;
      }
      // Kept verbatim for the database; the rules a validator can check are read from it too.
      r.check = { text: inner, at, read: readCheck(inner, r) };
      continue;
    }
    // "one of a, b, c", "enum: a, b; default a", "either x or y", "values: a | b": a closed list after a word that says so.
    const marked = readMarkedList(text, pos);
    if (marked) {
      r.enumValues = marked.values;
      pos = marked.end;
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
    // "formatted as YYYY-MM", "in YYYY-MM-DD format", "must match HH:mm", "(format: YYYY-MM)": a date
    // or time written as text, held to the template's digits.
    if ((m = sticky(DATE_TEMPLATE_PHRASE))) {
      r.pattern = dateTemplatePattern(m[1]!);
      continue;
    }
    if ((m = sticky(/(?:valid|a\s+valid|in)?\s*(e-?mail|url|uri|https?\s+url|uuid|hostname|ipv4|ipv6|ip(?:\s+address)?|date|date-?time|iso\s*8601(?:\s+date(?:time)?)?)\s*(?:address|format|formatted)?\b/iy))) {
      const w = m[1]!.toLowerCase().replace(/\s+/g, " ");
      r.format = /mail/.test(w) ? "email" : /ur[li]/.test(w) ? "uri" : /uuid/.test(w) ? "uuid" : w === "hostname" ? "hostname" : /ipv6/.test(w) ? "ipv6" : /ip/.test(w) ? "ipv4" : /time/.test(w) || /^iso\s*8601$/.test(w) ? "date-time" : "date";
      continue;
    }
    // "must match standard format (local@domain.tld)", "valid format", "in the correct format": the
    // format the column's own name says (email, url), settled by the builder, which knows the name.
    if (sticky(/(?:(?:match(?:es)?|follows?|uses?|be|in|have|has)\s+)?(?:an?\s+|the\s+)?(?:valid|standard|proper|correct|well[-\s]?formed|legal|expected)\s+format(?:ted)?(?:\s*\((?:e\.g\.,?\s*|for\s+example,?\s*|like\s+)?[^()]*(?:@|:\/\/|e\.g\.)[^()]*\))?/iy)) {
      r.format = FORMAT_OF_NAME;
      continue;
    }
    // "E.164 format", "E.164 phone number": the international telephone number form.
    if (sticky(/(?:a\s+)?(?:valid\s+)?e\.?164(?:\s+(?:international|phone|number|format|formatted))*(?![\w])/iy)) {
      r.pattern ??= "^\\+[1-9]\\d{1,14}$";
      continue;
    }
    // "RFC 5322 format", "valid RFC 5322 (basic)": the standard that defines an email address.
    // "Validated as RFC 5321 email": the standard for mail addresses (5321 for SMTP, 5322/2822/822 for messages).
    if (sticky(/(?:validated\s+(?:as|against)\s+)?(?:an?\s+)?(?:valid\s+)?rfc\s*(?:5322|5321|2822|822)(?:\s+(?:basic|compliant|email|e-mail|address|format))*(?:\s*\(\s*basic\s*\))?(?![\w])/iy)) {
      r.format = "email";
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
    if (sticky(/(?:(?:6|six)[-\s]digit\s+)?hex(?:adecimal)?\s+colou?r(?:\s+(?:code|value|string))?(?:\s*[(（]?\s*(?:like|e\.g\.,?|such\s+as|as)?\s*#?(?:RRGGBB|rrggbb|[0-9A-Fa-f]{6})\s*[)）]?)?/iy)) {
      r.pattern = "^#[0-9A-Fa-f]{6}$";
      continue;
    }
    // "must be lowercase", "lower-case only": no capital letter in it.
    if (sticky(/(?:all\s+)?lower[-\s]?case(?:\s+only)?(?:\s+(?:letters|characters))?(?![\w])/iy)) {
      r.pattern ??= "^[^A-Z]*$";
      continue;
    }
    if ((m = sticky(ISO_CODE))) {
      r.pattern = isoPattern(m[0]);
      continue;
    }
    if ((m = sticky(/(?:(?:must\s+|should\s+|shall\s+)?match(?:es)?\s+(?:the\s+)?(?:pattern|regex|regexp|regular\s+expression)|pattern|regex|regexp|match(?:es)?)\s*[:=]?\s*(?:\/((?:\\\/|[^/])+)\/[a-z]*|["'`]([^"'`]+)["'`]|(\^\S+))/iy))) {
      let pattern = (m[1] ?? m[2] ?? m[3])!;
      // "(regex ^\+\d+$)": a bare expression inside parentheses ends before the one that closes them.
      if (m[3]) {
        const extra = (p: string) => (p.match(/(?<!\\)\)/g) ?? []).length - (p.match(/(?<!\\)\(/g) ?? []).length;
        while (pattern.endsWith(")") && extra(pattern) > 0) {
          pattern = pattern.slice(0, -1);
          pos--;
        }
      }
      r.pattern = pattern;
      continue;
    }
    // "a positive integer", "a non-negative number", "a whole number", "positive decimal": the sign
    // it says (the type word restates the column's type).
    if ((m = sticky(/(?:an?\s+)?(?:(strictly\s+positive|positive|non[-\s]?negative|negative)\s+)?(?:whole\s+number|integer|int|number|numeric(?:\s+value)?|decimal(?:\s+number)?|float|amount)(?![\w-])/iy))) {
      const sign = (m[1] ?? "").toLowerCase();
      if (/^non/.test(sign)) r.min ??= 0;
      else if (/positive/.test(sign)) r.exclusiveMin ??= 0;
      else if (sign === "negative") r.exclusiveMax ??= 0;
      continue;
    }
    // "a percentage": 0 to 100, unless bounds are written.
    if (sticky(/(?:an?\s+)?percent(?:age)?(?![\w-])/iy)) {
      r.min ??= 0;
      r.max ??= 100;
      continue;
    }
    // "in [1, 5]", "within 0..100", "in the range 1-5", "within the range of 1 to 10": inclusive bounds.
    if ((m = sticky(/(?:in|within)\s+(?:the\s+)?(?:range\s+(?:of\s+)?)?(?:\[\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*\]|(-?\d+(?:\.\d+)?)\s*(?:\.\.|-|–|to)\s*(-?\d+(?:\.\d+)?))(?![\d.])/iy))) {
      r.min = Number(m[1] ?? m[3]);
      r.max = Number(m[2] ?? m[4]);
      continue;
    }
    // "0 <= x <= 100", "0 < rating <= 5": both bounds around the column's name.
    if ((m = sticky(/(-?\d+(?:\.\d+)?)\s*(<=|<|≤)\s*[A-Za-z_]\w*\s*(<=|<|≤)\s*(-?\d+(?:\.\d+)?)(?![\d.])/iy))) {
      if (m[2] === "<") r.exclusiveMin = Number(m[1]);
      else r.min = Number(m[1]);
      if (m[3] === "<") r.exclusiveMax = Number(m[4]);
      else r.max = Number(m[4]);
      continue;
    }
    // "must be 1, 2, or 3", "can be 0 or 1": numbers a column takes, listed after "be".
    if ((m = sticky(/(?:(?:must|can|may|should|shall)\s+(?:only\s+)?be\s+|(?:is|are)\s+(?:either\s+)?)?((?:-?\d+(?:\.\d+)?\s*,\s*)+(?:or\s+)?-?\d+(?:\.\d+)?(?:\s+or\s+-?\d+(?:\.\d+)?)?|-?\d+(?:\.\d+)?\s+or\s+-?\d+(?:\.\d+)?)(?![\d.\w])/iy))) {
      const values = m[1]!.split(/\s*,\s*(?:or\s+)?|\s+or\s+/).map((v) => v.trim()).filter(Boolean);
      if (new Set(values).size === values.length) {
        r.enumValues = values;
        continue;
      }
    }
    // "inclusive" after a range: the bounds are already inclusive.
    if (sticky(/inclusive(?![\w-])/iy)) continue;
    // "must be provided", "must be given": required.
    if (sticky(/(?:must\s+be\s+|is\s+)?(?:provided|given|supplied|present)(?![\w-])/iy)) {
      r.notNull = true;
      continue;
    }
    // "maximum length of 100", "length must be between 3 and 30", "length 3-30": a length.
    if ((m = sticky(/(?:max(?:imum)?\s+length|length\s+(?:of\s+)?at\s+most)\s*(?:of|is|:|=)?\s*(\d+)(?:\s*(?:characters?|chars?))?(?![\w.])/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:min(?:imum)?\s+length|length\s+(?:of\s+)?at\s+least)\s*(?:of|is|:|=)?\s*(\d+)(?:\s*(?:characters?|chars?))?(?![\w.])/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/length\s+(?:must\s+be\s+|should\s+be\s+|is\s+)?(?:between\s+(\d+)\s+and\s+(\d+)|(\d+)\s*(?:-|–|to|\.\.)\s*(\d+))(?:\s*(?:characters?|chars?))?(?![\w.])/iy))) {
      r.minLength = Number(m[1] ?? m[3]);
      r.maxLength = Number(m[2] ?? m[4]);
      continue;
    }
    // "must not be empty or whitespace", "not blank or whitespace only": some character that is not a space.
    if (sticky(/(?:cannot|can't|must\s+not|may\s+not|should\s+not|not)\s+(?:be\s+)?(?:empty|blank)\s+or\s+(?:only\s+)?whitespace(?:\s+only)?(?![\w-])/iy)) {
      r.minLength = Math.max(r.minLength ?? 0, 1);
      r.pattern ??= "\\S";
      continue;
    }
    // "... not empty or whitespace" after "not empty" was read: some character that is not a space.
    if (r.minLength !== undefined && sticky(/or\s+(?:only\s+)?(?:whitespace|white\s+space|blank)(?:\s+only)?(?![\w-])/iy)) {
      r.pattern ??= "\\S";
      continue;
    }
    // "no spaces", "no whitespace allowed", "must not contain spaces": a text without a space.
    if (sticky(/(?:no|without|(?:must|may|should)\s+not\s+contain|cannot\s+contain)\s+(?:spaces|whitespace|white\s+space)(?:\s+(?:allowed|permitted))?(?![\w-])/iy)) {
      r.pattern ??= "^\\S*$";
      continue;
    }
    // "must be uppercase", "upper-case only": no small letter in it.
    if (sticky(/(?:all\s+)?upper[-\s]?case(?:\s+only)?(?:\s+(?:letters|characters))?(?![\w-])/iy)) {
      r.pattern ??= "^[^a-z]*$";
      continue;
    }
    // "must start with a letter", "begins with a letter": its first character.
    if (sticky(/(?:start|starts|begin|begins)\s+with\s+a\s+letter(?![\w-])/iy)) {
      r.pattern ??= "^[A-Za-z]";
      continue;
    }
    // "3-letter currency code", "two-letter country code", "3-letter code": that many capitals.
    if ((m = sticky(/(2|3|two|three)[-\s]letter(?:\s+(?:iso\s+)?(?:currency|country|language|region))?(?:\s+code)?(?![\w-])/iy))) {
      const n = /^(?:2|two)$/i.test(m[1]!) ? 2 : 3;
      r.pattern ??= /language/i.test(m[0]) ? `^[a-z]{${n}}$` : `^[A-Z]{${n}}$`;
      continue;
    }
    // "a valid phone number", "phone number format": digits with an optional leading + and the usual separators.
    if (sticky(/(?:an?\s+)?(?:valid\s+)?(?:phone|telephone|mobile)\s+number(?:\s+format)?(?![\w-])/iy)) {
      r.pattern ??= "^\\+?[0-9 ().-]{7,20}$";
      continue;
    }
    // "greater than or equal to 1", "less than or equal to 100": inclusive bounds (before the
    // comparisons with a column below, which would take "or" for one).
    if ((m = sticky(/(greater|more|less|fewer)\s+than\s+or\s+equal\s+to\s+(-?\d+(?:\.\d+)?)(?:\s*(?:characters?|chars?|letters?)(?:\s+long)?)?(?![\d.])/iy))) {
      if (/greater|more/i.test(m[1]!)) r.min = Number(m[2]);
      else r.max = Number(m[2]);
      continue;
    }
    // "cannot be negative", "must not be negative", "never negative": zero or more; "cannot be zero
    // or negative", "must not be less than or equal to zero": more than zero.
    if ((m = sticky(/(?:cannot|can't|can\s+not|must\s+not|mustn't|may\s+not|should\s+not|shall\s+not|never|not)\s+(?:be\s+)?(?:(zero\s+or\s+(?:a\s+)?negative|negative\s+or\s+zero|less\s+than\s+or\s+equal\s+to\s+(?:zero|0)|zero\s+or\s+less)|(?:a\s+)?negative(?:\s+(?:number|value|amount|quantity))?|less\s+than\s+(?:zero|0))(?![\w.])/iy))) {
      if (m[1]) r.exclusiveMin = 0;
      else r.min = 0;
      continue;
    }
    // "is limited to 280 characters", "no longer than 100 characters", "up to 50 chars long",
    // "must contain at least 1 character", "100 characters or fewer": a length.
    if ((m = sticky(/(?:(?:is\s+)?limited\s+to|(?:no|not)\s+(?:be\s+)?longer\s+than|(?:contains?|containing)\s+at\s+most|up\s+to|a\s+maximum\s+of|maximum\s+of|max(?:imum)?)\s+(\d+)\s*(?:characters?|chars?|letters?)(?:\s+long)?(?![\w])/iy))) {
      r.maxLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(?:(?:contains?|containing)\s+at\s+least|(?:no|not)\s+shorter\s+than|a\s+minimum\s+of|minimum\s+of)\s+(\d+)\s*(?:characters?|chars?|letters?)(?:\s+long)?(?![\w])/iy))) {
      r.minLength = Number(m[1]);
      continue;
    }
    if ((m = sticky(/(\d+)\s*(?:characters?|chars?|letters?)\s+or\s+(less|fewer|more|longer|shorter)(?![\w])/iy))) {
      if (/more|longer/i.test(m[2]!)) r.minLength = Number(m[1]);
      else r.maxLength = Number(m[1]);
      continue;
    }
    // "must be after the start date", "on or before the due date": a column written as its words,
    // closing the phrase (the builder finds the column whose name has those words: start_date, startDate).
    if ((m = sticky(/((?:[Oo]n|[Aa]t)\s+or\s+(?:after|before)|[Aa]fter|[Ll]ater\s+than|[Bb]efore|[Ee]arlier\s+than)\s+(?:the\s+)?((?!(?:if|when|unless|and|or)\b)[a-z]+(?:\s+(?!(?:if|when|unless|and|or|present|provided|given|set)\b)[a-z]+){1,2})(?=\s*(?:$|[.;,)]))/y))) {
      const w = m[1]!.toLowerCase();
      const op = /or\s+after/.test(w) ? ">=" : /or\s+before/.test(w) ? "<=" : /after|later/.test(w) ? ">" : "<";
      (r.compare ??= []).push({ op, column: m[2]!.toLowerCase().split(/\s+/).join("_") });
      continue;
    }
    // "on or after start_date", "no earlier than starts_at", ">= opened_at"; and the same negated:
    // "cannot be before start_date", "must not be later than due_at" (the other way round, or equal).
    if ((m = columnAfter(sticky(COMPARE_INCLUSIVE), 2))) {
      (r.compare ??= []).push({ op: /after|later|greater|more|>|≥/i.test(m[1]!) !== /^(?:no|not)\b/i.test(m[1]!) ? ">=" : "<=", column: m[2]! });
      continue;
    }
    if ((m = columnAfter(sticky(COMPARE_NEGATED), 2))) {
      (r.compare ??= []).push({ op: /before|earlier|prior|less|fewer/i.test(m[1]!) ? ">=" : "<=", column: m[2]! });
      continue;
    }
    if ((m = columnAfter(sticky(/(?:after|later\s+than|greater\s+than|more\s+than|>)\s*(?:or\s+equal\s+to\s+)?[`"]?([A-Za-z_]\w*)[`"]?(?![\w(])(?!\s*[×*+/%]|\s+-\s)/iy), 1))) {
      (r.compare ??= []).push({ op: /or\s+equal/i.test(m[0]) ? ">=" : ">", column: m[1]! });
      continue;
    }
    if ((m = columnAfter(sticky(/(?:before|earlier\s+than|prior\s+to|less\s+than|<)\s*(?:or\s+equal\s+to\s+)?[`"]?([A-Za-z_]\w*)[`"]?(?![\w(])(?!\s*[×*+/%]|\s+-\s)/iy), 1))) {
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
    // "cannot exceed 5", "must not exceed 100", "never exceeds 10": at most.
    if ((m = sticky(/(at\s+least|no\s+(?:less|fewer)\s+than|not\s+less\s+than|at\s+most|no\s+more\s+than|not\s+more\s+than|(?:cannot|can't|must\s+not|may\s+not|should\s+not|shall\s+not|does\s+not|doesn't|never|not)\s+exceeds?)\s+(-?\d+(?:\.\d+)?)(?:\s*(?:characters?|chars?|letters?)(?:\s+long)?)?(?![\d.])/iy))) {
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
    // "enum: FREE / PRO / TEAM", "values: a | b | c": the allowed values, to the end of the phrase.
    if ((m = sticky(/(?:enum(?:eration)?|one\s+of|values?|allowed(?:\s+values)?)\s*[:=]\s*((?:["'`]?[A-Za-z][\w-]*["'`]?\s*[/|]\s*)+["'`]?[A-Za-z][\w-]*["'`]?)\s*$/iy))) {
      const values = m[1]!.split(/[/|]/).map((v) => v.trim().replace(/^["'`]|["'`]$/g, ""));
      if (new Set(values).size === values.length) {
        r.enumValues = values;
        continue;
      }
    }
    // Words that restate what the type or the section already says.
    if (sticky(/(?:enum(?:eration)?(?!\s*[:=]?\s*\()|embedded|auto|snapshot|denormali[sz]ed|immutable|read[-\s]?only|utc|indexed|searchable|optional\s+field)\b/iy)) continue;
    if ((m = sticky(/(?:(?:an?\s+)?valid\s+)?(?:one\s+of(?:\s+the)?(?:\s+(?:allowed|permitted|valid|accepted|following))?(?:\s+values)?|values?|in|enum(?:eration)?(?:\s+values?)?)\s*[:=]?\s*\(([^)]*)\)/iy))) {
      // "enum ('low', 'high', default 'low')": the default written among the values is the default.
      const inside = enumParenthesis(m[1]!, m.index + m[0].indexOf("(") + 1);
      r.enumValues = inside.values;
      for (const d of inside.rules) {
        const v = readDefault(text, text.indexOf(d.text.replace(/^(?:default(?:\s+value)?|defaults\s+to)\b\s*[:=]?\s*/i, ""), d.at));
        if (v && r.default === undefined) {
          r.default = v.value;
          r.defaultAt = d.at;
        }
      }
      continue;
    }
    // Rules in parentheses: "(CASCADE)", "uuid (FK teams.id, ON DELETE CASCADE)", "(not null)":
    // read as if the parentheses were not there when the phrase inside reads whole.
    if (text[pos] === "(" || text[pos] === ")") {
      const close = text[pos] === "(" ? matchParen(text, pos) : -1;
      if (text[pos] === ")" ? parens > 0 : close > pos + 1 && readPhrase(text.slice(pos + 1, close), folded?.slice(pos + 1, close)).reading.unknownAt === undefined) {
        parens += text[pos] === "(" ? 1 : -1;
        pos++;
        continue;
      }
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
