// One bad message never ends the session: the built bin over raw stdio answers every malformed message with the
// code JSON-RPC names, refuses an over-long line without holding it in memory, and keeps serving, with calls in
// flight unaffected. Hostile arguments (deep nesting, prototype keys) get a clear refusal, never a stack overflow.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZE, INITIALIZED, type RawBin, spawnBin } from "./helpers/bin.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
let bin: RawBin;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
  bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url });
  bin.send(INITIALIZE);
  await bin.response(1);
  bin.send(INITIALIZED);
});
afterAll(async () => {
  bin.child.stdin.end();
  const { code } = await bin.exited;
  await sandbox.close();
  expect(code).toBe(0);
});

/** Every line on stdout so far, parsed: all of it must be JSON-RPC. */
function messages(): Array<Record<string, unknown>> {
  return bin
    .stdout()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Writes raw lines and waits for `count` more replies with id null. */
async function nullReplies(lines: string[]): Promise<Array<{ code: number; message: string }>> {
  const before = messages().filter((m) => m.id === null).length;
  for (const line of lines) bin.child.stdin.write(`${line}\n`);
  await expect.poll(() => messages().filter((m) => m.id === null).length, { timeout: 5_000 }).toBe(before + lines.length);
  return messages()
    .filter((m) => m.id === null)
    .slice(before)
    .map((m) => m.error as { code: number; message: string });
}

const call = (id: number, name: string, args: unknown) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
const alive = async (id: number) => {
  bin.send(call(id, "mailtrap_accounts_get_all_accounts", {}));
  expect(await bin.response(id)).toMatchObject({ result: { structuredContent: { accounts: expect.any(Array) } } });
};

describe("malformed messages get the code JSON-RPC names, and the session goes on", () => {
  it("invalid JSON: -32700 with id null", async () => {
    const errors = await nullReplies(["this is not json", '{"jsonrpc":"2.0","id":', "{'single': 'quotes'}"]);
    expect(errors.map((e) => e.code)).toEqual([-32700, -32700, -32700]);
    expect(errors[0]!.message).toBe("Parse error: the line is not valid JSON.");
    await alive(100);
  });

  it("a batch array, or anything that is not a request, notification or response: -32600 with id null", async () => {
    const errors = await nullReplies([
      JSON.stringify([{ jsonrpc: "2.0", id: 9, method: "ping" }]),
      "[]",
      "42",
      '"ping"',
      JSON.stringify({ jsonrpc: "2.0", id: { nested: 1 }, method: "ping" }),
      JSON.stringify({ jsonrpc: "2.0", id: 1.5, method: "ping" }),
      JSON.stringify({ jsonrpc: "2.0", id: null, method: "ping" }),
      JSON.stringify({ jsonrpc: "2.0", id: true, method: "ping" }),
      JSON.stringify({ jsonrpc: "2.0", id: 13 }),
      JSON.stringify({ jsonrpc: "2.0", id: 14, result: {}, error: { code: 1, message: "x" } }),
    ]);
    expect(errors.map((e) => e.code)).toEqual(Array(10).fill(-32600));
    expect(errors[0]!.message).toMatch(/batches are not supported/);
    await alive(101);
  });

  it("a request that is invalid but whose id can be read is refused under that id", async () => {
    bin.child.stdin.write(`${JSON.stringify({ id: 110, method: "ping" })}\n`);
    bin.child.stdin.write(`${JSON.stringify({ jsonrpc: "1.0", id: 111, method: "ping" })}\n`);
    bin.child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: "112", method: 7 })}\n`);
    expect(await bin.response(110)).toMatchObject({ error: { code: -32600, message: 'Invalid request: jsonrpc must be "2.0".' } });
    expect(await bin.response(111)).toMatchObject({ error: { code: -32600 } });
    await expect
      .poll(() => messages().find((m) => m.id === "112"), { timeout: 5_000 })
      .toMatchObject({ error: { code: -32600, message: "Invalid request: method must be a string." } });
  });

  it("a request with an id but bad params is refused under its own id", async () => {
    bin.send({ jsonrpc: "2.0", id: 102, method: "tools/list", params: "all" });
    expect(await bin.response(102)).toEqual({
      jsonrpc: "2.0",
      id: 102,
      error: { code: -32600, message: "Invalid request: params must be an object." },
    });
  });

  it.each([
    ["no params", undefined, /params must be an object/],
    ["name missing", { arguments: {} }, /name must be a tool name/],
    ["name a number", { name: 7, arguments: {} }, /name must be a tool name/],
    ["arguments an array", { name: "mailtrap_accounts_get_all_accounts", arguments: [1] }, /arguments must be an object/],
    ["arguments a string", { name: "mailtrap_accounts_get_all_accounts", arguments: "{}" }, /arguments must be an object/],
  ])("malformed tools/call params (%s): -32602 with one short line", async (_name, params, message) => {
    const id = 200 + Math.floor(Math.random() * 1e6);
    bin.send({ jsonrpc: "2.0", id, method: "tools/call", ...(params === undefined ? {} : { params }) });
    const reply = (await bin.response(id)) as { error: { code: number; message: string } };
    expect(reply.error.code).toBe(-32602);
    expect(reply.error.message).toMatch(message);
    expect(reply.error.message.length).toBeLessThan(160);
    expect(reply.error.message).not.toMatch(/expected|invalid_type|\[\s*\{/);
  });
});

describe("a line over the size limit", () => {
  it("is refused under its id, is never held whole in memory, and a create in flight still delivers its secret", async () => {
    sandbox.injectFault({ kind: "delay", ms: 400 }, { method: "POST" });
    const create = {
      account_id: 1001,
      name: "during a huge line",
      resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }],
    };
    bin.send(call(300, "mailtrap_accounts_create_api_token", create));
    await expect.poll(() => sandbox.requests.some((r) => r.method === "POST"), { timeout: 5_000 }).toBe(true);

    const peakBefore = peakRssKb(bin.child.pid!);
    const MB = 1024 * 1024;
    const chunk = "x".repeat(MB);
    // 64 MB in one line, written as a client would, chunk by chunk.
    bin.child.stdin.write(`{"jsonrpc":"2.0","id":301,"method":"ping","params":{"pad":"`);
    for (let i = 0; i < 64; i++) {
      if (!bin.child.stdin.write(chunk)) await new Promise((resolve) => bin.child.stdin.once("drain", resolve));
    }
    bin.child.stdin.write(`"}}\n`);
    expect(await bin.response(301)).toEqual({
      jsonrpc: "2.0",
      id: 301,
      error: { code: -32600, message: "Message too large: lines over 1048576 bytes are refused." },
    });
    // The old transport buffered such a line whole (and more than once while decoding it): 64 MB at the least.
    // Reading it chunk by chunk and dropping it costs a few MB of garbage at most (seen: 0 to 10 MB).
    expect(peakRssKb(bin.child.pid!) - peakBefore).toBeLessThan(32 * 1024);

    const created = (await bin.response(300)) as { result: { isError?: boolean; structuredContent: { id: number; token: string } } };
    expect(created.result.isError).toBeFalsy();
    const stored = sandbox.state.accounts.find((a) => a.id === 1001)!.apiTokens.find((t) => t.name === "during a huge line")!;
    expect(created.result.structuredContent).toMatchObject({ id: stored.id, token: stored.secret });
    await alive(302);
  });
});

