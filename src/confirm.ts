// Confirm-before-destroy in both eras. 2025-11-25: we ask over the connection (elicitation/create) and wait for
// the answer, as before. 2026-07-28 has no server-to-client requests: the handler returns an input_required
// result with the question and a signed requestState; the client asks the person and retries the call with the
// answer and that state. Only a "yes" that comes back with our own unexpired state for this very call counts.
import {
  type InputRequiredResult,
  inputRequired,
  inputResponse,
  ProtocolError,
  ProtocolErrorCode,
  type Server,
  type ServerContext,
} from "@modelcontextprotocol/server";
import type { ConfirmationCodec, ConfirmedCall } from "./confirmation-state.js";

export interface ConfirmationOptions {
  server: Server;
  era: "legacy" | "modern";
  codec: ConfirmationCodec;
  principal?: string | undefined;
  /** Served over stateless HTTP: a 2025-era client's answer could never reach this instance. */
  statelessHttp?: boolean | undefined;
}

/** A person may take longer than the SDK's 60 s default; the client's own cancel still ends the wait. */
const CONFIRM_TIMEOUT_MS = 10 * 60_000;
const CONFIRM_SCHEMA = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Go ahead", description: "Tick to make this change" } },
  required: ["confirm"],
};

/** "go", an input_required result to return (the question, 2026 era), or why nothing was sent. */
export async function confirmation(
  options: ConfirmationOptions,
  request: ServerContext["mcpReq"],
  call: Omit<ConfirmedCall, "principal">,
  message: string,
): Promise<"go" | InputRequiredResult | string> {
  if (options.era === "legacy" && options.statelessHttp) {
    return `${call.tool} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but over stateless HTTP a 2025-11-25 client cannot be asked: use a client that speaks MCP 2026-07-28, or stdio. Refused; nothing was sent.`;
  }
  return options.era === "legacy"
    ? askOverConnection(options.server, call.tool, message, request.signal)
    : answerOfRetry(options, request, call, message);
}

/** 2025 era: elicitation/create on the connection (capabilities as declared in initialize). */
async function askOverConnection(server: Server, tool: string, message: string, signal: AbortSignal): Promise<"go" | string> {
  if (!server.getClientCapabilities()?.elicitation) {
    return `${tool} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but this MCP client cannot ask (no elicitation support). Refused; nothing was sent.`;
  }
  try {
    const answer = await server.elicitInput(
      { mode: "form", message, requestedSchema: CONFIRM_SCHEMA },
      { signal, timeout: CONFIRM_TIMEOUT_MS },
    );
    if (answer.action === "accept" && answer.content?.confirm === true) return "go";
    return `The user did not confirm ${tool} (${answer.action === "cancel" ? "cancelled" : "declined"}). Nothing was sent.`;
  } catch (error) {
    // Fail closed: no answer is not a yes.
    return `Could not get the user's confirmation for ${tool} (${error instanceof Error ? error.message : String(error)}). Nothing was sent.`;
  }
}

/**
 * 2026 era: the question goes back as the result; the answer arrives with a retry. No pre-check of the
 * capability: returning the question to a request that cannot ask makes the SDK answer -32021 naming it.
 */
function answerOfRetry(
  { codec, principal }: ConfirmationOptions,
  request: ServerContext["mcpReq"],
  call: Omit<ConfirmedCall, "principal">,
  message: string,
): "go" | InputRequiredResult | string {
  const bound = { ...call, principal };
  const ask = (): InputRequiredResult =>
    inputRequired({
      inputRequests: { confirm: inputRequired.elicit({ mode: "form", message, requestedSchema: CONFIRM_SCHEMA }) },
      requestState: codec.mint(bound),
    });
  const state = request.requestState<unknown>();
  // A first call carries no state of ours: whatever answer it brings was not given to our question.
  if (typeof state !== "string") return ask();
  switch (codec.verify(state, bound)) {
    case "malformed":
    case "forged":
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid requestState: this server did not issue it. Nothing was sent.`);
    case "expired":
      return `The confirmation of ${call.tool} expired before it came back. Nothing was sent; call the tool again to ask again.`;
    case "other-call":
      return `The confirmation was given for a different call than this ${call.tool}. Refused; nothing was sent.`;
    case "ok":
      break;
  }
  const answer = inputResponse(request.inputResponses, "confirm");
  if (answer.kind === "missing") return ask();
  if (answer.kind === "elicit" && answer.action === "accept" && answer.content?.confirm === true) return "go";
  const why = answer.kind === "elicit" && answer.action === "cancel" ? "cancelled" : "declined";
  return `The user did not confirm ${call.tool} (${why}). Nothing was sent.`;
}
