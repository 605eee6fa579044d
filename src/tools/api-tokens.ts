import { z } from "zod";
import * as api from "../mailtrap/schemas.js";
import { CREATE, READ, defineTool, destructive } from "./define.js";
import { LIST_MAX, accountId, apiTokenId, name, resourceId } from "./params.js";

const TOKEN_NOT_FOUND = "No such token: list_api_tokens lists valid ids (a reset token gets a new id).";

const tokenResource = z.strictObject({
  resource_type: z.enum(api.TOKEN_RESOURCE_TYPES),
  resource_id: resourceId.describe("From get_resources"),
  access_level: z.literal([100, 10]).describe("100 admin, 10 viewer"),
});

export const listApiTokens = defineTool({
  name: "mailtrap_accounts_list_api_tokens",
  title: "List API tokens",
  description: "List the account's API tokens: id, name, last 4 digits, creator, expiry, resources. Never includes secrets.",
  input: z.strictObject({ account_id: accountId }),
  output: z.looseObject({ api_tokens: z.array(api.apiToken) }),
  annotations: READ,
  notFoundHint: "Check account_id (get_all_accounts lists them).",
  handler: async ({ account_id }, { client, signal }) => ({ api_tokens: await client.listApiTokens(account_id, signal) }),
});

export const createApiToken = defineTool({
  name: "mailtrap_accounts_create_api_token",
  title: "Create API token",
  description:
    "Create an API token. Mailtrap refuses a token without at least one resource. The result holds the secret `token`, shown only this once: hand it to the user.",
  input: z.strictObject({
    account_id: accountId,
    name: name("Token name"),
    resources: z.array(tokenResource).max(LIST_MAX).optional(),
  }),
  output: api.apiTokenWithSecret,
  annotations: CREATE,
  notFoundHint: "Check account_id (get_all_accounts lists them).",
  handler: ({ account_id, ...token }, { client, signal }) => client.createApiToken(account_id, token, signal),
});

export const getApiToken = defineTool({
  name: "mailtrap_accounts_get_api_token",
  title: "Get API token",
  description: "One API token by id: name, last 4 digits, creator, expiry, resources. No secret.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: api.apiToken,
  annotations: READ,
  notFoundHint: TOKEN_NOT_FOUND,
  handler: ({ account_id, id }, { client, signal }) => client.getApiToken(account_id, id, signal),
});

export const deleteApiToken = defineTool({
  name: "mailtrap_accounts_delete_api_token",
  title: "Delete API token",
  description: "Delete an API token for good: whatever uses it stops working at once.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: z.looseObject({ deleted: z.literal(true), id: z.number() }),
  annotations: destructive(true),
  notFoundHint: TOKEN_NOT_FOUND,
  confirm: ({ account_id, id }) => `Delete API token ${id} in Mailtrap account ${account_id}? Whatever uses it stops working at once.`,
  handler: async ({ account_id, id }, { client, signal }) => {
    await client.deleteApiToken(account_id, id, signal);
    return { deleted: true as const, id };
  },
});

export const resetApiToken = defineTool({
  name: "mailtrap_accounts_reset_api_token",
  title: "Reset API token",
  description:
    "Rotate an API token: returns a new token with a NEW id and its secret, shown only this once. The old token stops working after a grace period (about 12 hours). A token can be reset only once.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: api.apiTokenWithSecret,
  annotations: destructive(false),
  notFoundHint: TOKEN_NOT_FOUND,
  confirm: ({ account_id, id }) =>
    `Reset API token ${id} in Mailtrap account ${account_id}? A new token is issued; the old one stops working after about 12 hours.`,
  handler: ({ account_id, id }, { client, signal }) => client.resetApiToken(account_id, id, signal),
});
