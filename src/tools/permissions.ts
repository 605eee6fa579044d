import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { defineTool, destructive, READ } from "./define.js";
import { advertise, alwaysSent, unlisted } from "./json-schema.js";
import { ACCESS_LEVELS, ACCOUNT_NOT_FOUND, accountAccessId, accountId, LEVEL_NAME, list, resourceIdString } from "./params.js";

/**
 * One field says what happens to a resource: "admin", "viewer" or "remove". The API's own spellings
 * (100 / 10, and `_destroy: true` without a level) are still taken, not shown.
 */
const LEVELS = [...ACCESS_LEVELS, "remove"] as const;
const permissionLevel = advertise(z.union([z.enum(LEVELS), z.literal([100, 10])], { error: 'must be "admin", "viewer" or "remove"' }), {
  type: "string",
  enum: LEVELS,
});

const permission = z
  .strictObject({
    resource_id: resourceIdString,
    resource_type: z.enum(api.PERMISSION_RESOURCE_TYPES),
    access_level: alwaysSent(permissionLevel.optional()),
    _destroy: unlisted(z.boolean().optional()),
  })
  .check((ctx) => {
    // Reported without the item's value, as any missing parameter is.
    if (ctx.value._destroy !== true && ctx.value.access_level === undefined) {
      ctx.issues.push({ code: "custom", path: ["access_level"], message: 'is required ("admin", "viewer" or "remove")', input: undefined });
    }
  })
  // The request item the API wants: a level as "admin" / "viewer", or `_destroy: true`.
  .transform(
    ({ resource_id, resource_type, access_level, _destroy }): api.PermissionInput =>
      _destroy === true || access_level === "remove"
        ? { resource_id, resource_type, _destroy: true }
        : { resource_id, resource_type, access_level: typeof access_level === "number" ? LEVEL_NAME[access_level] : access_level },
  );

export const updateUserPermissions = defineTool({
  name: "mailtrap_accounts_update_user_permissions",
  title: "Update access permissions",
  description: 'Add, update or remove (access_level "remove") an access\'s permission per resource_type+resource_id pair.',
  input: z.strictObject({
    account_id: accountId,
    account_access_id: accountAccessId,
    permissions: list(permission),
  }),
  output: api.message,
  annotations: destructive(true),
  notFoundHint: "No such access: get_all_users_in_account lists valid account_access_id values.",
  checkWith: "get_all_users_in_account",
  confirm: ({ account_id, account_access_id, permissions }) =>
    [
      `Change the permissions of account access ${account_access_id} in Mailtrap account ${account_id}:`,
      ...permissions.map((p) => `- ${p.resource_type} ${p.resource_id}: ${p._destroy ? "remove" : `set ${p.access_level}`}`),
      ...(permissions.length ? [] : ["(no changes listed)"]),
    ].join("\n"),
  handler: ({ account_id, account_access_id, permissions }, { client, signal }) =>
    client.updatePermissions(account_id, account_access_id, permissions, signal),
});

export const getResources = defineTool({
  name: "mailtrap_accounts_get_resources",
  title: "List permission resources",
  description: "Resource tree (account, projects, inboxes, sending domains): resource_id and resource_type for permissions and tokens.",
  input: z.strictObject({ account_id: accountId }),
  output: z.looseObject({ resources: z.array(api.resourceNode) }),
  annotations: READ,
  notFoundHint: ACCOUNT_NOT_FOUND,
  handler: async ({ account_id }, { client, signal }) => ({
    resources: await client.getPermissionResources(account_id, signal),
  }),
});
