import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";
import type { IR } from "../../generator/ir/types.js";

const root = path.resolve(import.meta.dirname, "../..");

/** The IR without spans and source paths: what both spec formats must agree on. */
function stripped(ir: IR | null): unknown {
  return JSON.parse(JSON.stringify(ir, (k, v) => (k === "span" || k === "sources" ? undefined : v)));
}

describe("the example app specs", async () => {
  const r = await loadSpecs(path.join(root, "specs"), root);

  it("read with no diagnostics", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.ir).not.toBeNull();
  });

  it("give the expected tables", () => {
    const ir = r.ir!;
    expect(ir.sources).toEqual({ schema: "specs/database/schema.md", api: "specs/api/rest-endpoints.md" });
    expect(ir.auth).toEqual({ mode: "external", identityTable: "users" });
    expect(ir.tables.map((t) => [t.name, t.identity, t.owner, t.primaryKey])).toEqual([
      ["categories", false, "user_id", "id"],
      ["tags", false, "user_id", "id"],
      ["task_tags", false, "user_id", "id"],
      ["tasks", false, "user_id", "id"],
      ["users", true, null, "id"],
    ]);
    const tasks = ir.tables.find((t) => t.name === "tasks")!;
    expect(tasks.columns.map((c) => c.name)).toEqual([
      "id", "user_id", "title", "description", "completed", "priority", "due_date", "category_id", "created_at", "updated_at",
    ]);
    const col = (n: string) => tasks.columns.find((c) => c.name === n)!;
    expect(col("id")).toMatchObject({ type: { kind: "integer" }, default: { kind: "increment" }, nullable: false, role: "id" });
    expect(col("user_id")).toMatchObject({ type: { kind: "text" }, nullable: false, role: "owner", references: { table: "users", column: "id", onDelete: "cascade" } });
    expect(col("title")).toMatchObject({ type: { kind: "string", maxLength: 200 }, nullable: false, minLength: 1 });
    expect(col("description")).toMatchObject({ type: { kind: "text" }, nullable: true, maxLength: 2000 });
    expect(col("priority")).toMatchObject({ type: { kind: "enum", values: ["low", "medium", "high"] }, default: { kind: "literal", value: "medium" } });
    expect(col("category_id").references).toEqual({ table: "categories", column: "id", onDelete: "set null" });
    expect(col("created_at").role).toBe("created_at");
    expect(col("updated_at").role).toBe("updated_at");
    expect(tasks.indexes.map((i) => i.columns)).toEqual([["user_id", "completed"], ["user_id", "created_at"], ["user_id", "category_id"]]);
    const categories = ir.tables.find((t) => t.name === "categories")!;
    expect(categories.indexes).toMatchObject([{ columns: ["user_id", "name"], unique: true }]);
    const users = ir.tables.find((t) => t.name === "users")!;
    expect(users.columns.find((c) => c.name === "email")).toMatchObject({ unique: true, nullable: true });
    expect(users.description).toBe("Managed by the auth service. Ids are strings.");
  });

  it("find tasks <-> tags through task_tags", () => {
    expect(r.ir!.relations).toEqual([
      { name: "tasks", source: "tags", join: "task_tags", joinSource: "tag_id", joinTarget: "task_id", target: "tasks" },
      { name: "tags", source: "tasks", join: "task_tags", joinSource: "task_id", joinTarget: "tag_id", target: "tags" },
    ]);
    expect(r.ir!.rowLevelSecurity).toBe(true);
  });

  it("read the task list's query parameters", () => {
    const list = r.ir!.endpoints.find((e) => e.path === "/api/{user_id}/tasks" && e.method === "get")!.list!;
    expect(list).toMatchObject({ limitParam: "limit", defaultLimit: 50, maxLimit: 100, inferred: false, envelope: null });
    expect(list.filters).toEqual([
      { param: "status", column: "completed", choices: [{ word: "all", match: "any" }, { word: "pending", match: { equals: false } }, { word: "completed", match: { equals: true } }] },
      { param: "priority", column: "priority", choices: [{ word: "all", match: "any" }, { word: "low", match: { equals: "low" } }, { word: "medium", match: { equals: "medium" } }, { word: "high", match: { equals: "high" } }] },
      { param: "category_id", column: "category_id", choices: null },
    ]);
    expect(list.sort).toEqual({
      param: "sort",
      orderParam: "order",
      keys: [{ name: "created", column: "created_at" }, { name: "title", column: "title" }, { name: "due_date", column: "due_date" }, { name: "priority", column: "priority" }],
      default: { column: "created_at", direction: "desc" },
    });
    expect(list.search).toEqual({ param: "search", columns: ["title", "description"] });
  });

  it("give the 21 endpoints, sorted by path then method", () => {
    const eps = r.ir!.endpoints;
    expect(eps).toHaveLength(21);
    expect(eps.map((e) => `${e.method} ${e.path} ${e.action.kind} ${e.successStatus}`)).toEqual([
      "get /api/{user_id}/categories list 200",
      "post /api/{user_id}/categories create 201",
      "delete /api/{user_id}/categories/{id} delete 204",
      "get /api/{user_id}/categories/{id} get 200",
      "patch /api/{user_id}/categories/{id} update 200",
      "put /api/{user_id}/categories/{id} replace 200",
      "get /api/{user_id}/tags list 200",
      "post /api/{user_id}/tags create 201",
      "delete /api/{user_id}/tags/{id} delete 204",
      "get /api/{user_id}/tags/{id} get 200",
      "patch /api/{user_id}/tags/{id} update 200",
      "get /api/{user_id}/tasks list 200",
      "post /api/{user_id}/tasks create 201",
      "delete /api/{user_id}/tasks/{id} delete 204",
      "get /api/{user_id}/tasks/{id} get 200",
      "patch /api/{user_id}/tasks/{id} update 200",
      "put /api/{user_id}/tasks/{id} replace 200",
      "patch /api/{user_id}/tasks/{id}/complete toggle 200",
      "get /api/{user_id}/tasks/{id}/tags relation-list 200",
      "delete /api/{user_id}/tasks/{id}/tags/{tag_id} relation-remove 204",
      "put /api/{user_id}/tasks/{id}/tags/{tag_id} relation-add 204",
    ]);
    const toggle = eps[17]!;
    expect(toggle).toMatchObject({ table: "tasks", action: { kind: "toggle", field: "completed" }, userParam: "user_id", idParam: "id", auth: "required" });
    expect(toggle.span).toEqual({ file: "specs/api/rest-endpoints.md", line: 38, column: 5 });
    expect(eps.every((e) => e.userParam === "user_id" && e.auth === "required")).toBe(true);
  });

  it("is plain JSON: nothing undefined", () => {
    expect(JSON.parse(JSON.stringify(r.ir))).toEqual(r.ir);
  });

  it("the YAML fixture gives the same IR once spans are stripped", async () => {
    const y = await loadSpecs(path.join(root, "tests/fixtures/yaml-todo"), root);
    expect(y.diagnostics).toEqual([]);
    expect(y.ir!.sources).toEqual({
      schema: "tests/fixtures/yaml-todo/database/schema.yaml",
      api: "tests/fixtures/yaml-todo/api/rest-endpoints.yaml",
    });
    expect(stripped(y.ir)).toEqual(stripped(r.ir));
  });

  it("YAML spans point at the text", async () => {
    const y = await loadSpecs(path.join(root, "tests/fixtures/yaml-todo"), root);
    const tasks = y.ir!.tables.find((t) => t.name === "tasks")!;
    expect(tasks.span).toMatchObject({ line: 11, column: 3 });
    expect(tasks.columns.find((c) => c.name === "title")!.span).toMatchObject({ line: 15, column: 7 });
    expect(y.ir!.endpoints.find((e) => e.action.kind === "toggle")!.span).toMatchObject({ line: 24, column: 15 });
  });
});
