// The HTTP core of the Mailtrap client: one keep-alive undici pool per process, auth, timeouts,
// retries that can never duplicate a write, bounded body reads, and typed errors.
import type { Dispatcher } from "undici";
import type { Logger } from "../logger.js";
import { MailtrapApiError, MailtrapRequestError, mailtrapMessage } from "./errors.js";

type Undici = typeof import("undici").default;

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: () => string;
  logger?: Logger | undefined;
  /** Overrides CALL_BUDGET_MS (tests). */
  callBudgetMs?: number;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Path from the API root, built only from validated integers (see apiPath). */
  path: string;
  /** Already-encoded query string without "?". */
  query?: string;
  body?: unknown;
  token: string;
  signal?: AbortSignal;
  /** Overrides the transport's User-Agent for this request (it names the MCP client that asked). */
  userAgent?: string;
}

/** A whole call (all attempts and waits) ends inside this, well under the 60 s MCP clients wait. */
export const CALL_BUDGET_MS = 45_000;
/** GETs get this many attempts on 5xx gateway errors, resets and timeouts; 429 too for every method. */
export const MAX_ATTEMPTS = 3;
/** Longest Retry-After we will sit through; beyond it the model is told when to come back. */
export const MAX_RETRY_WAIT_MS = 10_000;
const NOT_RETRIED =
  " It was not retried because it may have reached Mailtrap: check the current state (e.g. list it) before repeating it.";
/** Said when a write got a 2xx whose body we could not use: the change happened. */
export const WRITE_ACCEPTED = "Mailtrap accepted the change: do not repeat the call; list the resource to see its state.";
const RETRYABLE_GET_STATUSES = new Set([502, 503, 504]);
const RETRYABLE_NETWORK_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ETIMEDOUT", "UND_ERR_CLOSED"]);

/** Builds a path from literal parts and ids, refusing any id that is not a positive safe integer. */
export function apiPath(strings: TemplateStringsArray, ...ids: number[]): string {
  for (const id of ids) {
    if (!Number.isSafeInteger(id) || id < 1) throw new TypeError(`refusing to build a URL with id ${String(id)}`);
  }
  return String.raw({ raw: strings }, ...ids);
}

/** Rails bracket form: project_ids[]=1&project_ids[]=2 (without brackets Rails keeps only the last value). */
export function bracketQuery(params: Record<string, readonly string[] | undefined>): string {
  const parts: string[] = [];
  for (const [key, values] of Object.entries(params)) {
    for (const value of values ?? []) parts.push(`${key}[]=${encodeURIComponent(value)}`);
  }
  return parts.join("&");
}

