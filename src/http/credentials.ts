// Per-request Mailtrap credentials for the HTTP mode: read from custom headers (never Authorization, which
// MCP reserves for tokens issued to this server), and a hash of the token that identifies the caller
// in pacing keys, confirmation binding and logs without ever being the token.
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const TOKEN_HEADER = "X-Mailtrap-Api-Token";
export const ORGANIZATION_TOKEN_HEADER = "X-Mailtrap-Organization-Api-Token";

/** Real Mailtrap tokens are short hex strings; anything longer than this is not a token. */
const MAX_TOKEN_LENGTH = 256;

export interface RequestCredentials {
  apiToken: string | undefined;
  organizationApiToken: string | undefined;
}

export class CredentialHeaderError extends Error {
  override readonly name = "CredentialHeaderError";
}

function one(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  // Node joins repeated custom headers with ", "; two tokens in one request is a client bug, not a choice.
  const value = (Array.isArray(raw) ? raw.join(", ") : raw)?.trim();
  if (value === undefined || value === "") return undefined;
  if (value.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new CredentialHeaderError(`${name} must hold one Mailtrap API token (printable characters, no spaces)`);
  }
  return value;
}

/** The tokens this request carries; throws CredentialHeaderError (never echoing the value) on a malformed one. */
export function readCredentials(headers: IncomingHttpHeaders): RequestCredentials {
  return { apiToken: one(headers, TOKEN_HEADER), organizationApiToken: one(headers, ORGANIZATION_TOKEN_HEADER) };
}

/** sha256 of the token, hex: the same on every instance, so it can key pacing and bind confirmations. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** What the access log shows of a caller: a hash prefix, enough to tell callers apart, useless to an attacker. */
export function callerId(hash: string | undefined): string {
  return hash === undefined ? "-" : hash.slice(0, 8);
}
