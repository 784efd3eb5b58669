// Facts every emitter needs about a table, derived from the IR in one place.
import type { Column, ColumnType, IR, Table } from "../ir/types.js";
import { camelCase, fileStem, modelName, singularName } from "../base/naming.js";
import { knownFormat } from "./plan-migration.js";

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

export interface TableInfo {
  readonly table: Table;
  readonly model: string; // Task
  readonly singular: string; // task
  readonly stem: string; // tasks (file name stem)
  readonly schemaVar: string; // task
  readonly pk: Column;
  /** Columns the server fills; never taken from a request body. */
  readonly readOnly: readonly Column[];
  /** Columns a client may write. */
  readonly writable: readonly Column[];
  /** Writable columns a create (and a replace) must carry. */
  readonly requiredOnCreate: readonly Column[];
  /**
   * Foreign keys to rows of other users' kind (owned through a column, or scoped): on write, a
   * value must name a row the caller sees. targetOwner is null for a scoped target.
   */
  readonly ownedRefs: readonly { column: Column; target: TableInfo["table"]; targetPk: string; targetOwner: string | null }[];
}

export function columnByName(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name);
  if (!c) throw new Error(`internal: ${t.name}.${name} missing`);
  return c;
}

export function tableByName(ir: IR, name: string): Table {
  const t = ir.tables.find((x) => x.name === name);
  if (!t) throw new Error(`internal: table ${name} missing`);
  return t;
}

/** The PK is server-made when the database generates it. */
export function pkIsGenerated(c: Column): boolean {
  return c.default !== null && (c.default.kind === "increment" || c.default.kind === "uuid");
}

export function tableInfo(ir: IR, table: Table): TableInfo {
  const pk = columnByName(table, table.primaryKey);
  // The key of a row users own (through a column or a scope) is the server's: a key a client
  // picks could collide with another user's row, and the conflict would tell it exists.
  const serverKey = (c: Column) => pkIsGenerated(c) || table.owner !== null || (table.scope !== undefined && !c.references);
  // On the users table, a column that makes its user a member of a group (users.tenant_id) is
  // set outside the API: a caller who could write it could join any tenant.
  const membershipOf = (c: Column) =>
    table.identity && ir.tables.some((t) => t.scope?.kind === "member" && t.scope.membership === table.name && t.scope.membershipGroup === c.name);
  const readOnly = table.columns.filter(
    (c) => c.role === "owner" || c.role === "created_at" || c.role === "updated_at" || (c.role === "id" && serverKey(c)) || membershipOf(c),
  );
  const writable = table.columns.filter((c) => !readOnly.includes(c));
  const requiredOnCreate = writable.filter((c) => !c.nullable && c.default === null);
  const ownedRefs = writable.flatMap((c) => {
    if (!c.references || (!table.owner && !table.scope)) return [];
    const target = tableByName(ir, c.references.table);
    if (target.identity || (!target.owner && !target.scope)) return [];
    return [{ column: c, target, targetPk: c.references.column, targetOwner: target.owner }];
  });
  return {
    table,
    model: modelName(table.name),
    singular: singularName(table.name),
    stem: fileStem(table.name),
    schemaVar: camelCase(singularName(table.name)),
    pk,
    readOnly,
    writable,
    requiredOnCreate,
    ownedRefs,
  };
}

/** JSON Schema of one column's value as the API reads and writes it. */
export function columnSchema(c: Column, direction: "in" | "out"): Record<string, unknown> {
  const base = typeSchema(c.type, direction);
  const t = c.type;
  if (c.minLength !== undefined) base.minLength = c.minLength;
  if (c.maxLength !== undefined && (base.maxLength === undefined || c.maxLength < (base.maxLength as number))) base.maxLength = c.maxLength;
  if (t.kind === "string" || t.kind === "text") Object.assign(base, textRules(c));
  // Bounds are for JSON numbers: a bigint (and a decimal's answer) is text, which JSON Schema
  // bounds do not reach (runtime/validate.ts holds numeric text to them: emit-schemas.ts textBounds).
  const types = Array.isArray(base.type) ? (base.type as string[]) : [base.type];
  if (types.includes("number") || types.includes("integer")) {
    if (c.minimum !== undefined) base.minimum = c.minimum;
    if (c.maximum !== undefined) base.maximum = c.maximum;
    if (c.exclusiveMinimum !== undefined) base.exclusiveMinimum = c.exclusiveMinimum;
    if (c.exclusiveMaximum !== undefined) base.exclusiveMaximum = c.exclusiveMaximum;
  }
  // A json column with a bound on its items holds a list (the database check says the same).
  if (t.kind === "json" && (c.minItems !== undefined || c.maxItems !== undefined)) {
    base.type = "array";
    base.items = {};
    if (c.minItems !== undefined && c.minItems > 0) base.minItems = c.minItems;
    if (c.maxItems !== undefined) base.maxItems = c.maxItems;
  }
  if (t.kind === "array") {
    if (c.minItems !== undefined && c.minItems > 0) base.minItems = c.minItems;
    if (c.maxItems !== undefined && (base.maxItems === undefined || c.maxItems < (base.maxItems as number))) base.maxItems = c.maxItems;
    if (t.of.kind === "string" || t.of.kind === "text") {
      const items = { ...(base.items as Record<string, unknown>) };
      if (c.itemMaxLength !== undefined && (items.maxLength === undefined || c.itemMaxLength < (items.maxLength as number))) items.maxLength = c.itemMaxLength;
      Object.assign(items, textRules(c));
      base.items = items;
    }
  }
  if (c.description) base.description = c.description;
  if (!c.nullable) return base;
  // A json column's schema has no type (any JSON value, null among them): nothing to add.
  if (base.type === undefined && base.enum === undefined) return base;
  if (Array.isArray(base.enum)) return { ...base, type: ["string", "null"], enum: [...(base.enum as unknown[]), null] };
  const type = base.type;
  return { ...base, type: Array.isArray(type) ? [...type, "null"] : [type, "null"] };
}

/** A text's format (one the validator and the database both know) and pattern. */
function textRules(c: Column): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const format = knownFormat(c.format);
  if (format) out.format = format;
  if (c.pattern !== undefined) out.pattern = c.pattern;
  return out;
}

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
      return { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?$" };
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
