// The README's configuration table, one row per setting; `npm run docs` writes it into README.md and
// test/readme.test.ts checks that README.md and src/config.ts (its flags and variables) agree with it.

export interface SettingDoc {
  /** As typed, e.g. "--tools=a,b". */
  flag?: string;
  variable?: string;
  /** Markdown, e.g. "`false`" or "(none)". */
  default?: string;
  /** Markdown. */
  meaning: string;
}

export const SETTINGS: SettingDoc[] = [
  {
    variable: "MAILTRAP_API_TOKEN",
    default: "(none)",
    meaning:
      "Mailtrap API token, sent as `Authorization: Bearer`. Needed for every call (not with `--demo`). With `--http`, leave it unset to have each request bring its own token (`X-Mailtrap-Api-Token`).",
  },
  {
    variable: "MAILTRAP_ORGANIZATION_API_TOKEN",
    default: "(none)",
    meaning:
      "Used for the two organization tools when set (sub-accounts need an organization-level token); `MAILTRAP_API_TOKEN` for everything else.",
  },
  {
    variable: "MAILTRAP_ACCOUNT_ID",
    default: "(none)",
    meaning:
      "Default account: `account_id` becomes optional in every account tool (its description names the default); an explicit argument wins.",
  },
  { variable: "MAILTRAP_ORGANIZATION_ID", default: "(none)", meaning: "The same for `organization_id`." },
  {
    flag: "--read-only",
    variable: "MAILTRAP_READ_ONLY",
    default: "`false`",
    meaning: "Only the 7 read tools are listed; write tools are also refused at dispatch. Wins over every other setting.",
  },
  {
    flag: "--tools=a,b",
    variable: "MAILTRAP_TOOLS",
    default: "all",
    meaning: "Only these tools (full names or without the `mailtrap_accounts_` prefix).",
  },
  { flag: "--exclude-tools=a,b", variable: "MAILTRAP_EXCLUDE_TOOLS", default: "none", meaning: "All but these tools." },
  {
    flag: "--short-names",
    variable: "MAILTRAP_SHORT_NAMES",
    default: "`false`",
    meaning:
      "Serve the tools without the `mailtrap_accounts_` prefix (`get_all_accounts`, \u2026), for hosts that put a long prefix of their own before each name (a Claude Code plugin's `mcp__plugin_<plugin>_<server>__`): model APIs refuse names over 64 characters. Descriptions and instructions then name tools the same way; a call by the other spelling is refused with the served name. `--check` prints the longest name and warns when a common host prefix would push it past 64.",
  },
  {
    variable: "MAILTRAP_CONFIRM_DESTRUCTIVE",
    default: "`false`",
    meaning:
      "The four destructive tools ask the person (MCP elicitation) before sending; decline or cancel sends nothing. A 2025-11-25 client without elicitation gets a refusal; a 2026-07-28 request that does not declare it gets error -32021 naming the capability.",
  },
  {
    variable: "MAILTRAP_API_BASE_URL",
    default: "`https://mailtrap.io`",
    meaning: "API origin. Must be https; plain http only for loopback hosts (tests, local proxies).",
  },
  { variable: "MAILTRAP_TIMEOUT_MS", default: "`30000`", meaning: "Bound on each HTTP attempt, headers and body together." },
  {
    variable: "MAILTRAP_MAX_RESPONSE_BYTES",
    default: "`2097152`",
    meaning: "Largest response body read; a larger one ends the call with an error.",
  },
  { variable: "MAILTRAP_LOG_LEVEL", default: "`info`", meaning: "stderr log level: `debug`, `info`, `warn`, `error`, `silent`." },
  {
    flag: "--http",
    variable: "MAILTRAP_MCP_HTTP",
    default: "`false`",
    meaning: "Serve MCP over stateless Streamable HTTP instead of stdio (see [Run it for a team](#run-it-for-a-team)).",
  },
  { flag: "--host=addr", variable: "MAILTRAP_MCP_HOST", default: "`127.0.0.1`", meaning: "HTTP listen address." },
  { flag: "--port=n", variable: "MAILTRAP_MCP_PORT", default: "`8808`", meaning: "HTTP port; `0` picks a free one." },
  {
    flag: "--path=/p",
    variable: "MAILTRAP_MCP_PATH",
    default: "`/mcp`",
    meaning: "HTTP endpoint path, e.g. `/mailtrap-accounts`. `GET /healthz` is the health check.",
  },
  {
    variable: "MAILTRAP_MCP_HTTP_KEY",
    default: "(none)",
    meaning:
      "HTTP access key (≥ 32 characters): every request must send `Authorization: Bearer <key>`. Required off loopback when the server holds `MAILTRAP_API_TOKEN`.",
  },
  {
    variable: "MAILTRAP_MCP_SIGNING_KEY",
    default: "(random per process)",
    meaning:
      "HTTP: HMAC key (≥ 32 characters) that signs confirmations; the same on every instance. Required off loopback with `MAILTRAP_CONFIRM_DESTRUCTIVE`.",
  },
  {
    variable: "MAILTRAP_MCP_ALLOWED_ORIGINS",
    default: "`localhost,127.0.0.1,[::1]`",
    meaning: "HTTP: hostnames a browser `Origin` may name; others get 403. Requests without `Origin` are allowed.",
  },
  {
    variable: "MAILTRAP_MCP_ALLOWED_HOSTS",
    default: "loopback names on loopback",
    meaning:
      "HTTP: hostnames the `Host` header may name (403 otherwise). Bound to loopback, only the loopback names (DNS rebinding); elsewhere no check unless set.",
  },
  {
    flag: "--check",
    meaning:
      "Check the configuration and the token (one `GET /api/accounts`), print the accounts, enabled tools and organization setup, exit 0 or non-zero with the reason.",
  },
  {
    flag: "--demo",
    meaning:
      "Serve every tool against the built-in sample API on loopback: no token, nothing sent to Mailtrap, writes kept for the life of the process. With `--http` beyond loopback it needs `MAILTRAP_MCP_HTTP_KEY`, as a server-held token does.",
  },
  { flag: "--help", meaning: "Usage, every flag and variable." },
  { flag: "--version", meaning: "The version." },
];
