// Builds a valid request body from a generated JSON Schema, so a test can drive any
// generated app without knowing its tables in advance.
import { CIDR_OUT_PATTERN, INET_PATTERN, INTERVAL_PATTERN, MACADDR_PATTERN, TIME_PATTERN } from "../../generator/ir/column-forms.js";

type Schema = Record<string, any>;

/** Values for the string types told apart by their pattern (generator/ir/column-forms.ts). */
const BY_PATTERN = new Map<string, string>([
  [INET_PATTERN, "192.0.2.10"],
  [CIDR_OUT_PATTERN, "192.0.2.0/24"],
  [MACADDR_PATTERN, "08:00:2b:01:02:03"],
  [INTERVAL_PATTERN, "1 day 02:00:00"],
]);

let counter = 0;

export function sampleValue(schema: Schema, field: string): unknown {
  const types: string[] = Array.isArray(schema.type) ? schema.type.filter((t: string) => t !== "null") : schema.type ? [schema.type] : [];
  if (Array.isArray(schema.enum)) return schema.enum.find((v: unknown) => v !== null);
  const t = types[0];
  counter++;
  switch (t) {
    case "string": {
      // Later fields later in time, so a spec's own "ends_at > starts_at" holds for the sample row.
      if (schema.format === "date-time") return new Date(Date.UTC(2030, 0, 2, 3, 4, 5) + counter * 1000).toISOString();
      if (schema.format === "date") return new Date(Date.UTC(2030, 0, 2) + counter * 86_400_000).toISOString().slice(0, 10);
      if (schema.pattern === TIME_PATTERN) {
        const m = 9 * 60 + (counter % 600);
        return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00`;
      }
      if (schema.format === "uuid") return "0b3f1c52-5a9e-4c1b-9f1e-3c2d4b5a6e7f";
      if (schema.format === "email") return `user${counter}@example.com`;
      if (schema.format === "uri") return "https://example.com/x";
      if (schema.contentEncoding === "base64") return Buffer.from(`${field}-${counter}`).toString("base64");
      if (BY_PATTERN.has(schema.pattern)) return BY_PATTERN.get(schema.pattern);
      if (schema.pattern === "^-?[0-9]{1,19}$") return String(counter);
      if (typeof schema.pattern === "string" && schema.pattern.includes("[0-9]+(\\.[0-9]+)?")) return "1.5";
      const min = schema.minLength ?? 1;
      const max = schema.maxLength ?? 40;
      const base = `${field.slice(0, 8)}-${counter}`;
      const s = base.length >= min ? base : base.padEnd(min, "x");
      return s.slice(0, Math.max(min, Math.min(max, s.length)));
    }
    case "integer": {
      const lo = schema.minimum ?? 0;
      const hi = schema.maximum ?? 1000;
      return Math.min(Math.max(lo, 1), hi);
    }
    case "number":
      return Math.min(Math.max(schema.minimum ?? 0, 1.5), schema.maximum ?? 1000);
    case "boolean":
      return true;
    case "object":
      return {};
    case "array": {
      // A list of one (or exactly as many as a vector takes).
      const n = Math.max(1, schema.minItems ?? 1);
      return Array.from({ length: n }, () => sampleValue(schema.items ?? {}, field));
    }
    default:
      return { sample: true };
  }
}

/** A body with every required field, and no others. */
export function sampleBody(schema: Schema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of (schema.required as string[] | undefined) ?? []) {
    out[name] = sampleValue(schema.properties?.[name] ?? {}, name);
  }
  return out;
}
