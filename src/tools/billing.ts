import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { defineTool, READ } from "./define.js";
import { ACCOUNT_NOT_FOUND, accountId } from "./params.js";

export const getAccountBillingUsage = defineTool({
  name: "mailtrap_accounts_get_account_billing_usage",
  title: "Billing usage",
  description: "Billing cycle; per product (testing = sandbox, sending): plan, usage, limits.",
  input: z.strictObject({ account_id: accountId }),
  output: api.billingUsage,
  annotations: READ,
  notFoundHint: ACCOUNT_NOT_FOUND,
  handler: ({ account_id }, { client, signal }) => client.getBillingUsage(account_id, signal),
});
