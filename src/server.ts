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
import { elicitationValidator } from "./elicitation-validator.js";
import { redact, type Logger } from "./logger.js";
import type { MailtrapClient } from "./mailtrap/client.js";
import { isInternalError, toErrorText } from "./mailtrap/errors.js";
import type { ToolDefinition } from "./tools/define.js";
import { toJsonSchema } from "./tools/json-schema.js";
import { formatInputError } from "./tools/validation.js";
import { SERVER_NAME, VERSION } from "./version.js";

export interface CreateServerOptions {
  client: MailtrapClient;
  logger: Logger;
  /** Values that must never appear in a result (the API tokens). */
  secrets: readonly (string | undefined)[];
  /** The tools to offer. */
  tools: readonly ToolDefinition[];
  /** Tools that exist but are switched off, with the reason a call is refused. */
  disabled: ReadonlyMap<string, string>;
  /** Ask the person (MCP elicitation) before each destructive call; refuse when the client can't ask. */
  confirmDestructive: boolean;
  /** A line added to the instructions (the demo mode says so). */
  notice?: string | undefined;
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

const CONFIRM_TIMEOUT_MS = 10 * 60_000;
const CONFIRM_SCHEMA = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Go ahead", description: "Tick to make this change" } },
  required: ["confirm"],
};

/** Asks the person through elicitation; returns undefined when confirmed, else why nothing was sent. */
async function askConfirmation(server: Server, toolName: string, message: string, signal: AbortSignal): Promise<string | undefined> {
  if (!server.getClientCapabilities()?.elicitation) {
    return `${toolName} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but this MCP client cannot ask (no elicitation support). Refused; nothing was sent.`;
  }
  try {
    // A person may take longer than the SDK's 60 s default; the client's own cancel still ends the wait.
    const answer = await server.elicitInput({ mode: "form", message, requestedSchema: CONFIRM_SCHEMA }, { signal, timeout: CONFIRM_TIMEOUT_MS });
    if (answer.action === "accept" && answer.content?.confirm === true) return undefined;
    return `The user did not confirm ${toolName} (${answer.action === "cancel" ? "cancelled" : "declined"}). Nothing was sent.`;
  } catch (error) {
    // Fail closed: no answer is not a yes.
    return `Could not get the user's confirmation for ${toolName} (${error instanceof Error ? error.message : String(error)}). Nothing was sent.`;
  }
}

export function createServer({
  client,
  logger,
  secrets,
  tools,
  disabled,
  confirmDestructive,
  notice,
}: CreateServerOptions): Server {
  const server = new Server(
    { name: SERVER_NAME, title: "Mailtrap Accounts", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions: notice ? `${notice}\n${INSTRUCTIONS}` : INSTRUCTIONS,
      jsonSchemaValidator: elicitationValidator,
    },
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
    const off = disabled.get(name);
    if (!tool && off) return errorResult(`${name} is refused: ${off}. Nothing was sent.`);
    if (!tool) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the available mailtrap_accounts_* tools.`);
    }
    const parsed = tool.input.safeParse(args ?? {});
    if (!parsed.success) {
      // Parse again, reporting the offending values, only on the rare failing path.
      const detailed = tool.input.safeParse(args ?? {}, { reportInput: true });
      return errorResult(formatInputError(tool.name, detailed.error ?? parsed.error));
    }

    if (confirmDestructive && tool.annotations.destructiveHint) {
      const message = tool.confirm?.(parsed.data) ?? `Run ${tool.name} with ${JSON.stringify(parsed.data)}?`;
      const refusal = await askConfirmation(server, tool.name, message, extra.signal);
      if (refusal) return errorResult(refusal);
    }

    try {
      const result = (await tool.handler(parsed.data, { client, signal: extra.signal })) as Record<string, unknown>;
      const text = redact(JSON.stringify(result), secrets);
      return { content: [{ type: "text", text }], structuredContent: result };
    } catch (error) {
      const text = toErrorText(error, {
        notFoundHint: tool.notFoundHint,
        tokenVariable: client.tokenVariable(tool.scope ?? "account"),
        scope: tool.scope ?? "account",
      });
      // A bug of ours: the stack goes to stderr, the model gets one plain line.
      if (isInternalError(error)) logger.error(`${tool.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      else logger.warn(`${tool.name} failed: ${text}`);
      return errorResult(text);
    }
  });

  return server;
}
