// A column's allowed values written in its trailing SQL comment and carried on over the next
// comment-only lines ("-- a | b |" then "-- c | d"): one list, every value allowed.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = [
  "# Kennel",
  "",
  "```sql",
  "CREATE TABLE dogs (",
  "    id        INTEGER PRIMARY KEY,",
  "    coat      TEXT NOT NULL,   -- short | long | wire |",
  "                               -- curly | hairless",
  "    -- a section note, not part of any list",
  "    size      TEXT,            -- small, medium, large",
  "    name      TEXT NOT NULL",
  ");",
  "```",
  "",
].join("\n");

describe("SQL trailing comments that go on over several lines", () => {
  it("reads the whole list as the column's values", async () => {
    const r = await load(SPEC);
    const t = r.ir!.tables.find((x) => x.name === "dogs")!;
    expect(t.columns.find((c) => c.name === "coat")!.type).toMatchObject({ kind: "enum", values: ["short", "long", "wire", "curly", "hairless"] });
    expect(t.columns.find((c) => c.name === "size")!.type).toMatchObject({ kind: "enum", values: ["small", "medium", "large"] });
    expect(t.columns.find((c) => c.name === "name")!.description).toBeUndefined();
  });
});

describe("UNSIGNED", () => {
  it("is a range in SQL and in a Mermaid attribute: nothing below zero", async () => {
    const r = await load([
      "# Yard", "", "```sql",
      "CREATE TABLE pallets (", "  id INT AUTO_INCREMENT PRIMARY KEY,", "  load_kg INT UNSIGNED NOT NULL", ") ENGINE=InnoDB;", "```", "",
      "```mermaid", "erDiagram", "  forklifts {", "    bigint id PK", "    int unsigned hours", "  }", "```", "",
    ].join("\n"));
    expect(r.ir!.tables.find((t) => t.name === "pallets")!.columns.find((c) => c.name === "load_kg")!.minimum).toBe(0);
    expect(r.ir!.tables.find((t) => t.name === "forklifts")!.columns.find((c) => c.name === "hours")!.minimum).toBe(0);
  });
});
