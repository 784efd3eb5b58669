// Laravel migrations pasted into a spec: each Schema::create a table, each $table-> call a column
// with its chained modifiers, NOT NULL unless ->nullable(), foreignId()->constrained() keyed the
// way Laravel names the target; Schema::table adds to a table; what is not read is a warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const CLINIC = [
  "# Clinic",
  "",
  "```php",
  "Schema::create('vets', function (Blueprint $table) {",
  "    $table->id();",
  "    $table->string('full_name', 90);",
  "    $table->string('email')->unique();",
  "    $table->rememberToken();",
  "    $table->timestamps();",
  "});",
  "",
  "Schema::create('appointments', function (Blueprint $t) {",
  "    $t->uuid('id')->primary();",
  "    $t->foreignId('vet_id')->constrained()->cascadeOnDelete();",
  "    $t->unsignedBigInteger('room_id')->nullable();",
  "    $t->foreign('room_id')->references('id')->on('rooms')->onDelete('set null');",
  "    $t->enum('kind', ['checkup', 'surgery'])->default('checkup');",
  "    $t->decimal('fee', 7, 2)->default(0);",
  "    $t->boolean('paid')->default(0);",
  "    $t->dateTime('starts_at')->useCurrent();",
  "    $t->text('notes')->nullable()->sparkle();",
  "    $t->unique(['vet_id', 'starts_at']);",
  "    $t->softDeletes();",
  "});",
  "```",
  "",
  "```php",
  "<?php",
  "Schema::create('rooms', function (Blueprint $table) {",
  "    $table->increments('id');",
  "    $table->string('label', 20)->index();",
  "});",
  "",
  "Schema::table('rooms', function (Blueprint $table) {",
  "    $table->smallInteger('floor')->nullable();",
  "    $table->geography('spot');",
  "});",
  "```",
  "",
].join("\n");


describe("Laravel migrations", () => {
  it("are told by Schema::create/table with a function, in a php block or a plain one", () => {
    expect(blockLanguage("php", "Schema::create('a', function (Blueprint $table) {\n});")).toBe("laravel");
    expect(blockLanguage("", "Schema::table('a', fn (Blueprint $table) => $table->string('x'));")).toBe("laravel");
    expect(blockLanguage("php", "<?php echo 'hi';")).toBeNull();
  });

  it("columns, types, NOT NULL unless nullable, defaults, keys and indexes as Laravel makes them", async () => {
    const r = await load(CLINIC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["appointments", "rooms", "vets"]);
    const vets = table(ir, "vets");
    expect(vets.columns.map((c) => c.name)).toEqual(["id", "full_name", "email", "remember_token", "created_at", "updated_at"]);
    expect(column(vets, "full_name")).toMatchObject({ nullable: false, type: { kind: "string", maxLength: 90 } });
    expect(column(vets, "email")).toMatchObject({ unique: true, type: { kind: "string", maxLength: 255 } });
    expect(column(vets, "created_at").nullable).toBe(true);
    const ap = table(ir, "appointments");
    expect(column(ap, "id")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    // constrained(): the column without _id, in the plural; its delete action.
    expect(column(ap, "vet_id").references).toMatchObject({ table: "vets", column: "id", onDelete: "cascade" });
    expect(column(ap, "vet_id").nullable).toBe(false);
    // foreign()->references()->on(): the same, written apart.
    expect(column(ap, "room_id").references).toMatchObject({ table: "rooms", onDelete: "set null" });
    expect(column(ap, "room_id").nullable).toBe(true);
    expect(column(ap, "kind").type).toMatchObject({ kind: "enum", values: ["checkup", "surgery"] });
    expect(column(ap, "kind").default).toEqual({ kind: "literal", value: "checkup" });
    expect(column(ap, "fee").type).toMatchObject({ kind: "decimal", precision: 7, scale: 2 });
    expect(column(ap, "paid").default).toEqual({ kind: "literal", value: false });
    expect(column(ap, "starts_at").default).toEqual({ kind: "now" });
    expect(column(ap, "deleted_at").nullable).toBe(true);
    expect(ap.indexes.some((i) => i.unique && i.columns.join() === "vet_id,starts_at")).toBe(true);
    // Schema::table adds its columns to the table created before it.
    const rooms = table(ir, "rooms");
    expect(rooms.columns.map((c) => c.name)).toEqual(["id", "label", "floor"]);
    expect(column(rooms, "floor").nullable).toBe(true);
    expect(rooms.indexes.some((i) => !i.unique && i.columns.join() === "label")).toBe(true);
  });

  it("a modifier or column type it does not read is a warning at its place", async () => {
    const r = await load(CLINIC);
    const w = r.diagnostics.filter((d) => d.code === "SF113").map((d) => `${where(d)} ${d.message}`);
    expect(w).toEqual([
      `${pos(CLINIC, "sparkle")} ->sparkle() on "appointments.notes" is not read here; it is ignored (the column stays)`,
      `${pos(CLINIC, "geography")} $table->geography(...) in the migration of "rooms" is not a column type read here; not read`,
    ]);
    expect(column(table(r.ir!, "appointments"), "notes").nullable).toBe(true);
  });

  it("a key to a table written elsewhere in the spec takes that key's type", async () => {
    const spec = ["# Pins", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```php", "Schema::create('pins', function (Blueprint $table) {", "    $table->id();", "    $table->foreignId('user_id')->constrained()->cascadeOnDelete();", "    $table->string('label', 30);", "});", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const pins = table(r.ir!, "pins");
    expect(column(pins, "user_id").type.kind).toBe("text");
    expect(column(pins, "user_id").references).toMatchObject({ table: "users", onDelete: "cascade" });
  });
});
