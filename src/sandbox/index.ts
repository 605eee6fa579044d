// Public surface of the loopback Mailtrap sandbox.

export type {
  AccessPermissions,
  AccessResource,
  AccessResourceType,
  AccountAccess,
  ApiTokenSpecifier,
  BillingUsage,
  CredentialGrant,
  InviteSpecifier,
  Project,
  SandboxAccount,
  SandboxCredential,
  SandboxOrganization,
  SandboxState,
  SendingDomain,
  StoredAccess,
  StoredApiToken,
  UserSpecifier,
} from "./data.js";
export { createSampleState, SAMPLE_SECRETS } from "./data.js";
export { JSON_CONTENT_TYPE } from "./http.js";
export { groupQuery } from "./query.js";
export type { Exchange, Interceptor, Sandbox, SandboxOptions } from "./server.js";
export { startSandbox } from "./server.js";
export type { ApiTokenJson, ApiTokenWithTokenJson, PermissionResourceNode } from "./views.js";
