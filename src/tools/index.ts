// The registry: all 13 tools, in one place. README tables and the tools/list snapshot are checked against it.

import { deleteAccountAccessById, getAllUsersInAccount } from "./account-accesses.js";
import { getAllAccounts } from "./accounts.js";
import { createApiToken, deleteApiToken, getApiToken, listApiTokens, resetApiToken } from "./api-tokens.js";
import { getAccountBillingUsage } from "./billing.js";
import type { ToolDefinition } from "./define.js";
import { createOrganizationSubAccount, getOrganizationSubAccounts } from "./organizations.js";
import { getResources, updateUserPermissions } from "./permissions.js";

export const TOOLS: readonly ToolDefinition[] = [
  getAllAccounts,
  getAllUsersInAccount,
  deleteAccountAccessById,
  updateUserPermissions,
  getResources,
  listApiTokens,
  createApiToken,
  getApiToken,
  deleteApiToken,
  resetApiToken,
  getAccountBillingUsage,
  getOrganizationSubAccounts,
  createOrganizationSubAccount,
] as unknown as readonly ToolDefinition[];
