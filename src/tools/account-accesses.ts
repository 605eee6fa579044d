import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { defineTool, destructive, READ } from "./define.js";
import { ACCOUNT_NOT_FOUND, accountAccessId, accountId, idString, list } from "./params.js";

const idFilter = list(idString);

/**
 * The spec lets an ApiToken access carry the token's value. Managing access never needs another token's
 * secret, and a model's context is no place for one: keep only its last 4 characters.
 */
function maskTokenValue(access: api.AccountAccess): api.AccountAccess {
  const token = access.specifier?.token;
  if (access.specifier_type !== "ApiToken" || typeof token !== "string" || token.length <= 4) return access;
  return { ...access, specifier: { ...access.specifier, token: `…${token.slice(-4)}` } };
}

export const getAllUsersInAccount = defineTool({
  name: "mailtrap_accounts_get_all_users_in_account",
  title: "List account accesses",
  description: "Who can access an account (users, invites, API tokens), at what level; each id is an account_access_id. Needs admin.",
  input: z.strictObject({
    account_id: accountId,
    project_ids: idFilter,
    inbox_ids: idFilter,
    domain_ids: idFilter,
  }),
  output: z.looseObject({ account_accesses: z.array(api.accountAccess) }),
  annotations: READ,
  notFoundHint: ACCOUNT_NOT_FOUND,
  handler: async ({ account_id, ...filters }, { client, signal }) => ({
    account_accesses: (await client.listAccountAccesses(account_id, filters, signal)).map(maskTokenValue),
  }),
});

export const deleteAccountAccessById = defineTool({
  name: "mailtrap_accounts_delete_account_access_by_id",
  title: "Remove account access",
  description: "Remove an access: a user loses permissions; an invite or API token is deleted.",
  input: z.strictObject({ account_id: accountId, account_access_id: accountAccessId }),
  output: z.looseObject({ deleted: z.literal(true), id: z.number() }),
  annotations: destructive(true),
  notFoundHint: "No such access: get_all_users_in_account lists valid account_access_id values.",
  checkWith: "get_all_users_in_account",
  confirm: ({ account_id, account_access_id }) =>
    `Remove account access ${account_access_id} from Mailtrap account ${account_id}? A user loses their permissions; an invite or API token is deleted with it.`,
  handler: async ({ account_id, account_access_id }, { client, signal }) => {
    const result = await client.deleteAccountAccess(account_id, account_access_id, signal);
    // The server composes this result: nothing in the reply may contradict what was asked and done.
    return { ...result, deleted: true as const, id: account_access_id };
  },
});
