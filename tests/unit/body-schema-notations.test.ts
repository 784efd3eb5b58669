// A request body written as a JSON Schema or as a TypeScript interface instead of an example:
// each property is a field whose type, bounds and allowed values tighten the column, as an
// example's or a field table's rules do. Before, a JSON Schema's own keywords were read as
// fields ("type" of type object: SF217) and its properties' rules were lost; an interface
// stated nothing.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data

## users
- id: text (primary key)

## plants
- id: serial (primary key)
- user_id: text (references users.id, not null)
- nickname: text (not null)
- light: text (nullable)
- height_cm: integer (nullable)
`;

const withBody = (block: string) => `# API

### POST /api/plants
Add a plant.

**Request body:**
${block}
`;

describe("a request body given as a schema", () => {
  it("reads a JSON Schema's properties, not its keywords", async () => {
    const r = await load(SCHEMA, withBody('```json\n{\n  "type": "object",\n  "required": ["nickname"],\n  "properties": {\n    "nickname": { "type": "string", "minLength": 2, "maxLength": 40 },\n    "light": { "type": "string", "enum": ["shade", "sun"] },\n    "height_cm": { "type": "integer", "minimum": 1, "maximum": 500 }\n  }\n}\n```'));
    expect(r.diagnostics.filter((d) => d.code === "SF217")).toEqual([]);
    const plants = r.ir!.tables.find((t) => t.name === "plants")!;
    const col = (n: string) => plants.columns.find((c) => c.name === n)!;
    expect(col("nickname")).toMatchObject({ minLength: 2, maxLength: 40 });
    expect(col("light").type).toMatchObject({ kind: "enum", values: ["shade", "sun"] });
    expect(col("height_cm")).toMatchObject({ minimum: 1, maximum: 500 });
  });

  it("reads a TypeScript interface's fields, optional marks and literal unions", async () => {
    const r = await load(SCHEMA, withBody('```typescript\ninterface NewPlant {\n  nickname: string;   // 2-40 characters\n  light?: "shade" | "sun";\n}\n```'));
    const plants = r.ir!.tables.find((t) => t.name === "plants")!;
    const col = (n: string) => plants.columns.find((c) => c.name === n)!;
    expect(col("light").type).toMatchObject({ kind: "enum", values: ["shade", "sun"] });
    expect(col("nickname")).toMatchObject({ minLength: 2, maxLength: 40 });
  });
});
