// A scripted Anthropic Messages API on 127.0.0.1 for running Claude Code offline: it records every request
// (the tool names and tool results Claude Code really sends) and streams the answers a model would give, turn
// by turn. Plus an egress trap: a proxy that records and refuses every connection a client tries to open.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: Record<string, unknown> };

export interface MessagesRequest {
  tools?: Array<{ name: string; input_schema?: unknown }>;
  messages: Array<{ role: string; content: string | Array<Record<string, unknown>> }>;
}

export interface FakeMessagesApi {
  url: string;
  /** Every POST /v1/messages body, in order. */
  requests: MessagesRequest[];
  close(): Promise<void>;
}

/** `script(request, turn)` gives the assistant's content for the n-th messages call; a text answer ends the run. */
export async function startFakeMessagesApi(
  script: (request: MessagesRequest, body: string, turn: number) => Block[],
): Promise<FakeMessagesApi> {
  const requests: MessagesRequest[] = [];
  const server = createServer((req, res) => {
    readBody(req).then((body) => {
      if (req.method !== "POST" || !/^\/v1\/messages(\?|$)/.test(req.url ?? "")) {
        res
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ type: "error", error: { type: "not_found_error", message: "not here" } }));
        return;
      }
      const request = JSON.parse(body) as MessagesRequest;
      requests.push(request);
      stream(res, script(request, body, requests.length - 1), requests.length);
    });
  });
  return { url: await listen(server), requests, close: () => close(server) };
}

export interface EgressTrap {
  url: string;
  /** Each CONNECT target or proxied URL a client tried. */
  attempts: string[];
  close(): Promise<void>;
}

/** Set as HTTPS_PROXY/HTTP_PROXY: anything a client tries to reach through it is recorded and refused. */
export async function startEgressTrap(): Promise<EgressTrap> {
  const attempts: string[] = [];
  const server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(403).end();
  });
  server.on("connect", (req: IncomingMessage, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    socket.on("error", () => undefined);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  return { url: await listen(server), attempts, close: () => close(server) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString("utf8")));
    req.on("end", () => resolve(body));
  });
}

// The Messages API's server-sent events for one assistant message.
function stream(res: ServerResponse, blocks: Block[], n: number): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const event = (type: string, data: Record<string, unknown>) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const usage = { input_tokens: 1, output_tokens: 1 };
  event("message_start", {
    message: {
      id: `msg_${n}`,
      type: "message",
      role: "assistant",
      model: "fake",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  });
  blocks.forEach((block, index) => {
    if (block.type === "text") {
      event("content_block_start", { index, content_block: { type: "text", text: "" } });
      event("content_block_delta", { index, delta: { type: "text_delta", text: block.text } });
    } else {
      event("content_block_start", { index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
    }
    event("content_block_stop", { index });
  });
  const stop = blocks.some((b) => b.type === "tool_use") ? "tool_use" : "end_turn";
  event("message_delta", { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 1 } });
  event("message_stop", {});
  res.end();
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
