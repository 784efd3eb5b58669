// The one module that prints a ColumnType, in every form the generator writes it: SQL
// (migrations, casts), a short display text (explain, the drawn ERD, migration summaries),
// the spec's own words (`normalize`), a diagnostic's few words,
// Mermaid (ERD.md), JSON Schema (validators, OpenAPI), TypeScript (models, client types), and
// the formats both the validator and the database know. Also the two type-compatibility
// groupings: which type change keeps every stored value (isWidening, the database's view) and
// which one changes what API clients see (apiTypeChange, the API's view). They disagree on
// purpose about integer -> bigint: it widens in the database, but the API serves a bigint as a
// decimal string where it served a JSON number, so it breaks clients.
import type { Column, ColumnType } from "./types.js";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// ------------------------------------------------------------------ SQL

export function sqlType(t: ColumnType): string {
  switch (t.kind) {
    case "string":
      if (t.fixed) return `char(${t.maxLength})`;
      return t.maxLength !== undefined ? `varchar(${t.maxLength})` : "text";
    case "text":
    case "enum":
      return "text";
    case "integer":
      return t.small ? "smallint" : "integer";
    case "bigint":
      return "bigint";
    case "uuid":
      return "uuid";
    case "boolean":
      return "boolean";
    case "timestamp":
      return "timestamptz";
    case "date":
      return "date";
    case "time":
      return "time";
    case "decimal":
      return t.precision !== undefined ? `numeric(${t.precision}, ${t.scale ?? 0})` : "numeric";
    case "float":
      return "double precision";
    case "json":
      return "jsonb";
    case "bytes":
      return "bytea";
    case "inet":
    case "cidr":
    case "macaddr":
    case "interval":
      return t.kind;
    case "array":
      return `${sqlType(t.of)}[]`;
    case "vector":
      // With pgvector; without it the column is real[] with a CHECK on its length (vectorColumnType).
      return `vector(${t.dimensions})`;
  }
}

/**
 * PostgreSQL regular expressions (ARE) for the JSON Schema formats the validator knows: each is
 * permissive (everything ajv-formats accepts matches), and keeps out what is plainly not one.
 */
export const FORMAT_SQL: Readonly<Record<string, string>> = {
  email: "^[^@[:space:]]+@[^@[:space:]]+$",
  uri: "^[A-Za-z][A-Za-z0-9+.-]*:[^[:space:]]*$",
  uuid: "^([Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:)?[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$",
  hostname: "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\\.?$",
  ipv4: "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$",
  ipv6: "^[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*$",
  date: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
  "date-time": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt[:space:]][0-9]{2}:[0-9]{2}:[0-9]{2}([.][0-9]+)?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$",
};

/** The formats the validator (ajv-formats) and the database checks know. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set(Object.keys(FORMAT_SQL));

/** A format the validator and the database both know (JSON Schema's name for it); null for any other. */
export function knownFormat(format: string | undefined): string | null {
  return format !== undefined && Object.prototype.hasOwnProperty.call(FORMAT_SQL, format) ? format : null;
}

// ------------------------------------------------------------------ display

/** How a migration's summary and messages name a type: its SQL type, an enum with its values. */
export function describeType(t: ColumnType): string {
  if (t.kind === "enum") return `enum(${t.values.join(", ")})`;
  if (t.kind === "array") return `${describeType(t.of)}[]`;
  return sqlType(t);
}

/** How a column type is written for people (explain, the drawn ERD): SQL-like, short. */
export function typeText(t: ColumnType): string {
  switch (t.kind) {
    case "string":
      if (t.fixed) return `char(${t.maxLength})`;
      return t.maxLength !== undefined ? `varchar(${t.maxLength})` : "text";
    case "integer":
      return t.small ? "smallint" : "integer";
    case "decimal":
      return t.precision !== undefined ? `numeric(${t.precision},${t.scale ?? 0})` : "numeric";
    case "enum":
      // A named enum (CREATE TYPE, a Prisma enum) keeps its name beside its values.
      return `${t.name ? `${t.name} ` : ""}enum(${t.values.join(", ")})`;
    case "timestamp":
      return "timestamptz";
    case "json":
      return "jsonb";
    case "bytes":
      return "bytea";
    case "array":
      return `${typeText(t.of)}[]`;
    case "vector":
      return `vector(${t.dimensions})`;
    default:
      return t.kind;
  }
}

