// JSON Schema validation with ajv: each schema is compiled once at module load,
// and failures become a 422 whose detail names every field that is wrong.
import { Ajv, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from "ajv";
import * as addFormatsModule from "ajv-formats";
import { HttpProblem, listErrors } from "./errors.js";

// ajv-formats is CommonJS; under NodeNext its default export sits on `.default`.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv, formats: string[]) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes: false, useDefaults: false });
addFormats(ajv, ["date-time", "date", "uuid", "email", "uri", "hostname", "ipv4", "ipv6"]);

// JSON Schema's dates admit year 0000; PostgreSQL's calendar has no year 0 (and would answer a
// 422 that names no field). The same formats, with the year from 0001.
for (const name of ["date", "date-time"]) {
  const format = ajv.formats[name];
  const check = typeof format === "function" ? format : format && typeof format === "object" && "validate" in format && typeof format.validate === "function" ? format.validate : null;
  if (!check) continue;
  const compare = format && typeof format === "object" && "compare" in format ? (format.compare as ((a: string, b: string) => number | undefined) | undefined) : undefined;
  const validate = (s: string) => !s.startsWith("0000") && (check as (s: string) => boolean)(s);
  ajv.addFormat(name, compare ? { type: "string", validate, compare } : { type: "string", validate });
}

// ---- Keywords of the generated body schemas (generator/emit/emit-schemas.ts) that JSON Schema
// has no word for; the database holds the same rules with CHECK constraints, except x-when (a
// rule about the present, which a CHECK could hold only at insert).

export type CompareOp = ">" | ">=" | "<" | "<=" | "<>" | "=";

/** `left op right` between two fields of one body; `kind` says how their values compare. */
export interface CompareRule {
  readonly left: string;
  readonly op: CompareOp;
  readonly right: string;
  /** number, decimal (numbers or numeric text), timestamp, date, time, equality and uuid (only = and <>), database (not here). */
  readonly kind: string;
  /** The CHECK constraint that holds the same rule in the database. */
  readonly constraint?: string;
}

export interface NumericBounds {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;

/** Exact decimal text of a finite number (bounds come from the spec: plain numbers). */
function numberText(n: number): string {
  const t = String(n);
  if (!/e/i.test(t)) return t;
  // 1e+21, 1e-7: toFixed writes every digit JavaScript knows.
  return Math.abs(n) >= 1 ? BigInt(Math.trunc(n)).toString() : n.toFixed(100).replace(/0+$/, "").replace(/\.$/, "");
}

/** Sign of a - b for two decimal texts (no exponent), exactly; null when either is not one. */
export function compareDecimal(a: string, b: string): number | null {
  const x = DECIMAL.exec(a);
  const y = DECIMAL.exec(b);
  if (!x || !y) return null;
  const norm = (m: RegExpExecArray) => {
    const int = m[2]!.replace(/^0+(?=.)/, "");
    const frac = (m[3] ?? "").replace(/0+$/, "");
    const zero = /^0$/.test(int) && frac === "";
    return { neg: m[1] === "-" && !zero, int, frac };
  };
  const p = norm(x);
  const q = norm(y);
  if (p.neg !== q.neg) return p.neg ? -1 : 1;
  let mag = p.int.length !== q.int.length ? p.int.length - q.int.length : p.int < q.int ? -1 : p.int > q.int ? 1 : 0;
  if (mag === 0) {
    const len = Math.max(p.frac.length, q.frac.length);
    const pf = p.frac.padEnd(len, "0");
    const qf = q.frac.padEnd(len, "0");
    mag = pf < qf ? -1 : pf > qf ? 1 : 0;
  }
  return Math.sign(p.neg ? -mag : mag);
}

/** What a numeric text breaks of the bounds (decimal and bigint columns take numbers as text); null when nothing. */
export function checkTextBounds(text: string, b: NumericBounds): string | null {
  const cmp = (n: number) => compareDecimal(text, numberText(n));
  const rules: Array<[number | undefined, (c: number) => boolean, string]> = [
    [b.minimum, (c) => c >= 0, "must be >="],
    [b.exclusiveMinimum, (c) => c > 0, "must be >"],
    [b.maximum, (c) => c <= 0, "must be <="],
    [b.exclusiveMaximum, (c) => c < 0, "must be <"],
  ];
  for (const [bound, ok, words] of rules) {
    if (bound === undefined) continue;
    const c = cmp(bound);
    if (c !== null && !ok(c)) return `${words} ${numberText(bound)}`;
  }
  return null;
}

/** Seconds since midnight of a time of day ("09:30", "09:30:00.5"), as decimal text; null when not one. */
function timeText(v: string): string | null {
  const m = /^([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?$/.exec(v);
  if (!m) return null;
  return `${Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)}${m[4] ? `.${m[4]}` : ""}`;
}

/**
 * Sign of a - b as the database orders the two values; null when this side cannot tell
 * (a value of another shape, text that only the database orders, instants equal to the
 * millisecond): then the CHECK decides.
 */
export function compareValues(kind: string, a: unknown, b: unknown): number | null {
  switch (kind) {
    case "number":
      return typeof a === "number" && typeof b === "number" ? Math.sign(a - b) : null;
    case "decimal": {
      const t = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? numberText(v) : typeof v === "string" ? v : null);
      const x = t(a);
      const y = t(b);
      return x === null || y === null ? null : compareDecimal(x, y);
    }
    case "timestamp": {
      if (typeof a !== "string" || typeof b !== "string") return null;
      const d = Date.parse(a) - Date.parse(b);
      return Number.isNaN(d) || d === 0 ? (a === b ? 0 : null) : Math.sign(d);
    }
    case "date":
      if (typeof a !== "string" || typeof b !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(a) || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(b)) return null;
      return a < b ? -1 : a > b ? 1 : 0;
    case "time": {
      const x = typeof a === "string" ? timeText(a) : null;
      const y = typeof b === "string" ? timeText(b) : null;
      return x === null || y === null ? null : compareDecimal(x, y);
    }
    case "equality":
    case "uuid": {
      // Equal or not is all that is known of text here; ordering it is the database's (collation).
      if (typeof a !== typeof b || (typeof a !== "string" && typeof a !== "boolean")) return null;
      const same = kind === "uuid" ? String(a).toLowerCase() === String(b).toLowerCase() : a === b;
      return same ? 0 : NaN;
    }
    default:
      return null;
  }
}

const OP_HOLDS: Record<CompareOp, (c: number) => boolean> = {
  ">": (c) => c > 0,
  ">=": (c) => c >= 0,
  "<": (c) => c < 0,
  "<=": (c) => c <= 0,
  "<>": (c) => c !== 0,
  "=": (c) => c === 0,
};

function compareWords(r: CompareRule): string {
  const when = r.kind === "timestamp" || r.kind === "date" || r.kind === "time";
  const words: Record<CompareOp, string> = when
    ? { ">": "must be after", ">=": "must not be before", "<": "must be before", "<=": "must not be after", "<>": "must differ from", "=": "must equal" }
    : { ">": "must be greater than", ">=": "must be at least", "<": "must be less than", "<=": "must be at most", "<>": "must differ from", "=": "must equal" };
  return `${words[r.op]} ${r.right}`;
}

/** The rules a body breaks; a rule is checked only when both of its fields are in the body (and not null). */
export function brokenComparisons(rules: readonly CompareRule[], body: Record<string, unknown>): Array<{ field: string; message: string; constraint?: string }> {
  const out: Array<{ field: string; message: string; constraint?: string }> = [];
  for (const r of rules) {
    const a = body[r.left];
    const b = body[r.right];
    if (a === undefined || b === undefined || a === null || b === null) continue;
    const c = compareValues(r.kind, a, b);
    if (c === null) continue;
    if (Number.isNaN(c) && r.op !== "=" && r.op !== "<>") continue;
    const holds = Number.isNaN(c) ? r.op === "<>" : OP_HOLDS[r.op](c);
    if (!holds) out.push({ field: r.left, message: compareWords(r), ...(r.constraint ? { constraint: r.constraint } : {}) });
  }
  return out;
}

const compareKeyword: SchemaValidateFunction = (rules: CompareRule[], data: Record<string, unknown>) => {
  const broken = brokenComparisons(rules, data);
  compareKeyword.errors = broken.map((e) => ({ keyword: "x-compare", message: e.message, params: { field: e.field } }));
  return broken.length === 0;
};

const textBoundsKeyword: SchemaValidateFunction = (bounds: NumericBounds, data: string) => {
  const broken = checkTextBounds(data, bounds);
  textBoundsKeyword.errors = broken ? [{ keyword: "x-text-bounds", message: broken, params: {} }] : [];
  return broken === null;
};

/** A date (`kind` "date") or an instant ("timestamp") that must lie on one side of the request's moment. */
export interface WhenRule {
  readonly when: "future" | "past" | "not-past" | "not-future";
  readonly kind: "date" | "timestamp";
}

const WHEN_WORDS: Record<WhenRule["when"], string> = {
  future: "must be in the future",
  past: "must be in the past",
  "not-past": "must not be in the past",
  "not-future": "must not be in the future",
};

/**
 * What a value breaks of its rule about the present, or null: a date is compared with today's
 * date in UTC, an instant with `now`. A value of another shape is the format's to refuse.
 */
export function brokenWhen(rule: WhenRule, value: string, now: Date = new Date()): string | null {
  let sign: number;
  if (rule.kind === "date") {
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return null;
    const today = now.toISOString().slice(0, 10);
    sign = value < today ? -1 : value > today ? 1 : 0;
  } else {
    const t = Date.parse(value);
    if (Number.isNaN(t)) return null;
    sign = Math.sign(t - now.getTime());
  }
  const holds = rule.when === "future" ? sign > 0 : rule.when === "past" ? sign < 0 : rule.when === "not-past" ? sign >= 0 : sign <= 0;
  return holds ? null : WHEN_WORDS[rule.when];
}

const whenKeyword: SchemaValidateFunction = (rule: WhenRule, data: string) => {
  const broken = brokenWhen(rule, data);
  whenKeyword.errors = broken ? [{ keyword: "x-when", message: broken, params: {} }] : [];
  return broken === null;
};

ajv.addKeyword({ keyword: "x-compare", type: "object", schemaType: "array", errors: true, validate: compareKeyword });
ajv.addKeyword({ keyword: "x-text-bounds", type: "string", schemaType: "object", errors: true, validate: textBoundsKeyword });
ajv.addKeyword({ keyword: "x-when", type: "string", schemaType: "object", errors: true, validate: whenKeyword });

export type Validator<T> = (value: unknown) => T;

export function compile<T>(schema: object): Validator<T> {
  const fn: ValidateFunction = ajv.compile(schema);
  return (value: unknown): T => {
    if (fn(value)) return value as T;
    const errors = (fn.errors ?? []).map(describe);
    throw new HttpProblem(422, listErrors(errors) || "the request body is not valid", { errors });
  };
}

function describe(e: ErrorObject): { field: string; message: string } {
  const base = e.instancePath.replace(/^\//, "").replace(/\//g, ".");
  switch (e.keyword) {
    case "required": {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return { field: base ? `${base}.${field}` : field, message: "is required" };
    }
    case "additionalProperties": {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      return { field: base ? `${base}.${field}` : field, message: "is not a known field" };
    }
    case "x-compare": {
      const field = (e.params as { field: string }).field;
      return { field: base ? `${base}.${field}` : field, message: e.message ?? "is not valid" };
    }
    case "enum":
      return { field: base || "body", message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}` };
    case "minProperties":
      return { field: base || "body", message: "must contain at least one field to change" };
    default:
      return { field: base || "body", message: e.message ?? "is not valid" };
  }
}
