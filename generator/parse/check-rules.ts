// The rules a request validator can check before the database does, read off a CHECK
// expression: value lists, ranges, lengths, non-empty, patterns (LIKE, GLOB and regular
// expressions made portable), comparisons between columns, not-null. A rule holds for non-null
// values only, as a CHECK does; a conjunct that gives no rule makes the reading incomplete.
import type { Expr } from "./check-expr.js";
import { escapeRegex, globToRegex } from "./check-postgres.js";
import type { SqlDialect } from "./sql-dialect.js";

export type CompareOp = ">" | ">=" | "<" | "<=";

export type CheckRule =
  /** The value is one of these (strings, or numbers for x IN (1, 2)). */
  | { readonly kind: "enum"; readonly column: string; readonly values: readonly (string | number)[] }
  | { readonly kind: "range"; readonly column: string; readonly op: CompareOp; readonly value: number }
  /**
   * The value's length in characters (in UTF-8 bytes when `bytes`: MySQL's LENGTH,
   * octet_length), after trimming spaces at both ends when `trim`.
   */
  | { readonly kind: "length"; readonly column: string; readonly op: CompareOp | "="; readonly value: number; readonly trim?: true; readonly bytes?: true }
  /** Not the empty string (after trimming spaces at both ends when `trim`). */
  | { readonly kind: "not-empty"; readonly column: string; readonly trim?: true }
  /** `new RegExp(regex, flags).test(value)` must hold; LIKE patterns come anchored. */
  | { readonly kind: "pattern"; readonly column: string; readonly regex: string; readonly flags: string }
  | { readonly kind: "compare-columns"; readonly left: string; readonly op: CompareOp | "<>" | "="; readonly right: string }
  | { readonly kind: "not-null"; readonly column: string };

function unwrap(e: Expr): Expr {
  let x = e;
  while (x.k === "cast") x = x.expr;
  return x;
}

const FLIP: Record<string, string> = { ">": "<", ">=": "<=", "<": ">", "<=": ">=", "=": "=", "<>": "<>" };
const ORDER_OPS = new Set([">", ">=", "<", "<="]);

/** The column of a length function: char_length(x), length(trim(x)), octet_length(x). */
function lengthOf(e: Expr, dialect: SqlDialect): { column: string; trim: boolean; bytes: boolean } | null {
  const x = unwrap(e);
  if (x.k !== "call" || x.args.length !== 1) return null;
  const chars = ["char_length", "character_length"].includes(x.name) || (x.name === "length" && dialect !== "mysql");
  const bytes = x.name === "octet_length" || (x.name === "length" && dialect === "mysql");
  if (!chars && !bytes) return null;
  const inner = trimmedColumn(x.args[0]!);
  return inner ? { column: inner.column, trim: inner.trim, bytes } : null;
}

/** x, or trim(x) / btrim(x) with one argument. */
function trimmedColumn(e: Expr): { column: string; trim: boolean } | null {
  const x = unwrap(e);
  if (x.k === "col") return { column: x.name, trim: false };
  if (x.k === "call" && (x.name === "trim" || x.name === "btrim") && x.args.length === 1) {
    const c = unwrap(x.args[0]!);
    if (c.k === "col") return { column: c.name, trim: true };
  }
  return null;
}

function constant(e: Expr): string | number | null {
  const x = unwrap(e);
  return x.k === "str" ? x.value : x.k === "num" ? x.value : null;
}

function conjuncts(e: Expr): Expr[] {
  return e.k === "and" ? e.args.flatMap(conjuncts) : [e];
}

function disjuncts(e: Expr): Expr[] {
  return e.k === "or" ? e.args.flatMap(disjuncts) : [e];
}

interface RuleReading {
  readonly rules: CheckRule[];
  /** Every part became rules. */
  readonly complete: boolean;
}

const NOT_UNDERSTOOD: RuleReading = { rules: [], complete: false };

export function rulesOf(e: Expr, dialect: SqlDialect): RuleReading {
  return ruleOf(e, dialect);
}

/**
 * The rules an expression amounts to. Each rule is a condition every non-null value must
 * meet; a part not understood adds none and makes the reading incomplete (the rules kept
 * are still each necessary, so the validator never refuses what the database accepts).
 */
