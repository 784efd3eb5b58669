// A path may name its table by a shorter word: "/api/v2/links" for bookmark_links (its last
// word), "/app/bookmarks" for bookmark_links (its first word, the collection in the plural where
// the resource stands). Only when exactly one table fits; otherwise a warning names the candidates.
import { describe, expect, it } from "vitest";
import { load } from "./helpers.js";

const SCHEMA = `# Data model

## users
- \`id\` (uuid, PK)

## bookmark_links
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`url\` (string, required)

## reading_items
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`title\` (string, required)

## watch_items
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
- \`title\` (string, required)

## export_runs
- \`id\` (serial, PK)
- \`user_id\` (FK → users.id)
`;

const api = (lines: string[]) => `# API\n\n| Method | Path | Description |\n|---|---|---|\n${lines.map((l) => `| ${l.split(" ")[0]} | ${l.split(" ")[1]} | x |`).join("\n")}\n`;

describe("a table named by a shorter word", () => {
  it("reads the one table whose name begins with the collection's word", async () => {
    const r = await load(SCHEMA, api(["GET /app/bookmarks", "POST /app/bookmarks", "DELETE /app/bookmarks/{id}", "GET /api/v2/links/{id}"]));
    const on = (p: string) => r.ir!.endpoints.find((e) => `${e.method.toUpperCase()} ${e.path}` === p);
    expect(on("GET /app/bookmarks")).toMatchObject({ table: "bookmark_links", action: { kind: "list" } });
    expect(on("POST /app/bookmarks")).toMatchObject({ table: "bookmark_links", action: { kind: "create" } });
    expect(on("DELETE /app/bookmarks/{id}")).toMatchObject({ table: "bookmark_links", action: { kind: "delete" }, idParam: "id" });
    expect(on("GET /api/v2/links/{id}")).toMatchObject({ table: "bookmark_links", action: { kind: "get" } });
  });

  it("names the candidates when several tables fit", async () => {
    const r = await load(SCHEMA, api(["GET /api/items", "GET /app/bookmarks"]));
    expect(r.ir!.endpoints.map((e) => e.path)).toEqual(["/app/bookmarks"]);
    const d = r.diagnostics.find((x) => x.code === "SF201")!;
    expect(d.message).toContain(`"items" could name "reading_items" or "watch_items"`);
  });

  it("takes no singular word, and no record of an action, by its first word", async () => {
    // "/webhooks/bookmark" is no collection of bookmarks; POST /exports is an export, not a row of export_runs.
    const r = await load(SCHEMA, api(["POST /api/webhooks/bookmark", "POST /api/exports", "GET /app/bookmarks"]));
    expect(r.ir!.endpoints.map((e) => e.path)).toEqual(["/app/bookmarks"]);
    expect(r.diagnostics.filter((x) => x.code === "SF201")).toHaveLength(2);
  });
});
