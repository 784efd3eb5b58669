// Sort values written in three more ways: in camelCase for a snake_case column ("dueOn" for
// due_on), with the direction after a colon ("due_on:desc"), and a sort parameter that lists only
// directions ("sort (asc, desc)"): it orders the default key. Before, the first was refused
// (SF213, and a default written so was ignored), the second refused with 422 at run time, and the
// third refused every value it lists.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";
import { parseListQuery, type ListSpec } from "../../templates/runtime/list.js";

const schema = `# Schema

## chores
- id: uuid (primary key)
- user_id: text (references users.id)
- label: varchar(60)
- due_on: date
- created_at: timestamptz (default now())

## users
- id: text (primary key)
`;

const sortOf = async (queryList: string) => {
  const r = await load(schema, `# API\n\n### GET /api/chores\nMy chores.\n\n**Query Parameters:**\n${queryList}\n`);
  return { r, sort: r.ir!.endpoints.find((e) => e.method === "get")!.list!.sort };
};

describe("sort values", () => {
  it("reads a camelCase key as the snake_case column, default included", async () => {
    const { r, sort } = await sortOf("- `sort_by`: `dueOn` | `label` (default: `dueOn`)");
    expect(sort.keys).toEqual([{ name: "dueOn", column: "due_on" }, { name: "label", column: "label" }]);
    expect(sort.default).toEqual({ column: "due_on", direction: "asc" });
    expect(r.diagnostics.filter((d) => d.code === "SF213")).toEqual([]);
  });
  it("reads a key with its direction after a colon, default included", async () => {
    const { sort } = await sortOf("- `sort`: `due_on:asc` | `due_on:desc` | `label:asc` (default: `due_on:desc`)");
    expect(sort.keys).toEqual([{ name: "due_on", column: "due_on" }, { name: "label", column: "label" }]);
    expect(sort.default).toEqual({ column: "due_on", direction: "desc" });
  });
  it("reads a sort parameter listing only directions as the order's direction", async () => {
    const { sort } = await sortOf("- `sort` (asc, desc)");
    expect(sort.orderParam).toBe("sort");
    expect(sort.param).not.toBe("sort");
  });
  it("takes ?sort=key:asc and ?sort=key:desc at run time", () => {
    const spec: ListSpec = {
      table: "chores", pk: "id", pagination: "offset", limitParam: "limit", defaultLimit: 10, maxLimit: 50, filters: [],
      sort: { param: "sort", orderParam: null, keys: { due_on: "due_on", created_at: "created_at" }, default: { column: "created_at", direction: "desc" }, nullable: [], newestFirst: ["created_at"] },
      search: null, envelope: null,
    };
    expect(parseListQuery({ sort: "created_at:asc" }, spec).sort).toEqual({ column: "created_at", direction: "asc" });
    expect(parseListQuery({ sort: "due_on:desc" }, spec).sort).toEqual({ column: "due_on", direction: "desc" });
    expect(() => parseListQuery({ sort: "label:desc" }, spec)).toThrow();
  });
});
