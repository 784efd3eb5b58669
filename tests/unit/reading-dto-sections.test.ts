// TypeScript interfaces under an API/DTO/contract section ("## DTOs", "## Contrato de la API",
// "## API-Verträge") are shapes of requests and responses, not tables, when the document writes
// its tables elsewhere; a document whose only data model is such a block still gets its tables.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const spec = (section: string) => `# Lending

## Tool

| Field | Type | Required | Notes |
|-------|------|----------|-------|
| \`id\` | uuid | yes | |
| \`label\` | String | yes | |
| \`shelf\` | String | no | |

## ${section}

### ToolCard

\`\`\`typescript
interface ToolCard {
  id: string;
  label: string;
  shelf?: string;
}
\`\`\`

### ToolPage

\`\`\`typescript
interface ToolPage {
  items: ToolCard[];
  total: number;
}
\`\`\`
`;

describe("interfaces under an API or DTO section", () => {
  it.each(["DTOs", "DTOs (JSON contract)", "Contrato de la API", "Contratos JSON", "API-Verträge", "Esquemas de respuesta", "API Types"])("%s: shapes, not tables", async (section) => {
    const r = await load(spec(section));
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["tools"]);
  });

  it("a document whose only data model is interfaces under such a section: its tables", async () => {
    const r = await load(`# Lending

## API Types

\`\`\`typescript
interface Tool {
  id: string;
  label: string;
}
\`\`\`
`);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["tools"]);
  });
});
