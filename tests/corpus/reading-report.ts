// How well the generator reads each real-world spec, measured against what a careful human
// reads in it (tests/corpus/expectations/*.yaml): tables found, endpoints mapped, rules
// enforced. Used by tests/corpus/reading.test.ts and printed for the issue's closing note
// (`CORPUS_READING_REPORT=1 npx vitest run tests/corpus/reading.test.ts`).
import { join } from "node:path";
import { loadSpecs } from "../../generator/front.js";
import { nameKey, words } from "../../generator/base/naming.js";
import type { Column, IR, Table } from "../../generator/ir/types.js";
import { CORPUS_DIR, type Expectation, type RuleExpectation } from "./expectations.js";

export interface CaseReading {
  readonly case: string;
  readonly built: boolean;
  readonly errors: string[];
  readonly tables: { readonly human: number; readonly found: number; readonly missing: string[]; readonly extra: string[] };
  readonly endpoints: { readonly spec: number; readonly generated: number; readonly stubs: number; readonly mapped: number };
  readonly rules: { readonly stated: number; readonly enforced: number; readonly missed: { rule: RuleExpectation; why: string }[] };
}

const ROOT = join(import.meta.dirname, "..", "..");
const key = (name: string) => nameKey(words(name).join("_"));

function tableOf(ir: IR, name: string): Table | undefined {
  return ir.tables.find((t) => t.name === name) ?? ir.tables.find((t) => key(t.name) === key(name));
}

function columnOf(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.name === name) ?? t.columns.find((c) => words(c.name).join("_") === words(name).join("_"));
}

/** Whether the IR holds the rule (so the validator and the database enforce it), and why not. */
export function ruleEnforced(ir: IR, r: RuleExpectation): string | null {
  const t = tableOf(ir, r.table);
  if (!t) return `no table ${r.table}`;
  if (r.field) return `a field inside json column ${r.columns[0]}`;
  const cols = r.columns.map((c) => columnOf(t, c));
  if (cols.some((c) => !c)) return `no column ${r.columns.filter((_, i) => !cols[i]).join(", ")}`;
  const c = cols[0]!;
  const lower = (v: unknown) => String(v).toLowerCase();
  switch (r.kind) {
    case "enum": {
      const values = c.type.kind === "enum" ? c.type.values : c.type.kind === "array" && c.type.of.kind === "enum" ? c.type.of.values : null;
      if (!values) return `column is ${c.type.kind}, not an enum`;
      const want = (r.values ?? []).map(lower);
      const have = new Set(values.map(lower));
      return want.every((v) => have.has(v)) ? null : `values ${values.join("|")} differ from ${want.join("|")}`;
    }
    case "length": {
      const max = c.maxLength ?? (c.type.kind === "string" ? c.type.maxLength : undefined) ?? (c.type.kind === "array" ? c.itemMaxLength : undefined);
      // An array's "length" may be its number of items or each item's length.
      if (r.max !== undefined && max !== r.max && !(c.type.kind === "array" && c.maxItems === r.max)) return `max length ${max ?? "none"}, want ${r.max}`;
      if (r.min !== undefined && r.min > 0 && (c.minLength ?? 0) < r.min) return `min length ${c.minLength ?? "none"}, want ${r.min}`;
      return null;
    }
    case "range": {
      const min = c.minimum ?? c.exclusiveMinimum;
      const max = c.maximum ?? c.exclusiveMaximum;
      if (r.min !== undefined && min === undefined) return `no minimum, want ${r.min}`;
      if (r.max !== undefined && max === undefined) return `no maximum, want ${r.max}`;
      return null;
    }
    case "format":
      if (c.format || c.pattern || c.type.kind === "uuid" || c.type.kind === "inet") return null;
      return `no format`;
    case "pattern":
      return c.pattern ? null : "no pattern";
    case "unique": {
      const names = cols.map((x) => x!.name).sort().join(",");
      if (cols.length === 1 && (c.unique || c.primaryKey)) return null;
      const idx = t.indexes.some((i) => i.unique && [...i.columns].sort().join(",") === names);
      // "unique per user": the owner column joins the key.
      const perUser = t.owner ? t.indexes.some((i) => i.unique && [...i.columns].sort().join(",") === [...names.split(","), t.owner!].sort().join(",")) : false;
      const pk = t.keyColumns && [...t.keyColumns].sort().join(",") === names;
      return idx || perUser || pk ? null : "no unique index";
    }
    case "check": {
      const names = new Set(cols.map((x) => x!.name));
      const hit = (t.checks ?? []).some((k) => k.columns.some((x) => names.has(x)) || (k.compare ?? []).some((x) => names.has(x.left) || names.has(x.right)));
      if (hit) return null;
      // A CHECK the columns' own rules say fully (enum values, bounds) is enforced through them.
      if (cols.some((x) => x!.type.kind === "enum" || x!.minimum !== undefined || x!.maximum !== undefined || x!.minLength !== undefined || x!.maxLength !== undefined)) return null;
      return "no check";
    }
    case "required":
      return c.nullable ? "nullable" : null;
  }
}

export async function readCase(e: Expectation): Promise<CaseReading> {
  const r = await loadSpecs(join(CORPUS_DIR, e.case), ROOT);
  const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);
  const human = e.tables.map((t) => t.name);
  if (!r.ir) {
    return {
      case: e.case,
      built: false,
      errors,
      tables: { human: human.length, found: 0, missing: human, extra: [] },
      endpoints: { spec: e.endpoints.length, generated: 0, stubs: 0, mapped: 0 },
      rules: { stated: e.rules.length, enforced: 0, missed: e.rules.map((rule) => ({ rule, why: "not built" })) },
    };
  }
  const ir = r.ir;
  const missing = human.filter((n) => !tableOf(ir, n));
  const extra = ir.tables.filter((t) => !t.addedBy && !human.some((n) => key(n) === key(t.name))).map((t) => t.name);
  const fromSpec = ir.endpoints.filter((x) => x.span.file !== ir.sources.schema);
  const missed: { rule: RuleExpectation; why: string }[] = [];
  for (const rule of e.rules) {
    const why = ruleEnforced(ir, rule);
    if (why) missed.push({ rule, why });
  }
  return {
    case: e.case,
    built: true,
    errors,
    tables: { human: human.length, found: human.length - missing.length, missing, extra },
    endpoints: {
      spec: e.endpoints.length,
      generated: fromSpec.length,
      stubs: fromSpec.filter((x) => x.action.kind === "stub").length,
      mapped: fromSpec.filter((x) => x.action.kind !== "stub").length,
    },
    rules: { stated: e.rules.length, enforced: e.rules.length - missed.length, missed },
  };
}

/** The closing note's table: one line per case. */
export function formatReadings(rows: readonly CaseReading[]): string {
  const out = ["| case | tables (human / found) | endpoints (spec / generated / 501) | rules (stated / enforced) |", "|---|---|---|---|"];
  for (const r of rows) {
    out.push(`| ${r.case} | ${r.tables.human} / ${r.tables.found} | ${r.endpoints.spec} / ${r.endpoints.generated} / ${r.endpoints.stubs} | ${r.rules.stated} / ${r.rules.enforced} |${r.built ? "" : ` not built: ${r.errors[0] ?? ""}`}`);
  }
  return out.join("\n");
}
