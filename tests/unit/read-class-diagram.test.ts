// Class diagrams as the schema: Mermaid's classDiagram and PlantUML's class / entity diagrams.
// Each class with attributes is a table, attributes typed as classes or enumerations become keys
// and value lists, and relationships with multiplicities put the key on the many side.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { canonicalYaml } from "../../generator/canonical.js";
import { column, load, pos, table, where } from "./helpers.js";

const MERMAID = [
  "# Greenhouse",
  "",
  "```mermaid",
  "classDiagram",
  "    class User {",
  "        +UUID id",
  "        +String email",
  "    }",
  "    class Bed {",
  "        +UUID id",
  "        +String label",
  "        +Soil soil",
  "        +Decimal areaM2",
  "        +water() void",
  "    }",
  "    class Sowing {",
  "        +UUID id",
  "        +Date sownOn",
  "        +List~String~ seeds",
  "    }",
  "    class Soil {",
  "        <<enumeration>>",
  "        LOAM",
  "        CLAY",
  "        SAND",
  "    }",
  "    User \"1\" --> \"*\" Bed : tends",
  "    Bed \"1\" *-- \"0..*\" Sowing",
  "    Bed : +Boolean covered",
  "    User ..> Gizmo ???",
  "```",
  "",
].join("\n");

const PLANTUML = [
  "# Workshop",
  "",
  "```plantuml",
  "@startuml",
  "entity \"makers\" as makers {",
  "  *id : uuid <<PK>>",
  "  --",
  "  *email : varchar(200) <<unique>>",
  "}",
  "entity \"benches\" as benches {",
  "  *id : uuid <<PK>>",
  "  --",
  "  *keeper : uuid <<FK>>",
  "  *code : varchar(12)",
  "  shared : boolean = false",
  "}",
  "class Tool {",
  "  +id: int {id}",
  "  +name: String {unique}",
  "  +lentOn: Date [0..1]",
  "}",
  "makers ||--o{ benches",
  "Tool \"*\" -- \"*\" benches",
  "@enduml",
  "```",
  "",
].join("\n");


describe("class diagrams", () => {
  it("are told apart from other diagrams", () => {
    expect(blockLanguage("mermaid", "classDiagram\n  class A")).toBe("class-diagram");
    expect(blockLanguage("mermaid", "erDiagram\n  A ||--o{ B : has")).toBe("mermaid");
    expect(blockLanguage("mermaid", "flowchart LR\n  A --> B")).toBeNull();
    expect(blockLanguage("plantuml", "@startuml\nclass A {\n  +x: int\n}\n@enduml")).toBe("class-diagram");
    expect(blockLanguage("", "@startuml\nentity a {\n  *id : int\n}\n@enduml")).toBe("class-diagram");
    expect(blockLanguage("plantuml", "@startuml\nAlice -> Bob: hi\n@enduml")).toBeNull();
  });

  it("Mermaid: classes, enumerations, members added apart, and keys from multiplicities", async () => {
    const r = await load(MERMAID);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["beds", "sowings", "users"]);
    const beds = table(ir, "beds");
    expect(column(beds, "soil").type).toMatchObject({ kind: "enum", values: ["LOAM", "CLAY", "SAND"] });
    expect(column(beds, "covered").type.kind).toBe("boolean");
    expect(beds.columns.some((c) => c.name === "water")).toBe(false);
    // "1" --> "*": the many side holds a required key to the one side.
    expect(column(beds, "user_id")).toMatchObject({ nullable: false, references: { table: "users", column: "id" } });
    expect(column(beds, "user_id").type.kind).toBe("uuid");
    expect(beds.owner).toBe("user_id");
    // A composition: the parts are deleted with their whole.
    expect(column(table(ir, "sowings"), "bed_id").references).toMatchObject({ table: "beds", onDelete: "cascade" });
    expect(column(table(ir, "sowings"), "seeds").type).toMatchObject({ kind: "array" });
    // A line it cannot read is a warning at its place.
    const w = r.diagnostics.filter((d) => d.code === "SF113");
    expect(w.map(where)).toEqual([pos(MERMAID, "User ..> Gizmo")]);
  });

  it("PlantUML: entities with stereotypes, mandatory marks, crow's feet and a many-to-many", async () => {
    const r = await load(PLANTUML);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const ir = r.ir!;
    // Names written as tables stay; a class name is made a table's.
    expect(ir.tables.map((t) => t.name).sort()).toEqual(["benches", "makers", "tool_benches", "tools"]);
    const benches = table(ir, "benches");
    expect(column(table(ir, "makers"), "email")).toMatchObject({ nullable: false, unique: true, type: { kind: "string", maxLength: 200 } });
    // The one key marked FK that names no table is the relationship's.
    expect(column(benches, "keeper").references).toMatchObject({ table: "makers", column: "id" });
    expect(benches.owner).toBe("keeper");
    expect(column(benches, "shared")).toMatchObject({ nullable: true, default: { kind: "literal", value: false } });
    expect(column(benches, "code").nullable).toBe(false);
    const tools = table(ir, "tools");
    expect(column(tools, "name").unique).toBe(true);
    expect(column(tools, "lentOn")).toMatchObject({ nullable: true, type: { kind: "date" } });
    const join = table(ir, "tool_benches");
    expect(column(join, "tool_id").references).toMatchObject({ table: "tools" });
    expect(column(join, "bench_id").references).toMatchObject({ table: "benches" });
  });

  it("round-trips through the canonical YAML", async () => {
    for (const spec of [MERMAID, PLANTUML]) {
      const first = await load(spec);
      const yaml = canonicalYaml(first.ir!);
      const second = await load(yaml, undefined, "yaml");
      expect(second.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(canonicalYaml(second.ir!)).toBe(yaml);
    }
  });
});

describe("headings over a diagram", () => {
  it("a heading naming a kind of model (Domain model, Logical data model) is no table", async () => {
    for (const title of ["# Domain model", "## Logical data model", "# ER Model"]) {
      const spec = [title, "", "```mermaid", "classDiagram", "  class User {", "    +UUID id", "    +String email", "  }", "```", ""].join("\n");
      const r = await load(spec);
      expect(r.diagnostics.filter((d) => d.code === "SF127")).toEqual([]);
      expect(r.ir!.tables.map((t) => t.name)).toEqual(["users"]);
    }
  });

  it("an entity's Model heading still names its table", async () => {
    const r = await load(["# Kites", "", "## Kite Model", "", "- id: uuid (primary key)", "- colour: text", ""].join("\n"));
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["kites"]);
  });
});
