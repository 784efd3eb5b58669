// JPA / Hibernate entity classes pasted into a spec (```java): each @Entity class a table named as
// Spring Boot names it, each persistent field a column typed from its Java type, JPA's nullability
// defaults, relations' key columns on the owning side, join tables, Java enums and Bean Validation
// read as rules; what is not understood is a positioned warning.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { column, load, pos, table, where } from "./helpers.js";

const GARDEN = [
  "# Allotment planner",
  "",
  "```java",
  "@MappedSuperclass",
  "public abstract class Stamped {",
  "    @CreationTimestamp",
  "    protected Instant createdAt;",
  "}",
  "",
  "@Entity",
  "@Table(name = \"gardeners\")",
  "@Data @NoArgsConstructor",
  "public class Gardener {",
  "    @Id",
  "    @GeneratedValue(strategy = GenerationType.UUID)",
  "    private UUID id;",
  "",
  "    @Email @NotNull",
  "    @Column(unique = true)",
  "    private String contactEmail;",
  "}",
  "",
  "@Entity",
  "@Table(name = \"plots\", uniqueConstraints = @UniqueConstraint(columnNames = {\"gardener_id\", \"label\"}),",
  "       indexes = @Index(columnList = \"soilKind, areaSqm\"))",
  "public class GardenPlot extends Stamped {",
  "    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)",
  "    private Long id;",
  "",
  "    @NotBlank @Size(min = 2, max = 40)",
  "    @Column(nullable = false, length = 40)",
  "    private String label;",
  "",
  "    @Enumerated(EnumType.STRING)",
  "    private SoilKind soilKind = SoilKind.LOAM;",
  "",
  "    @Column(precision = 7, scale = 2)",
  "    @DecimalMin(value = \"0.0\", inclusive = false)",
  "    private BigDecimal areaSqm;",
  "",
  "    @Min(0) @Max(12)",
  "    private int beds;",
  "",
  "    @Pattern(regexp = \"^[A-Z]{3}$\")",
  "    private String zoneCode;",
  "",
  "    private LocalDate leasedUntil;",
  "",
  "    @ManyToOne(optional = false)",
  "    @OnDelete(action = OnDeleteAction.CASCADE)",
  "    private Gardener gardener;",
  "",
  "    @OneToMany(mappedBy = \"plot\")",
  "    private List<Harvest> harvests;",
  "",
  "    @ManyToMany",
  "    @JoinTable(name = \"plot_crops\", joinColumns = @JoinColumn(name = \"plot_id\"), inverseJoinColumns = @JoinColumn(name = \"crop_id\"))",
  "    private Set<Crop> crops;",
  "",
  "    @ElementCollection",
  "    private List<String> tags;",
  "",
  "    @Transient",
  "    private String displayName;",
  "",
  "    private static final long serialVersionUID = 1L;",
  "",
  "    @Sparkly",
  "    private String mood;",
  "",
  "    public enum SoilKind { CLAY, LOAM, SAND }",
  "}",
  "```",
  "",
  "```java",
  "@Entity",
  "public class Crop {",
  "    @Id @GeneratedValue",
  "    private Integer id;",
  "    @Column(columnDefinition = \"varchar(30) default 'veg' not null\")",
  "    private String family;",
  "}",
  "```",
  "",
].join("\n");


