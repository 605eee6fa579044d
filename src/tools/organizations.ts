import { z } from "zod";
import * as api from "../mailtrap/schemas.js";
import { CREATE, READ, defineTool } from "./define.js";
import { name, organizationId } from "./params.js";

const ORG_NOT_FOUND = "Check organization_id.";

export const getOrganizationSubAccounts = defineTool({
  name: "mailtrap_accounts_get_organization_sub_accounts",
  title: "List sub-accounts",
  description:
    "List an organization's sub-accounts (id, name). Needs an organization-level API token and a Business or Enterprise plan.",
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
  description: "Create a sub-account in an organization; returns its id and name. Needs an organization-level API token.",
  input: z.strictObject({
    organization_id: organizationId,
    account: z.strictObject({ name: name("Sub-account name") }),
  }),
  output: api.subAccount,
  annotations: CREATE,
  scope: "organization",
  notFoundHint: ORG_NOT_FOUND,
  handler: ({ organization_id, account }, { client, signal }) => client.createSubAccount(organization_id, account, signal),
});
