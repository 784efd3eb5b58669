// Allowed values written in sections of their own:
// - a section of enums whatever its title ("Enum Constraints", "Allowed Values", "Valores
//   permitidos") over a heading per enum and its values as bullets: enums, not tables; an enum no
//   column's type names gives its values to the textual column of its name;
// - "### Enum `finish`" (or "### Valores de `acabado`") under a table, a lead-in line, then the
//   values as bullets: that column's values.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const sectionSpec = (title: string) => `# Storage

## Shipments

\`\`\`sql
CREATE TABLE shipments (
    id SERIAL PRIMARY KEY,
    speed VARCHAR(16) DEFAULT 'standard' NOT NULL,
    carrier VARCHAR(16) NOT NULL,
    note VARCHAR(200)
);
\`\`\`

## ${title}

### Speed
- \`economy\`
- \`standard\` (default)
- \`overnight\`

### Carrier
- \`post\`
- \`courier\`
`;

describe("a section of enums, whatever its title", () => {
  it.each(["Enum Constraints", "Allowed Values", "Enumerations", "Valores permitidos", "Zulässige Werte"])("%s", async (title) => {
    const r = await load(sectionSpec(title));
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["shipments"]);
    const cols = r.ir!.tables[0]!.columns;
    expect(cols.find((c) => c.name === "speed")!.type).toMatchObject({ kind: "enum", values: ["economy", "standard", "overnight"] });
    expect(cols.find((c) => c.name === "carrier")!.type).toMatchObject({ kind: "enum", values: ["post", "courier"] });
    expect(cols.find((c) => c.name === "note")!.type.kind).toBe("string");
  });
});

const headingSpec = (heading: string, lead: string) => `# Shop

## Lamp

| Field | Type | Required | Notes |
|-------|------|----------|-------|
| \`shade\` | String | yes | |
| \`finish\` | String | yes | see below |

### ${heading}

${lead}

- \`matte\`
- \`gloss\`
- \`satin\`
`;

describe("a heading naming a column's values, under its table", () => {
  it.each([
    ["Enum `finish`", "Allowed values (checked by the server):"],
    ["Values of finish", "The form offers:"],
    ["Valores de `finish`", "Valores aceptados:"],
  ])("%s", async (heading, lead) => {
    const r = await load(headingSpec(heading, lead));
    const finish = r.ir!.tables[0]!.columns.find((c) => c.name === "finish")!;
    expect(finish.type).toMatchObject({ kind: "enum", values: ["matte", "gloss", "satin"] });
    expect(r.ir!.tables[0]!.columns.find((c) => c.name === "shade")!.type.kind).not.toBe("enum");
  });
});
