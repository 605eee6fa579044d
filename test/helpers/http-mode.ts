// The --http mode as the bin builds it (loadConfig → buildApp → startHttpServer), on an ephemeral loopback
// port against the in-repo Mailtrap API, plus the two ways clients reach it: the SDK v2 client's Streamable
// HTTP transport in either era, and raw JSON-RPC POSTs for exact wire checks.
import {
  type CallToolResult,
  Client,
  type ElicitRequest,
  type ElicitResult,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import { type App, type AppDeps, buildApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { HttpMode } from "../../src/http/mode.js";
import { startHttpServer } from "../../src/http/serve.js";
import { type Sandbox, startSandbox } from "../support/sandbox.js";
import { type Reply, send } from "./http-request.js";

export const MODERN = "2026-07-28";
export type Era = "legacy" | "modern";

export interface HttpInstance {
  app: App;
  mode: HttpMode;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

export interface HttpOptions {
  flags?: string[];
  /** On top of the sandbox's URL and debug logs; no MAILTRAP_API_TOKEN unless given (tokens per request). */
  env?: Record<string, string>;
  signingKey?: string;
  /** Test seams of the composition root (a shorter rate window and call budget). */
  deps?: Pick<AppDeps, "pacing" | "callBudgetMs">;
}

export async function startHttp(sandbox: Sandbox, options: HttpOptions = {}): Promise<HttpInstance> {
  const env = { MAILTRAP_API_BASE_URL: sandbox.url, MAILTRAP_TIMEOUT_MS: "5000", MAILTRAP_LOG_LEVEL: "debug", ...options.env };
  const config = loadConfig(["--http", "--port=0", ...(options.flags ?? [])], env);
  const logs: string[] = [];
  const app = buildApp(config, {
    writeLog: (line) => logs.push(line),
    signingKey: options.signingKey ?? config.http.signingKey,
    ...options.deps,
  });
  const mode = await startHttpServer(app);
  return {
    app,
    mode,
    url: mode.url,
    logs,
    async close() {
      await mode.close(1_000);
      await app.close();
    },
  };
}

export { startSandbox };

/** An SDK v2 client over Streamable HTTP: "legacy" speaks 2025-11-25 (initialize), "modern" is pinned to 2026-07-28. */
export async function connect(
  url: string,
  era: Era,
  headers: Record<string, string>,
  elicit?: (request: ElicitRequest["params"]) => ElicitResult,
): Promise<Client & { call(name: string, args?: Record<string, unknown>): Promise<CallToolResult> }> {
  const client = new Client(
    { name: "vitest-http", version: "1.2.3" },
    {
      capabilities: elicit ? { elicitation: { form: {} } } : {},
      ...(era === "modern" && { versionNegotiation: { mode: { pin: MODERN } } }),
    },
  );
  if (elicit) client.setRequestHandler("elicitation/create", (request) => elicit(request.params));
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  if ((client.getNegotiatedProtocolVersion() === MODERN) !== (era === "modern")) {
    throw new Error(`wanted the ${era} era, negotiated ${client.getNegotiatedProtocolVersion()}`);
  }
  return Object.assign(client, {
    call: async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
  });
}

export const MODERN_META = {
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": { elicitation: { form: {} } },
  "io.modelcontextprotocol/clientInfo": { name: "raw", version: "1.0.0" },
};

/** One 2026-07-28 request as a modern client sends it; headers can be overridden or dropped (undefined). */
export async function modernPost(
  url: string,
  method: string,
  params: Record<string, unknown>,
  headers: Record<string, string | undefined> = {},
  id = 1,
): Promise<{ reply: Reply; json: { result?: Record<string, unknown>; error?: { code: number; message: string } } }> {
  const all: Record<string, string | undefined> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": MODERN,
    "mcp-method": method,
    ...(typeof params.name === "string" ? { "mcp-name": params.name } : {}),
    ...headers,
  };
  const defined = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const body = JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: MODERN_META } });
  const reply = await send(url, { headers: defined, body });
  const text = reply.headers["content-type"]?.startsWith("text/event-stream")
    ? (/^data: (.*)$/m.exec(reply.text)?.[1] ?? "{}")
    : reply.text;
  return { reply, json: JSON.parse(text || "{}") };
}

export function textOf(result: CallToolResult | Record<string, unknown> | undefined): string {
  const first = (result?.content as Array<{ type: string; text?: string }> | undefined)?.[0];
  return first?.type === "text" ? (first.text ?? "") : "";
}