/** How a diagnostic names a type in few words: its kind, a string with its length. */
export function kindText(t: ColumnType): string {
  return t.kind === "string" && t.maxLength ? `string(${t.maxLength})` : t.kind;
}

/**
 * A type as the spec's own words, which read-type.ts reads back into `t` (`specforge
 * normalize`); a named enum by its name when `enums` (the top-level `enums:` written) holds
 * that name with these values.
 */
export function specTypeText(t: ColumnType, enums: ReadonlyMap<string, readonly string[]> = new Map()): string {
  switch (t.kind) {
    case "string":
      if (t.fixed && t.maxLength !== undefined) return `char(${t.maxLength})`;
      return t.maxLength !== undefined ? `varchar(${t.maxLength})` : "varchar";
    case "integer":
      return t.small ? "smallint" : "integer";
    case "decimal":
      return t.precision === undefined ? "decimal" : t.scale === undefined ? `decimal(${t.precision})` : `decimal(${t.precision},${t.scale})`;
    case "enum":
      return enumByName(t, enums) ? t.name! : `enum(${t.values.join(", ")})`;
    case "timestamp":
      return "timestamptz";
    case "bytes":
      return "bytea";
    case "array":
      return `${specTypeText(t.of, enums)}[]`;
    case "vector":
      return `vector(${t.dimensions})`;
    default:
      return t.kind;
  }
}

/** The enum is written as its name: `enums` holds that name with these values. */
export function enumByName(e: Extract<ColumnType, { kind: "enum" }>, enums: ReadonlyMap<string, readonly string[]>): boolean {
  const values = e.name ? enums.get(e.name) : undefined;
  return values !== undefined && same(values, e.values);
}

// ------------------------------------------------------------------ Mermaid

// Mermaid attribute names and types are bare words; anything else is replaced.
export const mermaidWord = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");

/** A column type as a Mermaid erDiagram attribute type (a bare word). */
export function mermaidType(t: ColumnType): string {
  switch (t.kind) {
    case "string":
      if (t.fixed) return `char_${t.maxLength}`;
      return t.maxLength ? `varchar_${t.maxLength}` : "varchar";
    case "integer":
      return t.small ? "smallint" : "integer";
    case "bytes":
      return "bytea";
    case "array":
      return `${mermaidType(t.of)}_array`;
    case "vector":
      return `vector_${t.dimensions}`;
    case "enum":
      // A named enum shows its name (a bare word); its values are in the comment either way.
      return t.name ? mermaidWord(t.name) : "enum";
    case "decimal":
      return t.precision !== undefined ? `decimal_${t.precision}_${t.scale ?? 0}` : "decimal";
    case "timestamp":
      return "timestamptz";
    case "json":
      return "jsonb";
    default:
      return t.kind;
  }
}

// ------------------------------------------------------------------ JSON Schema

export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;
export const INT2_MIN = -32768;
export const INT2_MAX = 32767;
/** Largest float4 (real): a vector's numbers past it overflow in the database. */
export const FLOAT4_MAX = 3.4028234663852886e38;
/** How many elements a list column takes in one request (a bound, not a database limit). */
export const MAX_ARRAY_ITEMS = 1000;

