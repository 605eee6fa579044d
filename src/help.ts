// The text of --help. Printed to stdout only in that mode, never while serving.
import { TOOL_PREFIX } from "./tools/naming.js";
import { VERSION } from "./version.js";

export function helpText(toolNames: readonly string[]): string {
  return `mailtrap-accounts-mcp ${VERSION}: an MCP server (stdio) for Mailtrap account management.

Usage: mailtrap-accounts-mcp [flags]

Flags (a flag wins over its variable):
  --read-only            Only the read tools; write tools are refused (MAILTRAP_READ_ONLY=true)
  --tools=a,b            Only these tools (MAILTRAP_TOOLS)
  --exclude-tools=a,b    All but these tools (MAILTRAP_EXCLUDE_TOOLS)
  --short-names          Serve the tools without the ${TOOL_PREFIX} prefix, for hosts that add
                         a long prefix of their own (MAILTRAP_SHORT_NAMES=true)
  --check                Check the configuration and the token against Mailtrap, then exit
  --demo                 Serve every tool against built-in sample data; no account or token needed
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

Tools (full names, or without the ${TOOL_PREFIX} prefix):
${toolNames.map((n) => `  ${n}`).join("\n")}
`;
}
