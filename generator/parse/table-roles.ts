// Reading a GFM table by what its cells hold, not by its header words.
//
// People write the same table with headers in any language, in any order, or with no header
// words at all; what stays the same is the content: a column of SQL/Prisma/JSON types is the
// type column, a column of GET/POST is the method column. So every body cell is first
// recognised on its own (identifier, type, constraint phrase, method, path, yes/no, ...), each
// column gets a profile from its cells, and the kind of table and the role of each column are
// decided from the profiles. Header words (and the section heading, when the caller passes it)
// only break ties that content cannot decide: a nullable vs required yes/no column with no
// primary-key row to tell which way it points, a parameters table vs a body-fields table.
//
// Pure and synchronous; no regex here nests quantifiers over overlapping classes, so a cell
// costs a few linear scans (a 60-row table classifies in well under a millisecond).

export type TableKind = "columns" | "endpoints" | "query-params" | "body-fields" | "indexes" | "enum-values" | "other";

/** What the caller knows about where the table is; both are tie-breakers only. */
export interface TableContext {
  /** The kind of spec file the table is in. */
  readonly document?: "schema" | "api";
  /** Text of the nearest heading (or bold label) above the table, e.g. "Indexes", "Query Parameters". */
  readonly heading?: string;
}

/** Why a column got its role: how many of its non-empty cells support it, or what else decided. */
export interface RoleEvidence {
  readonly column: number;
  readonly header: string;
  /** The role given, or "" for a column that has none. */
  readonly role: string;
  /** "content": the cells decided; "header"/"context"/"position": a tie broken by header words, the heading or order. */
  readonly by: "content" | "header" | "context" | "position";
  /** Non-empty cells (empty markers such as "-" and "—" excluded) that support the role. */
  readonly matched: number;
  /** Non-empty cells in the column. */
  readonly cells: number;
  /** The column's first non-empty cell, when it has a role (for messages). */
  readonly example?: string;
}

interface ShapeBase {
  /** 0..1: how clearly the content decided the kind (1 = every cell agreed). */
  readonly confidence: number;
  /** One sentence saying why, for `specforge explain`. */
  readonly reason: string;
  /** One entry per column, in column order. */
  readonly evidence: readonly RoleEvidence[];
}

/** Column indexes of a table of column definitions. `notes` may also hold FKs or allowed values. */
export interface ColumnRoles {
  readonly name: number;
  readonly type: number;
  readonly constraints: readonly number[];
  readonly default?: number;
  readonly nullable?: number;
  readonly required?: number;
  readonly notes: readonly number[];
}

export interface EndpointRoles {
  /** Absent when the method is written in the path cell ("GET /api/tasks"). */
  readonly method?: number;
  readonly path: number;
  readonly description?: number;
  readonly auth?: number;
  readonly status?: number;
}

/** Parameters of an endpoint, or fields of a request/response body. */
export interface FieldRoles {
  readonly name: number;
  readonly type?: number;
  readonly required?: number;
  readonly default?: number;
  readonly constraints: readonly number[];
  /** A column of allowed values ("all, pending, completed"). */
  readonly values?: number;
  /** Where a parameter goes (query, path, header). */
  readonly location?: number;
  readonly description?: number;
}

export interface IndexRoles {
  readonly name?: number;
  readonly columns: number;
  readonly table?: number;
  /** The unique/kind column (UNIQUE, BTREE, PRIMARY KEY, yes/no). */
  readonly unique?: number;
}

export interface EnumRoles {
  readonly value: number;
  readonly description?: number;
}

export type TableShape =
  | (ShapeBase & { readonly kind: "columns"; readonly roles: ColumnRoles; readonly typeHasConstraints: boolean })
  | (ShapeBase & { readonly kind: "endpoints"; readonly roles: EndpointRoles; readonly methodInPath: boolean })
  | (ShapeBase & { readonly kind: "query-params" | "body-fields"; readonly roles: FieldRoles })
  | (ShapeBase & { readonly kind: "indexes"; readonly roles: IndexRoles })
  | (ShapeBase & { readonly kind: "enum-values"; readonly roles: EnumRoles })
  | (ShapeBase & { readonly kind: "other"; readonly roles: Readonly<Record<string, never>> });

// ---------------------------------------------------------------------------------------------
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

