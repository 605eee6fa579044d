// --short-names / MAILTRAP_SHORT_NAMES: the tools are served without the mailtrap_accounts_ prefix, and everything
// the model reads (descriptions, instructions, 404 hints) names them as served. tools/call takes only the served
// spelling; the other one is refused with the served name, and nothing is sent.
import { describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { INITIALIZE, INITIALIZED, spawnBin } from "./helpers/bin.js";
import { type Harness, type HarnessOptions, startHarness, textOf } from "./helpers/harness.js";

const SHORT = TOOLS.map((t) => t.name.replace(/^mailtrap_accounts_/, ""));
/** A short name that is not part of a served full name. */
const bareMention = new RegExp(`(?<![A-Za-z0-9_])(?:${SHORT.join("|")})(?![A-Za-z0-9_])`);

async function withHarness(options: HarnessOptions, body: (h: Harness) => Promise<void>) {
  const h = await startHarness(options);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}

describe("default (full names)", () => {
  it("lists the 13 registry names; descriptions and instructions name every tool in full", async () => {
    await withHarness({}, async (h) => {
      const { tools } = await h.mcp.listTools();
      expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
      const texts = [...tools.map((t) => t.description ?? ""), h.mcp.getInstructions() ?? ""];
      for (const text of texts) expect(text.replaceAll(/mailtrap_accounts_\w+/g, "")).not.toMatch(bareMention);
      expect(h.mcp.getInstructions()).toContain("1. mailtrap_accounts_get_all_accounts gives the account_id");
      expect(tools.find((t) => t.name === "mailtrap_accounts_get_organization_sub_accounts")?.description).toContain(
        "organization in mailtrap_accounts_get_all_users_in_account",
      );
    });
  });

  it("refuses a call by the short name, with the served name, and sends nothing", async () => {
    await withHarness({}, async (h) => {
      const result = await h.call("get_all_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        "Error: get_all_accounts is refused: this server serves it as mailtrap_accounts_get_all_accounts (MAILTRAP_SHORT_NAMES is off); call mailtrap_accounts_get_all_accounts. Nothing was sent.",
      );
      expect(h.sandbox.requests).toHaveLength(0);
    });
  });
});

describe("short names", () => {
  it("lists the 13 tools without the prefix; nothing the model reads carries it", async () => {
    await withHarness({ flags: ["--short-names"] }, async (h) => {
      const { tools } = await h.mcp.listTools();
      expect(tools.map((t) => t.name)).toEqual(SHORT);
      for (const text of [...tools.map((t) => t.description ?? ""), h.mcp.getInstructions() ?? ""]) {
        expect(text).not.toContain("mailtrap_accounts_");
      }
      expect(h.mcp.getInstructions()).toContain("1. get_all_accounts gives the account_id");
    });
  });

  it("calls work by the served name; the full name is refused with the served one and nothing is sent", async () => {
    await withHarness({ flags: ["--short-names"] }, async (h) => {
      const ok = await h.call("list_api_tokens", { account_id: 1001 });
      expect(ok.isError, textOf(ok)).toBeFalsy();
      expect(h.sandbox.requests.map((r) => r.path)).toEqual(["/api/accounts/1001/api_tokens"]);

      const refused = await h.call("mailtrap_accounts_list_api_tokens", { account_id: 1001 });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain(
        "serves it as list_api_tokens (--short-names / MAILTRAP_SHORT_NAMES is on); call list_api_tokens. Nothing was sent.",
      );
      expect(h.sandbox.requests).toHaveLength(1);
    });
  });

  it("error hints name tools as served", async () => {
    await withHarness({ flags: ["--short-names"] }, async (h) => {
      const missing = await h.call("get_api_token", { account_id: 1001, id: 999999 });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toContain("list_api_tokens lists valid ids");
      expect(textOf(missing)).not.toContain("mailtrap_accounts_");
      const invalid = await h.call("get_api_token", { account_id: 1001, id: "x" });
      expect(textOf(invalid)).toMatch(/^Error: Invalid arguments for get_api_token: id /);
    });
  });

  it("--tools takes both spellings; a switched-off tool gets its reason under either name", async () => {
    await withHarness(
      { flags: ["--short-names", "--read-only", "--tools=get_all_accounts,mailtrap_accounts_list_api_tokens,delete_api_token"] },
      async (h) => {
        const { tools } = await h.mcp.listTools();
        expect(tools.map((t) => t.name)).toEqual(["get_all_accounts", "list_api_tokens"]);
        for (const name of ["delete_api_token", "mailtrap_accounts_delete_api_token"]) {
          const result = await h.call(name, { account_id: 1001, id: 8003 });
          expect(textOf(result), name).toContain("refused: the server runs read-only");
        }
        expect(textOf(await h.call("get_resources", { account_id: 1001 }))).toContain("it is not enabled on this server");
        expect(h.sandbox.requests).toHaveLength(0);
      },
    );
  });
});

describe("the bin", () => {
  it("--short-names serves short names over stdio (MAILTRAP_SHORT_NAMES=true does the same)", async () => {
    for (const [env, args] of [
      [{}, ["--short-names"]],
      [{ MAILTRAP_SHORT_NAMES: "true" }, []],
    ] as const) {
      const bin = spawnBin({ MAILTRAP_API_TOKEN: "x".repeat(20), ...env }, ["--demo", ...args]);
      try {
        bin.send(INITIALIZE);
        const init = await bin.response(1);
        expect(JSON.stringify(init)).toContain("1. get_all_accounts gives");
        bin.send(INITIALIZED);
        bin.send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
        const list = (await bin.response(2)) as { result: { tools: Array<{ name: string }> } };
        expect(list.result.tools.map((t) => t.name)).toEqual(SHORT);
      } finally {
        bin.child.kill();
        await bin.exited;
      }
    }
  });
});
