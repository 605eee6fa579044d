import { readdirSync, readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Every suite that goes through the in-memory harness (test/helpers/harness.ts) runs once per protocol era.
const HARNESS_SUITES = readdirSync("test")
  .filter((file) => file.endsWith(".test.ts") && readFileSync(`test/${file}`, "utf8").includes("startHarness("))
  .map((file) => `test/${file}`);

export default defineConfig({
  test: {
    // Tests spawn the built bin: build it first, every run.
    globalSetup: ["test/support/build.ts"],
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
