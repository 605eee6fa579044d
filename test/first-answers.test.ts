// The front desk answers the opening exchange before the SDK is loaded. Its answers must be the SDK's, byte for
// byte: the same openings go to the built bin and to the SDK's own path in-process (our transport, the version
// guard, serveStdio, the app; no front desk), and every line each writes is compared. The bin runs with debug
// logging, which says when (and for what) it loads the SDK, so the test also knows which path answered.
import { describe, expect, it } from "vitest";
import { sdkSession, settingsFlags } from "../src/first-answers-capture.js";
import { INITIALIZE, INITIALIZED, modern, spawnBin } from "./helpers/bin.js";

type Message = Record<string, unknown>;

const isRequest = (m: Message) => "id" in m && "method" in m;
const lines = (stdout: string) => stdout.split("\n").filter(Boolean);

/** Everything the built bin writes for `messages`, and whether it had to load the SDK. */
async function viaBin(messages: Message[], env: Record<string, string>, args: string[]) {
  const bin = spawnBin({ MAILTRAP_LOG_LEVEL: "debug", ...env }, args);
  for (const message of messages) bin.send(message);
  for (const message of messages.filter(isRequest)) await bin.response(message.id as number, 8_000);
  bin.child.stdin.end();
  const exited = await bin.exited;
  expect(exited.code).toBe(0);
  return { out: lines(bin.stdout()), err: bin.stderr() };
}

async function viaSdk(messages: Message[], env: Record<string, string>, args: string[]) {
  return (await sdkSession(args, messages, env)).map((line) => JSON.stringify(line));
}

/** The bin and the SDK wrote the same lines; returns for what the bin loaded the SDK ("start": at once), if it did. */
async function compare(messages: Message[], settings: { env?: Record<string, string>; args?: string[] } = {}) {
  const { env = {}, args = [] } = settings;
  const [bin, sdk] = await Promise.all([viaBin(messages, env, args), viaSdk(messages, env, args)]);
  expect(bin.out.length).toBe(sdk.length);
  expect([...bin.out].sort()).toEqual([...sdk].sort());
  expect(bin.err).not.toMatch(/differs from the SDK's/);
  if (/serving through the MCP SDK from the start/.test(bin.err)) return "start";
  return /loading the MCP SDK for (\S+)/.exec(bin.err)?.[1];
}

const discover = (id: number, meta: Record<string, unknown> = {}) => modern(id, "server/discover", {}, meta);
const toolsList = (id: number) => ({ jsonrpc: "2.0", id, method: "tools/list" });
const initialize = (id: number, params: Record<string, unknown> = {}) => ({
  ...INITIALIZE,
  id,
  params: { ...INITIALIZE.params, ...params },
});
const call = (id: number, name: string, era: "legacy" | "modern") =>
  era === "modern"
    ? modern(id, "tools/call", { name, arguments: {} })
    : { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: {} } };

const LEGACY_OPENING = [initialize(1), INITIALIZED, toolsList(2)];
const MODERN_OPENING = [discover(1), modern(2, "tools/list")];

