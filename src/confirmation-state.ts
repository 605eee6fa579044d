// The requestState of a modern-era confirmation (2026-07-28 input_required). It travels through the client and
// comes back attacker-controlled, so it is HMAC-signed and bound to the exact call: the tool, its validated
// arguments, who asked (a principal, e.g. a token hash over HTTP) and an expiry. Signed, not encrypted: it holds
// only a hash and a time, never a secret.
// node:crypto costs a few ms to load: it is fetched on the first confirmation, not at start.
const crypto = () => process.getBuiltinModule("node:crypto");

/** What a confirmation is for; the same call must come back for the state to count. */
export interface ConfirmedCall {
  tool: string;
  /** The validated arguments, as the handler would run them. */
  args: unknown;
  /** Who asked (HTTP: a hash of the caller's token); absent on stdio, where one process serves one client. */
  principal?: string | undefined;
}

/** Why an echoed state does not confirm this call ("ok" when it does). */
export type Verdict = "ok" | "malformed" | "forged" | "expired" | "other-call";

export interface ConfirmationCodec {
  mint(call: ConfirmedCall): string;
  verify(state: string, call: ConfirmedCall): Verdict;
}

export interface ConfirmationCodecOptions {
  /** The HMAC key, at least 32 bytes; default: random for this process (fine when one process serves every round). */
  key?: Uint8Array | string | undefined;
  /** How long a question stays answerable: a person may take a while, but not forever. */
  ttlMs?: number;
  /** Clock seam for tests. */
  now?: () => number;
}

export const CONFIRMATION_TTL_MS = 10 * 60_000;
const PREFIX = "mtc1.";
const MAC_LABEL = "mailtrap-accounts-mcp confirmation v1\0";

/** JSON with object keys sorted at every level, so equal arguments always hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** sha256 of (tool, exact arguments, principal), base64url. */
export function callDigest(call: ConfirmedCall): string {
  return crypto()
    .createHash("sha256")
    .update(`${call.tool}\0${canonicalJson(call.args)}\0${call.principal ?? ""}`)
    .digest("base64url");
}

export function createConfirmationCodec(options: ConfirmationCodecOptions = {}): ConfirmationCodec {
  const given =
    options.key === undefined ? undefined : typeof options.key === "string" ? Buffer.from(options.key, "utf8") : Buffer.from(options.key);
  if (given && given.byteLength < 32)
    throw new RangeError(`the confirmation signing key must be at least 32 bytes (got ${given.byteLength})`);
  // Without a configured key, a random one is drawn on first use: one per process.
  let key = given;
  const keyOf = () => (key ??= crypto().randomBytes(32));
  const ttlMs = options.ttlMs ?? CONFIRMATION_TTL_MS;
  const now = options.now ?? Date.now;
  const mac = (body: string) =>
    crypto()
      .createHmac("sha256", keyOf())
      .update(MAC_LABEL + body)
      .digest();

  return {
    mint(call) {
      const body = Buffer.from(JSON.stringify({ c: callDigest(call), e: now() + ttlMs })).toString("base64url");
      return `${PREFIX}${body}.${mac(body).toString("base64url")}`;
    },
    verify(state, call) {
      const dot = state.lastIndexOf(".");
      if (!state.startsWith(PREFIX) || dot <= PREFIX.length) return "malformed";
      const body = state.slice(PREFIX.length, dot);
      const signature = Buffer.from(state.slice(dot + 1), "base64url");
      const expected = mac(body);
      if (signature.byteLength !== expected.byteLength || !crypto().timingSafeEqual(signature, expected)) return "forged";
      let payload: { c?: unknown; e?: unknown };
      try {
        payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { c?: unknown; e?: unknown };
      } catch {
        return "malformed";
      }
      if (typeof payload.e !== "number" || payload.e < now()) return "expired";
      const digest = Buffer.from(callDigest(call));
      const bound = Buffer.from(typeof payload.c === "string" ? payload.c : "");
      return bound.byteLength === digest.byteLength && crypto().timingSafeEqual(bound, digest) ? "ok" : "other-call";
    },
  };
}
