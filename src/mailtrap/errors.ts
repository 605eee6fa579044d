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
  | { kind: "invalid_json"; status: number; contentType: string; excerpt: string; unreadable?: string | undefined }
  | { kind: "unexpected_payload"; issue: string }
  | { kind: "too_large"; status: number; limitBytes: number }
  /** A 2xx whose JSON nests deeper than any real reply: not read further (nothing may recurse into it). */
  | { kind: "too_deep"; status: number; maxDepth: number }
  | { kind: "cancelled" }
  /** Held back by the pacer: the token's rate limit leaves no turn within the call's budget. */
  | { kind: "rate_limited"; retryAfterMs: number; limit: number; windowMs: number }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; code: string | undefined; origin: string };

export interface RequestFacts {
  /** The request may have reached Mailtrap and been processed (a write is then never retried). */
  mayHaveBeenSent: boolean;
  /** How many attempts were made, when more than one. */
  attempts?: number;
  /** A transient network failure (reset, timeout) that a GET may retry. */
  retryable?: boolean;
  /** What could still be read from a reply that was not usable as a whole (id, name, token). */
  known?: Readonly<Record<string, string | number>> | undefined;
  cause?: unknown;
}

/** The request never got a usable answer: connection refused or reset, timeout, redirect, bad body. */
export class MailtrapRequestError extends Error {
  override readonly name = "MailtrapRequestError";
  readonly mayHaveBeenSent: boolean;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly known: Readonly<Record<string, string | number>> | undefined;
  constructor(
    readonly request: RequestLabel,
    readonly failure: RequestFailure,
    facts: RequestFacts,
  ) {
    super(`${request.method} ${request.path}: ${failure.kind}`, { cause: facts.cause });
    this.mayHaveBeenSent = facts.mayHaveBeenSent;
    this.attempts = facts.attempts ?? 1;
    this.retryable = facts.retryable ?? false;
    this.known = facts.known;
  }

