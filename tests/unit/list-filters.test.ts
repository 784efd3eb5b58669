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
