// main(): read the configuration, then --help / --version / --check, or serve the tools over stdio
// (against Mailtrap, or the built-in sample API with --demo) and exit promptly when the client goes.
// Serving starts at the front desk (src/front-desk.ts): the opening exchange is answered from answers the build
// recorded from the SDK, and the SDK, zod and the tool registry load only when a message needs them.
import { type Config, ConfigError, loadConfig, loadEnvFile } from "./config.js";
import { FirstAnswerer, type FirstAnswers, listingKey } from "./first-answers.js";
import { FrontDesk, type HandoverTransport } from "./front-desk.js";
import { createLogger, type Logger, redact } from "./logger.js";
import { protocolErrorLogger } from "./protocol-errors.js";
import { screenToolCall } from "./rpc-guard.js";
import type { Session } from "./serve.js";
import { type JsonRpcMessage, LineTransport } from "./stdio-transport.js";
import { VERSION } from "./version.js";

/** The SDK's answers to the opening exchange, recorded and inlined by the build (undefined when run from source). */
declare const __FIRST_ANSWERS__: string | undefined;

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
    const [{ helpText }, { TOOLS }] = await Promise.all([import("./help.js"), import("./tools/index.js")]);
    process.stdout.write(helpText(TOOLS.map((t) => t.name)));
    return;
  }
  if (config.mode === "version") {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (config.mode === "check") {
    const [{ buildApp }, { runCheck }] = await Promise.all([import("./app.js"), import("./check.js")]);
    const app = orFail(() => buildApp(config));
    const line = (stream: NodeJS.WriteStream) => (text: string) =>
      stream.write(`${redact(text, [config.apiToken, config.organizationApiToken])}\n`);
    process.exitCode = await runCheck(app, { out: line(process.stdout), err: line(process.stderr) });
    return;
  }

  const recorded = typeof __FIRST_ANSWERS__ === "string" ? (JSON.parse(__FIRST_ANSWERS__) as FirstAnswers) : undefined;
  // Tool filters name tools: they are checked against the registry before anything is answered.
  const needsRegistry = config.tools !== undefined || config.excludeTools.length > 0;
  // The HTTP mode serves many callers through the SDK's handler; the desk is for one stdio session.
  if (config.mode === "serve" && !config.http.enabled && recorded && !needsRegistry) {
    await serveFromTheDesk(config, recorded);
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
  const { buildApp, serveStdio } = await import("./serve.js");
  if (config.http.enabled) {
    const { serveHttp } = await import("./http/serve.js");
    // One signing key for every instance behind a balancer, so a confirmation asked by one counts on another.
    await serveHttp(
      orFail(() => buildApp(config, { notice, signingKey: config.http.signingKey })),
      closeDemo,
    );
    return;
  }
  const app = orFail(() => buildApp(config, { notice }));
  guardProcess(app.logger);
  app.logger.debug("serving through the MCP SDK from the start (the settings need the tool registry)");
  serveStdio(app, { closeDemo });
  logReady(app.logger, config, app.selection.enabled.length);
}

/** One line for the client's log: what this instance serves, never the token. */
function logReady(logger: Logger, config: Config, tools: number): void {
  const settings = [config.readOnly && "read-only", config.confirmDestructive && "confirming destructive calls"].filter(Boolean);
  logger.info(`${VERSION} ready: ${tools} tools${settings.length ? ` (${settings.join(", ")})` : ""}, API ${config.baseUrl}`);
  if (!config.apiToken) logger.warn("MAILTRAP_API_TOKEN is not set: tools are listed, but every call will ask for it.");
}

/** A stray fault must not take the server down; log it (redacted) and keep serving. */
function guardProcess(logger: Logger): void {
  process.on("uncaughtException", (error) => logger.error(`unexpected error: ${String(error?.stack ?? error)}`));
  process.on("unhandledRejection", (reason) => logger.error(`unhandled rejection: ${String(reason)}`));
}

/**
 * Serves the session from the front desk until a message needs the SDK, then loads it and hands over. Until
 * then nothing is in flight: the client going away or a signal ends the process at once (after stdout is
 * flushed); while the SDK loads, those events wait and go to its session, which drains what was asked.
 */
async function serveFromTheDesk(config: Config, recorded: FirstAnswers): Promise<void> {
  const logger = createLogger(config.logLevel, [config.apiToken, config.organizationApiToken]);
  guardProcess(logger);
  const onProtocolError = protocolErrorLogger(logger);
  const onerror = (error: Error) => {
    if (!/stdout is closed/.test(error.message)) onProtocolError(error);
  };
  const answerer = new FirstAnswerer(recorded, {
    shortNames: config.shortNames,
    readOnly: config.readOnly,
    listingIsDefault: config.defaultAccountId === undefined && config.defaultOrganizationId === undefined,
  });
  const lines = new LineTransport({ screen: screenToolCall });

  /** Events that came while the SDK was loading, for its session. */
  const waiting: ((session: Session) => void)[] = [];
  const exitFlushed = () => process.stdout.write("", () => process.exit(0));
  const early = (now: () => void, later: (session: Session) => void) => () => {
    if (desk.phase === "answering") now();
    else waiting.push(later);
  };
  const signalled = new Set<NodeJS.Signals>();
  const onSignal = (name: NodeJS.Signals) => () => {
    if (desk.phase === "answering") return exitFlushed();
    // A second signal while the SDK loads means now, as it does once it serves.
    if (signalled.size > 0) process.exit(name === "SIGINT" ? 130 : 143);
    signalled.add(name);
    waiting.push((session) => session.signal(name));
  };
  const listeners: [NodeJS.EventEmitter, string, () => void][] = [
    [process.stdin, "end", early(exitFlushed, (session) => void session.shutdown("stdin ended"))],
    [process.stdin, "close", early(exitFlushed, (session) => void session.shutdown("stdin closed"))],
    [process, "SIGINT", onSignal("SIGINT")],
    [process, "SIGTERM", onSignal("SIGTERM")],
    [
      process.stdout,
      "error",
      early(
        () => process.exit(0),
        (session) => session.stdoutClosed(),
      ),
    ],
  ];

  const handOver = async (transport: HandoverTransport, first: JsonRpcMessage) => {
    logger.debug(`loading the MCP SDK for ${typeof first.method === "string" ? first.method : "a response"}`);
    const started = performance.now();
    try {
      const { buildApp, serveStdio } = await import("./serve.js");
      const app = buildApp(config);
      logger.debug(`the MCP SDK and the tools took ${Math.round(performance.now() - started)} ms to load`);
      // The session's own handlers take over in the same turn: no moment without one.
      for (const [emitter, event, listener] of listeners) emitter.off(event, listener);
      const session = serveStdio(app, { wire: { lines, transport } });
      // After the replayed requests have reached their handlers (a call read before stdin ended still runs).
      setImmediate(() => {
        for (const event of waiting.splice(0)) event(session);
      });
    } catch (error) {
      logger.error(`could not load the MCP server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    }
  };
  const desk = new FrontDesk({
    lines,
    answer: (message) => answerer.answer(message),
    handOver,
    onerror,
    onmismatch: (detail) => logger.warn(`the front desk's answer differs from the SDK's (a bug; please report it): ${detail}`),
  });
  for (const [emitter, event, listener] of listeners) emitter.on(event, listener);
  await desk.start();
  logReady(logger, config, recorded.listings[listingKey(config.shortNames, config.readOnly)]?.tools ?? 0);
}
