// Handlers for account accesses: list with Rails filters, delete, and bulk permission edits.

import { type AccountContext, isRecord, parseResourceId, pathId } from "./context.js";
import type { AccessResource, AccessResourceType, SandboxAccount } from "./data.js";
import { json, notFound, parameterMissing, type Reply, unprocessable } from "./http.js";
import { paramValues } from "./query.js";
import { allAccesses, resourceExists } from "./views.js";

/** Filter param → the resource type it matches. */
const FILTERS: ReadonlyArray<readonly [string, AccessResourceType]> = [
  ["project_ids", "project"],
  ["inbox_ids", "inbox"],
  ["domain_ids", "sending_domain"],
];

/** 2. GET /api/accounts/{account_id}/account_accesses */
export function listAccesses(ctx: AccountContext): Reply {
  const wanted = FILTERS.map(([param, type]) => ({
    type,
    ids: new Set(
      paramValues(ctx.query, param)
        .map((v) => parseResourceId(v))
        .filter((n): n is number => n !== undefined),
    ),
    given: paramValues(ctx.query, param).length > 0,
  })).filter((f) => f.given);
  const accesses = allAccesses(ctx.account);
  if (wanted.length === 0) return json(200, accesses);
  // Any given filter selects accesses holding a resource of that type with one of its ids (union across filters).
  return json(
    200,
    accesses.filter((a) => a.resources.some((r) => wanted.some((f) => f.type === r.resource_type && f.ids.has(r.resource_id)))),
  );
}

/** The permissions list behind an access id: a user's or invite's, or an API token's. */
function accessResources(account: SandboxAccount, accessId: number): AccessResource[] | undefined {
  return account.accesses.find((a) => a.id === accessId)?.resources ?? account.apiTokens.find((t) => t.accessId === accessId)?.resources;
}

/** 3. DELETE /api/accounts/{account_id}/account_accesses/{account_access_id} */
export function deleteAccess(ctx: AccountContext): Reply {
  const accessId = pathId(ctx, "account_access_id");
  const { account } = ctx;
  const stored = account.accesses.findIndex((a) => a.id === accessId);
  if (stored >= 0) {
    account.accesses.splice(stored, 1);
    return json(200, { id: accessId });
  }
  // An ApiToken access goes together with its specifier, the token itself.
  const token = account.apiTokens.findIndex((t) => t.accessId === accessId);
  if (token >= 0) {
    account.apiTokens.splice(token, 1);
    return json(200, { id: accessId });
  }
  return notFound();
}

const BULK_TYPES: readonly AccessResourceType[] = [
  "account",
  "billing",
  "project",
  "inbox",
  "sending_domain",
  "email_campaign_permission_scope",
];

function bulkLevel(value: unknown): number | undefined {
  if (value === "admin" || value === 100 || value === "100") return 100;
  if (value === "viewer" || value === 10 || value === "10") return 10;
  return undefined;
}

/** Ruby truthiness, as the live API tests `_destroy`: only absent, null and false keep the permission ("false" destroys). */
function destroyRequested(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}

interface BulkChange {
  type: AccessResourceType;
  id: number;
  destroy: boolean;
  level: number;
}

function parseBulkItem(account: SandboxAccount, item: unknown, errors: string[]): BulkChange | undefined {
  if (!isRecord(item)) {
    errors.push("Permission must be an object");
    return undefined;
  }
  const type = BULK_TYPES.find((t) => t === item.resource_type);
  if (type === undefined) {
    errors.push(`Resource type is invalid: ${JSON.stringify(item.resource_type ?? null)}`);
    return undefined;
  }
  const id = parseResourceId(item.resource_id);
  if (id === undefined) {
    errors.push(`Resource id is invalid: ${JSON.stringify(item.resource_id ?? null)}`);
    return undefined;
  }
  if (!resourceExists(account, type, id)) {
    errors.push(`Resource not found: ${type} ${id}`);
    return undefined;
  }
  const destroy = destroyRequested(item._destroy);
  const level = bulkLevel(item.access_level);
  if (!destroy && level === undefined) {
    errors.push(`Access level is invalid: ${JSON.stringify(item.access_level ?? null)}`);
    return undefined;
  }
  return { type, id, destroy, level: level ?? 0 };
}

/** 4. PUT /api/accounts/{account_id}/account_accesses/{account_access_id}/permissions/bulk */
export function bulkUpdatePermissions(ctx: AccountContext): Reply {
  const resources = accessResources(ctx.account, pathId(ctx, "account_access_id"));
  if (resources === undefined) return notFound();
  const body = ctx.body;
  // A missing or non-list `permissions` is Rails' ParameterMissing, answered like the sub-account case.
  if (!isRecord(body) || !Array.isArray(body.permissions)) return parameterMissing();
  const errors: string[] = [];
  const changes = body.permissions.map((item) => parseBulkItem(ctx.account, item, errors));
  // All or nothing: one bad item leaves the permissions untouched.
  if (errors.length > 0) return unprocessable({ base: errors });
  for (const change of changes) {
    if (change === undefined) continue;
    const index = resources.findIndex((r) => r.resource_type === change.type && r.resource_id === change.id);
    if (change.destroy) {
      if (index >= 0) resources.splice(index, 1);
    } else if (index >= 0) {
      const existing = resources[index];
      if (existing !== undefined) existing.access_level = change.level;
    } else {
      resources.push({ resource_id: change.id, resource_type: change.type, access_level: change.level });
    }
  }
  return json(200, { message: "Permissions have been updated!" });
}
