// The HTTP front end of --http: a node:http listener that applies every guard the endpoint needs before
// the MCP handler sees a request (Host, path, Origin, method, access key, in-flight cap, body cap and
// timeout, tools/call arguments screened as on stdio), serves /healthz, writes one access-log line per request,
// and drains on shutdown.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { screenToolCall } from "../rpc-guard.js";
import type { JsonRpcMessage } from "../stdio-transport.js";
import { accessKeyChecker } from "./access-key.js";
import { describeMessage, formatAccessLine } from "./access-log.js";
import { BodyError, readBody } from "./body.js";
import { CredentialHeaderError, callerId, type RequestCredentials, readCredentials, tokenHash } from "./credentials.js";
import { InFlight } from "./in-flight.js";
import { sendWebResponse, toWebRequest } from "./node-adapter.js";
import { hostAllowed, normaliseNames, originAllowed } from "./origin.js";
import { health, refuse, reply } from "./respond.js";

export const HEALTH_PATH = "/healthz";

export interface HttpLimits {
  /** A JSON-RPC request never needs more. */
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  /** Requests served at once; beyond it 503 + Retry-After. */
  maxInFlight: number;
  /** node:http bounds on slow clients and idle connections. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often node:http enforces headersTimeout/requestTimeout (its default, 30 s, is too lax). */
  connectionsCheckingIntervalMs: number;
}

export const DEFAULT_LIMITS: HttpLimits = {
  maxBodyBytes: 1024 * 1024,
  bodyTimeoutMs: 10_000,
  maxInFlight: 128,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 10_000,
  connectionsCheckingIntervalMs: 1_000,
};

/** What the MCP layer gets with each request that passed every guard. */
export interface RequestContext {
  /** This request's tokens (bring-your-own mode), or the server's (server-held mode). */
  credentials: RequestCredentials;
  /** sha256 of the token in use, for pacing and confirmation binding; undefined when there is none. */
  callerHash: string | undefined;
  /** The body already parsed, when it is JSON (saves the handler a second parse). */
  parsedBody: unknown;
}

export type McpFetch = (request: Request, context: RequestContext) => Promise<Response>;

export interface FrontendOptions {
  host: string;
  port: number;
  path: string;
  /** Hostnames a browser Origin may name. */
  allowedOrigins: readonly string[];
  /** Hostnames the Host header may name; undefined skips the check (not bound to loopback, none configured). */
  allowedHosts: readonly string[] | undefined;
  /** Server-held-token mode: every request must present `Authorization: Bearer <accessKey>`. */
  accessKey?: string | undefined;
  /** "request": tokens come from each request's headers; otherwise the server's own tokens. */
  credentials: "request" | RequestCredentials;
  handle: McpFetch;
  limits?: Partial<HttpLimits>;
  /** One access-log line per request (stderr in production). */
  log: (line: string) => void;
}

export interface HttpFrontend {
  url: string;
  server: Server;
  /**
   * Health turns unhealthy; after leadMs (time for a balancer's health check to notice) the listener
   * closes; in-flight requests get up to graceMs more; then every socket closes.
   */
  drain(graceMs: number, leadMs?: number): Promise<void>;
}

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
};

const isMessage = (value: unknown): value is JsonRpcMessage =>
  typeof value === "object" && value !== null && !Array.isArray(value) && (value as { jsonrpc?: unknown }).jsonrpc === "2.0";

