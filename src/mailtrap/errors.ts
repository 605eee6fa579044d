// Typed failures of the Mailtrap client. They carry facts (status, method, path, what happened, whether the
// request may have reached Mailtrap); toErrorText() is the one place that words any of them for a model.
// Nothing here knows about MCP.
import type { HttpMethod } from "./http-method.js";

/** The request a failure belongs to. */
export interface RequestLabel {
  method: HttpMethod;
  /** Path from the API root, e.g. /api/accounts/1001/api_tokens. */
  path: string;
}

/** Mailtrap answered with a non-2xx, non-3xx status. */
export class MailtrapApiError extends Error {
  override readonly name = "MailtrapApiError";
  constructor(
    readonly request: RequestLabel,
    readonly status: number,
    /** Mailtrap's own message, already flattened from `error` / `errors` / a 422 field map. */
    readonly apiMessage: string,
    /** Seconds until a retry makes sense, when Mailtrap said so (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${request.method} ${request.path}: HTTP ${status}${apiMessage ? `: ${apiMessage}` : ""}`);
  }
}

/** What went wrong when no usable answer came back. */
export type RequestFailure =
  | { kind: "redirect"; status: number; to: string }
  | { kind: "empty_body"; status: number }
  | { kind: "invalid_json"; status: number; contentType: string; excerpt: string }
  | { kind: "unexpected_payload"; issue: string }
  | { kind: "too_large"; status: number; limitBytes: number }
  | { kind: "cancelled" }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; code: string | undefined; origin: string };

export interface RequestFacts {
  /** The request may have reached Mailtrap and been processed (a write is then never retried). */
  mayHaveBeenSent: boolean;
  /** How many attempts were made, when more than one. */
  attempts?: number;
  /** A transient network failure (reset, timeout) that a GET may retry. */
  retryable?: boolean;
  cause?: unknown;
}

/** The request never got a usable answer: connection refused or reset, timeout, redirect, bad body. */
export class MailtrapRequestError extends Error {
  override readonly name = "MailtrapRequestError";
  readonly mayHaveBeenSent: boolean;
  readonly attempts: number;
  readonly retryable: boolean;
  constructor(
    readonly request: RequestLabel,
    readonly failure: RequestFailure,
    facts: RequestFacts,
  ) {
    super(`${request.method} ${request.path}: ${failure.kind}`, { cause: facts.cause });
    this.mayHaveBeenSent = facts.mayHaveBeenSent;
    this.attempts = facts.attempts ?? 1;
    this.retryable = facts.retryable ?? false;
  }

  /** The same failure after `attempts` tries. */
  afterAttempts(attempts: number): MailtrapRequestError {
    return new MailtrapRequestError(this.request, this.failure, {
      mayHaveBeenSent: this.mayHaveBeenSent,
      attempts,
      retryable: this.retryable,
      cause: this.cause,
    });
  }

