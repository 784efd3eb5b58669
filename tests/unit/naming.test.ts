// Singular and plural of table and model names (generator/base/naming.ts): a heading "## Shelf"
// names the table "shelves", and "shelves" is read back as "shelf".
import { describe, expect, it } from "vitest";
import { modelName, nameKey, plural, singular, singularName } from "../../generator/base/naming.js";
import { emitModels } from "../../generator/emit/emit-models.js";
import { load } from "./helpers.js";

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

describe("model class names", () => {
  it("never take a name the generated modules or the language already use", () => {
    expect(modelName("tasks")).toBe("Task");
    // A table of ML models, of error reports, of promises made: the class would shadow objection's
    // Model, or the global Error or Promise, in every module importing it.
    expect(modelName("models")).toBe("ModelEntity");
    expect(modelName("errors")).toBe("ErrorEntity");
    expect(modelName("promises")).toBe("PromiseEntity");
    expect(modelName("model_versions")).toBe("ModelVersion");
  });

  it("keeps a models table's module free of a second Model", async () => {
    const r = await load("# Schema\n\n## users\n- id: text, primary key\n\n## models\n- id: serial primary key\n- user_id: text FK → users.id\n- name: text\n");
    const files = emitModels(r.ir!);
    const own = [...files].find(([path]) => path.endsWith("models/models.ts"))![1];
    expect(own).toContain("export class ModelEntity extends OwnedModel");
    expect(own).toMatch(/import \{ Model\b/);
  });
});
