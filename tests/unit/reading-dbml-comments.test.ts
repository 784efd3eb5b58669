// DBML pasted the way specs paste it: fenced as ```sql (dbdiagram.io's export, copied under the
// wrong label), and with the allowed values in a `//` comment after the column.
import { describe, expect, it } from "vitest";
import { blockLanguage } from "../../generator/parse/readers.js";
import { load } from "./helpers.js";

const DBML = [
  "Table anglers {",
  "  id        int         [pk, increment]",
  "  handle    varchar(30) [not null, unique]",
  "  tier      varchar(10) [not null] // 'BRONZE', 'SILVER', 'GOLD'",
  "  rod_brand varchar(40) // 'Shimano', 'Daiwa' and others",
  "}",
  "",
  "Table catches {",
  "  id        int   [pk, increment]",
  "  angler_id int   [not null, ref: > anglers.id]",
  "  weight_g  int   [not null, note: 'grams']",
  "}",
  "",
].join("\n");

describe("DBML fenced as SQL, with values in line comments", () => {
  it("reads a block labelled sql that holds DBML as DBML, and one with SQL statements as SQL", () => {
    expect(blockLanguage("sql", DBML)).toBe("dbml");
    expect(blockLanguage("sql", "CREATE TABLE t (id int primary key); -- Table x { }")).toBe("sql");
    expect(blockLanguage("sql", "erDiagram\n  A { int id PK }")).toBe("mermaid");
  });

  it("reads the values a trailing // comment lists, and leaves an open list free text", async () => {
    const r = await load(`# Pond\n\n\`\`\`sql\n${DBML}\`\`\`\n`);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const anglers = r.ir!.tables.find((t) => t.name === "anglers")!;
    expect(anglers.columns.find((c) => c.name === "tier")!.type).toMatchObject({ kind: "enum", values: ["BRONZE", "SILVER", "GOLD"] });
    expect(anglers.columns.find((c) => c.name === "rod_brand")!.type.kind).not.toBe("enum");
    const catches = r.ir!.tables.find((t) => t.name === "catches")!;
    expect(catches.columns.find((c) => c.name === "angler_id")!.references).toMatchObject({ table: "anglers", column: "id" });
    expect(catches.columns.find((c) => c.name === "weight_g")!.description).toBe("grams");
  });
});
