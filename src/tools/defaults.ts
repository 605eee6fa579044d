// MAILTRAP_ACCOUNT_ID / MAILTRAP_ORGANIZATION_ID: the id parameter becomes optional, its description names
// the default, and the default fills in when the model leaves it out. An explicit argument still wins.
import type { z } from "zod";
import type { ToolDefinition } from "./define.js";
import { accountId, optional, organizationId } from "./params.js";

export interface IdDefaults {
  accountId?: number | undefined;
  organizationId?: number | undefined;
}

const PARAMS = [
  { key: "account_id", schema: accountId, pick: (d: IdDefaults) => d.accountId, variable: "MAILTRAP_ACCOUNT_ID" },
  { key: "organization_id", schema: organizationId, pick: (d: IdDefaults) => d.organizationId, variable: "MAILTRAP_ORGANIZATION_ID" },
] as const;

export function withIdDefaults(tool: ToolDefinition, defaults: IdDefaults): ToolDefinition {
  const shape = tool.input.shape as Record<string, z.ZodType>;
  const fills: Record<string, number> = {};
  const overrides: Record<string, z.ZodType> = {};
  for (const param of PARAMS) {
    const value = param.pick(defaults);
    if (value === undefined || !(param.key in shape)) continue;
    fills[param.key] = value;
    overrides[param.key] = optional(param.schema).describe(`Default ${value} (${param.variable})`);
  }
  if (Object.keys(fills).length === 0) return tool;
  const filled = (args: Record<string, unknown>) => ({ ...fills, ...stripUndefined(args) });
  const { confirm } = tool;
  return {
    ...tool,
    // safeExtend keeps the tool's own checks (extend refuses a schema that has any).
    input: tool.input.safeExtend(overrides),
    handler: (args, context) => tool.handler(filled(args), context),
    ...(confirm ? { confirm: (args: Record<string, unknown>) => confirm(filled(args)) } : {}),
  };
}

function stripUndefined(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}
