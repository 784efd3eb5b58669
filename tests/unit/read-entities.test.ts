// Entity classes of the decorated-class ORMs (TypeORM, MikroORM) pasted into a spec: each class a
// table named as that ORM names it, each decorated property a column, relations' key columns
// added the ORM's way, class-validator decorators read as rules; what is not understood is a
// positioned warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { canonicalYaml } from "../../generator/canonical.js";
import { column, load, pos, table, where } from "./helpers.js";

const TYPEORM = [
  "# Bike rental",
  "",
  "```ts",
  "export enum BikeKind { Road = 'road', Cargo = 'cargo', Kids = 'kids' }",
  "",
  "@Entity('riders')",
  "export class Rider {",
  "  @PrimaryGeneratedColumn('uuid')",
  "  id: string;",
  "",
  "  @Column({ unique: true })",
  "  @IsEmail()",
  "  email: string;",
  "}",
  "",
  "@Entity()",
  "@Index(['station', 'kind'])",
  "@Check(`\"daily_rate\" > 0`)",
  "export class RentalBike {",
  "  @PrimaryGeneratedColumn()",
  "  id: number;",
  "",
  "  @Column({ type: 'enum', enum: BikeKind, default: BikeKind.Road })",
  "  kind: BikeKind;",
  "",
  "  @Column({ length: 60 })",
  "  @Length(2, 60)",
  "  station: string;",
  "",
  "  @Column('decimal', { name: 'daily_rate', precision: 8, scale: 2 })",
  "  dailyRate: string;",
  "",
  "  @Column({ nullable: true })",
  "  @MaxLength(500)",
  "  remarks: string;",
  "",
  "  @ManyToOne(() => Rider, { onDelete: 'CASCADE', nullable: false })",
  "  keeper: Rider;",
  "",
  "  @ManyToMany(() => Accessory)",
  "  @JoinTable()",
  "  accessories: Accessory[];",
  "",
  "  @Column({ type: 'jsonb' })",
  "  @Weird()",
  "  extras: object;",
  "",
  "  @CreateDateColumn()",
  "  createdAt: Date;",
  "}",
  "```",
  "",
  "```ts",
  "@Entity('accessories')",
  "export class Accessory {",
  "  @PrimaryGeneratedColumn()",
  "  id: number;",
  "",
  "  @Column({ length: 40 })",
  "  label: string;",
  "}",
  "```",
  "",
].join("\n");

const MIKRO = [
  "# Recipes",
  "",
  "```typescript",
  "@Entity()",
  "export class Cook {",
  "  @PrimaryKey()",
  "  id!: number;",
  "",
  "  @Property({ unique: true })",
  "  handle!: string;",
  "}",
  "",
  "@Entity()",
  "@Unique({ properties: ['author', 'title'] })",
  "export class Recipe {",
  "  @PrimaryKey({ type: 'uuid' })",
  "  id!: string;",
  "",
  "  @ManyToOne(() => Cook)",
  "  author!: Cook;",
  "",
  "  @Property({ length: 120 })",
  "  title!: string;",
  "",
  "  @Property({ check: 'servings between 1 and 24' })",
  "  servings: number = 2;",
  "",
  "  @Enum({ items: ['draft', 'public'] })",
  "  visibility: 'draft' | 'public' = 'draft';",
  "",
  "  @Property({ columnType: 'date' })",
  "  cookedOn?: string;",
  "",
  "  @Property()",
  "  createdAt: Date = new Date();",
  "}",
  "```",
  "",
].join("\n");


