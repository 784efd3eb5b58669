// Each rule a column states (length, range, format, pattern, number of items) is a named CHECK,
// one per family, so the database refuses what the request validator refuses, whoever writes.
// The snapshot keeps only the rules the column's SQL type does not already hold.
import { FORMAT_SQL, knownFormat } from "../ir/column-forms.js";
import { formatName, itemsName, lengthName, patternName, rangeName } from "./names.js";
import type { SnapshotColumn } from "./snapshot.js";
import { lit, q } from "./sql-text.js";

/** A CHECK the database holds a column to: its name, its expression, and what it says (for summaries). */
export interface RuleCheck {
  readonly name: string;
  readonly sql: string;
  readonly family: "range" | "length" | "format" | "pattern" | "items";
}

/**
 * `every text of the column matches regex`: `~` on a text column; on a list, a JSON path over
 * its items (a CHECK cannot hold a subquery), with flag "s" so that `.` and `[^...]` match a
 * newline as they do under `~`.
 */
function regexSql(c: SnapshotColumn, regex: string): string {
  if (c.type.kind !== "array") return `${q(c.name)} ~ ${lit(regex)}`;
  const path = `$[*] ? (!(@ like_regex "${regex.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}" flag "s"))`;
  return `NOT jsonb_path_exists(to_jsonb(${q(c.name)}), ${lit(path)})`;
}

/** The CHECKs of a column's own rules (see the snapshot: only rules the type does not already hold are there). */
export function columnRuleChecks(table: string, c: SnapshotColumn): RuleCheck[] {
  const col = q(c.name);
  const out: RuleCheck[] = [];
  const range: string[] = [];
  if (c.minimum !== undefined) range.push(`${col} >= ${c.minimum}`);
  if (c.exclusiveMinimum !== undefined) range.push(`${col} > ${c.exclusiveMinimum}`);
  if (c.maximum !== undefined) range.push(`${col} <= ${c.maximum}`);
  if (c.exclusiveMaximum !== undefined) range.push(`${col} < ${c.exclusiveMaximum}`);
  if (range.length) out.push({ name: rangeName(table, c.name), sql: range.join(" AND "), family: "range" });
  const length: string[] = [];
  if (c.minLength !== undefined) length.push(`char_length(${col}) >= ${c.minLength}`);
  if (c.maxLength !== undefined) length.push(`char_length(${col}) <= ${c.maxLength}`);
  if (length.length) out.push({ name: lengthName(table, c.name), sql: length.join(" AND "), family: "length" });
  const format = knownFormat(c.format);
  if (format) out.push({ name: formatName(table, c.name), sql: regexSql(c, FORMAT_SQL[format]!), family: "format" });
  if (c.pattern !== undefined) out.push({ name: patternName(table, c.name), sql: regexSql(c, c.pattern), family: "pattern" });
  const items: string[] = [];
  // A json column with item bounds holds a list, counted with jsonb_array_length.
  const count = c.type.kind === "json" ? `jsonb_array_length(${col})` : `cardinality(${col})`;
  if (c.minItems !== undefined) items.push(`${count} >= ${c.minItems}`);
  if (c.maxItems !== undefined) items.push(`${count} <= ${c.maxItems}`);
  if (c.type.kind === "json" && items.length) items.unshift(`jsonb_typeof(${col}) = 'array'`);
  // An explicit cast to varchar(n) cuts each item to n characters: equal only when none is longer.
  if (c.itemMaxLength !== undefined) items.push(`${col}::varchar(${c.itemMaxLength})[]::text[] = ${col}::text[]`);
  if (items.length) out.push({ name: itemsName(table, c.name), sql: items.join(" AND "), family: "items" });
  return out;
}

/** Summary words of a rule check, as the range check has always said them. */
export function ruleSummary(k: RuleCheck, where: string, drop: boolean): string {
  return drop ? `drop ${k.family} check of ${where}` : `check ${k.family} of ${where}`;
}
