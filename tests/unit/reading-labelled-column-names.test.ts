// Table definitions written in Japanese, Chinese or Portuguese often name each column twice: a
// label in the spec's language and the identifier beside it ("受取人ID(recipient_id)",
// "Valor (amount)"), under a heading numbered with "#" ("## #2 配送(shipments)"), with a row
// number column ("| # |" 1, 2, 3). The identifier is the column's name, the heading's identifier
// the table's, and the row numbers are no defaults; nor is a column of byte sizes
// ("| バイト長 |" 4, 8, 32). Before, no table was read (SF102), or every column got its row
// number as its default.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SHIPPING = `# 配送データ

## #1 受取人(recipients)

| # | 名称 | データ型 | NOT NULL | 初期値 | 備考 |
| -- | -- | -- | -- | -- | -- |
| 1 | 受取人ID(recipient_id) | integer | true |  | PRIMARY KEY |
| 2 | 氏名(full_name) | varchar(80) | true |  |  |
| 3 | 郵便番号(postcode) | varchar(8) | false |  |  |

## #2 配送(shipments)

| # | 名称 | データ型 | NOT NULL | 初期値 | 備考 |
| -- | -- | -- | -- | -- | -- |
| 1 | 配送ID(shipment_id) | integer | true |  | PRIMARY KEY |
| 2 | 受取人ID(recipient_id) | integer | true |  | REFERENCES recipients(recipient_id) |
| 3 | 状態(state) | varchar(12) | true | 'pending' |  |
| 4 | 重量(weight_g) | integer | false |  |  |
`;

const SIZES = `# 定義

### parcels

| カラム名 | 概要 | データ型 | バイト長 | 非NULL |
| --- | --- | --- | --- | --- |
| \`parcel_id\` | キー | \`int4\` | 4 | x |
| \`label\` | ラベル | \`varchar(32)\` | 32 | |
| \`weight\` | 重さ | \`float8\` | 8 | |
`;

describe("columns named by a label and their identifier", () => {
  it("reads the identifiers, the heading's table name and no row numbers as defaults", async () => {
    const r = await load(SHIPPING);
    expect(r.ir?.tables.map((t) => t.name).sort()).toEqual(["recipients", "shipments"]);
    const s = table(r.ir!, "shipments");
    expect(s.columns.map((c) => c.name)).toEqual(["shipment_id", "recipient_id", "state", "weight_g"]);
    expect(column(s, "recipient_id").references?.table).toBe("recipients");
    expect(column(s, "weight_g").default ?? null).toBeNull();
    expect(column(s, "state").default).toEqual({ kind: "literal", value: "pending" });
    expect(column(table(r.ir!, "recipients"), "full_name").default ?? null).toBeNull();
  });

  it("a column of byte sizes is no defaults", async () => {
    const r = await load(SIZES);
    const p = table(r.ir!, "parcels");
    expect(p.columns.filter((c) => c.name !== "parcel_id").map((c) => [c.name, c.default ?? null])).toEqual([["label", null], ["weight", null]]);
  });
});