describe("entity classes", () => {
  it("are told from other TypeScript by @Entity with a column decorator", () => {
    expect(blockLanguage("ts", "@Entity()\nclass A { @Column() a: string }")).toBe("entities");
    expect(blockLanguage("", "@Entity()\nclass A { @Property() a!: string }")).toBe("entities");
    expect(blockLanguage("ts", "@Component({})\nclass A {}")).toBeNull();
    // An @Entity class with no column decorator is not this notation.
    expect(blockLanguage("ts", "@Entity()\nclass A {}")).toBeNull();
  });

  it("TypeORM: tables, columns, keys and rules named and typed the way TypeORM does", async () => {
    const r = await load(TYPEORM);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["accessories", "rental_bike", "rental_bike_accessories_accessories", "riders"]);
    const bike = table(ir, "rental_bike");
    // An enum from a TS enum, with its default read from the member.
    expect(column(bike, "kind").type).toMatchObject({ kind: "enum", values: ["road", "cargo", "kids"] });
    expect(column(bike, "kind").default).toEqual({ kind: "literal", value: "road" });
    // Columns are NOT NULL unless nullable: true; class-validator's rules are read.
    expect(column(bike, "station")).toMatchObject({ nullable: false });
    expect(column(bike, "station")).toMatchObject({ minLength: 2, type: { kind: "string", maxLength: 60 } });
    expect(column(bike, "remarks")).toMatchObject({ nullable: true, maxLength: 500 });
    expect(column(bike, "daily_rate").type).toMatchObject({ kind: "decimal", precision: 8, scale: 2 });
    // The relation's key column is TypeORM's <property>Id, typed as the target's key.
    const keeper = column(bike, "keeperId");
    expect(keeper.references).toMatchObject({ table: "riders", column: "id", onDelete: "cascade" });
    expect(keeper.type.kind).toBe("uuid");
    expect(keeper.nullable).toBe(false);
    expect(column(table(ir, "riders"), "email")).toMatchObject({ format: "email", unique: true });
    // Class decorators: an index over two properties, a CHECK kept for the migration.
    expect(bike.indexes.some((i) => i.columns.join() === "station,kind" && !i.unique)).toBe(true);
    expect((bike.checks ?? []).map((c) => c.sql.replace(/"/g, ""))).toContain("daily_rate > 0");
    // @ManyToMany + @JoinTable: TypeORM's join table and columns, one row per pair.
    const join = table(ir, "rental_bike_accessories_accessories");
    expect(column(join, "rentalBikeId").references).toMatchObject({ table: "rental_bike" });
    expect(column(join, "accessoriesId").references).toMatchObject({ table: "accessories" });
    expect(join.indexes.some((i) => i.unique && i.columns.join() === "rentalBikeId,accessoriesId")).toBe(true);
  });

  it("a decorator it does not know is a warning at its place, and the column stays", async () => {
    const r = await load(TYPEORM);
    const w = r.diagnostics.filter((d) => d.code === "SF113");
    expect(w.map((d) => `${where(d)} ${d.message}`)).toEqual([`${pos(TYPEORM, "@Weird")} RentalBike.extras: @Weird is not understood; it is ignored (the column stays)`]);
    expect(column(table(r.ir!, "rental_bike"), "extras").type.kind).toBe("json");
  });

  it("MikroORM: snake_case names, <property>_id keys, required unless optional, property defaults", async () => {
    const r = await load(MIKRO);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["cook", "recipe"]);
    const recipe = table(ir, "recipe");
    expect(column(recipe, "author_id").references).toMatchObject({ table: "cook", column: "id" });
    expect(column(recipe, "author_id").nullable).toBe(false);
    expect(column(recipe, "author_id").type.kind).toBe("integer");
    expect(column(recipe, "id").type.kind).toBe("uuid");
    expect(column(recipe, "servings").default).toEqual({ kind: "literal", value: 2 });
    expect(column(recipe, "servings")).toMatchObject({ minimum: 1, maximum: 24 });
    expect(column(recipe, "visibility").type).toMatchObject({ kind: "enum", values: ["draft", "public"] });
    expect(column(recipe, "visibility").default).toEqual({ kind: "literal", value: "draft" });
    expect(column(recipe, "cooked_on")).toMatchObject({ nullable: true });
    expect(column(recipe, "cooked_on").type.kind).toBe("date");
    expect(column(recipe, "created_at").default).toEqual({ kind: "now" });
    expect(recipe.indexes.some((i) => i.unique && i.columns.join() === "author_id,title")).toBe(true);
  });

  it("a relation to a table written elsewhere in the spec takes that key's type, with no warning", async () => {
    const spec = ["# Pins", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```ts", "@Entity('pins')", "export class Pin {", "  @PrimaryGeneratedColumn()", "  id: number;", "", "  @ManyToOne(() => User, { nullable: false })", "  @JoinColumn({ name: 'user_id' })", "  user: User;", "", "  @Column({ length: 30 })", "  label: string;", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const pins = table(r.ir!, "pins");
    expect(column(pins, "user_id").type.kind).toBe("text");
    expect(column(pins, "user_id").references).toMatchObject({ table: "users", column: "id" });
    expect(pins.owner).toBe("user_id");
  });

  it("round-trips through the canonical YAML", async () => {
    for (const spec of [TYPEORM, MIKRO]) {
      const first = await load(spec);
      const yaml = canonicalYaml(first.ir!);
      const second = await load(yaml, undefined, "yaml");
      expect(second.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(canonicalYaml(second.ir!)).toBe(yaml);
    }
  });
});
