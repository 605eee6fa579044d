#!/usr/bin/env node
// The bin: read the configuration, serve the tools over stdio, and exit promptly when the client goes.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { ConfigError, loadConfig, loadEnvFile } from "./config.js";
import { createLogger, redact } from "./logger.js";
import { MailtrapClient } from "./mailtrap/client.js";
import { createServer } from "./server.js";
import { VERSION } from "./version.js";

async function main(): Promise<void> {
  await loadEnvFile();
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mailtrap-accounts-mcp: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const secrets = [config.apiToken];
  const logger = createLogger(config.logLevel, secrets);
  const client = new MailtrapClient({
    baseUrl: config.baseUrl,
    apiToken: config.apiToken,
    timeoutMs: config.timeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    version: VERSION,
    logger,
  });
  const server = createServer({ client, logger, secrets });
  const transport = new StdioServerTransport();

  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    logger.debug(`shutting down (${why})`);
    // Keep-alive sockets or a hung request must not hold the process: exit regardless after a moment.
    setTimeout(() => process.exit(0), 500).unref();
    void Promise.allSettled([server.close(), client.close()]).then(() => process.exit(0));
  };
  process.stdin.on("end", () => shutdown("stdin ended"));
  process.stdin.on("close", () => shutdown("stdin closed"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // The client went away mid-write (EPIPE): nothing left to talk to.
  process.stdout.on("error", () => shutdown("stdout closed"));
  // A stray fault must not take the server down; log it (redacted) and keep serving.
  process.on("uncaughtException", (error) => logger.error(`unexpected error: ${redact(String(error?.stack ?? error), secrets)}`));
  process.on("unhandledRejection", (reason) => logger.error(`unhandled rejection: ${redact(String(reason), secrets)}`));
  server.onerror = (error) => logger.warn(`protocol: ${error.message}`);

  await server.connect(transport);
  if (!config.apiToken) logger.warn("MAILTRAP_API_TOKEN is not set: tools are listed, but every call will ask for it.");
}

main().catch((error: unknown) => {
  process.stderr.write(`mailtrap-accounts-mcp: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
