// Zod schemas of the Mailtrap payloads (the account-scoped OpenAPI spec). They type the client and serve
// as the tools' output schemas, so every object is loose: a field Mailtrap adds later passes through.
import * as z from "zod";

// The spec marks no response field as required, so neither do we: a reply that fits the spec must never
// turn a change Mailtrap made into a reported failure. Types are checked where a field is present.
const isoDate = z.string().nullable();

export const account = z.looseObject({
  id: z.number().optional(),
  name: z.string().optional(),
  access_levels: z.array(z.number()).optional().describe("1000 owner, 100 admin, 10 viewer"),
});

const accessResource = z.looseObject({
  resource_id: z.number().optional(),
  resource_type: z.string().optional(),
  access_level: z.number().optional().describe("1000 owner, 100 admin, 50 viewer+, 10 viewer, 1 indeterminate"),
});

export const accountAccess = z.looseObject({
  id: z.number().optional().describe("account_access_id"),
  specifier_type: z.string().optional().describe("User, Invite or ApiToken"),
  specifier: z.looseObject({}).nullable().optional(),
  resources: z.array(accessResource).optional(),
  permissions: z.looseObject({}).nullable().optional(),
});

export const deletedAccess = z.looseObject({ id: z.number().optional() });

export const message = z.looseObject({ message: z.string().optional() });

// A recursive tree; the getter lets the schema refer to itself.
export interface ResourceNode {
  id?: number;
  name?: string;
  type?: string;
  access_level?: number;
  resources?: ResourceNode[];
  [extra: string]: unknown;
}
export const resourceNode: z.ZodType<ResourceNode> = z.looseObject({
  id: z.number().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  access_level: z.number().optional(),
  get resources() {
    return z.array(resourceNode).optional();
  },
});

const tokenResource = z.looseObject({
  resource_type: z.string().optional(),
  resource_id: z.union([z.number(), z.string()]).optional(),
  access_level: z.number().optional(),
});

export const apiToken = z.looseObject({
  id: z.number().optional(),
  name: z.string().optional(),
  last_4_digits: z.string().nullable().optional(),
  created_by: z.string().nullable().optional(),
  expires_at: isoDate.optional(),
  resources: z.array(tokenResource).optional(),
});

export const apiTokenWithSecret = apiToken.extend({
  token: z.string().optional().describe("the full secret; shown only now"),
});

// Counters are {current, limit} per metric; kept open so a new metric or product never fails validation.
const productUsage = z.looseObject({
  plan: z.looseObject({ name: z.string().optional() }).optional(),
  usage: z.looseObject({}).optional(),
});

export const billingUsage = z.looseObject({
  billing: z.looseObject({ cycle_start: isoDate.optional(), cycle_end: isoDate.optional() }).optional(),
  testing: productUsage.optional(),
  sending: productUsage.optional(),
});

export const subAccount = z.looseObject({ id: z.number().optional(), name: z.string().optional() });

/** 204 answers have no body; whatever comes is ignored. */
export const noContent = z.unknown();

export type Account = z.infer<typeof account>;
export type AccountAccess = z.infer<typeof accountAccess>;

// Request bodies, as the client sends them (validated tool input is mapped onto these).
export const TOKEN_RESOURCE_TYPES = ["account", "project", "inbox", "sending_domain"] as const;
export const PERMISSION_RESOURCE_TYPES = [
  "account",
  "billing",
  "project",
  "inbox",
  "sending_domain",
  "email_campaign_permission_scope",
] as const;

export interface TokenResourceInput {
  resource_type: (typeof TOKEN_RESOURCE_TYPES)[number];
  resource_id: number;
  access_level: 10 | 100;
}

export interface PermissionInput {
  resource_id: string;
  resource_type: (typeof PERMISSION_RESOURCE_TYPES)[number];
  access_level?: "admin" | "viewer";
  _destroy?: true;
}

export interface AccountAccessFilters {
  project_ids?: string[];
  inbox_ids?: string[];
  domain_ids?: string[];
}
