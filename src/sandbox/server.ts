// A stateful, faithful Mailtrap account-management API on loopback, for tests and the demo mode.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { presentedSecret } from "./auth.js";
import { createSampleState, type SandboxState } from "./data.js";
import { json, type Reply, writeReply } from "./http.js";
import { RateLimiter } from "./rate-limit.js";
import { dispatch } from "./routes.js";

export interface SandboxOptions {
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default createSampleState(); mutated in place by writes. */
  state?: SandboxState;
  /** Requests per 10 s per token; default 150; false disables (load tests). */
  rateLimit?: number | false;
  /** The rate window in ms (default 10 000); tests shorten it, keeping the rule. */
  rateWindowMs?: number;
  /** Send Retry-After (whole seconds, as an HTTP server would) with a 429; Mailtrap documents none. */
  retryAfter?: boolean;
  /** Milliseconds since the epoch; lets tests move time for rate windows and token expiry. */
  clock?: () => number;
  intercept?: Interceptor;
}

/** One request as the sandbox received it, before the API answers. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Pathname only, raw (not decoded). */
  path: string;
  /** The raw query string without "?", "" if none. */
  rawQuery: string;
  /** Raw body text ("" if none). */
  body: string;
  /** Lets the API answer as it would have (for an interceptor that answers later, e.g. after a delay). */
  proceed(): void;
}

/** Sees each request first (tests record them and inject faults); returns true when it answered itself. */
export type Interceptor = (exchange: Exchange) => boolean;

export interface SandboxOptions {
  /** Default "127.0.0.1". */
  host?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default createSampleState(); mutated in place by writes. */
  state?: SandboxState;
  /** Requests per 10 s per token; default 150; false disables (load tests). */
  rateLimit?: number | false;
  /** Milliseconds since the epoch; lets tests move time for rate windows and token expiry. */
  clock?: () => number;
  intercept?: Interceptor;
}

export interface Sandbox {
  /** e.g. "http://127.0.0.1:54321" */
  url: string;
  /** A valid account-level token (owner on 1001, admin on 1002 in the sample data). */
  token: string;
  /** A valid organization-level token (organization 501 in the sample data). */
  organizationToken: string;
  /** Live state, mutated by writes. */
  state: SandboxState;
  /** Clear the rate-limit windows (the state is kept). */
  resetRateLimits(): void;
  /** TCP connections accepted since start, and those open now: shows keep-alive reuse and aborted requests. */
  connections(): { opened: number; open: number };
  /** Close the listener and every open, keep-alive or hung connection. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = 150;
/** Bodies beyond this are not kept (the API takes small JSON documents only). */
const MAX_BODY_BYTES = 1024 * 1024;

function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, rawQuery: "" } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const state = options.state ?? createSampleState();
  const clock = options.clock ?? Date.now;
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (limit !== false && !(Number.isInteger(limit) && limit >= 1))
    throw new RangeError(`rateLimit must be a positive integer or false, got ${limit}`);
  const limiter = limit === false ? undefined : new RateLimiter(limit, options.rateWindowMs);
  const sockets = new Set<Socket>();
  let connectionsOpened = 0;

  const answer = (req: IncomingMessage, res: ServerResponse, bodyText: string, tooLarge: boolean): void => {
    const method = req.method ?? "GET";
    const { path, rawQuery } = splitUrl(req.url ?? "/");
    const proceed = () => respond(req, res, method, path, rawQuery, bodyText, tooLarge);
    if (options.intercept?.({ req, res, method, path, rawQuery, body: bodyText, proceed })) return;
    proceed();
  };

  /** What the API itself answers: the rate limit, then the route. */
  const respond = (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    rawQuery: string,
    bodyText: string,
    tooLarge: boolean,
  ): void => {
    const now = clock();
    const headers: Record<string, string> = {};
    let reply: Reply | undefined;
    if (limiter !== undefined) {
      // Keyed by the presented token, valid or not, as a throttle in front of the app would be.
      const key = presentedSecret(req.headers) ?? `anonymous:${req.socket.remoteAddress ?? ""}`;
      const decision = limiter.take(key, now);
      headers["X-Ratelimit-Limit"] = String(decision.limit);
      headers["X-Ratelimit-Remaining"] = String(decision.remaining);
      if (!decision.allowed) {
        reply = json(429, { errors: "Rate limit exceeded" });
        if (options.retryAfter) headers["Retry-After"] = String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000)));
      }
    }
    if (reply === undefined && tooLarge) reply = json(413, { errors: "Request entity too large" });
    if (reply === undefined) {
      try {
        reply = dispatch({ state, method, path, rawQuery, headers: req.headers, body: bodyText, now });
      } catch (error) {
        reply = json(500, { errors: `Sandbox error: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    // A request answered late (see proceed) is still processed when its client has gone, as on a real server.
    if (!res.destroyed) writeReply(res, reply, headers);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      if (size + chunk.length > MAX_BODY_BYTES) tooLarge = true;
      else {
        chunks.push(chunk);
        size += chunk.length;
      }
    });
    req.on("end", () => answer(req, res, Buffer.concat(chunks).toString("utf8"), tooLarge));
    // A client that goes away mid-request needs no answer.
    req.on("error", () => undefined);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    connectionsOpened++;
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;

  const accountCredential = state.credentials.find((c) => c.grant.kind === "account");
  const organizationCredential = state.credentials.find((c) => c.grant.kind === "organization");
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    token: accountCredential?.secret ?? "",
    organizationToken: organizationCredential?.secret ?? "",
    state,
    connections: () => ({ opened: connectionsOpened, open: sockets.size }),
    resetRateLimits: () => limiter?.clear(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung and keep-alive connections would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
