// Paths named by a verb and the table's own name, as RPC-style APIs write them: "POST
// /api/createParcel", "GET /api/getParcels", "GET /api/parcels/getParcelById/{id}", "DELETE
// /api/deleteParcel/{id}", "PUT /api/parcels/update-parcel/{id}". Each is the standard operation
// it names, on that table, at the path the spec gives; before, each was a 501 ("no table matches
// this path" or "not clear").
import { describe, expect, it } from "vitest";
import { loadSpecFiles } from "../../generator/front.js";

const SCHEMA = `# Depot

## users
- id: uuid, primary key

## parcels
- id: uuid, primary key
- user_id: uuid, references users.id
- weight_g: integer, not null
`;

const API = `# API

- POST /api/createParcel
- GET /api/getParcels
- GET /api/fetchAllParcels
- GET /api/parcels/getParcelById/{id}
- PUT /api/parcels/update-parcel/{id}
- DELETE /api/deleteParcel/{id}
- GET /api/deleteParcel/{id}
`;

describe("verb-and-table paths", () => {
  it("are the standard operations they name", async () => {
    const r = await loadSpecFiles(
      { kind: "schema", format: "markdown", path: "specs/database/schema.md", text: SCHEMA },
      { kind: "api", format: "markdown", path: "specs/api/rest-endpoints.md", text: API },
    );
    const got = Object.fromEntries(r.ir!.endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, `${e.table} ${e.action.kind}`]));
    expect(got).toEqual({
      "POST /api/createParcel": "parcels create",
      "GET /api/getParcels": "parcels list",
      "GET /api/fetchAllParcels": "parcels list",
      "GET /api/parcels/getParcelById/{id}": "parcels get",
      "PUT /api/parcels/update-parcel/{id}": "parcels update",
      "DELETE /api/deleteParcel/{id}": "parcels delete",
      // A GET never deletes: still a 501, saying why.
      "GET /api/deleteParcel/{id}": "parcels stub",
    });
  });
});
