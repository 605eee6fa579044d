// createServer(): the MCP server. It owns tools/list and tools/call so that schemas are generated once and
// compactly, bad arguments get one message naming the parameter, and failures become isError results.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import { redact, type Logger } from "./logger.js";
import type { MailtrapClient } from "./mailtrap/client.js";
import { toErrorText } from "./mailtrap/errors.js";
import type { ToolDefinition } from "./tools/define.js";
import { TOOLS } from "./tools/index.js";
import { toJsonSchema } from "./tools/json-schema.js";
import { formatInputError } from "./tools/validation.js";
import { SERVER_NAME, VERSION } from "./version.js";

export interface CreateServerOptions {
  client: MailtrapClient;
  logger: Logger;
  /** Values that must never appear in a result (the API tokens). */
  secrets: readonly (string | undefined)[];
  tools?: readonly ToolDefinition[];
}

export const INSTRUCTIONS = [
  "Manage Mailtrap accounts.",
  "1. mailtrap_accounts_get_all_accounts gives the account_id every account tool takes.",
  "2. Access: get_all_users_in_account lists accesses (their id is account_access_id); get_resources gives resource ids and types for update_user_permissions and create_api_token.",
  "3. Tokens: a secret is shown only once, by create_api_token and reset_api_token; reset gives a new id and the old token lapses after a grace period.",
  "4. Sub-accounts need an organization-level token.",
  "Deletes, resets and permission changes cannot be undone: confirm them with the user first.",
].join("\n");

function toToolListEntry(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toJsonSchema(tool.input, "input") as Tool["inputSchema"],
    outputSchema: toJsonSchema(tool.output, "output") as Tool["outputSchema"],
    annotations: tool.annotations,
  };
}

export function createServer({ client, logger, secrets, tools = TOOLS }: CreateServerOptions): Server {
  const server = new Server(
    { name: SERVER_NAME, title: "Mailtrap Accounts", version: VERSION },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  let listing: Tool[] | undefined;
  const errorResult = (text: string): CallToolResult => ({
    content: [{ type: "text", text: redact(text, secrets) }],
    isError: true,
  });

  server.oninitialized = () => client.setClientInfo(server.getClientVersion());

  server.setRequestHandler(ListToolsRequestSchema, () => {
    listing ??= tools.map(toToolListEntry);
    return { tools: listing };
  });

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    const tool = byName.get(name);
    if (!tool) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the available mailtrap_accounts_* tools.`);
    }
    const parsed = tool.input.safeParse(args ?? {}, { reportInput: true });
    if (!parsed.success) return errorResult(formatInputError(tool.name, parsed.error));

    try {
      const result = (await tool.handler(parsed.data, { client, signal: extra.signal })) as Record<string, unknown>;
      const text = redact(JSON.stringify(result), secrets);
      return { content: [{ type: "text", text }], structuredContent: result };
    } catch (error) {
      const text = toErrorText(error, {
        notFoundHint: tool.notFoundHint,
        tokenVariable: client.tokenVariable(tool.scope ?? "account"),
      });
      logger.warn(`${tool.name} failed: ${text}`);
      return errorResult(text);
    }
  });

  return server;
}