  /** The status Mailtrap answered with, when one came. */
  get status(): number | undefined {
    return "status" in this.failure ? this.failure.status : undefined;
  }
}

/** The server cannot make the call at all (no token configured). Nothing was sent. */
export class MailtrapConfigError extends Error {
  override readonly name = "MailtrapConfigError";
  constructor(readonly missing: "api_token") {
    super(`missing ${missing}`);
  }
}

/** Per-tool context for hints: which tool lists the ids this tool takes. */
export interface ErrorContext {
  /** e.g. "Check account_id (get_all_accounts lists them)." */
  notFoundHint?: string;
  /** Which token the call used, for 401/403 hints. */
  tokenVariable?: string;
  /** Account or organization endpoint, for the 403 hint. */
  scope?: "account" | "organization";
}

const NOT_RETRIED = "It was not retried because it may have reached Mailtrap: check the current state (e.g. list it) before repeating it.";
/** Said when a write got a 2xx whose body we could not use: the change happened. */
const WRITE_ACCEPTED = "Mailtrap accepted the change: do not repeat the call; list the resource to see its state.";
const NO_TOKEN =
  "No Mailtrap API token is configured: set MAILTRAP_API_TOKEN in the server's environment (create one at https://mailtrap.io/api-tokens). Nothing was sent.";

/** A variable as is; a request header (HTTP mode) quoted, which also keeps redaction off the word after it. */
const tokenSource = (name: string) => (name.startsWith("X-") ? `the "${name}" header` : name);

function hintFor(error: MailtrapApiError, context: ErrorContext): string {
  const tokenVariable = tokenSource(context.tokenVariable ?? "MAILTRAP_API_TOKEN");
  switch (error.status) {
    case 400:
      return "Mailtrap rejected the request as malformed; check the arguments.";
    case 401:
      return `The API token was refused: check that ${tokenVariable} holds a valid, unexpired Mailtrap API token.`;
    case 403:
      return context.scope === "organization"
        ? `The token lacks permission for this organization: sub-accounts need an organization-level token (${tokenVariable}) with sub-account rights, on a Business or Enterprise plan.`
        : "The token lacks permission for this: it needs admin or owner rights on this account.";
    case 404:
      return context.notFoundHint ?? "Check the ids passed.";
    case 422:
      return "Mailtrap refused the request as it stands; change what its message names before trying again.";
    case 429:
      return error.retryAfterSeconds !== undefined
        ? `Rate limited (150 requests per 10 s per token); try again in ${error.retryAfterSeconds} s.`
        : "Rate limited (150 requests per 10 s per token); wait about 10 s before trying again.";
    default:
      return error.status >= 500 ? "Mailtrap had a server error; try again later." : "";
  }
}

function apiErrorText(error: MailtrapApiError, context: ErrorContext): string {
  const base = `Mailtrap API returned HTTP ${error.status}${error.apiMessage ? `: ${error.apiMessage}` : ""}`;
  const hint = hintFor(error, context);
  // Mailtrap's own message may already end a sentence.
  const stop = /[.!?]$/.test(base) ? "" : ".";
  return hint ? `${base}${stop} ${hint}` : base;
}

function failureText(error: MailtrapRequestError): string {
  const label = `${error.request.method} ${error.request.path}`;
  const isWrite = error.request.method !== "GET";
  // A 2xx whose body we could not use: for a write, the change happened.
  const accepted = isWrite ? ` ${WRITE_ACCEPTED}` : "";
  const notRetried = isWrite && error.mayHaveBeenSent ? ` ${NOT_RETRIED}` : "";
  const failure = error.failure;
  switch (failure.kind) {
    case "redirect":
      return `Mailtrap answered ${label} with a redirect (HTTP ${failure.status}) to ${failure.to}. Redirects are not followed, so the token is never sent elsewhere; check MAILTRAP_API_BASE_URL.`;
    case "empty_body":
      return `Mailtrap answered ${label} with HTTP ${failure.status} and an empty body.${accepted}`;
    case "invalid_json":
      return `Mailtrap answered ${label} with HTTP ${failure.status} but the body is not valid JSON (${failure.contentType}): "${failure.excerpt}".${accepted}`;
    case "unexpected_payload":
      return `Mailtrap answered ${label} successfully but with an unexpected payload (${failure.issue}).${accepted}`;
    case "too_large":
      return `Mailtrap answered ${label} (HTTP ${failure.status}) with a body larger than ${failure.limitBytes} bytes (MAILTRAP_MAX_RESPONSE_BYTES); it was not read`;
    case "cancelled":
      return `${label} was cancelled by the client`;
    case "timeout":
      return `${label} timed out after ${failure.timeoutMs} ms (MAILTRAP_TIMEOUT_MS).${notRetried}`;
    case "network": {
      const code = failure.code;
      const what = code === "ECONNREFUSED" ? "connection refused" : code === "ENOTFOUND" ? "host not found" : (code ?? "network error");
      return `${label} failed: ${what} talking to ${failure.origin}.${notRetried}`;
    }
  }
}

/** The model-facing text for any failure of a tool call. Never contains the token (the caller redacts too). */
export function toErrorText(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof MailtrapApiError) return apiErrorText(error, context);
  if (error instanceof MailtrapRequestError) {
    const text = failureText(error);
    return error.attempts > 1 ? `${text} Gave up after ${error.attempts} attempts.` : text;
  }
  if (error instanceof MailtrapConfigError) {
    // Over HTTP (tokens per request) the fix is a header on the client's side, not the server's environment.
    const header = context.tokenVariable?.startsWith("X-") ? context.tokenVariable : undefined;
    return header
      ? `No Mailtrap API token in this request: the MCP client must send one in ${tokenSource(header)} (create one at https://mailtrap.io/api-tokens). Nothing was sent.`
      : NO_TOKEN;
  }
  // An unexpected bug: one plain line; the stack goes to the log (see isInternalError).
  return `Internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
}

/** True for failures that are bugs of ours rather than facts about Mailtrap: these are logged with their stack. */
export function isInternalError(error: unknown): boolean {
  return !(error instanceof MailtrapApiError || error instanceof MailtrapRequestError || error instanceof MailtrapConfigError);
}

/** Flattens Mailtrap's error bodies: {"error":"..."}, {"errors":"..."}, {"errors":{"field":["msg"]}}, {"errors":["..."]}. */
export function mailtrapMessage(body: unknown): string {
  if (typeof body !== "object" || body === null) return "";
  const record = body as Record<string, unknown>;
  const raw = record.errors ?? record.error ?? record.message;
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw)) return raw.map(String).join("; ");
  if (typeof raw === "object" && raw !== null) {
    return Object.entries(raw as Record<string, unknown>)
      .map(([field, messages]) => {
        const text = Array.isArray(messages) ? messages.map(String).join(", ") : String(messages);
        return field === "base" ? text : `${field}: ${text}`;
      })
      .join("; ");
  }
  return "";
}