describe("hostile arguments", () => {
  /** Refused before the SDK parses them (it would drop a top-level "__proto__"): -32602, one clear line. */
  const toolText = async (id: number, args: string) => {
    bin.child.stdin.write(
      `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"mailtrap_accounts_create_api_token","arguments":${args}}}\n`,
    );
    const reply = (await bin.response(id)) as { error: { code: number; message: string } };
    expect(reply.error.code).toBe(-32602);
    return reply.error.message;
  };

  it("nested 50,000 levels deep: a clear refusal naming the parameter, not a stack overflow; nothing sent", async () => {
    const posts = sandbox.requests.filter((r) => r.method === "POST").length;
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const text = await toolText(400, `{"account_id":1001,"name":"x","resources":${deep}}`);
    expect(text).toMatch(
      /^Invalid arguments for mailtrap_accounts_create_api_token: arguments\.resources(\[0\])+ is nested more than 32 levels deep\. Nothing was sent\.$/,
    );
    const objects = `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`;
    expect(await toolText(401, `{"account_id":1001,"name":${objects}}`)).toMatch(
      /arguments\.name(\.a)+ is nested more than 32 levels deep/,
    );
    expect(bin.stderr()).not.toMatch(/Maximum call stack/);
    expect(sandbox.requests.filter((r) => r.method === "POST")).toHaveLength(posts);
  });

  it.each([
    ["__proto__ at the top", `{"__proto__":{"admin":true},"account_id":1001,"name":"x"}`, "arguments.__proto__"],
    ["constructor at the top", `{"constructor":{"prototype":{}},"account_id":1001,"name":"x"}`, "arguments.constructor"],
    [
      "prototype nested",
      `{"account_id":1001,"name":"x","resources":[{"resource_type":"account","resource_id":1,"access_level":10,"prototype":1}]}`,
      "arguments.resources[0].prototype",
    ],
    ["__proto__ nested", `{"account_id":1001,"name":"x","resources":[{"__proto__":{"x":1}}]}`, "arguments.resources[0].__proto__"],
  ])("%s is refused with a clear message, nothing sent", async (_name, args, path) => {
    const posts = sandbox.requests.filter((r) => r.method === "POST").length;
    const id = 500 + Math.floor(Math.random() * 1e6);
    const key = path
      .split(".")
      .pop()!
      .replace(/^.*\]\./, "");
    expect(await toolText(id, args)).toBe(
      `Invalid arguments for mailtrap_accounts_create_api_token: ${path} is not allowed ("${key}" is a reserved name). Nothing was sent.`,
    );
    expect(sandbox.requests.filter((r) => r.method === "POST")).toHaveLength(posts);
  });

  it("the session is still serving after all of it, and stdout held nothing but JSON-RPC", async () => {
    await alive(600);
    for (const message of messages()) expect(message.jsonrpc).toBe("2.0");
    expect(bin.child.exitCode).toBeNull();
    expect(bin.stderr()).not.toContain(sandbox.token);
  });
});

function peakRssKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+)/);
  return Number(match?.[1] ?? Number.NaN);
}
