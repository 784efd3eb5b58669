import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/pglite-seed.ts"],
    exclude: ["tests/browser/**", "**/node_modules/**"], // npm run test:browser
    // Each embedded PGlite costs ~0.7 GB and a few seconds to start; two workers fit this machine.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
