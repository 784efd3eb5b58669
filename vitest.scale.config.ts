import { defineConfig } from "vitest/config";

// npm run test:scale: PgBouncer, HAProxy, a Redis and a PostgreSQL instance of its own, and the
// generated server as several processes (tests/scale). One file at a time: they start and kill processes.
export default defineConfig({
  test: {
    include: ["tests/scale/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
