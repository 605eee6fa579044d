// The front desk of a stdio session: it reads the wire from the first byte, answers what it can without the SDK
// (src/first-answers.ts) and, on the first message it cannot answer, has the SDK loaded and hands the session
// over. The SDK then gets every message read so far, in order, as if it had read them itself, so it ends up in
// the same state (era, client capabilities); its answers to requests already answered are swallowed, and
// compared with what was sent. From then on the desk is a plain pass-through.
import type { JsonRpcMessage, LineTransport } from "./stdio-transport.js";

export interface FrontDeskOptions {
  lines: LineTransport;
  /** The reply to a message; null when none is due; undefined when only the SDK can answer it. */
  answer(message: JsonRpcMessage): JsonRpcMessage | null | undefined;
  /** Loads the SDK and connects it to `transport` (which it must start). Called once, with the first message it must answer. */
  handOver(transport: HandoverTransport, first: JsonRpcMessage): Promise<void>;
  onerror(error: Error): void;
  /** The SDK answered a request differently from the desk (a bug of ours: the desk's answer was already sent). */
  onmismatch(detail: string): void;
}

/** The transport the SDK is connected to: the messages read so far come first, then the live ones. */
export interface HandoverTransport {
  start(): Promise<void>;
  send(message: JsonRpcMessage): Promise<void>;
  close(): Promise<void>;
  onmessage?: ((message: JsonRpcMessage) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onclose?: (() => void) | undefined;
}

const keyOf = (id: unknown) => `${typeof id}:${String(id)}`;
const toError = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

export class FrontDesk {
  /** answering: no SDK; loading: it is on its way, messages wait; handed: the SDK has the session. */
  phase: "answering" | "loading" | "handed" = "answering";
  /** Settles once the SDK has the session (undefined until a message needs it). */
  handedOver: Promise<void> | undefined;
  readonly transport: HandoverTransport;

  private readonly seen: JsonRpcMessage[] = [];
  /** What the desk sent, by request id, until the SDK's own answer to the replayed request is swallowed. */
  private readonly sent = new Map<string, string[]>();

  constructor(private readonly options: FrontDeskOptions) {
    const { lines } = options;
    this.transport = {
      start: async () => this.replay(),
      send: (message) => this.fromSdk(message),
      close: () => lines.close(),
    };
    lines.onmessage = (message) => this.receive(message);
    lines.onerror = (error) => (this.phase === "handed" ? this.transport.onerror?.(error) : options.onerror(error));
    lines.onclose = () => this.transport.onclose?.();
  }

  /** Starts reading the wire. */
  start(): Promise<void> {
    return this.options.lines.start();
  }

  private receive(message: JsonRpcMessage): void {
    if (this.phase === "handed") {
      this.transport.onmessage?.(message);
      return;
    }
    this.seen.push(message);
    if (this.phase === "loading") return;
    const reply = this.options.answer(message);
    if (reply === undefined) {
      this.phase = "loading";
      this.handedOver = this.options.handOver(this.transport, message);
      return;
    }
    if (reply === null) return;
    const key = keyOf(reply.id);
    this.sent.set(key, [...(this.sent.get(key) ?? []), JSON.stringify(reply)]);
    this.options.lines.send(reply).catch((error: unknown) => this.options.onerror(toError(error)));
  }

  /** The SDK started its transport: it reads what the desk read, in order, then the live messages. */
  private replay(): void {
    const backlog = this.seen.splice(0);
    this.phase = "handed";
    for (const message of backlog) this.transport.onmessage?.(message);
    // The SDK answers the replayed opening requests within the same turn (no I/O); one left over means it
    // did not answer at all, which must not swallow a later answer that reuses the id.
    setImmediate(() => {
      for (const [key] of this.sent) this.options.onmismatch(`the SDK gave no answer to replayed request ${key}`);
      this.sent.clear();
    });
  }

  private fromSdk(message: JsonRpcMessage): Promise<void> {
    // Only the desk's own answers are waited for: once they are swallowed, this is a pass-through.
    const isResponse = this.sent.size > 0 && !("method" in message) && "id" in message;
    if (isResponse) {
      const key = keyOf(message.id);
      const ours = this.sent.get(key)?.shift();
      if (ours !== undefined) {
        if (this.sent.get(key)?.length === 0) this.sent.delete(key);
        const theirs = JSON.stringify(message);
        if (theirs !== ours) this.options.onmismatch(`request ${key}: sent ${ours.slice(0, 300)}; the SDK answers ${theirs.slice(0, 300)}`);
        return Promise.resolve();
      }
    }
    return this.options.lines.send(message);
  }
}
