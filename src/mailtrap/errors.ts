// Typed failures of the Mailtrap client. The client throws these; toErrorText() is the one place that
// turns any of them into the text a model reads. Nothing here knows about MCP.

/** Mailtrap answered with a non-2xx status. */
export class MailtrapApiError extends Error {
  override readonly name = "MailtrapApiError";
  constructor(
    readonly status: number,
    /** Mailtrap's own message, already flattened from `error` / `errors` / a 422 field map. */
    readonly apiMessage: string,
    /** Seconds until a retry makes sense, when Mailtrap said so (429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Mailtrap API returned HTTP ${status}${apiMessage ? `: ${apiMessage}` : ""}`);
  }
}

/** The request never got a usable answer: connection refused or reset, timeout, DNS, redirect, bad body. */
export class MailtrapRequestError extends Error {
  override readonly name = "MailtrapRequestError";
  constructor(
    message: string,
    readonly reason: "network" | "timeout" | "redirect" | "response" | "too_large" | "aborted",
    readonly status?: number,
    /** A transient network failure (reset, timeout) that a GET may retry. */
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** The server cannot make the call at all (no token, a setting refuses it). Nothing was sent. */
export class MailtrapConfigError extends Error {
  override readonly name = "MailtrapConfigError";
}

/** Per-tool context for hints: which tool lists the ids this tool takes. */
export interface ErrorContext {
  /** e.g. "Check account_id (mailtrap_accounts_get_all_accounts lists them)." */
  notFoundHint?: string;
  /** Which token the call used, for 401/403 hints. */
  tokenVariable?: string;
  /** Account or organization endpoint, for the 403 hint. */
  scope?: "account" | "organization";
}

function hintFor(error: MailtrapApiError, context: ErrorContext): string {
  const tokenVariable = context.tokenVariable ?? "MAILTRAP_API_TOKEN";
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

/** The model-facing text for any failure of a tool call. Never contains the token (the caller redacts too). */
export function toErrorText(error: unknown, context: ErrorContext = {}): string {
  if (error instanceof MailtrapApiError) {
    const hint = hintFor(error, context);
    // Mailtrap's own message may already end a sentence.
    const stop = /[.!?]$/.test(error.message) ? "" : ".";
    return hint ? `${error.message}${stop} ${hint}` : error.message;
  }
  if (error instanceof MailtrapRequestError || error instanceof MailtrapConfigError) return error.message;
  // An unexpected bug: say so plainly rather than dump a stack.
  return `Internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Mailtrap's message from an error body, in words and bounded (see messages.ts). */
export { mailtrapMessage } from "./messages.js";
