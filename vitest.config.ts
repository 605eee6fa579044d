import { defineConfig } from "vitest/config";

// The suites that go through the in-memory harness (test/helpers/harness.ts) run once per protocol era.
const HARNESS_SUITES = ["confirm", "faults", "input-validation", "settings", "tools-list", "tools"].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    // Subprocess and loopback tests: generous per-test bound, still finite.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // 2-core machines: two workers keep wall time down without starving spawned servers.
    maxWorkers: 2,
    projects: [
      // Everything, with a 2025-11-25 client (initialize) in the harness.
      { extends: true, test: { name: "legacy", include: ["test/**/*.test.ts"], env: { MCP_TEST_ERA: "legacy" } } },
      // The harness suites again, with a client pinned to 2026-07-28 (server/discover, per-request _meta).
      { extends: true, test: { name: "modern", include: HARNESS_SUITES, env: { MCP_TEST_ERA: "modern" } } },
    ],
  },
});
