// --read-only, --tools, --exclude-tools and the default ids, through a real MCP client.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config.js";
import { TOOLS } from "../src/tools/index.js";
import { selectTools } from "../src/tools/select.js";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

const READS = TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name);

async function withHarness(options: Parameters<typeof startHarness>[0], test: (h: Harness) => Promise<void>) {
  const h = await startHarness(options);
  try {
    await test(h);
    expect(h.transcript()).not.toContain(h.sandbox.token);
  } finally {
    await h.close();
  }
}

describe("tool selection", () => {
  it("read-only lists only the 7 read tools and refuses write tools at dispatch, sending nothing", async () => {
    await withHarness({ flags: ["--read-only"] }, async (h) => {
      const { tools } = await h.mcp.listTools();
      expect(tools.map((t) => t.name)).toEqual(READS);
      expect(READS).toHaveLength(7);
      const result = await h.call("mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8001 });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        "Error: mailtrap_accounts_delete_api_token is refused: the server runs read-only (--read-only / MAILTRAP_READ_ONLY), so write tools are refused. Nothing was sent.",
      );
      expect(h.sandbox.requests).toHaveLength(0);
    });
  });

  it("read-only wins over --tools: only the read tools among those named", async () => {
    await withHarness(
      { flags: ["--read-only", "--tools=get_all_accounts,create_api_token,mailtrap_accounts_get_api_token"] },
      async (h) => {
        const { tools } = await h.mcp.listTools();
        expect(tools.map((t) => t.name)).toEqual(["mailtrap_accounts_get_all_accounts", "mailtrap_accounts_get_api_token"]);
        const refused = await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "x" });
        expect(textOf(refused)).toContain("read-only");
      },
    );
  });

  it("--tools keeps only the named tools (short or full names); others are refused", async () => {
    await withHarness({ flags: ["--tools", "get_all_accounts,mailtrap_accounts_list_api_tokens"] }, async (h) => {
      const { tools } = await h.mcp.listTools();
      expect(tools.map((t) => t.name)).toEqual(["mailtrap_accounts_get_all_accounts", "mailtrap_accounts_list_api_tokens"]);
      const refused = await h.call("mailtrap_accounts_get_resources", { account_id: 1001 });
      expect(textOf(refused)).toMatch(/is refused: it is not enabled on this server/);
      expect(h.sandbox.requests).toHaveLength(0);
    });
  });

  it("--exclude-tools drops the named tools", async () => {
    await withHarness({ env: { MAILTRAP_EXCLUDE_TOOLS: "delete_api_token, reset_api_token" } }, async (h) => {
      const { tools } = await h.mcp.listTools();
      expect(tools).toHaveLength(11);
      expect(tools.map((t) => t.name)).not.toContain("mailtrap_accounts_reset_api_token");
    });
  });

  it("an unknown name stops the start with the list of valid ones", () => {
    expect(() => selectTools(TOOLS, { readOnly: false, tools: ["get_all_acounts"], excludeTools: [] })).toThrow(ConfigError);
    expect(() => selectTools(TOOLS, { readOnly: false, tools: undefined, excludeTools: ["nope"] })).toThrow(
      /--exclude-tools \/ MAILTRAP_EXCLUDE_TOOLS names an unknown tool "nope"\. Valid tools .*get_all_accounts, get_all_users_in_account/,
    );
  });
});

describe("default account and organization", () => {
  it("MAILTRAP_ACCOUNT_ID makes account_id optional (nullable, as strict mode takes it), says so, and fills it in", async () => {
    await withHarness({ env: { MAILTRAP_ACCOUNT_ID: "1002" } }, async (h) => {
      const { tools } = await h.mcp.listTools();
      const listTokens = tools.find((t) => t.name === "mailtrap_accounts_list_api_tokens")!;
      expect(listTokens.inputSchema.properties?.account_id).toEqual({
        anyOf: [{ type: "integer" }, { type: "null" }],
        description: "Default 1002 (MAILTRAP_ACCOUNT_ID)",
      });
      const getToken = tools.find((t) => t.name === "mailtrap_accounts_get_api_token")!;
      expect(getToken.inputSchema.required).toEqual(["account_id", "id"]);

      // Left out, or null as strict-mode models send it: the default.
      for (const args of [{}, { account_id: null }]) {
        const result = await h.call("mailtrap_accounts_list_api_tokens", args);
        expect(result.isError, textOf(result)).toBeFalsy();
        expect(h.sandbox.requests.at(-1)?.path).toBe("/api/accounts/1002/api_tokens");
      }
    });
  });

  it("an explicit account_id still wins over the default, and typos are still refused", async () => {
    await withHarness({ env: { MAILTRAP_ACCOUNT_ID: "1002" } }, async (h) => {
      await h.call("mailtrap_accounts_get_api_token", { account_id: 1001, id: 8001 });
      expect(h.sandbox.requests.at(-1)?.path).toBe("/api/accounts/1001/api_tokens/8001");
      const typo = await h.call("mailtrap_accounts_get_api_token", { acount_id: 1001, id: 8001 });
      expect(textOf(typo)).toContain('unknown parameter "acount_id"');
    });
  });

  it("MAILTRAP_ORGANIZATION_ID does the same for organization_id", async () => {
    await withHarness({ env: { MAILTRAP_API_TOKEN: "0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501", MAILTRAP_ORGANIZATION_ID: "501" } }, async (h) => {
      const result = await h.call("mailtrap_accounts_create_organization_sub_account", { account: { name: "Ops" } });
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(h.sandbox.requests.at(-1)).toMatchObject({
        method: "POST",
        path: "/api/organizations/501/sub_accounts",
        json: { account: { name: "Ops" } },
      });
      // The tool's own check (name or account.name) survives the default: neither is still refused.
      expect(textOf(await h.call("mailtrap_accounts_create_organization_sub_account", {}))).toContain("name is required");
    });
  });

  it("MAILTRAP_ORGANIZATION_API_TOKEN is used for the organization tools only", async () => {
    await withHarness({ env: { MAILTRAP_ORGANIZATION_API_TOKEN: "0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501" } }, async (h) => {
      const subAccounts = await h.call("mailtrap_accounts_get_organization_sub_accounts", { organization_id: 501 });
      expect(subAccounts.isError, textOf(subAccounts)).toBeFalsy();
      expect(h.sandbox.requests.at(-1)?.headers.authorization).toBe("Bearer 0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501");
      await h.call("mailtrap_accounts_get_all_accounts");
      expect(h.sandbox.requests.at(-1)?.headers.authorization).toBe(`Bearer ${h.sandbox.token}`);
      expect(h.transcript()).not.toContain("0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501");
    });
  });
});
