// A real MCP Client talking (in memory) to our server, whose MailtrapClient talks real HTTP to the
// in-repo Mailtrap API on loopback. Everything the server logs is captured for secret checks.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema, type CallToolResult, type ElicitRequest, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { createLogger } from "../../src/logger.js";
import { MailtrapClient } from "../../src/mailtrap/client.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import { createServer } from "../../src/server.js";
import { withIdDefaults, type IdDefaults } from "../../src/tools/defaults.js";
import { TOOLS } from "../../src/tools/index.js";
import { selectTools } from "../../src/tools/select.js";

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Override the token the server uses (default: the sandbox's valid account token). */
  apiToken?: string | null;
  organizationApiToken?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  baseUrl?: string;
  /** As --read-only / --tools / --exclude-tools would set them. */
  selection?: { readOnly?: boolean; tools?: string[]; excludeTools?: string[] };
  defaults?: IdDefaults;
  confirmDestructive?: boolean;
  /** As --short-names would set it. */
  shortNames?: boolean;
  /** When given, the client declares elicitation support and answers with this. */
  elicit?: (request: ElicitRequest["params"]) => ElicitResult | Promise<ElicitResult>;
}

export interface Harness {
  sandbox: Sandbox;
  mcp: Client;
  logs: string[];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** Everything the server produced so far, for "the token is nowhere" checks. */
  transcript(): string;
  close(): Promise<void>;
}

export const CLIENT_INFO = { name: "vitest-client", version: "9.8.7" };

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox(options.sandbox);
  const apiToken = options.apiToken === null ? undefined : (options.apiToken ?? sandbox.token);
  const logs: string[] = [];
  const results: string[] = [];
  const secrets = [apiToken, options.organizationApiToken];
  const logger = createLogger("debug", secrets, (line) => logs.push(line));
  const client = new MailtrapClient({
    baseUrl: options.baseUrl ?? sandbox.url,
    apiToken,
    organizationApiToken: options.organizationApiToken,
    timeoutMs: options.timeoutMs ?? 5_000,
    maxResponseBytes: options.maxResponseBytes ?? 2 * 1024 * 1024,
    version: "0.0.0-test",
    logger,
  });
  const selection = selectTools(TOOLS, {
    readOnly: options.selection?.readOnly ?? false,
    tools: options.selection?.tools,
    excludeTools: options.selection?.excludeTools ?? [],
  });
  const server = createServer({
    client,
    logger,
    secrets,
    tools: selection.enabled.map((tool) => withIdDefaults(tool, options.defaults ?? {})),
    disabled: selection.disabled,
    confirmDestructive: options.confirmDestructive ?? false,
    shortNames: options.shortNames ?? false,
  });
  const mcp = new Client(CLIENT_INFO, { capabilities: options.elicit ? { elicitation: { form: {} } } : {} });
  if (options.elicit) {
    const answer = options.elicit;
    mcp.setRequestHandler(ElicitRequestSchema, (request) => answer(request.params));
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await mcp.connect(clientSide);
  // Listing first makes the SDK client validate every structuredContent against its outputSchema.
  await mcp.listTools();

  return {
    sandbox,
    mcp,
    logs,
    async call(name, args = {}) {
      const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
      results.push(JSON.stringify(result));
      return result;
    },
    transcript: () => [...logs, ...results].join("\n"),
    async close() {
      await mcp.close();
      await server.close();
      await client.close();
      await sandbox.close();
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === "text" ? first.text : "";
}
