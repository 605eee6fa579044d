// The 13 endpoints and the checks in front of them: route (404), token (401), scope (403), body (400).
import type { IncomingHttpHeaders } from "node:http";
import { bulkUpdatePermissions, deleteAccess, listAccesses } from "./accesses.js";
import { getBillingUsage, getResources, listAccounts } from "./accounts.js";
import { accountLevel, authenticate, managesOrganization, presentedSecret } from "./auth.js";
import type { AccountContext, BaseContext, OrganizationContext } from "./context.js";
import type { SandboxState } from "./data.js";
import { accountForbidden, badRequestJson, notFound, organizationForbidden, type Reply, unauthorized } from "./http.js";
import { createSubAccount, listSubAccounts } from "./organizations.js";
import { parseRailsQuery } from "./query.js";
import { createApiToken, deleteApiToken, getApiToken, listApiTokens, resetApiToken } from "./tokens.js";

type Route =
  | { method: string; pattern: string; scope: "global"; handle: (ctx: BaseContext) => Reply }
  | { method: string; pattern: string; scope: "account"; minLevel: number; readsBody?: boolean; handle: (ctx: AccountContext) => Reply }
  | { method: string; pattern: string; scope: "organization"; readsBody?: boolean; handle: (ctx: OrganizationContext) => Reply };

const ADMIN = 100;
const VIEWER = 10;

const ROUTES: readonly Route[] = [
  { method: "GET", pattern: "/api/accounts", scope: "global", handle: listAccounts },
  { method: "GET", pattern: "/api/accounts/:account_id/account_accesses", scope: "account", minLevel: ADMIN, handle: listAccesses },
  {
    method: "DELETE",
    pattern: "/api/accounts/:account_id/account_accesses/:account_access_id",
    scope: "account",
    minLevel: ADMIN,
    handle: deleteAccess,
  },
  {
    method: "PUT",
    pattern: "/api/accounts/:account_id/account_accesses/:account_access_id/permissions/bulk",
    scope: "account",
    minLevel: ADMIN,
    readsBody: true,
    handle: bulkUpdatePermissions,
  },
  { method: "GET", pattern: "/api/accounts/:account_id/permissions/resources", scope: "account", minLevel: ADMIN, handle: getResources },
  { method: "GET", pattern: "/api/accounts/:account_id/api_tokens", scope: "account", minLevel: ADMIN, handle: listApiTokens },
  {
    method: "POST",
    pattern: "/api/accounts/:account_id/api_tokens",
    scope: "account",
    minLevel: ADMIN,
    readsBody: true,
    handle: createApiToken,
  },
  { method: "GET", pattern: "/api/accounts/:account_id/api_tokens/:id", scope: "account", minLevel: ADMIN, handle: getApiToken },
  { method: "DELETE", pattern: "/api/accounts/:account_id/api_tokens/:id", scope: "account", minLevel: ADMIN, handle: deleteApiToken },
  { method: "POST", pattern: "/api/accounts/:account_id/api_tokens/:id/reset", scope: "account", minLevel: ADMIN, handle: resetApiToken },
  { method: "GET", pattern: "/api/accounts/:account_id/billing/usage", scope: "account", minLevel: VIEWER, handle: getBillingUsage },
  { method: "GET", pattern: "/api/organizations/:organization_id/sub_accounts", scope: "organization", handle: listSubAccounts },
  {
    method: "POST",
    pattern: "/api/organizations/:organization_id/sub_accounts",
    scope: "organization",
    readsBody: true,
    handle: createSubAccount,
  },
];

/** Path ids are integers ≥ 1 written plainly; anything else matches no route (404), as Rails constraints do. */
const ID_SEGMENT = /^[1-9][0-9]*$/;

function matchRoute(method: string, path: string): { route: Route; ids: Map<string, number> } | undefined {
  // Rails ignores one trailing slash.
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  const segments = trimmed.split("/");
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const parts = route.pattern.split("/");
    if (parts.length !== segments.length) continue;
    const ids = new Map<string, number>();
    const matches = parts.every((part, i) => {
      const segment = segments[i] ?? "";
      if (!part.startsWith(":")) return part === segment;
      if (!ID_SEGMENT.test(segment)) return false;
      const id = Number(segment);
      if (!Number.isSafeInteger(id)) return false;
      ids.set(part.slice(1), id);
      return true;
    });
    if (matches) return { route, ids };
  }
  return undefined;
}

export interface DispatchInput {
  state: SandboxState;
  method: string;
  path: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: string;
  now: number;
}

type BodyParse = { ok: true; value: unknown } | { ok: false };

function parseBody(text: string): BodyParse {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Answer one (already recorded, fault-free, rate-allowed) request against the live state. */
export function dispatch(input: DispatchInput): Reply {
  const matched = matchRoute(input.method, input.path);
  if (matched === undefined) return notFound();
  const caller = authenticate(input.state, presentedSecret(input.headers), input.now);
  if (caller === undefined) return unauthorized();
  const query = parseRailsQuery(input.rawQuery);
  if (!query.ok) return badRequestJson(query.message);
  const { route, ids } = matched;
  const base: BaseContext = { state: input.state, caller, ids, query: query.params, body: undefined, now: input.now };

  const withBody = (readsBody: boolean | undefined): BaseContext | Reply => {
    if (readsBody !== true) return base;
    const body = parseBody(input.body);
    // Rails' ParseError: malformed JSON never reaches the controller.
    if (!body.ok) return badRequestJson("Error occurred while parsing request parameters");
    return { ...base, body: body.value };
  };
  const isReply = (value: BaseContext | Reply): value is Reply => "kind" in value;

  switch (route.scope) {
    case "global":
      return route.handle(base);
    case "account": {
      const accountId = ids.get("account_id") ?? 0;
      const account = input.state.accounts.find((a) => a.id === accountId);
      const level = account === undefined ? 0 : accountLevel(input.state, caller, accountId);
      if (account === undefined || level < route.minLevel) return accountForbidden();
      const ctx = withBody(route.readsBody);
      return isReply(ctx) ? ctx : route.handle({ ...ctx, account, level });
    }
    case "organization": {
      const organizationId = ids.get("organization_id") ?? 0;
      const organization = input.state.organizations.find((o) => o.id === organizationId);
      if (organization === undefined || !managesOrganization(caller, organizationId)) return organizationForbidden();
      const ctx = withBody(route.readsBody);
      return isReply(ctx) ? ctx : route.handle({ ...ctx, organization });
    }
  }
}
