// Answers the front end gives on its own (refusals, health), as JSON-RPC error bodies MCP clients can show.
import type { ServerResponse } from "node:http";

export function refuse(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function health(res: ServerResponse, healthy: boolean, head: boolean): void {
  const body = JSON.stringify({ status: healthy ? "ok" : "draining" });
  res.writeHead(healthy ? 200 : 503, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(head ? undefined : body);
}

/** A JSON-RPC reply the front end makes itself (a screened request), as the SDK answers one: 200, JSON. */
export function reply(res: ServerResponse, message: unknown): void {
  const body = JSON.stringify(message);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
