import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { CREATE, defineTool, destructive, READ } from "./define.js";
import { ACCOUNT_NOT_FOUND, accessLevelNumber, accountId, apiTokenId, list, name, resourceIdNumber } from "./params.js";

const TOKEN_NOT_FOUND = "No such token: list_api_tokens lists valid ids (a reset token gets a new id).";
const CHECK_TOKENS = "list_api_tokens";
/** A create or reset is proved by the new token's id and secret. */
const NEW_TOKEN = {
  fields: ["id", "token"],
  missing:
    "the reply did not include the new token (its id and secret): list the tokens (list_api_tokens) to see whether it was made; a secret is shown only once, so a token made this way needs a reset to be used",
} as const;

const tokenResource = z.strictObject({
  resource_type: z.enum(api.TOKEN_RESOURCE_TYPES),
  resource_id: resourceIdNumber,
  access_level: accessLevelNumber,
});

export const listApiTokens = defineTool({
  name: "mailtrap_accounts_list_api_tokens",
  title: "List API tokens",
  description: "An account's API tokens (id, name, last 4 digits, expiry, resources); no secrets.",
  input: z.strictObject({ account_id: accountId }),
  output: z.looseObject({ api_tokens: z.array(api.apiToken) }),
  annotations: READ,
  notFoundHint: ACCOUNT_NOT_FOUND,
  handler: async ({ account_id }, { client, signal }) => ({ api_tokens: await client.listApiTokens(account_id, signal) }),
});

export const createApiToken = defineTool({
  name: "mailtrap_accounts_create_api_token",
  title: "Create API token",
  description: "Create an API token for one or more resources; its secret is shown only once.",
  input: z.strictObject({
    account_id: accountId,
    name: name(),
    resources: list(tokenResource),
  }),
  output: api.apiTokenWithSecret,
  annotations: CREATE,
  notFoundHint: ACCOUNT_NOT_FOUND,
  checkWith: CHECK_TOKENS,
  proof: NEW_TOKEN,
  // No resources: the request carries only the name, as the API documents it (and answers 422).
  handler: ({ account_id, name, resources }, { client, signal }) =>
    client.createApiToken(account_id, resources.length ? { name, resources } : { name }, signal),
});

export const getApiToken = defineTool({
  name: "mailtrap_accounts_get_api_token",
  title: "Get API token",
  description: "One API token by its id, without the secret.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: api.apiToken,
  annotations: READ,
  notFoundHint: TOKEN_NOT_FOUND,
  handler: ({ account_id, id }, { client, signal }) => client.getApiToken(account_id, id, signal),
});

export const deleteApiToken = defineTool({
  name: "mailtrap_accounts_delete_api_token",
  title: "Delete API token",
  description: "Delete an API token; whatever uses it stops working at once.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: z.looseObject({ deleted: z.literal(true), id: z.number() }),
  annotations: destructive(true),
  notFoundHint: TOKEN_NOT_FOUND,
  checkWith: CHECK_TOKENS,
  confirm: ({ account_id, id }) => `Delete API token ${id} in Mailtrap account ${account_id}? Whatever uses it stops working at once.`,
  handler: async ({ account_id, id }, { client, signal }) => {
    await client.deleteApiToken(account_id, id, signal);
    return { deleted: true as const, id };
  },
});

export const resetApiToken = defineTool({
  name: "mailtrap_accounts_reset_api_token",
  title: "Reset API token",
  description: "Rotate a token: new id and secret (shown once); the old one stops in ~12 h. Once per token.",
  input: z.strictObject({ account_id: accountId, id: apiTokenId }),
  output: api.apiTokenWithSecret,
  annotations: destructive(false),
  notFoundHint: TOKEN_NOT_FOUND,
  checkWith: CHECK_TOKENS,
  proof: NEW_TOKEN,
  confirm: ({ account_id, id }) =>
    `Reset API token ${id} in Mailtrap account ${account_id}? A new token is issued; the old one stops working after about 12 hours.`,
  handler: ({ account_id, id }, { client, signal }) => client.resetApiToken(account_id, id, signal),
});
