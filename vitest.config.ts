import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Every suite that goes through the in-memory harness (test/helpers/harness.ts) runs once per protocol era.
const HARNESS_SUITES = readdirSync("test")
  .filter((file) => file.endsWith(".test.ts") && readFileSync(`test/${file}`, "utf8").includes("startHarness("))
  .map((file) => `test/${file}`);

// Subprocess and loopback tests: generous per-test bound, still finite.
const BOUNDS = { testTimeout: 20_000, hookTimeout: 20_000 };

export default defineConfig({
  test: {
    // Tests spawn the built bin: build it first, every run.
    globalSetup: ["test/support/build.ts"],
    ...BOUNDS,
    // 2-core machines: two workers keep wall time down without starving spawned servers.
    maxWorkers: 2,
    // The projects take the bounds but not the globalSetup: the root runs it once for both.
    projects: [
      // Everything, with a 2025-11-25 client (initialize) in the harness.
      { test: { ...BOUNDS, name: "legacy", include: ["test/**/*.test.ts"], env: { MCP_TEST_ERA: "legacy" } } },
      // The harness suites again, with a client pinned to 2026-07-28 (server/discover, per-request _meta).
      { test: { ...BOUNDS, name: "modern", include: HARNESS_SUITES, env: { MCP_TEST_ERA: "modern" } } },
    ],
  },
});