export async function startHttpFrontend(options: FrontendOptions): Promise<HttpFrontend> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const origins = normaliseNames(options.allowedOrigins);
  const hosts = options.allowedHosts && normaliseNames(options.allowedHosts);
  const keyMatches = options.accessKey ? accessKeyChecker(options.accessKey) : undefined;
  const inFlight = new InFlight(limits.maxInFlight);
  const serverHash =
    options.credentials === "request" ? undefined : (options.credentials.apiToken ?? options.credentials.organizationApiToken);
  const fixedCaller = serverHash === undefined ? undefined : tokenHash(serverHash);
  let draining = false;
  let origin = "";

  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
    note: (mcp: ReturnType<typeof describeMessage>, caller?: string) => void,
  ) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === HEALTH_PATH && (req.method === "GET" || req.method === "HEAD")) return health(res, !draining, req.method === "HEAD");
    // Host before anything else: a rebound name learns nothing, not even which paths exist.
    if (hosts && !hostAllowed(req.headers.host, hosts)) return refuse(res, 403, "Host not allowed");
    if (path !== options.path) return refuse(res, 404, `Not found: the MCP endpoint is ${options.path}`);
    if (!originAllowed(req.headers.origin, origins)) return refuse(res, 403, "Origin not allowed");
    if (req.method !== "POST") {
      return refuse(res, 405, "Method not allowed: this stateless endpoint takes POST only", { allow: "POST" });
    }
    if (keyMatches && !keyMatches(req.headers.authorization)) {
      return refuse(res, 401, "Missing or wrong access key: send Authorization: Bearer <MAILTRAP_MCP_HTTP_KEY>", {
        "www-authenticate": 'Bearer realm="mailtrap-accounts-mcp"',
      });
    }
    let credentials: RequestCredentials;
    try {
      credentials = options.credentials === "request" ? readCredentials(req.headers) : options.credentials;
    } catch (error) {
      if (error instanceof CredentialHeaderError) return refuse(res, 400, error.message);
      throw error;
    }
    const presented = options.credentials === "request" ? (credentials.apiToken ?? credentials.organizationApiToken) : undefined;
    const callerHash = presented === undefined ? fixedCaller : tokenHash(presented);
    note({ mcpMethod: undefined, tool: undefined }, callerId(callerHash));

    let body: Buffer;
    try {
      body = await readBody(req, { maxBytes: limits.maxBodyBytes, timeoutMs: limits.bodyTimeoutMs });
    } catch (error) {
      // The rest of the body is not read: the connection cannot carry another request.
      if (error instanceof BodyError) return refuse(res, error.status, error.message, { connection: "close" });
      throw error;
    }
    const parsedBody = parseJson(body);
    note(describeMessage(parsedBody), callerId(callerHash));
    // As on stdio, before the SDK parses params (it drops a top-level "__proto__" before any handler sees it).
    const screened = isMessage(parsedBody) ? screenToolCall(parsedBody) : undefined;
    if (screened) return reply(res, screened);

    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once("close", onClose);
    const request = toWebRequest(req, parsedBody === undefined ? body : undefined, origin, abort.signal);
    const response = await options.handle(request, { credentials, callerHash, parsedBody });
    await sendWebResponse(res, response, draining ? { connection: "close" } : {});
  };

  const server = createServer({ connectionsCheckingInterval: limits.connectionsCheckingIntervalMs }, (req, res) => {
    const started = performance.now();
    let mcp: ReturnType<typeof describeMessage> = { mcpMethod: undefined, tool: undefined };
    let caller = "-";
    const counted = req.url?.split("?")[0] !== HEALTH_PATH;
    const entered = counted && inFlight.tryEnter();
    if (counted && !entered) {
      refuse(res, 503, "Too many requests in flight; retry shortly", { "retry-after": "1" });
    } else {
      // Responses started while draining close their connection, so keep-alive does not hold the instance.
      if (draining) res.setHeader("connection", "close");
      serve(req, res, (m, c) => {
        mcp = m;
        if (c) caller = c;
      }).catch((error: unknown) => {
        // A bug in the handler must end as a 500 for this request only, never as a crash.
        options.log(`http: request failed: ${error instanceof Error ? error.message : String(error)}\n`);
        refuse(res, 500, "Internal error");
      });
    }
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      if (entered) inFlight.leave();
      const status = res.writableFinished ? res.statusCode : 499;
      if (counted) {
        options.log(
          formatAccessLine({
            time: new Date(),
            method: req.method ?? "-",
            path: req.url ?? "/",
            ...mcp,
            status,
            durationMs: performance.now() - started,
            caller,
          }),
        );
      }
    };
    res.once("finish", done).once("close", done);
  });
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;

  return {
    url: `${origin}${options.path}`,
    server,
    async drain(graceMs: number, leadMs = 0) {
      draining = true;
      // New connections are still served meanwhile: a 503 to them would not be retried by a balancer.
      if (leadMs > 0) await new Promise((resolve) => setTimeout(resolve, leadMs));
      // New connections go elsewhere (the balancer retries a refused connect); idle keep-alives close now.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([inFlight.idle(), grace]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