function ruleOf(e: Expr, dialect: SqlDialect): RuleReading {
  const one = (r: CheckRule[] | null): RuleReading => (r ? { rules: r, complete: true } : NOT_UNDERSTOOD);
  switch (e.k) {
    case "and": {
      const all = conjuncts(e).map((c) => ruleOf(c, dialect));
      return { rules: all.flatMap((r) => r.rules), complete: all.every((r) => r.complete) };
    }
    case "or":
      return orRules(disjuncts(e), dialect);
    case "isnull": {
      const x = unwrap(e.expr);
      return one(e.not && x.k === "col" ? [{ kind: "not-null", column: x.name }] : null);
    }
    case "in": {
      const x = unwrap(e.expr);
      const values = e.list.map(constant);
      if (e.not || x.k !== "col" || values.some((v) => v === null)) return NOT_UNDERSTOOD;
      return one([{ kind: "enum", column: x.name, values: values as (string | number)[] }]);
    }
    case "between": {
      if (e.not) return NOT_UNDERSTOOD;
      const lo = constant(e.low);
      const hi = constant(e.high);
      if (typeof lo !== "number" || typeof hi !== "number") return NOT_UNDERSTOOD;
      const x = unwrap(e.expr);
      if (x.k === "col") return one([{ kind: "range", column: x.name, op: ">=", value: lo }, { kind: "range", column: x.name, op: "<=", value: hi }]);
      const len = lengthOf(x, dialect);
      return one(len ? [lengthRule(len, ">=", lo), lengthRule(len, "<=", hi)] : null);
    }
    case "match":
      return one(matchRule(e, dialect));
    case "op":
      return one(compareRule(e, dialect));
    default:
      return NOT_UNDERSTOOD;
  }
}

function lengthRule(len: { column: string; trim: boolean; bytes: boolean }, op: CompareOp | "=", value: number): CheckRule {
  return { kind: "length", column: len.column, op, value, ...(len.trim ? { trim: true as const } : {}), ...(len.bytes ? { bytes: true as const } : {}) };
}

function compareRule(e: Extract<Expr, { k: "op" }>, dialect: SqlDialect): CheckRule[] | null {
  if (!FLIP[e.op]) return null;
  // Put the column (or the function of one) on the left.
  let left = unwrap(e.left);
  let right = unwrap(e.right);
  let op = e.op;
  if (constant(left) !== null && constant(right) === null) {
    [left, right] = [right, left];
    op = FLIP[op]!;
  }
  const value = constant(right);
  if (left.k === "col" && right.k === "col") {
    return [{ kind: "compare-columns", left: left.name, op: op as CompareOp | "<>" | "=", right: right.name }];
  }
  if (value === null) return null;
  if (left.k === "col") {
    if (op === "=") return [{ kind: "enum", column: left.name, values: [value] }];
    if (typeof value === "number" && ORDER_OPS.has(op)) return [{ kind: "range", column: left.name, op: op as CompareOp, value }];
    if (op === "<>" && value === "") return [{ kind: "not-empty", column: left.name }];
    return null;
  }
  const len = lengthOf(left, dialect);
  if (len && typeof value === "number" && (ORDER_OPS.has(op) || op === "=")) return [lengthRule(len, op as CompareOp | "=", value)];
  const trimmed = trimmedColumn(left);
  if (trimmed?.trim && op === "<>" && value === "") return [{ kind: "not-empty", column: trimmed.column, trim: true }];
  return null;
}

