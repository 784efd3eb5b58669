// How a column type is written for people (explain, the drawn ERD): SQL-like, short.
import type { ColumnType } from "./types.js";

export function typeText(t: ColumnType): string {
  switch (t.kind) {
    case "string":
      return t.maxLength !== undefined ? `varchar(${t.maxLength})` : "text";
    case "decimal":
      return t.precision !== undefined ? `numeric(${t.precision},${t.scale ?? 0})` : "numeric";
    case "enum":
      return `enum(${t.values.join(", ")})`;
    case "timestamp":
      return "timestamptz";
    case "json":
      return "jsonb";
    default:
      return t.kind;
  }
}
