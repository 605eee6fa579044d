// The 2026-07-28 era on the wire: raw JSON-RPC lines to the built bin over stdio, and exactly what comes back.
// Both eras are served by the same binary with no setting; the first message of a connection picks one.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { instructions } from "../src/server.js";
import { TOOLS } from "../src/tools/index.js";
import { toolNaming } from "../src/tools/naming.js";
import { INITIALIZE, INITIALIZED, MODERN_CLIENT, MODERN_VERSION, modern, type RawBin, spawnBin } from "./helpers/bin.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

const SERVER_INFO = "io.modelcontextprotocol/serverInfo";
const CAPS = "io.modelcontextprotocol/clientCapabilities";
const ELICITING = { [CAPS]: { elicitation: { form: {} } } };
const DELETE = { name: "mailtrap_accounts_delete_api_token", arguments: { account_id: 1001, id: 8002 } };
const ACCEPT = { confirm: { action: "accept", content: { confirm: true } } };
const snapshot = JSON.parse(readFileSync(new URL("./__snapshots__/tools-list.json", import.meta.url), "utf8")) as unknown;

type Message = {
  id?: number;
  method?: string;
  result?: Record<string, unknown> & { resultType?: string };
  error?: { code: number; message: string; data?: Record<string, unknown> };
};

let sandbox: Sandbox;
const running: RawBin[] = [];
beforeAll(async () => {
  sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => {
  for (const bin of running) bin.child.kill();
  await sandbox.close();
});

function start(extra: Record<string, string> = {}): RawBin {
  const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url, ...extra });
  running.push(bin);
  return bin;
}
/** Sends one message and waits for the answer with its id. */
async function ask(bin: RawBin, message: { id: number }): Promise<Message> {
  bin.send(message);
  return (await bin.response(message.id)) as Message;
}
/** Every line the server wrote; in the 2026 era none may be a request (the server never asks the client). */
function lines(bin: RawBin): Message[] {
  return bin
    .stdout()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Message);
}

describe("server/discover and the per-request envelope", () => {
  it("discover names the versions, capabilities, instructions and server, cacheable for an hour", async () => {
    const bin = start();
    const { result } = await ask(bin, modern(1, "server/discover"));
    expect(result).toEqual({
      supportedVersions: [MODERN_VERSION],
      capabilities: { tools: {} },
      instructions: instructions(toolNaming(false, TOOLS)),
      resultType: "complete",
      ttlMs: 3_600_000,
      cacheScope: "public",
      _meta: {
        [SERVER_INFO]: { name: "mailtrap-accounts-mcp", title: "Mailtrap Accounts", version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
      },
    });

    const list = await ask(bin, modern(2, "tools/list"));
    expect(list.result).toMatchObject({
      resultType: "complete",
      ttlMs: 3_600_000,
      cacheScope: "public",
      _meta: { [SERVER_INFO]: { name: "mailtrap-accounts-mcp" } },
    });
    // The same tools, byte for byte and in the same order, as the reviewed snapshot (and the 2025 era).
    expect(JSON.parse(JSON.stringify(list.result?.tools))).toEqual(snapshot);

    const call = await ask(bin, modern(3, "tools/call", { name: "mailtrap_accounts_get_all_accounts", arguments: {} }));
    expect(call.result).toMatchObject({ resultType: "complete", structuredContent: { accounts: [{ id: 1001 }, { id: 1002 }] } });
    expect(call.result).not.toHaveProperty("ttlMs");
    const refused = await ask(bin, modern(4, "tools/call", { name: "mailtrap_accounts_get_api_token", arguments: { account_id: 1001 } }));
    expect(refused.result).toMatchObject({ resultType: "complete", isError: true });
    expect(sandbox.requests).toHaveLength(1);
  });

  it("a request without its envelope, or with an incomplete one, is -32602 and is not served", async () => {
    const bin = start();
    const incomplete = await ask(bin, modern(1, "tools/list", {}, { [CAPS]: undefined }));
    expect(incomplete.error).toMatchObject({ code: -32602, message: expect.stringContaining("clientCapabilities") });
    await ask(bin, modern(2, "tools/list"));
    const bare = await ask(bin, {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} },
    } as never);
    expect(bare.error).toMatchObject({ code: -32602, message: expect.stringMatching(/_meta/) });
    expect(sandbox.requests).toHaveLength(0);
  });

  it("an unsupported version is -32022 with the supported list, first or later on a connection, and the connection goes on", async () => {
    const bin = start();
    const first = await ask(bin, modern(1, "tools/list", {}, { "io.modelcontextprotocol/protocolVersion": "1900-01-01" }));
    expect(first.error).toMatchObject({ code: -32022, data: { supported: [MODERN_VERSION], requested: "1900-01-01" } });
    expect((await ask(bin, modern(2, "tools/list"))).result?.resultType).toBe("complete");
    const later = await ask(
      bin,
      modern(
        3,
        "tools/call",
        { name: "mailtrap_accounts_get_all_accounts", arguments: {} },
        { "io.modelcontextprotocol/protocolVersion": "2099-01-01" },
      ),
    );
    expect(later.error).toMatchObject({ code: -32022, data: { supported: [MODERN_VERSION], requested: "2099-01-01" } });
    expect(sandbox.requests).toHaveLength(0);
    expect(
      (await ask(bin, modern(4, "tools/call", { name: "mailtrap_accounts_get_all_accounts", arguments: {} }))).result?.isError,
    ).toBeFalsy();
  });

  it("names the MCP client of each request in the Mailtrap User-Agent, sanitized, and keeps nothing between requests", async () => {
    const bin = start();
    const accounts = { name: "mailtrap_accounts_get_all_accounts", arguments: {} };
    await ask(bin, modern(1, "tools/call", accounts));
    await ask(
      bin,
      modern(2, "tools/call", accounts, { "io.modelcontextprotocol/clientInfo": { name: "Other App\r\nX-Evil: 1", version: "3.1 beta" } }),
    );
    await ask(bin, modern(3, "tools/call", accounts, { "io.modelcontextprotocol/clientInfo": undefined }));
    expect(sandbox.requests.map((r) => r.headers["user-agent"]?.replace(/\/\d+\.\d+\.\d+\S*/, "/V"))).toEqual([
      `mailtrap-accounts-mcp/V (client ${MODERN_CLIENT.name}/${MODERN_CLIENT.version})`,
      "mailtrap-accounts-mcp/V (client OtherAppX-Evil:1/3.1beta)",
      "mailtrap-accounts-mcp/V",
    ]);
  });
});

