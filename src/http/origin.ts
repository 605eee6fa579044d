// Origin and Host checks in front of the endpoint: a browser page on another site must not drive the
// server (Origin, 403), and a DNS-rebound name must not reach a loopback listener (Host, 403).

/** The names a loopback listener answers to. */
export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"] as const;

function hostnameOf(value: string, scheme: boolean): string | undefined {
  try {
    // Host has no scheme; Origin does. URL lower-cases and normalises both the same way.
    const url = new URL(scheme ? value : `http://${value}`);
    return url.hostname;
  } catch {
    return undefined;
  }
}

/** Allow-list entries are hostnames (no scheme, no port), matched case-insensitively; IPv6 in brackets. */
export function normaliseNames(names: readonly string[]): Set<string> {
  return new Set(names.map((n) => n.trim().toLowerCase()).filter(Boolean));
}

/** No Origin (a non-browser client) passes; a present one must parse and name an allowed host. */
export function originAllowed(origin: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined || origin === "") return true;
  if (origin === "null") return false;
  const host = hostnameOf(origin, true);
  return host !== undefined && allowed.has(host);
}

/** The Host header must be present and name an allowed host (any port). */
export function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (host === undefined || host === "") return false;
  const name = hostnameOf(host, false);
  return name !== undefined && allowed.has(name);
}