// ---- Patterns of the types JSON has no format for (JSON Schema `pattern`: ECMA-262, no flags).
const HEX4 = "[0-9A-Fa-f]{1,4}";
const IPV4 = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}";
/** Every IPv6 text form: eight groups, "::" standing for one or more zero groups, an IPv4 tail. */
const IPV6 = (() => {
  const alts = [`(?:${HEX4}:){7}${HEX4}`, `(?:${HEX4}:){6}${IPV4}`];
  for (let l = 0; l <= 7; l++) {
    const left = l === 0 ? "::" : `(?:${HEX4}:){${l}}:`;
    const m = 7 - l;
    alts.push(left + (m > 0 ? `(?:${HEX4}(?::${HEX4}){0,${m - 1}})?` : ""));
    if (l <= 5) alts.push(`${left}(?:${HEX4}:){0,${5 - l}}${IPV4}`);
  }
  return `(?:${alts.join("|")})`;
})();
const V4_PREFIX = "/(?:3[0-2]|[12]?[0-9])";
const V6_PREFIX = "/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])";
/** inet: an IPv4 or IPv6 address, optionally with a prefix length (192.168.0.1, 10.0.0.0/8, ::1, 2001:db8::/32). */
/** A time of day as the API takes it: "09:30", "09:30:15", "09:30:15.25". */
export const TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$";
export const INET_PATTERN = `^(?:${IPV4}(?:${V4_PREFIX})?|${IPV6}(?:${V6_PREFIX})?)$`;
/** cidr as PostgreSQL prints it: always with the prefix (the input may leave it out, as PostgreSQL allows). */
export const CIDR_OUT_PATTERN = `^(?:${IPV4}${V4_PREFIX}|${IPV6}${V6_PREFIX})$`;
/** macaddr in the forms PostgreSQL reads (08:00:2b:01:02:03, 08-00-2b-01-02-03, 08002b:010203, 0800.2b01.0203, 08002b010203). */
export const MACADDR_PATTERN =
  "^(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{6}[:-]?[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4}([.-])[0-9A-Fa-f]{4}\\1[0-9A-Fa-f]{4})$";
/** Standard base64 with padding (RFC 4648 section 4); empty is no bytes. */
export const BASE64_PATTERN = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";
const ci = (word: string) => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const INTERVAL_UNITS = [
  "microseconds?", "usecs?", "us", "milliseconds?", "msecs?", "ms", "seconds?", "secs?", "s", "minutes?", "mins?", "m",
  "hours?", "hrs?", "h", "days?", "d", "weeks?", "w", "months?", "mons?", "years?", "yrs?", "y", "decades?", "decs?",
].map(ci);
const INTERVAL_NUMBER = "[+-]?[0-9]{1,6}(?:\\.[0-9]{1,6})?";
const INTERVAL_ITEM = `${INTERVAL_NUMBER} *(?:${INTERVAL_UNITS.join("|")})`;
const INTERVAL_TIME = "[+-]?[0-9]{1,6}:[0-5]?[0-9](?::[0-5]?[0-9](?:\\.[0-9]{1,6})?)?";
const ISO_NUMBER = "-?[0-9]{1,6}";
/**
 * interval: ISO 8601 durations (P1Y2M3DT4H5M6.5S, P2W) and PostgreSQL's own forms (3 hours,
 * 1 day 02:00:00, -1 days +02:00:00, 1 year 2 mons ago, @ 5 minutes). Numbers have at most six
 * digits and there are at most seven parts, so no value written here overflows an interval;
 * centuries and millennia are left out for the same reason.
 */
export const INTERVAL_PATTERN =
  `^(?:P(?=-?[0-9]|T-?[0-9])(?:${ISO_NUMBER}Y)?(?:${ISO_NUMBER}M)?(?:${ISO_NUMBER}W)?(?:${ISO_NUMBER}D)?` +
  `(?:T(?=-?[0-9])(?:${ISO_NUMBER}H)?(?:${ISO_NUMBER}M)?(?:${ISO_NUMBER}(?:\\.[0-9]{1,6})?S)?)?` +
  `|(?:@ *)?(?:${INTERVAL_ITEM}(?: +${INTERVAL_ITEM}){0,6}(?: +${INTERVAL_TIME})?|${INTERVAL_TIME})(?: +${ci("ago")})?)$`;

