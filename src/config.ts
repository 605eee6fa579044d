// One validated Config from command-line flags, the environment and a .env file. A flag wins over its
// variable. The only module that reads process.env; it knows nothing of tools or MCP.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LOG_LEVELS, type LogLevel } from "./logger.js";
import { MIN_SECRET_LENGTH } from "./redact.js";

export type Mode = "serve" | "check" | "demo" | "help" | "version";

export interface Config {
  mode: Mode;
  apiToken: string | undefined;
  /** Used for the organization tools when set. */
  organizationApiToken: string | undefined;
  baseUrl: string;
  timeoutMs: number;
  maxResponseBytes: number;
  logLevel: LogLevel;
  readOnly: boolean;
  /** Tool names as given (full or short); resolved against the registry by selectTools(). */
  tools: string[] | undefined;
  excludeTools: string[];
  defaultAccountId: number | undefined;
  defaultOrganizationId: number | undefined;
  confirmDestructive: boolean;
  /** Serve the tools without the mailtrap_accounts_ prefix, for hosts whose own prefix makes names too long. */
  shortNames: boolean;
  /** --http: Streamable HTTP instead of stdio. */
  http: HttpConfig;
}

export interface HttpConfig {
  enabled: boolean;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  path: string;
  /** Server-held-token mode: the key every request must present as `Authorization: Bearer`. */
  accessKey: string | undefined;
  /** HMAC key for confirmations; shared by every instance behind one balancer. */
  signingKey: string | undefined;
  /** Hostnames a browser Origin may name. */
  allowedOrigins: string[];
  /** Hostnames the Host header may name; undefined: no check (a non-loopback listener without a list). */
  allowedHosts: string[] | undefined;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const DEFAULT_BASE_URL = "https://mailtrap.io";
const DEFAULT_HTTP_HOST = "127.0.0.1";
const DEFAULT_HTTP_PORT = 8808;
const DEFAULT_HTTP_PATH = "/mcp";
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

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

// Plain checks, not zod: the configuration is read before the first answer, and zod's import alone costs about
// 9 ms there (bench/RESULTS.md). Each rule says what its variable must be, in the words a person sees.
type Rule<T> = (value: string) => T;

const wholeNumber =
  (name: string, max: number): Rule<number> =>
  (value) => {
    if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number`);
    const n = Number(value);
    if (!(n >= 1 && n <= max)) throw new ConfigError(`${name} must be between 1 and ${max}`);
    return n;
  };

const boolean =
  (name: string): Rule<boolean> =>
  (value) => {
    const v = value.toLowerCase();
    if (!["true", "1", "yes", "false", "0", "no"].includes(v)) throw new ConfigError(`${name} must be true or false`);
    return ["true", "1", "yes"].includes(v);
  };

const nameList: Rule<string[]> = (value) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const text: Rule<string> = (value) => value;

const logLevel: Rule<LogLevel> = (value) => {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) {
    throw new ConfigError(`MAILTRAP_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  }
  return value as LogLevel;
};

/** Every variable, its rule and its default, in the order they are checked (the first problem is reported). */
const ENV_RULES = {
  MAILTRAP_API_TOKEN: { rule: text },
  MAILTRAP_ORGANIZATION_API_TOKEN: { rule: text },
  MAILTRAP_API_BASE_URL: { rule: text, default: DEFAULT_BASE_URL },
  MAILTRAP_ACCOUNT_ID: { rule: wholeNumber("MAILTRAP_ACCOUNT_ID", Number.MAX_SAFE_INTEGER) },
  MAILTRAP_ORGANIZATION_ID: { rule: wholeNumber("MAILTRAP_ORGANIZATION_ID", Number.MAX_SAFE_INTEGER) },
  MAILTRAP_READ_ONLY: { rule: boolean("MAILTRAP_READ_ONLY"), default: false },
  MAILTRAP_TOOLS: { rule: nameList },
  MAILTRAP_EXCLUDE_TOOLS: { rule: nameList },
  MAILTRAP_CONFIRM_DESTRUCTIVE: { rule: boolean("MAILTRAP_CONFIRM_DESTRUCTIVE"), default: false },
  MAILTRAP_SHORT_NAMES: { rule: boolean("MAILTRAP_SHORT_NAMES"), default: false },
  MAILTRAP_TIMEOUT_MS: { rule: wholeNumber("MAILTRAP_TIMEOUT_MS", 600_000), default: 30_000 },
  MAILTRAP_MAX_RESPONSE_BYTES: { rule: wholeNumber("MAILTRAP_MAX_RESPONSE_BYTES", 1 << 30), default: 2 * 1024 * 1024 },
  MAILTRAP_LOG_LEVEL: { rule: logLevel, default: "info" as LogLevel },
  MAILTRAP_MCP_HTTP: { rule: boolean("MAILTRAP_MCP_HTTP"), default: false },
  MAILTRAP_MCP_HOST: { rule: text },
  MAILTRAP_MCP_PORT: { rule: text },
  MAILTRAP_MCP_PATH: { rule: text },
  MAILTRAP_MCP_HTTP_KEY: { rule: text },
  MAILTRAP_MCP_SIGNING_KEY: { rule: text },
  MAILTRAP_MCP_ALLOWED_ORIGINS: { rule: nameList },
  MAILTRAP_MCP_ALLOWED_HOSTS: { rule: nameList },
} satisfies Record<string, { rule: Rule<unknown>; default?: unknown }>;

