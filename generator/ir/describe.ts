// How a column type is written for people (explain, the drawn ERD): SQL-like, short.
import type { ColumnType } from "./types.js";

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
