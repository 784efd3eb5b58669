// CHECK constraints: read into column rules where they can be, kept as SQL otherwise.
import type { CheckRule } from "../parse/check-rules.js";
import type { BuildContext } from "./build-context.js";
import { type ColumnDraft, type DraftCheck, short, type TableDraft } from "./drafts.js";
import type { Check, Column } from "./types.js";
import { words } from "../base/naming.js";

export function finishChecks(cx: BuildContext, t: TableDraft, columns: readonly Column[]): Check[] {
  const out: Check[] = [];
  const names = new Set<string>(columns.filter((c) => c.type.kind === "enum").map((c) => `${t.name}_${c.name}_check`));
  // The names the migration gives the checks of column rules (plan/names.ts): a spec CHECK
  // of the same name and the same meaning is that check; of another meaning it is renamed.
  const derived = new Set(
    columns.flatMap((c) => {
      const kinds: string[] = [];
      if (c.minimum !== undefined || c.maximum !== undefined || c.exclusiveMinimum !== undefined || c.exclusiveMaximum !== undefined) kinds.push("range");
      if (c.minLength !== undefined || c.maxLength !== undefined) kinds.push("length");
      if (c.format !== undefined) kinds.push("format");
      if (c.pattern !== undefined) kinds.push("pattern");
      if (c.minItems !== undefined || c.maxItems !== undefined || c.itemMaxLength !== undefined) kinds.push("items");
      if (c.type.kind === "vector") kinds.push("dims");
      return kinds.map((k) => `${t.name}_${c.name}_${k}`);
    }),
  );
  const known = new Set(columns.map((c) => c.name));
  // A comparison naming a column by its words ("after the start date": start_date) takes the
  // column written so in any case style (startDate, start_date).
  const byWords = new Map(columns.map((c) => [words(c.name).join("_"), c.name] as const));
  const seenSql = new Set<string>();
  for (let c of t.checks) {
    if (c.compare && !known.has(c.compare.right) && byWords.has(words(c.compare.right).join("_"))) {
      c = { ...c, compare: { ...c.compare, right: byWords.get(words(c.compare.right).join("_"))! } };
    }
    if (c.requiredWhen) {
      const made = requiredWhenSql(cx, t, columns, c);
      if (!made) continue;
      c = { ...c, sql: made };
    }
    const referenced = [...new Set([...c.sql.matchAll(/[`"]?([A-Za-z_]\w*)[`"]?/g)].map((m) => m[1]!).filter((w) => known.has(w)))];
    if (c.compare && (!known.has(c.compare.right) || !known.has(c.compare.left))) {
      cx.diag("warning", "SF108", `rule "${c.compare.left} ${c.compare.op} ${c.compare.right}" on table "${t.name}" names a column it does not have; it is not enforced`, c.span);
      continue;
    }
    if (c.sql === "") continue; // read and refused by the parser (warned)
    const sql = c.compare ? `${quoteIdent(c.compare.left)} ${c.compare.op} ${quoteIdent(c.compare.right)}` : c.requiredWhen || c.own || cx.options.readCheckSql ? c.sql : checkSql(cx, c.sql);
    if (sql === null) {
      // The column rules read from it (if any) still hold; what remains is not enforced.
      if (!c.validated)
        cx.diag("warning", "SF108", `CHECK (${short(c.sql)}) on table "${t.name}" is not understood; it is not enforced`, c.span,
          "write it in PostgreSQL syntax, or as rules the reader knows (min/max, length, one of (...))");
      continue;
    }
    // Kept verbatim even when the column rules read from it say all of it: the spec named it, and
    // a violation is answered naming it.
    if (seenSql.has(sql)) continue;
    seenSql.add(sql);
    if (c.name && derived.has(c.name) && c.validated && !c.compare && !c.compares) continue;
    let name = c.name ?? `${t.name}_${referenced.join("_") || "row"}_check`;
    for (let k = 2; names.has(name) || derived.has(name); k++) name = `${c.name ?? `${t.name}_${referenced.join("_") || "row"}_check`}${k}`;
    names.add(name);
    out.push({
      name,
      sql,
      columns: referenced,
      span: c.span,
      validated: c.validated,
      ...(c.compare || c.compares ? { compare: c.compare ? [c.compare] : [...c.compares!] } : {}),
    });
  }
  return out;
}

/**
 * The CHECK of "x is required when status is done": `status <> 'done' OR x IS NOT NULL`. The
 * condition's column must be one of the table's, and the value one it can hold (one of an enum's
 * values, true/false, a number); otherwise the rule is warned about and not enforced. A row
 * breaking it is refused by the database, answered 422 naming both fields.
 */
function requiredWhenSql(cx: BuildContext, t: TableDraft, columns: readonly Column[], c: DraftCheck): string | null {
  const w = c.requiredWhen!;
  const find = (name: string) => columns.find((x) => x.name === name) ?? columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const target = find(w.column);
  const when = find(w.when);
  const said = `"${w.column}" required when ${w.when} is ${w.value}`;
  if (!target || !when) {
    cx.diag("warning", "SF108", `rule ${said} on table "${t.name}" names a column it does not have; it is not enforced`, c.span);
    return null;
  }
  let value: string | null = null;
  const k = when.type.kind;
  if (k === "enum") {
    const v = when.type.values.find((x) => x === w.value) ?? when.type.values.find((x) => x.toLowerCase() === w.value.toLowerCase());
    if (v !== undefined) value = `'${v.replace(/'/g, "''")}'`;
  } else if (k === "boolean") {
    if (/^(?:true|yes)$/i.test(w.value)) value = "true";
    else if (/^(?:false|no)$/i.test(w.value)) value = "false";
  } else if (k === "integer" || k === "bigint" || k === "decimal" || k === "float") {
    if (/^-?\d+(?:\.\d+)?$/.test(w.value)) value = w.value;
  } else if (k === "string" || k === "text") value = `'${w.value.replace(/'/g, "''")}'`;
  if (value === null) {
    cx.diag("warning", "SF108", `rule ${said} on table "${t.name}": "${w.value}" is not a value "${when.name}" can hold; it is not enforced`, c.span,
      `name one of the values of "${when.name}"`);
    return null;
  }
  if (target.name === when.name) return null;
  return `${quoteIdent(when.name)} <> ${value} OR ${quoteIdent(target.name)} IS NOT NULL`;
}

/** PostgreSQL text for a CHECK expression as written; null when it cannot be used verbatim. */
function checkSql(cx: BuildContext, text: string): string | null {
  const read = cx.options.readCheckSql?.(text, "postgresql");
  if (read) return read.ok ? read.sql : null;
  return null;
}

/**
 * A CHECK read by PostgreSQL's own parser: kept in PostgreSQL's syntax, and what a validator
 * can check of it (allowed values, bounds, lengths, patterns, comparisons of two columns)
 * becomes the columns' rules, so a request breaking it gets a 422 naming the field first.
 */
export function readTableCheck(cx: BuildContext, t: TableDraft, c: DraftCheck): DraftCheck {
  if (c.compare || c.own || !cx.options.readCheckSql || c.dialect === "prose") return c;
  const named = (name: string) => t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const r = cx.options.readCheckSql(c.sql, c.dialect ?? "postgresql", (w) => named(w)?.name);
  if (!r.ok) {
    cx.diag("warning", "SF108", `CHECK (${short(c.sql)}) on table "${t.name}" cannot be kept (${r.why}); it is not enforced`, c.span,
      "write it in PostgreSQL syntax, or as rules the reader knows (min/max, length, one of (...))");
    return { ...c, sql: "", validated: true };
  }
  const col = (name: string) => t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const compare: { left: string; op: ">" | ">=" | "<" | "<=" | "<>" | "="; right: string }[] = [];
  let applied = true;
  for (const rule of r.rules) {
    if (rule.kind === "compare-columns") {
      const l = col(rule.left);
      const rr = col(rule.right);
      if (l && rr) compare.push({ left: l.name, op: rule.op, right: rr.name });
      else applied = false;
      continue;
    }
    const target = col(rule.column);
    if (!target) {
      applied = false;
      continue;
    }
    if (!applyCheckRule(cx, target, rule)) applied = false;
  }
  return { ...c, sql: r.sql, validated: r.complete && applied, ...(compare.length ? { compares: compare } : {}) };
}

/** One rule of a CHECK on a column's draft; false when the column's type cannot hold it. */
function applyCheckRule(cx: BuildContext, c: ColumnDraft, rule: Exclude<CheckRule, { kind: "compare-columns" }>): boolean {
  const type = c.type;
  const textual = type?.kind === "string" || type?.kind === "text";
  const numeric = type ? ["integer", "bigint", "decimal", "float"].includes(type.kind) : false;
  switch (rule.kind) {
    case "enum":
      if (type && (textual || type.kind === "enum") && rule.values.every((v) => typeof v === "string")) {
        c.type = { kind: "enum", values: rule.values as string[] };
        return true;
      }
      // CHECK (priority IN (1, 2, 3)) on a column whose values JSON writes as numbers: the validator
      // refuses any other number too.
      if (type && (type.kind === "integer" || type.kind === "float") && rule.values.length > 0 && rule.values.every((v) => typeof v === "number" && Number.isFinite(v))) {
        const values = rule.values as number[];
        c.oneOf = c.oneOf ? c.oneOf.filter((v) => values.includes(v)) : [...values];
        return true;
      }
      return false;
    case "range": {
      if (!numeric) return false;
      if (rule.op === ">=") c.minimum = Math.max(rule.value, c.minimum ?? -Infinity);
      else if (rule.op === "<=") c.maximum = Math.min(rule.value, c.maximum ?? Infinity);
      else if (rule.op === ">") c.exclusiveMinimum = Math.max(rule.value, c.exclusiveMinimum ?? -Infinity);
      else c.exclusiveMaximum = Math.min(rule.value, c.exclusiveMaximum ?? Infinity);
      return true;
    }
    case "length": {
      if (!textual || rule.bytes) return false;
      const n = rule.value;
      if (rule.op === ">=" || rule.op === "=") c.minLength = Math.max(n, c.minLength ?? 0);
      if (rule.op === ">") c.minLength = Math.max(n + 1, c.minLength ?? 0);
      if (rule.op === "<=" || rule.op === "=") c.maxLength = Math.min(n, c.maxLength ?? Infinity);
      if (rule.op === "<") c.maxLength = Math.min(n - 1, c.maxLength ?? Infinity);
      return !rule.trim;
    }
    case "not-empty":
      if (!textual) return false;
      c.minLength = Math.max(1, c.minLength ?? 0);
      return !rule.trim;
    case "pattern":
      if (!textual || rule.flags.replace(/[u]/g, "")) return false;
      c.pattern ??= rule.regex;
      return c.pattern === rule.regex;
    case "not-null":
      c.nullable = false;
      return true;
  }
}

/** A PostgreSQL identifier, quoted only when it must be (camelCase, reserved words). */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PG_RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const PG_RESERVED = new Set(["user", "order", "group", "select", "table", "from", "where", "limit", "offset", "check", "default", "end", "desc", "asc", "to", "primary", "references", "column", "constraint", "unique", "all", "and", "or", "not", "null", "true", "false", "case", "when", "then", "else", "in", "is", "as", "on", "window", "analyse", "analyze", "both", "leading", "trailing", "only", "using", "grant", "having", "into", "fetch", "for", "foreign", "union", "intersect", "except", "returning", "variadic", "array", "current_user", "session_user", "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "placing", "some", "any", "symmetric", "initially", "deferrable", "collate", "cast", "distinct", "do", "lateral"]);
