// The tool surface as clients see it. Any change to a name, schema, description or annotation shows up
// as a diff of test/__snapshots__/tools-list.json in review.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { type Harness, startHarness } from "./helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const READ_TOOLS = [
  "get_all_accounts",
  "get_all_users_in_account",
  "get_resources",
  "list_api_tokens",
  "get_api_token",
  "get_account_billing_usage",
  "get_organization_sub_accounts",
].map((n) => `mailtrap_accounts_${n}`);
const DESTRUCTIVE_TOOLS = ["delete_account_access_by_id", "delete_api_token", "reset_api_token", "update_user_permissions"].map(
  (n) => `mailtrap_accounts_${n}`,
);
const CREATE_TOOLS = ["create_api_token", "create_organization_sub_account"].map((n) => `mailtrap_accounts_${n}`);

describe("tools/list", () => {
  it("matches the reviewed snapshot", async () => {
    const { tools } = await h.mcp.listTools();
    await expect(JSON.stringify(tools, null, 2) + "\n").toMatchFileSnapshot("__snapshots__/tools-list.json");
  });

  it("lists the 13 registry tools in registry order", async () => {
    const { tools } = await h.mcp.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(new Set([...READ_TOOLS, ...DESTRUCTIVE_TOOLS, ...CREATE_TOOLS]).size).toBe(TOOLS.length);
  });

  it("sets all four annotation hints on every tool, as the tool's effect warrants", async () => {
    const { tools } = await h.mcp.listTools();
    for (const tool of tools) {
      const a = tool.annotations!;
      expect(Object.keys(a).sort(), tool.name).toEqual(["destructiveHint", "idempotentHint", "openWorldHint", "readOnlyHint"]);
      expect(a.openWorldHint).toBe(true);
      if (READ_TOOLS.includes(tool.name)) expect([a.readOnlyHint, a.destructiveHint], tool.name).toEqual([true, false]);
      if (DESTRUCTIVE_TOOLS.includes(tool.name)) expect([a.readOnlyHint, a.destructiveHint], tool.name).toEqual([false, true]);
      if (CREATE_TOOLS.includes(tool.name)) {
        expect([a.readOnlyHint, a.destructiveHint, a.idempotentHint], tool.name).toEqual([false, false, false]);
      }
    }
  });

  // The portable form (every input object closed, every property required) costs ~450 B more than the 4,983 B
  // of before, and a tool named in full 18 B a mention: descriptions name another tool only where no parameter
  // name or other description makes the link (the server instructions spell out the rest), and
  // create_organization_sub_account shows a flat name instead of {account: {name}}.
  const MODEL_FACING_BUDGET = 5_000;

  it(`keeps what the model pays for (name, description, input schema) within ${MODEL_FACING_BUDGET} bytes for all 13 tools`, async () => {
    const { tools } = await h.mcp.listTools();
    const bytes = tools.reduce(
      (sum, t) => sum + Buffer.byteLength(JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
      0,
    );
    expect(bytes).toBeLessThanOrEqual(MODEL_FACING_BUDGET);
  });

  it("declares an object outputSchema and a titled, described tool everywhere", async () => {
    const { tools } = await h.mcp.listTools();
    for (const tool of tools) {
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description!.length, tool.name).toBeGreaterThan(40);
      expect(JSON.stringify(tool.inputSchema), tool.name).not.toContain("$schema");
    }
  });
});
