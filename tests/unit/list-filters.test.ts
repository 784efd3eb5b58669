// Filter words of a list endpoint against an enum column: the spec's API often writes the
// values in lower case while the schema's CHECK has them in upper case.
import { describe, expect, it } from "vitest";
import { codes, load } from "./helpers.js";

const SCHEMA = `## users

- id: text (primary key)

## tasks

- id: serial (primary key)
- user_id: text (references users(id))
- priority: VARCHAR(10) (not null, default 'MEDIUM', check: priority IN ('LOW', 'MEDIUM', 'HIGH'))
- kind: VARCHAR(5) (not null, check: kind IN ('ab', 'AB', 'b'))
`;

const api = (query: string) => `### GET /api/{user_id}/tasks

Query Parameters:
${query}
`;

async function filters(query: string) {
  const r = await load(SCHEMA, api(query));
  expect(r.ir, JSON.stringify(r.diagnostics)).not.toBeNull();
  return { r, filters: r.ir!.endpoints.find((e) => e.method === "get")!.list!.filters };
}

describe("list filters on enum columns", () => {
  it("reads a word that differs from an enum value only in case as that value", async () => {
    const { r, filters: f } = await filters(`- priority: "low" | "medium" | "high" (optional)\n`);
    expect(f).toEqual([
      { param: "priority", column: "priority", choices: [{ word: "low", match: { equals: "LOW" } }, { word: "medium", match: { equals: "MEDIUM" } }, { word: "high", match: { equals: "HIGH" } }] },
    ]);
    expect(codes(r)).not.toContain("SF214");
  });

  it("keeps an exact match first, and refuses a word that matches two values or none", async () => {
    const { r, filters: f } = await filters(`- kind: "ab" | "B" | "Ab" | "c" (optional)\n`);
    // "ab" is a value as written; "B" can only be b; "Ab" could be ab or AB; "c" is none.
    expect(f).toEqual([{ param: "kind", column: "kind", choices: [{ word: "ab", match: { equals: "ab" } }, { word: "B", match: { equals: "b" } }] }]);
    expect(r.diagnostics.filter((d) => d.code === "SF214").map((d) => d.message)).toEqual([
      expect.stringContaining('value "Ab"'),
      expect.stringContaining('value "c"'),
    ]);
  });
});

describe("range ends in the query string", () => {
  const schema = `## users\n\n- id: text (primary key)\n\n## events\n\n- id: serial (primary key)\n- user_id: text (references users(id))\n- starts_at: timestamp (not null)\n- ends_at: timestamp (not null)\n- due_date: date (nullable)\n- created_at: timestamp (not null, default now())\n`;
  const listOf = async (query: string) => {
    const r = await load(schema, `### GET /api/{user_id}/events\n\nQuery Parameters:\n${query}`);
    expect(r.ir, JSON.stringify(r.diagnostics)).not.toBeNull();
    return r.ir!.endpoints.find((e) => e.method === "get")!.list!.filters.map((f) => [f.param, f.column, f.op ?? "eq"]);
  };

  it("reads from/to, start/end and x_before/x_after as bounds of the column they name", async () => {
    expect(await listOf("- `from` (date)\n- `to` (date)\n")).toEqual([["from", "created_at", "gte"], ["to", "created_at", "lte"]]);
    expect(await listOf("- `start_date` (date): from this day\n- `end_date` (date): up to this day\n")).toEqual([["start_date", "starts_at", "gte"], ["end_date", "ends_at", "lte"]]);
    expect(await listOf("- `due_before` (date): due before\n- `due_after` (date): due after\n")).toEqual([["due_before", "due_date", "lte"], ["due_after", "due_date", "gte"]]);
  });

  it("keeps a parameter that names a column as equality", async () => {
    expect(await listOf("- `due_date` (date): due on this day\n")).toEqual([["due_date", "due_date", "eq"]]);
  });
});
