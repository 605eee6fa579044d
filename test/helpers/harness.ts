// A real MCP Client talking (in memory) to our server, whose MailtrapClient talks real HTTP to the
// in-repo Mailtrap API on loopback. Everything the server logs is captured for secret checks.
// The era comes from MCP_TEST_ERA (vitest runs the harness suites once per era, see vitest.config.ts):
// "legacy" is a 2025-11-25 client (initialize), "modern" one pinned to 2026-07-28.
import { Client, InMemoryTransport, type CallToolResult, type ElicitRequest, type ElicitResult } from "@modelcontextprotocol/client";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { createLogger } from "../../src/logger.js";
import { MailtrapClient } from "../../src/mailtrap/client.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import { serverFactory } from "../../src/server.js";
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

export type Era = "legacy" | "modern";
export const ERA: Era = process.env.MCP_TEST_ERA === "modern" ? "modern" : "legacy";
export const MODERN_VERSION = "2026-07-28";

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
  const factory = serverFactory({
    client,
    logger,
    secrets,
    tools: selection.enabled.map((tool) => withIdDefaults(tool, options.defaults ?? {})),
    disabled: selection.disabled,
    confirmDestructive: options.confirmDestructive ?? false,
  });
  const mcp = new Client(CLIENT_INFO, {
    capabilities: options.elicit ? { elicitation: { form: {} } } : {},
    ...(ERA === "modern" && { versionNegotiation: { mode: { pin: MODERN_VERSION } } }),
  });
  if (options.elicit) {
    const answer = options.elicit;
    mcp.setRequestHandler("elicitation/create", (request) => answer(request.params));
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  // serveStdio over the in-memory pair, as the bin serves stdio: it picks the era from the opening message.
  const served = serveStdio(factory, { transport: serverSide });
  await mcp.connect(clientSide);
  if (mcp.getNegotiatedProtocolVersion() === MODERN_VERSION !== (ERA === "modern")) {
    throw new Error(`the harness wanted the ${ERA} era but negotiated ${mcp.getNegotiatedProtocolVersion()}`);
  }
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
      await served.close();
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
