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
  for (const doc of docs) {
    it(`direct transform = public API for ${doc}`, { timeout: 30_000 }, async () => {
      const json = readFileSync(join(ROOT, doc), "utf8");
      const direct = schemaTypesDirect(json);
      expect(direct).not.toBeNull();
      expect(direct).toBe(await schemaTypesViaApi(json));
    });
  }
});
