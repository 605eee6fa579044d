import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";

describe("loadConfig", () => {
  it("defaults to https://mailtrap.io, 30 s, 2 MB, info", () => {
    expect(loadConfig([], {})).toEqual({
      mode: "serve",
      apiToken: undefined,
      organizationApiToken: undefined,
      baseUrl: "https://mailtrap.io",
      timeoutMs: 30_000,
      maxResponseBytes: 2 * 1024 * 1024,
      logLevel: "info",
      readOnly: false,
      tools: undefined,
      excludeTools: [],
      defaultAccountId: undefined,
      defaultOrganizationId: undefined,
      confirmDestructive: false,
      shortNames: false,
      http: {
        enabled: false,
        host: "127.0.0.1",
        port: 8808,
        path: "/mcp",
        accessKey: undefined,
        signingKey: undefined,
        allowedOrigins: ["localhost", "127.0.0.1", "[::1]"],
        allowedHosts: ["localhost", "127.0.0.1", "[::1]"],
      },
    });
  });

  it("treats empty variables as unset and trims the token", () => {
    const config = loadConfig([], { MAILTRAP_API_TOKEN: "  abcdefghijklmnop  ", MAILTRAP_API_BASE_URL: "", MAILTRAP_TIMEOUT_MS: " " });
    expect(config.apiToken).toBe("abcdefghijklmnop");
    expect(config.baseUrl).toBe("https://mailtrap.io");
    expect(config.timeoutMs).toBe(30_000);
  });

  it.each(["http://127.0.0.1:8080", "http://localhost:1/", "http://[::1]:3000", "https://proxy.example.com/mailtrap/"])(
    "accepts %s",
    (url) => {
      expect(loadConfig([], { MAILTRAP_API_BASE_URL: url }).baseUrl).toBe(url.replace(/\/$/, ""));
    },
  );

  it.each([
    ["http://mailtrap.io", /must use https/],
    ["http://10.0.0.1", /must use https/],
    ["ftp://127.0.0.1", /must use https/],
    ["not a url", /not a valid URL/],
    ["https://user:pw@mailtrap.io", /plain origin/],
  ])("refuses MAILTRAP_API_BASE_URL=%s", (url, message) => {
    expect(() => loadConfig([], { MAILTRAP_API_BASE_URL: url })).toThrow(ConfigError);
    expect(() => loadConfig([], { MAILTRAP_API_BASE_URL: url })).toThrow(message);
  });

  it.each([
    [{ MAILTRAP_TIMEOUT_MS: "soon" }, /MAILTRAP_TIMEOUT_MS must be a whole number/],
    [{ MAILTRAP_TIMEOUT_MS: "0" }, /MAILTRAP_TIMEOUT_MS must be between 1 and/],
    [{ MAILTRAP_MAX_RESPONSE_BYTES: "-5" }, /MAILTRAP_MAX_RESPONSE_BYTES must be a whole number/],
    [{ MAILTRAP_LOG_LEVEL: "loud" }, /MAILTRAP_LOG_LEVEL must be one of debug, info, warn, error, silent/],
  ])("refuses %j with a message naming the variable", (env, message) => {
    expect(() => loadConfig([], env)).toThrow(message);
  });
});

describe("flags and their variables", () => {
  it("reads every variable", () => {
    const config = loadConfig([], {
      MAILTRAP_ORGANIZATION_API_TOKEN: "org-token-0123456789",
      MAILTRAP_ACCOUNT_ID: "1001",
      MAILTRAP_ORGANIZATION_ID: "501",
      MAILTRAP_READ_ONLY: "true",
      MAILTRAP_TOOLS: "get_all_accounts, mailtrap_accounts_list_api_tokens",
      MAILTRAP_EXCLUDE_TOOLS: "get_resources",
      MAILTRAP_CONFIRM_DESTRUCTIVE: "1",
      MAILTRAP_SHORT_NAMES: "yes",
    });
    expect(config).toMatchObject({
      organizationApiToken: "org-token-0123456789",
      defaultAccountId: 1001,
      defaultOrganizationId: 501,
      readOnly: true,
      tools: ["get_all_accounts", "mailtrap_accounts_list_api_tokens"],
      excludeTools: ["get_resources"],
      confirmDestructive: true,
      shortNames: true,
    });
  });

  it("a flag wins over its variable", () => {
    const env = { MAILTRAP_READ_ONLY: "false", MAILTRAP_TOOLS: "get_all_accounts", MAILTRAP_EXCLUDE_TOOLS: "get_resources" };
    const config = loadConfig(["--read-only", "--tools=list_api_tokens,get_api_token", "--exclude-tools", "get_api_token"], env);
    expect(config).toMatchObject({ readOnly: true, tools: ["list_api_tokens", "get_api_token"], excludeTools: ["get_api_token"] });
    expect(loadConfig(["--short-names"], { MAILTRAP_SHORT_NAMES: "false" }).shortNames).toBe(true);
  });

  it.each([
    [["--check"], "check"],
    [["--demo"], "demo"],
    [["--help"], "help"],
    [["-v"], "version"],
    [[], "serve"],
  ])("%j selects mode %s", (argv, mode) => {
    expect(loadConfig(argv, {}).mode).toBe(mode);
  });

  it.each([
    [["--token=abc"], /read from the environment only: set MAILTRAP_API_TOKEN/],
    [["--api-token", "abc"], /read from the environment only/],
    [["--frobnicate"], /Unknown option '--frobnicate'.*See --help/],
    [["extra"], /See --help/],
    [["--check", "--demo"], /--check and --demo cannot be combined/],
  ])("refuses %j", (argv, message) => {
    expect(() => loadConfig(argv, {})).toThrow(message);
  });

  it.each([
    [{ MAILTRAP_ACCOUNT_ID: "acme" }, /MAILTRAP_ACCOUNT_ID must be a whole number/],
    [{ MAILTRAP_ORGANIZATION_ID: "0" }, /MAILTRAP_ORGANIZATION_ID must be between 1/],
    [{ MAILTRAP_READ_ONLY: "maybe" }, /MAILTRAP_READ_ONLY must be true or false/],
    [{ MAILTRAP_CONFIRM_DESTRUCTIVE: "on please" }, /MAILTRAP_CONFIRM_DESTRUCTIVE must be true or false/],
    [{ MAILTRAP_SHORT_NAMES: "short" }, /MAILTRAP_SHORT_NAMES must be true or false/],
  ])("refuses %j at start", (env, message) => {
    expect(() => loadConfig([], env)).toThrow(message);
  });
});

describe("logger", () => {
  it("redacts known secrets in every form, and leaves other text as it is", () => {
    const lines: string[] = [];
    const log = createLogger("debug", ["s3cr3t-token-value"], (l) => lines.push(l));
    log.info(`sent s3cr3t-token-value (${Buffer.from("s3cr3t-token-value").toString("base64")}) with Authorization: Bearer other-123`);
    expect(lines.join("")).toBe("[mailtrap-accounts-mcp] info: sent [redacted] ([redacted]) with Authorization: Bearer other-123\n");
  });

  it("drops lines below its level", () => {
    const lines: string[] = [];
    const log = createLogger("warn", [], (l) => lines.push(l));
    log.info("quiet");
    log.warn("loud");
    expect(lines).toEqual(["[mailtrap-accounts-mcp] warn: loud\n"]);
  });
});
