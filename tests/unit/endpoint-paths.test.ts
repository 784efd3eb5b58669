// How a path names its table and its action. Authentication routes are skipped (SF203 under an
// external issuer), but "register" after a row's key is signing up for that row, not for the app;
// "/menu/items" is menu_items; "/collections/{id}/items" the collection_items of one collection.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (text, PK)

## events
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`title\` (string, required)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | ${l.split(" ").slice(2).join(" ")} |`).join("\n")}\n`;

describe("authentication routes", () => {
  it("skips the app's own sign-up and sign-in routes, keeps a row's register action", async () => {
    const r = await load(SCHEMA, api(["POST /api/auth/register sign up", "POST /api/login sign in", "POST /api/users/{id}/password change it", "POST /api/events/{id}/register sign up for the event", "GET /api/events list events"]));
    const skipped = r.diagnostics.filter((d) => d.code === "SF203").map((d) => d.message.split(" is ")[0]);
    expect(skipped).toEqual(["POST /api/auth/register", "POST /api/login", "POST /api/users/{id}/password"]);
    const paths = r.ir!.endpoints.map((e) => `${e.method.toUpperCase()} ${e.path}`);
    expect(paths).toContain("POST /api/events/{id}/register");
    expect(paths).toContain("GET /api/events");
  });
});

describe("a table named by two path words", () => {
  it("/menu/items is menu_items when no table is called items", async () => {
    const schema = `# Data model\n\n## users\n- \`id\` (text, PK)\n\n## menu_items\n- \`id\` (serial, PK)\n- \`user_id\` (FK → users.id)\n- \`name\` (string, required)\n\n## orders\n- \`id\` (serial, PK)\n- \`user_id\` (FK → users.id)\n`;
    const r = await load(schema, api(["GET /api/v1/menu/items list the menu", "POST /api/v1/menu/items add an item", "GET /api/v1/menu/items/{id} one item", "GET /api/v1/orders/items nothing"]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p);
    expect(on("GET /api/v1/menu/items")).toMatchObject({ table: "menu_items", action: { kind: "list" } });
    expect(on("POST /api/v1/menu/items")).toMatchObject({ table: "menu_items", action: { kind: "create" } });
    expect(on("GET /api/v1/menu/items/{id}")).toMatchObject({ table: "menu_items", action: { kind: "get" } });
    // "orders/items" names no table together: orders is matched, "items" left as it was.
    expect(on("GET /api/v1/orders/items")?.table ?? "orders").toBe("orders");
  });
});

describe("a nested collection named by the end of its table's name", () => {
  const schema = `# Data model\n\n## users\n- \`id\` (text, PK)\n\n## collections\n- \`id\` (serial, PK)\n- \`user_id\` (FK → users.id)\n\n## events\n- \`id\` (serial, PK)\n- \`user_id\` (FK → users.id)\n\n## collection_items\n- \`id\` (serial, PK)\n- \`collection_id\` (FK → collections.id)\n- \`event_id\` (FK → events.id)\n`;
  it("/collections/{id}/items is the collection_items of one collection; /items/{event_id} is not read as their key", async () => {
    const r = await load(schema, api(["GET /api/collections/{id}/items the items", "POST /api/collections/{id}/items add one", "GET /api/collections/{id}/items/{item_id} one item", "DELETE /api/collections/{id}/items/{event_id} remove an event"]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p)!;
    expect(on("GET /api/collections/{id}/items")).toMatchObject({ table: "collection_items", action: { kind: "list" }, parent: { table: "collections", column: "collection_id" } });
    expect(on("POST /api/collections/{id}/items")).toMatchObject({ table: "collection_items", action: { kind: "create" } });
    expect(on("GET /api/collections/{id}/items/{item_id}")).toMatchObject({ table: "collection_items", action: { kind: "get" } });
    expect(on("DELETE /api/collections/{id}/items/{event_id}").action.kind).toBe("stub");
    expect(r.diagnostics.some((d) => d.code === "SF202" && d.message.includes("{event_id} names collection_items.event_id"))).toBe(true);
  });
});
