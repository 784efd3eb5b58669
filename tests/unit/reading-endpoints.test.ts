// Endpoints as API specs write them, each a class of notation (not one spec's words): small
// specs of our own, and what the generated routes then do.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";

const SHOP = `# Shop

## users

| Column | Type | Constraints |
|---|---|---|
| id | text | primary key |

## statuses

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| label | varchar(40) | not null |

## parcels

| Column | Type | Constraints |
|---|---|---|
| id | serial | primary key |
| user_id | text | not null, references users(id) |
| label | varchar(80) | not null |
| state | enum(new, sent, lost) | not null, default new |
| current_status_id | integer | nullable, references statuses(id) |
| weight | integer | nullable, min 0 |
`;

const tmp = mkdtempSync(path.join(tmpdir(), "specforge-endpoints-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("API contracts one feature folder down", () => {
  it("reads specs/<feature>/contracts/<name>.md as the API spec next to the feature's data-model.md", async () => {
    const dir = path.join(tmp, "feature");
    mkdirSync(path.join(dir, "specs", "003-parcels", "contracts"), { recursive: true });
    writeFileSync(path.join(dir, "specs", "003-parcels", "data-model.md"), SHOP);
    writeFileSync(path.join(dir, "specs", "003-parcels", "contracts", "parcels-api.md"), "# Parcels API\n\n### GET /api/parcels\n\nList mine.\n\n### POST /api/parcels\n\nAdd one.\n");
    const r = await loadSpecs(dir, dir);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.ir!.endpoints.map((e) => `${e.method} ${e.path} ${e.action.kind}`)).toEqual(["get /api/parcels list", "post /api/parcels create"]);
  });
});
