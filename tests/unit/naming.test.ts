// Singular and plural of table and model names (generator/base/naming.ts): a heading "## Shelf"
// names the table "shelves", and "shelves" is read back as "shelf".
import { describe, expect, it } from "vitest";
import { nameKey, plural, singular, singularName } from "../../generator/base/naming.js";

describe("plural and singular", () => {
  it.each([
    ["task", "tasks"],
    ["category", "categories"],
    ["status", "statuses"],
    ["box", "boxes"],
    ["person", "people"],
    ["shelf", "shelves"],
    ["bookshelf", "bookshelves"],
    ["knife", "knives"],
    ["day", "days"],
  ])("%s <-> %s", (one, many) => {
    expect(plural(one)).toBe(many);
    expect(singular(many)).toBe(one);
  });

  it("leaves words whose -ves plural would misread an app's own nouns alone", () => {
    expect(singular("leaves")).toBe("leave"); // leave requests in an HR app
    expect(singular("archives")).toBe("archive");
  });

  it("matches a table written singular, plural or capitalised as one name", () => {
    expect(nameKey("Shelf")).toBe(nameKey("shelves"));
    expect(singularName("book_shelves")).toBe("book_shelf");
  });
});
