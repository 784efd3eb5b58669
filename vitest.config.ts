import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "generated/tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/pglite-seed.ts"],
    // Golden expected trees hold generated test files too: they are compared, not run; so do the
    // corpus apps a test run writes into tests/.output (run by tests/corpus, not collected again).
    // The browser test runs with npm run test:browser, the fault tests with npm run test:fault.
    // tests/.output holds projects the corpus test generates (not ours to collect).
    exclude: ["tests/browser/**", "tests/fault/**", "tests/scale/**", "tests/golden/**", "tests/.output/**", "**/node_modules/**"],
    // Each embedded PGlite costs ~0.7 GB and a few seconds to start; two workers fit this machine.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
