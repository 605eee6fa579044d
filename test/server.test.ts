// The MCP server on its own: a bug in a handler reaches the model as one plain line, its stack only the log.
import { type CallToolResult, Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { createConfirmationCodec } from "../src/confirmation-state.js";
import { createLogger } from "../src/logger.js";
import { MailtrapClient } from "../src/mailtrap/client.js";
import { createServer } from "../src/server.js";
import { getAllAccounts } from "../src/tools/accounts.js";
import type { ToolDefinition } from "../src/tools/define.js";

describe("an unexpected internal error", () => {
  it("reaches the model as one plain line and is logged with its stack", async () => {
    const logs: string[] = [];
    const logger = createLogger("debug", [], (line) => logs.push(line));
    const client = new MailtrapClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "t".repeat(32),
      timeoutMs: 1_000,
      maxResponseBytes: 1_024,
      version: "0",
    });
    const broken: ToolDefinition = {
      ...(getAllAccounts as unknown as ToolDefinition),
      handler: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'id')\n    at somewhere");
      },
    };
    const server = createServer({
      client,
      logger,
      secrets: [],
      tools: [broken],
      disabled: new Map(),
      confirmDestructive: false,
      confirmations: createConfirmationCodec(),
    });
    const mcp = new Client({ name: "t", version: "1" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(b);
    await mcp.connect(a);
    const result = (await mcp.callTool({ name: "mailtrap_accounts_get_all_accounts", arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([{ type: "text", text: "Error: Internal error: Cannot read properties of undefined (reading 'id')" }]);
    const logged = logs.join("");
    expect(logged).toMatch(/error: mailtrap_accounts_get_all_accounts: TypeError: Cannot read properties of undefined/);
    expect(logged).toMatch(/\n\s+at /);
    await mcp.close();
    await client.close();
  });
});
