// Type cells that carry more than a type: a note in brackets ("uuid (FK to users)", "text
// [optional]", "integer (cents)"), a unit after the type ("integer minutes", "decimal USD"), or
// constraints after a comma ("TEXT, not null", "INTEGER (cents), nullable"). Each is read for what
// it says, in a table and in a bullet list, with no warning for a note that is not a rule.
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load } from "./helpers.js";
import { compile } from "../../templates/runtime/validate.js";
import { columnSchema } from "../../generator/emit/table-info.js";
import { typeOf } from "../../generator/parse/table-cells.js";
import { unitOf } from "../../generator/parse/table-units.js";
import { readTypeNote } from "../../generator/ir/type-notes.js";

const USERS = "## users\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | uuid | primary key |\n";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const warnings = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === "error" || d.severity === "warning").map((d) => `${d.code} ${d.message}`);

describe("a type cell with a note, a unit or constraints after it is still a type cell", () => {
  it.each([
    ["uuid (FK to users)", false],
    ["text [optional]", false],
    ["integer (cents)", false],
    ["INTEGER (cents), nullable", true],
    ["TEXT (ISO 8601 date), not null", true],
    ["integer minutes", false],
    ["int seconds", false],
    ["decimal USD", false],
    ["BLOB, not null", true],
    ["UUID FK accounts", true],
  ])("%s", (cell, constraints) => {
    const r = typeOf(cell);
    expect(r.score).toBeGreaterThanOrEqual(0.8);
    expect(r.constraints).toBe(constraints);
  });

  it("knows units, and not every word", () => {
    expect(["minutes", "in cents", "USD", "seconds", "kg", "unix seconds"].map(unitOf)).toEqual(["minutes", "cents", "USD", "seconds", "kg", "unix seconds"]);
    expect(["usd", "owner", "shown on cards", "m", "uppercase"].map(unitOf)).toEqual([null, null, null, null, null]);
  });

  it("splits a note into its constraints, units and other words", () => {
    const n = readTypeNote("(FK to users, cents; shown on cards), not null");
    expect(n.phrases.map((p) => p.text)).toEqual(["FK to users", "not null"]);
    expect(n.units.map((p) => p.text)).toEqual(["cents"]);
    expect(n.notes.map((p) => p.text)).toEqual(["shown on cards"]);
    // A constraint with brackets of its own stays whole.
    expect(readTypeNote("references users(id)").phrases.map((p) => p.text)).toEqual(["references users(id)"]);
  });
});

describe("the columns such cells describe", () => {
  const TABLE = `${USERS}\n## trips\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid (PK) | |\n| user_id | uuid (FK to users) | who booked it |\n| title | text [optional] | shown on cards |\n| price | integer (cents) | total price |\n| fare | INTEGER (cents), nullable | |\n| starts_on | TEXT (ISO 8601 date), not null | |\n| duration | integer minutes | |\n| budget | decimal USD | |\n| photo | BLOB, not null | |\n`;

  it("reads a table of them: types, references, nullability, units in the description, no warning", async () => {
    const r = await load(TABLE);
    expect(warnings(r)).toEqual([]);
    const t = table(r.ir, "trips");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("id").type.kind).toBe("uuid");
    expect(col("user_id").references).toMatchObject({ table: "users", column: "id" });
    expect(col("title").nullable).toBe(true);
    expect(col("price").type.kind).toBe("integer");
    expect(col("price").description).toBe("total price (in cents)");
    expect(col("fare")).toMatchObject({ nullable: true, description: "in cents" });
    expect(col("fare").type.kind).toBe("integer");
    expect(col("starts_on")).toMatchObject({ nullable: false, format: "date" });
    expect(col("duration").type.kind).toBe("integer");
    expect(col("duration").description).toBe("in minutes");
    expect(col("budget").description).toBe("in USD");
    expect(col("photo")).toMatchObject({ nullable: false });
    expect(col("photo").type.kind).toBe("bytes");
  });

  it("enforces what the note says: a required date-formatted text refuses a body without it or with another shape", async () => {
    const r = await load(TABLE);
    const t = table(r.ir, "trips");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    const check = compile<unknown>({ type: "object", properties: { starts_on: columnSchema(col("starts_on"), "in") }, required: ["starts_on"], additionalProperties: false });
    expect(check({ starts_on: "2026-03-01" })).toEqual({ starts_on: "2026-03-01" });
    expect(() => check({ starts_on: "next tuesday" })).toThrow();
    expect(() => check({})).toThrow();
  });

  it("reads the same notes in a bullet list", async () => {
    const r = await load(`${USERS}\n## timers\n\n- \`id\`: uuid (PK)\n- \`user_id\`: uuid (FK to users)\n- \`snooze\`: integer minutes\n- \`label\`: text [optional]\n- \`cost\`: integer (cents)\n`);
    expect(warnings(r)).toEqual([]);
    const t = table(r.ir, "timers");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("user_id").references).toMatchObject({ table: "users" });
    expect(col("snooze")).toMatchObject({ description: "in minutes" });
    expect(col("snooze").type.kind).toBe("integer");
    expect(col("label").nullable).toBe(true);
    expect(col("cost").type.kind).toBe("integer");
  });

  it("still warns about a constraint it does not understand after the type", async () => {
    const r = await load(`${USERS}\n## gadgets\n\n- \`id\`: uuid (PK)\n- \`user_id\`: uuid (FK to users)\n- \`name\`: text frobnicated\n`);
    expect(warnings(r).some((w) => w.startsWith("SF108") && w.includes("frobnicated"))).toBe(true);
  });

  it("reads a note or unit after a rule in a constraints cell, and auto-update as the server's", async () => {
    const r = await load(`${USERS}\n## files\n\n| Column | Type | Constraints |\n|---|---|---|\n| id | Integer | Primary key |\n| user_id | uuid | Foreign key → users.id |\n| stored_as | String(100) | Not null (random name on disk) |\n| size | Integer | Nullable (bytes) |\n| updated_at | DateTime | Default: now, auto-update |\n`);
    expect(warnings(r)).toEqual([]);
    const t = table(r.ir, "files");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("stored_as")).toMatchObject({ nullable: false, description: "random name on disk" });
    expect(col("size")).toMatchObject({ nullable: true, description: "in bytes" });
  });
});
