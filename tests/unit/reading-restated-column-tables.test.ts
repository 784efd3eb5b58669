// A column table under a heading that names no table ("## Column Documentation", "## Column Specifications")
// whose column names are those of a table written before it (a CREATE TABLE): the same table
// described again — its notes' values, defaults and rules join it. A nameless column table
// whose columns match no table read before is still SF130.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const spec = (rows: string) => `# Storage

## Shipments

\`\`\`sql
CREATE TABLE shipments (
    id SERIAL PRIMARY KEY,
    owner_id VARCHAR(64) NOT NULL,
    speed VARCHAR(16) DEFAULT 'standard' NOT NULL,
    weight_kg INTEGER NOT NULL
);
\`\`\`

## Column Documentation

| Column | Type | Constraints | Default | Notes |
|--------|------|-------------|---------|-------|
${rows}
`;

describe("a nameless column table restating a table written before it", () => {
  it("joins that table: the values its notes list apply", async () => {
    const r = await load(
      spec(`| id | SERIAL | PRIMARY KEY | auto | row id |
| owner_id | VARCHAR(64) | NOT NULL | - | the account |
| speed | VARCHAR(16) | NOT NULL | 'standard' | economy/standard/overnight |
| weight_kg | INTEGER | NOT NULL | - | whole kilograms |`),
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["shipments"]);
    const speed = r.ir!.tables[0]!.columns.find((c) => c.name === "speed")!;
    expect(speed.type).toEqual({ kind: "enum", values: ["economy", "standard", "overnight"] });
    expect(speed.default).toEqual({ kind: "literal", value: "standard" });
  });

  it("columns that are not that table's: still a table that needs a name (SF130)", async () => {
    const r = await load(
      spec(`| code | VARCHAR(8) | NOT NULL | - | a code |
| region | VARCHAR(32) | NOT NULL | - | where |
| speed | VARCHAR(16) | NOT NULL | - | how fast |`),
    );
    expect(r.diagnostics.map((d) => d.code)).toContain("SF130");
  });
});