/** x = 'a' OR x = 'b' (an enum); x IS NULL OR <rules on x> (the rules: NULL passes them anyway). */
function orRules(parts: readonly Expr[], dialect: SqlDialect): RuleReading {
  const nullCols = new Set<string>();
  const rest: Expr[] = [];
  for (const p of parts) {
    const x = p.k === "isnull" && !p.not ? unwrap(p.expr) : null;
    if (x?.k === "col") nullCols.add(x.name);
    else rest.push(p);
  }
  if (rest.length === 0) return NOT_UNDERSTOOD;
  let reading: RuleReading;
  if (rest.length === 1) reading = ruleOf(rest[0]!, dialect);
  else {
    // Every part an equality or IN on one column: an enum.
    const values: (string | number)[] = [];
    let column: string | null = null;
    for (const p of rest) {
      const r = ruleOf(p, dialect);
      const rule = r.rules[0];
      if (!r.complete || r.rules.length !== 1 || rule?.kind !== "enum" || (column !== null && rule.column !== column)) return NOT_UNDERSTOOD;
      column = rule.column;
      values.push(...rule.values.filter((v) => !values.includes(v)));
    }
    reading = { rules: [{ kind: "enum", column: column!, values }], complete: true };
  }
  if (nullCols.size === 0) return reading;
  // With `x IS NULL OR ...` a rule must be about x to hold whenever x has a value; a rule on
  // another column alone would only hold when x is not null, which no rule can say.
  const about = (r: CheckRule) => (r.kind === "compare-columns" ? nullCols.has(r.left) || nullCols.has(r.right) : nullCols.has(r.column));
  const kept = reading.rules.filter((r) => about(r) && r.kind !== "not-null");
  const dropped = reading.rules.some((r) => !about(r));
  return { rules: kept, complete: reading.complete && !dropped };
}

function matchRule(e: Extract<Expr, { k: "match" }>, dialect: SqlDialect): CheckRule[] | null {
  const x = unwrap(e.expr);
  const pat = unwrap(e.pattern);
  if (e.not || x.k !== "col" || pat.k !== "str") return null;
  let regex: string | null;
  let ci: boolean;
  if (e.how === "like" || e.how === "ilike") {
    // LIKE in MySQL and SQLite compares case-insensitively (default collations; ASCII).
    regex = likeToRegex(pat.value, e.escape ?? (dialect === "sqlite" ? "" : "\\"));
    ci = e.how === "ilike" || dialect !== "postgresql";
  } else if (e.how === "glob") {
    regex = globToRegex(pat.value);
    ci = false;
  } else {
    regex = portableRegex(pat.value);
    ci = e.how === "iregex" || dialect === "mysql";
  }
  if (regex === null) return null;
  const flags = ci ? "is" : "s";
  try {
    new RegExp(regex, flags);
  } catch {
    return null;
  }
  return [{ kind: "pattern", column: x.name, regex, flags }];
}

/** A LIKE pattern -> an anchored regex; `escape` "" for none. */
function likeToRegex(like: string, escape: string): string {
  let out = "^";
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (escape && c === escape && i + 1 < like.length) out += escapeRegex(like[++i]!);
    else if (c === "%") out += ".*";
    else if (c === "_") out += ".";
    else out += escapeRegex(c);
  }
  return out + "$";
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: "\\s", xdigit: "0-9A-Fa-f", word: "\\w",
  punct: "!-\\/:-@\\[-`{-~", blank: " \\t",
};

/**
 * A PostgreSQL or MySQL regex as JavaScript reads it the same way, or null: POSIX classes
 * ([[:alpha:]]) are spelled out, and only escapes both read alike are kept (PostgreSQL's \m,
 * \y or \A mean nothing or something else in JavaScript).
 */
function portableRegex(re: string): string | null {
  if (re.startsWith("***") || /\(\?[a-z]/i.test(re)) return null;
  let out = "";
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === "\\") {
      const d = re[i + 1];
      if (d === undefined || !/[dDwWsSntr.\\/^$*+?()[\]{}|-]/.test(d)) return null;
      out += c + d;
      i++;
    } else if (inClass && c === "[" && re[i + 1] === ":") {
      const m = /^\[:([a-z]+):\]/.exec(re.slice(i));
      const cls = m ? POSIX_CLASSES[m[1]!] : undefined;
      if (!m || cls === undefined) return null;
      out += cls;
      i += m[0].length - 1;
    } else if (!inClass && c === "[") {
      inClass = true;
      out += c;
      // A "]" first in the class (after an optional "^") is a member, not the end.
      if (re[i + 1] === "^") out += re[++i];
      if (re[i + 1] === "]") {
        out += "\\]";
        i++;
      }
    } else {
      if (inClass && c === "]") inClass = false;
      out += c;
    }
  }
  return inClass ? null : out;
}