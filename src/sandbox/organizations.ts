// Handlers for organization sub-accounts (organization-level tokens only).
import { isRecord, type OrganizationContext } from "./context.js";
import { json, parameterMissing, type Reply } from "./http.js";

/** 12. GET /api/organizations/{organization_id}/sub_accounts */
export function listSubAccounts(ctx: OrganizationContext): Reply {
  const { organization } = ctx;
  return json(
    200,
    ctx.state.accounts
      .filter((a) => a.organizationId === organization.id)
      .sort((a, b) => a.id - b.id)
      .map((a) => ({ id: a.id, name: a.name })),
  );
}

/** 13. POST /api/organizations/{organization_id}/sub_accounts → 200 {id, name}. */
export function createSubAccount(ctx: OrganizationContext): Reply {
  const account = isRecord(ctx.body) ? ctx.body.account : undefined;
  const name = isRecord(account) && typeof account.name === "string" ? account.name : "";
  // The live API answers a missing account or name with an empty text/html 400 (the spec claims JSON).
  if (name.trim() === "") return parameterMissing();
  const start = new Date(ctx.now);
  const end = new Date(ctx.now);
  end.setUTCMonth(end.getUTCMonth() + 1);
  const created = {
    id: ctx.state.sequences.account++,
    name,
    organizationId: ctx.organization.id,
    projects: [],
    sendingDomains: [],
    accesses: [],
    apiTokens: [],
    billingUsage: { billing: { cycle_start: start.toISOString(), cycle_end: end.toISOString() } },
  };
  ctx.state.accounts.push(created);
  return json(200, { id: created.id, name: created.name });
}
