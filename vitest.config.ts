import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests spawn the built bin: build it first, every run.
    globalSetup: ["test/support/build.ts"],
    // Subprocess and loopback tests: generous per-test bound, still finite.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // 2-core machines: two workers keep wall time down without starving spawned servers.
    maxWorkers: 2,
  },
});
