// --check: is my setup right? Validates the configuration, calls GET /api/accounts once, and prints what a
// person needs to know. Writes to stdout (this mode serves no protocol); never prints the token.
import type { App } from "./app.js";
import { MailtrapApiError, toErrorText } from "./mailtrap/errors.js";
import type { Account } from "./mailtrap/schemas.js";
import { VERSION } from "./version.js";

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
  io.out(`Tools enabled (${selection.enabled.length}): ${selection.enabled.map((t) => t.name).join(", ") || "none"}`);
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
