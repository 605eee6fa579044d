// One validated Config from the environment (and a .env file). The only module that reads process.env.
import { z } from "zod";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

export interface Config {
  apiToken: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export const DEFAULT_BASE_URL = "https://mailtrap.io";

/** Loopback hosts may use plain http (tests, local proxies); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`MAILTRAP_API_BASE_URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError("MAILTRAP_API_BASE_URL must be a plain origin (and optional path), without credentials, query or fragment");
  }
  const secure = url.protocol === "https:";
  const loopbackHttp = url.protocol === "http:" && isLoopbackHost(url.hostname);
  if (!secure && !loopbackHttp) {
    throw new ConfigError(
      `MAILTRAP_API_BASE_URL must use https (plain http is allowed only for loopback hosts); got ${url.protocol}//${url.host}`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `${name} must be between 1 and ${max}`);

const envSchema = z.object({
  MAILTRAP_API_TOKEN: z.string().optional(),
  MAILTRAP_API_BASE_URL: z.string().default(DEFAULT_BASE_URL),
  MAILTRAP_TIMEOUT_MS: positiveInt("MAILTRAP_TIMEOUT_MS", 600_000).default(30_000),
  MAILTRAP_MAX_RESPONSE_BYTES: positiveInt("MAILTRAP_MAX_RESPONSE_BYTES", 1 << 30).default(2 * 1024 * 1024),
  MAILTRAP_LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `MAILTRAP_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
});

/** Every variable the server reads; README's configuration table and .env.example are checked against it. */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

/** Reads a .env in the working folder into process.env (never overriding); quiet keeps stdout clean. */
export async function loadEnvFile(): Promise<void> {
  const dotenv = await import("dotenv");
  dotenv.config({ quiet: true });
}

/** Builds the Config from an environment; throws ConfigError with one clear line on a bad value. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty variables (common in client configs) count as unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(issue?.message ?? "invalid configuration");
  }
  const values = parsed.data;
  return {
    apiToken: values.MAILTRAP_API_TOKEN?.trim(),
    baseUrl: parseBaseUrl(values.MAILTRAP_API_BASE_URL.trim()),
    timeoutMs: values.MAILTRAP_TIMEOUT_MS,
    maxResponseBytes: values.MAILTRAP_MAX_RESPONSE_BYTES,
    logLevel: values.MAILTRAP_LOG_LEVEL,
  };
}
