// A small stderr logger. stdout belongs to the MCP protocol, so nothing here ever touches it.
// Every line passes through the redactor, so a token can't leak even if a message carries one by mistake.
import { createRedactor } from "./redact.js";

export { redact } from "./redact.js";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function createLogger(
  level: LogLevel,
  secrets: readonly (string | undefined)[],
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const redactor = createRedactor(secrets);
  const emit = (at: LogLevel, message: string) => {
    if (LOG_LEVELS.indexOf(at) < threshold) return;
    write(`[mailtrap-accounts-mcp] ${at}: ${redactor.text(message)}\n`);
  };
  return {
    debug: (m) => emit("debug", m),
    info: (m) => emit("info", m),
    warn: (m) => emit("warn", m),
    error: (m) => emit("error", m),
  };
}

/** `logger` with more secrets redacted: an HTTP request's own tokens, for what its server logs. */
export function withSecrets(logger: Logger, secrets: readonly (string | undefined)[]): Logger {
  if (!secrets.some(Boolean)) return logger;
  const redactor = createRedactor(secrets);
  return {
    debug: (m) => logger.debug(redactor.text(m)),
    info: (m) => logger.info(redactor.text(m)),
    warn: (m) => logger.warn(redactor.text(m)),
    error: (m) => logger.error(redactor.text(m)),
  };
}
