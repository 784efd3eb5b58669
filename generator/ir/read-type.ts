// Reading type texts: what a column type as written means ("varchar(200)",
// "TIMESTAMP WITH TIME ZONE", "enum(low, high)", "String?", "text[]", "Optional[str]",
// "string | null", "vector(768)"). The one place that reads type texts; the emitters read the
// ColumnType it produces (ir/types.ts). docs/spec-format.md ("Types") lists every spelling.
import type { ColumnType, DefaultValue, ScalarType } from "./types.js";
import { snakeCase } from "../base/naming.js";
import { typeWordAt, type TypeWord } from "../base/type-words.js";

export interface TypeReading {
  /** null when the type is not understood. */
  readonly type: ColumnType | null;
  /** serial / bigserial: the column counts up by itself. */
  readonly increment: boolean;
  /** Written nullable: a trailing "?" (Prisma), `Optional[X]` / `X | None` (Python), `X | null` (TypeScript). */
  readonly nullable: boolean;
  /** Text after the type ("varchar(200) required" -> "required"), read as constraints. */
  readonly rest: string;
  readonly restAt: number;
  /** Why a recognised type cannot be used (xml, arrays of arrays, vector without a size): an error. */
  readonly problem?: string;
  /** What to write instead, for the error's hint line. */
  readonly hint?: string;
  /** A faithful reading that still loses something worth telling (citext: comparisons are case-sensitive). */
  readonly note?: string;
  /**
   * Rules written inside the type's own parentheses that are none of its values ("enum('a', 'b',
   * default 'a')": "default 'a'"), each at its offset in the text; read as the column's constraints.
   */
  readonly inside?: readonly { text: string; at: number }[];
}

/** The hint of "a type that is not understood" (SF103). */
export const KNOWN_TYPES_HINT =
  "use one of: string, varchar(n), char(n), text, smallint, integer, bigint, serial, uuid, boolean, timestamp, date, time, interval, " +
  "decimal(p,s), float, json, bytea, inet, cidr, macaddr, vector(n), enum(a, b), an enum's name, or an array such as text[]";

/** pgvector's limit on vector(n). */
export const MAX_VECTOR_DIMENSIONS = 16000;

interface Made {
  readonly type: ColumnType;
  readonly increment?: boolean;
  readonly problem?: string;
  readonly hint?: string;
  readonly note?: string;
  readonly inside?: readonly { text: string; at: number }[];
}

const unsupported = (what: string, hint: string): Made => ({ type: { kind: "text" }, problem: `${what} is not supported`, hint });

/** A Django model field's keyword argument ("max_length=254", "decimal_places = 2"), or undefined. */
const djangoArg = (args: string | undefined, name: string): number | undefined => {
  const m = args ? new RegExp(`\\b${name}\\s*=\\s*(\\d+)`).exec(args) : null;
  return m ? Number(m[1]) : undefined;
};

/** Django's model field classes ("CharField(max_length=150)", "BigAutoField", "DecimalField(max_digits=10, decimal_places=2)"). */
function djangoField(name: string, args: string | undefined): Made | null {
  // name: the class without "Field" ("Char", "BigAuto", "PositiveInteger").
  const n = name.toLowerCase();
  const len = djangoArg(args, "max_length");
  if (/^(?:char|slug|email|url|filepath|file|image)$/.test(n)) return { type: len !== undefined ? { kind: "string", maxLength: len } : { kind: "string" } };
  if (n === "text") return { type: { kind: "text" } };
  if (n === "auto") return { type: { kind: "integer" }, increment: true };
  if (n === "bigauto") return { type: { kind: "bigint" }, increment: true };
  if (n === "smallauto") return { type: { kind: "integer", small: true }, increment: true };
  if (/^(?:positive)?integer$/.test(n)) return { type: { kind: "integer" } };
  if (/^(?:positive)?smallinteger$/.test(n)) return { type: { kind: "integer", small: true } };
  if (/^(?:positive)?biginteger$/.test(n)) return { type: { kind: "bigint" } };
  if (/^(?:null)?boolean$/.test(n)) return { type: { kind: "boolean" } };
  if (n === "datetime") return { type: { kind: "timestamp" } };
  if (n === "date") return { type: { kind: "date" } };
  if (n === "time") return { type: { kind: "time" } };
  if (n === "duration") return { type: { kind: "interval" } };
  if (n === "float") return { type: { kind: "float" } };
  if (n === "uuid") return { type: { kind: "uuid" } };
  if (n === "json") return { type: { kind: "json" } };
  if (n === "binary") return { type: { kind: "bytes" } };
  if (/^(?:genericipaddress|ipaddress)$/.test(n)) return { type: { kind: "inet" } };
  if (n === "decimal") {
    const p = djangoArg(args, "max_digits");
    const sc = djangoArg(args, "decimal_places");
    return { type: { kind: "decimal", ...(p !== undefined ? { precision: p } : {}), ...(sc !== undefined ? { scale: sc } : {}) } };
  }
  return null;
}

