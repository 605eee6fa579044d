// Input parameters shared by several tools, each with a bound and a message that a model can act on.
import * as z from "zod";

const positiveInteger = (iss: { input: unknown }) =>
  iss.input === undefined ? "is required" : "must be a positive integer";

/**
 * A positive safe integer id (at most 2^53-1): only these are ever put into a URL path. The lower bound is
 * a refinement, not `minimum`, so the advertised schema stays `{"type":"integer"}`: a model never needs it.
 */
const id = () => z.int({ error: positiveInteger }).refine((n) => n >= 1, { error: positiveInteger });

// Where each id comes from is said once, in the tool and server descriptions, not on every parameter.
export const accountId = id();
export const accountAccessId = id();
export const apiTokenId = id();
export const organizationId = id();

/** The 404 hint of every tool whose only id is account_id. */
export const ACCOUNT_NOT_FOUND = "Check account_id (get_all_accounts lists them).";

export const NAME_MAX = 255;
export const name = () =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .trim()
    // Refinements, not minLength/maxLength: enforced with a clear message, not paid for in every tool list.
    .refine((s) => s.length >= 1, { error: "must not be empty or blank" })
    .refine((s) => s.length <= NAME_MAX, { error: `must be at most ${NAME_MAX} characters` });

/** A numeric id sent as a string (the access filters take strings); checked by refinement to keep the schema small. */
export const idString = z
  .string()
  .refine((s) => /^[1-9]\d{0,15}$/.test(s), { error: "must be a numeric id string such as \"3938\"" });

/** A resource id given as an integer or a numeric string. */
export const resourceId = z.union([z.int().refine((n) => n >= 1, { error: "must be at least 1" }), idString], {
  error: "must be a positive integer or a numeric string",
});

/** Lists are bounded so one call cannot turn into an enormous request (a refinement: see name()). */
export const LIST_MAX = 100;
export const boundedList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((list) => list.length <= LIST_MAX, { error: `must have at most ${LIST_MAX} items` });
