// Rails' schema.rb, migrations and the ActiveRecord models beside them, read by a hand-written
// reader of that DSL subset: each create_table a table, each t.<type> a column NULL unless
// null: false, references keyed as Rails names them, model validations and enums as rules.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const SCHEMA_RB = [
  "# Garden",
  "",
  "```ruby",
  "ActiveRecord::Schema[7.1].define(version: 2025_01_02_030405) do",
  "  enable_extension \"pgcrypto\"",
  "",
  "  create_table \"plots\", force: :cascade do |t|",
  "    t.bigint \"user_id\", null: false",
  "    t.string \"label\", limit: 40, null: false # shown on the map",
  "    t.decimal \"area_m2\", precision: 6, scale: 1",
  "    t.integer \"soil\", default: 1, null: false",
  "    t.string \"tags\", array: true, default: []",
  "    t.datetime \"created_at\", null: false",
  "    t.datetime \"updated_at\", null: false",
  "    t.index [\"user_id\", \"label\"], name: \"index_plots_on_user_id_and_label\", unique: true",
  "  end",
  "",
  "  create_table :sowings, id: :uuid do |t|",
  "    t.references :plot, null: false, foreign_key: { on_delete: :cascade }",
  "    t.string :crop,",
  "      null: false",
  "    t.date :sown_on, default: -> { \"CURRENT_DATE\" }",
  "    t.boolean :harvested, default: false, null: false",
  "    t.check_constraint \"rows_count > 0\", name: \"rows_positive\"",
  "    t.integer :rows_count",
  "    t.timestamps",
  "  end",
  "",
  "  add_foreign_key \"plots\", \"users\"",
  "  add_index :sowings, [:plot_id, :crop], unique: true",
  "  drop_table :legacy",
  "end",
  "```",
  "",
  "```rb",
  "class Plot < ApplicationRecord",
  "  belongs_to :user",
  "  has_many :sowings, dependent: :destroy",
  "  enum :soil, { clay: 0, loam: 1, sand: 2 }",
  "  validates :label, presence: true, length: { in: 2..40 }",
  "  validates :area_m2, numericality: { greater_than: 0, less_than_or_equal_to: 5000 }, allow_nil: true",
  "end",
  "",
  "class Sowing < ApplicationRecord",
  "  validates :crop, inclusion: { in: %w[bean pea kale] }",
  "  validates :rows_count, numericality: { only_integer: true, greater_than_or_equal_to: 1 }",
  "  validates :crop, sparkly: true",
  "end",
  "```",
  "",
].join("\n");

const MIGRATION = [
  "# Shelf",
  "",
  "```ruby",
  "class CreateShelves < ActiveRecord::Migration[7.0]",
  "  def change",
  "    create_table :shelves do |t|",
  "      t.references :owner, foreign_key: { to_table: :members }, null: false",
  "      t.string :name, null: false",
  "      t.timestamps",
  "    end",
  "    add_column :shelves, :capacity, :integer, null: false, default: 10",
  "    add_reference :shelves, :room, foreign_key: true",
  "  end",
  "end",
  "",
  "class CreateMembers < ActiveRecord::Migration[7.0]",
  "  def change",
  "    create_table :members do |t|",
  "      t.string :email, null: false, index: { unique: true }",
  "    end",
  "  end",
  "end",
  "```",
  "",
].join("\n");


describe("Rails schema, migrations and models", () => {
  it("are told by create_table ... do |t| (any block) or an ActiveRecord model (a ruby block)", () => {
    expect(blockLanguage("ruby", "create_table \"a\" do |t|\n  t.string \"x\"\nend")).toBe("rails");
    expect(blockLanguage("", "create_table :a, id: :uuid do |t|\nend")).toBe("rails");
    expect(blockLanguage("rb", "class A < ApplicationRecord\n  validates :x, presence: true\nend")).toBe("rails");
    expect(blockLanguage("ruby", "puts 'hello'")).toBeNull();
    expect(blockLanguage("", "class A < ApplicationRecord\nend")).toBeNull();
  });

  it("schema.rb: columns NULL unless null: false, keys, indexes, defaults, checks; models add rules", async () => {
    const r = await load(SCHEMA_RB);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["plots", "sowings"]);
    const plots = table(ir, "plots");
    expect(column(plots, "id")).toMatchObject({ nullable: false });
    expect(column(plots, "label")).toMatchObject({ nullable: false, minLength: 2, type: { kind: "string", maxLength: 40 } });
    expect(column(plots, "area_m2")).toMatchObject({ nullable: true, exclusiveMinimum: 0, maximum: 5000, type: { kind: "decimal", precision: 6, scale: 1 } });
    // An integer-backed enum: its names are the values the API takes; the default maps to its name.
    expect(column(plots, "soil").type).toMatchObject({ kind: "enum", values: ["clay", "loam", "sand"] });
    expect(column(plots, "soil").default).toEqual({ kind: "literal", value: "loam" });
    expect(column(plots, "tags").type.kind).toBe("array");
    expect(plots.indexes.some((i) => i.unique && i.columns.join() === "user_id,label")).toBe(true);
    const sowings = table(ir, "sowings");
    expect(column(sowings, "id")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(column(sowings, "plot_id").references).toMatchObject({ table: "plots", column: "id", onDelete: "cascade" });
    expect(column(sowings, "plot_id")).toMatchObject({ nullable: false, type: { kind: "bigint" } });
    // A statement continued on the next line after a comma.
    expect(column(sowings, "crop")).toMatchObject({ nullable: false, type: { kind: "enum", values: ["bean", "pea", "kale"] } });
    expect(column(sowings, "harvested").default).toEqual({ kind: "literal", value: false });
    expect(column(sowings, "rows_count")).toMatchObject({ minimum: 1 });
    // t.timestamps: NOT NULL, as Rails makes them.
    expect(column(sowings, "created_at").nullable).toBe(false);
    expect(sowings.indexes.some((i) => i.unique && i.columns.join() === "plot_id,crop")).toBe(true);
    expect((sowings.checks ?? []).map((c) => c.sql)).toContain("rows_count > 0");
  });

  it("what it does not read is a warning at its place", async () => {
    const r = await load(SCHEMA_RB);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toEqual([
      `${pos(SCHEMA_RB, "drop_table")} drop_table is not applied here (the spec's tables are read as created)`,
      `${pos(SCHEMA_RB, "sparkly: true").replace(/\d+$/, (c) => String(Number(c) + 9))} model Sowing: the validation sparkly of crop is not read here; not enforced`,
    ]);
  });

  it("migrations: symbols, references to another table, add_column and add_reference", async () => {
    const r = await load(MIGRATION);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    const shelves = table(ir, "shelves");
    expect(shelves.columns.map((c) => c.name)).toEqual(["id", "owner_id", "name", "created_at", "updated_at", "capacity", "room_id"]);
    expect(column(shelves, "owner_id").references).toMatchObject({ table: "members" });
    expect(column(shelves, "owner_id").nullable).toBe(false);
    expect(column(shelves, "capacity")).toMatchObject({ nullable: false, default: { kind: "literal", value: 10 } });
    // add_reference ..., foreign_key: true to a table the spec does not define: the column stays, with a warning.
    expect(column(shelves, "room_id").nullable).toBe(true);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toContain('SF104 column "shelves.room_id" references unknown table "rooms"; no foreign key is created');
    expect(column(table(ir, "members"), "email")).toMatchObject({ unique: true, nullable: false });
  });
});
