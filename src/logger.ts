// A small stderr logger. stdout belongs to the MCP protocol, so nothing here ever touches it.
// Every line passes through redact(), so a token can't leak even if a message carries one by mistake.

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const BEARER = /(Bearer|Api-Token:?)\s+[^\s"',}]+/gi;

/** Replaces every known secret and any Authorization-looking value with [redacted]. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would redact ordinary words; real tokens are long.
    if (secret && secret.length >= 8 && out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  // Every result passes through here: skip the regex when nothing could match.
  return /bearer|api-token/i.test(out) ? out.replace(BEARER, "$1 [redacted]") : out;
}

export function createLogger(
  level: LogLevel,
  secrets: readonly (string | undefined)[],
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const emit = (at: LogLevel, message: string) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    write(`[mailtrap-accounts-mcp] ${at}: ${redact(message, secrets)}\n`);
  };
  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
  };
}