describe("JPA entities", () => {
  it("are told by a java fence with an @Entity class, or by Java's field syntax with no fence", () => {
    expect(blockLanguage("java", "@Entity\npublic class A {\n  @Id private Long id;\n}")).toBe("jpa");
    expect(blockLanguage("", "@Entity\npublic class A {\n  private Long id;\n}")).toBe("jpa");
    expect(blockLanguage("java", "public class A {\n  private Long id;\n}")).toBeNull();
    // TypeScript's TypeORM stays with its own reader.
    expect(blockLanguage("", "@Entity()\nclass A {\n  @Column() a: string;\n}")).toBe("entities");
  });

  it("names, types and keys columns the way Spring Boot's JPA does", async () => {
    const r = await load(GARDEN);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["crop", "gardeners", "plot_crops", "plots"]);
    const plots = table(ir, "plots");
    // The parent's @CreationTimestamp column comes first; snake_case names.
    expect(plots.columns.map((c) => c.name)).toEqual(["created_at", "id", "label", "soil_kind", "area_sqm", "beds", "zone_code", "leased_until", "tags", "mood", "gardener_id"]);
    expect(column(plots, "created_at").default).toEqual({ kind: "now" });
    expect(column(plots, "id").type.kind).toBe("bigint");
    expect(column(plots, "label")).toMatchObject({ nullable: false, minLength: 2, type: { kind: "string", maxLength: 40 } });
    expect(column(plots, "soil_kind").type).toMatchObject({ kind: "enum", values: ["CLAY", "LOAM", "SAND"] });
    expect(column(plots, "soil_kind").default).toEqual({ kind: "literal", value: "LOAM" });
    expect(column(plots, "soil_kind").nullable).toBe(true);
    expect(column(plots, "area_sqm").type).toMatchObject({ kind: "decimal", precision: 7, scale: 2 });
    expect(column(plots, "area_sqm").exclusiveMinimum ?? column(plots, "area_sqm").minimum).toBe(0);
    // A primitive is NOT NULL; a wrapper or String is nullable unless said otherwise.
    expect(column(plots, "beds")).toMatchObject({ nullable: false, minimum: 0, maximum: 12 });
    expect(column(plots, "zone_code")).toMatchObject({ nullable: true, pattern: "^[A-Z]{3}$", type: { kind: "string", maxLength: 255 } });
    expect(column(plots, "leased_until").type.kind).toBe("date");
    expect(column(plots, "tags").type).toMatchObject({ kind: "array" });
    // The owning side of @ManyToOne holds <field>_id, typed as the target's uuid key.
    const g = column(plots, "gardener_id");
    expect(g).toMatchObject({ nullable: false, references: { table: "gardeners", column: "id", onDelete: "cascade" } });
    expect(g.type.kind).toBe("uuid");
    expect(plots.indexes.some((i) => i.unique && i.columns.join() === "gardener_id,label")).toBe(true);
    expect(plots.indexes.some((i) => !i.unique && i.columns.join() === "soil_kind,area_sqm")).toBe(true);
    const gardeners = table(ir, "gardeners");
    expect(column(gardeners, "id")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(column(gardeners, "contact_email")).toMatchObject({ nullable: false, unique: true, format: "email" });
    // @JoinTable names the join table and its columns.
    const join = table(ir, "plot_crops");
    expect(column(join, "plot_id").references).toMatchObject({ table: "plots" });
    expect(column(join, "crop_id").references).toMatchObject({ table: "crop" });
    expect(column(join, "crop_id").type.kind).toBe("integer");
    // columnDefinition: its SQL type, default and NOT NULL.
    expect(column(table(ir, "crop"), "family")).toMatchObject({ nullable: false, type: { kind: "string", maxLength: 30 }, default: { kind: "literal", value: "veg" } });
  });

  it("says what it did not read, at its place, and keeps the column", async () => {
    const r = await load(GARDEN);
    const w = r.diagnostics.filter((d) => d.code === "SF113");
    expect(w.map((d) => `${where(d)} ${d.message}`)).toEqual([`${pos(GARDEN, "@Sparkly")} GardenPlot.mood: @Sparkly is not understood; it is ignored (the column stays)`]);
    const notes = r.notes.map((n) => n.message);
    expect(notes).toContain("entity Crop read as table \"crop\" (Spring Boot's default naming: the class in snake_case)");
    expect(notes.some((n) => /GardenPlot\.harvests .*no column here/.test(n))).toBe(true);
    expect(notes.some((n) => /GardenPlot\.tags .*text\[\]/.test(n))).toBe(true);
  });

  it("a relation to a users table written elsewhere takes that key's type; an enum with no @Enumerated is noted", async () => {
    const spec = ["# Pins", "", "## users", "", "| Column | Type |", "|---|---|", "| id | text |", "", "```java", "@Entity", "@Table(name = \"pins\")", "class Pin {", "  @Id @GeneratedValue private Long id;", "  @ManyToOne @JoinColumn(name = \"user_id\", nullable = false) private User owner;", "  private Shade shade;", "  enum Shade { RED, BLUE }", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const pins = table(r.ir!, "pins");
    expect(column(pins, "user_id")).toMatchObject({ nullable: false, references: { table: "users", column: "id" } });
    expect(column(pins, "user_id").type.kind).toBe("text");
    expect(column(pins, "shade").type).toMatchObject({ kind: "enum", values: ["RED", "BLUE"] });
    expect(r.notes.some((n) => /Pin\.shade: with no @Enumerated\(EnumType\.STRING\) JPA stores the enum's position/.test(n.message))).toBe(true);
  });
});
