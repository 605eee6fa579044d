// A real MCP Client talking (in memory) to the server the bin would build: the config comes from
// loadConfig(flags, env) and the server from buildApp(), exactly as in src/main.ts. Its MailtrapClient talks
// real HTTP to the in-repo Mailtrap API on loopback. Everything the server logs is captured for secret checks.
// The era comes from MCP_TEST_ERA (vitest runs the harness suites once per era, see vitest.config.ts):
// "legacy" is a 2025-11-25 client (initialize), "modern" one pinned to 2026-07-28 (server/discover, _meta).
import { type CallToolResult, Client, type ElicitRequest, type ElicitResult, InMemoryTransport } from "@modelcontextprotocol/client";
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { type App, buildApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { PacingPolicy } from "../../src/mailtrap/pacing.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../support/sandbox.js";
import { type FakeClock, fakeClock } from "./clock.js";

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  /** Command-line flags, as a person would pass them (e.g. ["--read-only"]). */
  flags?: string[];
  /** Variables on top of the defaults (the sandbox's URL and account token, a 5 s timeout, debug logs); "" unsets one. */
  env?: Record<string, string>;
  /** Real time instead of the fake clock (tests of pacing against the sandbox's own clock). */
  realTime?: boolean;
  /** Rate-limit pacing as the app is built with it (tests give the sandbox's shorter window). */
  pacing?: Partial<PacingPolicy>;
  /** When given, the client declares elicitation support and answers with this. */
  elicit?: (request: ElicitRequest["params"]) => ElicitResult | Promise<ElicitResult>;
}

export interface Harness {
  sandbox: Sandbox;
  app: App;
  mcp: Client;
  logs: string[];
  /** The waits between retries, recorded instead of slept. */
  clock: FakeClock;
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
  const env = {
    MAILTRAP_API_TOKEN: sandbox.token,
    MAILTRAP_API_BASE_URL: sandbox.url,
    MAILTRAP_TIMEOUT_MS: "5000",
    MAILTRAP_LOG_LEVEL: "debug",
    ...options.env,
  };
  const logs: string[] = [];
  const results: string[] = [];
  const clock = fakeClock();
  const app = buildApp(loadConfig(options.flags ?? [], env), {
    writeLog: (line) => logs.push(line),
    ...(options.realTime ? {} : { clock }),
    ...(options.pacing ? { pacing: options.pacing } : {}),
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
  // Served as the bin serves stdio (plain connect() would speak only 2025): the opening message picks the era.
  const served = serveStdio(({ era }) => app.createServer({ era }), { transport: serverSide });
  await mcp.connect(clientSide);
  if ((mcp.getNegotiatedProtocolVersion() === MODERN_VERSION) !== (ERA === "modern")) {
    throw new Error(`the harness wanted the ${ERA} era but negotiated ${mcp.getNegotiatedProtocolVersion()}`);
  }
  // Listing first makes the SDK client validate every structuredContent against its outputSchema.
  await mcp.listTools();

  return {
    sandbox,
    app,
    mcp,
    logs,
    clock,
    async call(name, args = {}) {
      const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
      results.push(JSON.stringify(result));
      // Clients that drop isError (the OpenAI Agents SDK) leave the model only the text: it must say so itself.
      if (result.isError && !textOf(result).startsWith("Error: "))
        throw new Error(`an error result that does not read as one: ${textOf(result)}`);
      return result;
    },
    transcript: () => [...logs, ...results].join("\n"),
    async close() {
      await mcp.close();
      await served.close();
      await app.close();
      await sandbox.close();
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === "text" ? first.text : "";
}
