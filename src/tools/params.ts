// Input parameters shared by several tools, each with a bound and a message that a model can act on.
import { z } from "zod";

const positiveInteger = (iss: { input: unknown }) =>
  iss.input === undefined ? "is required" : "must be a positive integer";

/** A positive safe integer id (at most 2^53-1): only these are ever put into a URL path. */
export const id = (description: string) =>
  z.int({ error: positiveInteger }).min(1, { error: positiveInteger }).describe(description);

export const accountId = id("From get_all_accounts");
export const accountAccessId = id("Access id from get_all_users_in_account");
export const apiTokenId = id("Token id from list_api_tokens");
export const organizationId = id("Organization id; an access with resource_type organization in get_all_users_in_account carries it");

export const NAME_MAX = 255;
export const name = (description: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .trim()
    .min(1, { error: "must not be empty" })
    .max(NAME_MAX, { error: `must be at most ${NAME_MAX} characters` })
    .describe(description);

/** A numeric id sent as a string (the access filters take strings). */
export const idString = z.string().regex(/^[1-9]\d{0,15}$/, { error: "must be a numeric id string such as \"3938\"" });

/** A resource id given as an integer or a numeric string. */
export const resourceId = z.union([z.int().min(1), idString], { error: "must be a positive integer or a numeric string" });

/** Lists are bounded so one call cannot turn into an enormous request. */
export const LIST_MAX = 100;
