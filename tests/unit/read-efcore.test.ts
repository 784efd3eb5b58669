// Entity Framework Core entity classes pasted into a spec (```csharp): each entity a table named as
// EF Core names it (its DbSet, else the class), each auto-property a column, EF's key and NULL
// conventions, navigations' foreign keys (written or shadow), join tables for two collections,
// C# enums and DataAnnotations read as rules. The reader is hand-written (no C# parser here), so its
// edge cases are tested: attributes in every spelling, verbatim strings, comments, methods, records.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { lexCSharp, parseCSharp } from "../../generator/parse/read-efcore.js";
import { column, load, pos, table, where } from "./helpers.js";

const KENNEL = [
  "# Dog walking",
  "",
  "```csharp",
  "using System.ComponentModel.DataAnnotations;",
  "namespace Walks.Domain",
  "{",
  "    public enum Size { Small, Medium = 5, Large }",
  "",
  "    public abstract class Audited",
  "    {",
  "        public DateTime CreatedAt { get; set; } = DateTime.UtcNow;",
  "    }",
  "",
  "    [Index(nameof(Name), nameof(WalkerId), IsUnique = true)]",
  "    public class Dog : Audited",
  "    {",
  "        public int Id { get; set; }",
  "",
  "        [Required, StringLength(60, MinimumLength = 2)]",
  "        public string Name { get; set; } = string.Empty;",
  "",
  "        public string? Notes { get; set; } // free text",
  "",
  "        public Size Size { get; set; } = Size.Medium;",
  "",
  "        [Column(\"weight_kg\", TypeName = \"decimal(5,2)\")]",
  "        [Range(0.5, 120)]",
  "        public decimal Weight { get; set; }",
  "",
  "        [RegularExpression(@\"^\\d{3}-\\d{4}$\")]",
  "        public string? ChipCode { get; set; }",
  "",
  "        public Guid WalkerId { get; set; }",
  "        public Walker Walker { get; set; } = null!;",
  "",
  "        public Kennel? Kennel { get; set; }",
  "",
  "        public ICollection<Park> Parks { get; set; } = new List<Park>();",
  "        public List<string> Tags { get; set; } = new();",
  "",
  "        [NotMapped]",
  "        public string Label => $\"{Name} ({Size})\";",
  "        public int AgeInMonths() { return 0; }",
  "",
  "        [Wobbly]",
  "        public bool Friendly { get; set; } = true;",
  "    }",
  "",
  "    public class Walker",
  "    {",
  "        [Key]",
  "        public Guid WalkerId { get; set; }",
  "        [Required, EmailAddress, MaxLength(120)]",
  "        public string Email { get; set; } = default!;",
  "        public ICollection<Dog> Dogs { get; set; } = new List<Dog>();",
  "    }",
  "",
  "    [Table(\"kennels\")]",
  "    public class Kennel { public long Id { get; set; } public string City { get; set; } = \"\"; }",
  "",
  "    public class Park",
  "    {",
  "        public int ParkId { get; set; }",
  "        public string Title { get; set; } = \"\";",
  "        public ICollection<Dog> Dogs { get; set; } = new List<Dog>();",
  "    }",
  "}",
  "```",
  "",
  "```csharp",
  "public class WalksContext : DbContext",
  "{",
  "    public DbSet<Dog> Dogs => Set<Dog>();",
  "    public DbSet<Walker> Walkers { get; set; }",
  "    public DbSet<Kennel> Kennels { get; set; }",
  "    public DbSet<Park> Parks { get; set; }",
  "}",
  "```",
  "",
].join("\n");


