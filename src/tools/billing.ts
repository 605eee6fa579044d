import { z } from "zod";
import * as api from "../mailtrap/schemas.js";
import { READ, defineTool } from "./define.js";
import { accountId } from "./params.js";

export const getAccountBillingUsage = defineTool({
  name: "mailtrap_accounts_get_account_billing_usage",
  title: "Billing usage",
  description:
    "The current billing cycle's dates and, per product the account has (testing = sandbox, sending), the plan and usage against its limits.",
  input: z.strictObject({ account_id: accountId }),
  output: api.billingUsage,
  annotations: READ,
  notFoundHint: "Check account_id (get_all_accounts lists them).",
  handler: ({ account_id }, { client, signal }) => client.getBillingUsage(account_id, signal),
});
