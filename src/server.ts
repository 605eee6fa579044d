// createServer(): one MCP server instance for one era ("legacy" 2025-11-25 via initialize, or "modern" 2026-07-28,
// stateless). It owns tools/list and tools/call so that schemas are generated once and compactly, bad arguments
// get one message naming the parameter, and failures become isError results. stdio builds one instance per
// connection era (serveStdio); an HTTP mode builds one per request over the same shared MailtrapClient.
import {
  type CallToolResult,
  CLIENT_INFO_META_KEY,
  type Implementation,
  type InputRequiredResult,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type Tool,
} from "@modelcontextprotocol/server";
import { CallTracker, describeOutcome } from "./calls.js";
import { type ConfirmationOptions, confirmation } from "./confirm.js";
import type { ConfirmationCodec } from "./confirmation-state.js";
import { elicitationValidator } from "./elicitation-validator.js";
import { jsonProblem, MAX_JSON_DEPTH } from "./json-shape.js";
import type { Logger } from "./logger.js";
import type { MailtrapClient } from "./mailtrap/client.js";
import { acceptedWithoutProof, isInternalError, replyWarning, toErrorText } from "./mailtrap/errors.js";
import { protocolErrorLogger } from "./protocol-errors.js";
import { createRedactor } from "./redact.js";
import type { ToolDefinition } from "./tools/define.js";
import { TOOLS } from "./tools/index.js";
import { toJsonSchema } from "./tools/json-schema.js";
import { servedRefusals, servedTool, type ToolNaming, toolNaming } from "./tools/naming.js";
import { formatInputError } from "./tools/validation.js";
import { SERVER_NAME, VERSION } from "./version.js";

export type Era = "legacy" | "modern";

export { protocolErrorLogger };