const TYPE_RULES: readonly [RegExp, (m: RegExpExecArray) => Made][] = [
  // Django's field classes, before the SQL words their names start with ("CharField" is not "char").
  [
    /(?:models\.)?(Char|Slug|Email|URL|Url|FilePath|File|Image|Text|(?:Big|Small)?Auto|(?:Positive)?(?:Small|Big)?Integer|(?:Null)?Boolean|DateTime|Date|Time|Duration|Float|UUID|Uuid|JSON|Json|Binary|(?:Generic)?IPAddress|Decimal)Field\s*(?:\(([^()]*)\))?(?![\w])/y,
    (m) => djangoField(m[1]!, m[2])!,
  ],
  // Types written in words: "ISO-8601 datetime string", "ISO 8601 date", "array of objects",
  // "list of strings", "full threshold object".
  [/iso[-\s]?8601\s+(?:date[-\s]?time|timestamp|instant)(?:\s+(?:string|text))?(?![\w])/iy, () => ({ type: { kind: "timestamp" } })],
  [/iso[-\s]?8601\s+date(?:\s+(?:string|text))?(?![\w])/iy, () => ({ type: { kind: "date" } })],
  [/(?:array|list)\s+of\s+(?:strings|texts)(?![\w])/iy, () => ({ type: { kind: "array", of: { kind: "text" } } })],
  [/(?:array|list)\s+of\s+(?:integers|ints)(?![\w])/iy, () => ({ type: { kind: "array", of: { kind: "integer" } } })],
  [/(?:array|list)\s+of\s+[a-z_]+(?![\w])/iy, () => ({ type: { kind: "json" } })],
  [/(?:[a-z]+\s+){1,3}(?:object|map|dictionary)(?![\w])/iy, () => ({ type: { kind: "json" } })],
  [
    // "NVARCHAR(MAX)" (SQL Server): no length limit.
    /(?:character\s+varying|varchar2?|nvarchar2?|string|str)(?:\s*\(\s*(?:(\d+)|max)\s*\))?(?![\w])/iy,
    (m) => ({ type: m[1] ? { kind: "string", maxLength: Number(m[1]) } : { kind: "string" } }),
  ],
  // char(n) is blank-padded to n; without a length it reads as a plain string (as people mean it).
  [
    /(?:character|char|nchar|bpchar)(?:\s*\(\s*(\d+)\s*\))?(?![\w])/iy,
    (m) => ({ type: m[1] ? { kind: "string", maxLength: Number(m[1]), fixed: true } : { kind: "string" } }),
  ],
  [/(?:text|longtext|mediumtext|tinytext|n?clob|ntext)(?![\w])/iy, () => ({ type: { kind: "text" } })],
  [
    /citext(?![\w])/iy,
    () => ({ type: { kind: "text" }, note: "citext is stored as text: comparisons and unique checks are case-sensitive (store the text lower-cased to compare without case)" }),
  ],
  [/(?:bigserial|serial8)(?![\w])/iy, () => ({ type: { kind: "bigint" }, increment: true })],
  [/(?:smallserial|serial2)(?![\w])/iy, () => ({ type: { kind: "integer", small: true }, increment: true })],
  [/(?:serial4|serial)(?![\w])/iy, () => ({ type: { kind: "integer" }, increment: true })],
  [/(?:bigint|int8|biginteger|long)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "bigint" } })],
  // tinyint (MySQL, one byte) has no PostgreSQL twin: smallint holds every value it can.
  [/(?:smallint|int2|tinyint)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "integer", small: true } })],
  [/(?:integer|int4|int|mediumint)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "integer" } })],
  [/(?:uuid|guid|uniqueidentifier)(?![\w])/iy, () => ({ type: { kind: "uuid" } })],
  [/(?:boolean|bool)(?![\w])/iy, () => ({ type: { kind: "boolean" } })],
  [
    // SQL Server's datetime2, datetimeoffset and smalldatetime, Oracle's "with local time zone" too.
    /(?:timestamptz|timestamps?(?:\s*\(\s*\d\s*\))?(?:\s+with(?:out)?(?:\s+local)?\s+(?:time\s+zone|tz))?|(?:small)?datetime(?:2|offset)?(?:\s*\(\s*\d\s*\))?|date\s*time)(?![\w])/iy,
    () => ({ type: { kind: "timestamp" } }),
  ],
  // "Date" stays a calendar day: SQL's DATE and a table's "Date" mean one far more often than TypeScript's Date does.
  [/date(?![\w])/iy, () => ({ type: { kind: "date" } })],
  [/(?:timetz|time(?:\s*\(\s*\d\s*\))?(?:\s+with(?:out)?\s+time\s+zone)?)(?![\w])/iy, () => ({ type: { kind: "time" } })],
  [/(?:interval(?:\s*\(\s*\d\s*\))?|timedelta)(?![\w])/iy, () => ({ type: { kind: "interval" } })],
  // money prints with the locale's currency sign in PostgreSQL ("$1,234.00") and keeps four
  // decimals in SQL Server: numeric(19,4) holds the values of both as plain numbers (smallmoney: 10,4).
  [/money(?![\w])/iy, () => ({ type: { kind: "decimal", precision: 19, scale: 4 } })],
  [/smallmoney(?![\w])/iy, () => ({ type: { kind: "decimal", precision: 10, scale: 4 } })],
  // Oracle's NUMBER(p, s) is numeric(p, s); NUMBER(p) a whole number of p digits. "number" alone
  // (TypeScript, JSON) stays a float, below.
  [
    /number\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)(?![\w])/iy,
    (m) => {
      const p = Number(m[1]);
      const sc = m[2] ? Number(m[2]) : 0;
      if (sc > 0) return { type: { kind: "decimal", precision: p, scale: sc } };
      return { type: p <= 4 ? { kind: "integer", small: true } : p <= 9 ? { kind: "integer" } : p <= 18 ? { kind: "bigint" } : { kind: "decimal", precision: p, scale: 0 } };
    },
  ],
  [
    /(?:decimal|numeric)(?:\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?(?![\w])/iy,
    (m) => ({
      type: {
        kind: "decimal",
        ...(m[1] ? { precision: Number(m[1]) } : {}),
        ...(m[2] ? { scale: Number(m[2]) } : {}),
      },
    }),
  ],
  [/(?:double\s+precision|double|float[48]?|real|number)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => ({ type: { kind: "float" } })],
  [/(?:jsonb|json)(?![\w])/iy, () => ({ type: { kind: "json" } })],
  [/(?:bytea|bytes|blob|longblob|mediumblob|tinyblob|varbinary|binary|bytearray|raw)(?:\s*\(\s*(?:\d+|max)\s*\))?(?![\w])/iy, () => ({ type: { kind: "bytes" } })],
  [/inet(?![\w])/iy, () => ({ type: { kind: "inet" } })],
  [/cidr(?![\w])/iy, () => ({ type: { kind: "cidr" } })],
  [/macaddr8(?![\w])/iy, () => unsupported("macaddr8 (EUI-64)", "use macaddr (six bytes), or text")],
  [/macaddr(?![\w])/iy, () => ({ type: { kind: "macaddr" } })],
  [
    /vector(?:\s*\(\s*(\d+)\s*\))?(?![\w])/iy,
    (m) => {
      if (!m[1]) return { type: { kind: "text" }, problem: "a vector needs its number of dimensions", hint: "write vector(n), e.g. vector(1536)" };
      const n = Number(m[1]);
      if (n < 1 || n > MAX_VECTOR_DIMENSIONS) return { type: { kind: "text" }, problem: `vector(${n}) is outside 1..${MAX_VECTOR_DIMENSIONS} dimensions`, hint: "pgvector allows 1 to 16000 dimensions" };
      return { type: { kind: "vector", dimensions: n } };
    },
  ],
  // The names document databases, ORMs and no-code tools give their types.
  [/(?:object\s*id|objectid|cuid2?|nanoid|ulid|ksuid)(?![\w])/iy, () => ({ type: { kind: "text" } })],
  [/(?:rich\s*text|title|markdown|html|email|e-mail|url|uri|phone(?:\s*number)?|slug|person|people)(?![\w])/iy, () => ({ type: { kind: "text" } })],
  // "BIT" alone (SQL Server's flag, PostgreSQL's bit(1)) holds a yes/no: boolean. bit(n), n > 1, is a bit string.
  [/(?:checkbox|bit\s*flag|yes\s*\/\s*no|bit(?:\s*\(\s*1\s*\))?(?![\w\s]*varying))(?![\w(])/iy, () => ({ type: { kind: "boolean" } })],
  [/(?:created\s+time|last\s+edited\s+time|instant|zoneddatetime|localdatetime|offsetdatetime)(?![\w])/iy, () => ({ type: { kind: "timestamp" } })],
  [/localdate(?![\w])/iy, () => ({ type: { kind: "date" } })],
  [/(?:single\s*select|select|status|dropdown|choice)(?![\w])/iy, () => ({ type: { kind: "text" } })],
  [
    /(?:array|list|set|multi[-\s]?select|tags)(?:\s*\(\s*\d+\s*\))?(?![\w<\[])|(?:object|mixed|map|dict|dictionary|hash|record|subschema|sub-?document|embedded|document|struct|jsonobject|jsonarray|any)(?![\w<\[])/iy,
    () => ({ type: { kind: "json" } }),
  ],
  [
    /enum\s*\(([^)]*)\)/iy,
    (m) => {
      const { values, rules } = enumParenthesis(m[1]!, m.index + m[0].indexOf("(") + 1);
      return { type: { kind: "enum", values }, ...(rules.length ? { inside: rules } : {}) };
    },
  ],
  // "enum [easy, hard]", "enum {a, b}": the values in brackets or braces.
  [/enum\s*\[([^\]]*)\]|enum\s*\{([^}]*)\}/iy, (m) => ({ type: { kind: "enum", values: splitValues(m[1] ?? m[2]!) } })],
  // "RecipeStatus (draft | published)": an enum named by the spec, its values beside the name.
  [/[A-Z][A-Za-z0-9]*\s*\(\s*([A-Za-z_][\w-]*(?:\s*\|\s*[A-Za-z_][\w-]*)+)\s*\)/y, (m) => ({ type: { kind: "enum", values: m[1]!.split("|").map((v) => v.trim()) } })],
  // "Enum" with no values: stored as text, and the builder warns (SF122).
  [/enum(?![\w(])/iy, () => ({ type: { kind: "enum", values: [] } })],
  // Known PostgreSQL types without a faithful JSON form here: an error that says what to do instead.
  [/xml(?![\w])/iy, () => unsupported("xml", "store the document in a text column")],
  [
    /(?:point|line|lseg|box|path|polygon|circle|geometry|geography)(?:\s*\([^)]*\))?(?![\w])/iy,
    () => unsupported("a geometric type", "store coordinates in float columns (lat, lng), or GeoJSON in a json column"),
  ],
  [/(?:tsvector|tsquery)(?![\w])/iy, () => unsupported("full-text search types", "keep the text in a text column: list endpoints search text columns with ILIKE")],
  [
    /(?:int4|int8|num|ts|tstz|date)(?:multi)?range(?![\w])/iy,
    () => unsupported("range types", "store the bounds in two columns (starts_at, ends_at)"),
  ],
  [/hstore(?![\w])/iy, () => unsupported("hstore", "use a json column")],
  [/(?:bit\s+varying|varbit|bit)(?:\s*\(\s*\d+\s*\))?(?![\w])/iy, () => unsupported("bit strings", "use boolean, bytea or text")],
];

