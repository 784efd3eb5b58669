import { defineConfig } from "vitest/config";

// `npm run test:browser`: the tests that drive a real Chromium (kept out of `npm test`
// so the main suite needs no browser; .ci/run runs both).
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
