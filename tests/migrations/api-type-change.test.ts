// A column type change that changes the column's JSON type in the API (integer -> bigint makes
// a JSON number a string) is a breaking change by default: the migration plan says so and why,
// and generation refuses it (SF503) unless --allow-breaking is given, as it refuses destructive
// changes (SF502) without --allow-destructive. Given the old spec and the new one, the
// classification; no database needed.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { emitMigrations } from "../../generator/emit/emit-migrations.js";
import { migrationCode } from "../../generator/emit/migration-code.js";
import { planMigrations } from "../../generator/plan/plan.js";
import { currentSnapshot, renamesOf, spanLookup } from "../../generator/plan/schema-of-ir.js";
import { NO_PREVIOUS, type PreviousMigrations } from "../../generator/read/read-output.js";
import { planMigration, type MigrationPlan } from "../../generator/plan/plan-migration.js";
import { apiTypeChange } from "../../generator/ir/column-forms.js";

const spec = (type: string) => `## users

- id: text (primary key)

## items

- id: serial (primary key)
- user_id: text (references users(id))
- value: ${type}
`;

async function ir(schema: string): Promise<IR> {
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema }, null);
  expect(r.ir, JSON.stringify(r.diagnostics)).not.toBeNull();
  return r.ir!;
}

async function plan(before: string, after: string): Promise<MigrationPlan> {
  const next = await ir(after);
  const p = planMigration(currentSnapshot(await ir(before)), currentSnapshot(next), renamesOf(next), spanLookup(next));
  expect(p).not.toBeNull();
  return p!;
}

describe("type changes, classified by what API clients see", () => {
  // [old type, new type, breaking?, destructive?]
  const cases: [string, string, boolean, boolean][] = [
    ["integer (optional)", "bigint (optional)", true, false],
    ["integer (optional)", "numeric(12, 2) (optional)", true, false],
    ["integer (optional)", "double precision (optional)", true, false],
    ["numeric(10, 2) (optional)", "double precision (optional)", true, true],
    ["bigint (optional)", "integer (optional)", true, true],
    ["text (optional)", "jsonb (optional)", true, true],
    ["integer[] (optional)", "bigint[] (optional)", true, false],
    ["smallint (optional)", "integer (optional)", false, false],
    ["varchar(100) (optional)", "text (optional)", false, false],
    ["enum(a, b) (optional)", "enum(a, b, c) (optional)", false, false],
    ["enum(a, b) (optional)", "text (optional)", false, false],
    ["date (optional)", "timestamp (optional)", false, false],
    ["uuid (optional)", "text (optional)", false, false],
    ["numeric(10, 2) (optional)", "numeric(12, 2) (optional)", false, false],
    ["integer (optional)", "integer (not null, default 0)", false, false],
  ];
  it.each(cases)("%s -> %s: breaking %s, destructive %s", async (from, to, breaking, destructive) => {
    const p = await plan(spec(from), spec(to));
    expect(p.breaking.length, p.summary.join("\n")).toBe(breaking ? 1 : 0);
    expect(p.destructive.length > 0, p.summary.join("\n")).toBe(destructive);
    if (breaking) {
      // Where (the column's spec line), and a line of the migration's summary saying why.
      expect(p.breaking[0]!.span).toMatchObject({ file: "specs/database/schema.md", line: 9, column: 3 });
      expect(p.summary).toContainEqual(`BREAKING API: ${p.breaking[0]!.message}`);
      expect(migrationCode(p.up, true)).toContainEqual(`  // BREAKING API: ${p.breaking[0]!.message}`);
    } else {
      expect(p.summary.join("\n")).not.toMatch(/BREAKING/);
    }
  });

  it("says what changes and why: integer -> bigint is served as a JSON string", async () => {
    const p = await plan(spec("integer (optional)"), spec("bigint (optional)"));
    expect(p.breaking[0]!.message).toBe(
      'changes the API type of "items.value" (integer -> bigint): responses give a JSON string for "items.value" where they gave a JSON integer ' +
        "(bigint travels as a decimal string: JSON numbers lose precision past 2^53); clients built for the old type break",
    );
    expect(p.summary).toEqual(["change type of items.value from integer to bigint", `BREAKING API: ${p.breaking[0]!.message}`]);
  });

  it("names a list's items and a request that no longer accepts a type", () => {
    expect(apiTypeChange({ kind: "array", of: { kind: "integer" } }, { kind: "array", of: { kind: "bigint" } }, "t.c")).toMatch(
      /responses give a JSON array of string values for "t\.c" where they gave a JSON array of integer values/,
    );
    expect(apiTypeChange({ kind: "decimal" }, { kind: "decimal", precision: 12, scale: 2 }, "t.c")).toBeNull();
    expect(apiTypeChange({ kind: "json" }, { kind: "text" }, "t.c")).toMatch(/responses give a JSON string for "t\.c" where they gave any JSON value/);
  });

  it("is reported with a rename in the same step, under the new name", async () => {
    const p = await plan(spec("integer (optional)"), spec("bigint (optional)").replace("- value: bigint (optional)", "- amount: bigint (optional, renamed from value)"));
    expect(p.summary[0]).toBe("rename column items.value to amount");
    expect(p.breaking.map((b) => b.message)).toEqual([expect.stringContaining('"items.amount" (integer -> bigint)')]);
  });
});

describe("generation refuses a breaking type change unless allowed", () => {
  const previous = async (schema: string) => {
    const first = await ir(schema);
    const files = emitMigrations(first, planMigrations(first, NO_PREVIOUS).plan);
    const init = [...files].find(([p]) => /^migrations\/0001_/.test(p))!;
    return { snapshot: currentSnapshot(await ir(schema)), files: new Map([[init[0].replace(/^migrations\/|\.ts$/g, ""), init[1]]]), journal: null } as PreviousMigrations;
  };
  const codes = (next: IR, prev: PreviousMigrations, options?: Parameters<typeof planMigrations>[2]) => planMigrations(next, prev, options).diagnostics.map((d) => d.code);

  it("reports SF503 without allowBreaking; writes the migration, marked, with it", async () => {
    const prev = await previous(spec("integer (optional)"));
    const next = await ir(spec("bigint (optional)"));
    expect(codes(next, prev)).toEqual(["SF503"]);
    expect(codes(next, prev, { allowDestructive: true })).toEqual(["SF503"]);
    const planned = planMigrations(next, prev, { allowBreaking: true });
    expect(planned.diagnostics).toEqual([]);
    const files = emitMigrations(next, planned.plan);
    const text = files.get("migrations/0002_alter_items_value.ts")!;
    expect(text).toContain("//   - BREAKING API: changes the API type of \"items.value\" (integer -> bigint)");
    expect(text).toMatch(/\/\/ BREAKING API: .*\n\s+await knex\.raw\(".*TYPE bigint/);
  });

  it("says both at once when a change is destructive and breaking", async () => {
    const prev = await previous(spec("bigint (optional)"));
    const next = await ir(spec("integer (optional)"));
    expect(codes(next, prev)).toEqual(["SF502", "SF503"]);
    // Allowing only the destruction still refuses the API change.
    expect(codes(next, prev, { allowDestructive: true })).toEqual(["SF503"]);
    const planned = planMigrations(next, prev, { allowDestructive: true, allowBreaking: true });
    expect(planned.diagnostics).toEqual([]);
    expect(emitMigrations(next, planned.plan).has("migrations/0002_alter_items_value.ts")).toBe(true);
  });
});