describe("one binary, both eras", () => {
  it("probe then fall back on the same process (as Claude Code does against a 2025 client's expectations)", async () => {
    const bin = start();
    expect((await ask(bin, modern(1, "server/discover"))).result?.supportedVersions).toEqual([MODERN_VERSION]);
    const init = await ask(bin, { ...INITIALIZE, id: 2 });
    expect(init.result).toMatchObject({ serverInfo: { name: "mailtrap-accounts-mcp" }, capabilities: { tools: {} } });
    bin.send(INITIALIZED);
    const call = await ask(bin, {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} },
    } as never);
    // 2025 results are unchanged: no resultType, and the client named in initialize is in the User-Agent.
    expect(call.result).not.toHaveProperty("resultType");
    expect(call.result?.structuredContent).toMatchObject({ accounts: [{ id: 1001 }, { id: 1002 }] });
    expect(sandbox.requests.at(-1)?.headers["user-agent"]).toMatch(/ \(client raw-test\/1\.0\.0\)$/);
  });

  it("after a 2026 request, initialize gets -32022 naming the modern version; a 2025 connection never answers discover", async () => {
    const modernBin = start();
    await ask(modernBin, modern(1, "tools/list"));
    expect((await ask(modernBin, { ...INITIALIZE, id: 2 })).error).toMatchObject({ code: -32022, data: { supported: [MODERN_VERSION] } });

    const legacyBin = start();
    await ask(legacyBin, INITIALIZE);
    expect((await ask(legacyBin, modern(2, "server/discover"))).error?.code).toBe(-32601);
  });
});

