// The migration planner as a stage of its own: given the schema the last migration left (a
// snapshot) and the IR of the spec now, the typed steps it plans and the problems it reports,
// each one (SF501, SF502, SF503). No database, no emitted code.
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";
import { planMigrations, type MigrationOptions } from "../../generator/plan/plan.js";
import { currentSnapshot } from "../../generator/plan/schema-of-ir.js";
import { NO_PREVIOUS, type PreviousMigrations } from "../../generator/read/read-output.js";

async function ir(schema: string): Promise<IR> {
  const r = await loadSpecFiles({ kind: "schema", format: "markdown", path: "specs/database/schema.md", text: schema }, null);
  expect(r.ir, JSON.stringify(r.diagnostics)).not.toBeNull();
  return r.ir!;
}

/** The migrations as they are after generating `schema` once. */
async function after(schema: string): Promise<PreviousMigrations> {
  return { ...NO_PREVIOUS, snapshot: currentSnapshot(await ir(schema)), files: new Map([["0001_init", "// init\n"]]) };
}

/** The plan from `before` to `now`: its steps (kind, table, column) and its diagnostics (code, line, message). */
async function plan(before: string | null, now: string, options: MigrationOptions = {}) {
  const r = planMigrations(await ir(now), before === null ? NO_PREVIOUS : await after(before), options);
  return {
    steps: (r.plan.migration?.up ?? []).map((s) => ({ kind: s.kind, table: s.table, ...(s.column ? { column: s.column } : {}) })),
    diagnostics: r.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.code} ${d.message}`),
  };
}

const schema = (items: string, users = "- id: text (primary key)") => `## users

${users}

## items

- id: serial (primary key)
- user_id: text (references users(id))
${items}`;

describe("planMigrations: given the schema before and the spec now, the steps", () => {
  it("creates every table from nothing, referenced tables first", async () => {
    const { steps, diagnostics } = await plan(null, schema("- value: integer"));
    expect(steps.filter((s) => s.kind === "create-table")).toEqual([
      { kind: "create-table", table: "users" },
      { kind: "create-table", table: "items" },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it("plans nothing when nothing changed", async () => {
    const r = planMigrations(await ir(schema("- value: integer")), await after(schema("- value: integer")));
    expect(r.plan.migration).toBeNull();
    expect(r.diagnostics).toEqual([]);
  });

  const cases: { name: string; before: string; now: string; want: object[] }[] = [
    { name: "add a nullable column", before: "- value: integer", now: "- value: integer\n- note: text (optional)", want: [{ kind: "add-column", table: "items", column: "note" }] },
    { name: "widen a column's type", before: "- value: varchar(20)", now: "- value: varchar(40)", want: [{ kind: "alter-column", table: "items", column: "value" }] },
    { name: "add a range check", before: "- value: integer", now: "- value: integer (min 1)", want: [{ kind: "add-check", table: "items", column: "value" }] },
    {
      // A nullable sort key gets a second index for its descending order (nulls last); indexes come after the columns.
      name: "make a column nullable",
      before: "- value: integer (not null)",
      now: "- value: integer",
      want: [
        { kind: "alter-column", table: "items", column: "value" },
        { kind: "add-index", table: "items" },
      ],
    },
    {
      // Stored as text either way: only the check of the allowed values changes.
      name: "allow one more value: drop the old check, add the new one",
      before: "- value: enum(a, b)",
      now: "- value: enum(a, b, c)",
      want: [
        { kind: "drop-check", table: "items", column: "value" },
        { kind: "add-check", table: "items", column: "value" },
      ],
    },
  ];
  it.each(cases)("$name", async ({ before, now, want }) => {
    const r = await plan(schema(before), schema(now));
    expect(r.steps).toEqual(want);
    expect(r.diagnostics).toEqual([]);
  });

  it("says in an alter-column step what changes, in order", async () => {
    const p = planMigrations(await ir(schema("- value: varchar(40)")), await after(schema("- value: varchar(20)")));
    const step = p.plan.migration!.up[0]!;
    expect(step.kind === "alter-column" && step.changes).toEqual([{ kind: "type", from: { kind: "string", maxLength: 20 }, to: { kind: "string", maxLength: 40 } }]);
    expect(step.summary).toBe("change type of items.value from varchar(20) to varchar(40)");
    const q = planMigrations(await ir(schema("- value: integer (not null, default 0)")), await after(schema("- value: integer")));
    const alter = q.plan.migration!.up.find((s) => s.kind === "alter-column")!;
    expect(alter.kind === "alter-column" && alter.changes).toEqual([{ kind: "set-default", sql: "'0'" }, { kind: "set-not-null", fill: "'0'" }]);
  });
});

describe("planMigrations: problems, every one of them", () => {
  it("reports a dropped column as destructive (SF502) unless allowed", async () => {
    const r = await plan(schema("- value: integer\n- note: text"), schema("- value: integer"));
    expect(r.steps).toEqual([{ kind: "drop-column", table: "items", column: "note" }]);
    expect(r.diagnostics).toEqual([expect.stringMatching(/ SF502 this schema change drops column "items\.note" and the data it holds$/)]);
    expect((await plan(schema("- value: integer\n- note: text"), schema("- value: integer"), { allowDestructive: true })).diagnostics).toEqual([]);
  });

  it("reports a type change that changes the API's JSON type (SF503) unless allowed", async () => {
    const r = await plan(schema("- value: integer (optional)"), schema("- value: bigint (optional)"));
    expect(r.diagnostics).toEqual([expect.stringMatching(/ SF503 this schema change changes the API type of "items\.value" \(integer -> bigint\)/)]);
    expect((await plan(schema("- value: integer (optional)"), schema("- value: bigint (optional)"), { allowBreaking: true })).diagnostics).toEqual([]);
  });

  it("reports two changes it cannot migrate as two SF501s, each where the spec writes it", async () => {
    const before = schema("- value: integer", "- id: text (primary key)\n- email: text (unique)");
    const now = schema("- value: serial", "- id: text\n- email: text (primary key)");
    const r = await plan(before, now);
    // In the order of the tables (by name), each at its table or column.
    expect(r.diagnostics).toEqual([
      expect.stringMatching(/^specs\/database\/schema\.md:10 SF501 column "items\.value" changes whether it auto-increments; that is not supported$/),
      expect.stringMatching(/^specs\/database\/schema\.md:1 SF501 the primary key of "users" changes from "id" to "email"; changing a primary key is not supported$/),
    ]);
    expect(r.diagnostics[0]).not.toEqual(r.diagnostics[1]);
  });
});
