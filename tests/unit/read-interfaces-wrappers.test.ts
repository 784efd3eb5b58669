// A TypeScript interface that only wraps a list of records (`ShelfContents { books: Book[] }`) is
// no table (SF113 says so), and so its list puts no key on the records it lists: before, the
// books table got a NOT NULL `shelf_contents_id` referencing a table that does not exist.
import { describe, expect, it } from "vitest";
import { load, table } from "./helpers.js";

const SPEC = [
  "# Model",
  "",
  "```typescript",
  "interface Book {",
  "  id: string;",
  "  title: string;",
  "}",
  "",
  "interface ShelfContents {",
  "  books: Book[];",
  "}",
  "```",
  "",
].join("\n");

describe("an interface that only wraps a list of records", () => {
  it("adds no key column to the listed records", async () => {
    const r = await load(SPEC);
    expect(r.ir!.tables.map((t) => t.name)).toEqual(["books"]);
    expect(table(r.ir!, "books").columns.map((c) => c.name)).toEqual(["id", "title"]);
    expect(r.diagnostics.some((d) => d.code === "SF113" && /ShelfContents/.test(d.message))).toBe(true);
  });
});
