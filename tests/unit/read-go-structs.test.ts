// Go structs pasted into a spec as its model (GORM, sqlx): each struct a table named the way GORM
// names it, each field a column, relations keyed on their <Field>ID column, validator tags read
// as rules; what is not understood is a positioned warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const GORM = [
  "# Kennel",
  "",
  "```go",
  "type Size string",
  "",
  "const (",
  "\tSizeSmall Size = \"small\"",
  "\tSizeLarge Size = \"large\"",
  ")",
  "",
  "type Owner struct {",
  "\tgorm.Model",
  "\tEmail string `gorm:\"size:160;not null;uniqueIndex\" validate:\"required,email\"`",
  "\tDogs  []Dog  `gorm:\"constraint:OnDelete:CASCADE\"`",
  "}",
  "",
  "type Dog struct {",
  "\tID        uint      `gorm:\"primaryKey\"`",
  "\tOwnerID   uint      `gorm:\"not null;uniqueIndex:idx_owner_name\"`",
  "\tOwner     Owner",
  "\tName      string    `gorm:\"size:40;not null;uniqueIndex:idx_owner_name\" validate:\"required,min=2,max=40\"`",
  "\tSize      Size      `gorm:\"default:'small'\"`",
  "\tWeightKg  float64   `gorm:\"type:numeric(5,2);fancy\" validate:\"gt=0,lte=120\"`",
  "\tChipID    *string   `gorm:\"column:microchip;unique\"`",
  "\tVaccinated bool     `gorm:\"not null;default:false\"`",
  "\tBornOn    *time.Time `gorm:\"type:date\"`",
  "\tHome      Address",
  "\tTricks    []Trick   `gorm:\"many2many:dog_tricks\"`",
  "\tCreatedAt time.Time",
  "}",
  "",
  "type Trick struct {",
  "\tID    uint   `gorm:\"primaryKey\"`",
  "\tLabel string `gorm:\"not null\" validate:\"hexcolor,startswith=x\"`",
  "}",
  "",
  "func (Trick) TableName() string { return \"dog_trick_catalog\" }",
  "",
  "type CreateDogRequest struct {",
  "\tName string `json:\"name\" binding:\"required\"`",
  "}",
  "```",
  "",
].join("\n");

const SQLX = [
  "# Ledger",
  "",
  "```go",
  "type Account struct {",
  "\tID      int64          `db:\"id\"`",
  "\tOwnerID int64          `db:\"owner_id\"`",
  "\tTitle   string         `db:\"title\" validate:\"max=60\"`",
  "\tMemo    sql.NullString `db:\"memo\"`",
  "\tSecret  string         `db:\"-\"`",
  "}",
  "",
  "type Entry struct {",
  "\tID        int64  `db:\"id\"`",
  "\tAccountID int64  `db:\"account_id\"`",
  "\tCents     int64  `db:\"amount_cents\" validate:\"min=1\"`",
  "\tNote      *string `db:\"note\"`",
  "}",
  "```",
  "",
].join("\n");


