// Field tables that name Django's model field classes and options instead of SQL types
// ("CharField(max_length=80)", "choices: `a`, `b`", "on_delete=SET_NULL"), as data models of
// Django projects write them.
import { describe, expect, it } from "vitest";
import { interpretType } from "../../generator/ir/read-type.js";
import { load, table } from "./helpers.js";

describe("Django field classes as type texts", () => {
  it.each([
    ["CharField(max_length=80)", { kind: "string", maxLength: 80 }, false],
    ["models.SlugField(max_length=30)", { kind: "string", maxLength: 30 }, false],
    ["EmailField", { kind: "string" }, false],
    ["TextField", { kind: "text" }, false],
    ["BigAutoField", { kind: "bigint" }, true],
    ["AutoField", { kind: "integer" }, true],
    ["PositiveSmallIntegerField", { kind: "integer", small: true }, false],
    ["BigIntegerField", { kind: "bigint" }, false],
    ["BooleanField", { kind: "boolean" }, false],
    ["DateTimeField", { kind: "timestamp" }, false],
    ["DateField", { kind: "date" }, false],
    ["DecimalField(max_digits=8, decimal_places=3)", { kind: "decimal", precision: 8, scale: 3 }, false],
    ["UUIDField", { kind: "uuid" }, false],
    ["JSONField", { kind: "json" }, false],
    ["GenericIPAddressField", { kind: "inet" }, false],
  ])("%s", (text, type, increment) => {
    const r = interpretType(text);
    expect(r.type).toEqual(type);
    expect(r.increment).toBe(increment);
  });

  it("leaves a relation class to the reference reader (its type is the target's key)", () => {
    expect(interpretType("ForeignKey(Shelf)").type).toBeNull();
    expect(interpretType("ManyToManyField(Tag)").type).toBeNull();
  });
});

describe("a Django field table", () => {
  const SPEC = `# Data model

### 1. Shelf

| Field | Type | Constraints |
|-------|------|-------------|
| \`id\` | \`BigAutoField\` | PK |
| \`label\` | \`CharField(max_length=60)\` | required |
| \`kind\` | \`CharField(max_length=12)\` | choices: \`wall\`, \`floor\`, \`corner\`; required; \`db_index=True\` |
| \`public\` | \`BooleanField\` | default \`False\` |

### 2. Book

| Field | Type | Constraints |
|-------|------|-------------|
| \`id\` | \`BigAutoField\` | PK |
| \`shelf\` | \`ForeignKey(Shelf)\` | \`on_delete=SET_NULL\`, null, blank |
| \`title\` | \`CharField(max_length=200)\` | required |
| \`pages\` | \`PositiveIntegerField\` | default \`1\` |
| \`added_at\` | \`DateTimeField\` | \`auto_now_add\` |
`;

  it("reads the types, lengths, allowed values and delete actions it states", async () => {
    const r = await load(SPEC);
    const shelf = table(r.ir!, "shelves");
    expect(shelf.columns.find((c) => c.name === "id")!.type).toEqual({ kind: "bigint" });
    expect(shelf.columns.find((c) => c.name === "label")!.type).toEqual({ kind: "string", maxLength: 60 });
    expect(shelf.columns.find((c) => c.name === "kind")!.type).toMatchObject({ kind: "enum", values: ["wall", "floor", "corner"] });
    expect(shelf.columns.find((c) => c.name === "public")!.default).toEqual({ kind: "literal", value: false });
    const book = table(r.ir!, "books");
    const shelfRef = book.columns.find((c) => c.name === "shelf")!;
    expect(shelfRef.references).toMatchObject({ table: "shelves", column: "id", onDelete: "set null" });
    expect(shelfRef.nullable).toBe(true);
    expect(book.columns.find((c) => c.name === "title")!.type).toEqual({ kind: "string", maxLength: 200 });
    expect(r.diagnostics.filter((d) => d.code === "SF103" || d.code === "SF108" || d.code === "SF115")).toEqual([]);
  });
});
