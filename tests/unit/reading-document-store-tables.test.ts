// Field tables as document-store specs write them, in any language:
// - a Required column of yes/no with "auto" for fields the server fills: still yes/no ("no" is nullable);
// - a notes cell with a rule word among remarks ("Unique, trimmed", "Único, en minúsculas"): the
//   rule, never a list of values;
// - "Enum: `'x'`. Default: `'x'`" in a notes cell: an enum of those values (one is enough), its default;
// - "Unique compound index: `{ a: 1, b: 1 }`" under a sub-heading of the table: a unique index,
//   a condition after it said not read; "- `email`: unique" under an indexes heading.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Model

## Kettle

| Campo | Tipo | Obligatorio | Notas |
|-------|------|-------------|-------|
| \`_id\` | ObjectId | auto | |
| \`serial\` | String | sí | Único, en minúsculas |
| \`brand\` | String | sí | Marca |
| \`volume\` | String | sí | Capacidad |
| \`tone\` | String | sí | Enum: \`'steel'\`. Default: \`'steel'\` |
| \`memo\` | String | no | |
| \`createdAt\` | Date | auto | timestamps |

### Índices

- \`brand\`: unique

### Duplicates

**Unique compound index:** \`{ brand: 1, volume: 1 }\` (only while \`retiredAt\` is null).
`;

const ENGLISH = `# Model

## Lamp

| Field | Type | Required | Notes |
|-------|------|----------|-------|
| \`_id\` | ObjectId | auto | |
| \`code\` | String | yes | Unique, trimmed |
| \`finish\` | String | yes | Enum: \`'matte'\` or \`'gloss'\` |
| \`memo\` | String | no | |
`;

describe("document-store field tables", () => {
  it("Spanish: required yes/no beside auto, Único among remarks, Enum: one value, indexes", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "kettles")!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("memo").nullable).toBe(true);
    expect(col("brand").nullable).toBe(false);
    expect(col("serial").unique).toBe(true);
    expect(col("serial").type.kind).toBe("string");
    expect(col("tone").type).toMatchObject({ kind: "enum", values: ["steel"] });
    expect(col("tone").default).toEqual({ kind: "literal", value: "steel" });
    expect(col("brand").unique).toBe(true);
    expect(t.indexes.filter((i) => i.unique).map((i) => i.columns)).toContainEqual(["brand", "volume"]);
    expect(r.diagnostics.filter((d) => d.code === "SF113").map((d) => d.message).join("\n")).toMatch(/condition after the unique index on \(brand, volume\) is not read/);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
  });

  it("English: the same readings", async () => {
    const r = await load(ENGLISH);
    const t = r.ir!.tables[0]!;
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("memo").nullable).toBe(true);
    expect(col("code").unique).toBe(true);
    expect(col("code").type.kind).toBe("string");
    expect(col("finish").type).toMatchObject({ kind: "enum", values: ["matte", "gloss"] });
  });
});
