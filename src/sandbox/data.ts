// Seed data for the loopback Mailtrap sandbox: the state types and realistic sample data.

/** Resource types an account access (or bulk permission) can point at. */
export type AccessResourceType =
  | "account"
  | "billing"
  | "organization"
  | "project"
  | "inbox"
  | "sending_domain"
  | "email_campaign_permission_scope";

/** One permission of a specifier, as the AccountAccess schema and the ApiToken schema carry it. */
export interface AccessResource {
  resource_id: number;
  resource_type: AccessResourceType;
  /** 1000 owner, 100 admin, 50 viewer+, 10 viewer, 1 indeterminate. */
  access_level: number;
}

export interface AccessPermissions {
  can_read: boolean;
  can_update: boolean;
  can_destroy: boolean;
  can_leave: boolean;
}

export interface UserSpecifier {
  id: number;
  email: string;
  name: string;
  two_factor_authentication_enabled: boolean;
}

export interface InviteSpecifier {
  id: number;
  email: string;
}

export interface ApiTokenSpecifier {
  id: number;
  name: string;
  author_name: string;
  /** Masked: the sandbox never reveals a secret outside create/reset. */
  token: string;
  expires_at: string | null;
}

/** A User or Invite access as stored (ApiToken accesses are derived from `apiTokens`). */
export type StoredAccess =
  | { id: number; specifier_type: "User"; specifier: UserSpecifier; resources: AccessResource[]; permissions: AccessPermissions }
  | { id: number; specifier_type: "Invite"; specifier: InviteSpecifier; resources: AccessResource[]; permissions: AccessPermissions };

/** The wire shape of GET .../account_accesses items. */
export type AccountAccess =
  | StoredAccess
  | { id: number; specifier_type: "ApiToken"; specifier: ApiTokenSpecifier; resources: AccessResource[]; permissions: AccessPermissions };

/** An account API token; its permissions double as its ApiToken account access (`accessId`). */
export interface StoredApiToken {
  id: number;
  /** The account_access_id of the ApiToken access that carries this token's permissions. */
  accessId: number;
  name: string;
  secret: string;
  created_by: string;
  expires_at: string | null;
  resources: AccessResource[];
}

export interface Inbox {
  id: number;
  name: string;
}

export interface Project {
  id: number;
  name: string;
  inboxes: Inbox[];
}

export interface SendingDomain {
  id: number;
  name: string;
}

export interface UsageCounter {
  current: number;
  limit: number;
}

/** GET .../billing/usage; each product block is present only when the account has that plan. */
export interface BillingUsage {
  billing: { cycle_start: string; cycle_end: string };
  testing?: { plan: { name: string }; usage: { sent_messages_count: UsageCounter; forwarded_messages_count: UsageCounter } };
  sending?: { plan: { name: string }; usage: { sent_messages_count: UsageCounter } };
}

export interface SandboxAccount {
  id: number;
  name: string;
  organizationId: number | null;
  projects: Project[];
  sendingDomains: SendingDomain[];
  accesses: StoredAccess[];
  apiTokens: StoredApiToken[];
  billingUsage: BillingUsage;
}

export interface SandboxOrganization {
  id: number;
  name: string;
}

/** What a UI-made credential (not listed under api_tokens) may reach. */
export type CredentialGrant =
  | { kind: "account"; accounts: Array<{ accountId: number; accessLevel: number }> }
  | { kind: "organization"; organizationId: number };

/** A token made in the web UI: the very first token cannot come from the API. */
export interface SandboxCredential {
  secret: string;
  /** Shown as `created_by` of tokens this credential creates. */
  displayName: string;
  grant: CredentialGrant;
}

export interface SandboxState {
  organizations: SandboxOrganization[];
  accounts: SandboxAccount[];
  credentials: SandboxCredential[];
  /** Next ids handed out by writes, so deleted ids are never reused. */
  sequences: { account: number; accountAccess: number; apiToken: number };
}

