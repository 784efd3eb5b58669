// One table a bullet ("- **parcels**: sender, weight_grams, sent_on") under module headings: a
// module that holds one table has a list of one item. It is a table like its neighbours, both
// where the document wrote such lists before it and where the heading over it names it; before,
// it was dropped without a word. A lone line of prose under an unrelated heading stays no table.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const DEPOT = (order: "after" | "first") => {
  const shelves = `### Storage
- **shelves**: label, aisle, capacity
- **bins**: shelf_id, code, kind (small/large)
`;
  const alerts = `### Alerts
- **alerts**: title, body, level (info/warn), read_at
`;
  return `# Depot data\n\n${order === "after" ? shelves + "\n" + alerts : alerts + "\n" + shelves}`;
};

describe("a list of one entity line", () => {
  it.each(["after", "first"] as const)("is a table, its list %s the others", async (order) => {
    const r = await load(DEPOT(order));
    expect(r.ir?.tables.map((t) => t.name).sort()).toEqual(["alerts", "bins", "shelves"]);
    expect(r.ir?.tables.find((t) => t.name === "alerts")?.columns.map((c) => c.name)).toEqual(["id", "title", "body", "level", "read_at"]);
  });

  it("under a heading that names another thing, with no other such list, is no table", async () => {
    const r = await load(`# Notes\n\n## Widgets\n\n| Column | Type |\n|---|---|\n| id | uuid |\n| label | text |\n\n### Workflow\n- **reviewers**: approve, reject, comment\n`);
    expect(r.ir?.tables.map((t) => t.name)).toEqual(["widgets"]);
  });
});
