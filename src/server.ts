// createServer(): the MCP server. It owns tools/list and tools/call so that schemas are generated once and
// compactly, bad arguments get one message naming the parameter, and failures become isError results.
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  ErrorCode,
  ListToolsRequestSchema,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import * as z from "zod";
import { CallTracker, describeOutcome } from "./calls.js";
import { elicitationValidator } from "./elicitation-validator.js";
import { jsonProblem, MAX_JSON_DEPTH } from "./json-shape.js";
import type { Logger } from "./logger.js";
import type { MailtrapClient } from "./mailtrap/client.js";
import { acceptedWithoutProof, isInternalError, replyWarning, toErrorText } from "./mailtrap/errors.js";
import { createRedactor } from "./redact.js";
import type { ToolDefinition } from "./tools/define.js";
import { TOOLS } from "./tools/index.js";
import { toJsonSchema } from "./tools/json-schema.js";
import { servedRefusals, servedTool, toolNaming, type ToolNaming } from "./tools/naming.js";
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
  /** Serve the tools without the mailtrap_accounts_ prefix (--short-names / MAILTRAP_SHORT_NAMES). */
  shortNames?: boolean;
  /** The calls in flight (shutdown drains them; undelivered write outcomes are logged through it). */
  calls?: CallTracker | undefined;
}

/**
 * tools/call as registered with the SDK: params pass through untouched, so that the arguments are checked
 * here exactly as they came (a validating schema would already have dropped a top-level "__proto__" key).
 * The SDK's own check of the request still runs first.
 */
const ToolCallRequest = z.object({ method: z.literal("tools/call"), params: z.unknown() });

/** What a tools/call says, once the SDK has checked its shape. */
interface ToolCallParams {
  name: string;
  arguments?: Record<string, unknown>;
}

// Written with short tool names; instructions() spells them as served.
const INSTRUCTION_LINES = [
  "Manage Mailtrap accounts.",
  "1. get_all_accounts gives the account_id every account tool takes.",
  "2. Access: get_all_users_in_account lists accesses (their id is the account_access_id delete_account_access_by_id and update_user_permissions take); get_resources gives resource ids and types for update_user_permissions and create_api_token.",
  "3. Tokens: list_api_tokens gives the id get_api_token, delete_api_token and reset_api_token take. A secret is shown only once, by create_api_token and reset_api_token; reset gives a new id and the old token lapses after a grace period.",
  "4. Sub-accounts need an organization-level token; organization_id is a resource of type organization in get_all_users_in_account.",
  "List parameters are always sent: [] means none (for filters: no filter).",
  "Deletes, resets and permission changes cannot be undone: confirm them with the user first.",
];

export function instructions(naming: ToolNaming): string {
  return naming.text(INSTRUCTION_LINES.join("\n"));
}

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
  shortNames = false,
  calls = new CallTracker((line) => logger.warn(line)),
}: CreateServerOptions): Server {
  const naming = toolNaming(shortNames, TOOLS);
  const served = tools.map((tool) => servedTool(tool, naming));
  const refused = servedRefusals(TOOLS, disabled, naming);
  const server = new Server(
    { name: SERVER_NAME, title: "Mailtrap Accounts", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions: notice ? `${notice}\n${instructions(naming)}` : instructions(naming),
      jsonSchemaValidator: elicitationValidator,
    },
  );
  const byName = new Map(served.map((tool) => [tool.name, tool]));
  let listing: Tool[] | undefined;
  const redactor = createRedactor(secrets);
  const errorResult = (text: string): CallToolResult => ({
    // Some clients drop isError (the OpenAI Agents SDK): the text alone must say the call failed.
    content: [{ type: "text", text: redactor.text(`Error: ${text}`) }],
    isError: true,
  });

  server.oninitialized = () => client.setClientInfo(server.getClientVersion());

  server.setRequestHandler(ListToolsRequestSchema, () => {
    listing ??= served.map(toToolListEntry);
    return { tools: listing };
  });

  server.setRequestHandler(ToolCallRequest, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args = {} } = request.params as ToolCallParams;
    if (calls.isClosing) return errorResult(`${name} is refused: the server is shutting down. Nothing was sent.`);
    const tool = byName.get(name);
    const off = refused.get(name);
    if (!tool && off) return errorResult(`${name} is refused: ${off}. Nothing was sent.`);
    if (!tool) {
      // A plain error with a code: McpError would put "MCP error -32602:" in the message, and the client adds its own.
      throw Object.assign(new Error(`Unknown tool "${name}". Call tools/list for the tools this server offers.`), {
        code: ErrorCode.InvalidParams,
      });
    }
    // Before any parsing: nothing below may recurse into a value nested without bound or meet a prototype key.
    const problem = jsonProblem(args, { checkKeys: true, root: "arguments" });
    if (problem?.kind === "forbidden_key") {
      return errorResult(`Invalid arguments for ${tool.name}: ${problem.path} is not allowed ("${problem.key}" is a reserved name). Nothing was sent.`);
    }
    if (problem) {
      return errorResult(`Invalid arguments for ${tool.name}: ${problem.path} is nested more than ${MAX_JSON_DEPTH} levels deep. Nothing was sent.`);
    }
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) {
      // Parse again, reporting the offending values, only on the rare failing path.
      const detailed = tool.input.safeParse(args, { reportInput: true });
      return errorResult(formatInputError(tool.name, detailed.error ?? parsed.error));
    }

    if (confirmDestructive && tool.annotations.destructiveHint) {
      const message = tool.confirm?.(parsed.data) ?? `Run ${tool.name} with ${JSON.stringify(parsed.data)}?`;
      const refusal = await askConfirmation(server, tool.name, message, extra.signal);
      if (refusal) return errorResult(refusal);
    }

    const call = calls.begin({ requestId: extra.requestId, tool: tool.name, isWrite: !tool.annotations.readOnlyHint, args: parsed.data });
    // A cancelled call gets no response: its outcome goes to the log instead.
    const undeliverable = () => (extra.signal.aborted ? "the call was cancelled" : undefined);
    try {
      const data = (await tool.handler(parsed.data, { client, signal: extra.signal })) as Record<string, unknown>;
      calls.end(call, redactor.text(describeOutcome(call, { result: data })), undeliverable());
      // Fields of an odd type were set aside: the warning beside the data says what they held.
      const issues = client.takeReplyIssues(extra.signal);
      const result = issues.length ? { ...data, warning: replyWarning(issues) } : data;
      const missing = tool.proof?.fields.filter((field) => !["string", "number"].includes(typeof data[field]));
      if (tool.proof && missing?.length) return errorResult(acceptedWithoutProof(tool.name, tool.proof.missing, result));
      const text = JSON.stringify(result);
      // Most results hold no secret: one scan of the text, and only a hit copies the result to clean it.
      if (!redactor.matches(text)) return { content: [{ type: "text", text }], structuredContent: result };
      const clean = redactor.value(result);
      return { content: [{ type: "text", text: redactor.text(JSON.stringify(clean)) }], structuredContent: clean };
    } catch (error) {
      const text = toErrorText(error, {
        notFoundHint: tool.notFoundHint,
        tokenVariable: client.tokenVariable(tool.scope ?? "account"),
        scope: tool.scope ?? "account",
        checkWith: tool.checkWith,
      });
      calls.end(call, redactor.text(describeOutcome(call, { errorText: text })), undeliverable());
      // A bug of ours: the stack goes to stderr, the model gets one plain line.
      if (isInternalError(error)) logger.error(`${tool.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      else logger.warn(`${tool.name} failed: ${text}`);
      return errorResult(text);
    }
  });

  return server;
}
