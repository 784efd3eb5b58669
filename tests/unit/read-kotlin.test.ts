// Kotlin classes pasted into a spec as its model: plain data classes, JPA entities written in
// Kotlin and Room entities. Each class a table, each `val`/`var` a column; `Type?` nullable and
// any other type NOT NULL; a property typed as another class a reference; an enum class the
// values of its properties; what is not understood is a positioned warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const PLAIN = [
  "# Garden log",
  "",
  "```kotlin",
  "enum class Sunlight { SHADE, PARTIAL, FULL }",
  "",
  "data class Gardener(",
  "    val id: UUID = UUID.randomUUID(),",
  "    val handle: String,",
  "    val motto: String? = null,",
  ")",
  "",
  "// one bed in a garden",
  "data class Bed(",
  "    val id: Long = 0,",
  "    val gardener: Gardener,",
  "    val label: String,",
  "    val light: Sunlight = Sunlight.PARTIAL,",
  "    val raised: Boolean = false,",
  "    val plantedOn: LocalDate?,",
  "    val crops: List<String> = emptyList(),",
  "    val plantedAt: Instant = Instant.now(),",
  ")",
  "",
  "data class NewBedRequest(val label: String)",
  "```",
  "",
].join("\n");

describe("plain Kotlin data classes", () => {
  it("read each data class (not a request's) as a table and each property as a column", async () => {
    const r = await load(PLAIN);
    expect(r.ir).not.toBeNull();
    expect(r.ir!.tables.map((t) => t.name).sort()).toEqual(["beds", "gardeners"]);
    const beds = table(r.ir!, "beds");
    expect(beds.columns.map((c) => c.name)).toEqual(["id", "gardenerId", "label", "light", "raised", "plantedOn", "crops", "plantedAt"]);
    expect(column(beds, "id")).toMatchObject({ primaryKey: true, type: { kind: "bigint" }, default: { kind: "increment" } });
    expect(column(beds, "gardenerId")).toMatchObject({ nullable: false, type: { kind: "uuid" }, references: { table: "gardeners", column: "id" } });
    expect(column(beds, "label")).toMatchObject({ nullable: false, type: { kind: "text" } });
    expect(column(beds, "light").type).toMatchObject({ kind: "enum", values: ["SHADE", "PARTIAL", "FULL"] });
    expect(column(beds, "light").default).toEqual({ kind: "literal", value: "PARTIAL" });
    expect(column(beds, "raised").default).toEqual({ kind: "literal", value: false });
    expect(column(beds, "plantedOn")).toMatchObject({ nullable: true, type: { kind: "date" } });
    expect(column(beds, "crops").type.kind).toBe("array");
    expect(column(beds, "plantedAt").default).toEqual({ kind: "now" });
    const gardeners = table(r.ir!, "gardeners");
    expect(column(gardeners, "id")).toMatchObject({ primaryKey: true, type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(column(gardeners, "motto").nullable).toBe(true);
  });

  it("is told from other code by its fence or, unfenced, by a data class with typed properties", () => {
    expect(blockLanguage("kotlin", "data class A(val id: Long)")).toBe("kotlin");
    expect(blockLanguage("", "data class A(\n  val id: Long,\n  val name: String\n)")).toBe("kotlin");
    expect(blockLanguage("kotlin", "fun main() { println(1) }")).toBeNull();
  });
});

const JPA = [
  "# Workshop",
  "",
  "```kotlin",
  "@Entity",
  "@Table(name = \"benches\")",
  "class Bench(",
  "    @field:NotBlank",
  "    @field:Size(max = 80)",
  "    var name: String,",
  ") {",
  "    @Id",
  "    @GeneratedValue(strategy = GenerationType.IDENTITY)",
  "    var id: Long? = null",
  "",
  "    @Column(nullable = false, length = 300, unique = true)",
  "    var serial: String = \"\"",
  "",
  "    @ManyToOne(optional = false)",
  "    @JoinColumn(name = \"keeper_id\")",
  "    lateinit var keeper: Keeper",
  "",
  "    @ManyToMany",
  "    var helpers: MutableSet<Keeper> = mutableSetOf()",
  "}",
  "",
  "@Entity",
  "@Table(name = \"keepers\")",
  "data class Keeper(",
  "    @Id @GeneratedValue val id: Long? = null,",
  "    val nickname: String,",
  "    val gadget: Pair<Int, Int>,",
  "    val shelf: Shelf,",
  ")",
  "```",
  "",
].join("\n");

describe("JPA entities written in Kotlin", () => {
  it("read constructor and body properties, their annotations, and references by @JoinColumn", async () => {
    const r = await load(JPA);
    expect(r.ir).not.toBeNull();
    const benches = table(r.ir!, "benches");
    expect(benches.columns.map((c) => c.name)).toEqual(["name", "id", "serial", "keeper_id"]);
    expect(column(benches, "name")).toMatchObject({ nullable: false, maxLength: 80, minLength: 1 });
    expect(column(benches, "id")).toMatchObject({ primaryKey: true, default: { kind: "increment" } });
    expect(column(benches, "serial")).toMatchObject({ nullable: false, unique: true, type: { kind: "string", maxLength: 300 } });
    expect(column(benches, "keeper_id")).toMatchObject({ nullable: false, references: { table: "keepers", column: "id" } });
    // A many-to-many and a type no column holds: positioned warnings, not silence.
    const warned = r.diagnostics.filter((d) => d.code === "SF113");
    expect(warned.map((d) => [where(d), /ManyToMany|Pair/.exec(d.message)?.[0]])).toEqual([
      [pos(JPA, "helpers"), "ManyToMany"],
      [pos(JPA, "Pair<Int"), "Pair"],
    ]);
    // A class the block does not show is a table written elsewhere: a reference to it.
    expect(column(table(r.ir!, "keepers"), "shelf_id")).toMatchObject({ nullable: false });
  });
});

const ROOM = [
  "# Offline cache",
  "",
  "```kotlin",
  "@Entity(",
  "    tableName = \"clips\",",
  "    foreignKeys = [ForeignKey(entity = Reel::class, parentColumns = [\"id\"], childColumns = [\"reel_id\"], onDelete = ForeignKey.CASCADE)],",
  "    indices = [Index(value = [\"reel_id\"])]",
  ")",
  "data class Clip(",
  "    @PrimaryKey(autoGenerate = true) val id: Int = 0,",
  "    @ColumnInfo(name = \"reel_id\") val reelId: Long,",
  "    val seconds: Int,",
  ")",
  "",
  "@Entity(tableName = \"reels\")",
  "data class Reel(@PrimaryKey(autoGenerate = true) val id: Long = 0, val title: String)",
  "```",
  "",
].join("\n");

describe("Room entities", () => {
  it("take their table and column names from the annotations, and foreign keys and indexes from @Entity", async () => {
    const r = await load(ROOM);
    expect(r.ir).not.toBeNull();
    const clips = table(r.ir!, "clips");
    expect(clips.columns.map((c) => c.name)).toEqual(["id", "reel_id", "seconds"]);
    expect(column(clips, "id")).toMatchObject({ primaryKey: true, default: { kind: "increment" } });
    expect(column(clips, "reel_id")).toMatchObject({ references: { table: "reels", column: "id", onDelete: "cascade" } });
    expect(clips.indexes.some((i) => i.columns.join() === "reel_id")).toBe(true);
  });
});
