// Answers -32022 (unsupported protocol version, with the supported list) to any request whose 2026-era `_meta`
// names a version we do not serve, wherever it comes on the connection. SDK 2.4.0 checks the version only on the
// opening message; on a connection already serving 2026-07-28 it serves a later request that claims any version.
import {
  type JSONRPCMessage,
  type MessageExtraInfo,
  PROTOCOL_VERSION_META_KEY,
  type Transport,
  type TransportSendOptions,
  UnsupportedProtocolVersionError,
} from "@modelcontextprotocol/server";

/** The revisions served statelessly through server/discover; 2025-era revisions are reached through initialize. */
export const MODERN_VERSIONS: readonly string[] = ["2026-07-28"];

/** The version a request's envelope claims, when it makes a claim (a legacy request makes none). */
function claimedVersion(message: JSONRPCMessage): string | undefined {
  if (!("method" in message) || !("id" in message) || message.method === "initialize") return undefined;
  const meta = (message.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
  const version = meta && typeof meta === "object" ? meta[PROTOCOL_VERSION_META_KEY] : undefined;
  return typeof version === "string" ? version : undefined;
}

/** Wraps the wire transport so every request is checked on its own, as the spec asks. */
export function guardProtocolVersion(wire: Transport): Transport {
  const guarded: Transport = {
    start() {
      wire.onclose = () => guarded.onclose?.();
      wire.onerror = (error) => guarded.onerror?.(error);
      wire.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
        const version = claimedVersion(message);
        if (version !== undefined && !MODERN_VERSIONS.includes(version) && "id" in message) {
          const error = new UnsupportedProtocolVersionError({ supported: [...MODERN_VERSIONS], requested: version });
          void wire
            .send({ jsonrpc: "2.0", id: message.id, error: { code: error.code, message: error.message, data: error.data } })
            .catch((failure: unknown) => guarded.onerror?.(failure instanceof Error ? failure : new Error(String(failure))));
          return;
        }
        guarded.onmessage?.(message, extra);
      };
      return wire.start();
    },
    send: (message: JSONRPCMessage, options?: TransportSendOptions) => wire.send(message, options),
    close: () => wire.close(),
    setProtocolVersion: (version: string) => wire.setProtocolVersion?.(version),
  };
  return guarded;
}
