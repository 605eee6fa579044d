// What a write's reply does to its result: a 2xx always reaches the model with its data (the secret above all),
// structuredContent always matches the advertised schema (the real SDK client checks it), every outcome that is
// not a clean refusal or a usable 2xx says the change may have been made and what to check, and results the server
// composes cannot be overridden by the reply. Exactly one write reaches the API each time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";
import type { Fault } from "./support/sandbox.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAILTRAP_TIMEOUT_MS: "500", MAILTRAP_MAX_RESPONSE_BYTES: String(16 * 1024) } });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  expect(h.transcript()).not.toContain(h.sandbox.token);
  h.sandbox.reset();
});

const SECRET = "f00dfeedf00dfeedf00dfeedf00d0001";
const CREATE = {
  account_id: 1001,
  name: "CI deploy",
  resources: [{ resource_type: "account", resource_id: 1001, access_level: 100 }],
};
const create = () => h.call("mailtrap_accounts_create_api_token", CREATE);
const reply = (status: number, body: unknown, extra: Partial<Extract<Fault, { kind: "status" }>> = {}): Fault => ({
  kind: "status",
  status,
  body: typeof body === "string" ? body : JSON.stringify(body),
  ...extra,
});
const writes = () => h.sandbox.requests.filter((r) => r.method !== "GET");

describe("a 2xx reply with fields of an unexpected type", () => {
  it("keeps the secret and the rest of the data; the odd field moves into a warning; the SDK client accepts the result", async () => {
    h.sandbox.injectFault(
      reply(200, {
        id: 9001,
        name: "CI deploy",
        token: SECRET,
        expires_at: 1767225600,
        resources: [{ resource_type: "account", resource_id: 1001, access_level: "admin" }],
      }),
    );
    // The real MCP client validates structuredContent against the tool's outputSchema: a mismatch would throw here.
    const result = await create();
    expect(result.isError, textOf(result)).toBeFalsy();
    const data = result.structuredContent as Record<string, unknown>;
    expect(data).toMatchObject({
      id: 9001,
      name: "CI deploy",
      token: SECRET,
      resources: [{ resource_type: "account", resource_id: 1001 }],
    });
    expect(data).not.toHaveProperty("expires_at");
    expect(data.warning).toBe(
      'Mailtrap\'s reply had 2 fields of an unexpected type, left out of the structured result and shown here as received: expires_at (expected string): 1767225600; resources[0].access_level (expected number): "admin".',
    );
    // The text carries everything, the odd values included.
    expect(textOf(result)).toContain(SECRET);
    expect(textOf(result)).toContain("1767225600");
    expect(writes()).toHaveLength(1);
  });

  it("even when the odd field is the secret itself, it reaches the model", async () => {
    h.sandbox.injectFault(reply(200, { id: 9002, name: "CI deploy", token: { value: SECRET } }));
    const result = await create();
    expect(result.isError).toBe(true);
    // Without a usable token the create is not a plain success, but what came back is all shown.
    expect(textOf(result)).toMatch(
      /^Error: Mailtrap accepted mailtrap_accounts_create_api_token \(HTTP 2xx\), but the reply did not include the new token/,
    );
    expect(textOf(result)).toContain(SECRET);
    expect(textOf(result)).toContain('"id":9002');
  });

  it("a read with an odd field keeps the rest, with the warning", async () => {
    h.sandbox.injectFault(
      reply(200, [
        { id: 1001, name: "Acme", access_levels: "all" },
        { id: "1002", name: "Staging" },
      ]),
    );
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ accounts: [{ id: 1001, name: "Acme" }, { name: "Staging" }] });
    expect((result.structuredContent as { warning: string }).warning).toMatch(
      /\[0\]\.access_levels \(expected array\): "all"; \[1\]\.id \(expected number\): "1002"/,
    );
  });
});

