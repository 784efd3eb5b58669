// generated/client/schema.ts comes from openapi-typescript's transform called directly
// (schemaTypesDirect, no Redocly); it must print exactly what the public API prints.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { schemaTypesDirect, schemaTypesViaApi } from "../../generator/emit/client-types.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN = join(ROOT, "tests", "golden");
const docs = [
  "generated/openapi.json",
  ...readdirSync(GOLDEN)
    .map((n) => `tests/golden/${n}/expected/openapi.json`)
    .filter((p) => existsSync(join(ROOT, p))),
];

describe("client schema types", () => {
  it("has documents to compare", () => {
    expect(docs.length).toBeGreaterThan(2);
  });
  it("direct transform = public API for a document with discriminators (the scan schemaTypesDirect skips without one)", { timeout: 30_000 }, async () => {
    const pet = (kind: string) => ({ type: "object", required: ["kind"], properties: { kind: { type: "string" }, name: { type: "string" } } });
    const doc = {
      openapi: "3.1.0",
      info: { title: "pets", version: "1" },
      paths: {
        "/pets": {
          get: {
            operationId: "listPets",
            responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } },
          },
        },
      },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } } },
          Cat: pet("cat"),
          Dog: pet("dog"),
          Kitten: { allOf: [{ $ref: "#/components/schemas/Cat" }, { type: "object", properties: { age: { type: "integer" } } }] },
        },
      },
    };
    const json = JSON.stringify(doc);
    const direct = schemaTypesDirect(json);
    expect(direct).toMatch(/kind: "cat"/); // the discriminator did shape the types
    expect(direct).toBe(await schemaTypesViaApi(json));
  });

  for (const doc of docs) {
    it(`direct transform = public API for ${doc}`, { timeout: 30_000 }, async () => {
      const json = readFileSync(join(ROOT, doc), "utf8");
      const direct = schemaTypesDirect(json);
      expect(direct).not.toBeNull();
      expect(direct).toBe(await schemaTypesViaApi(json));
    });
  }
});
