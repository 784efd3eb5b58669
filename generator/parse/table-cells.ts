// What one body cell of a table holds, recognised on its own before any column is judged:
// an identifier, a field path, a SQL/Prisma/generic type (and the constraint words written
// after it), a constraint phrase in any of the languages specs are written in, an HTTP method, a
// path; and the smaller kinds the other roles need (yes/no, auth, HTTP status, version, enum
// token, value list, index name). Pure; no regex here nests quantifiers over overlapping classes.
import { unitOf } from "./table-units.js";
import { typeWordAt } from "../base/type-words.js";

// Cell recognisers

/** The cell's text without Markdown leftovers (backticks, bold markers) and outer spaces. */
export function cleanCell(cell: string): string {
  let s = cell;
  if (s.includes("`")) s = s.replace(/`/g, "");
  if (s.includes("**")) s = s.replace(/\*\*/g, "");
  return s.trim();
}

/** "-", "—", "–", "n/a", "(none)": a cell that says "nothing here". */
export function isEmptyMarker(cell: string): boolean {
  return cell.length <= 12 && isMarker(cleanCell(cell));
}

export function isMarker(t: string): boolean {
  if (t.length > 6) return false;
  const s = t.toLowerCase();
  return s === "-" || s === "—" || s === "–" || s === "--" || s === "n/a" || s === "na" || s === "(none)" || s === "/" || s === "－" || s === "无";
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*\??$/;

/** A column or field name: `user_id`, `createdAt`, `` `id` ``, `order` (one word; a trailing "?" allowed). */
export function isIdentifierCell(cell: string): boolean {
  return isIdent(cleanCell(cell));
}

export function isIdent(t: string): boolean {
  let s = t;
  const q = s[0];
  if ((q === '"' || q === "'") && s.length > 2 && s[s.length - 1] === q) s = s.slice(1, -1);
  return s.length <= 64 && IDENT.test(s);
}

/**
 * A column written as a label in the spec's language beside its identifier: "得意先ID(customer_id)",
 * "Nome (full_name)", "customer_id（得意先ID）". The identifier and where it starts in the cell;
 * null unless the other part holds a letter outside ASCII (an English note in parentheses,
 * "owner (FK)", is no label).
 */
export function labelledIdent(t: string): { ident: string; at: number } | null {
  let m = /^([^()（）]+?)\s*[(（]\s*([A-Za-z_][A-Za-z0-9_]*)\s*[)）]$/.exec(t);
  if (m && /[^\x00-\x7f]/.test(m[1]!) && !isIdent(m[1]!.trim())) return { ident: m[2]!, at: t.lastIndexOf(m[2]!) };
  m = /^([A-Za-z_][A-Za-z0-9_]*)\s*[(（]([^()（）]+)[)）]$/.exec(t);
  if (m && /[^\x00-\x7f]/.test(m[2]!)) return { ident: m[1]!, at: 0 };
  return null;
}

/** A dotted field path of a JSON body: `user.id`, `tasks[].title`. */
export function isFieldPathCell(cell: string): boolean {
  return FIELD_PATH.test(cleanCell(cell));
}

export const FIELD_PATH = /^[A-Za-z_]\w*(?:\[\d*\])?(?:\.[A-Za-z_]\w*(?:\[\d*\])?)+$|^[A-Za-z_]\w*\[\d*\]$/;

export type TypeFamily = "sql" | "prisma" | "generic" | "common" | "named" | "";

/** How a type cell reads: score 0..1, the family of its type word, and whether constraints follow it ("uuid pk"). */
export interface TypeReading {
  readonly score: number;
  readonly family: TypeFamily;
  readonly constraints: boolean;
  /** Where the type text ends in the cleaned cell ("uuid fk nullable" -> 4); constraints follow it. */
  readonly end: number;
}

// Type words only a database schema uses (an API doc says "string" where these say varchar/text).
const SQL_WORDS = new Set([
  "tinyint", "smallint", "mediumint", "bigint", "int2", "int4", "int8", "serial", "smallserial", "bigserial", "serial2", "serial4",
  "serial8", "numeric", "real", "float4", "float8", "money", "char", "character", "varchar", "varchar2", "nchar", "nvarchar", "text",
  "tinytext", "mediumtext", "longtext", "citext", "clob", "uniqueidentifier", "bit", "varbit", "bytea", "blob", "tinyblob",
  "mediumblob", "longblob", "binary", "varbinary", "timestamp", "timestamptz", "timetz", "datetime2", "datetimeoffset",
  "smalldatetime", "interval", "year", "jsonb", "xml", "inet", "cidr", "macaddr", "macaddr8", "point", "polygon", "geometry",
  "geography", "tsvector", "tsquery", "vector", "halfvec", "hstore", "ltree", "oid", "double", "set",
]);
// Words both schemas and API docs use as types.
const COMMON_WORDS = new Set(["int", "integer", "bool", "boolean", "date", "time", "datetime", "float", "decimal", "uuid", "json", "long", "short", "byte", "enum"]);
// Words of API/JSON/Python/TypeScript types.
const GENERIC_WORDS = new Set([
  "string", "number", "object", "array", "any", "unknown", "file", "str", "bytes", "dict", "list", "map", "record", "null", "none",
  "undefined", "tuple", "mapping", "sequence", "optional", "union", "literal", "mapped", "uint",
]);
const PRISMA_WORDS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);
// Type names of document stores, ORMs and no-code tools that are never column names.
const TOOL_WORDS = new Set(["rich", "objectid", "cuid", "cuid2", "nanoid", "ulid", "mixed", "checkbox", "select", "multiselect", "richtext", "formula", "rollup"]);
// Type words that wrap another type: Optional[str], List[int], Array<string>, array[string].
const WRAPPERS = new Set(["optional", "list", "array", "set", "dict", "sequence", "record", "map", "mapped", "tuple", "union", "literal", "iterable", "partial"]);
// Multi-word SQL types, as continuations of their first word.
const CONTINUATIONS = [" varying", " precision", " with time zone", " without time zone", " unsigned", " zerofill", " text"];

// Type words repeat down a column: remember what each word was (bounded, so it cannot grow without end).
const FAMILY_SEEN = new Map<string, TypeFamily>();

function familyOf(word: string): TypeFamily {
  let f = FAMILY_SEEN.get(word);
  if (f === undefined) {
    f = wordFamily(word);
    if (FAMILY_SEEN.size > 2000) FAMILY_SEEN.clear();
    FAMILY_SEEN.set(word, f);
  }
  return f;
}

function wordFamily(word: string): TypeFamily {
  if (PRISMA_WORDS.has(word)) return "prisma";
  const lower = word.toLowerCase();
  const upper = word.length > 1 && word === word.toUpperCase();
  if (SQL_WORDS.has(lower)) return "sql";
  if (COMMON_WORDS.has(lower)) return upper ? "sql" : "common";
  if (GENERIC_WORDS.has(lower)) return upper ? "sql" : "generic";
  if (word === "Date" || word === "Record" || word === "Array") return "generic";
  if (TOOL_WORDS.has(lower)) return "generic";
  return "";
}

/** Index just past the bracket closing the one at `open` ("[" or "<" or "("), or -1. */
function closeBracket(s: string, open: number): number {
  const o = s[open]!;
  const c = o === "[" ? "]" : o === "<" ? ">" : ")";
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === o) depth++;
    else if (ch === c && --depth === 0) return i + 1;
  }
  return -1;
}

export const NO_TYPE: TypeReading = { score: 0, family: "", constraints: false, end: 0 };

/** Reads a cell as a type: `varchar(255)`, `uuid pk`, `String?`, `Optional[str]`, `string | null`, `EventType`. */
export function readTypeCell(cell: string): TypeReading {
  return typeOf(cleanCell(cell));
}

export function typeOf(s: string): TypeReading {
  if (!s || s.length > 80) return NO_TYPE;
  const c0 = s.charCodeAt(0);
  // A type named in the spec's own language ("Ganzzahl", "Texto (100)", "日付", "Целое"), alone
  // or with constraint words after it ("Inteiro PK"); never a column name of English.
  if (c0 > 127 || (familyOf(/^[A-Za-z]*/.exec(s)![0]) === "" && c0 >= 65)) {
    const w = typeWordAt(s);
    if (w) {
      const rest = s.slice(w.end).trim().replace(/^[,;]\s*/, "");
      if (!rest) return { score: 1, family: "common", constraints: false, end: s.length };
      if (scanConstraintWords(rest) === rest.length) return { score: 0.9, family: "common", constraints: true, end: w.end };
      if (rest[0] === "(" && closeBracket(rest, 0) === rest.length) return { score: 0.9, family: "common", constraints: false, end: s.length };
      return { score: 0.2, family: "common", constraints: false, end: w.end };
    }
  }
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return NO_TYPE;
  // "pk", "fk", "PK, FK" where the type goes: a key whose type follows from its name or its
  // target (the builder infers it). Scored below any real type, so a constraints column of
  // "PK"/"FK" cells never outranks the type column beside it.
  if (/^(?:pk|fk)\b/i.test(s) && scanConstraintWords(s) === s.length) return { score: 0.6, family: "", constraints: true, end: 0 };
  const head = /^[A-Za-z][A-Za-z0-9_]*/.exec(s)!;
  const word = head[0];
  let family = familyOf(word);
  const pascal = !family && /^[A-Z][a-z0-9]+(?:[A-Z]|$)/.test(word);
  if (!family && !pascal) return NO_TYPE;
  // Unions: "string | null", "object or string", "Optional[str] | None".
  if (s.includes("|") || s.includes(" or ")) {
    const parts = s.split(/\s*\|\s*|\s+or\s+/i);
    if (parts.length > 1 && parts.length <= 4) {
      let fam: TypeFamily = "";
      for (const p of parts) {
        const r = typeOf(p.trim());
        if (r.score < 0.8 || r.constraints) return NO_TYPE;
        if (!fam && !/^(null|none|undefined)$/i.test(p.trim())) fam = r.family;
      }
      return { score: 1, family: fam || "generic", constraints: false, end: s.length };
    }
    return NO_TYPE;
  }
  let at = word.length;
  if (s.length > at + 4 && s[at] === " ") {
    const lower = s.slice(at, at + 20).toLowerCase();
    for (const c of CONTINUATIONS) {
      if (lower.startsWith(c) && family) {
        at += c.length;
        family = "sql";
        break;
      }
    }
  }
  // PascalCase names stand for named enums or value objects; they count as types only in a
  // column whose other cells are types (decided per column, see Profile.typeAvg).
  const named = pascal;
  // Wrapped types: List[str], Array<string>, array[int], Optional[str].
  if ((s[at] === "[" || s[at] === "<") && WRAPPERS.has(word.toLowerCase())) {
    const end = closeBracket(s, at);
    if (end < 0) return NO_TYPE;
    at = end;
  }
  // Arguments: varchar(255), numeric(12,2), vector(768), enum('a','b'), STRING (200); or a note: string (UUID).
  let annotated = false;
  let j = at;
  while (s[j] === " ") j++;
  if (s[j] === "(") {
    const end = closeBracket(s, j);
    if (end < 0) return NO_TYPE;
    const inner = s.slice(j + 1, end - 1);
    if (/^\s*\d+\s*(?:,\s*\d+\s*)?$/.test(inner) || /^(enum|set)$/i.test(word)) at = end;
    else {
      annotated = true;
      at = end;
    }
  }
  // Suffixes: [] (arrays), ? (Prisma/TS optional), ! (required).
  while (s.startsWith("[]", at) || s[at] === "?" || s[at] === "!") at += s[at] === "[" ? 2 : 1;
  if (/^\[\d+\]/.test(s.slice(at))) at = s.indexOf("]", at) + 1;
  // "text [optional]", "uuid [FK to users]": a note in square brackets after the type, read as
  // the round-bracket note is ("integer (cents)").
  {
    let k = at;
    while (s[k] === " ") k++;
    if (!named && s[k] === "[" && k > at) {
      const end = closeBracket(s, k);
      if (end < 0) return NO_TYPE;
      annotated = true;
      at = end;
    }
  }
  // Constraints after a comma ("TEXT, not null", "INTEGER (cents), nullable"): the comma only separates.
  const rest = s.slice(at).trim().replace(/^[,;]\s*/, "");
  const base = named ? (/^[A-Z][a-z0-9]+[A-Z]/.test(word) ? 0.5 : 0.4) : 1;
  const fam: TypeFamily = named ? "named" : family;
  if (!rest) return { score: annotated ? base * 0.9 : base, family: fam, constraints: false, end: s.length };
  if (rest[0] === "(" && closeBracket(rest, 0) === rest.length) return { score: base * 0.9, family: fam, constraints: false, end: s.length };
  // Merged type and constraints: "uuid pk", "uuid fk nullable", "SERIAL PRIMARY KEY", "text unique".
  if (!named && scanConstraintWords(rest) === rest.length) return { score: 0.9, family, constraints: true, end: at };
  // A unit after the type ("integer minutes", "int seconds", "decimal USD"): what it counts.
  if (!named && unitOf(rest)) return { score: annotated ? 0.8 : 0.9, family, constraints: false, end: s.length };
  return { score: named ? 0 : 0.2, family: named ? "" : family, constraints: false, end: at };
}

/**
 * A type cell that carries constraints after the type ("uuid fk nullable", "SERIAL PRIMARY KEY")
 * split in two, texts as written: {type: "uuid", constraints: "fk nullable"}. A plain type gives
 * constraints ""; a cell that is not a type gives null.
 */
export function splitTypeCell(cell: string): { type: string; constraints: string } | null {
  const s = cleanCell(cell);
  const r = typeOf(s);
  if (r.score < 0.6) return null;
  return { type: s.slice(0, r.end).trim(), constraints: r.constraints ? s.slice(r.end).trim().replace(/^[,;]\s*/, "") : "" };
}

/** 0..1: how much the cell reads as a type (SQL of any dialect, Prisma, JSON, Python, TypeScript). */
export function typeLikeness(cell: string): number {
  return readTypeCell(cell).score;
}

// Constraint words, consumed left to right (sticky), so "uuid fk nullable" or
// "PRIMARY KEY AUTOINCREMENT" are read without splitting on commas.
const CONSTRAINT_WORD =
  /\s*(?:primary\s+key|pk|(?:foreign\s+key|fk)(?:\s+(?:to\s+)?(?!(?:not|null|nullable|unique|uniq|indexed|index|required|optional|pk|primary|default|on|cascade|references|auto\w*|immutable|generated|identity|unsigned|enum)\b)[A-Za-z_][\w.]*(?:\s*\([\w\s,]*\))?)?|not\s+null|non[- ]null|nullable|not\s+nullable|null|unique|uniq|indexed|index|auto[_ -]?increment(?:ing)?|autoincrement|auto|identity(?:\s*\(\s*\d+\s*,\s*\d+\s*\))?|required|optional|enum|cuid2?|unsigned|uk|uq|unq|uni|pri|mul|ck|df\s*=\s*(?:'[^']*'|"[^"]*"|[\w.]+\(\)|[^\s,;]+)|non[- ]?empty|not\s+empty|cascade|immutable|read[- ]?only|generated(?:\s+always)?(?:\s+as\s+identity)?|default\s*[:=]?\s*(?:'[^']*'|"[^"]*"|[\w.]+\(\)|[^\s,;]+)|references\s+[\w.]+(?:\s*\([\w\s,]*\))?|(?:→|->|=>)\s*[\w.]+(?:\s*\([\w\s,]*\))?|on\s+(?:delete|update)\s+(?:cascade|set\s+null|set\s+default|restrict|no\s+action))(?=$|[\s,;(])\s*[,;]?/iy;

/** Whether `text` opens with a constraint word or phrase ("Not null (shown on disk)", "FK → users"). */
export function startsWithConstraint(text: string): boolean {
  const t = text.trim();
  return scanConstraintWords(t) > 0 || CONSTRAINT_PREFIX.test(t);
}

/** How many leading characters of `text` are constraint words; text.length when all of it is. */
function scanConstraintWords(text: string): number {
  let at = 0;
  while (at < text.length) {
    CONSTRAINT_WORD.lastIndex = at;
    const m = CONSTRAINT_WORD.exec(text);
    if (!m || m[0].length === 0) break;
    at += m[0].length;
    // A foreign key's or check's parenthesised argument: "FOREIGN KEY (users.id)", "CHECK (x > 0)", "unique(email)".
    while (text[at] === " ") at++;
    if (text[at] === "(" && /(?:key|fk|check|unique|index|references)\s*$/i.test(text.slice(Math.max(0, at - 16), at))) {
      const end = closeBracket(text, at);
      if (end < 0) break;
      at = end;
      while (text[at] === " " || text[at] === "," || text[at] === ";") at++;
    }
  }
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

// Phrases that are one constraint with an argument (one regex: one call per phrase).
const CONSTRAINT_PREFIX = new RegExp(
  [
    /check\s*\(/,
    /(?:fk|foreign\s+key|pk|primary\s+key)\b/,
    /(?:→|->|=>)\s*\S/,
    /references\s+\S/,
    /(?:default|defaults\s+to|default\s+value)\b/,
    /on\s+(?:delete|update)\s/,
    /(?:max|min|maximum|minimum|max\s*length|min\s*length|maxlength|minlength|length|len|size|at\s+most|at\s+least|up\s+to|limit)\b[\s:=(]*-?\d/,
    /-?\d[\d.,]*\s*(?:-|–|~|to|\.\.)\s*-?\d[\d.,]*\s*(?:[A-Za-z]+|字符|个字符|字|文字|位)?$/,
    /(?:>=?|<=?|≥|≤|!=)\s*-?\d/,
    /[A-Za-z_]\w*\s*(?:>=?|<=?|!=|<>)\s*\S+$/,
    /(?:unique|index|key)\s*\(/,
    /enum\b/,
    /(?:one\s+of|in)\s*[:(]/,
    /auto[-_ ]?(?:increment|generated|now|set|fill)/,
    /(?:generated|identity)\b/,
    /(?:'[^']{0,30}'|"[^"]{0,30}")(?:\s*(?:or|\/|\|)\s*(?:'[^']{0,30}'|"[^"]{0,30}"))*$/,
    /(?:最大|最小|最长|最短|长度|不超过|至少|至多)\s*[:：]?\s*\d/,
    /(?:默认|默认值|デフォルト|既定値?|lalai|standard(?:wert)?|por\s+defecto|valor\s+por\s+defecto|par\s+défaut|predefinito)/,
    /(?:kunci\s+(?:utama|primer|asing)|primärschlüssel|fremdschlüssel|clave\s+(?:primaria|for[aá]nea|externa)|cl[eé]\s+(?:primaire|[eé]trang[eè]re)|chave\s+(?:prim[aá]ria|estrangeira)|chiave\s+(?:primaria|esterna)|referenz|referencia)/,
  ]
    .map((r) => r.source)
    .join("|")
    .replace(/^/, "^(?:") + ")",
  "i",
);

// Constraint words of other languages; a short phrase holding one of them reads as a constraint.
const CJK_CONSTRAINT = /主键|主鍵|外键|外鍵|非空|不为空|不能为空|唯一|索引|自增|自动递增|必填|必须|必需|可选|选填|可空|允许为空|默认|级联|主キー|外部キー|必須|任意|一意|ユニーク|インデックス|自動採番|既定|기본키|외래키|필수|고유/;
const WORD_CONSTRAINT = new Set([
  "yes", "no", "y", "n", "true", "false", "是", "否", "✓", "✗", "✔", "✘", "✅", "❌",
  "mandatory", "kunci utama", "kunci primer", "kunci asing", "unik", "wajib", "pilihan", "tidak null", "boleh null", "indeks",
  "primärschlüssel", "fremdschlüssel", "eindeutig", "pflicht", "pflichtfeld", "erforderlich", "nicht null", "nullbar",
  "clave primaria", "clave foránea", "clave externa", "único", "unico", "obligatorio", "requerido", "opcional", "no nulo", "nulo",
  "índice", "clé primaire", "clé étrangère", "obligatoire", "facultatif", "non nul", "chave primária", "chave estrangeira",
  "obrigatório", "chiave primaria", "chiave esterna", "obbligatorio", "ja", "nein", "sí", "oui", "non", "ya", "tidak",
]);
export const STRONG = /\b(?:pk|primary\s+key|fk|foreign\s+key|references|not\s+null|auto[_ -]?increment|autoincrement|identity|cuid2?|on\s+(?:delete|update))\b|→|->|主键|主鍵|外键|外鍵|非空|自增|主キー|外部キー|kunci utama|kunci asing|primärschlüssel|fremdschlüssel|clave primaria|clave for|clé primaire|clé étrangère/i;

/** Splits a cell on commas/semicolons (ASCII and CJK) outside parentheses and quotes. */
function splitPhrases(s: string): string[] {
  if (!/[,;，；、]/.test(s)) return [s];
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "（" || c === "[") depth++;
    else if ((c === ")" || c === "）" || c === "]") && depth > 0) depth--;
    else if (depth === 0 && (c === "," || c === ";" || c === "，" || c === "；" || c === "、")) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter((p) => p.length > 0);
}

function phraseScore(p: string): number {
  if (isMarker(p)) return 1;
  if (scanConstraintWords(p) === p.length) return 1;
  const lower = p.toLowerCase();
  if (WORD_CONSTRAINT.has(lower)) return 1;
  // A long sentence that happens to start like a constraint ("Auto-generated from ...") is a note.
  if (CONSTRAINT_PREFIX.test(p) && (wordCount(p) <= 6 || /^(?:check|references|default)\b/i.test(p))) return 1;
  if (p.length <= 10 && CJK_CONSTRAINT.test(p)) return 1;
  // A bare reference ("organizations.id", "users(id)") is a likely foreign key, or just a note.
  if (/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(p) || /^[A-Za-z_]\w*\s*\(\s*[A-Za-z_]\w*\s*\)$/.test(p)) return 0.4;
  return 0;
}

export interface ConstraintReading {
  readonly score: number;
  /** Holds a key/reference/not-null phrase: something only a database schema says. */
  readonly strong: boolean;
}

export function readConstraintCell(s: string): ConstraintReading {
  // A cell of a thousand characters is prose, whatever it starts with.
  if (!s || s.length > 1000) return { score: 0, strong: false };
  if (isMarker(s)) return { score: 1, strong: false };
  const phrases = splitPhrases(s);
  let sum = 0;
  for (const p of phrases) sum += phraseScore(p);
  const score = phrases.length ? sum / phrases.length : 0;
  return { score, strong: score >= 0.5 && STRONG.test(s) };
}

/**
 * 0..1: the share of the cell's phrases (split on , ; and their CJK forms) that are constraints:
 * PK, FK, NOT NULL, UNIQUE, DEFAULT x, REFERENCES, CHECK, INDEX, required, optional, nullable,
 * `max 100 chars`, `1-200 chars`, `enum`, `"high", "medium", "low"`, `→ users.id`, `-`/`—`,
 * and the common words of other languages (主键, 外键, 非空, 唯一, 默认, 必填, 是/否, wajib, ...).
 */
export function constraintLikeness(cell: string): number {
  return readConstraintCell(cleanCell(cell)).score;
}

// "GET, POST" / "GET/POST": several methods for one path (one endpoint each).
export const METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?:\s*(?:,|\/|\|)\s*(?:GET|POST|PUT|PATCH|DELETE))*$/i;

/** An HTTP method on its own: `GET`, `post`. */
export function methodCell(cell: string): boolean {
  return METHOD.test(cleanCell(cell));
}

/** A path, with its method when the cell holds one: "GET /api/tasks" -> {method: "GET", path: "/api/tasks"}. */
export function splitMethodPath(cell: string): { method: string | null; path: string } | null {
  const s = cleanCell(cell);
  const m = /^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+)?(\/[^\s]*)(?:\s+\(.*\))?$/i.exec(s);
  if (!m) return null;
  return { method: m[1] ? m[1].toUpperCase() : null, path: m[2]! };
}

/** A URL path: `/api/tasks/{id}`, `/api/v1/users/:id`, with or without a method before it. */
export function pathCell(cell: string): boolean {
  return splitMethodPath(cell) !== null;
}

// Smaller recognisers used for the other roles

export type Polarity = "yes" | "no" | "required" | "optional" | "nullable" | "notnull";

const YES_NO = new Map<string, Polarity>(Object.entries({
  yes: "yes", y: "yes", x: "yes", true: "yes", "✅": "yes", "✓": "yes", "✔": "yes", "☑": "yes", 是: "yes", はい: "yes", ja: "yes",
  sí: "yes", si: "yes", oui: "yes", ya: "yes", 有: "yes", sim: "yes", sì: "yes", да: "yes", 예: "yes", 네: "yes", evet: "yes", tak: "yes",
  no: "no", n: "no", false: "no", "❌": "no", "✗": "no", "✘": "no", 否: "no", いいえ: "no", nein: "no", non: "no", tidak: "no",
  "○": "yes", "◯": "yes", "〇": "yes", "●": "yes", "×": "no", "✕": "no",
  não: "no", nao: "no", нет: "no", 아니오: "no", 아니요: "no", hayır: "no", nie: "no",
  required: "required", mandatory: "required", 必填: "required", 必须: "required", 必需: "required", 必須: "required", wajib: "required",
  pflicht: "required", erforderlich: "required", obligatorio: "required", requerido: "required", obligatoire: "required",
  obbligatorio: "required", obrigatório: "required",
  optional: "optional", 可选: "optional", 选填: "optional", 非必填: "optional", 任意: "optional", pilihan: "optional", opcional: "optional",
  facultatif: "optional", conditional: "optional", condicional: "optional", conditionnel: "optional",
  nullable: "nullable", null: "nullable", 可空: "nullable", 允许为空: "nullable", "boleh null": "nullable", nullbar: "nullable", nulo: "nullable",
  "not null": "notnull", "non-null": "notnull", "not nullable": "notnull", 非空: "notnull", 不可空: "notnull", "tidak null": "notnull",
  "nicht null": "notnull", "no nulo": "notnull", "non nul": "notnull",
}) as [string, Polarity][]);

/** Yes/no-like cell ("Yes", "No (default false)", "是", "否（需 refresh_token）", "NOT NULL"), or null. */
export function readYesNo(s: string): Polarity | null {
  if (!s || s.length > 60) return null;
  const lower = s.toLowerCase().replace(/\uFE0F/g, "");
  const direct = YES_NO.get(lower);
  if (direct) return direct;
  // "No (default false)", "是 (admin)", "否（需 refresh_token）": the word, then a note.
  const m = /^([^\s(（:：]+)\s*[(（:：]/.exec(lower);
  return m ? YES_NO.get(m[1]!) ?? null : null;
}

const AUTH_WORDS = /^(?:yes|no|true|false|required|optional|none|public|private|admin|user|owner|bearer|jwt|token|auth|authenticated|authorized|anonymous|anon|login|signed[- ]in|session|api[- ]key|✅|❌|✓|✗|✔|✘|🔒|🔓|是|否|可选|需要|不需要|无|公开|管理员|登录|必須|不要|はい|いいえ|ja|nein|sí|si|oui|non|ya|tidak)(?=$|\s*[(（:：/]|\s+(?:only|required|token)\b)/i;

export function isAuthCell(t: string): boolean {
  return AUTH_WORDS.test(t);
}

export function isHttpStatus(t: string): boolean {
  return /^[1-5]\d\d(?=$|[\s/,(;-])/.test(t);
}

export function isLocation(t: string): boolean {
  return t.length <= 12 && /^(?:query|path|header|headers|cookie|body|form|formdata|url|querystring|query string|查询|路径|请求头|请求体|クエリ|パス)$/i.test(t);
}

export function isVersion(t: string): boolean {
  return /^[v^~>=]*\d+\.\d+(?:\.\d+)?(?:[-+.][\w.]+)?$/.test(t);
}

export function wordCount(t: string): number {
  let words = 0;
  let inWord = false;
  let letters = false;
  let cjk = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x3040 && c <= 0x9fff) cjk++;
    const space = c === 32 || c === 9;
    if (space) {
      if (inWord && letters) words++;
      inWord = false;
      letters = false;
    } else {
      inWord = true;
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) letters = true;
    }
  }
  if (inWord && letters) words++;
  return words + Math.floor(cjk / 2);
}

/** A lower- or UPPER-case code-like token: `pending`, `in_progress`, `ADMIN`. */
export function isEnumToken(t: string): boolean {
  let s = t;
  const q = s[0];
  if ((q === '"' || q === "'") && s.length > 2 && s[s.length - 1] === q) s = s.slice(1, -1);
  return /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(s) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(s);
}

export const ERROR_WORDS = /ERROR|NOT_?FOUND|INVALID|UNAUTHORI[SZ]ED|FORBIDDEN|DENIED|EXPIRED|CONFLICT|FAILED|FAILURE|EXCEEDED|MISSING|TOO_MANY|UNAVAILABLE|TIMEOUT|ALREADY|NOT_ALLOWED|BAD_REQUEST|_EXISTS|REQUIRED/;

/** "a, b, c" or "a | b" or "a / b": a short list of allowed values. */
export function isValueList(t: string): boolean {
  if (t.length > 300 || !/[,|/、，]/.test(t)) return false;
  const parts = t.split(/\s*[,|/、，]\s*/);
  for (const p of parts) {
    const paren = p.indexOf("(");
    const v = (paren >= 0 && p.endsWith(")") ? p.slice(0, paren) : p).trim();
    if (!v || v.length > 30 || wordCount(v) > 2) return false;
  }
  return true;
}

/** "user_id", "user_id, completed", "(user_id, created_at DESC)": index columns. */
export function isIdentList(t: string): boolean {
  if (t.length > 300) return false;
  const s = t.startsWith("(") && t.endsWith(")") ? t.slice(1, -1) : t;
  const parts = s.split(/\s*,\s*|\s+\+\s+/);
  for (const p of parts) if (!/^[A-Za-z_]\w*(?:\s+(?:asc|desc))?$/i.test(p.trim())) return false;
  return parts.length > 0;
}

export function isIndexName(t: string): boolean {
  return (
    /^(?:idx|ix|index|uq|uk|uniq|unique|pk|fk)_\w+$/i.test(t) ||
    /^\w+_(?:idx|index|key|uniq|unique|uk|pkey|fkey|ix)$/i.test(t) ||
    /^(?:index|unique|uniq|fk|pk|key|primary\s+key|foreign\s+key)\s*\(.+\)$/i.test(t) ||
    /^primary\s+key$/i.test(t)
  );
}

export function isIndexKind(t: string): boolean {
  return /^(?:unique(?:\s+index)?|non[- ]?unique|index|b-?tree|hash|gin|gist|brin|sp-?gist|primary(?:\s+key)?|fulltext|spatial|composite|partial|normal|plain|唯一|普通|主键|索引)$/i.test(t);
}

/** A literal a default column holds: 0, true, null, 'x', now(), (none), []. */
export function literalScore(t: string, rowValues: string | null): number {
  if (/^-?\d+(?:\.\d+)?(?:\s*\(.*\))?$/.test(t)) return 1;
  if (/^(?:true|false|null|none|\(none\)|\[\]|\{\}|''|""|current_timestamp|current_date)$/i.test(t)) return 1;
  if (/^(?:'[^']*'|"[^"]*")$/.test(t)) return 1;
  if (/^[\w.]+\(\s*\)$/.test(t)) return 1;
  if (rowValues && !/\s/.test(t) && rowValues.split(/\s*[,|/]\s*/).some((v) => v.replace(/^["'`]|["'`]$/g, "") === t)) return 1;
  if (/^[A-Za-z_][\w-]*$/.test(t)) return 0.3;
  return 0;
}

/**
 * What a column's header says its cells state about each row, when that is a rule of its own
 * rather than a type, default or description: "Unique" / "UQ" / "唯一" (a mark says the column is
 * unique), "PK" / "Primary key" / "主键" (part of the key), "FK" / "References" (the target),
 * "Auto increment", "Size" / "Length" (the type's length: nvarchar + 80). Read whatever the cells
 * hold (yes/no marks, key words), so a column of marks is never taken for "required" or "nullable".
 */
export type HeaderRule = "unique" | "primary key" | "foreign key" | "auto increment" | "size";

const HEADER_RULES: [RegExp, HeaderRule][] = [
  [/^(?:is\s+)?(?:unique|uq|uk|unq|uniq|unique\s+key|唯一|是否唯一|唯一性|唯一约束|一意|ユニーク|고유|유니크|unique?|único|unico|eindeutig|unik)$/, "unique"],
  [/^(?:is\s+)?(?:pk|primary|primary\s+key|主键|主鍵|是否主键|主キー|기본\s*키|pk\s*\/\s*fk|pk,\s*fk|clave\s+primaria|primärschlüssel|kunci\s+utama)$/, "primary key"],
  [/^(?:fk|foreign\s+key|references?|referenced\s+table|ref|外键|外鍵|外部キー|외래\s*키|fk\s*(?:→|->)|clave\s+for[aá]nea|fremdschlüssel)$/, "foreign key"],
  [/^(?:ai|auto\s*increment|auto_increment|autoincrement|identity|自增|自動採番)$/, "auto increment"],
  // "桁数"/"桁" (digits: a Japanese design sheet's length column), "字段长度", "크기", "tamanho", "độ dài", "длина".
  [/^(?:size|length|len|max\s+length|max\s+len|field\s+length|column\s+length|digits|长度|長度|長さ|字段长度|最大长度|桁数|桁|けた数|길이|크기|자릿수|tamaño|longitud|größe|länge|taille|longueur|lunghezza|dimensione|comprimento|tamanho|panjang|saiz|ukuran|độ\s+dài|kích\s+thước|длина|размер|uzunluk|boyut|precision|precision,\s*scale)$/, "size"],
];

export function headerRule(header: string): HeaderRule | null {
  const h = cleanCell(header).toLowerCase().replace(/[*_]/g, " ").replace(/\s*[(（][^)）]*[)）]\s*$/, "").replace(/[?:：]$/, "").replace(/\s+/g, " ").trim();
  if (!h) return null;
  for (const [re, rule] of HEADER_RULES) if (re.test(h)) return rule;
  return null;
}
