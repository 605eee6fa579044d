// The bridge between node:http and a web-standard fetch handler (the SDK's createMcpHandler): a Request
// from the already-read body, and the Response streamed back with backpressure. Closing the response
// early aborts the Request's signal, which the protocol treats as cancellation.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ORGANIZATION_TOKEN_HEADER, TOKEN_HEADER } from "./credentials.js";

/** Headers the MCP handler never needs: the caller's credentials stay with the front end, out of the SDK's Request. */
const WITHHELD = new Set(["authorization", "cookie", TOKEN_HEADER.toLowerCase(), ORGANIZATION_TOKEN_HEADER.toLowerCase()]);

/**
 * The Request the handler sees. `body` is left out when the handler gets the body already parsed (it then never
 * reads it, and a Request with a body costs a web stream); it is kept for a body that is not JSON, which the
 * handler answers with its own parse error.
 */
export function toWebRequest(req: IncomingMessage, body: Buffer | undefined, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!WITHHELD.has(name.toLowerCase())) headers.append(name, raw[i + 1] as string);
  }
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "POST",
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    signal,
  });
}

/** Writes the Response to res; resolves when it is fully sent or the client went away. */
export async function sendWebResponse(res: ServerResponse, response: Response, extraHeaders: Record<string, string>): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!response.body) {
    res.writeHead(response.status, { ...headers, ...extraHeaders });
    res.end();
    return;
  }
  // A plain JSON answer goes out whole, headers and body in one write; only SSE is streamed as it comes.
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const body = Buffer.from(await response.arrayBuffer());
    if (res.destroyed) return;
    res.writeHead(response.status, { ...headers, ...extraHeaders, "content-length": String(body.length) });
    res.end(body);
    return;
  }
  res.writeHead(response.status, { ...headers, ...extraHeaders });
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // SSE frames must go out as they come; respect backpressure for large JSON bodies.
      if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
      if (res.destroyed) break;
    }
  } catch {
    // The handler's stream failed or was cancelled because the client left: nothing more to send.
  } finally {
    res.off("close", stop);
    if (!res.destroyed) res.end();
  }
}
