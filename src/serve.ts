// serveStdio(): the SDK's side of a stdio session. Both eras from one process over our line-bounded transport
// and the version guard, with the shutdown drain. main.ts loads this module only once a message needs the SDK
// (src/front-desk.ts answers the opening exchange without it), or at once when the settings need the registry.
import { serveStdio as serveEachEra } from "@modelcontextprotocol/server/stdio";
import type { App } from "./app.js";
import { guardProtocolVersion } from "./envelope-guard.js";
import type { HandoverTransport } from "./front-desk.js";
import { protocolErrorLogger } from "./protocol-errors.js";
import { screenToolCall } from "./rpc-guard.js";
import { LineTransport } from "./stdio-transport.js";

export { buildApp } from "./app.js";

/** How long calls in flight get to finish at shutdown: a normal Mailtrap reply takes well under a second. */
export const SHUTDOWN_GRACE_MS = 5_000;

/** A wire already carrying the session (the front desk's): its line transport and the transport the SDK gets. */
export interface ExistingWire {
  lines: LineTransport;
  /** Hands the SDK the messages already read, then the live ones; swallows the answers already given. */
  transport: HandoverTransport;
}

/** What the process-level handlers call; main.ts calls them for events that came before this module loaded. */
export interface Session {
  shutdown(why: string): Promise<void>;
  signal(name: NodeJS.Signals): void;
  stdoutClosed(): void;
}

export function serveStdio(app: App, options: { closeDemo?: (() => Promise<void>) | undefined; wire?: ExistingWire } = {}): Session {
  const { logger, calls } = app;
  const { closeDemo } = options;
  let stdoutOpen = true;
  calls.tracksDelivery = true;
  // Our line-bounded transport: a bad or over-long line gets its JSON-RPC error and the session goes on.
  const delivered = (id: unknown, error?: Error) => calls.delivered(id, error);
  const lines = options.wire?.lines ?? new LineTransport({ screen: screenToolCall, ondelivery: delivered });
  if (options.wire) options.wire.lines.ondelivery = delivered;

  let stopping = false;
  // The exit waits for nothing: a hung request or a keep-alive socket must not hold the process.
  const exit = (code: number) => process.exit(code);
  /** Stop taking calls, let those in flight finish (their results go out while stdout is open), then exit. */
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    calls.close();
    logger.debug(`shutting down (${why}); ${calls.size} call(s) in flight`);
    // Whatever happens below, the process ends shortly after the grace.
    setTimeout(() => {
      calls.reportUnfinished(`had to exit (${why})`);
      exit(0);
    }, SHUTDOWN_GRACE_MS + 1_000).unref();
    const idle = await calls.whenIdle(SHUTDOWN_GRACE_MS);
    if (!idle) calls.reportUnfinished(`stopped after a ${SHUTDOWN_GRACE_MS / 1000} s grace (${why})`);
    // Let the last responses reach stdout before it is closed.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stdoutOpen) await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
    await Promise.allSettled([connection.close(), app.close(), closeDemo?.()]);
    exit(0);
  };
  const signal = (name: NodeJS.Signals) => {
    // A second signal means now.
    if (stopping) {
      calls.reportUnfinished(`was stopped by a second ${name}`);
      exit(name === "SIGINT" ? 130 : 143);
    }
    void shutdown(name);
  };
  // The client went away mid-write (EPIPE): nothing left to talk to, but calls in flight still finish (and
  // a write's outcome is logged, since its result cannot be delivered).
  const stdoutClosed = () => {
    stdoutOpen = false;
    void shutdown("stdout closed");
  };
  process.stdin.on("end", () => void shutdown("stdin ended"));
  process.stdin.on("close", () => void shutdown("stdin closed"));
  process.on("SIGINT", () => signal("SIGINT"));
  process.on("SIGTERM", () => signal("SIGTERM"));
  process.stdout.on("error", stdoutClosed);
  // A response that could not be written is reported by the transport (with what it was about).
  const onProtocolError = protocolErrorLogger(logger);
  const onerror = (error: Error) => {
    if (!/stdout is closed/.test(error.message)) onProtocolError(error);
  };
  const connection = connectSdk(app, options.wire?.transport ?? lines, onerror);
  return { shutdown, signal, stdoutClosed };
}

/** Both eras from one process over `wire`, behind the version guard: the opening message picks the era, and the server for it is built then. */
export function connectSdk(
  app: App,
  wire: ExistingWire["transport"] | LineTransport,
  onerror?: (error: Error) => void,
): { close(): Promise<void> } {
  // The guard's Transport type is the SDK's; our transports speak plain JSON-RPC objects of the same shape.
  const transport = guardProtocolVersion(wire as unknown as Parameters<typeof guardProtocolVersion>[0]);
  return serveEachEra(({ era }) => app.createServer({ era }), { transport, ...(onerror && { onerror }) });
}
