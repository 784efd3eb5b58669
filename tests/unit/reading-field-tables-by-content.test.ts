// A table whose first column names fields and whose second holds types or storage words
// ("CHAR(8) PK", "TEXT", "INTEGER nullable") is a table's columns, whatever its header words say
// ("Field | Persistence | Rules", "Feld | Speicherung | Regeln"): the Rules header does not make
// it a rules list. Its rules column is read as its rows' rules. And a schema in which no table is
// understood, only rules for tables it never defines, is an error (SF102), never an app of nothing.
import { describe, expect, it } from "vitest";
import { codes, load, table } from "./helpers.js";

const VOUCHERS = (h: [string, string, string]) => `# Storage layout

## Voucher

| ${h[0]} | ${h[1]} | ${h[2]} |
|---|---|---|
| code | CHAR(8) PK | Made on insert |
| holder | VARCHAR(80) | Required; strip spaces; length 2–80 |
| balance | INTEGER | Required |
| memo | TEXT nullable | Shown on the receipt |
| kind | VARCHAR enum | GIFT, PROMO, REFUND |

## Redemption

| ${h[0]} | ${h[1]} | ${h[2]} |
|---|---|---|
| id | UUID PK | Made on insert |
| voucherCode | CHAR(8) FK | Required |
| amount | INTEGER | Required |
`;

const API = `# API

| Method | Path |
|---|---|
| GET | /vouchers |
| POST | /vouchers |
| GET | /vouchers/{code} |
`;

describe("a field table read by its content, not its header words", () => {
  it.each([
    ["Field", "Persistence", "Rules"],
    ["Feld", "Speicherung", "Regeln"],
    ["Name", "Storage", "Validation"],
  ] as [string, string, string][])("%s | %s | %s", async (...h) => {
    const r = await load(VOUCHERS(h), API);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["redemptions", "vouchers"]);
    const v = table(r.ir!, "vouchers");
    expect(v.primaryKey).toBe("code");
    const col = (n: string) => v.columns.find((c) => c.name === n)!;
    expect(col("holder")).toMatchObject({ nullable: false, minLength: 2, maxLength: 80 });
    expect(col("memo").nullable).toBe(true);
    expect(col("kind").type).toMatchObject({ kind: "enum", values: ["GIFT", "PROMO", "REFUND"] });
    expect(table(r.ir!, "redemptions").columns.find((c) => c.name === "amount")!.nullable).toBe(false);
    // Every endpoint maps onto the table: none is a 501 stub.
    expect(r.ir!.unmapped ?? []).toEqual([]);
  });

  it("a rules table (no column of types) is still a rules list for the table it sits under", async () => {
    const r = await load(`# Schema\n\n## parcels\n\n- id: uuid primary key\n- label: text\n\n### Validation\n\n| Field | Rule |\n|---|---|\n| label | at most 40 characters |\n`);
    expect(table(r.ir!, "parcels").columns.find((c) => c.name === "label")!.maxLength).toBe(40);
  });
});

describe("no table understood (SF102)", () => {
  it("rules for tables the spec never defines, beside endpoints: an error at what looked like a table", async () => {
    const schema = `# Data\n\n## Voucher\n\n| Field | Rule |\n|---|---|\n| holder | required |\n| balance | at least 0 |\n`;
    const r = await load(schema, API);
    expect(r.ir).toBeNull();
    const d = r.diagnostics.find((x) => x.code === "SF102")!;
    expect(d.severity).toBe("error");
    expect(d.span.line).toBe(schema.split("\n").findIndex((l) => l.startsWith("| Field")) + 1);
    expect(d.message).toContain("vouchers");
  });

  it("a schema with a table is not affected", async () => {
    const r = await load(`# Data\n\n## vouchers\n\n- code: char(8) primary key\n`, API);
    expect(codes(r)).not.toContain("SF102");
  });
});
