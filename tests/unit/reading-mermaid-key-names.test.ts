// An erDiagram entity tied by relationship lines to several entities, with FK attributes whose
// names are not simply "<entity>_id": the one entity a word of the name names ("kind_ref_id" and
// KINDS), or whose own key the name ends with ("opening_day" and a calendar keyed by "day"),
// is the target. Before, such keys were dropped with SF116 ("it could reference A or B").
import { describe, expect, it } from "vitest";
import { column, load, table } from "./helpers.js";

const SPEC = `# Plant

\`\`\`mermaid
erDiagram
    kinds ||--o{ batches : "typed as"
    calendar ||--o{ batches : "scheduled on"

    kinds {
        serial id PK
        text label
    }

    calendar {
        text day PK
        text note
    }

    batches {
        serial id PK
        integer kind_ref_id FK
        text opening_day FK
        integer size
    }
\`\`\`
`;

describe("a diagram key named after a word of its target or the target's key", () => {
  it("references that entity", async () => {
    const r = await load(SPEC);
    const b = table(r.ir!, "batches");
    expect(column(b, "kind_ref_id").references?.table).toBe("kinds");
    expect(column(b, "opening_day").references?.table).toBe("calendar");
    expect(r.diagnostics.filter((d) => d.code === "SF116")).toEqual([]);
  });
});