describe("a 2xx reply that cannot be used at all", () => {
  it.each([
    ["cut-off JSON", reply(200, `{"id":9003,"name":"CI deploy","token":"${SECRET}","resources":[{"resource_`)],
    ["HTML", reply(200, `<html><body>{"id":9003,"name":"CI deploy","token":"${SECRET}"}</body></html>`, { contentType: "text/html" })],
    [
      "JSON nested 10,000 deep",
      reply(200, `{"id":9003,"name":"CI deploy","token":"${SECRET}","extra":${"[".repeat(10_000)}${"]".repeat(10_000)}}`),
    ],
    ["larger than the size limit", reply(200, `{"id":9003,"name":"CI deploy","token":"${SECRET}","pad":"${"x".repeat(40 * 1024)}"}`)],
  ])("(%s) says the change was made, what could be read (the secret too) and what to check", async (_name, fault) => {
    h.sandbox.injectFault(fault);
    const result = await create();
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("Mailtrap accepted the change: do not repeat the call.");
    expect(text).toContain(
      `What could be read from it: id 9003, name "CI deploy", token "${SECRET}" (the token's secret, shown only now).`,
    );
    expect(text).toMatch(/To see it, check with mailtrap_accounts_list_api_tokens\.$/);
    expect(text).not.toMatch(/Maximum call stack|try again/);
    expect(writes()).toHaveLength(1);
  });

  it("a create answered 200 with an unrelated body is not a success", async () => {
    h.sandbox.injectFault(reply(200, { message: "Permissions have been updated!" }));
    const result = await create();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Error: Mailtrap accepted mailtrap_accounts_create_api_token (HTTP 2xx), but the reply did not include the new token (its id and secret): list the tokens (mailtrap_accounts_list_api_tokens) to see whether it was made; a secret is shown only once, so a token made this way needs a reset to be used. Do not repeat the call before checking. The reply was: {"message":"Permissions have been updated!"}',
    );
  });

  it("a sub-account create without an id says to list the sub-accounts", async () => {
    const org = await startHarness({ env: { MAILTRAP_API_TOKEN: "0e9d8c7b6a5f4e3d2c1b0a9f8e7d0501" } });
    try {
      org.sandbox.injectFault(reply(200, { name: "New team" }));
      const result = await org.call("mailtrap_accounts_create_organization_sub_account", {
        organization_id: 501,
        account: { name: "New team" },
      });
      expect(textOf(result)).toMatch(
        /did not include the new sub-account's id: list the sub-accounts \(mailtrap_accounts_get_organization_sub_accounts\)/,
      );
    } finally {
      await org.close();
    }
  });
});

describe("results the server composes", () => {
  it("delete_account_access_by_id: the reply cannot turn deleted into false or change the id", async () => {
    h.sandbox.injectFault(reply(200, { id: 1, deleted: false, note: "kept" }));
    const result = await h.call("mailtrap_accounts_delete_account_access_by_id", { account_id: 1001, account_access_id: 7004 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: 7004, deleted: true, note: "kept" });
  });

  it("delete_api_token: whatever the body, the result is what was done", async () => {
    h.sandbox.injectFault(reply(200, { deleted: false, id: 1 }));
    const result = await h.call("mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8002 });
    expect(result.structuredContent).toEqual({ deleted: true, id: 8002 });
  });
});

describe("uncertain writes say so, and what to check; none is repeated", () => {
  const UNCERTAIN = /The change may have been made: check with mailtrap_accounts_list_api_tokens before repeating the call\.$/;
  it.each<[string, Fault]>([
    ["a 500", reply(500, { errors: "Internal Server Error" })],
    ["a 502 page", { kind: "html", status: 502 }],
    ["a 503", reply(503, "")],
    ["a redirect", { kind: "redirect", status: 307, location: "https://elsewhere.example.net/api" }],
    ["a timeout", { kind: "hang" }],
    ["a stalled body", { kind: "stall" }],
    ["a reset connection", { kind: "reset" }],
    ["a 500 larger than the size limit", reply(500, "x".repeat(40 * 1024), { contentType: "text/plain" })],
  ])("%s on a create", async (_name, fault) => {
    h.sandbox.injectFault(fault, { times: Infinity });
    const result = await create();
    h.sandbox.clearFaults();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(UNCERTAIN);
    expect(textOf(result)).not.toMatch(/try again later/);
    expect(writes()).toHaveLength(1);
  });

  it.each([
    ["delete_account_access_by_id", { account_id: 1001, account_access_id: 7004 }, "mailtrap_accounts_get_all_users_in_account"],
    [
      "update_user_permissions",
      { account_id: 1001, account_access_id: 7004, permissions: [] },
      "mailtrap_accounts_get_all_users_in_account",
    ],
    ["reset_api_token", { account_id: 1001, id: 8001 }, "mailtrap_accounts_list_api_tokens"],
  ])("a 500 on %s names the read that shows the state", async (tool, args, check) => {
    h.sandbox.injectFault(reply(500, { errors: "boom" }));
    const result = await h.call(`mailtrap_accounts_${tool}`, args);
    expect(textOf(result)).toMatch(
      new RegExp(
        `HTTP 500: boom\\. Mailtrap had a server error\\. The change may have been made: check with ${check} before repeating the call\\.$`,
      ),
    );
  });

  it("a clean 4xx refusal says nothing was made beyond the refusal", async () => {
    h.sandbox.injectFault(reply(422, { errors: { base: ["No permissions selected."] } }));
    const result = await create();
    expect(textOf(result)).not.toMatch(/may have been made|accepted the change/);
  });
});