/** Secrets of the sample data: 32 lowercase hex digits like real Mailtrap tokens. */
export const SAMPLE_SECRETS = {
  account: "3f7a9c2e5b1d48e6a0c4f8b2d6e1a001",
  organization: "0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501",
  ciDeploy: "c1d2e3f4a5b6c7d8e9f0a1b2c3d48001",
  transactionalSender: "9b8a7f6e5d4c3b2a1f0e9d8c7b6a8002",
  qaReader: "4e5f6a7b8c9d0e1f2a3b4c5d6e7f8003",
  stagingCi: "7a6b5c4d3e2f1a0b9c8d7e6f5a4b8101",
  globexAdmin: "2d3e4f5a6b7c8d9e0f1a2b3c4d5e8201",
} as const;

const FULL: AccessPermissions = { can_read: true, can_update: true, can_destroy: true, can_leave: false };
const MEMBER: AccessPermissions = { can_read: true, can_update: true, can_destroy: true, can_leave: true };

function acc(resource_type: AccessResourceType, resource_id: number, access_level: number): AccessResource {
  return { resource_id, resource_type, access_level };
}

function acmeCorp(): SandboxAccount {
  return {
    id: 1001,
    name: "Acme Corp",
    organizationId: 501,
    projects: [
      {
        id: 3001,
        name: "Transactional",
        inboxes: [
          { id: 4001, name: "Staging" },
          { id: 4002, name: "QA" },
          { id: 4003, name: "Password resets" },
        ],
      },
      {
        id: 3002,
        name: "Marketing",
        inboxes: [
          { id: 4004, name: "Newsletters" },
          { id: 4005, name: "Campaign previews" },
        ],
      },
    ],
    sendingDomains: [
      { id: 5001, name: "acme.com" },
      { id: 5002, name: "mail.acme.com" },
    ],
    accesses: [
      {
        id: 7001,
        specifier_type: "User",
        specifier: { id: 6001, email: "jane.doe@acme.example", name: "Jane Doe", two_factor_authentication_enabled: true },
        resources: [acc("account", 1001, 1000), acc("organization", 501, 1000)],
        permissions: { ...FULL },
      },
      {
        id: 7002,
        specifier_type: "User",
        specifier: { id: 6002, email: "john.smith@acme.example", name: "John Smith", two_factor_authentication_enabled: false },
        resources: [acc("project", 3001, 100), acc("inbox", 4004, 10)],
        permissions: { ...MEMBER },
      },
      {
        id: 7003,
        specifier_type: "User",
        specifier: { id: 6003, email: "maria.garcia@acme.example", name: "Maria Garcia", two_factor_authentication_enabled: true },
        resources: [acc("inbox", 4002, 10), acc("sending_domain", 5001, 10)],
        permissions: { ...MEMBER },
      },
      {
        id: 7004,
        specifier_type: "Invite",
        specifier: { id: 6501, email: "new.hire@acme.example" },
        resources: [acc("project", 3002, 10)],
        permissions: { can_read: true, can_update: true, can_destroy: true, can_leave: false },
      },
    ],
    apiTokens: [
      {
        id: 8001,
        accessId: 7005,
        name: "CI deploy",
        secret: SAMPLE_SECRETS.ciDeploy,
        created_by: "Jane Doe",
        expires_at: null,
        resources: [acc("account", 1001, 100)],
      },
      {
        id: 8002,
        accessId: 7006,
        name: "Transactional sender",
        secret: SAMPLE_SECRETS.transactionalSender,
        created_by: "Jane Doe",
        expires_at: null,
        resources: [acc("sending_domain", 5002, 100)],
      },
      {
        id: 8003,
        accessId: 7007,
        name: "QA inbox reader",
        secret: SAMPLE_SECRETS.qaReader,
        created_by: "John Smith",
        expires_at: null,
        resources: [acc("project", 3001, 10), acc("inbox", 4002, 10)],
      },
    ],
    billingUsage: {
      billing: { cycle_start: "2026-02-06T12:59:54.000Z", cycle_end: "2026-03-06T12:59:54.000Z" },
      testing: {
        plan: { name: "Team" },
        usage: { sent_messages_count: { current: 1234, limit: 5000 }, forwarded_messages_count: { current: 12, limit: 500 } },
      },
      sending: { plan: { name: "Basic 10K" }, usage: { sent_messages_count: { current: 6789, limit: 10000 } } },
    },
  };
}

