// Injected transport and server failures, so clients can be tested against what real networks do.
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import { gzipSync } from "node:zlib";
import { JSON_CONTENT_TYPE } from "../../src/sandbox/index.js";

export type Fault =
  /** Answer with this status/body instead of the real handler. */
  | { kind: "status"; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** A proxy's HTML error page (e.g. 502 Bad Gateway). */
  | { kind: "html"; status: number }
  /** Accept the request and never answer (until the sandbox closes). */
  | { kind: "hang" }
  /** Send the status line, headers and part of the body, then never finish (a stalled body). */
  | { kind: "stall" }
  /** Destroy the socket without answering (ECONNRESET at the client). */
  | { kind: "reset" }
  /** 200 application/json whose body is a cut-off JSON document. */
  | { kind: "truncated" }
  /** 200 application/json streaming `bytes` bytes of a JSON array, chunk by chunk (chunked: no Content-Length). */
  | { kind: "oversized"; bytes: number; chunked?: boolean }
  /** 3xx (default 302) with Location. */
  | { kind: "redirect"; status?: number; location: string }
  /** This status with `body` gzip-compressed and `Content-Encoding: gzip`, whatever the client accepts. */
  | { kind: "gzip"; status: number; body: string }
  /** Wait `ms`, then answer as the real API would (the request still counts and changes state). */
  | { kind: "delay"; ms: number };

export interface FaultOptions {
  /** How many matching requests get the fault (default 1; Infinity allowed). */
  times?: number;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /** Only requests whose raw path contains this text. */
  pathIncludes?: string;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  method: string | undefined;
  pathIncludes: string | undefined;
}

/** Faults in injection order; the first one matching a request is used up. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times >= 1))) {
      throw new RangeError(`fault times must be a positive integer or Infinity, got ${times}`);
    }
    this.queue.push({ fault, remaining: times, method: options.method?.toUpperCase(), pathIncludes: options.pathIncludes });
  }

  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex(
      (q) =>
        (q.method === undefined || q.method === method.toUpperCase()) && (q.pathIncludes === undefined || path.includes(q.pathIncludes)),
    );
    const entry = this.queue[index];
    if (entry === undefined) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.queue = [];
  }
}

/** An nginx-style error page of a few hundred bytes, as proxies in front of APIs send. */
export function proxyErrorPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  const padding = "<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n".repeat(6);
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n${padding}`;
}

const TRUNCATED_BODY = '[{"id":1001,"name":"Acme Corp","access_levels":[1000]},{"id":1002,"name":"Acme Sta';

/** Exactly `total` bytes of a valid JSON array (items, then space padding, then "]"), in chunks. */
export function* jsonArrayChunks(total: number, chunkSize = 64 * 1024): Generator<string> {
  if (total <= 0) return;
  if (total === 1) {
    yield "[";
    return;
  }
  let budget = total - 2; // room between "[" and "]"
  let buffer = "[";
  let n = 0;
  for (;;) {
    const item = `${n === 0 ? "" : ","}{"id":${100000 + n},"name":"Sample account ${100000 + n}","access_levels":[100]}`;
    if (item.length > budget) break;
    buffer += item;
    budget -= item.length;
    n += 1;
    if (buffer.length >= chunkSize) {
      yield buffer;
      buffer = "";
    }
  }
  yield buffer + " ".repeat(budget) + "]";
}

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

async function streamOversized(res: ServerResponse, bytes: number, chunked: boolean): Promise<void> {
  const total = Math.max(0, Math.floor(bytes));
  // Without Content-Length the client can only find out by counting what it reads.
  res.writeHead(
    200,
    chunked ? { "Content-Type": JSON_CONTENT_TYPE } : { "Content-Type": JSON_CONTENT_TYPE, "Content-Length": String(total) },
  );
  for (const chunk of jsonArrayChunks(total)) {
    // Stop as soon as the client goes away instead of generating the rest.
    if (res.destroyed || res.writableEnded) return;
    if (!res.write(chunk)) await waitForDrainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

/** Answer (or not) with the fault; returns once the response is handed off. */
export function applyFault(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
  switch (fault.kind) {
    case "status": {
      const body = fault.body ?? "";
      const headers: Record<string, string> = { ...fault.headers, "Content-Length": String(Buffer.byteLength(body)) };
      if (fault.contentType !== undefined) headers["Content-Type"] = fault.contentType;
      else if (body !== "") headers["Content-Type"] = JSON_CONTENT_TYPE;
      res.writeHead(fault.status, headers);
      res.end(body);
      return;
    }
    case "html": {
      const page = proxyErrorPage(fault.status);
      res.writeHead(fault.status, { "Content-Type": "text/html", "Content-Length": String(Buffer.byteLength(page)) });
      res.end(page);
      return;
    }
    case "hang":
      // Deliberately never answered; close() destroys the socket.
      return;
    case "stall":
      // Headers and a first chunk arrive, the rest never does; close() destroys the socket.
      res.writeHead(200, { "Content-Type": JSON_CONTENT_TYPE });
      res.write('[{"id":1001,');
      return;
    case "reset":
      // RST rather than FIN, so the client sees ECONNRESET.
      req.socket.resetAndDestroy();
      return;
    case "truncated":
      res.writeHead(200, { "Content-Type": JSON_CONTENT_TYPE, "Content-Length": String(Buffer.byteLength(TRUNCATED_BODY)) });
      res.end(TRUNCATED_BODY);
      return;
    case "oversized":
      void streamOversized(res, fault.bytes, fault.chunked === true).catch(() => res.destroy());
      return;
    case "redirect":
      res.writeHead(fault.status ?? 302, { Location: fault.location, "Content-Length": "0" });
      res.end();
      return;
    case "gzip": {
      const body = gzipSync(fault.body);
      res.writeHead(fault.status, { "Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": String(body.length) });
      res.end(body);
      return;
    }
    case "delay":
      // Handled by the recorder (sandbox.ts), which lets the API answer once the delay is over.
      return;
  }
}
