// Column tables whose rules are marks under a header naming the rule ("| Unique | Yes |",
// "| PK | ✓ |"), key words of data dictionaries and DESCRIBE output (UQ, UK, UNI, PRI, MUL,
// DF=0), a Size column beside the type, a FK column holding the target alone, and Default
// cells that name what the database makes ("Auto", SYSDATE).
import { describe, expect, it } from "vitest";
import type { Column } from "../../generator/ir/types.js";
import { load } from "./helpers.js";

const show = (c: Column) =>
  [c.name, c.type.kind, c.primaryKey ? "pk" : "", c.nullable ? "null" : "not null", c.unique ? "unique" : "", (c.type as { maxLength?: number }).maxLength ?? c.maxLength ?? "", c.references ? `-> ${c.references.table}.${c.references.column}` : ""].join(" ").replace(/\s+/g, " ").trim();

const tableOf = async (spec: string, name: string) => {
  const r = await load(spec);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return { r, t: r.ir!.tables.find((t) => t.name === name)! };
};

describe("a column of marks under a header naming its rule", () => {
  it("reads Required and Unique marks side by side", async () => {
    const { t } = await tableOf(`# Schema

### Table: vehicles

| Column | Type | Required | Unique | Description |
|---|---|---|---|---|
| vehicle_id | UUID | Yes | Yes | Primary Key |
| plate | VARCHAR(12) | Yes | Yes | Registration plate |
| nickname | VARCHAR(40) | No | No | What the owner calls it |
| vin | VARCHAR(17) | No | Yes | Chassis number |
`, "vehicles");
    expect(t.columns.map(show)).toEqual(["vehicle_id uuid pk not null unique", "plate string not null unique 12", "nickname string null 40", "vin string null unique 17"]);
    expect(t.columns.find((c) => c.name === "plate")!.description).toBe("Registration plate");
  });

  it("reads PK and Nullable columns of YES/No marks, a FK column of targets, and leaves a source column alone", async () => {
    const spec = `# Schema

### Table \`depots\`

| Column Name | SQL Type | PK | FK | Nullable | Loaded from | Description |
|---|---|:-:|:-:|:-:|---|---|
| \`depot_id\` | \`UUID\` | **YES** | None | **NO** | \`depots.csv\` (\`id\`) | Key |
| \`city\` | \`VARCHAR(80)\` | No | None | **NO** | \`depots.csv\` (\`city\`) | Where it is |

### Table \`trucks\`

| Column Name | SQL Type | PK | FK | Nullable | Loaded from | Description |
|---|---|:-:|:-:|:-:|---|---|
| \`truck_id\` | \`UUID\` | **YES** | None | **NO** | \`trucks.csv\` (\`id\`) | Key |
| \`depot_id\` | \`UUID\` | No | \`depots(depot_id)\` | **YES** | \`trucks.csv\` (\`depot\`) | Home depot |
| \`load_kg\` | \`INTEGER\` | No | None | **YES** | \`trucks.csv\` (\`load\`) | Payload |
`;
    const { r, t } = await tableOf(spec, "trucks");
    expect(t.columns.map(show)).toEqual(["truck_id uuid pk not null", "depot_id uuid null -> depots.depot_id", "load_kg integer null"]);
    const depots = r.ir!.tables.find((x) => x.name === "depots")!;
    expect(depots.columns.map(show)).toEqual(["depot_id uuid pk not null", "city string not null 80"]);
  });

  it("reads a Key column of UQ / PK, FK, a Size column and ✓ marks under 非空 and 主键", async () => {
    const { r, t } = await tableOf(`# Schema

## 1. Labels

| Field Name | Data Type | Size | Null Allowed | Key | Default | Description |
| --- | --- | --- | --- | --- | --- | --- |
| LabelId | uniqueidentifier | - | No | PK | NEWID() | Key |
| Title | nvarchar | 60 | No | UQ | - | Shown name |
| Rate | decimal | 9,2 | Yes | - | - | Price per unit |
| Hidden | bit | - | No | - | 0 | Not listed |

## 2. SHELVES 表

| 字段名 | 数据类型 | 非空 | 主键 | 约束 | 说明 |
|--------|---------|------|------|------|------|
| SHELF_ID | NUMBER(10) | ✓ | ✓ | PK | 编号 |
| SHELF_CODE | VARCHAR2(20) | ✓ | | UK | 代码 |
| SLOTS | NUMBER(5) | | | DF=12 | 格数 |
| ADDED_ON | DATE | ✓ | | DF=SYSDATE | 日期 |
`, "labels");
    expect(t.columns.map(show)).toEqual(["LabelId uuid pk not null", "Title string not null unique 60", "Rate decimal null", "Hidden boolean not null"]);
    expect(t.columns.find((c) => c.name === "Rate")!.type).toMatchObject({ precision: 9, scale: 2 });
    expect(t.columns.find((c) => c.name === "Hidden")!.default).toEqual({ kind: "literal", value: false });
    expect(t.columns.find((c) => c.name === "Title")!.description).toBe("Shown name");
    const shelves = r.ir!.tables.find((x) => x.name === "shelves")!;
    expect(shelves.columns.map(show)).toEqual(["SHELF_ID bigint pk not null", "SHELF_CODE string not null unique 20", "SLOTS integer null", "ADDED_ON date not null"]);
    expect(shelves.columns.find((c) => c.name === "SLOTS")!.default).toEqual({ kind: "literal", value: 12 });
    expect(shelves.columns.find((c) => c.name === "ADDED_ON")!.default).toEqual({ kind: "now" });
    expect(shelves.columns.find((c) => c.name === "SHELF_CODE")!.description).toBe("代码");
  });

  it("reads MySQL DESCRIBE output pasted as a table", async () => {
    const { t } = await tableOf(`# Schema

## parcels

| Field | Type | Null | Key | Default | Extra |
|---|---|---|---|---|---|
| parcel_id | int(11) | NO | PRI | NULL | auto_increment |
| tracking | varchar(30) | NO | UNI | NULL | |
| weight_g | int(11) | YES | | NULL | |
| sender_id | int(11) | NO | MUL | NULL | |
`, "parcels");
    expect(t.columns.map(show)).toEqual(["parcel_id integer pk not null", "tracking string not null unique 30", "weight_g integer null", "sender_id integer not null"]);
  });

  it("keeps a column of marks naming no rule out of the description, and reads Default marks as defaults", async () => {
    const { t } = await tableOf(`# Schema

## badges

| Column | Type | Nullable | Default | Secret | Notes |
|---|---|---|---|---|---|
| id | uuid | no | Auto | NO | Key |
| label | text | no | — | NO | At most 30 characters |
| shown | bool | no | true | YES | Visible on the profile |
| made_at | timestamptz | no | Auto | NO | When it was made |
`, "badges");
    expect(t.columns.find((c) => c.name === "label")!.maxLength).toBe(30);
    expect(t.columns.find((c) => c.name === "label")!.description ?? "").not.toMatch(/NO/);
    expect(t.columns.find((c) => c.name === "shown")!.default).toEqual({ kind: "literal", value: true });
    expect(t.columns.find((c) => c.name === "id")!.default).toEqual({ kind: "uuid" });
    expect(t.columns.find((c) => c.name === "made_at")!.default).toEqual({ kind: "now" });
  });
});
