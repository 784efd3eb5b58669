// A rules list under a table's heading that is defined in code elsewhere (Prisma, a diagram):
// several lines about one column add up, none is taken for a second definition of it.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SPEC = [
  "# Shelf",
  "",
  "```prisma",
  "model Book {",
  "  id     Int    @id @default(autoincrement())",
  "  ownerId String",
  "  code   String @db.VarChar(20)",
  "  @@map(\"books\")",
  "}",
  "```",
  "",
  "## books",
  "",
  "Rules:",
  "- `code` must be at least 3 characters",
  "- `code` is unique per user",
  "",
].join("\n");

describe("rules lists", () => {
  it("two lines about one column both apply, with no duplicate-column warning", async () => {
    const r = await load(SPEC);
    expect(r.diagnostics.filter((d) => d.code === "SF106")).toEqual([]);
    const books = r.ir!.tables.find((t) => t.name === "books")!;
    expect(books.columns.find((c) => c.name === "code")).toMatchObject({ minLength: 3 });
    expect(books.indexes.some((i) => i.unique && i.columns.join() === "ownerId,code")).toBe(true);
  });
});
