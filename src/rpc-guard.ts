// A protocol guard in front of the MCP server: a tools/call whose params are malformed gets -32602 with one
// short line naming what is wrong, not a validator's dump. Arguments are checked here, as they came off the wire,
// for prototype keys and nesting: the SDK's own parsing of params drops a top-level "__proto__" before any handler
// could refuse it. (The server checks again, for transports without this guard.) Plain JSON-RPC; no SDK involved.
import { jsonProblem, MAX_JSON_DEPTH } from "./json-shape.js";
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
  const problem = jsonProblem(params.arguments ?? {}, { checkKeys: true, root: "arguments" });
  const invalid = (what: string) => errorResponse(id, INVALID_PARAMS, `Invalid arguments for ${params.name}: ${what}. Nothing was sent.`);
  if (problem?.kind === "forbidden_key") return invalid(`${problem.path} is not allowed ("${problem.key}" is a reserved name)`);
  if (problem) return invalid(`${problem.path} is nested more than ${MAX_JSON_DEPTH} levels deep`);
  return undefined;
}
