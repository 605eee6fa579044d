// Input parameters shared by several tools, each with a bound and a message that a model can act on.
import * as z from "zod";
import { advertise, alwaysSent } from "./json-schema.js";

const positiveInteger = (iss: { input: unknown }) => (iss.input === undefined ? "is required" : "must be a positive integer");

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

const NAME_MAX = 255;
export const name = () =>
  z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be a string") })
    .trim()
    // Refinements, not minLength/maxLength: enforced with a clear message, not paid for in every tool list.
    .refine((s) => s.length >= 1, { error: "must not be empty or blank" })
    .refine((s) => s.length <= NAME_MAX, { error: `must be at most ${NAME_MAX} characters` });

/** A numeric id sent as a string (the access filters take strings); checked by refinement to keep the schema small. */
export const idString = z.string().refine((s) => /^[1-9]\d{0,15}$/.test(s), { error: 'must be a numeric id string such as "3938"' });

/**
 * An optional parameter. It is advertised as nullable and required, the form OpenAI strict mode takes (every
 * property listed); null and a missing key both mean "not given", so the handler sees undefined for either.
 */
export const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

const resourceIdInput = z.union([z.int().refine((n) => n >= 1, { error: "must be at least 1" }), idString], {
  error: "must be a positive integer or a numeric string",
});

/** A resource id as get_resources gives it (an integer); a numeric string is taken too. Sent as a string. */
export const resourceIdString = advertise(resourceIdInput.transform(String), { type: "integer" });

/** The same, sent as an integer (the API-token endpoints' form). */
export const resourceIdNumber = advertise(
  resourceIdInput.refine((id) => Number.isSafeInteger(Number(id)), { error: "must be at most 9007199254740991" }).transform(Number),
  { type: "integer" },
);

/** An access level: "admin" or "viewer" is what the model sees; the API's numbers 100 and 10 are taken too. */
export const ACCESS_LEVELS = ["admin", "viewer"] as const;
const LEVEL_NUMBER = { admin: 100, viewer: 10 } as const;
export const LEVEL_NAME = { 100: "admin", 10: "viewer" } as const;

/** Sent as 100 / 10: the API-token endpoints take only the integers. */
export const accessLevelNumber = advertise(
  z
    .union([z.enum(ACCESS_LEVELS), z.literal([100, 10])], { error: 'must be "admin" or "viewer"' })
    .transform((level) => (typeof level === "number" ? level : LEVEL_NUMBER[level])),
  { type: "string", enum: ACCESS_LEVELS },
);

/** Lists are bounded so one call cannot turn into an enormous request (a refinement: see name()). */
const LIST_MAX = 100;
export const boundedList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((list) => list.length <= LIST_MAX, { error: `must have at most ${LIST_MAX} items` });

/** A list parameter, shown as a required array (an empty list means none); absent or null is taken as empty. */
export const list = <T extends z.ZodType>(item: T) =>
  alwaysSent(
    boundedList(item)
      .nullish()
      .transform((items) => items ?? []),
  );
