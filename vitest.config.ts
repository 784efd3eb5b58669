import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "generated/tests/**/*.test.ts"],
    // Golden expected trees hold generated test files too: they are compared, not run.
    exclude: ["**/node_modules/**", "tests/golden/**"],
    // Each embedded PGlite costs ~0.7 GB and a few seconds to start; two workers fit this machine.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