function isMarker(t: string): boolean {
  if (t.length > 6) return false;
  const s = t.toLowerCase();
  return s === "-" || s === "—" || s === "–" || s === "--" || s === "n/a" || s === "na" || s === "(none)" || s === "/" || s === "－" || s === "无";
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*\??$/;

/** A column or field name: `user_id`, `createdAt`, `` `id` ``, `order` (one word; a trailing "?" allowed). */
export function isIdentifierCell(cell: string): boolean {
  return isIdent(cleanCell(cell));
}

function isIdent(t: string): boolean {
  let s = t;
  const q = s[0];
  if ((q === '"' || q === "'") && s.length > 2 && s[s.length - 1] === q) s = s.slice(1, -1);
  return s.length <= 64 && IDENT.test(s);
}

/** A dotted field path of a JSON body: `user.id`, `tasks[].title`. */
export function isFieldPathCell(cell: string): boolean {
  return FIELD_PATH.test(cleanCell(cell));
}

const FIELD_PATH = /^[A-Za-z_]\w*(?:\[\d*\])?(?:\.[A-Za-z_]\w*(?:\[\d*\])?)+$|^[A-Za-z_]\w*\[\d*\]$/;

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

const NO_TYPE: TypeReading = { score: 0, family: "", constraints: false, end: 0 };

/** Reads a cell as a type: `varchar(255)`, `uuid pk`, `String?`, `Optional[str]`, `string | null`, `EventType`. */
export function readTypeCell(cell: string): TypeReading {
  return typeOf(cleanCell(cell));
}

function typeOf(s: string): TypeReading {
  if (!s || s.length > 80) return NO_TYPE;
  const c0 = s.charCodeAt(0);
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
  const rest = s.slice(at).trim();
  const base = named ? (/^[A-Z][a-z0-9]+[A-Z]/.test(word) ? 0.5 : 0.4) : 1;
  const fam: TypeFamily = named ? "named" : family;
  if (!rest) return { score: annotated ? base * 0.9 : base, family: fam, constraints: false, end: s.length };
  if (rest[0] === "(" && closeBracket(rest, 0) === rest.length) return { score: base * 0.9, family: fam, constraints: false, end: s.length };
  // Merged type and constraints: "uuid pk", "uuid fk nullable", "SERIAL PRIMARY KEY", "text unique".
  if (!named && !annotated && scanConstraintWords(rest) === rest.length) return { score: 0.9, family, constraints: true, end: at };
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
  return { type: s.slice(0, r.end).trim(), constraints: r.constraints ? s.slice(r.end).trim() : "" };
}

/** 0..1: how much the cell reads as a type (SQL of any dialect, Prisma, JSON, Python, TypeScript). */
export function typeLikeness(cell: string): number {
  return readTypeCell(cell).score;
}

// Constraint words, consumed left to right (sticky), so "uuid fk nullable" or
// "PRIMARY KEY AUTOINCREMENT" are read without splitting on commas.
const CONSTRAINT_WORD =
  /\s*(?:primary\s+key|pk|foreign\s+key|fk|not\s+null|non[- ]null|nullable|not\s+nullable|null|unique|uniq|indexed|index|auto[_ -]?increment(?:ing)?|autoincrement|auto|identity|required|optional|enum|cuid2?|unsigned|non[- ]?empty|not\s+empty|cascade|immutable|read[- ]?only|generated(?:\s+always)?(?:\s+as\s+identity)?|default\s*[:=]?\s*(?:'[^']*'|"[^"]*"|[\w.]+\(\)|[^\s,;]+)|references\s+[\w.]+(?:\s*\([\w\s,]*\))?|(?:→|->|=>)\s*[\w.]+(?:\s*\([\w\s,]*\))?|on\s+(?:delete|update)\s+(?:cascade|set\s+null|set\s+default|restrict|no\s+action))(?=$|[\s,;(])\s*[,;]?/iy;

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
const STRONG = /\b(?:pk|primary\s+key|fk|foreign\s+key|references|not\s+null|auto[_ -]?increment|autoincrement|identity|cuid2?|on\s+(?:delete|update))\b|→|->|主键|主鍵|外键|外鍵|非空|自增|主キー|外部キー|kunci utama|kunci asing|primärschlüssel|fremdschlüssel|clave primaria|clave for|clé primaire|clé étrangère/i;

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

interface ConstraintReading {
  readonly score: number;
  /** Holds a key/reference/not-null phrase: something only a database schema says. */
  readonly strong: boolean;
}

function readConstraintCell(s: string): ConstraintReading {
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
const METHOD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)(?:\s*(?:,|\/|\|)\s*(?:GET|POST|PUT|PATCH|DELETE))*$/i;

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

// ---------------------------------------------------------------------------------------------
// Smaller recognisers used for the other roles

type Polarity = "yes" | "no" | "required" | "optional" | "nullable" | "notnull";

const YES_NO = new Map<string, Polarity>(Object.entries({
  yes: "yes", true: "yes", "✅": "yes", "✓": "yes", "✔": "yes", "☑": "yes", 是: "yes", はい: "yes", ja: "yes",
  sí: "yes", si: "yes", oui: "yes", ya: "yes", 有: "yes", sim: "yes", sì: "yes", да: "yes", 예: "yes", 네: "yes", evet: "yes", tak: "yes",
  no: "no", false: "no", "❌": "no", "✗": "no", "✘": "no", 否: "no", いいえ: "no", nein: "no", non: "no", tidak: "no",
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
function readYesNo(s: string): Polarity | null {
  if (!s || s.length > 60) return null;
  const lower = s.toLowerCase();
  const direct = YES_NO.get(lower);
  if (direct) return direct;
  // "No (default false)", "是 (admin)", "否（需 refresh_token）": the word, then a note.
  const m = /^([^\s(（:：]+)\s*[(（:：]/.exec(lower);
  return m ? YES_NO.get(m[1]!) ?? null : null;
}

const AUTH_WORDS = /^(?:yes|no|true|false|required|optional|none|public|private|admin|user|owner|bearer|jwt|token|auth|authenticated|authorized|anonymous|anon|login|signed[- ]in|session|api[- ]key|✅|❌|✓|✗|✔|✘|🔒|🔓|是|否|可选|需要|不需要|无|公开|管理员|登录|必須|不要|はい|いいえ|ja|nein|sí|si|oui|non|ya|tidak)(?=$|\s*[(（:：/]|\s+(?:only|required|token)\b)/i;

function isAuthCell(t: string): boolean {
  return AUTH_WORDS.test(t);
}

function isHttpStatus(t: string): boolean {
  return /^[1-5]\d\d(?=$|[\s/,(;-])/.test(t);
}

function isLocation(t: string): boolean {
  return t.length <= 12 && /^(?:query|path|header|headers|cookie|body|form|formdata|url|querystring|query string|查询|路径|请求头|请求体|クエリ|パス)$/i.test(t);
}

function isVersion(t: string): boolean {
  return /^[v^~>=]*\d+\.\d+(?:\.\d+)?(?:[-+.][\w.]+)?$/.test(t);
}

function wordCount(t: string): number {
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
function isEnumToken(t: string): boolean {
  let s = t;
  const q = s[0];
  if ((q === '"' || q === "'") && s.length > 2 && s[s.length - 1] === q) s = s.slice(1, -1);
  return /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$/.test(s) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(s);
}

const ERROR_WORDS = /ERROR|NOT_?FOUND|INVALID|UNAUTHORI[SZ]ED|FORBIDDEN|DENIED|EXPIRED|CONFLICT|FAILED|FAILURE|EXCEEDED|MISSING|TOO_MANY|UNAVAILABLE|TIMEOUT|ALREADY|NOT_ALLOWED|BAD_REQUEST|_EXISTS|REQUIRED/;

/** "a, b, c" or "a | b" or "a / b": a short list of allowed values. */
function isValueList(t: string): boolean {
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
function isIdentList(t: string): boolean {
  if (t.length > 300) return false;
  const s = t.startsWith("(") && t.endsWith(")") ? t.slice(1, -1) : t;
  const parts = s.split(/\s*,\s*|\s+\+\s+/);
  for (const p of parts) if (!/^[A-Za-z_]\w*(?:\s+(?:asc|desc))?$/i.test(p.trim())) return false;
  return parts.length > 0;
}

function isIndexName(t: string): boolean {
  return (
    /^(?:idx|ix|index|uq|uk|uniq|unique|pk|fk)_\w+$/i.test(t) ||
    /^\w+_(?:idx|index|key|uniq|unique|uk|pkey|fkey|ix)$/i.test(t) ||
    /^(?:index|unique|uniq|fk|pk|key|primary\s+key|foreign\s+key)\s*\(.+\)$/i.test(t) ||
    /^primary\s+key$/i.test(t)
  );
}

function isIndexKind(t: string): boolean {
  return /^(?:unique(?:\s+index)?|non[- ]?unique|index|b-?tree|hash|gin|gist|brin|sp-?gist|primary(?:\s+key)?|fulltext|spatial|composite|partial|normal|plain|唯一|普通|主键|索引)$/i.test(t);
}

/** A literal a default column holds: 0, true, null, 'x', now(), (none), []. */
function literalScore(t: string, rowValues: string | null): number {
  if (/^-?\d+(?:\.\d+)?(?:\s*\(.*\))?$/.test(t)) return 1;
  if (/^(?:true|false|null|none|\(none\)|\[\]|\{\}|''|""|current_timestamp|current_date)$/i.test(t)) return 1;
  if (/^(?:'[^']*'|"[^"]*")$/.test(t)) return 1;
  if (/^[\w.]+\(\s*\)$/.test(t)) return 1;
  if (rowValues && !/\s/.test(t) && rowValues.split(/\s*[,|/]\s*/).some((v) => v.replace(/^["'`]|["'`]$/g, "") === t)) return 1;
  if (/^[A-Za-z_][\w-]*$/.test(t)) return 0.3;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Per-cell features and per-column profiles

/** One body cell; each reading is made the first time a decision needs it. */
class CellInfo {
  readonly t: string;
  /** Empty or an empty marker. */
  readonly empty: boolean;
  private _type: TypeReading | undefined;
  private _cons: ConstraintReading | undefined;
  private _yesNo: Polarity | null | undefined;
  private _ident: boolean | undefined;
  private _words = -1;

  constructor(raw: string) {
    this.t = cleanCell(raw);
    this.empty = this.t === "" || isMarker(this.t);
  }
  get ident(): boolean {
    return (this._ident ??= !this.empty && isIdent(this.t));
  }
  get type(): TypeReading {
    return (this._type ??= this.empty ? NO_TYPE : typeOf(this.t));
  }
  get cons(): ConstraintReading {
    return (this._cons ??= this.empty ? NO_CONS : readConstraintCell(this.t));
  }
  get yesNo(): Polarity | null {
    if (this._yesNo === undefined) this._yesNo = this.empty ? null : readYesNo(this.t);
    return this._yesNo;
  }
  get words(): number {
    if (this._words < 0) this._words = this.empty ? 0 : wordCount(this.t);
    return this._words;
  }
}

const NO_CONS: ConstraintReading = { score: 0, strong: false };

/** How many leading non-empty cells a column shows before it is read in full for a role. */
const SCREEN = 3;

/** Counts, over a column's non-empty cells, of the cells a test holds for. */
function countCells(cells: readonly CellInfo[], test: (c: CellInfo) => boolean): number {
  let k = 0;
  for (const c of cells) if (!c.empty && test(c)) k++;
  return k;
}

/**
 * What a column holds, as shares of its non-empty cells (0..1). Each figure is computed the
 * first time it is asked for: a table of endpoints never has its cells read as types.
 */
class Profile {
  readonly ne: number;
  private readonly memo = new Map<string, number>();

  constructor(
    readonly j: number,
    readonly header: string,
    readonly cells: readonly CellInfo[],
  ) {
    this.ne = countCells(cells, () => true);
  }
  private share(key: string, test: (c: CellInfo) => boolean): number {
    let v = this.memo.get(key);
    if (v === undefined) {
      v = this.ne ? countCells(this.cells, test) / this.ne : 0;
      this.memo.set(key, v);
    }
    return v;
  }
  /**
   * Whether any of the first few non-empty cells passes: a column whose first cells show no
   * sign of a role is not read in full for it (it could not reach the share the role needs).
   */
  private screen(test: (c: CellInfo) => boolean): boolean {
    let seen = 0;
    for (const c of this.cells) {
      if (c.empty) continue;
      if (test(c)) return true;
      if (++seen >= SCREEN) return false;
    }
    return false;
  }
  private avg(key: string, value: (c: CellInfo) => number): number {
    let v = this.memo.get(key);
    if (v === undefined) {
      let sum = 0;
      for (const c of this.cells) if (!c.empty) sum += value(c);
      v = this.ne ? sum / this.ne : 0;
      this.memo.set(key, v);
    }
    return v;
  }
  /** Average type score, PascalCase names counted as types when the column's other cells are types. */
  get typeAvg(): number {
    let v = this.memo.get("typeAvg");
    if (v === undefined && !this.screen((c) => c.type.score > 0)) {
      this.memo.set("typeMatched", 0);
      this.memo.set("typeAvg", (v = 0));
    }
    if (v === undefined) {
      let named = 0, real = 0;
      for (const c of this.cells) {
        if (c.empty) continue;
        if (c.type.family === "named") named++;
        else if (c.type.score >= 0.8) real++;
      }
      const namedAreTypes = named > 0 && real > 0 && real >= (this.ne - named) * 0.5;
      let sum = 0, matched = 0;
      for (const c of this.cells) {
        if (c.empty) continue;
        const score = c.type.family === "named" ? (namedAreTypes ? 1 : 0) : c.type.score;
        sum += score;
        if (score >= 0.6) matched++;
      }
      v = this.ne ? sum / this.ne : 0;
      this.memo.set("typeAvg", v);
      this.memo.set("typeMatched", matched);
    }
    return v;
  }
  get typeMatched(): number {
    void this.typeAvg;
    return this.memo.get("typeMatched")!;
  }
  get consAvg(): number {
    if (!this.memo.has("consAvg") && !this.screen((c) => c.cons.score > 0)) this.memo.set("consAvg", 0);
    return this.avg("consAvg", (c) => c.cons.score);
  }
  get consMatched(): number {
    return Math.round(this.share("consMatched", (c) => c.cons.score >= 0.5) * this.ne);
  }
  /** Share of all rows whose cell reads as a name; dotted field paths (user.id) count less; repeats cost a little. */
  get nameScore(): number {
    let v = this.memo.get("nameScore");
    if (v === undefined && !this.screen((c) => c.ident || FIELD_PATH.test(c.t))) {
      for (const k of ["nameMatched", "fieldPaths"]) this.memo.set(k, 0);
      this.memo.set("nameScore", (v = 0));
    }
    if (v === undefined) {
      let sum = 0, matched = 0, paths = 0;
      const seen = new Set<string>();
      for (const c of this.cells) {
        if (c.empty) continue;
        seen.add(c.t);
        // Type words are fine as names (file, date, text): the type column is chosen first and left out.
        if (c.ident && c.yesNo === null && c.cons.score < 0.8) (sum += 1), matched++;
        else if (FIELD_PATH.test(c.t)) (sum += 0.75), matched++, paths++;
      }
      const n = this.cells.length;
      v = n ? sum / n - (seen.size < this.ne ? 0.05 : 0) : 0;
      this.memo.set("nameScore", v);
      this.memo.set("nameMatched", matched);
      this.memo.set("fieldPaths", paths);
    }
    return v;
  }
  get nameMatched(): number {
    void this.nameScore;
    return this.memo.get("nameMatched")!;
  }
  get fieldPaths(): number {
    void this.nameScore;
    return this.memo.get("fieldPaths")!;
  }
  /** Every non-empty cell is a yes/no word (stops at the first that is not). */
  get allYesNo(): boolean {
    let v = this.memo.get("allYesNo");
    if (v === undefined) {
      v = this.ne > 0 ? 1 : 0;
      for (const c of this.cells) {
        if (!c.empty && c.yesNo === null) {
          v = 0;
          break;
        }
      }
      this.memo.set("allYesNo", v);
    }
    return v === 1;
  }
  get method(): number {
    const test = (c: CellInfo) => METHOD.test(c.t);
    if (!this.memo.has("method") && !this.screen(test)) this.memo.set("method", 0);
    return this.share("method", test);
  }
  get path(): number {
    const test = (c: CellInfo) => (c.t[0] === "/" || /^[A-Za-z]+\s+\//.test(c.t)) && splitMethodPath(c.t) !== null;
    if (!this.memo.has("path") && !this.screen(test)) this.memo.set("path", 0);
    return this.share("path", test);
  }
  get methodPath(): number {
    const test = (c: CellInfo) => /^[A-Za-z]+\s+\//.test(c.t) && splitMethodPath(c.t)?.method != null;
    if (!this.memo.has("methodPath") && !this.screen(test)) this.memo.set("methodPath", 0);
    return this.share("methodPath", test);
  }
  get status(): number {
    return this.share("status", (c) => isHttpStatus(c.t));
  }
  get auth(): number {
    return this.share("auth", (c) => isAuthCell(c.t));
  }
  get location(): number {
    return this.share("location", (c) => isLocation(c.t));
  }
  get version(): number {
    return this.share("version", (c) => isVersion(c.t));
  }
  get prose(): number {
    return this.share("prose", (c) => c.words >= 2);
  }
  get avgWords(): number {
    return this.avg("avgWords", (c) => c.words);
  }
  get list(): number {
    return this.share("list", (c) => isValueList(c.t));
  }
  get identList(): number {
    return this.share("identList", (c) => isIdentList(c.t));
  }
  get multiList(): number {
    return this.share("multiList", (c) => c.t.includes(",") && isIdentList(c.t));
  }
  get indexName(): number {
    return this.share("indexName", (c) => isIndexName(c.t));
  }
  get indexKind(): number {
    return this.share("indexKind", (c) => isIndexKind(c.t));
  }
  get keyKind(): number {
    return this.share("keyKind", (c) => isIndexKind(c.t) || c.cons.score >= 0.8);
  }
  get enumToken(): number {
    return this.share("enumToken", (c) => isEnumToken(c.t));
  }
  get errorWord(): number {
    return this.share("errorWord", (c) => ERROR_WORDS.test(c.t));
  }
  get distinct(): number {
    let v = this.memo.get("distinct");
    if (v === undefined) {
      const seen = new Set<string>();
      for (const c of this.cells) if (!c.empty) seen.add(c.t.toLowerCase());
      v = this.ne ? seen.size / this.ne : 0;
      this.memo.set("distinct", v);
    }
    return v;
  }
}

// ---------------------------------------------------------------------------------------------
// Header words: tie-breakers only

const HEADER_WORDS: Record<string, RegExp> = {
  name: /^(?:column|columns? name|field|field name|name|attribute|property|key|param|parameter|query param(?:eter)?|列|列名|字段|字段名|字段名称|名称|参数|参数名|属性|カラム|カラム名|フィールド|項目|項目名|名前|パラメータ|medan|nama|nama medan|lajur|kolom|spalte|feld|feldname|parameter|columna|campo|nombre|parámetro|colonne|champ|nom|paramètre|colonna|nome|parametro|컬럼|필드|이름)$/,
  type: /^(?:type|data ?type|sql type|column type|db type|类型|数据类型|型|データ型|タイプ|jenis|jenis data|tipe|typ|datentyp|tipo|tipo de dato|type de données|타입)$/,
  constraints: /^(?:constraints?|attributes|modifiers|rules|keys?|约束|约束条件|制約|kekangan|kekangan medan|kendala|einschränkung(?:en)?|restricci[oó]n(?:es)?|contraintes?|vincoli|vincolo|제약)$/,
  default: /^(?:default|default value|默认|默认值|既定値|デフォルト|lalai|nilai lalai|standard|standardwert|por defecto|valor por defecto|predeterminado|défaut|valeur par défaut|predefinito)$/,
  nullable: /^(?:nullable|null|null\?|nullable\?|可空|允许空|是否可空|null許可|boleh null|nullbar|nulo|nulable)$/,
  required: /^(?:required|required\?|mandatory|必填|是否必填|必须|必需|必須|wajib|pflicht|erforderlich|obligatorio|requerido|obligatoire|obbligatorio|obrigatório|obrigatorio|обязательно|обязательное|필수|not null)$/,
  description: /^(?:description|desc|notes?|comments?|purpose|remarks?|meaning|summary|details?|说明|描述|备注|注释|用途|含义|説明|備考|概要|keterangan|penerangan|catatan|huraian|beschreibung|hinweis|anmerkung|zweck|descripci[oó]n|notas?|descrizione|nota|commentaire|설명|비고)$/,
  method: /^(?:method|verb|http method|http|方法|请求方法|メソッド|kaedah|methode|método|méthode|metodo)$/,
  path: /^(?:path|endpoint|route|url|uri|endpoint path|路径|接口|地址|パス|エンドポイント|laluan|pfad|ruta|chemin|percorso)$/,
  auth: /^(?:auth|authentication|authorization|auth required|requires auth|鉴权|认证|权限|認証|pengesahan|authentifizierung|autenticaci[oó]n)$/,
  status: /^(?:status|status codes?|success status|response codes?|状态|状态码|ステータス)$/,
  location: /^(?:in|location|where|位置|参数位置)$/,
  values: /^(?:values?|allowed values|options|enum|accepted values|可选值|取值|値)$/,
  indexName: /^(?:index|index name|索引|索引名|インデックス|インデックス名|indeks)$/,
  indexColumns: /^(?:columns|column\(s\)|column s|fields|indexed columns|列|字段)$/,
  table: /^(?:table|表|表名|テーブル|jadual|tabelle|tabla)$/,
  unique: /^(?:unique|type|kind|唯一|类型)$/,
};

function normHeader(h: string): string {
  return cleanCell(h).toLowerCase().replace(/[*_]/g, "").replace(/\s*[(（].*[)）]\s*$/, "").replace(/[?:：]$/, "").trim();
}

function headerSays(p: Profile | undefined, role: string): boolean {
  if (!p) return false;
  const re = HEADER_WORDS[role];
  return !!re && re.test(normHeader(p.header));
}

/** The best column by score (≥ min); header words add a small bonus that only settles near-ties. */
function best(cands: readonly Profile[], score: (p: Profile) => number, min: number, role: string): { p: Profile; by: RoleEvidence["by"] } | null {
  let top: Profile | null = null;
  let topScore = -1;
  let second = -1;
  for (const p of cands) {
    const s = score(p);
    if (s < min) continue;
    const withHeader = s + (headerSays(p, role) ? 0.1 : 0);
    if (withHeader > topScore) {
      second = topScore;
      topScore = withHeader;
      top = p;
    } else if (withHeader > second) second = withHeader;
  }
  if (!top) return null;
  const raw = score(top);
  const by: RoleEvidence["by"] = second >= 0 && raw <= second + 1e-9 && headerSays(top, role) ? "header" : "content";
  return { p: top, by };
}

// ---------------------------------------------------------------------------------------------
// Classification

interface Assign {
  role: string;
  by: RoleEvidence["by"];
  matched: number;
}

const QUERY_NAMES = /^(?:page|page_?size|per_?page|pagesize|perpage|limit|offset|skip|take|cursor|after|before|sort|sort_?by|order|order_?by|sortorder|direction|dir|q|query|search|keyword|filter|fields|include|expand|from|to|since|until|start_?date|end_?date|status)$/i;
const INDEX_HEADING = /\bind(?:ex|exes|ices|exing)\b|索引|インデックス|índices?|indizes|indici|indeks/i;
const QUERY_HEADING = /\bquery\b|\bparam(?:eter)?s?\b|查询参数|请求参数|参数|クエリ|パラメータ|parámetros|parameter/i;
const BODY_HEADING = /\b(?:body|payload|request|response|fields)\b|请求体|响应|字段|リクエスト|レスポンス|cuerpo/i;

/**
 * Decides what a GFM table is and which column plays which role, from its body cells.
 * `headers` are the header cells, `rows` the body cells as plain text (Markdown already
 * stripped); a row shorter than the header is read as ending in empty cells.
 */
export function classifyTable(headers: readonly string[], rows: readonly (readonly string[])[], context: TableContext = {}): TableShape {
  const width = Math.max(headers.length, 1);
  const cols: Profile[] = [];
  for (let j = 0; j < width; j++) {
    const cells: CellInfo[] = [];
    for (const r of rows) cells.push(new CellInfo(r[j] ?? ""));
    cols.push(new Profile(j, headers[j] ?? "", cells));
  }
  const given = new Map<number, Assign>();
  const evidence = (): RoleEvidence[] =>
    cols.map((p) => {
      const a = given.get(p.j);
      const ex = a ? p.cells.find((c) => !c.empty)?.t : undefined;
      return { column: p.j, header: p.header, role: a?.role ?? "", by: a?.by ?? "content", matched: a?.matched ?? 0, cells: p.ne, ...(ex ? { example: ex } : {}) };
    });
  const other = (reason: string, confidence: number): TableShape => ({ kind: "other", roles: {}, confidence, reason, evidence: evidence() });
  if (rows.length === 0) return other("the table has no body rows", 0);
  const free = () => cols.filter((p) => !given.has(p.j));
  const give = (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => given.set(p.j, { role, by, matched });

  // 1. Endpoints: a column of methods and one of paths (or both in one cell).
  const methodCol = best(cols, (p) => p.method, 0.6, "method");
  const pathCol = best(cols.filter((p) => p !== methodCol?.p), (p) => p.path, 0.6, "path");
  const mergedCol = methodCol ? null : best(cols, (p) => p.methodPath, 0.6, "path");
  if ((methodCol && pathCol) || mergedCol) {
    if (methodCol) give(methodCol.p, "method", methodCol.by, Math.round(methodCol.p.method * methodCol.p.ne));
    const pc = (pathCol ?? mergedCol)!;
    give(pc.p, "path", pc.by, Math.round(pc.p.path * pc.p.ne));
    const status = best(free(), (p) => p.status, 0.6, "status");
    if (status) give(status.p, "status", status.by, Math.round(status.p.status * status.p.ne));
    const auth = best(free(), (p) => p.auth, 0.8, "auth");
    if (auth) give(auth.p, "auth", auth.by, Math.round(auth.p.auth * auth.p.ne));
    // The description: prose, different on every row (a plan or scope column repeats "All").
    // Between several prose columns content cannot tell which one describes: a header can.
    const prose = free().filter((p) => p.prose >= 0.3);
    const named = prose.filter((p) => headerSays(p, "description"));
    const desc =
      prose.length > 1 && named.length === 1
        ? { p: named[0]!, by: "header" as const }
        : best(prose, (p) => (p.prose + Math.min(p.avgWords, 10) / 20) * (0.5 + p.distinct / 2), 0.3, "description");
    if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
    const roles: EndpointRoles = {
      ...(methodCol ? { method: methodCol.p.j } : {}),
      path: pc.p.j,
      ...(desc ? { description: desc.p.j } : {}),
      ...(auth ? { auth: auth.p.j } : {}),
      ...(status ? { status: status.p.j } : {}),
    };
    const conf = methodCol ? (methodCol.p.method + pc.p.path) / 2 : pc.p.methodPath;
    const reason = methodCol
      ? `column ${methodCol.p.j + 1} holds HTTP methods and column ${pc.p.j + 1} paths: a list of endpoints`
      : `column ${pc.p.j + 1} holds "METHOD /path" cells: a list of endpoints`;
    return { kind: "endpoints", roles, methodInPath: !methodCol, confidence: round(conf), reason, evidence: evidence() };
  }

  // 2. Field lists (columns, parameters, body fields): a column of types beside a column of names.
  const typeCol = best(cols, (p) => (p.ne >= rows.length * 0.5 ? p.typeAvg : 0), 0.6, "type");
  const nameCol = typeCol ? best(cols.filter((p) => p !== typeCol.p), (p) => p.nameScore, 0.6, "name") : null;
  if (typeCol && nameCol) return fieldList(cols, rows.length, typeCol, nameCol, context, given, give, free, evidence);
  // A Type header over short word-like cells the reader does not know as types ("v64", "objectid"),
  // beside a column of names: still a table's columns (the builder says which types it cannot read).
  if (!typeCol) {
    const byHeader = cols.find((p) => headerSays(p, "type") && p.ne >= rows.length * 0.5 && p.cells.every((c) => c.empty || /^[A-Za-z0-9][\w()., ]{0,30}$/.test(c.t)));
    const named = byHeader ? best(cols.filter((p) => p !== byHeader), (p) => p.nameScore, 0.6, "name") : null;
    if (byHeader && named && headerSays(named.p, "name")) return fieldList(cols, rows.length, { p: byHeader, by: "header" }, named, context, given, give, free, evidence);
  }

  // 3. Indexes: a column of column lists beside index names, index kinds, or under an "Indexes" heading.
  const idx = indexTable(cols, context, give, evidence);
  if (idx) return idx;

  // 4. Enum values: one column of code-like tokens, the rest prose.
  const en = enumTable(cols, rows.length, give, free, evidence);
  if (en) return en;

  const why = typeCol ? "a column of types but no column of names" : "no column of types, methods/paths, index columns or enum values";
  given.clear();
  return other(`${why}: not a table the reader uses`, typeCol ? 0.7 : 1);
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

function fieldList(
  cols: Profile[],
  nrows: number,
  typeCol: { p: Profile; by: RoleEvidence["by"] },
  nameCol: { p: Profile; by: RoleEvidence["by"] },
  context: TableContext,
  given: Map<number, Assign>,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  free: () => Profile[],
  evidence: () => RoleEvidence[],
): TableShape {
  const tp = typeCol.p;
  const np = nameCol.p;
  give(tp, "type", typeCol.by, tp.typeMatched);
  give(np, "name", nameCol.by, np.nameMatched);

  // Schema evidence: keys/references/not null in the type cell or a constraint-like column,
  // database-only type words, a type cell with constraints after it.
  let strongRows = 0;
  let typeHasConstraints = false;
  let sqlTyped = 0;
  let apiTyped = 0;
  // A constraints column is one whose cells are mostly constraint phrases; a Notes column with
  // a few FK hints among prose and value lists stays notes (the lead reads its content). When
  // the type cells already carry the constraints ("uuid pk"), another column needs more to count.
  const consShare = (p: Profile) => (p.ne ? p.consMatched / p.ne : 0);
  const typeCarries = tp.cells.some((c) => c.type.constraints);
  const isConstraints = (p: Profile) => p.consAvg >= 0.5 && consShare(p) >= (typeCarries ? 0.75 : 0.6);
  const consCols = cols.filter((p) => p !== tp && p !== np && isConstraints(p) && !p.allYesNo);
  for (let i = 0; i < nrows; i++) {
    const tc = tp.cells[i]!;
    if (tc.type.constraints) typeHasConstraints = true;
    if (tc.type.family === "sql" || tc.type.family === "prisma") sqlTyped++;
    else if (tc.type.family === "generic" || tc.type.family === "common") apiTyped++;
    if ((tc.type.constraints && STRONG.test(tc.t)) || consCols.some((p) => p.cells[i]!.cons.strong)) strongRows++;
  }
  const sqlShare = sqlTyped + apiTyped ? sqlTyped / (sqlTyped + apiTyped) : 0;

  // The other columns, by what their cells hold.
  const rest = free();
  let location: Profile | undefined;
  const yesNoCols: Profile[] = [];
  let defaultCol: Profile | undefined;
  let valuesCol: Profile | undefined;
  const constraints: Profile[] = [];
  const notes: Profile[] = [];
  // The column of allowed-value lists, if any (found only when a decision needs it).
  let vf: Profile | null | undefined;
  const valuesFor = () => (vf === undefined ? (vf = rest.find((p) => p.list >= 0.5 && p.consAvg < 0.5) ?? null) : vf);
  for (const p of rest) {
    if (p.ne === 0) {
      notes.push(p);
      continue;
    }
    if (p.location >= 0.6) {
      location ??= p;
      if (location === p) continue;
    }
    // An "Index" column says how the column is indexed ("None", "{ email: 1 }", "Yes"): never its default.
    if (/^(?:index|indexes|indexed|idx|索引|índice|indice|indizes|インデックス|인덱스)$/.test(normHeader(p.header))) {
      notes.push(p);
      continue;
    }
    if (p.allYesNo) {
      yesNoCols.push(p);
      continue;
    }
    // Defaults: short literals (0, true, 'x', now(), or one of the row's allowed values).
    if (!defaultCol && p.avgWords <= 2 && p !== valuesFor()) {
      const vals = valuesFor();
      let sum = 0;
      let hard = 0;
      for (let i = 0; i < p.cells.length; i++) {
        const c = p.cells[i]!;
        if (c.empty) continue;
        const s = literalScore(c.t, vals ? vals.cells[i]!.t : null);
        sum += s;
        if (s === 1) hard++;
      }
      if (hard > 0 && sum / p.ne >= 0.5) {
        defaultCol = p;
        continue;
      }
    }
    if (isConstraints(p)) {
      constraints.push(p);
      continue;
    }
    if (p === valuesFor()) {
      valuesCol = p;
      continue;
    }
    notes.push(p);
  }

  // Which way a yes/no column points: its words ("nullable", "required"), else the key row
  // (an id is never nullable and always required), else the header, else "required".
  const polarity = (p: Profile): { role: "nullable" | "required"; by: RoleEvidence["by"] } => {
    let nul = 0, req = 0;
    for (const c of p.cells) {
      if (c.yesNo === "nullable" || c.yesNo === "notnull") nul++;
      else if (c.yesNo === "required" || c.yesNo === "optional") req++;
    }
    if (nul > req) return { role: "nullable", by: "content" };
    if (req > nul) return { role: "required", by: "content" };
    const keyRow = findKeyRow(np, tp, constraints, notes);
    if (keyRow >= 0) {
      const v = p.cells[keyRow]!.yesNo;
      if (v === "no") return { role: "nullable", by: "content" };
      if (v === "yes") return { role: "required", by: "content" };
    }
    if (headerSays(p, "nullable")) return { role: "nullable", by: "header" };
    if (headerSays(p, "required")) return { role: "required", by: "header" };
    return { role: "required", by: "position" };
  };
  let nullable: Profile | undefined;
  let required: Profile | undefined;
  for (const p of yesNoCols) {
    const r = polarity(p);
    if (r.role === "nullable" && !nullable) (nullable = p), give(p, "nullable", r.by, p.ne);
    else if (r.role === "required" && !required) (required = p), give(p, "required", r.by, p.ne);
    else notes.push(p);
  }

  // columns vs parameters vs body fields.
  let kind: "columns" | "query-params" | "body-fields";
  let reason: string;
  let conf = (tp.typeMatched / Math.max(tp.ne, 1) + np.nameScore) / 2;
  const nullableByContent = !!nullable && given.get(nullable.j)?.by === "content";
  if (location) {
    kind = "query-params";
    reason = `column ${location.j + 1} says where each parameter goes (query/path): parameters of an endpoint`;
  } else if (strongRows > 0 || typeHasConstraints || sqlShare >= 0.5 || nullableByContent) {
    kind = "columns";
    reason = strongRows > 0
      ? `column ${tp.j + 1} holds types and ${strongRows} row(s) state keys, references or NOT NULL: a table's columns`
      : typeHasConstraints
        ? `column ${tp.j + 1} holds types with constraints after them ("uuid pk"): a table's columns`
        : sqlShare >= 0.5
          ? `column ${tp.j + 1} holds database types (${Math.round(sqlShare * 100)}%): a table's columns`
          : `column ${nullable!.j + 1} says which columns are nullable: a table's columns`;
  } else if (context.document === "schema" && np.fieldPaths === 0) {
    kind = "columns";
    conf *= 0.7;
    reason = `names and generic types (${tp.header || `column ${tp.j + 1}`}) in a schema document: read as a table's columns`;
  } else {
    // Parameters vs body fields: content first (a default column, pagination/sort names), then the
    // header and heading words.
    let queryNames = 0;
    for (const c of np.cells) if (!c.empty && QUERY_NAMES.test(c.t)) queryNames++;
    let q = 0, b = 0;
    if (defaultCol && constraints.length === 0) q += 0.5;
    else if (defaultCol) q += 0.3;
    if (np.ne > 0 && queryNames / np.ne >= 0.5) q += 1;
    if (np.fieldPaths > 0) b += 1;
    if (tp.cells.some((c) => /^(?:object|array|file)\b/i.test(c.t))) b += 0.3;
    const paramHeader = /^(?:param|parameter|query param(?:eter)?|参数|参数名|parámetro|paramètre|parametro|パラメータ)s?$/.test(normHeader(np.header));
    const fieldHeader = /^(?:field|field name|字段|字段名|campo|feld|champ|フィールド|medan|property|attribute)s?$/.test(normHeader(np.header));
    if (paramHeader) q += 0.6;
    if (fieldHeader) b += 0.6;
    if (context.heading && QUERY_HEADING.test(context.heading)) q += 0.4;
    if (context.heading && BODY_HEADING.test(context.heading)) b += 0.4;
    kind = q > b ? "query-params" : "body-fields";
    const byHeader = (q > b ? paramHeader : fieldHeader) && Math.abs(q - b) <= 0.6 + 0.4 + 1e-9 && !(defaultCol || queryNames || np.fieldPaths);
    conf *= byHeader ? 0.6 : 0.8;
    reason = kind === "query-params"
      ? `names and API types${defaultCol ? ` with defaults in column ${defaultCol.j + 1}` : ""}${byHeader ? " (parameters by the header words)" : ""}: parameters of an endpoint`
      : `names and API types${np.fieldPaths ? " with dotted field paths" : ""}${byHeader ? " (fields by the header words)" : ""}: fields of a request or response body`;
  }
  if (context.document === "api" && kind === "columns" && strongRows === 0 && !typeHasConstraints) conf *= 0.8;

  if (kind === "columns") {
    if (defaultCol) give(defaultCol, "default", "content", defaultCol.ne);
    for (const p of constraints) give(p, "constraints", "content", p.consMatched);
    // A column of allowed values in a table of columns is notes the reader reads.
    if (valuesCol) notes.push(valuesCol);
    notes.sort((a, b) => a.j - b.j);
    for (const p of notes) if (!given.has(p.j)) give(p, "notes", "content", p.ne);
    if (location) give(location, "notes", "content", location.ne);
    const roles: ColumnRoles = {
      name: np.j,
      type: tp.j,
      constraints: constraints.map((p) => p.j),
      ...(defaultCol ? { default: defaultCol.j } : {}),
      ...(nullable ? { nullable: nullable.j } : {}),
      ...(required ? { required: required.j } : {}),
      notes: cols.filter((p) => given.get(p.j)?.role === "notes").map((p) => p.j),
    };
    return { kind, roles, typeHasConstraints, confidence: round(conf), reason, evidence: evidence() };
  }
  // Parameters and body fields: a nullable column is read as "required" the other way round by the lead.
  if (nullable && !required) {
    required = nullable;
    given.set(nullable.j, { role: "required", by: given.get(nullable.j)!.by, matched: nullable.ne });
  }
  if (location) give(location, "location", "content", Math.round(location.location * location.ne));
  if (defaultCol) give(defaultCol, "default", "content", defaultCol.ne);
  if (valuesCol) give(valuesCol, "values", "content", Math.round(valuesCol.list * valuesCol.ne));
  for (const p of constraints) give(p, "constraints", "content", p.consMatched);
  const desc = best(notes.filter((p) => !given.has(p.j)), (p) => p.prose + Math.min(p.avgWords, 10) / 20, 0.25, "description");
  if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
  const roles: FieldRoles = {
    name: np.j,
    type: tp.j,
    ...(required ? { required: required.j } : {}),
    ...(defaultCol ? { default: defaultCol.j } : {}),
    constraints: constraints.map((p) => p.j),
    ...(valuesCol ? { values: valuesCol.j } : {}),
    ...(location ? { location: location.j } : {}),
    ...(desc ? { description: desc.p.j } : {}),
  };
  return { kind, roles, confidence: round(conf), reason, evidence: evidence() };
}

/** The row of the primary key (a key phrase in any cell of the row, else the row named "id"), or -1. */
function findKeyRow(np: Profile, tp: Profile, constraints: Profile[], notes: Profile[]): number {
  const n = np.cells.length;
  for (let i = 0; i < n; i++) {
    for (const p of [tp, ...constraints, ...notes]) {
      if (/\b(?:pk|primary\s+key)\b|主键|主キー/i.test(p.cells[i]!.t)) return i;
    }
  }
  for (let i = 0; i < n; i++) if (np.cells[i]!.t.toLowerCase() === "id") return i;
  return -1;
}

function indexTable(
  cols: Profile[],
  context: TableContext,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  evidence: () => RoleEvidence[],
): TableShape | null {
  if (cols.some((p) => p.typeAvg >= 0.6 && p.ne > 0)) return null;
  // A Required or Nullable column (是否必填 | 是/否) belongs to a table of columns, whatever its types look like.
  if (cols.some((p) => headerSays(p, "required") || headerSays(p, "nullable"))) return null;
  const nameCol = best(cols, (p) => p.indexName, 0.5, "indexName");
  const rest = cols.filter((p) => p !== nameCol?.p);
  const kindCol = best(rest, (p) => (p.indexKind > 0 && p.keyKind >= 0.6 ? p.keyKind : p.allYesNo ? 0.6 : 0), 0.6, "unique");
  const listCols = rest.filter((p) => p !== kindCol?.p && p.identList >= 0.8 && p.ne > 0);
  // Under an "Indexes" heading the lists alone will do, if they are lower-case names (not "II", "Core").
  const heading = !!context.heading && INDEX_HEADING.test(context.heading) && listCols.some((p) => p.cells.every((c) => c.empty || /^\(?[a-z_]/.test(c.t)));
  // A yes/no column alone ("Auth required | No") does not make index kinds: its header must say so.
  const kinds = kindCol && (kindCol.p.indexKind > 0 || headerSays(kindCol.p, "unique")) ? kindCol : undefined;
  if (listCols.length === 0 || (!nameCol && !kinds && !heading)) return null;
  // Index columns: the one with "a, b" lists, else the one with more distinct values (a table
  // column repeats its few table names).
  const colsCol = best(listCols, (p) => 0.5 + p.multiList + p.distinct / 4, 0, "indexColumns")!;
  const tableCol = best(listCols.filter((p) => p !== colsCol.p && p.multiList === 0), (p) => 1 - p.distinct / 2, 0, "table");
  if (nameCol) give(nameCol.p, "name", nameCol.by, Math.round(nameCol.p.indexName * nameCol.p.ne));
  give(colsCol.p, "columns", colsCol.by, Math.round(colsCol.p.identList * colsCol.p.ne));
  if (tableCol) give(tableCol.p, "table", tableCol.by, tableCol.p.ne);
  if (kindCol) give(kindCol.p, "unique", kindCol.by, Math.round(kindCol.p.keyKind * kindCol.p.ne));
  const roles: IndexRoles = {
    ...(nameCol ? { name: nameCol.p.j } : {}),
    columns: colsCol.p.j,
    ...(tableCol ? { table: tableCol.p.j } : {}),
    ...(kindCol ? { unique: kindCol.p.j } : {}),
  };
  const why = nameCol ? `index names in column ${nameCol.p.j + 1}` : kindCol ? `index/key kinds in column ${kindCol.p.j + 1}` : `the heading "${context.heading}"`;
  return {
    kind: "indexes",
    roles,
    confidence: round(nameCol || kindCol ? colsCol.p.identList : colsCol.p.identList * 0.6),
    reason: `column ${colsCol.p.j + 1} lists columns, with ${why}: indexes`,
    evidence: evidence(),
  };
}

function enumTable(
  cols: Profile[],
  nrows: number,
  give: (p: Profile, role: string, by: RoleEvidence["by"], matched: number) => void,
  free: () => Profile[],
  evidence: () => RoleEvidence[],
): TableShape | null {
  const tokenCols = cols.filter((p) => p.ne === nrows && p.enumToken >= 0.8);
  if (tokenCols.length !== 1 || nrows < 2) return null;
  const v = tokenCols[0]!;
  if (v.distinct < 1 || v.errorWord >= 0.5) return null;
  for (const p of cols) {
    if (p === v || p.ne === 0) continue;
    // Error-code tables (an HTTP status column), version tables, and rules tables are not enums;
    // beside the values there are only descriptions or labels.
    if (p.status >= 0.5 || p.version >= 0.5 || p.typeAvg >= 0.3 || p.consAvg >= 0.25 || p.enumToken >= 0.5) return null;
    if (p.prose < 0.5 && p.cells.some((c) => !c.empty && !/^[\p{L}][\p{L} .'-]*$/u.test(c.t))) return null;
  }
  give(v, "value", "content", Math.round(v.enumToken * v.ne));
  const desc = best(free(), (p) => p.prose, 0.3, "description");
  if (desc) give(desc.p, "description", desc.by, Math.round(desc.p.prose * desc.p.ne));
  return {
    kind: "enum-values",
    roles: { value: v.j, ...(desc ? { description: desc.p.j } : {}) },
    confidence: round(v.enumToken * (desc ? 1 : 0.7)),
    reason: `column ${v.j + 1} holds distinct code-like values${desc ? ` described in column ${desc.p.j + 1}` : ""}: enum values`,
    evidence: evidence(),
  };
}
