// The built bin over stdio, as Claude Desktop, the Inspector or `npx` start it, in both protocol eras.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type ClientOptions } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
// A 2025-only client (SDK v1, as VS Code, Gemini CLI and LangChain's adapters ship): it must be served as before.
import { Client as LegacyOnlyClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as LegacyOnlyTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSupportedNode } from "../src/node-version.js";
import { TOOLS } from "../src/tools/index.js";
import { BIN, binEnv, expectOnlyJsonRpc, INITIALIZE, INITIALIZED, modern, spawnBin } from "./helpers/bin.js";
import { OLD_NODE, TEST_NODES } from "./helpers/nodes.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

/** How each kind of client negotiates: 2025 only, pinned to 2026-07-28, or probing first (server/discover) and falling back. */
const ERAS: Array<[string, ClientOptions["versionNegotiation"], string]> = [
  ["a 2025 client (initialize)", undefined, "2025-11-25"],
  ["a client pinned to 2026-07-28", { mode: { pin: "2026-07-28" } }, "2026-07-28"],
  ["a probing client (server/discover first)", { mode: "auto" }, "2026-07-28"],
];

describe.each(TEST_NODES)("the built bin over stdio on Node %s", (_version, node) => {
  const spawnParams = (env: Record<string, string>) => ({
    command: node,
    args: [BIN],
    env: binEnv(env),
    cwd: "/tmp",
    stderr: "pipe" as const,
  });

  it.each(ERAS)("serves tools/list and a tool call to %s", async (_name, versionNegotiation, negotiated) => {
    const client = new Client({ name: "e2e", version: "1.0.0" }, { versionNegotiation });
    await client.connect(new StdioClientTransport(spawnParams({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url })));
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe(negotiated);
      const { tools } = await client.listTools();
      expect(tools).toHaveLength(TOOLS.length);
      const result = await client.callTool({ name: "mailtrap_accounts_get_all_accounts", arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toMatchObject({ accounts: [{ id: 1001 }, { id: 1002 }] });
      expect(sandbox.requests.at(-1)?.headers["user-agent"]).toMatch(/^mailtrap-accounts-mcp\/\d+\.\d+\.\d+ \(client e2e\/1\.0\.0\)$/);
    } finally {
      await client.close();
    }
  });

  it("serves a 2025-only client (SDK v1) as before", async () => {
    const client = new LegacyOnlyClient({ name: "e2e-v1", version: "1.0.0" });
    await client.connect(new LegacyOnlyTransport(spawnParams({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url })));
    try {
      expect(client.getServerVersion()).toMatchObject({ name: "mailtrap-accounts-mcp" });
      expect((await client.listTools()).tools).toHaveLength(13);
      const result = await client.callTool({ name: "mailtrap_accounts_list_api_tokens", arguments: { account_id: 1001 } });
      expect(result.isError).toBeFalsy();
      expect(sandbox.requests.at(-1)?.headers["user-agent"]).toMatch(/ \(client e2e-v1\/1\.0\.0\)$/);
    } finally {
      await client.close();
    }
  });

  it.each(ERAS.slice(0, 2))(
    "asks for confirmation in the bundled server with %s, and sends only when accepted",
    async (_name, versionNegotiation) => {
      // Its own API: the delete must find the access whichever Node runs first.
      const api = await startSandbox();
      const transport = new StdioClientTransport(
        spawnParams({ MAILTRAP_API_TOKEN: api.token, MAILTRAP_API_BASE_URL: api.url, MAILTRAP_CONFIRM_DESTRUCTIVE: "true" }),
      );
      const client = new Client({ name: "e2e", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } }, versionNegotiation });
      const answers = [{ action: "decline" as const }, { action: "accept" as const, content: { confirm: true } }];
      client.setRequestHandler("elicitation/create", () => answers.shift()!);
      await client.connect(transport);
      try {
        const declined = await client.callTool({
          name: "mailtrap_accounts_delete_account_access_by_id",
          arguments: { account_id: 1002, account_access_id: 7103 },
        });
        expect(declined.isError).toBe(true);
        expect(api.requests).toHaveLength(0);
        const accepted = await client.callTool({
          name: "mailtrap_accounts_delete_account_access_by_id",
          arguments: { account_id: 1002, account_access_id: 7103 },
        });
        expect(accepted.isError).toBeFalsy();
        expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /api/accounts/1002/account_accesses/7103"]);
      } finally {
        await client.close();
        await api.close();
      }
    },
  );

  it.each(["2025", "2026"] as const)(
    "%s era: writes nothing but JSON-RPC to stdout, and exits within a second of stdin closing with keep-alive sockets open",
    async (era) => {
      const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url, MAILTRAP_LOG_LEVEL: "debug" }, [], {
        node,
      });
      const listTokens = { name: "mailtrap_accounts_list_api_tokens", arguments: { account_id: 1001 } };
      if (era === "2025") {
        bin.send(INITIALIZE);
        await bin.response(1);
        bin.send(INITIALIZED);
        bin.send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: listTokens });
      } else {
        bin.send(modern(1, "server/discover"));
        await bin.response(1);
        bin.send(modern(2, "tools/call", listTokens));
      }
      const call = (await bin.response(2)) as { result: { structuredContent: { api_tokens: unknown[] } } };
      expect(call.result.structuredContent.api_tokens).toHaveLength(3);

      const closedAt = Date.now();
      bin.child.stdin.end();
      const { code, at } = await bin.exited;
      expect(code).toBe(0);
      expect(at - closedAt).toBeLessThan(1_000);
      expectOnlyJsonRpc(bin.stdout());
      expect(bin.stderr()).not.toContain(sandbox.token);
    },
  );

  it.each(["SIGTERM", "SIGINT"] as const)("exits promptly on %s even with a connection kept alive", async (signal) => {
    const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url }, [], { node });
    bin.send(INITIALIZE);
    await bin.response(1);
    bin.send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
    await bin.response(2);
    const sentAt = Date.now();
    bin.child.kill(signal);
    const { code, at } = await bin.exited;
    expect(code).toBe(0);
    expect(at - sentAt).toBeLessThan(1_000);
  });

  it("sends nothing to Mailtrap at start or on tools/list", async () => {
    sandbox.reset();
    const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url }, [], { node });
    bin.send(INITIALIZE);
    await bin.response(1);
    bin.send(INITIALIZED);
    bin.send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    await bin.response(2);
    bin.child.stdin.end();
    await bin.exited;
    expect(sandbox.requests).toHaveLength(0);
  });

  it("reads MAILTRAP_* from a .env in the working folder without printing anything to stdout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mailtrap-env-"));
    try {
      writeFileSync(join(dir, ".env"), `MAILTRAP_API_TOKEN=${sandbox.token}\nMAILTRAP_API_BASE_URL=${sandbox.url}\n`);
      const bin = spawnBin({}, [], { cwd: dir, node });
      bin.send(INITIALIZE);
      await bin.response(1);
      bin.send({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
      const call = (await bin.response(2)) as { result: { isError?: boolean } };
      expect(call.result.isError).toBeFalsy();
      bin.child.stdin.end();
      await bin.exited;
      expectOnlyJsonRpc(bin.stdout());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a plain-http, non-loopback base URL at start with one clear line", async () => {
    const bin = spawnBin({ MAILTRAP_API_TOKEN: "x".repeat(20), MAILTRAP_API_BASE_URL: "http://mailtrap.example.com" }, [], { node });
    const { code } = await bin.exited;
    expect(code).not.toBe(0);
    expect(bin.stderr().trim()).toMatch(/^mailtrap-accounts-mcp: MAILTRAP_API_BASE_URL must use https/);
    expect(bin.stdout()).toBe("");
  });
});

describe("an unsupported Node.js", () => {
  it("compares versions against the engines minimum", () => {
    expect(isSupportedNode("20.18.1")).toBe(true);
    expect(isSupportedNode("v22.0.0")).toBe(true);
    expect(isSupportedNode("20.18.0")).toBe(false);
    expect(isSupportedNode("18.20.8")).toBe(false);
  });

  it.skipIf(!OLD_NODE)("stops the start with one clear line and a non-zero exit", async () => {
    const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token }, [], { node: OLD_NODE! });
    const { code } = await bin.exited;
    expect(code).toBe(1);
    expect(bin.stderr()).toMatch(/^mailtrap-accounts-mcp needs Node\.js 20\.18\.1 or newer; this is v18\.\d+\.\d+\.\n$/);
    expect(bin.stdout()).toBe("");
  });
});
