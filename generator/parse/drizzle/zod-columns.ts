// Which column a zod field is about, and which of its rules fit that column's type (a rule the
// type already states is left out quietly, one that does not fit with a note).
import { snakeCase } from "../../base/naming.js";
import type { RawText } from "../raw.js";
import type { ZodContext, ZodField, ZodRule, ZodTable, ZodTableColumn } from "./zod-shapes.js";

/** The kind of column a type text makes, for fitting rules to it. */
export function columnKind(type: string, enums: ReadonlyMap<string, readonly string[]>): { kind: "text" | "number" | "array" | "json" | "enum" | "uuid" | "time" | "other"; values?: readonly string[] } {
  const t = type.trim().toLowerCase();
  if (t.endsWith("[]")) return { kind: "array" };
  const listed = /^enum\((.*)\)$/.exec(type.trim());
  if (listed) return { kind: "enum", values: listed[1]!.split(",").map((v) => v.trim()) };
  if (enums.has(type)) return { kind: "enum", values: enums.get(type)! };
  if (/^(text|varchar|char|citext|tinytext|mediumtext|longtext|character varying)\b/.test(t)) return { kind: "text" };
  if (/^(integer|smallint|bigint|serial|bigserial|smallserial|numeric|decimal|real|float|double precision)\b/.test(t)) return { kind: "number" };
  if (t === "json" || t === "jsonb") return { kind: "json" };
  if (t === "uuid") return { kind: "uuid" };
  if (/^(timestamp|date|time)\b/.test(t)) return { kind: "time" };
  return { kind: "other" };
}

export const matchColumn = (t: ZodTable, field: string): ZodTableColumn | null => {
  const exact = t.columns.find((c) => c.key === field || c.name === field);
  if (exact) return exact;
  const w = snakeCase(field);
  return t.columns.find((c) => snakeCase(c.key) === w || snakeCase(c.name) === w) ?? null;
};

/** `fieldRules`: the rule phrases of one field for its column. */
export function zodFitting(cx: ZodContext) {
  const { raw, note } = cx;
  /** The rule phrases of one field for its column (known: fitted to the column's type; unknown: all of them, the builder fits them). */
  function fieldRules(f: ZodField, col: ZodTableColumn | null, where: string): RawText[] {
    const v = f.value;
    const label = `${f.label}.${f.key}`;
    if (v.base === "object") {
      note(`${label} is an object (a json column's inner shape); its fields' rules are not column rules`, f.keyAt);
      return [];
    }
    const rules = [...v.rules];
    if (v.base === "array" && v.element) {
      if (v.element.base === "object") note(`${label} holds objects; the rules of their fields are not column rules`, f.keyAt);
      for (const r of v.element.rules) {
        const m = /^max length (\d+)$/.exec(r.text);
        // A list column's format and pattern hold for each of its items.
        if (m) rules.push({ text: `each max ${m[1]} chars`, at: r.at, kind: "each" });
        else if (r.kind === "format" || r.kind === "pattern") rules.push({ ...r, kind: "each" });
        else note(`${label}: the rule "${r.text}" on each item is not read as a column rule`, r.at);
      }
    }
    const out: RawText[] = [];
    const kind = col ? columnKind(col.type, cx.enums) : null;
    for (const r of rules) {
      if (kind && !fits(r, kind, where)) continue;
      out.push(raw(r.text, r.at));
    }
    return out;
  }

  /** Whether a rule can hold on a column of this kind; a rule its type already states is left out quietly, one that does not fit with a note. */
  function fits(r: ZodRule, col: ReturnType<typeof columnKind>, where: string): boolean {
    const k = col.kind;
    let ok: boolean;
    switch (r.kind) {
      case "length":
      case "pattern":
        ok = k === "text";
        break;
      case "value":
        ok = k === "number";
        break;
      case "either":
        ok = k === "text" || k === "number";
        break;
      case "format":
        if ((k === "uuid" && r.format === "uuid") || (k === "time" && (r.format === "date-time" || r.format === "date"))) return false;
        ok = k === "text";
        break;
      case "values": {
        if (k === "enum") {
          const have = col.values ?? [];
          const want = r.values ?? [];
          if (want.length === have.length && want.every((x) => have.includes(x))) return false;
          note(`${where}: the zod schema allows ${want.join(", ")}, the column's type allows ${have.join(", ")}; the column keeps its own values`, r.at);
          return false;
        }
        ok = k === "text";
        break;
      }
      case "items":
      case "each":
        ok = k === "array";
        break;
    }
    if (!ok) note(`${where}: the zod rule "${r.text}" does not fit the column's type (${k}); it is not read as a column rule`, r.at);
    return ok;
  }
  return { fieldRules };
}
