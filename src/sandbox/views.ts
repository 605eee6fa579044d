// State → wire JSON, in the key order and shapes of the spec's schemas.
import type { AccessResource, AccountAccess, SandboxAccount, StoredApiToken } from "./data.js";

export interface ApiTokenJson {
  id: number;
  name: string;
  last_4_digits: string;
  created_by: string;
  expires_at: string | null;
  resources: Array<{ resource_type: string; resource_id: number; access_level: number }>;
}

export interface ApiTokenWithTokenJson extends ApiTokenJson {
  token: string;
}

export interface PermissionResourceNode {
  id: number;
  name: string;
  type: string;
  access_level: number;
  resources: PermissionResourceNode[];
}

const copyResources = (resources: AccessResource[]): AccessResource[] =>
  resources.map((r) => ({ resource_id: r.resource_id, resource_type: r.resource_type, access_level: r.access_level }));

/** The ApiToken account access a token's permissions appear as. */
function tokenAccess(token: StoredApiToken): AccountAccess {
  return {
    id: token.accessId,
    specifier_type: "ApiToken",
    specifier: {
      id: token.id,
      name: token.name,
      author_name: token.created_by,
      token: `${"*".repeat(Math.max(0, token.secret.length - 4))}${token.secret.slice(-4)}`,
      expires_at: token.expires_at,
    },
    resources: copyResources(token.resources),
    permissions: { can_read: true, can_update: true, can_destroy: true, can_leave: false },
  };
}

/** Users, invites and API tokens of the account, by access id. */
export function allAccesses(account: SandboxAccount): AccountAccess[] {
  const stored: AccountAccess[] = account.accesses.map((a) => structuredClone(a));
  return [...stored, ...account.apiTokens.map(tokenAccess)].sort((a, b) => a.id - b.id);
}

export function apiTokenJson(token: StoredApiToken): ApiTokenJson {
  return {
    id: token.id,
    name: token.name,
    last_4_digits: token.secret.slice(-4),
    created_by: token.created_by,
    expires_at: token.expires_at,
    resources: token.resources.map((r) => ({ resource_type: r.resource_type, resource_id: r.resource_id, access_level: r.access_level })),
  };
}

/** The one place a secret leaves the sandbox: create and reset answers. */
export function apiTokenWithSecretJson(token: StoredApiToken): ApiTokenWithTokenJson {
  return { ...apiTokenJson(token), token: token.secret };
}

/** The permissions tree; `level` is the calling token's access level. */
export function resourceTree(account: SandboxAccount, level: number): PermissionResourceNode[] {
  const node = (id: number, name: string, type: string, resources: PermissionResourceNode[] = []): PermissionResourceNode => ({
    id,
    name,
    type,
    access_level: level,
    resources,
  });
  return [
    node(account.id, account.name, "account", [
      // Account-wide scopes share the account's id, as in the spec's example.
      node(account.id, "Templates", "email_template_permission_scope"),
      node(account.id, "Email Campaigns", "email_campaign_permission_scope"),
      node(account.id, "Billing", "billing"),
      ...account.projects.map((p) =>
        node(
          p.id,
          p.name,
          "project",
          p.inboxes.map((i) => node(i.id, i.name, "inbox")),
        ),
      ),
      ...account.sendingDomains.map((d) => node(d.id, d.name, "sending_domain")),
    ]),
  ];
}

/** Whether (type, id) names a resource of this account that permissions can point at. */
export function resourceExists(account: SandboxAccount, type: string, id: number): boolean {
  switch (type) {
    case "account":
    case "billing":
    case "email_campaign_permission_scope":
      return id === account.id;
    case "project":
      return account.projects.some((p) => p.id === id);
    case "inbox":
      return account.projects.some((p) => p.inboxes.some((i) => i.id === id));
    case "sending_domain":
      return account.sendingDomains.some((d) => d.id === id);
    default:
      return false;
  }
}
