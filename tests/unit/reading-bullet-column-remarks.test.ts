// Column bullets written "name TYPE words", the words a description in any language with the
// rules in a closing bracket: "- `serial_no` VARCHAR(40) factory serial (unique)",
// "- `owner_id` BIGINT 所属用户（FK -> owners.id）", "- `shelf` TINYINT 货架（默认1）". Before, the whole tail
// was one constraint: not understood (SF108), its rules lost. And a heading naming the table in
// code among words that restate it ("owners table `owners`") named a table "owners_table_owners".
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = `# Warehouse

### 1. owners table \`owners\`

- \`id\` BIGINT PK
- \`email\` VARCHAR(120) contact address (unique)
- \`phone\` VARCHAR(20) mobile number (optional)

### 2. 设备表 \`devices\`

- \`id\` BIGINT PK
- \`owner_id\` BIGINT 所属用户（FK -> owners.id）
- \`serial_no\` VARCHAR(40) 出厂编号（唯一）
- \`shelf\` TINYINT 货架（默认1）
- \`label\` VARCHAR(60) 名称
- \`retired_at\` TIMESTAMPTZ nullable (set when scrapped)
`;

describe("column bullets with a description after the type", () => {
  it("reads the bracketed rules and keeps the words as the description", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF108")).toEqual([]);
    const owners = r.ir!.tables.find((t) => t.name === "owners")!;
    const devices = r.ir!.tables.find((t) => t.name === "devices")!;
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["devices", "owners"]);
    expect(owners.columns.find((c) => c.name === "email")).toMatchObject({ unique: true, description: "contact address" });
    expect(devices.columns.find((c) => c.name === "owner_id")!.references).toMatchObject({ table: "owners", column: "id" });
    expect(devices.columns.find((c) => c.name === "serial_no")!.unique).toBe(true);
    expect(devices.columns.find((c) => c.name === "shelf")!.default).toEqual({ kind: "literal", value: 1 });
    expect(devices.columns.find((c) => c.name === "label")!.description).toBe("名称");
    expect(devices.columns.find((c) => c.name === "retired_at")).toMatchObject({ nullable: true, description: "set when scrapped" });
  });
});