/** Retry-After is seconds or an HTTP date; returns milliseconds from now, or undefined. */
export function parseRetryAfter(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: 0..(250 ms * 2^attempt). */
function backoffMs(attempt: number): number {
  return Math.round(Math.random() * 250 * 2 ** attempt);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A short, tag-free excerpt of a non-JSON body: enough to recognise it, never a page dump. */
function excerpt(text: string): string {
  const clean = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps the socket error in `cause`.
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface RawResponse {
  status: number;
  headers: Dispatcher.ResponseData["headers"];
  text: string;
}

export class HttpTransport {
  private undici: Promise<Undici> | undefined;
  private dispatcher: Dispatcher | undefined;

  constructor(private readonly options: TransportOptions) {}

  /** undici is loaded on the first call, not at start-up: the server starts faster and idles smaller. */
  private async pool(): Promise<{ request: Undici["request"]; dispatcher: Dispatcher }> {
    // undici is CommonJS: its API is the default export in Node's ESM loader and in the bundle alike.
    this.undici ??= import("undici").then((module) => module.default);
    const undici = await this.undici;
    this.dispatcher ??= new undici.Agent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connect: { timeout: Math.min(this.options.timeoutMs, 10_000) },
    });
    return { request: undici.request, dispatcher: this.dispatcher };
  }

  /** Sends one logical request (with safe retries) and returns the parsed JSON body (undefined for 204). */
  async send(request: HttpRequest): Promise<unknown> {
    const deadline = Date.now() + (this.options.callBudgetMs ?? CALL_BUDGET_MS);
    const url = `${this.options.baseUrl}${request.path}${request.query ? `?${request.query}` : ""}`;
    const label = `${request.method} ${request.path}`;
    const isGet = request.method === "GET";

    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - Date.now();
      const attemptTimeout = Math.min(this.options.timeoutMs, remaining);
      let response: RawResponse;
      try {
        response = await this.attempt(url, request, attemptTimeout);
      } catch (error) {
        const retryable =
          isGet &&
          error instanceof MailtrapRequestError &&
          (error.reason === "timeout" || (error.reason === "network" && error.retryable));
        const wait = backoffMs(attempt);
        if (retryable && attempt < MAX_ATTEMPTS && deadline - Date.now() > wait + 1_000) {
          this.options.logger?.warn(`${label}: ${error.message}; retrying (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`);
          await sleep(wait, request.signal);
          continue;
        }
        if (attempt > 1 && error instanceof MailtrapRequestError) {
          throw new MailtrapRequestError(`${error.message} Gave up after ${attempt} attempts.`, error.reason, error.status);
        }
        throw error;
      }

      const { status } = response;
      if (status >= 200 && status < 300) return this.parseSuccess(response, label, !isGet);
      if (status >= 300 && status < 400) {
        const location = String(response.headers.location ?? "");
        let where = "another location";
        try {
          where = new URL(location, url).origin;
        } catch {
          // keep the generic wording
        }
        throw new MailtrapRequestError(
          `Mailtrap answered ${label} with a redirect (HTTP ${status}) to ${where}. Redirects are not followed, so the token is never sent elsewhere; check MAILTRAP_API_BASE_URL.`,
          "redirect",
          status,
        );
      }

      const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
      if (status === 429) {
        const wait = retryAfterMs ?? 1_000 * attempt;
        if (attempt < MAX_ATTEMPTS && wait <= MAX_RETRY_WAIT_MS && deadline - Date.now() > wait + 1_000) {
          this.options.logger?.warn(`${label}: rate limited; retrying in ${wait} ms`);
          await sleep(wait, request.signal);
          continue;
        }
      } else if (isGet && RETRYABLE_GET_STATUSES.has(status) && attempt < MAX_ATTEMPTS) {
        const wait = backoffMs(attempt);
        if (deadline - Date.now() > wait + 1_000) {
          this.options.logger?.warn(`${label}: HTTP ${status}; retrying (attempt ${attempt + 1} of ${MAX_ATTEMPTS})`);
          await sleep(wait, request.signal);
          continue;
        }
      }
      throw this.apiError(response, retryAfterMs);
    }
  }

  private apiError(response: RawResponse, retryAfterMs: number | undefined): MailtrapApiError {
    let message = "";
    try {
      message = mailtrapMessage(JSON.parse(response.text));
    } catch {
      message = excerpt(response.text);
    }
    const retryAfterSeconds =
      response.status === 429 ? Math.max(1, Math.ceil((retryAfterMs ?? 10_000) / 1000)) : undefined;
    return new MailtrapApiError(response.status, message, retryAfterSeconds);
  }

  private parseSuccess(response: RawResponse, label: string, isWrite: boolean): unknown {
    const note = isWrite ? ` ${WRITE_ACCEPTED}` : "";
    if (response.status === 204 || response.text === "") {
      if (response.status === 204) return undefined;
      throw new MailtrapRequestError(`Mailtrap answered ${label} with HTTP ${response.status} and an empty body.${note}`, "response", response.status);
    }
    try {
      return JSON.parse(response.text);
    } catch {
      const type = String(response.headers["content-type"] ?? "unknown type").split(";")[0];
      throw new MailtrapRequestError(
        `Mailtrap answered ${label} with HTTP ${response.status} but the body is not valid JSON (${type}): "${excerpt(response.text)}".${note}`,
        "response",
        response.status,
      );
    }
  }

  /** One HTTP exchange, headers and body bounded together by `timeoutMs`. */
  private async attempt(url: string, request: HttpRequest, timeoutMs: number): Promise<RawResponse> {
    const { request: undiciRequest, dispatcher } = await this.pool();
    // One controller and one timer per attempt: cheaper than AbortSignal.timeout + AbortSignal.any per call.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, Math.max(1, timeoutMs));
    const onCancel = () => controller.abort();
    request.signal?.addEventListener("abort", onCancel, { once: true });
    if (request.signal?.aborted) controller.abort();

    const headers: Record<string, string> = {
      authorization: `Bearer ${request.token}`,
      accept: "application/json",
      "user-agent": request.userAgent ?? this.options.userAgent(),
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers["content-type"] = "application/json";
    }
    const label = `${request.method} ${request.path}`;

    try {
      const response = await undiciRequest(url, { method: request.method, headers, body, signal: controller.signal, dispatcher });
      const text = await this.readBody(response, label);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      if (error instanceof MailtrapRequestError) throw error;
      if (request.signal?.aborted) {
        throw new MailtrapRequestError(`${label} was cancelled by the client`, "aborted");
      }
      if (timedOut) {
        const note = request.method === "GET" ? "" : NOT_RETRIED;
        throw new MailtrapRequestError(`${label} timed out after ${timeoutMs} ms (MAILTRAP_TIMEOUT_MS).${note}`, "timeout");
      }
      const code = errorCode(error);
      const origin = new URL(url).origin;
      const what = code === "ECONNREFUSED" ? "connection refused" : code === "ENOTFOUND" ? "host not found" : (code ?? "network error");
      // A write that failed after connecting may still have been processed: say so, never retry it.
      const mayHaveReached = request.method !== "GET" && code !== "ECONNREFUSED" && code !== "ENOTFOUND";
      throw new MailtrapRequestError(
        `${label} failed: ${what} talking to ${origin}.${mayHaveReached ? NOT_RETRIED : ""}`,
        "network",
        undefined,
        code !== undefined && RETRYABLE_NETWORK_CODES.has(code),
      );
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onCancel);
    }
  }

  /** Reads the body as text, never more than maxResponseBytes of it. */
  private async readBody(response: Dispatcher.ResponseData, label: string): Promise<string> {
    const max = this.options.maxResponseBytes;
    const declared = Number(response.headers["content-length"] ?? NaN);
    if (declared > max) {
      response.body.destroy();
      throw this.tooLarge(label, response.statusCode);
    }
    // A declared length within bounds is enforced by undici itself: read it in one go.
    if (Number.isFinite(declared)) return response.body.text();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        response.body.destroy();
        throw this.tooLarge(label, response.statusCode);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  private tooLarge(label: string, status: number): MailtrapRequestError {
    return new MailtrapRequestError(
      `Mailtrap answered ${label} (HTTP ${status}) with a body larger than ${this.options.maxResponseBytes} bytes (MAILTRAP_MAX_RESPONSE_BYTES); it was not read`,
      "too_large",
      status,
    );
  }

  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    // destroy, not close: keep-alive sockets must not hold the process open at shutdown.
    if (dispatcher) await dispatcher.destroy().catch(() => undefined);
  }
}