export interface CreateServerOptions {
  /** Shared by every instance: one keep-alive pool per process. */
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
  /** Signs modern-era confirmations. stdio: one random key per process, shared by its instances; HTTP: a configured key. */
  confirmations: ConfirmationCodec;
  /** Who is asking (HTTP: a hash of the caller's token): a confirmation counts only for the one it was asked of. */
  principal?: string | undefined;
  /** A line added to the instructions (the demo mode says so). */
  notice?: string | undefined;
  /** Serve the tools without the mailtrap_accounts_ prefix (--short-names / MAILTRAP_SHORT_NAMES). */
  shortNames?: boolean;
  /** The era this instance serves (the serving entry decides it; default legacy). */
  era?: Era | undefined;
  /** The calls in flight (shutdown drains them; undelivered write outcomes are logged through it). */
  calls?: CallTracker | undefined;
  /** Served over stateless HTTP (one instance per request): legacy clients cannot be asked to confirm. */
  statelessHttp?: boolean | undefined;
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

/** Built once per tool set and naming, not per instance: HTTP makes an instance per request. */
const listings = new WeakMap<readonly ToolDefinition[], Map<boolean, Tool[]>>();
function listingOf(tools: readonly ToolDefinition[], shortNames: boolean, served: () => ToolDefinition[]): Tool[] {
  let byNaming = listings.get(tools);
  if (!byNaming) listings.set(tools, (byNaming = new Map()));
  let listing = byNaming.get(shortNames);
  if (!listing) byNaming.set(shortNames, (listing = served().map(toToolListEntry)));
  return listing;
}

interface ServedView {
  served: ToolDefinition[];
  refused: Map<string, string>;
  byName: Map<string, ToolDefinition>;
  /** The instructions, tool names spelled as served. */
  text: string;
}

/** The tools as served, worked out once per tool set, refusals and naming: HTTP builds an instance per request. */
const views = new WeakMap<readonly ToolDefinition[], WeakMap<ReadonlyMap<string, string>, Map<boolean, ServedView>>>();
function servedView(tools: readonly ToolDefinition[], disabled: ReadonlyMap<string, string>, shortNames: boolean): ServedView {
  let byDisabled = views.get(tools);
  if (!byDisabled) views.set(tools, (byDisabled = new WeakMap()));
  let byNaming = byDisabled.get(disabled);
  if (!byNaming) byDisabled.set(disabled, (byNaming = new Map()));
  let view = byNaming.get(shortNames);
  if (!view) {
    const naming = toolNaming(shortNames, TOOLS);
    const served = tools.map((tool) => servedTool(tool, naming));
    view = {
      served,
      refused: servedRefusals(TOOLS, disabled, naming),
      byName: new Map(served.map((tool) => [tool.name, tool])),
      text: instructions(naming),
    };
    byNaming.set(shortNames, view);
  }
  return view;
}

/** The list and the server's description change only with a new version: clients may cache them for an hour. */
const CACHE_HINTS = {
  "tools/list": { ttlMs: 3_600_000, cacheScope: "public" as const },
  "server/discover": { ttlMs: 3_600_000, cacheScope: "public" as const },
};

/** The MCP client as this request names it: its envelope in the modern era, initialize in the legacy one. */
function callerOf(server: Server, envelope: Record<string, unknown> | undefined, era: Era): Implementation | undefined {
  if (era === "modern") return envelope?.[CLIENT_INFO_META_KEY] as Implementation | undefined;
  return server.getClientVersion();
}

export function createServer({
  client,
  logger,
  secrets,
  tools,
  disabled,
  confirmDestructive,
  confirmations,
  principal,
  notice,
  shortNames = false,
  era = "legacy",
  calls = new CallTracker((line) => logger.warn(line)),
  statelessHttp,
}: CreateServerOptions): Server {
  const { served, refused, byName, text } = servedView(tools, disabled, shortNames);
  const server = new Server(
    { name: SERVER_NAME, title: "Mailtrap Accounts", version: VERSION },
    {
      capabilities: { tools: {} },
      instructions: notice ? `${notice}\n${text}` : text,
      jsonSchemaValidator: elicitationValidator,
      cacheHints: CACHE_HINTS,
    },
  );
  const redactor = createRedactor(secrets);
  const confirming: ConfirmationOptions | undefined = confirmDestructive
    ? { server, era, codec: confirmations, principal, statelessHttp }
    : undefined;
  const errorResult = (text: string): CallToolResult => ({
    // Some clients drop isError (the OpenAI Agents SDK): the text alone must say the call failed.
    content: [{ type: "text", text: redactor.text(`Error: ${text}`) }],
    isError: true,
  });

  server.onerror = protocolErrorLogger(logger);

  server.setRequestHandler("tools/list", () => ({ tools: listingOf(tools, shortNames, () => served) }));

  server.setRequestHandler("tools/call", async (request, ctx): Promise<CallToolResult | InputRequiredResult> => {
    const { name, arguments: args = {} } = request.params;
    if (calls.isClosing) return errorResult(`${name} is refused: the server is shutting down. Nothing was sent.`);
    const tool = byName.get(name);
    const off = refused.get(name);
    if (!tool && off) return errorResult(`${name} is refused: ${off}. Nothing was sent.`);
    if (!tool) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool "${name}". Call tools/list for the tools this server offers.`);
    }
    // Before any parsing: nothing below may recurse into a value nested without bound or meet a prototype key.
    const problem = jsonProblem(args, { checkKeys: true, root: "arguments" });
    if (problem?.kind === "forbidden_key") {
      return errorResult(
        `Invalid arguments for ${tool.name}: ${problem.path} is not allowed ("${problem.key}" is a reserved name). Nothing was sent.`,
      );
    }
    if (problem) {
      return errorResult(
        `Invalid arguments for ${tool.name}: ${problem.path} is nested more than ${MAX_JSON_DEPTH} levels deep. Nothing was sent.`,
      );
    }
    const parsed = tool.input.safeParse(args);
    if (!parsed.success) {
      // Parse again, reporting the offending values, only on the rare failing path.
      const detailed = tool.input.safeParse(args, { reportInput: true });
      return errorResult(formatInputError(tool.name, detailed.error ?? parsed.error));
    }

    if (confirming && tool.annotations.destructiveHint) {
      const message = tool.confirm?.(parsed.data) ?? `Run ${tool.name} with ${JSON.stringify(parsed.data)}?`;
      const verdict = await confirmation(confirming, ctx.mcpReq, { tool: tool.name, args: parsed.data }, message);
      if (typeof verdict === "object") return verdict;
      if (verdict !== "go") return errorResult(verdict);
    }

    // Per request: the User-Agent names the MCP client that asked, and nothing of it outlives the call.
    const caller = client.forCaller(callerOf(server, ctx.mcpReq.envelope as Record<string, unknown> | undefined, era));
    const signal = ctx.mcpReq.signal;
    const call = calls.begin({ requestId: ctx.mcpReq.id, tool: tool.name, isWrite: !tool.annotations.readOnlyHint, args: parsed.data });
    // Only a write's outcome is ever reported (when its result cannot be delivered): a read's is not worth composing.
    const summary = (outcome: Parameters<typeof describeOutcome>[1]) =>
      call.isWrite ? redactor.text(describeOutcome(call, outcome)) : undefined;
    // A cancelled call gets no response: its outcome goes to the log instead.
    const undeliverable = () => (signal.aborted ? "the call was cancelled" : undefined);
    try {
      const data = (await tool.handler(parsed.data, { client: caller, signal })) as Record<string, unknown>;
      calls.end(call, summary({ result: data }), undeliverable());
      // Fields of an odd type were set aside: the warning beside the data says what they held.
      const issues = client.takeReplyIssues(signal);
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
      calls.end(call, summary({ errorText: text }), undeliverable());
      // A bug of ours: the stack goes to stderr, the model gets one plain line.
      if (isInternalError(error)) logger.error(`${tool.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      else logger.warn(`${tool.name} failed: ${text}`);
      return errorResult(text);
    }
  });

  return server;
}
