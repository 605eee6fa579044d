// main(): read the configuration, then --help / --version / --check, or serve the tools over stdio
// (against Mailtrap, or the built-in sample API with --demo) and exit promptly when the client goes.
import { serveStdio as serveEachEra, StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { config as zodConfig } from "zod";
import { type App, buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig, loadEnvFile } from "./config.js";
import { guardProtocolVersion } from "./envelope-guard.js";
import { redact } from "./logger.js";
import { protocolErrorLogger } from "./server.js";
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

async function serveStdio(app: App, closeDemo: (() => Promise<void>) | undefined): Promise<void> {
  const { config, logger, selection } = app;
  const transport = guardProtocolVersion(new StdioServerTransport());

  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.debug(`shutting down (${why})`);
    // Keep-alive sockets or a hung request must not hold the process: exit regardless after a moment.
    setTimeout(() => process.exit(0), 500).unref();
    void Promise.allSettled([connection.close(), app.close(), closeDemo?.()]).then(() => process.exit(0));
  };
  process.stdin.on("end", () => shutdown("stdin ended"));
  process.stdin.on("close", () => shutdown("stdin closed"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // The client went away mid-write (EPIPE): nothing left to talk to.
  process.stdout.on("error", () => shutdown("stdout closed"));
  // A stray fault must not take the server down; log it (redacted) and keep serving.
  process.on("uncaughtException", (error) => logger.error(`unexpected error: ${String(error?.stack ?? error)}`));
  process.on("unhandledRejection", (reason) => logger.error(`unhandled rejection: ${String(reason)}`));
  // Both eras from one process: the opening message picks the era, and the server for it is built then.
  const connection = serveEachEra(({ era }) => app.createServer({ era }), { transport, onerror: protocolErrorLogger(logger) });
  // One line for the client's log: what this instance serves, never the token.
  const settings = [config.readOnly && "read-only", config.confirmDestructive && "confirming destructive calls"].filter(Boolean);
  logger.info(
    `${VERSION} ready: ${selection.enabled.length} tools${settings.length ? ` (${settings.join(", ")})` : ""}, API ${config.baseUrl}`,
  );
  if (!config.apiToken) logger.warn("MAILTRAP_API_TOKEN is not set: tools are listed, but every call will ask for it.");
}
