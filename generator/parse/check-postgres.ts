// A MySQL or SQLite CHECK expression printed as PostgreSQL for the migration: functions
// PostgreSQL has under the same meaning kept, LENGTH by dialect, GLOB as a regular expression,
// names quoted where PostgreSQL needs it; what has no PostgreSQL form is Untranslatable.
import type { Expr } from "./check-expr.js";

export class Untranslatable extends Error {}

/** Functions PostgreSQL has under the same meaning; LENGTH differs by dialect (MySQL counts bytes). */
const SAME_FUNCTIONS = new Set(["char_length", "character_length", "octet_length", "trim", "ltrim", "rtrim", "lower", "upper", "abs", "round", "floor", "ceil", "ceiling", "coalesce", "now", "current_timestamp", "current_date"]);

const PG_RESERVED = new Set([
  "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
  "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
  "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
  "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
  "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
  "when", "where", "window", "with", "between", "like", "ilike", "is", "isnull", "notnull", "similar", "verbose", "overlaps", "natural", "join",
]);

export function pgIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PG_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function pgString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Binding strength in PostgreSQL's grammar: an operand weaker than its place needs parentheses. */
function level(e: Expr): number {
  switch (e.k) {
    case "or":
      return 1;
    case "and":
      return 2;
    case "not":
      return 3;
    case "in":
    case "between":
    case "isnull":
    case "match":
      return 4;
    case "op":
      return ["*", "/", "%"].includes(e.op) ? 7 : ["+", "-"].includes(e.op) ? 6 : e.op === "||" ? 5 : 4;
    default:
      return 8;
  }
}

/** Expr -> PostgreSQL text, with parentheses only where PostgreSQL's precedence needs them. */
export function printPg(e: Expr, dialect: "mysql" | "sqlite"): string {
  const at = (x: Expr, min: number) => (level(x) >= min ? printPg(x, dialect) : `(${printPg(x, dialect)})`);
  // Comparisons take arithmetic operands bare; anything weaker in parentheses.
  const operand = (x: Expr) => at(x, 5);
  switch (e.k) {
    case "col":
      return pgIdentifier(e.name);
    case "num":
      return e.text;
    case "str":
      return pgString(e.value);
    case "bool":
      return e.value ? "TRUE" : "FALSE";
    case "null":
      return "NULL";
    case "and":
    case "or":
      return e.args.map((a) => at(a, level(e) + 1)).join(e.k === "and" ? " AND " : " OR ");
    case "not":
      return `NOT ${at(e.arg, 4)}`;
    case "op": {
      const l = level(e);
      return l === 4 ? `${operand(e.left)} ${e.op} ${operand(e.right)}` : `${at(e.left, l)} ${e.op} ${at(e.right, l + 1)}`;
    }
    case "in":
      return `${operand(e.expr)} ${e.not ? "NOT IN" : "IN"} (${e.list.map((x) => printPg(x, dialect)).join(", ")})`;
    case "between":
      return `${operand(e.expr)} ${e.not ? "NOT BETWEEN" : "BETWEEN"} ${operand(e.low)} AND ${operand(e.high)}`;
    case "isnull":
      return `${operand(e.expr)} IS ${e.not ? "NOT " : ""}NULL`;
    case "match": {
      if (e.how === "glob") {
        if (e.pattern.k !== "str") throw new Untranslatable("GLOB with a pattern that is not a string has no PostgreSQL translation");
        return `${operand(e.expr)} ${e.not ? "!~" : "~"} ${pgString(globToRegex(e.pattern.value))}`;
      }
      // MySQL compares case-insensitively under its default collations, and so does SQLite's LIKE (for ASCII).
      if (e.how === "like" || e.how === "ilike") {
        const esc = e.escape !== undefined ? ` ESCAPE ${pgString(e.escape)}` : dialect === "sqlite" ? " ESCAPE ''" : "";
        return `${operand(e.expr)} ${e.not ? "NOT ILIKE" : "ILIKE"} ${operand(e.pattern)}${esc}`;
      }
      const ci = dialect === "mysql" || e.how === "iregex";
      return `${operand(e.expr)} ${e.not ? "!" : ""}${ci ? "~*" : "~"} ${operand(e.pattern)}`;
    }
    case "call": {
      let name = e.name;
      if (name === "length") name = dialect === "mysql" ? "octet_length" : "char_length";
      else if (name === "ifnull") name = "coalesce";
      else if (!SAME_FUNCTIONS.has(name)) throw new Untranslatable(`function ${e.name}() has no PostgreSQL translation`);
      if (e.args.length === 0 && (name === "current_timestamp" || name === "current_date")) return name.toUpperCase();
      return `${name}(${e.args.map((a) => printPg(a, dialect)).join(", ")})`;
    }
    case "cast":
      throw new Untranslatable(`CAST to ${e.type || "a type"} has no PostgreSQL translation`);
    case "other":
      throw new Untranslatable(`${e.what} has no PostgreSQL translation`);
  }
}

/** SQLite GLOB pattern -> an anchored regex (case-sensitive, like GLOB). */
export function globToRegex(glob: string): string {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) out += "\\[";
      else {
        const set = glob.slice(i + 1, close);
        out += `[${set.startsWith("^") ? "^" + escapeClass(set.slice(1)) : escapeClass(set)}]`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return out + "$";
}

export function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]]/g, (c) => `\\${c}`);
}