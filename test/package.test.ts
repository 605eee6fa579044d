// The package as `npx` gets it: `npm pack`, installed into an empty folder with runtime dependencies only,
// started through its bin, serving calls. Needs the npm registry (as `npm ci` does).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { binEnv } from "./helpers/bin.js";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown> & { version: string };
let work: string;
let packedFiles: string[];
let installDir: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "mailtrap-pack-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = packed[0]!.files.map((f) => f.path);
  installDir = join(work, "app");
  execFileSync("mkdir", ["-p", installDir]);
  writeFileSync(join(installDir, "package.json"), JSON.stringify({ name: "empty-app", private: true }));
  execFileSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", join(work, packed[0]!.filename)], {
    cwd: installDir,
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
}, 180_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships only what runs: dist, the README, the licence, server.json", () => {
    for (const file of packedFiles) expect(file, file).toMatch(/^(dist\/.+\.js|package\.json|README\.md|LICENSE|server\.json)$/);
    expect(packedFiles).toContain("dist/index.js");
    expect(packedFiles.some((f) => f.startsWith("test/") || f.startsWith("src/"))).toBe(false);
  });

  it("installed with runtime dependencies only, starts through its bin and serves calls", async () => {
    const transport = new StdioClientTransport({
      command: join(installDir, "node_modules", ".bin", "mailtrap-accounts-mcp"),
      args: ["--demo"],
      env: binEnv({}),
      cwd: installDir,
      stderr: "pipe",
    });
    const client = new Client({ name: "pack-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "mailtrap-accounts-mcp", version: pkg.version });
      expect((await client.listTools()).tools).toHaveLength(TOOLS.length);
      const result = await client.callTool({ name: "mailtrap_accounts_get_account_billing_usage", arguments: { account_id: 1001 } });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toHaveProperty("billing");
    } finally {
      await client.close();
    }
  }, 30_000);
});
