// Bullet lists of fields as people write them in data-model documents: a type in words
// ("ISO-8601 datetime string", "array of objects", "threshold object", "... or null"), and lines
// under a bullet that describe the field ("Example: ...", a sentence) or list its values
// ("Allowed: `a`, `b`"). Descriptions are not read as rules; value lines still are values.
import { describe, expect, it } from "vitest";
import type { IR, Table } from "../../generator/ir/types.js";
import { load } from "./helpers.js";

function table(ir: IR | null, name: string): Table {
  const t = ir?.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name} in ${ir?.tables.map((x) => x.name).join(", ")}`);
  return t;
}
const warnings = (r: Awaited<ReturnType<typeof load>>) => r.diagnostics.filter((d) => d.code === "SF103" || d.code === "SF108").map((d) => `${d.code} ${d.message}`);

const SPEC = `# Data model

## Entity: Reminder

### Fields

- \`id\`: string
  Example: \`rem_01\`
- \`title\`: string
  Shown on the lock screen.
- \`fires_at\`: ISO-8601 datetime string
- \`snoozed_until\`: ISO-8601 datetime string or null
- \`due_on\`: ISO 8601 date
- \`channel\`: enum
  Allowed: \`push\`, \`email\`
- \`attempts\`: array of objects
  Each item has \`at\` and \`result\`
- \`settings\`: full preference object
- \`tags\`: list of strings
- \`retries\`: integer
  Required, max 5
`;

describe("a bullet list of fields", () => {
  it("reads types written in words and keeps the lines under a bullet as its description", async () => {
    const r = await load(SPEC);
    expect(warnings(r)).toEqual([]);
    const t = table(r.ir, "reminders");
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col("id").description).toBe("Example: rem_01");
    expect(col("title").description).toBe("Shown on the lock screen.");
    expect(col("fires_at").type.kind).toBe("timestamp");
    expect(col("snoozed_until")).toMatchObject({ nullable: true, type: { kind: "timestamp" } });
    expect(col("due_on").type.kind).toBe("date");
    expect(col("channel").type).toMatchObject({ kind: "enum", values: ["push", "email"] });
    expect(col("attempts").type.kind).toBe("json");
    expect(col("attempts").description).toBe("Each item has at and result");
    expect(col("settings").type.kind).toBe("json");
    expect(col("tags").type).toMatchObject({ kind: "array", of: { kind: "text" } });
    expect(col("retries")).toMatchObject({ nullable: false, maximum: 5 });
  });
});
