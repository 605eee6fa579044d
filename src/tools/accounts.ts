import * as z from "zod";
import * as api from "../mailtrap/schemas.js";
import { defineTool, READ } from "./define.js";

export const getAllAccounts = defineTool({
  name: "mailtrap_accounts_get_all_accounts",
  title: "List accounts",
  description:
    "Start here: accounts this token can access. id is the account_id other tools take; access_levels: 1000 owner, 100 admin, 10 viewer.",
  input: z.strictObject({}),
  output: z.looseObject({ accounts: z.array(api.account) }),
  annotations: READ,
  handler: async (_args, { client, signal }) => ({ accounts: await client.listAccounts(signal) }),
});
