// Reads a request body as a stream, bounded in size and time: refused the moment it passes the cap
// (no reading on to the end), and dropped when the client sends too slowly.
import type { IncomingMessage } from "node:http";
import { Deadlines } from "../deadlines.js";

/** Every body read's time limit, on one timer (a timer per request costs more than the read of a small body). */
const bodyDeadlines = new Deadlines();

export class BodyError extends Error {
  override readonly name = "BodyError";
  constructor(
    readonly status: 408 | 413 | 400,
    message: string,
  ) {
    super(message);
  }
}

export interface BodyLimits {
  maxBytes: number;
  /** The whole body must arrive within this. */
  timeoutMs: number;
}

export function readBody(request: IncomingMessage, { maxBytes, timeoutMs }: BodyLimits): Promise<Buffer> {
  const tooLarge = () => new BodyError(413, `Request body larger than ${maxBytes} bytes`);
  const declared = Number(request.headers["content-length"] ?? Number.NaN);
  if (declared > maxBytes) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: BodyError | undefined) => {
      withinTime();
      request.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onAborted);
      if (error) {
        // Stop reading; the caller answers and closes the connection.
        request.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(tooLarge());
      chunks.push(chunk);
    };
    const onEnd = () => finish(undefined);
    const onError = () => finish(new BodyError(400, "Request body could not be read"));
    const onAborted = () => finish(new BodyError(400, "Request body was cut off"));
    const withinTime = bodyDeadlines.add(timeoutMs, () => finish(new BodyError(408, `Request body not received within ${timeoutMs} ms`)));
    request.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onAborted);
  });
}