describe("confirm before destroying, 2026-07-28 (input_required with a signed requestState)", () => {
  const CONFIRMING = { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" };

  it("asks by returning the question, sends only after the retry brings a yes and our state, and never sends a request itself", async () => {
    const bin = start(CONFIRMING);
    const asked = await ask(bin, modern(1, "tools/call", DELETE, ELICITING));
    expect(asked.result).toMatchObject({
      resultType: "input_required",
      inputRequests: {
        confirm: {
          method: "elicitation/create",
          params: {
            mode: "form",
            message: "Delete API token 8002 in Mailtrap account 1001? Whatever uses it stops working at once.",
            requestedSchema: { required: ["confirm"] },
          },
        },
      },
      requestState: expect.stringMatching(/^mtc1\./),
    });
    expect(asked.result).not.toHaveProperty("ttlMs");
    expect(sandbox.requests).toHaveLength(0);

    const done = await ask(
      bin,
      modern(2, "tools/call", { ...DELETE, inputResponses: ACCEPT, requestState: asked.result?.requestState }, ELICITING),
    );
    expect(done.result).toMatchObject({ resultType: "complete", structuredContent: { deleted: true } });
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /api/accounts/1001/api_tokens/8002"]);
    expect(lines(bin).filter((m) => m.method !== undefined)).toEqual([]);
  });

  it("decline and cancel send nothing", async () => {
    const bin = start(CONFIRMING);
    const { result } = await ask(bin, modern(1, "tools/call", DELETE, ELICITING));
    for (const [id, action, why] of [
      [2, "decline", "declined"],
      [3, "cancel", "cancelled"],
    ] as const) {
      const answer = await ask(
        bin,
        modern(id, "tools/call", { ...DELETE, inputResponses: { confirm: { action } }, requestState: result?.requestState }, ELICITING),
      );
      expect(answer.result).toMatchObject({ resultType: "complete", isError: true });
      expect(JSON.stringify(answer.result)).toContain(
        `Error: The user did not confirm mailtrap_accounts_delete_api_token (${why}). Nothing was sent.`,
      );
    }
    expect(sandbox.requests).toHaveLength(0);
  });

  it("a yes that was never asked for, forged or tampered state, or a yes given for another call: nothing reaches Mailtrap", async () => {
    const bin = start(CONFIRMING);
    // Token 8002 is gone after the first test (the sandbox keeps its state): this one is about 8001.
    const DELETE = { name: "mailtrap_accounts_delete_api_token", arguments: { account_id: 1001, id: 8001 } };
    // Pre-filled: a first call carrying a yes is asked again.
    const prefilled = await ask(bin, modern(1, "tools/call", { ...DELETE, inputResponses: ACCEPT }, ELICITING));
    expect(prefilled.result?.resultType).toBe("input_required");
    const state = String(prefilled.result?.requestState);

    // Forged: state this server never issued.
    const forged = await ask(
      bin,
      modern(
        2,
        "tools/call",
        { ...DELETE, inputResponses: ACCEPT, requestState: "mtc1.eyJjIjoieCIsImUiOjk5OTk5OTk5OTk5OTl9.AAAA" },
        ELICITING,
      ),
    );
    expect(forged.error).toMatchObject({ code: -32602, message: expect.stringContaining("requestState") });

    // Tampered: our signature over a body rewritten to last forever.
    const [prefix, body, mac] = state.split(".") as [string, string, string];
    const rewritten = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), e: 9_999_999_999_999 }),
    ).toString("base64url");
    const tampered = await ask(
      bin,
      modern(3, "tools/call", { ...DELETE, inputResponses: ACCEPT, requestState: `${prefix}.${rewritten}.${mac}` }, ELICITING),
    );
    expect(tampered.error).toMatchObject({ code: -32602 });

    // Replayed: the question was about token 8001; the yes comes back for 8003, or for a reset of 8001.
    for (const [id, call] of [
      [4, { name: DELETE.name, arguments: { account_id: 1001, id: 8003 } }],
      [5, { name: "mailtrap_accounts_reset_api_token", arguments: DELETE.arguments }],
    ] as const) {
      const replayed = await ask(bin, modern(id, "tools/call", { ...call, inputResponses: ACCEPT, requestState: state }, ELICITING));
      expect(replayed.result).toMatchObject({ resultType: "complete", isError: true });
      expect(JSON.stringify(replayed.result)).toContain("Error: The confirmation was given for a different call");
    }
    expect(sandbox.requests).toHaveLength(0);
    // The genuine answer to the genuine question still works afterwards.
    expect(
      (await ask(bin, modern(6, "tools/call", { ...DELETE, inputResponses: ACCEPT, requestState: state }, ELICITING))).result?.isError,
    ).toBeFalsy();
    expect(sandbox.requests).toHaveLength(1);
  });

  it("a request that cannot ask (no elicitation capability) gets -32021 naming it, and nothing is sent", async () => {
    const bin = start(CONFIRMING);
    const answer = await ask(bin, modern(1, "tools/call", DELETE));
    expect(answer.error).toMatchObject({ code: -32021, data: { requiredCapabilities: { elicitation: { form: {} } } } });
    // Reads are not destructive: no question.
    expect(
      (await ask(bin, modern(2, "tools/call", { name: "mailtrap_accounts_get_all_accounts", arguments: {} }))).result?.isError,
    ).toBeFalsy();
    expect(sandbox.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});
