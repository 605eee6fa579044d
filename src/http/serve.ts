// serveHttp(): the --http mode of the bin. Builds each request's server through the composition root (tokens
// per request, or the server's own behind the access key), says at start which credential mode it is in, and on
// SIGTERM drains: health turns unhealthy, the listener closes, calls in flight finish, then the process exits.
import type { App } from "../app.js";
import { protocolErrorLogger } from "../server.js";
import { VERSION } from "../version.js";
import { ORGANIZATION_TOKEN_HEADER, TOKEN_HEADER } from "./credentials.js";
import { lineBatch } from "./line-batch.js";
import { type HttpMode, startHttpMode } from "./mode.js";

/** Longer than a whole tool call may take (the transport's 45 s call budget), so a call in flight is never cut by a stop. */
const DRAIN_GRACE_MS = 50_000;
/** Between health turning unhealthy and the listener closing: HAProxy (deploy/haproxy.cfg) needs 2 failed 1 s checks. */
const DRAIN_LEAD_MS = 3_000;
const HEADER_NAMES = { account: TOKEN_HEADER, organization: ORGANIZATION_TOKEN_HEADER };

/** Whether the server's own token serves every request (else each request brings its own). */
const serverHeldToken = ({ config }: App) => Boolean(config.apiToken || config.organizationApiToken);

/** The listener and handler for an app's HTTP settings (the bin and the tests both start it here). */
export function startHttpServer(
  app: App,
  accessLog: (line: string) => void = (line) => app.logger.info(line.trimEnd()),
): Promise<HttpMode> {
  const { config, logger } = app;
  const { http } = config;
  const serverHeld = serverHeldToken(app);
  return startHttpMode({
    host: http.host,
    port: http.port,
    path: http.path,
    allowedOrigins: http.allowedOrigins,
    allowedHosts: http.allowedHosts,
    accessKey: http.accessKey,
    credentials: serverHeld ? { apiToken: config.apiToken, organizationApiToken: config.organizationApiToken } : "request",
    log: accessLog,
    onerror: protocolErrorLogger(logger),
    serverFor: (era, request) =>
      app.createServer({
        era,
        principal: request.callerHash,
        statelessHttp: true,
        ...(serverHeld ? {} : { tokens: { ...request.credentials, names: HEADER_NAMES } }),
      }),
  });
}

export async function serveHttp(app: App, closeDemo?: () => Promise<void>): Promise<void> {
  const { config, logger, selection } = app;
  const { http } = config;
  const serverHeld = serverHeldToken(app);
  // The access log is info-level (MAILTRAP_LOG_LEVEL=warn silences it); its lines carry names and a hash prefix only.
  const access = lineBatch((text) => process.stderr.write(text));
  const accessOn = config.logLevel === "debug" || config.logLevel === "info";
  const mode = await startHttpServer(app, (line) => accessOn && access.add(`[mailtrap-accounts-mcp] info: ${line}`));

  let stopping = false;
  const shutdown = (why: string, leadMs: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(
      `${why}: draining (health unhealthy${leadMs ? `, listener open ${leadMs / 1000} s more` : ""}; up to ${DRAIN_GRACE_MS / 1000} s for calls in flight)`,
    );
    void mode
      .close(DRAIN_GRACE_MS, leadMs)
      .then(() => Promise.allSettled([app.close(), closeDemo?.()]))
      .then(() => {
        access.flush();
        process.exit(0);
      });
  };
  // Ctrl-C on a single instance stops at once; SIGTERM (a process manager) gives the balancer time to see the
  // health check fail before the listener closes, so no connection is left in the closing listener's backlog.
  process.on("SIGINT", () => shutdown("SIGINT", 0));
  process.on("SIGTERM", () => shutdown("SIGTERM", DRAIN_LEAD_MS));
  // A stray fault must not take the server down; log it (redacted) and keep serving.
  process.on("uncaughtException", (error) => logger.error(`unexpected error: ${String(error?.stack ?? error)}`));
  process.on("unhandledRejection", (reason) => logger.error(`unhandled rejection: ${String(reason)}`));

  const settings = [config.readOnly && "read-only", config.confirmDestructive && "confirming destructive calls"].filter(Boolean);
  const credentials = serverHeld
    ? `${config.mode === "demo" ? "the demo's sample token" : "the server's MAILTRAP_API_TOKEN"} for every request${http.accessKey ? ", behind the access key" : " (loopback, no access key)"}`
    : `each request's own token (${TOKEN_HEADER}, ${ORGANIZATION_TOKEN_HEADER})${http.accessKey ? ", behind the access key" : ""}`;
  logger.info(
    `${VERSION} ready: ${selection.enabled.length} tools${settings.length ? ` (${settings.join(", ")})` : ""} over HTTP at ${mode.url}; credentials: ${credentials}; API ${config.baseUrl}`,
  );
}
