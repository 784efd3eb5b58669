import { defineConfig } from "vitest/config";

// npm run test:fault: restarts its own PostgreSQL instance, so it runs alone (after npm test in .ci/run).
export default defineConfig({
  test: {
    include: ["tests/fault/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