describe("EF Core entities", () => {
  it("are told by a csharp fence with auto-properties or a DbContext", () => {
    expect(blockLanguage("csharp", "public class A { public int Id { get; set; } }")).toBe("efcore");
    expect(blockLanguage("cs", "class Ctx : DbContext { public DbSet<A> As => Set<A>(); }")).toBe("efcore");
    expect(blockLanguage("csharp", "public static class Program { static void Main() {} }")).toBeNull();
  });

  it("the hand-written reader: comments, verbatim strings, attributes, methods and records", () => {
    const warned: string[] = [];
    const text = [
      "/* a comment { with braces } */",
      "#nullable enable",
      "[Table(@\"odd \"\"name\"\"\")] public sealed record Point(int X, [property: Range(0, 9)] int Y = 3);",
      "public class Box<T> where T : class {",
      "  public T? Value { get; init; }",
      "  public int Size { get { return 1; } }",
      "  private string _hidden = \"x\";",
      "  public Box() { Value = default; }",
      "  public static int Count { get; set; }",
      "}",
    ].join("\n");
    const { classes } = parseCSharp(lexCSharp(text), (w) => warned.push(w));
    expect(warned).toEqual([]);
    expect(classes.map((c) => c.name)).toEqual(["Point", "Box"]);
    const point = classes[0]!;
    expect(point.attrs.map((a) => a.name)).toEqual(["Table"]);
    expect(point.attrs[0]!.args[0]!.toks[0]!.v).toBe('odd "name"');
    expect(point.props.map((p) => `${p.type} ${p.name}`)).toEqual(["int X", "int Y"]);
    expect(point.props[1]!.attrs[0]!.name).toBe("Range");
    // A getter with a body and no setter, a field, a constructor and a static property are not stored.
    expect(classes[1]!.props.map((p) => `${p.type} ${p.name}`)).toEqual(["T? Value"]);
  });

  it("names, types and keys columns by EF Core's conventions", async () => {
    const r = await load(KENNEL);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["DogPark", "Dogs", "Parks", "Walkers", "kennels"]);
    const dogs = table(ir, "Dogs");
    // The abstract base's property comes first; names kept as written, [Column] renames.
    expect(dogs.columns.map((c) => c.name)).toEqual(["CreatedAt", "Id", "Name", "Notes", "Size", "weight_kg", "ChipCode", "WalkerId", "Tags", "Friendly", "KennelId"]);
    expect(column(dogs, "CreatedAt")).toMatchObject({ nullable: false, default: { kind: "now" } });
    expect(column(dogs, "Id").type.kind).toBe("integer");
    expect(column(dogs, "Name")).toMatchObject({ nullable: false, minLength: 2, type: { kind: "string", maxLength: 60 } });
    // Nullable reference types are on (the block writes string?): string? is nullable.
    expect(column(dogs, "Notes").nullable).toBe(true);
    expect(column(dogs, "Size").type).toMatchObject({ kind: "enum", values: ["Small", "Medium", "Large"] });
    expect(column(dogs, "Size").default).toEqual({ kind: "literal", value: "Medium" });
    expect(column(dogs, "weight_kg")).toMatchObject({ nullable: false, minimum: 0.5, maximum: 120, type: { kind: "decimal", precision: 5, scale: 2 } });
    expect(column(dogs, "ChipCode")).toMatchObject({ nullable: true, pattern: "^\\d{3}-\\d{4}$" });
    // The written key property of a required navigation: typed by the principal's key, cascading.
    expect(column(dogs, "WalkerId")).toMatchObject({ nullable: false, references: { table: "Walkers", column: "WalkerId", onDelete: "cascade" } });
    expect(column(dogs, "WalkerId").type.kind).toBe("uuid");
    // An optional navigation with no key property: EF's shadow key, nullable, not cascading.
    expect(column(dogs, "KennelId")).toMatchObject({ nullable: true, references: { table: "kennels", column: "Id" } });
    expect(column(dogs, "KennelId").type.kind).toBe("bigint");
    expect(column(dogs, "Tags").type).toMatchObject({ kind: "array" });
    expect(dogs.indexes.some((i) => i.unique && i.columns.join() === "Name,WalkerId")).toBe(true);
    const walkers = table(ir, "Walkers");
    expect(column(walkers, "WalkerId")).toMatchObject({ type: { kind: "uuid" }, default: { kind: "uuid" } });
    expect(column(walkers, "Email")).toMatchObject({ nullable: false, format: "email", type: { kind: "string", maxLength: 120 } });
    expect(column(table(ir, "Parks"), "ParkId").type.kind).toBe("integer");
    // Two collection navigations: EF's join table, one row per pair.
    const join = table(ir, "DogPark");
    expect(column(join, "DogsId").references).toMatchObject({ table: "Dogs", column: "Id" });
    expect(column(join, "ParksParkId").references).toMatchObject({ table: "Parks", column: "ParkId" });
  });

  it("says what it did not read, at its place, and notes its choices", async () => {
    const r = await load(KENNEL);
    const w = r.diagnostics.filter((d) => d.code === "SF113");
    expect(w.map((d) => `${where(d)} ${d.message}`)).toEqual([`${pos(KENNEL, "[Wobbly]", 0).replace(/:(\d+)$/, (_, c: string) => `:${Number(c) + 1}`)} Dog.Friendly: [Wobbly] is not understood; it is ignored (the column stays)`]);
    const notes = r.notes.map((n) => n.message);
    expect(notes).toContain('entity Dog read as table "Dogs" (EF Core\'s default: the name of its DbSet)');
    expect(notes.some((n) => /nullable reference types are on/.test(n))).toBe(true);
    expect(notes.some((n) => /Dog\.Size: EF Core stores the enum Size as its number/.test(n))).toBe(true);
  });

  it("with no `?` on a reference type a string is nullable unless [Required]; no DbSet: the class name", async () => {
    const spec = ["# Notes", "", "```cs", "public class Memo", "{", "    public int MemoId { get; set; }", "    [Required] public string Title { get; set; }", "    public string Body { get; set; }", "    public string UserId { get; set; }", "    public User User { get; set; }", "}", "```", ""].join("\n");
    const r = await load(spec);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const memo = table(r.ir!, "Memo");
    expect(column(memo, "MemoId")).toMatchObject({ nullable: false, type: { kind: "integer" } });
    expect(column(memo, "Title")).toMatchObject({ nullable: false, minLength: 1 });
    expect(column(memo, "Body").nullable).toBe(true);
    expect(r.notes.some((n) => /nullable reference types look off/.test(n.message))).toBe(true);
    expect(r.notes.some((n) => n.message === 'entity Memo read as table "Memo" (EF Core\'s default with no DbSet in the spec: the class name)')).toBe(true);
  });
});
