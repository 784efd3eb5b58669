// Every JSON Schema the generator emits (schemas/*.ts of generated/ and of each golden case)
// must compile under the runtime's own ajv (templates/runtime/validate.ts, strict mode), or
// the generated app fails when its routes load. A nullable json column once came out as
// `type: [null, "null"]`, which ajv refuses.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../templates/runtime/validate.js";
import { columnSchema } from "../../generator/emit/table-info.js";
import type { Column } from "../../generator/ir/types.js";
import { buildOutput } from "../../generator/cli.js";
import { writeFiles } from "../../generator/write/write-files.js";

const ROOT = join(import.meta.dirname, "..", "..");
const GOLDEN = join(ROOT, "tests", "golden");
// The golden trees store no runtime (tests/golden.test.ts), so each case is generated whole
// here, where its schema modules can import it.
const OUT = join(ROOT, "tests", ".output", "emitted-schemas");
const cases = readdirSync(GOLDEN).filter((n) => existsSync(join(GOLDEN, n, "expected", "schemas")));
const dirs = [join(ROOT, "generated", "schemas"), ...cases.map((n) => join(OUT, n, "schemas"))];

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  const quiet = { out: () => {}, err: () => {} };
  for (const n of cases) {
    const r = await buildOutput(join(GOLDEN, n, "specs"), join(OUT, n), ROOT, quiet);
    if (r.files) writeFiles(join(OUT, n), r.files);
  }
}, 60_000);

describe("emitted JSON Schemas", () => {
  it("has schema modules to check", () => {
    expect(dirs.length).toBeGreaterThan(3);
  });
  for (const dir of dirs) {
    it(`compile under the runtime's ajv: ${dir.slice(ROOT.length + 1)}`, async () => {
      let compiled = 0;
      for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
        const mod = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
        for (const [name, value] of Object.entries(mod)) {
          if (!name.endsWith("Schema") || typeof value !== "object" || value === null) continue;
          expect(() => compile(value), `${file} ${name}`).not.toThrow();
          compiled++;
        }
      }
      expect(compiled).toBeGreaterThan(0);
    });
  }

  it("a nullable json column takes any JSON value, null included", () => {
    const column = { name: "meta", type: { kind: "json" }, nullable: true } as unknown as Column;
    const schema = columnSchema(column, "in");
    expect(schema).toEqual({});
    const check = compile<unknown>({ type: "object", properties: { meta: schema }, additionalProperties: false });
    for (const meta of [null, { a: 1 }, [1, "x"], "text", 3, true]) expect(check({ meta })).toEqual({ meta });
    expect(() => check({ other: 1 })).toThrow();
  });
});
