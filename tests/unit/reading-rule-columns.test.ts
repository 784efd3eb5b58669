// A column of rule sentences beside a description column, or under a Rules/Validation header:
// each sentence that reads as a rule is a constraint of its row (not a description the rules are
// lost in), and prose rules a careful reader takes are enforced: "Optional.", "Defaults to X.",
// "Exactly 8 characters.", "Never negative.".
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load } from "./helpers.js";
import { compile } from "../../templates/runtime/validate.js";
import { columnSchema } from "../../generator/emit/table-info.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const errorsOf = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`);

const SPEC = (header: string) => `# Data model

## members

| Field | Type | ${header} |
|---|---|---|
| id | uuid | Primary key. |
| handle | string | Required. Must be unique. |

## parcels

| Field | Type | Summary | ${header} |
|---|---|---|---|
| id | uuid | Parcel key | Primary key. |
| member_id | uuid | Who sends it | References members.id. Required. |
| label | string | Printed on the box | Optional. At most 40 characters. |
| state | string | Where it is | One of \`NEW\`, \`SENT\`. Defaults to \`NEW\`. |
| pieces | integer | How many boxes | Required. Must be greater than 0. |
| pin | string | Locker code | Optional. Exactly 6 characters. |
| weight | decimal | Kilograms | Never negative. |
`;

describe("a column of rule sentences beside the description", () => {
  it.each(["Rules", "Validation", "Checks"])("under a %s header: its rules hold, the description stays the description", async (header) => {
    const r = await load(SPEC(header));
    expect(errorsOf(r)).toEqual([]);
    const p = table(r.ir, "parcels");
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(col("member_id")).toMatchObject({ nullable: false, references: { table: "members" } });
    expect(col("member_id").description).toBe("Who sends it");
    expect(col("label")).toMatchObject({ nullable: true, maxLength: 40 });
    expect(col("state").type).toMatchObject({ kind: "enum", values: ["NEW", "SENT"] });
    expect(col("state").default).toMatchObject({ kind: "literal", value: "NEW" });
    expect(col("pieces")).toMatchObject({ nullable: false, exclusiveMinimum: 0 });
    expect(col("pin")).toMatchObject({ nullable: true, minLength: 6, maxLength: 6 });
    expect(col("weight")).toMatchObject({ minimum: 0 });
  });

  it("enforces them on the request body", async () => {
    const r = await load(SPEC("Rules"));
    const p = table(r.ir, "parcels");
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    const check = compile<unknown>({
      type: "object",
      properties: { pieces: columnSchema(col("pieces"), "in"), pin: columnSchema(col("pin"), "in"), weight: columnSchema(col("weight"), "in") },
      additionalProperties: false,
    });
    expect(check({ pieces: 2, pin: "123456", weight: 1.5 })).toEqual({ pieces: 2, pin: "123456", weight: 1.5 });
    for (const bad of [{ pieces: 0 }, { pin: "12345" }, { weight: -1 }]) expect(() => check(bad), JSON.stringify(bad)).toThrow();
  });
});

describe("prose rules in a description", () => {
  it("reads Optional first, a default, an exact length and never negative", async () => {
    const r = await load(`## users\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | Primary key |\n| nick | String | Optional for the account's whole life. |\n| plan | string | Defaults to free. |\n| code | string | Must be 4 characters long. |\n| balance | integer | Cannot be negative. |\n`);
    expect(errorsOf(r)).toEqual([]);
    const u = table(r.ir, "users");
    const col = (n: string) => u.columns.find((c) => c.name === n)!;
    expect(col("nick").nullable).toBe(true);
    expect(col("plan").default).toMatchObject({ kind: "literal", value: "free" });
    expect(col("code")).toMatchObject({ minLength: 4, maxLength: 4 });
    expect(col("balance")).toMatchObject({ minimum: 0 });
  });

  it("warns, quoting it, about a rule sentence it cannot enforce, and not about one it reads", async () => {
    const r = await load(`## users\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | Primary key |\n| email | text | Used to sign in; must be unique across all users. |\n| total | decimal | Must equal the sum of the lines. |\n| nick | text | Must be a valid email. |\n`);
    const w = r.diagnostics.filter((d) => d.code === "SF108").map((d) => d.message);
    expect(w).toEqual(['rule "Must equal the sum of the lines" in the description of "users.total" is not understood; it is not enforced']);
    expect(table(r.ir, "users").columns.find((c) => c.name === "email")!.unique).toBe(true);
  });

  it("reads the value a new row starts with as its default, and not a word like empty", async () => {
    const r = await load(`## users\n\n| Field | Type | Notes |\n|---|---|---|\n| id | uuid | Primary key |\n| phase | enum | \`DRAFT\`, \`LIVE\`. New pages are \`DRAFT\`. |\n| memo | text | Initially empty. |\n| tries | integer | Starts at 0. |\n`);
    const u = table(r.ir, "users");
    const col = (n: string) => u.columns.find((c) => c.name === n)!;
    expect(col("phase").default).toMatchObject({ kind: "literal", value: "DRAFT" });
    expect(col("memo").default ?? null).toBeNull();
    expect(col("tries").default).toMatchObject({ kind: "literal", value: 0 });
  });
});
