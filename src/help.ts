// The text of --help. Printed to stdout only in that mode, never while serving.
import { TOOL_PREFIX } from "./tools/naming.js";
import { VERSION } from "./version.js";

export function helpText(toolNames: readonly string[]): string {
  return `mailtrap-accounts-mcp ${VERSION}: an MCP server (stdio, or Streamable HTTP with --http) for Mailtrap account management.

Usage: mailtrap-accounts-mcp [flags]

Flags (a flag wins over its variable):
  --read-only            Only the read tools; write tools are refused (MAILTRAP_READ_ONLY=true)
  --tools=a,b            Only these tools (MAILTRAP_TOOLS)
  --exclude-tools=a,b    All but these tools (MAILTRAP_EXCLUDE_TOOLS)
  --short-names          Serve the tools without the ${TOOL_PREFIX} prefix, for hosts that add
                         a long prefix of their own (MAILTRAP_SHORT_NAMES=true)
  --check                Check the configuration and the token against Mailtrap, then exit
  --demo                 Serve every tool against built-in sample data; no account or token needed
  --http                 Serve MCP over stateless Streamable HTTP instead of stdio (MAILTRAP_MCP_HTTP=true)
  --host=127.0.0.1       HTTP listen address (MAILTRAP_MCP_HOST)
  --port=8808            HTTP port; 0 picks a free one (MAILTRAP_MCP_PORT)
  --path=/mcp            HTTP endpoint path (MAILTRAP_MCP_PATH)
  -h, --help             Show this help
  -v, --version          Show the version

Environment (or a .env file in the working folder):
  MAILTRAP_API_TOKEN               API token (required to call Mailtrap; never pass it as a flag)
  MAILTRAP_ORGANIZATION_API_TOKEN  Organization-level token for the sub-account tools
  MAILTRAP_ACCOUNT_ID              Default account_id: the parameter becomes optional
  MAILTRAP_ORGANIZATION_ID         Default organization_id
  MAILTRAP_READ_ONLY               true: read tools only
  MAILTRAP_TOOLS                   Comma-separated tools to enable
  MAILTRAP_EXCLUDE_TOOLS           Comma-separated tools to disable
  MAILTRAP_CONFIRM_DESTRUCTIVE     true: ask the user (MCP elicitation) before deletes, resets, permission changes
  MAILTRAP_SHORT_NAMES             true: serve the tools without the ${TOOL_PREFIX} prefix
  MAILTRAP_API_BASE_URL            Default https://mailtrap.io (https required; http only on loopback)
  MAILTRAP_TIMEOUT_MS              Per-attempt HTTP timeout, default 30000
  MAILTRAP_MAX_RESPONSE_BYTES      Largest response read, default 2097152
  MAILTRAP_LOG_LEVEL               debug, info, warn, error or silent (stderr), default info
  MAILTRAP_MCP_HTTP_KEY            HTTP access key: clients send Authorization: Bearer <key> (required off
                                   loopback when the server holds MAILTRAP_API_TOKEN)
  MAILTRAP_MCP_SIGNING_KEY         HTTP: HMAC key for confirmations, the same on every instance
  MAILTRAP_MCP_ALLOWED_ORIGINS     HTTP: hostnames a browser Origin may name, default localhost,127.0.0.1,[::1]
  MAILTRAP_MCP_ALLOWED_HOSTS       HTTP: hostnames the Host header may name (default: loopback names when bound
                                   to loopback, no check otherwise)

HTTP credentials: without MAILTRAP_API_TOKEN each request brings its own token in the X-Mailtrap-Api-Token
header (and X-Mailtrap-Organization-Api-Token); with it, the server's token serves every request.

Tools (full names, or without the ${TOOL_PREFIX} prefix):
${toolNames.map((n) => `  ${n}`).join("\n")}
`;
}
