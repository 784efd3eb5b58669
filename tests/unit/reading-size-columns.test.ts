// A field table's length column, headed in the sheet's own language ("桁数", "크기", "Tamanho",
// "Длина"), gives the type its length; its numbers are never read as defaults.
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const sheet = (header: string) =>
  ["# 定義", "", "## parcels", "", `| Name | Type | ${header} | Null |`, "|---|---|---|---|", "| id | INT | | NO |", "| label | VARCHAR | 40 | NO |", "| code | CHAR | 8 | YES |", ""].join("\n");

describe("a length column in any language", () => {
  it("sizes the type and sets no default", async () => {
    for (const header of ["桁数", "크기", "Tamanho", "Длина", "Field length"]) {
      const r = await load(sheet(header));
      const t = table(r.ir!, "parcels");
      expect(column(t, "label"), header).toMatchObject({ type: { kind: "string", maxLength: 40 }, default: null });
      expect(column(t, "code"), header).toMatchObject({ type: { maxLength: 8 }, default: null });
    }
  });
});