export function typeSchema(t: ColumnType, direction: "in" | "out"): Record<string, unknown> {
  switch (t.kind) {
    case "string":
      return t.maxLength !== undefined ? { type: "string", maxLength: t.maxLength } : { type: "string" };
    case "text":
      return { type: "string" };
    case "integer":
      return t.small ? { type: "integer", minimum: INT2_MIN, maximum: INT2_MAX } : { type: "integer", minimum: INT4_MIN, maximum: INT4_MAX };
    case "bigint":
      // int8 travels as a decimal string: JSON numbers lose precision past 2^53.
      return { type: "string", pattern: "^-?[0-9]{1,19}$" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "boolean":
      return { type: "boolean" };
    case "timestamp":
      return { type: "string", format: "date-time" };
    case "date":
      return { type: "string", format: "date" };
    case "time":
      return { type: "string", pattern: TIME_PATTERN };
    case "decimal":
      // numeric comes back as a string (no precision lost); a number or a numeric string is accepted.
      return direction === "in"
        ? { type: ["number", "string"], pattern: "^-?[0-9]+(\\.[0-9]+)?$" }
        : { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" };
    case "float":
      return { type: "number" };
    case "json":
      return {};
    case "enum":
      return { type: "string", enum: [...t.values] };
    case "bytes":
      return { type: "string", contentEncoding: "base64", pattern: BASE64_PATTERN };
    case "inet":
      return { type: "string", maxLength: 64, pattern: INET_PATTERN };
    case "cidr":
      return { type: "string", maxLength: 64, pattern: direction === "in" ? INET_PATTERN : CIDR_OUT_PATTERN };
    case "macaddr":
      return { type: "string", maxLength: 17, pattern: MACADDR_PATTERN };
    case "interval":
      // What comes back is PostgreSQL's own text for it ("1 day 02:00:00"), whatever form went in.
      return direction === "in" ? { type: "string", maxLength: 200, pattern: INTERVAL_PATTERN } : { type: "string" };
    case "array":
      return direction === "in" ? { type: "array", items: typeSchema(t.of, direction), maxItems: MAX_ARRAY_ITEMS } : { type: "array", items: typeSchema(t.of, direction) };
    case "vector": {
      const items = direction === "in" ? { type: "number", minimum: -FLOAT4_MAX, maximum: FLOAT4_MAX } : { type: "number" };
      return { type: "array", items, minItems: t.dimensions, maxItems: t.dimensions };
    }
  }
}

// ------------------------------------------------------------------ TypeScript

/** TypeScript type of a column's value: as a body gives it (in), as the API returns it (out), or on a model (both). */
export function columnTsType(c: Column, direction: "in" | "out" | "model"): string {
  const base = tsTypeOf(c.type, direction);
  return c.nullable ? `${base} | null` : base;
}

function tsTypeOf(t: ColumnType, direction: "in" | "out" | "model"): string {
  switch (t.kind) {
    case "integer":
    case "float":
      return "number";
    case "boolean":
      return "boolean";
    case "json":
      return "unknown";
    case "enum":
      return t.values.map((v) => JSON.stringify(v)).join(" | ");
    case "decimal":
      return direction === "out" ? "string" : "number | string";
    case "timestamp":
      return direction === "in" ? "string" : "Date | string";
    case "array": {
      const item = tsTypeOf(t.of, direction);
      return item.includes("|") ? `(${item})[]` : `${item}[]`;
    }
    case "vector":
      return "number[]";
    default:
      // bytes (base64), inet, cidr, macaddr, interval, uuid, text, dates: strings in JSON.
      return "string";
  }
}

// ------------------------------------------------------------------ compatibility

/** A number in the database (integer, bigint, numeric, double precision): ranges apply to it. */
export const isNumericType = (t: ColumnType) => t.kind === "integer" || t.kind === "bigint" || t.kind === "decimal" || t.kind === "float";

/** Text in the database with no fixed set of values (varchar, char, text): lengths, formats and patterns apply to it. */
export const isTextType = (t: ColumnType) => t.kind === "string" || t.kind === "text";

/** True when every value of `from` fits `to` unchanged. */
export function isWidening(from: ColumnType, to: ColumnType): boolean {
  if (same(from, to)) return true;
  const textual = (t: ColumnType) => t.kind === "string" || t.kind === "text" || t.kind === "enum";
  const cap = (t: ColumnType) => (t.kind === "string" ? t.maxLength : undefined);
  if (to.kind === "text" || (to.kind === "string" && to.maxLength === undefined)) return true; // everything casts to text
  if (to.kind === "string") {
    if (from.kind === "enum") return Math.max(0, ...from.values.map((v) => v.length)) <= to.maxLength!;
    return textual(from) && cap(from) !== undefined && cap(from)! <= to.maxLength!;
  }
  if (to.kind === "enum") return from.kind === "enum" && from.values.every((v) => to.values.includes(v));
  if (to.kind === "array") return from.kind === "array" && isWidening(from.of, to.of);
  if (to.kind === "inet") return from.kind === "cidr"; // every network is an address with a prefix
  const rank = (t: ColumnType) => (t.kind === "integer" ? (t.small ? 1 : 2) : t.kind === "bigint" ? 3 : 0);
  if (rank(from) && rank(to)) return rank(from) <= rank(to);
  if ((from.kind === "integer" || from.kind === "bigint") && to.kind === "decimal") {
    return to.precision === undefined || to.precision - (to.scale ?? 0) >= (from.kind === "integer" ? (from.small ? 5 : 10) : 19);
  }
  if (from.kind === "integer" && to.kind === "float") return true;
  if (from.kind === "decimal" && to.kind === "decimal") {
    if (to.precision === undefined) return true;
    if (from.precision === undefined) return false;
    return to.precision - (to.scale ?? 0) >= from.precision - (from.scale ?? 0) && (to.scale ?? 0) >= (from.scale ?? 0);
  }
  if (from.kind === "date" && to.kind === "timestamp") return true;
  return false;
}

// ------------------------------------------------------------------ the API's JSON types
// The JSON type a column has in the API is its OpenAPI schema's `type` (typeSchema):
// a bigint travels as a string, a numeric as a string (a number or a string going in), a json
// column as any value. A type change that changes it breaks clients even when every stored value
// fits: it is reported (MigrationPlan.breaking) and refused unless allowed.

/** The JSON type words of a schema: "integer", "number|string", "array of string", "any". */
function jsonTypeOf(schema: Record<string, unknown>): string {
  const t = schema.type;
  if (t === undefined) return schema.enum !== undefined ? "string" : "any";
  const types = (Array.isArray(t) ? (t as string[]) : [t as string]).slice().sort();
  if (types.length === 1 && types[0] === "array") return `array of ${jsonTypeOf((schema.items ?? {}) as Record<string, unknown>)}`;
  return types.join("|");
}

/** "a JSON integer", "a JSON number or string", "a JSON array of string", "any JSON value". */
function jsonTypeWords(type: string): string {
  if (type === "any") return "any JSON value";
  if (type.startsWith("array of ")) return `a JSON array of ${type.slice(9).replace(/\|/g, " or ")} values`;
  return `a JSON ${type.replace(/\|/g, " or ")}`;
}

/** Why a type is served as it is, when that is not what its SQL type suggests. */
function servedAs(t: ColumnType): string | null {
  const inner = t.kind === "array" ? t.of : t;
  if (inner.kind === "bigint") return "bigint travels as a decimal string: JSON numbers lose precision past 2^53";
  if (inner.kind === "decimal") return "numeric travels as a string, so no digit is lost";
  return null;
}

/**
 * How a column's type change changes what API clients see (null when it does not): the JSON
 * type served changes, or a JSON type a request could send is no longer accepted.
 */
export function apiTypeChange(from: ColumnType, to: ColumnType, where: string): string | null {
  const outBefore = jsonTypeOf(typeSchema(from, "out"));
  const outAfter = jsonTypeOf(typeSchema(to, "out"));
  const inBefore = jsonTypeOf(typeSchema(from, "in"));
  const inAfter = jsonTypeOf(typeSchema(to, "in"));
  const accepts = (type: string, other: string) => type === "any" || type === other || (!type.startsWith("array") && !other.startsWith("array") && other.split("|").every((x) => type.split("|").includes(x)));
  let what: string;
  if (outBefore !== outAfter) what = `responses give ${jsonTypeWords(outAfter)} for "${where}" where they gave ${jsonTypeWords(outBefore)}`;
  else if (!accepts(inAfter, inBefore)) what = `requests must send ${jsonTypeWords(inAfter)} for "${where}" where ${jsonTypeWords(inBefore)} was accepted`;
  else return null;
  const why = servedAs(to) ?? servedAs(from);
  return `changes the API type of "${where}" (${describeType(from)} -> ${describeType(to)}): ${what}${why ? ` (${why})` : ""}; clients built for the old type break`;
}
