// Handlers for accounts, the permissions resource tree and billing usage.
import { visibleAccounts } from "./auth.js";
import type { AccountContext, BaseContext } from "./context.js";
import { json, type Reply } from "./http.js";
import { resourceTree } from "./views.js";

/** 1. GET /api/accounts */
export function listAccounts(ctx: BaseContext): Reply {
  return json(
    200,
    visibleAccounts(ctx.state, ctx.caller).map(({ account, level }) => ({ id: account.id, name: account.name, access_levels: [level] })),
  );
}

/** 5. GET /api/accounts/{account_id}/permissions/resources */
export function getResources(ctx: AccountContext): Reply {
  return json(200, resourceTree(ctx.account, ctx.level));
}

/** 11. GET /api/accounts/{account_id}/billing/usage */
export function getBillingUsage(ctx: AccountContext): Reply {
  return json(200, structuredClone(ctx.account.billingUsage));
}
