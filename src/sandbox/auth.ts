// Who is calling and what they may reach: tokens are looked up by secret in the live state.
import type { IncomingHttpHeaders } from "node:http";
import type { SandboxAccount, SandboxCredential, SandboxState, StoredApiToken } from "./data.js";

/** An authenticated caller: a UI-made credential or an API token stored under an account. */
export type Caller =
  | { kind: "credential"; credential: SandboxCredential }
  | { kind: "apiToken"; account: SandboxAccount; token: StoredApiToken };

/** The secret the request presents: `Api-Token: x`, or `Authorization: Bearer x` / `Token x` as Rails accepts. */
export function presentedSecret(headers: IncomingHttpHeaders): string | undefined {
  const apiToken = headers["api-token"];
  const direct = Array.isArray(apiToken) ? apiToken[0] : apiToken;
  if (direct !== undefined && direct.trim() !== "") return direct.trim();
  const authorization = headers.authorization;
  if (authorization === undefined) return undefined;
  const match = /^(?:Bearer|Token)\s+(.+)$/.exec(authorization.trim());
  return match?.[1]?.trim();
}

/** Resolve a secret; deleted tokens are gone from state and expired ones (past their grace period) fail. */
export function authenticate(state: SandboxState, secret: string | undefined, now: number): Caller | undefined {
  if (secret === undefined || secret === "") return undefined;
  const credential = state.credentials.find((c) => c.secret === secret);
  if (credential !== undefined) return { kind: "credential", credential };
  for (const account of state.accounts) {
    const token = account.apiTokens.find((t) => t.secret === secret);
    if (token === undefined) continue;
    if (token.expires_at !== null && Date.parse(token.expires_at) <= now) return undefined;
    return { kind: "apiToken", account, token };
  }
  return undefined;
}

/** The caller's level on the account itself (0 = none); only an account-level grant counts. */
export function accountLevel(state: SandboxState, caller: Caller, accountId: number): number {
  if (caller.kind === "apiToken") {
    if (caller.account.id !== accountId) return 0;
    const own = caller.token.resources.find((r) => r.resource_type === "account" && r.resource_id === accountId);
    return own?.access_level ?? 0;
  }
  const grant = caller.credential.grant;
  if (grant.kind === "account") return grant.accounts.find((a) => a.accountId === accountId)?.accessLevel ?? 0;
  // An organization token acts as owner on every account of its organization.
  const account = state.accounts.find((a) => a.id === accountId);
  return account !== undefined && account.organizationId === grant.organizationId ? 1000 : 0;
}

/** Accounts for GET /api/accounts with the level shown in access_levels. */
export function visibleAccounts(state: SandboxState, caller: Caller): Array<{ account: SandboxAccount; level: number }> {
  const out: Array<{ account: SandboxAccount; level: number }> = [];
  for (const account of state.accounts) {
    let level = accountLevel(state, caller, account.id);
    // A token scoped below the account (projects, inboxes, domains) still sees its account.
    if (level === 0 && caller.kind === "apiToken" && caller.account.id === account.id) {
      level = Math.max(0, ...caller.token.resources.map((r) => r.access_level));
    }
    if (level > 0) out.push({ account, level });
  }
  return out.sort((a, b) => a.account.id - b.account.id);
}

export function managesOrganization(caller: Caller, organizationId: number): boolean {
  return (
    caller.kind === "credential" &&
    caller.credential.grant.kind === "organization" &&
    caller.credential.grant.organizationId === organizationId
  );
}

/** The `created_by` of tokens this caller creates. */
export function callerDisplayName(caller: Caller): string {
  return caller.kind === "credential" ? caller.credential.displayName : caller.token.name;
}
