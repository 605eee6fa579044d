// Confirm-before-destroy, written once for both eras. The handler returns an input_required result asking the
// person; a 2026-07-28 client asks and retries the call with the answer and our signed requestState; on a 2025
// connection the SDK's legacy shim sends a real elicitation/create and re-enters the handler the same way.
// Only a "yes" that comes back with our own unexpired state for this very call lets the call through.
import {
  inputRequired,
  inputResponse,
  ProtocolError,
  ProtocolErrorCode,
  type InputRequiredResult,
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

const CONFIRM_SCHEMA = {
  type: "object" as const,
  properties: { confirm: { type: "boolean" as const, title: "Go ahead", description: "Tick to make this change" } },
  required: ["confirm"],
};

/** "go", an input_required result to return (the question), or why nothing was sent. */
export function confirmation(
  { server, era, codec, principal, statelessHttp }: ConfirmationOptions,
  request: ServerContext["mcpReq"],
  call: Omit<ConfirmedCall, "principal">,
  message: string,
): "go" | InputRequiredResult | string {
  // Modern era: no pre-check; returning the question to a request that cannot ask makes the SDK answer -32021
  // naming the missing capability, as the 2026-07-28 spec requires.
  if (era === "legacy" && statelessHttp) {
    return `${call.tool} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but over stateless HTTP a 2025-11-25 client cannot be asked: use a client that speaks MCP 2026-07-28, or stdio. Refused; nothing was sent.`;
  }
  if (era === "legacy" && !server.getClientCapabilities()?.elicitation) {
    return `${call.tool} needs the user's confirmation (MAILTRAP_CONFIRM_DESTRUCTIVE is on), but this MCP client cannot ask (no elicitation support). Refused; nothing was sent.`;
  }
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
