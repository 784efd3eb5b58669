// WEB_CONCURRENCY as runtime/cluster.ts reads it (the cluster itself runs in tests/scale/cluster.test.ts).
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { workersFromEnv } from "../../templates/runtime/cluster.js";

describe("workersFromEnv", () => {
  it("is 1 (no cluster) when unset or empty", () => {
    expect(workersFromEnv({})).toBe(1);
    expect(workersFromEnv({ WEB_CONCURRENCY: "" })).toBe(1);
  });
  it("takes a whole number, or one per core for auto", () => {
    expect(workersFromEnv({ WEB_CONCURRENCY: "4" })).toBe(4);
    expect(workersFromEnv({ WEB_CONCURRENCY: "auto" })).toBe(availableParallelism());
  });
  it("refuses anything else at start, naming the variable", () => {
    for (const v of ["0", "-1", "1.5", "two", "1e9", "2048"]) expect(() => workersFromEnv({ WEB_CONCURRENCY: v })).toThrow(/WEB_CONCURRENCY/);
  });
});
