// --http screens tools/call arguments as the stdio transport does, before the SDK parses the body (it would drop
// a top-level "__proto__" silently): raw POSTs in both eras get -32602 with the stdio message, nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Era, type HttpInstance, MODERN, MODERN_META, startHttp, startSandbox } from "./helpers/http-mode.js";
import { send } from "./helpers/http-request.js";
import { SAMPLE_SECRETS, type Sandbox } from "./support/sandbox.js";

const TOOL = "mailtrap_accounts_create_api_token";
let sandbox: Sandbox;
let http: HttpInstance;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
  http = await startHttp(sandbox);
});
afterAll(async () => {
  await http.close();
  await sandbox.close();
});

/** One tools/call whose arguments are sent as this exact JSON text, as a client of `era` sends it. */
async function call(era: Era, id: number, args: string) {
  const meta = era === "modern" ? `,"_meta":${JSON.stringify(MODERN_META)}` : "";
  const reply = await send(http.url, {
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": era === "modern" ? MODERN : "2025-11-25",
      "mcp-method": "tools/call",
      "mcp-name": TOOL,
      "x-mailtrap-api-token": SAMPLE_SECRETS.account,
    },
    body: `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${TOOL}","arguments":${args}${meta}}}`,
  });
  const text = reply.headers["content-type"]?.startsWith("text/event-stream")
    ? (/^data: (.*)$/m.exec(reply.text)?.[1] ?? "{}")
    : reply.text;
  return { status: reply.status, json: JSON.parse(text) as { id: number; error?: { code: number; message: string }; result?: unknown } };
}

const reserved = (path: string, key: string) =>
  `Invalid arguments for ${TOOL}: ${path} is not allowed ("${key}" is a reserved name). Nothing was sent.`;

describe.each<Era>(["legacy", "modern"])("--http, %s era: hostile arguments", (era) => {
  it.each([
    ["__proto__ at the top", `{"__proto__":{"admin":true},"account_id":1001,"name":"x"}`, reserved("arguments.__proto__", "__proto__")],
    [
      "constructor at the top",
      `{"constructor":{"prototype":{}},"account_id":1001,"name":"x"}`,
      reserved("arguments.constructor", "constructor"),
    ],
    [
      "__proto__ nested",
      `{"account_id":1001,"name":"x","resources":[{"__proto__":{"x":1}}]}`,
      reserved("arguments.resources[0].__proto__", "__proto__"),
    ],
    [
      "nested 40 levels deep",
      `{"account_id":1001,"name":"x","resources":${"[".repeat(40)}${"]".repeat(40)}}`,
      `Invalid arguments for ${TOOL}: arguments.resources${"[0]".repeat(31)} is nested more than 32 levels deep. Nothing was sent.`,
    ],
    ["arguments not an object", `"x"`, "Invalid params for tools/call: arguments must be an object."],
  ])("%s: -32602 with the stdio message, nothing sent", async (_name, args, message) => {
    const before = sandbox.requests.length;
    const { status, json } = await call(era, 41, args);
    expect(status).toBe(200);
    expect(json).toEqual({ jsonrpc: "2.0", id: 41, error: { code: -32602, message } });
    expect(sandbox.requests).toHaveLength(before);
  });

  it("a clean call still goes through after the refusals", async () => {
    const { json } = await call(
      era,
      42,
      `{"account_id":1001,"name":"clean ${era}","resources":[{"resource_type":"account","resource_id":1001,"access_level":10}]}`,
    );
    expect(json.error).toBeUndefined();
    expect(JSON.stringify(json.result)).toContain(`clean ${era}`);
  });
});
