// Bad arguments are refused before any request: the message names the parameter, and the API sees nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  expect(h.transcript()).not.toContain(h.sandbox.token);
  await h.close();
});
beforeEach(() => h.sandbox.reset());

const P = "mailtrap_accounts_";
const perm = { resource_id: "3001", resource_type: "project", access_level: "viewer" };
const tokenResource = { resource_type: "account", resource_id: 1001, access_level: 100 };

// [tool, arguments, the parameter path the message must name, a phrase it must contain]
const CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ["get_all_accounts", { account_id: 1 }, "arguments", 'unknown parameter "account_id"'],
  ["get_all_users_in_account", {}, "account_id", "is required"],
  ["get_all_users_in_account", { account_id: "1001" }, "account_id", "must be a positive integer"],
  ["get_all_users_in_account", { account_id: 0 }, "account_id", "must be a positive integer"],
  ["get_all_users_in_account", { account_id: 1.5 }, "account_id", "must be a positive integer"],
  ["get_all_users_in_account", { account_id: 2 ** 53 }, "account_id", "must be a positive integer"],
  ["get_all_users_in_account", { account_id: 1001, project_ids: "3001" }, "project_ids", "must be an array"],
  ["get_all_users_in_account", { account_id: 1001, inbox_ids: [4001] }, "inbox_ids[0]", "must be"],
  ["get_all_users_in_account", { account_id: 1001, domain_ids: ["1&x=2"] }, "domain_ids[0]", "numeric id string"],
  ["get_all_users_in_account", { account_id: 1001, project_ids: Array(101).fill("1") }, "project_ids", "at most 100"],
  ["delete_account_access_by_id", { account_id: 1001 }, "account_access_id", "is required"],
  ["delete_account_access_by_id", { account_id: 1001, account_access_id: "7001/../../x" }, "account_access_id", "positive integer"],
  ["update_user_permissions", { account_id: 1001, account_access_id: 7002, permissions: {} }, "permissions", "must be an array"],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, resource_type: "team" }] },
    "permissions[0].resource_type",
    'must be one of "account"',
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, access_level: "owner" }] },
    "permissions[0].access_level",
    'must be "admin", "viewer" or "remove" (got "owner")',
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, _destroy: "false" }] },
    "permissions[0]._destroy",
    "boolean",
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ resource_id: "3001", resource_type: "project" }] },
    "permissions[0].access_level",
    'is required ("admin", "viewer" or "remove")',
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, resource_id: -3 }] },
    "permissions[0].resource_id",
    "must be at least 1",
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, resource_id: true }] },
    "permissions[0].resource_id",
    "positive integer or a numeric string",
  ],
  [
    "update_user_permissions",
    { account_id: 1001, account_access_id: 7002, permissions: [{ ...perm, extra: 1 }] },
    "permissions[0]",
    'unknown parameter "extra"',
  ],
  ["get_resources", { account_id: null }, "account_id", "must be a positive integer"],
  ["list_api_tokens", { account_id: -1 }, "account_id", "must be a positive integer"],
  ["create_api_token", { account_id: 1001 }, "name", "is required"],
  ["create_api_token", { account_id: 1001, name: "   " }, "name", "must not be empty"],
  ["create_api_token", { account_id: 1001, name: "x".repeat(256) }, "name", "at most 255 characters"],
  [
    "create_api_token",
    { account_id: 1001, name: "ok", resources: [{ ...tokenResource, access_level: 1000 }] },
    "resources[0].access_level",
    'must be "admin" or "viewer" (got 1000)',
  ],
  [
    "create_api_token",
    { account_id: 1001, name: "ok", resources: [{ ...tokenResource, access_level: "owner" }] },
    "resources[0].access_level",
    'must be "admin" or "viewer" (got "owner")',
  ],
  [
    "create_api_token",
    { account_id: 1001, name: "ok", resources: [{ ...tokenResource, resource_type: "billing" }] },
    "resources[0].resource_type",
    "must be one of",
  ],
  [
    "create_api_token",
    { account_id: 1001, name: "ok", resources: [{ resource_type: "account", access_level: 10 }] },
    "resources[0].resource_id",
    "is required",
  ],
  ["get_api_token", { account_id: 1001, id: "8001" }, "id", "must be a positive integer"],
  ["delete_api_token", { account_id: 1001 }, "id", "is required"],
  ["reset_api_token", { id: 8001 }, "account_id", "is required"],
  ["get_account_billing_usage", { account_id: 1001, extra: true }, "arguments", 'unknown parameter "extra"'],
  ["get_organization_sub_accounts", { organization_id: "501" }, "organization_id", "must be a positive integer"],
  ["create_organization_sub_account", { organization_id: 501 }, "name", "is required"],
  ["create_organization_sub_account", { organization_id: 501, name: "  " }, "name", "must not be empty"],
  ["create_organization_sub_account", { organization_id: 501, name: "A", account: { name: "B" } }, "name", "not both"],
  ["create_organization_sub_account", { organization_id: 501, account: { name: "" } }, "account.name", "must not be empty"],
  ["create_organization_sub_account", { organization_id: 501, account: "Team" }, "account", "must be an object"],
];

describe("invalid arguments", () => {
  it("covers every tool", () => {
    const covered = new Set(CASES.map(([tool]) => `${P}${tool}`));
    expect([...covered].sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });

  it.each(CASES)("%s %j is refused, naming %s, and nothing is sent", async (tool, args, param, phrase) => {
    const result = await h.call(`${P}${tool}`, args);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(new RegExp(`^Error: Invalid arguments for ${P}${tool}: `));
    expect(text).toContain(`${param} `);
    expect(text).toContain(phrase);
    expect(text).toMatch(/Nothing was sent\.$/);
    expect(h.sandbox.requests).toHaveLength(0);
  });

  it("an unknown tool name is a clear protocol error", async () => {
    const error = await h.mcp.callTool({ name: "mailtrap_accounts_drop_everything", arguments: {} }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: -32602 });
    // The server's message as it is, with no "MCP error -32602:" folded into it.
    expect((error as Error).message).toBe(
      'Unknown tool "mailtrap_accounts_drop_everything". Call tools/list for the tools this server offers.',
    );
    expect(h.sandbox.requests).toHaveLength(0);
  });

  it("valid arguments with surrounding whitespace in a name are trimmed before sending", async () => {
    await h.call(`${P}create_organization_sub_account`, { organization_id: 501, account: { name: "  Team  " } });
    await h.call(`${P}create_organization_sub_account`, { organization_id: 501, name: "  Ops  " });
    expect(h.sandbox.requests.map((r) => r.json)).toEqual([{ account: { name: "Team" } }, { account: { name: "Ops" } }]);
  });
});