type EnvRules = typeof ENV_RULES;
type EnvValues = {
  [K in keyof EnvRules]: EnvRules[K] extends { rule: Rule<infer T>; default: unknown } ? T : ReturnType<EnvRules[K]["rule"]> | undefined;
};

/** Every variable the server reads; README's configuration table and .env.example are checked against it. */
export const ENV_VARIABLES = Object.keys(ENV_RULES);

/** Applies each rule to its variable (or its default when unset); throws on the first bad one. */
function parseEnv(present: Record<string, string>): EnvValues {
  const values: Record<string, unknown> = {};
  for (const [name, { rule, ...rest }] of Object.entries(ENV_RULES) as [string, { rule: Rule<unknown>; default?: unknown }][]) {
    const raw = present[name];
    values[name] = raw === undefined ? ("default" in rest ? rest.default : undefined) : rule(raw);
  }
  return values as EnvValues;
}

const FLAGS = {
  "read-only": { type: "boolean" },
  tools: { type: "string" },
  "exclude-tools": { type: "string" },
  "short-names": { type: "boolean" },
  check: { type: "boolean" },
  demo: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
  http: { type: "boolean" },
  host: { type: "string" },
  port: { type: "string" },
  path: { type: "string" },
} as const;

/** Every flag the bin takes; README's configuration table is checked against it. */
export const FLAG_NAMES = Object.keys(FLAGS).map((name) => `--${name}`);

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Flags show in `ps` and in client configs; the token belongs in the environment.
    if (/--(api-)?token/i.test(message)) {
      throw new ConfigError("The API token is read from the environment only: set MAILTRAP_API_TOKEN, not a flag.");
    }
    throw new ConfigError(`${message.replace(/\. To specify.*$/s, "")}. See --help.`);
  }
}

/**
 * Reads a .env in the working folder into `env` (never overriding a variable already set). The file is read
 * here and only parsed by dotenv: its config() obeys DOTENV_CONFIG_* variables (from the environment or the
 * file itself) that turn on logging to stdout, which belongs to the protocol (DOTENV_CONFIG_QUIET=false even
 * overrides `quiet: true`). parse() never prints.
 */
export async function loadEnvFile(env: Record<string, string | undefined> = process.env, folder = process.cwd()): Promise<void> {
  let text: string;
  try {
    text = readFileSync(join(folder, ".env"), "utf8");
  } catch {
    // No .env (most starts) or an unreadable one: nothing to add, and dotenv's chunk is not even loaded.
    return;
  }
  // dotenv is CommonJS: its API is the default export both in Node's ESM loader and in the bundle.
  const { default: dotenv } = await import("dotenv");
  for (const [name, value] of Object.entries(dotenv.parse(text))) {
    if (env[name] === undefined) env[name] = value;
  }
}

/** A token too short could not be told apart from ordinary text, so it could not be kept out of what is shown. */
function checkToken(name: string, value: string | undefined): string | undefined {
  const token = value?.trim();
  if (token !== undefined && token.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `${name} is too short (${token.length} characters) to be a Mailtrap API token, and a value this short cannot be kept out of what the server shows: tokens have 32 characters; check the value (at least ${MIN_SECRET_LENGTH} are needed).`,
    );
  }
  return token;
}

