// The HTTP core of the Mailtrap client: one keep-alive undici pool per process, auth, timeouts,
// retries decided by the policy in retry.ts (never duplicating a write), bounded body reads, typed errors.
import type { Dispatcher } from "undici";
import { type Clock, systemClock } from "../clock.js";
import { Deadlines } from "../deadlines.js";
import { jsonTextTooDeep, MAX_JSON_DEPTH } from "../json-shape.js";
import type { Logger } from "../logger.js";
import { MailtrapApiError, MailtrapRequestError, type RequestLabel } from "./errors.js";
import { BodyTooLarge, exchange } from "./exchange.js";
import type { HttpMethod } from "./http-method.js";
import { excerpt, knownFields, mailtrapMessage, unreadableBody } from "./messages.js";
import { DEFAULT_PACING, PacedOutError, Pacer, type PacingPolicy, type RateObservation, type Slot, tokenKey } from "./pacing.js";
import { type AttemptOutcome, DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from "./retry.js";

export type { HttpMethod };

type Undici = typeof import("undici").default;

export interface TransportOptions {
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: () => string;
  logger?: Logger | undefined;
  /** Overrides CALL_BUDGET_MS (tests). */
  callBudgetMs?: number;
  retryPolicy?: RetryPolicy;
  /** Waits between attempts go through this (tests pass one that does not really sleep). */
  clock?: Clock;
  /** Overrides parts of the rate-limit pacing (tests use a shorter window, as their API does). */
  pacing?: Partial<PacingPolicy> | undefined;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Path from the API root, built only from validated integers (see apiPath). */
  path: string;
  /** Already-encoded query string without "?". */
  query?: string;
  body?: unknown;
  token: string;
  /** tokenKey(token), when the caller keeps it (it is worked out per call otherwise). */
  tokenKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Overrides the transport's User-Agent for this request (it names the MCP client that asked). */
  userAgent?: string;
}

/** A whole call (all attempts and waits) ends inside this, well under the 60 s MCP clients wait. */
const CALL_BUDGET_MS = 45_000;
/** Socket failures after which Mailtrap cannot have answered: a GET may retry them. */
const TRANSIENT_NETWORK_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ETIMEDOUT", "UND_ERR_CLOSED"]);
const isSuccess = (status: number) => status >= 200 && status < 300;
const never = () => false;
/** Failures before the request left this machine: nothing reached Mailtrap. */
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND"]);

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

function contentEncoding(headers: Dispatcher.ResponseData["headers"]): string | undefined {
  const value = headers["content-encoding"];
  return Array.isArray(value) ? value.join(",") : value;
}

interface RawResponse {
  status: number;
  headers: Dispatcher.ResponseData["headers"];
  text: string;
}

function headerNumber(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** What an answer says about the rate limit, for the pacer. */
function rateObservation(response: RawResponse, now: number): RateObservation {
  return {
    status: response.status,
    limit: headerNumber(response.headers["x-ratelimit-limit"]),
    remaining: headerNumber(response.headers["x-ratelimit-remaining"]),
    retryAfterMs: parseRetryAfter(response.headers["retry-after"], now),
  };
}

/** What a failed attempt means to the retry policy. */
function outcomeOf(failure: RawResponse | MailtrapRequestError, now: number, windowMs: number): AttemptOutcome | undefined {
  if (failure instanceof MailtrapRequestError) {
    if (failure.failure.kind === "timeout") return { kind: "timeout" };
    if (failure.failure.kind === "network") return { kind: "network", transient: failure.retryable };
    return undefined;
  }
  const retryAfterMs = parseRetryAfter(failure.headers["retry-after"], now);
  // A 429 without Retry-After: the window has to pass, not a short backoff.
  return { kind: "status", status: failure.status, retryAfterMs: retryAfterMs ?? (failure.status === 429 ? windowMs : undefined) };
}

export class HttpTransport {
  private undici: Promise<Undici> | undefined;
  private dispatcher: Dispatcher | undefined;
  private readonly clock: Clock;
  /** Every attempt's timeout, on one timer. */
  private readonly deadlines = new Deadlines();
  /** The API's origin; request paths are what follows it in the base URL and the request's own path. */
  private readonly origin: string;

  private readonly pacing: PacingPolicy;
  private readonly pacer: Pacer;

  constructor(private readonly options: TransportOptions) {
    this.clock = options.clock ?? systemClock;
    this.origin = new URL(options.baseUrl).origin;
    this.pacing = { ...DEFAULT_PACING, ...options.pacing };
    this.pacer = new Pacer(this.clock, this.pacing);
  }

  /** undici is loaded on the first call, not at start-up: the server starts faster and idles smaller. */
  private async pool(): Promise<Dispatcher> {
    if (this.dispatcher) return this.dispatcher;
    // undici is CommonJS: its API is the default export in Node's ESM loader and in the bundle alike.
    this.undici ??= import("undici").then((module) => module.default);
    const undici = await this.undici;
    this.dispatcher ??= new undici.Agent({
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      connect: { timeout: Math.min(this.options.timeoutMs, 10_000) },
    });
    return this.dispatcher;
  }

  /** Sends one logical request (with safe retries) and returns the parsed JSON body (undefined for 204). */
  async send(request: HttpRequest): Promise<unknown> {
    const deadline = this.clock.now() + (this.options.callBudgetMs ?? CALL_BUDGET_MS);
    const url = `${this.options.baseUrl}${request.path}${request.query ? `?${request.query}` : ""}`;
    const label: RequestLabel = { method: request.method, path: request.path };
    const policy = this.options.retryPolicy ?? DEFAULT_RETRY_POLICY;

    const key = request.tokenKey ?? tokenKey(request.token);

    for (let attempt = 1; ; attempt++) {
      const slot = await this.turn(key, label, deadline, policy.reserveMs, request.signal);
      const attemptTimeout = Math.min(this.options.timeoutMs, deadline - this.clock.now());
      let outcome: RawResponse | MailtrapRequestError;
      try {
        outcome = await this.attempt(url, request, attemptTimeout);
        slot.release(rateObservation(outcome, this.clock.now()));
      } catch (error) {
        slot.release();
        if (!(error instanceof MailtrapRequestError)) throw error;
        outcome = error;
      }
      if (!(outcome instanceof MailtrapRequestError) && outcome.status < 300) return this.parseSuccess(outcome, label);
      if (!(outcome instanceof MailtrapRequestError) && outcome.status < 400) throw this.redirectError(outcome, label, url);

      const retryOutcome = outcomeOf(outcome, this.clock.now(), this.pacing.windowMs);
      const decision = retryOutcome
        ? decideRetry({ method: request.method, attempt, outcome: retryOutcome, remainingMs: deadline - this.clock.now() }, policy)
        : ({ retry: false } as const);
      if (decision.retry) {
        this.options.logger?.warn(
          `${label.method} ${label.path}: ${decision.why}; retrying in ${decision.waitMs} ms (attempt ${attempt + 1} of ${policy.limit})`,
        );
        try {
          await this.clock.sleep(decision.waitMs, request.signal);
        } catch (cause) {
          // Cancelled while waiting to try again: what failed was not processed or was a read.
          throw new MailtrapRequestError(label, { kind: "cancelled" }, { mayHaveBeenSent: false, cause });
        }
        continue;
      }
      if (outcome instanceof MailtrapRequestError) throw attempt > 1 ? outcome.afterAttempts(attempt) : outcome;
      throw this.apiError(outcome, label, retryOutcome?.kind === "status" ? retryOutcome.retryAfterMs : undefined);
    }
  }

  /** Waits for this token's turn under the rate limit; nothing is sent when it would come too late. */
  private async turn(
    key: string,
    label: RequestLabel,
    deadline: number,
    reserveMs: number,
    signal: AbortSignal | undefined,
  ): Promise<Slot> {
    try {
      return await this.pacer.acquire(key, { deadline, reserveMs, signal });
    } catch (error) {
      if (error instanceof PacedOutError) {
        const failure = { kind: "rate_limited" as const, retryAfterMs: error.retryAfterMs, limit: error.limit, windowMs: error.windowMs };
        throw new MailtrapRequestError(label, failure, { mayHaveBeenSent: false });
      }
      if (signal?.aborted) throw new MailtrapRequestError(label, { kind: "cancelled" }, { mayHaveBeenSent: false, cause: error });
      throw error;
    }
  }

  private redirectError(response: RawResponse, label: RequestLabel, url: string): MailtrapRequestError {
    let to = "another location";
    try {
      to = new URL(String(response.headers.location ?? ""), url).origin;
    } catch {
      // keep the generic wording
    }
    return new MailtrapRequestError(label, { kind: "redirect", status: response.status, to }, { mayHaveBeenSent: true });
  }

  private apiError(response: RawResponse, label: RequestLabel, retryAfterMs: number | undefined): MailtrapApiError {
    let message = "";
    try {
      message = mailtrapMessage(JSON.parse(response.text));
    } catch {
      message = unreadableBody(response.text, contentEncoding(response.headers)) ?? excerpt(response.text);
    }
    const retryAfterSeconds = response.status === 429 ? Math.max(1, Math.ceil((retryAfterMs ?? this.pacing.windowMs) / 1000)) : undefined;
    return new MailtrapApiError(label, response.status, message, retryAfterSeconds);
  }

  private parseSuccess(response: RawResponse, label: RequestLabel): unknown {
    if (response.status === 204) return undefined;
    if (response.text === "") {
      throw new MailtrapRequestError(label, { kind: "empty_body", status: response.status }, { mayHaveBeenSent: true });
    }
    const isWrite = label.method !== "GET";
    // Nothing may recurse into a reply nested without bound: it is refused before parsing.
    if (jsonTextTooDeep(response.text)) {
      const failure = { kind: "too_deep" as const, status: response.status, maxDepth: MAX_JSON_DEPTH };
      throw new MailtrapRequestError(label, failure, { mayHaveBeenSent: true, known: isWrite ? knownFields(response.text) : undefined });
    }
    try {
      return JSON.parse(response.text);
    } catch (cause) {
      const contentType = String(response.headers["content-type"] ?? "unknown type").split(";")[0] ?? "unknown type";
      throw new MailtrapRequestError(
        label,
        {
          kind: "invalid_json",
          status: response.status,
          contentType,
          excerpt: excerpt(response.text),
          unreadable: unreadableBody(response.text, contentEncoding(response.headers)),
        },
        { mayHaveBeenSent: true, known: isWrite ? knownFields(response.text) : undefined, cause },
      );
    }
  }

  /** One HTTP exchange, headers and body bounded together by `timeoutMs`. */
  private async attempt(url: string, request: HttpRequest, timeoutMs: number): Promise<RawResponse> {
    const dispatcher = await this.pool();
    const label: RequestLabel = { method: request.method, path: request.path };
    // Cancelled before anything left: nothing is sent.
    if (request.signal?.aborted) throw new MailtrapRequestError(label, { kind: "cancelled" }, { mayHaveBeenSent: false });
    const headers: Record<string, string> = {
      authorization: `Bearer ${request.token}`,
      accept: "application/json",
      // Bodies are read as text: a compressed one would be unreadable.
      "accept-encoding": "identity",
      "user-agent": request.userAgent ?? this.options.userAgent(),
    };
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers["content-type"] = "application/json";
    }

    // A write's reply carries what was made: even past the size limit, its start is kept to save the ids.
    const limits = { maxBytes: this.options.maxResponseBytes, keepStart: request.method !== "GET" ? isSuccess : never };
    const path = url.slice(this.origin.length);
    const pending = exchange(dispatcher, { origin: this.origin, path, method: request.method, headers, body }, limits);
    let timedOut = false;
    const withinTime = this.deadlines.add(Math.max(1, timeoutMs), () => {
      timedOut = true;
      pending.abort(new Error(`no complete answer within ${timeoutMs} ms`));
    });
    // A read may be torn down at once; a write, once sent, is let finish so that its outcome is known.
    const onCancel = request.method === "GET" ? () => pending.abort(new Error("cancelled")) : undefined;
    if (onCancel) request.signal?.addEventListener("abort", onCancel, { once: true });
    try {
      return await pending.reply;
    } catch (error) {
      if (error instanceof BodyTooLarge)
        throw this.tooLarge(label, error.status, error.start === undefined ? undefined : knownFields(error.start));
      if (onCancel && request.signal?.aborted) {
        throw new MailtrapRequestError(label, { kind: "cancelled" }, { mayHaveBeenSent: true, cause: error });
      }
      if (timedOut) throw new MailtrapRequestError(label, { kind: "timeout", timeoutMs }, { mayHaveBeenSent: true, cause: error });
      const code = errorCode(error);
      throw new MailtrapRequestError(
        label,
        { kind: "network", code, origin: new URL(url).origin },
        {
          // A request that failed after connecting may still have been processed.
          mayHaveBeenSent: code === undefined || !NEVER_SENT_CODES.has(code),
          retryable: code !== undefined && TRANSIENT_NETWORK_CODES.has(code),
          cause: error,
        },
      );
    } finally {
      withinTime();
      if (onCancel) request.signal?.removeEventListener("abort", onCancel);
    }
  }

  private tooLarge(label: RequestLabel, status: number, known: Record<string, string | number> | undefined): MailtrapRequestError {
    return new MailtrapRequestError(
      label,
      { kind: "too_large", status, limitBytes: this.options.maxResponseBytes },
      { mayHaveBeenSent: true, known },
    );
  }

  async close(): Promise<void> {
    const dispatcher = this.dispatcher;
    this.dispatcher = undefined;
    // destroy, not close: keep-alive sockets must not hold the process open at shutdown.
    if (dispatcher) await dispatcher.destroy().catch(() => undefined);
  }
}