/** "default 'medium'", "default: low", "defaults to low": a default written among an enum's values. */
const DEFAULT_PIECE = /^(?:default(?:\s+value)?|defaults\s+to)\b\s*[:=]?\s*\S/i;

/**
 * The inside of "enum(...)": its values, and the rules written among them that are no value
 * ("'low', 'medium', 'high', default 'medium'": the default), each with its offset (`from` is the
 * inside's offset in the text read).
 */
export function enumParenthesis(list: string, from = 0): { values: string[]; rules: { text: string; at: number }[] } {
  const rules: { text: string; at: number }[] = [];
  const kept: string[] = [];
  let at = 0;
  for (const piece of list.split(",")) {
    const lead = piece.length - piece.trimStart().length;
    if (DEFAULT_PIECE.test(piece.trim())) rules.push({ text: piece.trim(), at: from + at + lead });
    else kept.push(piece);
    at += piece.length + 1;
  }
  return { values: splitValues(kept.join(",")), rules };
}

export function splitValues(list: string): string[] {
  return list
    .split(",")
    .map((v) => v.trim().replace(/^(['"`])(.*)\1$/, "$2"))
    .filter((v) => v.length > 0);
}

interface Read {
  inside?: readonly { text: string; at: number }[];
  type: ColumnType;
  increment: boolean;
  nullable: boolean;
  end: number;
  problem?: string;
  hint?: string;
  note?: string;
}

type Named = ReadonlyMap<string, ColumnType> | undefined;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  return pos;
}

/** The array of `el` (what `X[]` means), or the reason there cannot be one. */
function arrayOf(el: Read): Read {
  const out: Read = { ...el, increment: false, nullable: false };
  const t = el.type;
  if (el.problem) return out;
  if (t.kind === "array") return { ...out, problem: "arrays of arrays are not supported", hint: "store nested lists in a json column" };
  if (t.kind === "json") return { ...out, problem: "arrays of json are not supported", hint: "a json column holds a list already" };
  if (t.kind === "vector") return { ...out, problem: "arrays of vectors are not supported", hint: "store each vector in a row of its own" };
  if (el.increment) return { ...out, problem: "an array cannot count up (serial)", hint: "use integer[]" };
  // An enum with no values has nothing to check: its elements are text.
  const of: ScalarType = t.kind === "enum" && t.values.length === 0 ? { kind: "text" } : t;
  return { ...out, type: { kind: "array", of: of as Exclude<ScalarType, { kind: "json" }> } };
}

/** The closing bracket after `pos` (spaces allowed before it); -1 when it is not there. */
function closing(text: string, pos: number, close: string): number {
  const p = skipSpace(text, pos);
  return text[p] === close ? p + 1 : -1;
}

/** A type starting at `pos`, with its wrappers (Optional[...], list[...]) and suffixes ([], ARRAY, ?, | null). */
function readType(text: string, pos: number, named: Named, depth = 0): Read | null {
  if (depth > 4) return null;
  pos = skipSpace(text, pos);
  let r: Read | null = null;
  let m: RegExpExecArray | null;
  if ((m = at(/(?:typing\.)?Optional\s*\[/y, text, pos))) {
    const inner = readType(text, pos + m[0].length, named, depth + 1);
    const end = inner ? closing(text, inner.end, "]") : -1;
    if (!inner || end < 0) return null;
    r = { ...inner, nullable: true, end };
  } else if ((m = at(/(?:typing\.)?(?:list|List|Sequence)\s*\[/y, text, pos))) {
    const inner = readType(text, pos + m[0].length, named, depth + 1);
    const end = inner ? closing(text, inner.end, "]") : -1;
    if (!inner || end < 0) return null;
    r = { ...arrayOf(inner), end };
  } else if ((m = at(/\[\s*(?=[A-Za-z])/y, text, pos))) {
    // "[String]", "[Number]": a document store's array of a scalar (an array of an entity, "[Tag]",
    // is no type here: entity-types.ts reads it).
    const inner = readType(text, pos + m[0].length, named, depth + 1);
    const end = inner ? closing(text, inner.end, "]") : -1;
    if (!inner || end < 0) return null;
    r = { ...arrayOf(inner), end };
  } else if ((m = at(/(?:Array|ARRAY|array)\s*([<(])(?!\s*\d+\s*\))/y, text, pos))) {
    const inner = readType(text, pos + m[0].length, named, depth + 1);
    const end = inner ? closing(text, inner.end, m[1] === "<" ? ">" : ")") : -1;
    if (!inner || end < 0) return null;
    r = { ...arrayOf(inner), end };
  } else {
    r = readNamed(text, pos, named) ?? readScalar(text, pos);
    if (!r) return null;
  }
  // Suffixes: X[] / X[3] / X ARRAY / X ARRAY[3] (each a dimension), X? and X | null.
  for (;;) {
    if ((m = at(/\s*\[\s*\d*\s*\]/y, text, r.end)) || (m = at(/\s+array(?:\s*\[\s*\d*\s*\])?(?![\w])/iy, text, r.end))) {
      r = { ...arrayOf(r), nullable: r.nullable, end: r.end + m[0].length };
      continue;
    }
    if (text[r.end] === "?") {
      r = { ...r, nullable: true, end: r.end + 1 };
      continue;
    }
    if ((m = at(/\s*\|\s*(?:null|undefined|None)(?![\w])|\s+or\s+null(?![\w])/y, text, r.end))) {
      r = { ...r, nullable: true, end: r.end + m[0].length };
      continue;
    }
    break;
  }
  return r;
}

/** A type written in another human language ("Ganzzahl", "Texto(100)", "Dezimalzahl (10,2)", "日付"): what it means. */
function madeOfWord(w: TypeWord): Made {
  switch (w.meaning) {
    case "string":
    case "text":
      return { type: w.length !== undefined ? { kind: "string", maxLength: w.length } : { kind: w.meaning } };
    case "decimal":
      return { type: { kind: "decimal", ...(w.length !== undefined ? { precision: w.length } : {}), ...(w.scale !== undefined ? { scale: w.scale } : {}) } };
    case "integer":
    case "bigint":
    case "date":
    case "time":
    case "boolean":
    case "float":
    case "json":
    case "bytes":
      return { type: { kind: w.meaning } };
    case "timestamp":
      return { type: { kind: "timestamp" } };
  }
}

function readScalar(text: string, pos: number): Read | null {
  // No word of another language is an English type word, nor starts one ("Texto" is not "text").
  const word = typeWordAt(text, pos);
  if (word) return { type: madeOfWord(word).type, increment: false, nullable: false, end: word.end };
  for (const [re, make] of TYPE_RULES) {
    const m = at(re, text, pos);
    if (!m) continue;
    const made = make(m);
    return {
      type: made.type,
      increment: made.increment ?? false,
      nullable: false,
      end: re.lastIndex,
      ...(made.problem ? { problem: made.problem } : {}),
      ...(made.hint ? { hint: made.hint } : {}),
      ...(made.note ? { note: made.note } : {}),
      ...(made.inside ? { inside: made.inside } : {}),
    };
  }
  return null;
}

/** A type written as a name the spec defines (CREATE TYPE status AS ENUM, a Prisma enum): "EventStatus", "public.task_column". */
function readNamed(text: string, pos: number, named: Named): Read | null {
  if (!named || named.size === 0) return null;
  const m = at(/"?((?:[A-Za-z_][\w]*\.)?([A-Za-z_][\w]*))"?(?![\w.])/y, text, pos);
  if (!m) return null;
  // Keys may be the name in lower case ("eventstatus") or in words ("event_status", as named-types.ts keys them).
  const keys = [m[1]!, m[2]!].flatMap((n) => [n.toLowerCase(), snakeCase(n)]);
  const type = keys.map((k) => named.get(k)).find((t) => t !== undefined);
  if (type && isBuiltinTypeWord(m[1]!) && !(type.kind === "enum" && type.name === m[1])) return null;
  return type ? { type, increment: false, nullable: false, end: pos + m[0].length } : null;
}

/** Type words every database reader knows ("TIMESTAMP", "date", "Integer"): never a spec's enum unless spelled as it. */
const BUILTIN_TYPE_WORDS = new Set([
  "timestamp", "timestamptz", "datetime", "date", "time", "timetz", "interval", "integer", "int", "bigint", "smallint",
  "boolean", "bool", "text", "varchar", "char", "uuid", "json", "jsonb", "decimal", "numeric", "float", "double", "real",
  "serial", "bigserial", "bytea", "string",
]);

export function isBuiltinTypeWord(word: string): boolean {
  return BUILTIN_TYPE_WORDS.has(word.toLowerCase());
}

/**
 * "varchar(200)", "TIMESTAMP WITH TIME ZONE", "enum(low, high)", "String?", "UUID FK", "text[]",
 * "Optional[list[str]]", "string | null", "EventStatus" (a name in `named`, keys lower-case).
 */
export function interpretType(text: string, named?: ReadonlyMap<string, ColumnType>): TypeReading {
  const r = readType(text, 0, named);
  if (!r) return { type: null, increment: false, nullable: false, rest: "", restAt: text.length };
  const restRaw = text.slice(r.end);
  const restAt = r.end + (restRaw.length - restRaw.trimStart().length);
  return {
    type: r.type,
    increment: r.increment,
    nullable: r.nullable,
    rest: restRaw.trim(),
    restAt,
    ...(r.problem ? { problem: r.problem } : {}),
    ...(r.problem && r.hint ? { hint: r.hint } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.inside ? { inside: r.inside } : {}),
  };
}

/**
 * A default written for a column of one of the types that only read as literals: arrays
 * ('{}', '{a,b}', [], ARRAY[]), bytes, inet, cidr, macaddr and interval ('1 day'). null when
 * `type` is none of those (the caller reads the default as before).
 */
export function interpretTypedDefault(d: { readonly text: string; readonly quoted: boolean }, type: ColumnType): DefaultValue | { problem: string } | null {
  const t = d.text.trim();
  switch (type.kind) {
    case "array": {
      if (/^(null|none)$/i.test(t) && !d.quoted) return { kind: "literal", value: null };
      if (/^(\[\s*\]|array\s*\[\s*\]|list(\(\))?|\{\s*\})$/i.test(t)) return { kind: "literal", value: "{}" };
      if (d.quoted && /^\{.*\}$/s.test(t)) return { kind: "literal", value: t };
      const json = /^\[.*\]$/s.test(t) ? parseJsonArray(t) : null;
      if (json) return { kind: "literal", value: arrayLiteral(json) };
      return { problem: `default ${t} is not a list: write '{}' or '{a,b}'` };
    }
    case "bytes":
    case "inet":
    case "cidr":
    case "macaddr":
    case "interval":
      if (/^(null|none)$/i.test(t) && !d.quoted) return { kind: "literal", value: null };
      if (d.quoted) return { kind: "literal", value: t };
      return { problem: `default ${t} for a ${type.kind} column must be quoted ('...')` };
    case "vector":
      if (/^(null|none)$/i.test(t) && !d.quoted) return { kind: "literal", value: null };
      return { problem: "a vector column takes no default" };
    default:
      return null;
  }
}

function parseJsonArray(t: string): unknown[] | null {
  try {
    const v = JSON.parse(t) as unknown;
    return Array.isArray(v) && v.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x)) ? v : null;
  } catch {
    return null;
  }
}

/** ["a", 1, null] -> {"a","1",NULL}: PostgreSQL's array literal, every element quoted. */
export function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(",")}}`;
}