/** Builds the Config; throws ConfigError with one clear line on a bad flag or value. */
export function loadConfig(argv: readonly string[], env: Record<string, string | undefined>): Config {
  const flags = parseFlags(argv);
  const modes = (["help", "version", "check", "demo"] as const).filter((m) => flags[m]);
  if (modes.length > 1 && !modes.includes("help") && !modes.includes("version")) {
    throw new ConfigError(`--${modes[0]} and --${modes[1]} cannot be combined`);
  }
  const mode: Mode = modes[0] ?? "serve";

  // Empty variables (common in client configs) count as unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== "")) as Record<string, string>;
  const values = parseEnv(present);
  const flagList = (value: string | undefined) => (value === undefined ? undefined : nameList(value));
  return {
    mode,
    apiToken: checkToken("MAILTRAP_API_TOKEN", values.MAILTRAP_API_TOKEN),
    organizationApiToken: checkToken("MAILTRAP_ORGANIZATION_API_TOKEN", values.MAILTRAP_ORGANIZATION_API_TOKEN),
    baseUrl: parseBaseUrl(values.MAILTRAP_API_BASE_URL.trim()),
    timeoutMs: values.MAILTRAP_TIMEOUT_MS,
    maxResponseBytes: values.MAILTRAP_MAX_RESPONSE_BYTES,
    logLevel: values.MAILTRAP_LOG_LEVEL,
    readOnly: flags["read-only"] === true || values.MAILTRAP_READ_ONLY,
    tools: flagList(flags.tools) ?? values.MAILTRAP_TOOLS,
    excludeTools: flagList(flags["exclude-tools"]) ?? values.MAILTRAP_EXCLUDE_TOOLS ?? [],
    defaultAccountId: values.MAILTRAP_ACCOUNT_ID,
    defaultOrganizationId: values.MAILTRAP_ORGANIZATION_ID,
    confirmDestructive: values.MAILTRAP_CONFIRM_DESTRUCTIVE,
    shortNames: flags["short-names"] === true || values.MAILTRAP_SHORT_NAMES,
    http: httpConfig(flags, values),
  };
}

/** Keys shorter than this are guessable; real ones come from `openssl rand -hex 32`. */
const MIN_KEY_LENGTH = 32;

function httpPort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new ConfigError(`--port / MAILTRAP_MCP_PORT must be a port number (0-65535); got ${JSON.stringify(raw)}`);
  return port;
}

function httpPath(raw: string): string {
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(raw) || raw === "/healthz") {
    throw new ConfigError(
      `--path / MAILTRAP_MCP_PATH must be a URL path such as /mcp (not /healthz, no query); got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}

function key(name: string, raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (value !== undefined && value.length < MIN_KEY_LENGTH) {
    throw new ConfigError(`${name} must be at least ${MIN_KEY_LENGTH} characters (e.g. openssl rand -hex 32)`);
  }
  return value;
}

/** The HTTP settings, with the refusals that keep a listener beyond loopback from being open by mistake. */
function httpConfig(flags: ReturnType<typeof parseFlags>, values: EnvValues): HttpConfig {
  const enabled = flags.http === true || values.MAILTRAP_MCP_HTTP;
  const host = (flags.host ?? values.MAILTRAP_MCP_HOST ?? DEFAULT_HTTP_HOST).trim();
  const config: HttpConfig = {
    enabled,
    host,
    port: httpPort((flags.port ?? values.MAILTRAP_MCP_PORT ?? String(DEFAULT_HTTP_PORT)).trim()),
    path: httpPath((flags.path ?? values.MAILTRAP_MCP_PATH ?? DEFAULT_HTTP_PATH).trim()),
    accessKey: key("MAILTRAP_MCP_HTTP_KEY", values.MAILTRAP_MCP_HTTP_KEY),
    signingKey: key("MAILTRAP_MCP_SIGNING_KEY", values.MAILTRAP_MCP_SIGNING_KEY),
    allowedOrigins: values.MAILTRAP_MCP_ALLOWED_ORIGINS ?? LOOPBACK_NAMES,
    allowedHosts: values.MAILTRAP_MCP_ALLOWED_HOSTS ?? (isLoopbackHost(host) ? LOOPBACK_NAMES : undefined),
  };
  if (!enabled) {
    const stray = (["host", "port", "path"] as const).find((f) => flags[f] !== undefined);
    if (stray) throw new ConfigError(`--${stray} applies to --http only`);
    return config;
  }
  const serverHeld = Boolean(values.MAILTRAP_API_TOKEN?.trim() || values.MAILTRAP_ORGANIZATION_API_TOKEN?.trim());
  if (!isLoopbackHost(host)) {
    // --demo serves its sample token to every request, as a server-held token would be.
    if (flags.demo === true && !config.accessKey) {
      throw new ConfigError(
        `--http --demo on ${host} would let anyone who reaches it use the demo: set MAILTRAP_MCP_HTTP_KEY (clients send Authorization: Bearer <key>) or bind to 127.0.0.1`,
      );
    }
    if (serverHeld && !config.accessKey) {
      throw new ConfigError(
        `--http on ${host} with the server's own MAILTRAP_API_TOKEN would let anyone who reaches it use that token: set MAILTRAP_MCP_HTTP_KEY (clients send Authorization: Bearer <key>), bind to 127.0.0.1, or unset the token so each request brings its own`,
      );
    }
    if (values.MAILTRAP_CONFIRM_DESTRUCTIVE && !config.signingKey) {
      throw new ConfigError(
        `--http on ${host} with MAILTRAP_CONFIRM_DESTRUCTIVE needs MAILTRAP_MCP_SIGNING_KEY, shared by every instance, so a confirmation given to one is honoured by another`,
      );
    }
  }
  return config;
}
