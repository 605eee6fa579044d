// main(): read the configuration, then --help / --version / --check, or serve the tools over stdio
// (against Mailtrap, or the built-in sample API with --demo) and exit promptly when the client goes.
import { serveStdio as serveEachEra } from "@modelcontextprotocol/server/stdio";
import { config as zodConfig } from "zod";
import { type App, buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig, loadEnvFile } from "./config.js";
import { guardProtocolVersion } from "./envelope-guard.js";
import { redact } from "./logger.js";
import { screenToolCall } from "./rpc-guard.js";
import { protocolErrorLogger } from "./server.js";
import { LineTransport } from "./stdio-transport.js";
import { TOOLS } from "./tools/index.js";
import { VERSION } from "./version.js";

// zod's default compiles a fast path with `new Function` on each schema's first parse: the SDK's and ours
// would all pay that compile before the first answer. Parsing without it costs nothing measurable per call.
zodConfig({ jitless: true });

function fail(message: string, code = 2): never {
  process.stderr.write(`mailtrap-accounts-mcp: ${message}\n`);
  process.exit(code);
}

/** Config and composition errors are the person's to fix: one line, exit 2. */
function orFail<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  await loadEnvFile();
  let config: Config = orFail(() => loadConfig(argv, process.env));

  if (config.mode === "help") {
    const { helpText } = await import("./help.js");
    process.stdout.write(helpText(TOOLS.map((t) => t.name)));
    return;
  }
  if (config.mode === "version") {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (config.mode === "check") {
    const app = orFail(() => buildApp(config));
    const { runCheck } = await import("./check.js");
    const line = (stream: NodeJS.WriteStream) => (text: string) => stream.write(`${redact(text, [config.apiToken, config.organizationApiToken])}\n`);
    process.exitCode = await runCheck(app, { out: line(process.stdout), err: line(process.stderr) });
    return;
  }

  let notice: string | undefined;
  let closeDemo: (() => Promise<void>) | undefined;
  if (config.mode === "demo") {
    const { startDemoApi, DEMO_NOTICE } = await import("./demo.js");
    const demo = await startDemoApi();
    // The demo never uses the person's real token or API address.
    config = { ...config, baseUrl: demo.baseUrl, apiToken: demo.apiToken, organizationApiToken: demo.organizationApiToken };
    notice = DEMO_NOTICE;
    closeDemo = demo.close;
    process.stderr.write(`mailtrap-accounts-mcp: ${DEMO_NOTICE}\n`);
  }
  if (config.http.enabled) {
    const { serveHttp } = await import("./http/serve.js");
    // One signing key for every instance behind a balancer, so a confirmation asked by one counts on another.
    await serveHttp(orFail(() => buildApp(config, { notice, signingKey: config.http.signingKey })), closeDemo);
    return;
  }
  await serveStdio(orFail(() => buildApp(config, { notice })), closeDemo);
}

/** How long calls in flight get to finish at shutdown: a normal Mailtrap reply takes well under a second. */
export const SHUTDOWN_GRACE_MS = 5_000;

async function serveStdio(app: App, closeDemo: (() => Promise<void>) | undefined): Promise<void> {
  const { config, logger, selection, calls } = app;
  let stdoutOpen = true;
  calls.tracksDelivery = true;
  // Our line-bounded transport: a bad or over-long line gets its JSON-RPC error and the session goes on.
  const lines = new LineTransport({ screen: screenToolCall, ondelivery: (id, error) => calls.delivered(id, error) });
  const transport = guardProtocolVersion(lines);

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
  process.stdin.on("end", () => void shutdown("stdin ended"));
  process.stdin.on("close", () => void shutdown("stdin closed"));
  process.on("SIGINT", () => signal("SIGINT"));
  process.on("SIGTERM", () => signal("SIGTERM"));
  // The client went away mid-write (EPIPE): nothing left to talk to, but calls in flight still finish (and
  // a write's outcome is logged, since its result cannot be delivered).
  process.stdout.on("error", () => {
    stdoutOpen = false;
    void shutdown("stdout closed");
  });
  // A stray fault must not take the server down; log it (redacted) and keep serving.
  process.on("uncaughtException", (error) => logger.error(`unexpected error: ${String(error?.stack ?? error)}`));
  process.on("unhandledRejection", (reason) => logger.error(`unhandled rejection: ${String(reason)}`));
  // A response that could not be written is reported by the transport (with what it was about).
  const onProtocolError = protocolErrorLogger(logger);
  const onerror = (error: Error) => {
    if (!/stdout is closed/.test(error.message)) onProtocolError(error);
  };
  // Both eras from one process: the opening message picks the era, and the server for it is built then.
  const connection = serveEachEra(({ era }) => app.createServer({ era }), { transport, onerror });
  // One line for the client's log: what this instance serves, never the token.
  const settings = [config.readOnly && "read-only", config.confirmDestructive && "confirming destructive calls"].filter(Boolean);
  logger.info(
    `${VERSION} ready: ${selection.enabled.length} tools${settings.length ? ` (${settings.join(", ")})` : ""}, API ${config.baseUrl}`,
  );
  if (!config.apiToken) logger.warn("MAILTRAP_API_TOKEN is not set: tools are listed, but every call will ask for it.");
}