describe("the first answers, without the SDK, are the SDK's", () => {
  it("a 2025 opening: initialize, initialized, tools/list, all from the desk", async () => {
    expect(await compare(LEGACY_OPENING)).toBeUndefined();
  });

  it("a 2026 opening: server/discover and tools/list, from the desk", async () => {
    expect(await compare(MODERN_OPENING)).toBeUndefined();
  });

  it("initialize negotiates as the SDK does: a version it knows is echoed, any other gets its latest", async () => {
    for (const protocolVersion of ["2024-11-05", "2025-03-26", "2025-11-25", "2026-07-28", "2099-01-01", ""]) {
      expect(await compare([initialize(1, { protocolVersion })])).toBeUndefined();
    }
  });

  it("the capabilities and client identities real clients send are answered by the desk", async () => {
    const capabilities = {
      roots: { listChanged: true },
      elicitation: { form: {}, url: {} },
      sampling: { tools: {} },
      experimental: { x: { on: true } },
    };
    const clientInfo = { name: "claude-code", title: "Claude Code", version: "2.1.332" };
    expect(await compare([initialize(1, { capabilities, clientInfo }), INITIALIZED, toolsList(2)])).toBeUndefined();
    const meta = { "io.modelcontextprotocol/clientCapabilities": capabilities, "io.modelcontextprotocol/clientInfo": clientInfo };
    expect(await compare([discover(1, meta), modern(2, "tools/list", {}, meta)])).toBeUndefined();
    expect(await compare([discover(1, { "io.modelcontextprotocol/clientInfo": undefined })])).toBeUndefined();
  });

  it("probe then fall back on one process; discover again once 2026 is pinned", async () => {
    expect(await compare([discover(1), initialize(2), INITIALIZED, toolsList(3)])).toBeUndefined();
    expect(await compare([discover(1), modern(2, "tools/list"), discover(3)])).toBeUndefined();
  });

  it("what the desk does not answer goes to the SDK, which sees the whole session and answers as it always does", async () => {
    const cases: [Message[], string][] = [
      // Refused by the SDK's schemas or its era rules.
      [[initialize(1, { capabilities: { roots: { listChanged: "yes" } } })], "initialize"],
      [[initialize(1, { clientInfo: { name: "no-version" } })], "initialize"],
      [[initialize(1), INITIALIZED, discover(2)], "server/discover"],
      [[modern(1, "tools/list"), initialize(2)], "initialize"],
      [[discover(1, { "io.modelcontextprotocol/clientCapabilities": undefined })], "server/discover"],
      [[discover(1, { "io.modelcontextprotocol/protocolVersion": "2025-11-25" })], "server/discover"],
      [[discover(1), discover(2, { "io.modelcontextprotocol/protocolVersion": "1900-01-01" })], "server/discover"],
      // Valid, but in forms the desk leaves to the SDK.
      [[initialize(1, { capabilities: { tasks: {} } })], "initialize"],
      [[discover(1, { "io.modelcontextprotocol/logLevel": "debug" })], "server/discover"],
      [[initialize(1), INITIALIZED, { jsonrpc: "2.0", id: 2, method: "tools/list", params: { cursor: "x" } }], "tools/list"],
      [[toolsList(1)], "tools/list"],
      [[{ jsonrpc: "2.0", id: 1, method: "ping" }], "ping"],
      [[INITIALIZED, initialize(1)], "notifications/initialized"],
      // A call needs the SDK (and the registry): the replayed opening is answered once, by the desk.
      [[...LEGACY_OPENING, call(3, "mailtrap_accounts_get_all_accounts", "legacy"), discover(4)], "tools/call"],
      [[...MODERN_OPENING, call(3, "mailtrap_accounts_get_all_accounts", "modern"), initialize(4)], "tools/call"],
      [[initialize(1), call(2, "get_all_accounts", "legacy"), toolsList(3), { jsonrpc: "2.0", id: 4, method: "ping" }], "tools/call"],
    ];
    for (const [messages, loadedFor] of cases) expect(await compare(messages)).toBe(loadedFor);
  });

  it("under each naming and tool setting: from the desk when the listing is the default one, else from the SDK", async () => {
    const settings: [{ env?: Record<string, string>; args?: string[] }, string | undefined][] = [
      [{ args: settingsFlags(true, false) }, undefined],
      [{ args: settingsFlags(false, true) }, undefined],
      [{ env: { MAILTRAP_SHORT_NAMES: "true", MAILTRAP_READ_ONLY: "yes" } }, undefined],
      [{ env: { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" } }, undefined],
      // Id defaults change the listing: tools/list goes to the SDK; initialize and discover do not change.
      [{ env: { MAILTRAP_ACCOUNT_ID: "1001" } }, "tools/list"],
      // Tool filters are checked against the registry before anything is answered: the SDK serves it all.
      [{ args: ["--tools", "get_all_accounts,list_api_tokens"] }, "start"],
      [{ env: { MAILTRAP_EXCLUDE_TOOLS: "delete_api_token" }, args: ["--short-names"] }, "start"],
    ];
    for (const [setting, loadedFor] of settings) {
      expect(await compare(LEGACY_OPENING, setting)).toBe(loadedFor);
      expect(await compare(MODERN_OPENING, setting)).toBe(loadedFor);
      expect(await compare([...MODERN_OPENING, call(3, "list_api_tokens", "modern")], setting)).toBe(loadedFor ?? "tools/call");
    }
  });
});
