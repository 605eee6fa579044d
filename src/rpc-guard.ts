// A protocol guard in front of the MCP server: a tools/call whose params are malformed gets -32602 with one
// short line naming what is wrong, not a validator's dump. Plain JSON-RPC objects; no SDK involved.
import { errorResponse, type JsonRpcMessage } from "./stdio-transport.js";

export const INVALID_PARAMS = -32602;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The reply to a malformed tools/call request, or undefined to let the server handle the message. */
export function screenToolCall(message: JsonRpcMessage): JsonRpcMessage | undefined {
  if (message.method !== "tools/call" || !("id" in message)) return undefined;
  const id = message.id as string | number;
  const refuse = (what: string) => errorResponse(id, INVALID_PARAMS, `Invalid params for tools/call: ${what}.`);
  const params = message.params;
  if (!isObject(params)) return refuse('params must be an object such as {"name": "<tool>", "arguments": {...}}');
  if (typeof params.name !== "string" || params.name === "") return refuse("name must be a tool name from tools/list");
  if (params.arguments !== undefined && !isObject(params.arguments)) return refuse("arguments must be an object");
  return undefined;
}
