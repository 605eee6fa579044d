import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { CREATE, defineTool, READ } from "./define.js";
import { alwaysSent, unlisted } from "./json-schema.js";
import { name, organizationId } from "./params.js";

const ORG_NOT_FOUND = "Check organization_id.";

export const getOrganizationSubAccounts = defineTool({
  name: "mailtrap_accounts_get_organization_sub_accounts",
  title: "List sub-accounts",
  description:
    "An organization's sub-accounts (organization token). organization_id: a resource of type organization in get_all_users_in_account.",
  input: z.strictObject({ organization_id: organizationId }),
  output: z.looseObject({ sub_accounts: z.array(api.subAccount) }),
  annotations: READ,
  scope: "organization",
  notFoundHint: ORG_NOT_FOUND,
  handler: async ({ organization_id }, { client, signal }) => ({
    sub_accounts: await client.listSubAccounts(organization_id, signal),
  }),
});

export const createOrganizationSubAccount = defineTool({
  name: "mailtrap_accounts_create_organization_sub_account",
  title: "Create sub-account",
  description: "Create a sub-account in an organization (organization token).",
  // The model is shown a flat name; the API's own nesting, {account: {name}}, is still taken.
  input: z
    .strictObject({
      organization_id: organizationId,
      name: alwaysSent(name().optional()),
      account: unlisted(z.strictObject({ name: name() }).optional()),
    })
    .check((ctx) => {
      const { name, account } = ctx.value;
      if (name !== undefined && account !== undefined) {
        ctx.issues.push({ code: "custom", path: ["name"], message: "give name or account.name, not both", input: undefined });
      } else if (name === undefined && account === undefined) {
        ctx.issues.push({ code: "custom", path: ["name"], message: "is required", input: undefined });
      }
    }),
  output: api.subAccount,
  annotations: CREATE,
  scope: "organization",
  notFoundHint: ORG_NOT_FOUND,
  checkWith: "get_organization_sub_accounts",
  proof: {
    fields: ["id"],
    missing:
      "the reply did not include the new sub-account's id: list the sub-accounts (get_organization_sub_accounts) to see whether it was made",
  },
  handler: ({ organization_id, name, account }, { client, signal }) =>
    // The check above guarantees one of the two.
    client.createSubAccount(organization_id, { name: name ?? account?.name ?? "" }, signal),
});
