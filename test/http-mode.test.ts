// --http through real HTTP on loopback: the SDK v2 client's Streamable HTTP transport in both eras, each
// credential mode, the spec's wire checks, settings as on stdio, confirmations across two instances.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { tokenHash } from "../src/http/credentials.js";
import { connect, type Era, type HttpInstance, modernPost, startHttp, startSandbox, textOf } from "./helpers/http-mode.js";
import { send } from "./helpers/http-request.js";
import { SAMPLE_SECRETS, type Sandbox } from "./support/sandbox.js";

const TOKEN_A = SAMPLE_SECRETS.account; // owner of 1001, admin of 1002
const TOKEN_B = SAMPLE_SECRETS.globexAdmin; // admin of 1003 only
const ORG_TOKEN = SAMPLE_SECRETS.organization;
const KEY = "k3y-".repeat(10);
const SIGNING_KEY = "s1gn".repeat(10);
const ERAS: Era[] = ["legacy", "modern"];
const accountIds = (result: { structuredContent?: unknown }) =>
  ((result.structuredContent as { accounts?: Array<{ id: number }> })?.accounts ?? []).map((a) => a.id).sort();

let sandbox: Sandbox;
const running: HttpInstance[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  await Promise.all(running.splice(0).map((i) => i.close()));
  sandbox.reset();
});
async function start(options: Parameters<typeof startHttp>[1] = {}) {
  const instance = await startHttp(sandbox, options);
  running.push(instance);
  return instance;
}

describe("--http, tokens per request", () => {
  it.each(ERAS)("%s client: lists the 13 tools and calls with the token its request carries", async (era) => {
    const { url, logs } = await start();
    const client = await connect(url, era, { "X-Mailtrap-Api-Token": TOKEN_A });
    expect((await client.listTools()).tools).toHaveLength(13);
    const result = await client.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBeFalsy();
    expect(accountIds(result)).toEqual([1001, 1002]);
    const upstream = sandbox.requests.at(-1);
    expect(upstream?.headers.authorization).toBe(`Bearer ${TOKEN_A}`);
    // A modern request names its client in every envelope; a stateless legacy request cannot (initialize went elsewhere).
    if (era === "modern") expect(upstream?.headers["user-agent"]).toContain("(client vitest-http/1.2.3)");
    else expect(upstream?.headers["user-agent"]).toMatch(/^mailtrap-accounts-mcp\/[\d.]+$/);
    await client.close();
    // One access line per request, with the caller's hash prefix and never the token.
    expect(
      logs.some(
        (l) => l.includes(`tools/call mailtrap_accounts_get_all_accounts 200`) && l.includes(`caller=${tokenHash(TOKEN_A).slice(0, 8)}`),
      ),
    ).toBe(true);
    expect(logs.join("")).not.toContain(TOKEN_A);
  });

  it.each(ERAS)("%s client without a token: a tool error naming the header, nothing sent", async (era) => {
    const { url } = await start();
    const client = await connect(url, era, {});
    const result = await client.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Error: |No Mailtrap API token in this request/);
    expect(textOf(result)).toContain('must send one in the "X-Mailtrap-Api-Token" header');
    expect(textOf(result)).toContain("Nothing was sent.");
    expect(sandbox.requests).toHaveLength(0);
    await client.close();
  });

  it("a wrong token's 401 names the header to fix", async () => {
    const { url } = await start();
    const client = await connect(url, "modern", { "X-Mailtrap-Api-Token": "0123456789abcdef0123456789abcdef" });
    const result = await client.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('check that the "X-Mailtrap-Api-Token" header holds a valid, unexpired Mailtrap API token');
    await client.close();
  });

  it("uses the organization token header for the organization tools", async () => {
    const { url } = await start();
    const client = await connect(url, "modern", { "X-Mailtrap-Api-Token": TOKEN_A, "X-Mailtrap-Organization-Api-Token": ORG_TOKEN });
    const result = await client.call("mailtrap_accounts_get_organization_sub_accounts", { organization_id: 501 });
    expect(result.isError).toBeFalsy();
    expect(sandbox.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ORG_TOKEN}`);
    await client.close();
  });

  it("never crosses two tokens in concurrent requests, in either era", async () => {
    const { url, logs } = await start();
    const lanes: Array<{ token: string; accounts: readonly number[]; own: number; client: Awaited<ReturnType<typeof connect>> }> = [];
    for (const [token, accounts, own] of [
      [TOKEN_A, [1001, 1002], 1001],
      [TOKEN_B, [1003], 1003],
    ] as const) {
      for (const era of ERAS) lanes.push({ token, accounts, own, client: await connect(url, era, { "X-Mailtrap-Api-Token": token }) });
    }
    sandbox.reset();
    const calls = Array.from({ length: 80 }, async (_, i) => {
      const lane = lanes[i % lanes.length]!;
      if (i % 5 === 0) {
        const name = `crossing-${i}`;
        const resources = [{ resource_type: "account", resource_id: lane.own, access_level: 10 }];
        const result = await lane.client.call("mailtrap_accounts_create_api_token", { account_id: lane.own, name, resources });
        expect(textOf(result)).toContain(name);
        const sent = sandbox.requests.filter((r) => r.method === "POST" && (r.json as { name?: string })?.name === name);
        expect(sent.map((r) => r.headers.authorization)).toEqual([`Bearer ${lane.token}`]);
      } else {
        expect(accountIds(await lane.client.call("mailtrap_accounts_get_all_accounts"))).toEqual(lane.accounts);
      }
    });
    await Promise.all(calls);
    expect(sandbox.requests).toHaveLength(80);
    expect(logs.join("")).not.toContain(TOKEN_A);
    expect(logs.join("")).not.toContain(TOKEN_B);
    await Promise.all(lanes.map((l) => l.client.close()));
  });
});

describe("--http, the server's own token", () => {
  it("needs the access key (401 without or with a wrong one) and then serves with the server's token only", async () => {
    const { url } = await start({ env: { MAILTRAP_API_TOKEN: TOKEN_B, MAILTRAP_MCP_HTTP_KEY: KEY } });
    await expect(connect(url, "modern", {})).rejects.toThrow();
    const wrong = await modernPost(url, "tools/list", {}, { authorization: `Bearer ${KEY}!` });
    expect(wrong.reply.status).toBe(401);
    expect(sandbox.requests).toHaveLength(0);
    for (const era of ERAS) {
      // A token header does not override the server's token in this mode.
      const client = await connect(url, era, { Authorization: `Bearer ${KEY}`, "X-Mailtrap-Api-Token": TOKEN_A });
      expect(accountIds(await client.call("mailtrap_accounts_get_all_accounts"))).toEqual([1003]);
      expect(sandbox.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN_B}`);
      await client.close();
    }
  });
});