  /** The same failure after `attempts` tries. */
  afterAttempts(attempts: number): MailtrapRequestError {
    return new MailtrapRequestError(this.request, this.failure, {
      mayHaveBeenSent: this.mayHaveBeenSent,
      attempts,
      retryable: this.retryable,
      known: this.known,
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
  /** For a write: the read tool that shows whether it was made, e.g. mailtrap_accounts_list_api_tokens. */
  checkWith?: string | undefined;
}

/** What a write's outcome was, as far as anyone can tell from the failure. */
export type WriteOutcome = "refused" | "accepted" | "uncertain";

/** Failures that come with a 2xx: Mailtrap processed the request, only its reply was unusable. */
const ACCEPTED_KINDS: ReadonlySet<RequestFailure["kind"]> = new Set(["empty_body", "invalid_json", "unexpected_payload", "too_deep"]);

/**
 * The one rule for writes (POST, PUT, DELETE): a clean 4xx refusal, or nothing sent, means nothing changed; a 2xx
 * means the change was made, whatever its reply; anything else (5xx, timeout, reset, redirect, a body too large
 * or unreadable) means it may have been made. Undefined for reads.
 */
export function writeOutcome(error: unknown): WriteOutcome | undefined {
  const request = error instanceof MailtrapApiError || error instanceof MailtrapRequestError ? error.request : undefined;
  if (!request || request.method === "GET") return undefined;
  if (error instanceof MailtrapApiError) return error.status >= 500 ? "uncertain" : "refused";
  const failure = (error as MailtrapRequestError).failure;
  const status = "status" in failure ? failure.status : undefined;
  const success = status !== undefined && status >= 200 && status < 300;
  if (ACCEPTED_KINDS.has(failure.kind) || (failure.kind === "too_large" && success)) return "accepted";
  return (error as MailtrapRequestError).mayHaveBeenSent ? "uncertain" : "refused";
}

/** "id 9001, name "CI", token "…"": what a reply that could not be used as a whole still said. */
function knownText(known: Readonly<Record<string, string | number>> | undefined): string {
  const parts = Object.entries(known ?? {}).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
  return parts.length
    ? ` What could be read from it: ${parts.join(", ")}${known?.token ? " (the token's secret, shown only now)" : ""}.`
    : "";
}

/** The sentence every write outcome other than a refusal ends with. */
function writeSentence(outcome: WriteOutcome | undefined, context: ErrorContext, known?: RequestFacts["known"]): string {
  const check = context.checkWith ? `check with ${context.checkWith}` : "list the resource to see its state";
  if (outcome === "accepted") return ` Mailtrap accepted the change: do not repeat the call.${knownText(known)} To see it, ${check}.`;
  if (outcome === "uncertain") return ` The change may have been made: ${check} before repeating the call.`;
  return "";
}
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
      // For a write, the sentence on what may have been made says what to do instead.
      return error.status >= 500 && error.request.method === "GET"
        ? "Mailtrap had a server error; try again later."
        : error.status >= 500
          ? "Mailtrap had a server error."
          : "";
  }
}

function apiErrorText(error: MailtrapApiError, context: ErrorContext): string {
  const base = `Mailtrap API returned HTTP ${error.status}${error.apiMessage ? `: ${error.apiMessage}` : ""}`;
  const hint = hintFor(error, context);
  // Mailtrap's own message may already end a sentence.
  const stop = /[.!?]$/.test(base) ? "" : ".";
  return `${hint ? `${base}${stop} ${hint}` : base}${writeSentence(writeOutcome(error), context)}`;
}

function failureText(error: MailtrapRequestError, context: ErrorContext): string {
  const label = `${error.request.method} ${error.request.path}`;
  const failure = error.failure;
  const outcome = writeSentence(writeOutcome(error), context, error.known);
  switch (failure.kind) {
    case "redirect":
      return `Mailtrap answered ${label} with a redirect (HTTP ${failure.status}) to ${failure.to}. Redirects are not followed, so the token is never sent elsewhere; check MAILTRAP_API_BASE_URL.${outcome}`;
    case "empty_body":
      return `Mailtrap answered ${label} with HTTP ${failure.status} and an empty body.${outcome}`;
    case "invalid_json":
      return `Mailtrap answered ${label} with HTTP ${failure.status} but the body is not valid JSON (${failure.contentType}): ${failure.unreadable ?? `"${failure.excerpt}"`}.${outcome}`;
    case "unexpected_payload":
      return `Mailtrap answered ${label} successfully but with an unexpected payload (${failure.issue}).${outcome}`;
    case "too_deep":
      return `Mailtrap answered ${label} with HTTP ${failure.status} but its JSON nests more than ${failure.maxDepth} levels deep; it was not read.${outcome}`;
    case "too_large":
      return `Mailtrap answered ${label} (HTTP ${failure.status}) with a body larger than ${failure.limitBytes} bytes (MAILTRAP_MAX_RESPONSE_BYTES); it was not read.${outcome}`;
    case "cancelled":
      return `${label} was cancelled by the client.${outcome}`;
    case "rate_limited":
      return `${label} was not sent: this token's rate limit (${failure.limit} requests per ${failure.windowMs / 1000} s) is used up by the calls before it; try again in ${Math.ceil(failure.retryAfterMs / 1000)} s. Nothing was sent.`;
    case "timeout":
      return `${label} timed out after ${failure.timeoutMs} ms (MAILTRAP_TIMEOUT_MS).${outcome && ` It was not retried.${outcome}`}`;
    case "network": {
      const code = failure.code;
      const what = code === "ECONNREFUSED" ? "connection refused" : code === "ENOTFOUND" ? "host not found" : (code ?? "network error");
      return `${label} failed: ${what} talking to ${failure.origin}.${outcome && ` It was not retried.${outcome}`}`;
    }
  }
}

/** The warning put beside a 2xx reply's data when some of its fields had a type the schema does not allow. */
export function replyWarning(issues: readonly { path: string; expected: string; value: unknown }[]): string {
  const shown = issues.slice(0, 10).map(({ path, expected, value }) => {
    const text = JSON.stringify(value) ?? String(value);
    return `${path} (expected ${expected}): ${text.length > 1_000 ? `${text.slice(0, 1_000)}…` : text}`;
  });
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
  return `Mailtrap's reply had ${issues.length === 1 ? "a field" : `${issues.length} fields`} of an unexpected type, left out of the structured result and shown here as received: ${shown.join("; ")}${more}.`;
}

/** A create or reset answered 2xx without what proves it happened (the new id, the secret). */
export function acceptedWithoutProof(toolName: string, missing: string, reply: unknown): string {
  const text = JSON.stringify(reply) ?? "";
  const shown = text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
  return `Mailtrap accepted ${toolName} (HTTP 2xx), but ${missing}. Do not repeat the call before checking. The reply was: ${shown}`;
}

/** The model-facing text for any failure of a tool call. Never contains the token (the caller redacts too). */
export function toErrorText(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof MailtrapApiError) return apiErrorText(error, context);
  if (error instanceof MailtrapRequestError) {
    const text = failureText(error, context);
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

/** Mailtrap's message from an error body, in words and bounded (see messages.ts). */
export { mailtrapMessage } from "./messages.js";
