// Real clients against the built bin in each protocol era: the MCP Inspector CLI pinned to 2026-07-28 (modern),
// probing first (auto) and on initialize (legacy). Runs where the clients are installed (CI: .ci/run).
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN } from "./helpers/bin.js";
import { INSPECTOR, NODE_22 } from "./helpers/clients.js";

describe.skipIf(!INSPECTOR || !NODE_22)("the MCP Inspector CLI in each protocol era", () => {
  const call = (era: string) =>
    new Promise<string>((resolve, reject) => {
      const argv = [INSPECTOR!, "--cli", "--protocol-era", era, "--format", "json", process.execPath, BIN, "--demo"];
      const args = [...argv, "--method", "tools/call", "--tool-name", "mailtrap_accounts_get_all_accounts"];
      execFile(
        NODE_22!,
        args,
        { timeout: 30_000, cwd: "/tmp", env: { PATH: process.env.PATH ?? "", HOME: "/tmp" } },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });

  // modern: pinned to 2026-07-28; auto: probes server/discover first; legacy: initialize.
  it.each([
    ["modern", true],
    ["auto", true],
    ["legacy", false],
  ] as const)("--protocol-era %s calls a tool (2026-07-28: %s)", async (era, modern) => {
    const { result } = JSON.parse(await call(era)) as { result: { structuredContent?: unknown; _meta?: Record<string, unknown> } };
    expect(result.structuredContent).toMatchObject({ accounts: [{ id: 1001 }, { id: 1002 }] });
    // Only 2026-07-28 results carry the server's info in _meta.
    expect(result._meta?.["io.modelcontextprotocol/serverInfo"] !== undefined).toBe(modern);
  });
});
