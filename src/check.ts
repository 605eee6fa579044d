// --check: is my setup right? Validates the configuration, calls GET /api/accounts once, and prints what a
// person needs to know. Writes to stdout (this mode serves no protocol); never prints the token.
import type { App } from "./app.js";
import { MailtrapApiError, toErrorText } from "./mailtrap/errors.js";
import type { Account } from "./mailtrap/schemas.js";
import { TOOLS } from "./tools/index.js";
import { MODEL_NAME_LIMIT, toolNaming } from "./tools/naming.js";
import type { ToolSelection } from "./tools/select.js";
import { VERSION } from "./version.js";

/**
 * Prefixes hosts put before a tool name when they pass it to a model. Claude Code: mcp__<server key>__ with the
 * README's key "mailtrap"; as a plugin, mcp__plugin_<plugin>_<server>__ (31 characters with 8-character names).
 */
export const HOST_PREFIXES = [
  { host: "Claude Code (server key mailtrap)", prefix: "mcp__mailtrap__" },
  { host: "a Claude Code plugin (mcp__plugin_<plugin>_<server>__, 8-character names)", prefix: "mcp__plugin_mailtrap_mailtrap__" },
] as const;

/** The longest served name, and a warning for each host prefix that would push it past the model APIs' 64. */
function nameLengthReport(selection: ToolSelection, shortNames: boolean): { info: string; warnings: string[] } {
  const naming = toolNaming(shortNames, TOOLS);
  const names = selection.enabled.map((t) => naming.name(t.name));
  const longest = names.reduce((a, b) => (b.length > a.length ? b : a), "");
  const info = `Longest tool name: ${longest || "(no tools)"} (${longest.length} characters; model APIs take at most ${MODEL_NAME_LIMIT} with the host's prefix)`;
  const warnings = HOST_PREFIXES.filter(({ prefix }) => longest && prefix.length + longest.length > MODEL_NAME_LIMIT).map(
    ({ host, prefix }) =>
      `WARN: as ${host}, the model sees ${prefix}${longest}: ${prefix.length + longest.length} characters, over ${MODEL_NAME_LIMIT}; the model API refuses the whole request. ${
        shortNames
          ? "Use a shorter server key or plugin name."
          : "Set MAILTRAP_SHORT_NAMES=true (or --short-names), or use a shorter server key."
      }`,
  );
  return { info, warnings };
}

const LEVELS: Record<number, string> = { 1000: "owner", 100: "admin", 10: "viewer" };
const levelName = (levels: number[] = []) => levels.map((l) => LEVELS[l] ?? String(l)).join(", ") || "none";

export interface CheckOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Returns the process exit code: 0 when the token works and the settings fit the accounts it sees. */
export async function runCheck(app: App, io: CheckOutput): Promise<number> {
  const { config, selection, client } = app;
  io.out(`mailtrap-accounts-mcp ${VERSION} --check`);
  io.out(`API: ${config.baseUrl}`);
  if (!config.apiToken) {
    io.err("FAIL: MAILTRAP_API_TOKEN is not set. Create a token at https://mailtrap.io/api-tokens and set it in the environment.");
    return 1;
  }
  io.out("Token: MAILTRAP_API_TOKEN is set");

  let accounts: Account[];
  try {
    accounts = await client.listAccounts();
  } catch (error) {
    const reason =
      error instanceof MailtrapApiError && error.status === 401
        ? "the token is wrong or expired (HTTP 401): check MAILTRAP_API_TOKEN."
        : toErrorText(error);
    io.err(`FAIL: GET ${config.baseUrl}/api/accounts: ${reason}`);
    return 1;
  } finally {
    await app.close();
  }

  io.out(`Accounts this token can access (${accounts.length}):`);
  for (const account of accounts) io.out(`  ${account.id}  ${account.name}  (${levelName(account.access_levels)})`);
  let ok = true;
  if (config.defaultAccountId !== undefined) {
    const match = accounts.find((a) => a.id === config.defaultAccountId);
    if (match) io.out(`Default account (MAILTRAP_ACCOUNT_ID): ${match.id} ${match.name}`);
    else {
      io.err(`FAIL: MAILTRAP_ACCOUNT_ID ${config.defaultAccountId} is not among the accounts this token can access.`);
      ok = false;
    }
  }

  io.out(`Read-only: ${config.readOnly ? "yes" : "no"}`);
  io.out(`Confirm destructive calls: ${config.confirmDestructive ? "yes (needs a client with elicitation)" : "no"}`);
  const naming = toolNaming(config.shortNames, TOOLS);
  io.out(`Tools enabled (${selection.enabled.length}): ${selection.enabled.map((t) => naming.name(t.name)).join(", ") || "none"}`);
  const names = nameLengthReport(selection, config.shortNames);
  io.out(names.info);
  for (const warning of names.warnings) io.err(warning);
  const orgTools = selection.enabled.filter((t) => t.scope === "organization");
  if (orgTools.length === 0) io.out("Organization tools: not enabled");
  else {
    const token = config.organizationApiToken
      ? "MAILTRAP_ORGANIZATION_API_TOKEN"
      : "MAILTRAP_API_TOKEN (must be organization-level; set MAILTRAP_ORGANIZATION_API_TOKEN otherwise)";
    const org = config.defaultOrganizationId ? `, default organization ${config.defaultOrganizationId}` : ", no default organization";
    io.out(`Organization tools: enabled, using ${token}${org}`);
  }
  io.out(ok ? "OK: the configuration works." : "The token works, but the configuration needs a fix (see above).");
  return ok ? 0 : 1;
}
