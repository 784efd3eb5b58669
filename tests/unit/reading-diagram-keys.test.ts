// A table written in Markdown that an erDiagram also draws: the section may list only some
// columns (the ones with rules worth saying), the diagram its key and foreign keys. The table
// keeps its own columns and takes the key and the references from the diagram; its owner column
// with them. Before, the diagram's entity was dropped whole and the table was shared.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const FENCE = "```";
const SPEC = `# Plant care

${FENCE}mermaid
erDiagram
  USERS ||--o{ PLANTS : keeps
  PLANTS ||--o{ WATERINGS : gets
  USERS {
    uuid id PK
    string email UK
  }
  PLANTS {
    uuid id PK
    uuid user_id FK
    string nickname
    int pot_cm
  }
  WATERINGS {
    uuid id PK
    uuid plant_id FK
    int millilitres
  }
${FENCE}

## users
- email: text, unique, required

### plants
- nickname: varchar(40), required
- pot_cm: integer, min 5

### waterings
- plant_id: uuid
- millilitres: integer, required, min 1
`;

describe("a Markdown section beside a diagram's entity", () => {
  it("keeps the section's columns and takes the diagram's key and references, so the rows have their owner", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const t = (n: string) => r.ir!.tables.find((x) => x.name === n)!;
    expect(t("plants").primaryKey).toBe("id");
    expect(t("plants").owner).toBe("user_id");
    const nickname = t("plants").columns.find((c) => c.name === "nickname")!;
    expect(nickname.nullable).toBe(false);
    expect(JSON.stringify(nickname.type)).toContain("40");
    // A column both write takes the diagram's reference: waterings belong to users through plants.
    expect(t("waterings").columns.find((c) => c.name === "plant_id")!.references).toMatchObject({ table: "plants", column: "id" });
    expect(t("waterings").scope).toMatchObject({ kind: "parent", column: "plant_id", parent: "plants" });
    expect(r.notes.some((n) => /the diagram's entity adds to "plants" what its section leaves out: id, user_id/.test(n.message))).toBe(true);
  });
});
