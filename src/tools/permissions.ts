import { z } from "zod";
import * as api from "../mailtrap/schemas.js";
import { READ, defineTool, destructive } from "./define.js";
import { LIST_MAX, accountAccessId, accountId, resourceId } from "./params.js";

const permission = z
  .strictObject({
    resource_id: resourceId.describe("From get_resources"),
    resource_type: z.enum(api.PERMISSION_RESOURCE_TYPES),
    access_level: z.literal(["admin", "viewer", 100, 10]).optional().describe("Required unless _destroy"),
    _destroy: z.boolean().optional().describe("true removes this permission"),
  })
  .refine((p) => p._destroy === true || p.access_level !== undefined, {
    path: ["access_level"],
    error: "is required unless _destroy is true",
  });

export const updateUserPermissions = defineTool({
  name: "mailtrap_accounts_update_user_permissions",
  title: "Update access permissions",
  description:
    "Create, change or remove permissions of one account access in a single call. An existing (resource_type, resource_id) pair is updated, a new one created, _destroy: true removes it. An empty list changes nothing.",
  input: z.strictObject({
    account_id: accountId,
    account_access_id: accountAccessId,
    permissions: z.array(permission).max(LIST_MAX).optional(),
  }),
  output: api.message,
  annotations: destructive(true),
  notFoundHint: "No such access: get_all_users_in_account lists valid account_access_id values.",
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
    "The account's resources as a tree (account, projects, inboxes, sending domains, scopes) with the ids and types that update_user_permissions and create_api_token take. access_level is this token's own.",
  input: z.strictObject({ account_id: accountId }),
  output: z.looseObject({ resources: z.array(api.resourceNode) }),
  annotations: READ,
  notFoundHint: "Check account_id (get_all_accounts lists them).",
  handler: async ({ account_id }, { client, signal }) => ({
    resources: await client.getPermissionResources(account_id, signal),
  }),
});
