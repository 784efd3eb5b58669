// SQL text of values the planner decides and the migration code writes: quoted names and
// literals, a column default, and the value existing rows get when a column must be filled.
import type { ColumnType, DefaultValue } from "../ir/types.js";

export const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A column default as SQL (SET DEFAULT, and the value a NOT NULL column is filled with). */
export function defaultSql(d: DefaultValue): string {
  switch (d.kind) {
    case "now":
      return "CURRENT_TIMESTAMP";
    case "uuid":
      return "gen_random_uuid()";
    case "increment":
      // The planner reports this change (SF501) before it asks for the default.
      throw new Error("internal: a column cannot become auto-increment after it was created");
    case "literal":
      if (d.value === null) return "NULL";
      if (typeof d.value === "string") return lit(d.value);
      // Quoted like Knex's defaultTo(), so a migrated column and a created one read back the same.
      if (typeof d.value === "number") return lit(String(d.value));
      return String(d.value);
  }
}

/** The value existing rows get when a NOT NULL column must be filled and the spec gives no default. */
export function zeroSql(t: ColumnType): string {
  switch (t.kind) {
    case "string":
    case "text":
      return "''";
    case "enum":
      return lit(t.values[0] ?? "");
    case "integer":
    case "bigint":
    case "decimal":
    case "float":
      return "0";
    case "boolean":
      return "false";
    case "timestamp":
      return "'1970-01-01 00:00:00+00'";
    case "date":
      return "'1970-01-01'";
    case "time":
      return "'00:00:00'";
    case "uuid":
      return "'00000000-0000-0000-0000-000000000000'";
    case "json":
      return "'{}'";
    case "bytes":
      return "'\\x'";
    case "inet":
      return "'0.0.0.0'";
    case "cidr":
      return "'0.0.0.0/0'";
    case "macaddr":
      return "'00:00:00:00:00:00'";
    case "interval":
      return "'00:00:00'";
    case "array":
      return "'{}'";
    case "vector":
      // real[] either way: pgvector casts it to vector(n) on assignment.
      return `array_fill(0::real, ARRAY[${t.dimensions}])`;
  }
}
