import { z } from "zod";
import * as api from "../mailtrap/schemas.js";
import { READ, defineTool } from "./define.js";

export const getAllAccounts = defineTool({
  name: "mailtrap_accounts_get_all_accounts",
  title: "List accounts",
  description:
    "List the Mailtrap accounts this token can access: id, name, access_levels (1000 owner, 100 admin, 10 viewer). Start here: the id is the account_id every other tool takes.",
  input: z.strictObject({}),
  output: z.looseObject({ accounts: z.array(api.account) }),
  annotations: READ,
  handler: async (_args, { client, signal }) => ({ accounts: await client.listAccounts(signal) }),
});
