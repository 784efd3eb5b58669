// An API written one file per resource beside the data model, as spec-kit's contracts are when
// they sit in the feature folder itself ("bookings-api.md", "rooms-api.md", "api-guests.md",
// "invoices.contract.md"). Before, only one of them was read (by its content) and a file with a
// single endpoint was "neither a schema nor an API spec": its routes were lost.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpecs } from "../../generator/front.js";

const MODEL = `# Data model

## Entity: Guest

| Field | Type | Notes |
|---|---|---|
| id | UUID | primary key |
| email | string | unique |

## Entity: Booking

| Field | Type | Notes |
|---|---|---|
| id | UUID | primary key |
| guest_id | UUID | FK guests.id |
| nights | integer | required |
`;

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sf-resource-api-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, "specs", name)), { recursive: true });
    await writeFile(path.join(dir, "specs", name), text);
  }
  return dir;
}

describe("one API file per resource", () => {
  it("reads every such file of the folder as a part of one API", async () => {
    const dir = await dirWith({
      "data-model.md": MODEL,
      "bookings-api.md": "# Bookings\n\n### GET /api/bookings\nMine.\n\n### POST /api/bookings\nBook.\n",
      "api-guests.md": "# Guests\n\n### GET /api/guests/me\nMy guest record.\n",
      "bookings.contract.md": "# Cancelling\n\n### DELETE /api/bookings/{id}\nCancel.\n",
      "plan.md": "# Plan\n\nShip bookings first.\n",
    });
    const r = await loadSpecs(path.join(dir, "specs"), dir);
    expect(r.files?.read).toEqual(["specs/data-model.md", "specs/api-guests.md", "specs/bookings-api.md", "specs/bookings.contract.md"]);
    const routes = r.ir!.endpoints.map((e) => `${e.method} ${e.path}`);
    expect(routes).toEqual(expect.arrayContaining(["get /api/bookings", "post /api/bookings", "delete /api/bookings/{id}", "get /api/guests/me"]));
  });
});