describe("Go structs", () => {
  it("are told from other Go by a struct (any struct in a go block; tagged ones in a plain block)", () => {
    expect(blockLanguage("go", "type A struct {\n\tName string\n}")).toBe("go");
    expect(blockLanguage("golang", "type A struct {\n\tName string `db:\"name\"`\n}")).toBe("go");
    expect(blockLanguage("go", "func main() {}")).toBeNull();
    expect(blockLanguage("", "type A struct {\n\tName string `gorm:\"size:10\"`\n}")).toBe("go");
    expect(blockLanguage("", "type A struct {\n\tName string\n}")).toBeNull();
  });

  it("GORM: tables named snake_case plural, gorm.Model's columns, tags as types, NULL unless not null", async () => {
    const r = await load(GORM);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["dog_trick_catalog", "dog_tricks", "dogs", "owners"]);
    const owners = table(ir, "owners");
    expect(owners.columns.map((c) => c.name)).toEqual(["id", "created_at", "updated_at", "deleted_at", "email"]);
    expect(column(owners, "deleted_at").nullable).toBe(true);
    expect(column(owners, "email")).toMatchObject({ nullable: false, unique: true, format: "email", type: { kind: "string", maxLength: 160 } });
    const dogs = table(ir, "dogs");
    // The relation field beside OwnerID: a key to owners; the cascade is written on Owner.Dogs.
    expect(column(dogs, "owner_id").references).toMatchObject({ table: "owners", column: "id", onDelete: "cascade" });
    expect(column(dogs, "owner_id").nullable).toBe(false);
    expect(column(dogs, "name")).toMatchObject({ nullable: false, minLength: 2, type: { kind: "string", maxLength: 40 } });
    expect(dogs.indexes.some((i) => i.unique && i.columns.join() === "owner_id,name")).toBe(true);
    // A named string type with typed constants: its values; a quoted default.
    expect(column(dogs, "size").type).toMatchObject({ kind: "enum", values: ["small", "large"] });
    expect(column(dogs, "size").default).toEqual({ kind: "literal", value: "small" });
    expect(column(dogs, "size").nullable).toBe(true);
    expect(column(dogs, "weight_kg").type).toMatchObject({ kind: "decimal", precision: 5, scale: 2 });
    expect(column(dogs, "weight_kg")).toMatchObject({ exclusiveMinimum: 0, maximum: 120 });
    expect(column(dogs, "microchip")).toMatchObject({ nullable: true, unique: true });
    expect(column(dogs, "vaccinated")).toMatchObject({ nullable: false, default: { kind: "literal", value: false } });
    expect(column(dogs, "born_on").type.kind).toBe("date");
    expect(column(dogs, "created_at").default).toEqual({ kind: "now" });
    // many2many: the join table GORM makes, keyed on both sides.
    const join = table(ir, "dog_tricks");
    expect(column(join, "dog_id").references).toMatchObject({ table: "dogs", onDelete: "cascade" });
    expect(column(join, "trick_id").references).toMatchObject({ table: "dog_trick_catalog" });
    // A request body is not a table.
    expect(ir.tables.some((t) => /request/.test(t.name))).toBe(false);
  });

  it("what it does not read is a warning at its place, and the column or table stays", async () => {
    const r = await load(GORM);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toContain(`${pos(GORM, "Home ")} Dog.Home (Address) has no HomeID field beside it; no key column is read for it`);
    expect(w).toContain(`${pos(GORM, "type:numeric(5,2);fancy")} Dog.WeightKg: the gorm setting "fancy" is not read here; it is ignored (the column stays)`);
    expect(w).toContain(`${pos(GORM, "hexcolor,startswith")} Trick.Label: the validator rule startswith=x is not read here; not enforced`);
    expect(table(r.ir!, "dog_trick_catalog").columns.map((c) => c.name)).toEqual(["id", "label"]);
  });

  it("sqlx: db tags are the columns, a non-pointer field is NOT NULL, <Struct>ID is a key to that struct's table", async () => {
    const r = await load(SQLX);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    const accounts = table(ir, "accounts");
    expect(accounts.columns.map((c) => c.name)).toEqual(["id", "owner_id", "title", "memo"]);
    expect(column(accounts, "title")).toMatchObject({ nullable: false, maxLength: 60, type: { kind: "text" } });
    expect(column(accounts, "memo").nullable).toBe(true);
    const entries = table(ir, "entries");
    expect(column(entries, "account_id").references).toMatchObject({ table: "accounts", column: "id" });
    expect(column(entries, "amount_cents")).toMatchObject({ nullable: false, minimum: 1 });
    expect(column(entries, "note").nullable).toBe(true);
  });

  it("a relation to a table written elsewhere in the spec takes that key's type", async () => {
    const spec = ["# Pins", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```go", "type Pin struct {", "\tID     uint   `gorm:\"primaryKey\"`", "\tUserID uint   `gorm:\"not null\"`", "\tUser   User   `gorm:\"constraint:OnDelete:CASCADE\"`", "\tLabel  string `gorm:\"size:30\"`", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const pins = table(r.ir!, "pins");
    expect(column(pins, "user_id").type.kind).toBe("text");
    expect(column(pins, "user_id").references).toMatchObject({ table: "users", onDelete: "cascade" });
  });
});
