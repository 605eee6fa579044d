import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { READ, defineTool, destructive } from "./define.js";
import { ACCOUNT_NOT_FOUND, accountAccessId, accountId, boundedList, resourceId } from "./params.js";

const permission = z
  .strictObject({
    resource_id: resourceId,
    resource_type: z.enum(api.PERMISSION_RESOURCE_TYPES),
    access_level: z.literal(["admin", "viewer", 100, 10]).optional().describe("Required unless _destroy"),
    _destroy: z.boolean().optional(),
  })
  .refine((p) => p._destroy === true || p.access_level !== undefined, {
    path: ["access_level"],
    error: "is required unless _destroy is true",
  });

export const updateUserPermissions = defineTool({
  name: "mailtrap_accounts_update_user_permissions",
  title: "Update access permissions",
  description:
    "Set permissions of an access (id from get_all_users_in_account): each resource_type+resource_id pair is updated or added; _destroy: true removes it. Ids from get_resources.",
  input: z.strictObject({
    account_id: accountId,
    account_access_id: accountAccessId,
    permissions: boundedList(permission).optional(),
  }),
  output: api.message,
  annotations: destructive(true),
  notFoundHint: "No such access: get_all_users_in_account lists valid account_access_id values.",
  checkWith: "mailtrap_accounts_get_all_users_in_account",
  confirm: ({ account_id, account_access_id, permissions = [] }) =>
    [
      `Change the permissions of account access ${account_access_id} in Mailtrap account ${account_id}:`,
      ...permissions.map((p) => `- ${p.resource_type} ${p.resource_id}: ${p._destroy ? "remove" : `set ${p.access_level}`}`),
      ...(permissions.length ? [] : ["(no changes listed)"]),
    ].join("\n"),
  handler: ({ account_id, account_access_id, permissions = [] }, { client, signal }) =>
    client.updatePermissions(
      account_id,
      account_access_id,
      // The API wants resource_id as a string.
      permissions.map((p) => ({ ...p, resource_id: String(p.resource_id) })),
      signal,
    ),
});

export const getResources = defineTool({
  name: "mailtrap_accounts_get_resources",
  title: "List permission resources",
  description:
    "Resource tree (account, projects, inboxes, sending domains): ids and types for update_user_permissions and create_api_token.",
  input: z.strictObject({ account_id: accountId }),
  output: z.looseObject({ resources: z.array(api.resourceNode) }),
  annotations: READ,
  notFoundHint: ACCOUNT_NOT_FOUND,
  handler: async ({ account_id }, { client, signal }) => ({
    resources: await client.getPermissionResources(account_id, signal),
  }),
});