function acmeStaging(): SandboxAccount {
  return {
    id: 1002,
    name: "Acme Staging",
    organizationId: 501,
    projects: [
      {
        id: 3101,
        name: "Staging apps",
        inboxes: [
          { id: 4101, name: "Dev" },
          { id: 4102, name: "CI" },
        ],
      },
      { id: 3102, name: "Mobile", inboxes: [{ id: 4103, name: "iOS builds" }] },
    ],
    sendingDomains: [{ id: 5101, name: "staging.acme.com" }],
    accesses: [
      {
        id: 7101,
        specifier_type: "User",
        specifier: { id: 6004, email: "sam.lee@acme.example", name: "Sam Lee", two_factor_authentication_enabled: true },
        resources: [acc("account", 1002, 1000), acc("organization", 501, 1000)],
        permissions: { ...FULL },
      },
      {
        id: 7102,
        specifier_type: "User",
        specifier: { id: 6001, email: "jane.doe@acme.example", name: "Jane Doe", two_factor_authentication_enabled: true },
        resources: [acc("account", 1002, 100)],
        permissions: { ...MEMBER },
      },
      {
        id: 7103,
        specifier_type: "Invite",
        specifier: { id: 6502, email: "qa.contractor@example.com" },
        resources: [acc("inbox", 4102, 10)],
        permissions: { can_read: true, can_update: true, can_destroy: true, can_leave: false },
      },
    ],
    apiTokens: [
      {
        id: 8101,
        accessId: 7104,
        name: "Staging CI",
        secret: SAMPLE_SECRETS.stagingCi,
        created_by: "Sam Lee",
        expires_at: null,
        resources: [acc("project", 3101, 100)],
      },
    ],
    billingUsage: {
      billing: { cycle_start: "2026-02-14T08:00:00.000Z", cycle_end: "2026-03-14T08:00:00.000Z" },
      testing: {
        plan: { name: "Individual" },
        usage: { sent_messages_count: { current: 87, limit: 1000 }, forwarded_messages_count: { current: 0, limit: 100 } },
      },
    },
  };
}

// An account outside the organization that the sample tokens cannot reach (403 cases).
function globex(): SandboxAccount {
  return {
    id: 1003,
    name: "Globex",
    organizationId: null,
    projects: [{ id: 3201, name: "Default", inboxes: [{ id: 4201, name: "My Inbox" }] }],
    sendingDomains: [{ id: 5201, name: "globex.example" }],
    accesses: [
      {
        id: 7201,
        specifier_type: "User",
        specifier: { id: 6010, email: "hank@globex.example", name: "Hank Scorpio", two_factor_authentication_enabled: false },
        resources: [acc("account", 1003, 1000)],
        permissions: { ...FULL },
      },
    ],
    apiTokens: [
      {
        id: 8201,
        accessId: 7202,
        name: "Globex admin",
        secret: SAMPLE_SECRETS.globexAdmin,
        created_by: "Hank Scorpio",
        expires_at: null,
        resources: [acc("account", 1003, 100)],
      },
    ],
    billingUsage: {
      billing: { cycle_start: "2026-02-01T00:00:00.000Z", cycle_end: "2026-03-01T00:00:00.000Z" },
      sending: { plan: { name: "Business 100K" }, usage: { sent_messages_count: { current: 45210, limit: 100000 } } },
    },
  };
}

/** A fresh, independent copy of the sample data (writes never leak between sandboxes). */
export function createSampleState(): SandboxState {
  return {
    organizations: [{ id: 501, name: "Acme Group" }],
    accounts: [acmeCorp(), acmeStaging(), globex()],
    credentials: [
      {
        secret: SAMPLE_SECRETS.account,
        displayName: "Jane Doe",
        grant: {
          kind: "account",
          accounts: [
            { accountId: 1001, accessLevel: 1000 },
            { accountId: 1002, accessLevel: 100 },
          ],
        },
      },
      {
        secret: SAMPLE_SECRETS.organization,
        displayName: "Acme Group organization token",
        grant: { kind: "organization", organizationId: 501 },
      },
    ],
    sequences: { account: 1004, accountAccess: 7301, apiToken: 8301 },
  };
}