describe("--http applies the settings as stdio does", () => {
  it("read-only lists the 7 read tools and refuses a write by name, sending nothing", async () => {
    const { url } = await start({ flags: ["--read-only"] });
    const client = await connect(url, "modern", { "X-Mailtrap-Api-Token": TOKEN_A });
    expect((await client.listTools()).tools).toHaveLength(7);
    const refused = await client.call("mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8003 });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain("Nothing was sent");
    expect(sandbox.requests).toHaveLength(0);
    await client.close();
  });

  it("tool filters and the default account apply", async () => {
    const { url } = await start({ flags: ["--tools=get_all_accounts,list_api_tokens"], env: { MAILTRAP_ACCOUNT_ID: "1001" } });
    const client = await connect(url, "legacy", { "X-Mailtrap-Api-Token": TOKEN_A });
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      "mailtrap_accounts_get_all_accounts",
      "mailtrap_accounts_list_api_tokens",
    ]);
    expect((await client.call("mailtrap_accounts_list_api_tokens")).isError).toBeFalsy();
    expect(sandbox.requests.at(-1)?.path).toBe("/api/accounts/1001/api_tokens");
    await client.close();
  });
});

describe("--http refusals on the wire", () => {
  const tool = "mailtrap_accounts_get_all_accounts";
  const call = { name: tool, arguments: {} };
  const headers = { "x-mailtrap-api-token": TOKEN_A };

  it("checks MCP-Protocol-Version, Mcp-Method and Mcp-Name against the body (400, -32020)", async () => {
    const { url } = await start();
    for (const [label, override] of [
      ["Mcp-Method differs", { "mcp-method": "tools/list" }],
      ["Mcp-Method missing", { "mcp-method": undefined }],
      ["Mcp-Name differs", { "mcp-name": "mailtrap_accounts_delete_api_token" }],
      ["Mcp-Name missing", { "mcp-name": undefined }],
      ["version header differs", { "mcp-protocol-version": "2025-11-25" }],
    ] as const) {
      const { reply, json } = await modernPost(url, "tools/call", call, { ...headers, ...override });
      expect(reply.status, label).toBe(400);
      expect(json.error?.code, label).toBe(-32020);
    }
    expect(sandbox.requests).toHaveLength(0);
    expect((await modernPost(url, "tools/call", call, headers)).reply.status).toBe(200);
  });

  it("answers an unsupported version 400 (-32022), an unknown method 404 (-32601), GET/DELETE 405, unknown paths 404", async () => {
    const { url } = await start();
    const version = await send(url, {
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": "1900-01-01",
        "mcp-method": "tools/list",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/list",
        params: { _meta: { "io.modelcontextprotocol/protocolVersion": "1900-01-01", "io.modelcontextprotocol/clientCapabilities": {} } },
      }),
    });
    expect(version.status).toBe(400);
    expect(JSON.parse(version.text).error.code).toBe(-32022);
    const unknown = await modernPost(url, "prompts/list", {}, headers);
    expect([unknown.reply.status, unknown.json.error?.code]).toEqual([404, -32601]);
    for (const method of ["GET", "DELETE"]) expect((await send(url, { method })).status).toBe(405);
    expect((await send(new URL("/other", url).href, { body: "{}" })).status).toBe(404);
  });

  it("refuses a foreign Origin and a rebinding Host with 403, and a body over 1 MiB with 413", async () => {
    const { url } = await start();
    expect((await modernPost(url, "tools/call", call, { ...headers, origin: "https://evil.example" })).reply.status).toBe(403);
    expect((await modernPost(url, "tools/call", call, { ...headers, host: "evil.example" })).reply.status).toBe(403);
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: tool, arguments: { pad: "x".repeat(1024 * 1024) } },
    });
    expect((await send(url, { body: big, headers: { "content-type": "application/json" } })).status).toBe(413);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe("--http confirmations", () => {
  const confirmEnv = { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" };
  const args = { account_id: 1001, id: 8003 };
  const deleteCall = { name: "mailtrap_accounts_delete_api_token", arguments: args };
  const accept = { confirm: { action: "accept", content: { confirm: true } } };
  const deletes = () => sandbox.requests.filter((r) => r.method === "DELETE");

  it("a confirmation asked by one instance is honoured by another with the same key, for the same caller only", async () => {
    const first = await start({ env: confirmEnv, signingKey: SIGNING_KEY });
    const second = await start({ env: confirmEnv, signingKey: SIGNING_KEY });
    const asked = await modernPost(first.url, "tools/call", deleteCall, { "x-mailtrap-api-token": TOKEN_A });
    expect(asked.json.result?.resultType).toBe("input_required");
    const state = asked.json.result?.requestState as string;
    expect(typeof state).toBe("string");
    expect(state).not.toContain(TOKEN_A);
    expect(deletes()).toHaveLength(0);

    // Another caller replaying the same answer and state is refused: the state is bound to the asker's token hash.
    const replayed = await modernPost(
      second.url,
      "tools/call",
      { ...deleteCall, inputResponses: accept, requestState: state },
      { "x-mailtrap-api-token": TOKEN_B },
      2,
    );
    expect(textOf(replayed.json.result)).toContain("different call");
    expect(deletes()).toHaveLength(0);

    const confirmed = await modernPost(
      second.url,
      "tools/call",
      { ...deleteCall, inputResponses: accept, requestState: state },
      { "x-mailtrap-api-token": TOKEN_A },
      3,
    );
    expect(confirmed.json.result?.isError).toBeFalsy();
    expect(confirmed.json.result?.structuredContent).toMatchObject({ deleted: true, id: 8003 });
    expect(deletes().map((r) => [r.path, r.headers.authorization])).toEqual([["/api/accounts/1001/api_tokens/8003", `Bearer ${TOKEN_A}`]]);
  });

  it("an instance with another key refuses the state as forged", async () => {
    const first = await start({ env: confirmEnv, signingKey: SIGNING_KEY });
    const other = await start({ env: confirmEnv, signingKey: "0".repeat(40) });
    const asked = await modernPost(first.url, "tools/call", deleteCall, { "x-mailtrap-api-token": TOKEN_A });
    const replay = await modernPost(
      other.url,
      "tools/call",
      { ...deleteCall, inputResponses: accept, requestState: asked.json.result?.requestState },
      { "x-mailtrap-api-token": TOKEN_A },
      2,
    );
    expect(replay.json.error?.code).toBe(-32602);
    expect(deletes()).toHaveLength(0);
  });

  it("a modern SDK client is asked through input_required and the call goes through on accept", async () => {
    const { url } = await start({ env: confirmEnv, signingKey: SIGNING_KEY });
    const questions: string[] = [];
    const client = await connect(url, "modern", { "X-Mailtrap-Api-Token": TOKEN_A }, (request) => {
      questions.push(request.message);
      return { action: "accept", content: { confirm: true } };
    });
    // Another token than the cross-instance test's: the sandbox keeps its state between tests.
    const result = await client.call("mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8001 });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ deleted: true, id: 8001 });
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain("8001");
    expect(deletes()).toHaveLength(1);
    await client.close();
  });

  it("a legacy client over stateless HTTP gets a clear refusal for a destructive call, nothing sent", async () => {
    const { url } = await start({ env: confirmEnv, signingKey: SIGNING_KEY });
    const client = await connect(url, "legacy", { "X-Mailtrap-Api-Token": TOKEN_A }, () => ({
      action: "accept",
      content: { confirm: true },
    }));
    const result = await client.call("mailtrap_accounts_delete_api_token", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("over stateless HTTP a 2025-11-25 client cannot be asked");
    expect(deletes()).toHaveLength(0);
    // Reads still work for it.
    expect((await client.call("mailtrap_accounts_get_all_accounts")).isError).toBeFalsy();
    await client.close();
  });
});
