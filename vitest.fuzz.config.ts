import { defineConfig } from "vitest/config";

// npm run test:fuzz: the OpenAPI fuzz test at full size (npm test runs it with 1,000 requests).
export default defineConfig({
  test: {
    include: ["tests/fuzz/**/*.test.ts"],
    env: { FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? "10000" },
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 900_000,
    hookTimeout: 120_000,
  },
});
