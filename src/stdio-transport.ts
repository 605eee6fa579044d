// The stdio transport: newline-delimited JSON-RPC on stdin/stdout, where one bad message never ends the session.
// A line over the size limit is refused without being held in memory whole; invalid JSON gets -32700, a batch or
// anything that is not a JSON-RPC request, notification or response gets -32600; only well-formed messages reach
// the server. It implements the MCP SDK's Transport contract (start, send, close, onmessage, onerror, onclose)
// with plain JSON-RPC objects, so it works with any SDK version that accepts a custom transport.
import type { Readable, Writable } from "node:stream";

/** A JSON-RPC 2.0 message as it crosses the wire. */
export type JsonRpcMessage = { jsonrpc: "2.0" } & Record<string, unknown>;
type Id = string | number;

/** Tools take a few hundred bytes of arguments; a line this long is not a real message. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Of a line over the limit, only this much is kept: enough to find the request's id. */
const HEAD_BYTES = 512;

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

export function errorResponse(id: Id | null, code: number, message: string): JsonRpcMessage {
  return { jsonrpc: "2.0", id, error: { code, message } };
}

const isId = (value: unknown): value is Id => typeof value === "string" || (typeof value === "number" && Number.isSafeInteger(value));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Why `value` is not a JSON-RPC message the server can take, or undefined when it is one. */
export function invalidMessage(value: unknown): string | undefined {
  if (Array.isArray(value)) return "batches are not supported: send one JSON-RPC message per line";
  if (!isObject(value)) return "a JSON-RPC message must be an object";
  if (value.jsonrpc !== "2.0") return 'jsonrpc must be "2.0"';
  if ("method" in value) {
    if (typeof value.method !== "string") return "method must be a string";
    if ("id" in value && !isId(value.id)) return "id must be a string or an integer";
    if ("params" in value && !isObject(value.params)) return "params must be an object";
    return undefined;
  }
  if (!isId(value.id)) return "a response needs an id that is a string or an integer";
  const hasResult = "result" in value;
  const hasError = "error" in value;
  if (hasResult === hasError) return "a response carries exactly one of result and error";
  if (hasResult && !isObject(value.result)) return "result must be an object";
  if (hasError) {
    const error = value.error;
    if (!isObject(error) || !Number.isSafeInteger(error.code) || typeof error.message !== "string") {
      return "error must be an object with an integer code and a string message";
    }
  }
  return undefined;
}

/** The id of a request cut off at the size limit, when it opens the line ({"jsonrpc":"2.0","id":7,...}). */
function leadingId(head: string): Id | null {
  const match = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,200}")\s*[,}]/.exec(head);
  if (!match) return null;
  try {
    return JSON.parse(match[1]!) as Id;
  } catch {
    return null;
  }
}

export interface LineTransportOptions {
  input?: Readable;
  output?: Writable;
  maxLineBytes?: number;
  /**
   * Looks at each well-formed message before the server does; returning a message sends it as the reply and
   * the server never sees the original (a protocol guard, e.g. for malformed tools/call params).
   */
  screen?: (message: JsonRpcMessage) => JsonRpcMessage | undefined;
  /** Told, for each response the server sends, whether it was written out (error unset) or not. */
  ondelivery?: (id: unknown, error?: Error) => void;
}

export class LineTransport {
  onmessage?: ((message: JsonRpcMessage) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;

  private readonly input: Readable;
  private readonly output: Writable;
  private readonly maxLineBytes: number;
  private readonly screen: LineTransportOptions["screen"];
  /** Settable after construction: the front desk starts reading before the call tracker exists. */
  ondelivery: LineTransportOptions["ondelivery"];
  /** The current line so far. */
  private parts: Buffer[] = [];
  private size = 0;
  /** Set while the rest of an over-long line is skipped; holds its first bytes. */
  private skipping: Buffer | undefined;
  private started = false;
  private closed = false;

  constructor(options: LineTransportOptions = {}) {
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
    this.maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.screen = options.screen;
    this.ondelivery = options.ondelivery;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error("LineTransport already started");
    this.started = true;
    this.input.on("data", this.onData);
    this.input.on("error", this.onInputError);
  }

  /** Writes one message as a line; resolves once the stream has taken it, rejects when it could not. */
  send(message: unknown): Promise<void> {
    const response = typeof message === "object" && message !== null && !("method" in message) && "id" in message;
    const id = response ? (message as { id: unknown }).id : undefined;
    return new Promise<void>((resolve, reject) => {
      const failed = (error: Error) => {
        if (response) this.ondelivery?.(id, error);
        reject(error);
      };
      if (this.closed || this.output.destroyed || !this.output.writable) {
        failed(new Error("stdout is closed"));
        return;
      }
      this.output.write(`${JSON.stringify(message)}\n`, (error) => {
        if (error) return failed(error);
        if (response) this.ondelivery?.(id);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.input.off("data", this.onData);
    this.input.off("error", this.onInputError);
    if (this.input.listenerCount("data") === 0) this.input.pause();
    this.parts = [];
    this.size = 0;
    this.skipping = undefined;
    this.onclose?.();
  }

  private readonly onInputError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onData = (chunk: Buffer | string): void => {
    const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let start = 0;
    while (start < data.length && !this.closed) {
      const newline = data.indexOf(10, start);
      const end = newline < 0 ? data.length : newline;
      this.take(data.subarray(start, end));
      if (newline < 0) break;
      this.endLine();
      start = newline + 1;
    }
  };

  /** Adds part of a line, switching to skipping once the line passes the limit. */
  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.skipping) {
      if (this.skipping.length < HEAD_BYTES)
        this.skipping = Buffer.concat([this.skipping, piece.subarray(0, HEAD_BYTES - this.skipping.length)]);
      return;
    }
    if (this.size + piece.length > this.maxLineBytes) {
      const head = Buffer.concat([...this.parts, piece.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES);
      this.parts = [];
      this.size = 0;
      this.skipping = head;
      return;
    }
    this.parts.push(piece);
    this.size += piece.length;
  }

  private endLine(): void {
    if (this.skipping) {
      const id = leadingId(this.skipping.toString("utf8"));
      this.skipping = undefined;
      this.reply(errorResponse(id, INVALID_REQUEST, `Message too large: lines over ${this.maxLineBytes} bytes are refused.`));
      return;
    }
    const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    const text = line.toString("utf8").trim();
    if (text === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.reply(errorResponse(null, PARSE_ERROR, "Parse error: the line is not valid JSON."));
      return;
    }
    const problem = invalidMessage(value);
    if (problem) {
      const id = isObject(value) && isId(value.id) && "method" in value ? value.id : null;
      this.reply(errorResponse(id, INVALID_REQUEST, `Invalid request: ${problem}.`));
      return;
    }
    const message = value as JsonRpcMessage;
    const screened = this.screen?.(message);
    if (screened) {
      this.reply(screened);
      return;
    }
    try {
      this.onmessage?.(message);
    } catch (error) {
      // The server's handler threw synchronously: report it, keep the session.
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private reply(message: JsonRpcMessage): void {
    this.send(message).catch((error: unknown) => this.onerror?.(error instanceof Error ? error : new Error(String(error))));
  }
}
