// Every tool through a real MCP Client, over real HTTP to the loopback Mailtrap API: the exact request
// that went out (method, path, query, body, headers) and the structured result that came back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TOOLS } from "../src/tools/index.js";
import { VERSION } from "../src/version.js";
import { CLIENT_INFO, type Harness, startHarness, textOf } from "./helpers/harness.js";
import { type RecordedRequest, SAMPLE_SECRETS } from "./support/sandbox.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.transcript()).not.toContain(h.sandbox.token);
  await h.close();
});

function only(): RecordedRequest {
  expect(h.sandbox.requests).toHaveLength(1);
  return h.sandbox.requests[0]!;
}

function expectStandardHeaders(request: RecordedRequest, token = h.sandbox.token) {
  expect(request.headers.authorization).toBe(`Bearer ${token}`);
  expect(request.headers.accept).toBe("application/json");
  expect(request.headers["user-agent"]).toBe(`mailtrap-accounts-mcp/${VERSION} (client ${CLIENT_INFO.name}/${CLIENT_INFO.version})`);
}

/** Text and structuredContent carry the same JSON. */
function structured(result: Awaited<ReturnType<Harness["call"]>>) {
  expect(result.isError).toBeFalsy();
  expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  return result.structuredContent as Record<string, unknown>;
}

describe("read tools", () => {
  it("get_all_accounts sends GET /api/accounts and wraps the list under accounts", async () => {
    const out = structured(await h.call("mailtrap_accounts_get_all_accounts"));
    const req = only();
    expect([req.method, req.path, req.rawQuery, req.body]).toEqual(["GET", "/api/accounts", "", ""]);
    expect(req.headers["content-type"]).toBeUndefined();
    expectStandardHeaders(req);
    expect(out.accounts).toEqual([
      { id: 1001, name: "Acme Corp", access_levels: [1000] },
      { id: 1002, name: "Acme Staging", access_levels: [100] },
    ]);
  });

  it("get_all_users_in_account sends bracketed array filters and returns the matching accesses", async () => {
    const out = structured(
      await h.call("mailtrap_accounts_get_all_users_in_account", {
        account_id: 1001,
        project_ids: ["3001", "3002"],
        inbox_ids: ["4002"],
      }),
    );
    const req = only();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/api/accounts/1001/account_accesses");
    expect(req.rawQuery).toBe("project_ids[]=3001&project_ids[]=3002&inbox_ids[]=4002");
    expectStandardHeaders(req);
    const ids = (out.account_accesses as Array<{ id: number }>).map((a) => a.id).sort();
    expect(ids).toEqual([7002, 7003, 7004, 7007]);
  });

  it("get_all_users_in_account without filters sends no query string", async () => {
    const out = structured(await h.call("mailtrap_accounts_get_all_users_in_account", { account_id: 1001 }));
    expect(only().rawQuery).toBe("");
    const accesses = out.account_accesses as Array<{ id: number; specifier_type: string; resources: unknown[] }>;
    expect(accesses.length).toBeGreaterThanOrEqual(7);
    expect(accesses.find((a) => a.id === 7001)?.specifier_type).toBe("User");
  });

  it("get_all_users_in_account keeps only the last 4 characters of a token value the API includes", async () => {
    const access = {
      id: 7005,
      specifier_type: "ApiToken",
      specifier: { id: 8001, name: "CI deploy", author_name: "Jane", token: "c1d2e3f4a5b6c7d8e9f0a1b2c3d48001", expires_at: null },
      resources: [{ resource_id: 1001, resource_type: "account", access_level: 100 }],
      permissions: { can_read: true, can_update: true, can_destroy: true, can_leave: false },
    };
    h.sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify([access]) });
    const result = await h.call("mailtrap_accounts_get_all_users_in_account", { account_id: 1001 });
    const out = structured(result);
    expect(out.account_accesses).toEqual([{ ...access, specifier: { ...access.specifier, token: "…8001" } }]);
    expect(textOf(result)).not.toContain("c1d2e3f4a5b6c7d8e9f0a1b2c3d48001");
  });

  it("get_all_users_in_account sends no filter for empty lists, as for null or absent ones (strict-mode models send every list)", async () => {
    await h.call("mailtrap_accounts_get_all_users_in_account", {
      account_id: 1001,
      project_ids: [],
      inbox_ids: null,
      domain_ids: ["5001"],
    });
    expect(only().rawQuery).toBe("domain_ids[]=5001");
  });

  it("get_resources calls /permissions/resources (not /account_accesses, as Mailtrap's SDK does)", async () => {
    const out = structured(await h.call("mailtrap_accounts_get_resources", { account_id: 1001 }));
    const req = only();
    expect([req.method, req.path]).toEqual(["GET", "/api/accounts/1001/permissions/resources"]);
    const [root] = out.resources as Array<{ type: string; resources: Array<{ type: string }> }>;
    expect(root?.type).toBe("account");
    expect(root?.resources.some((r) => r.type === "project")).toBe(true);
  });

  it("list_api_tokens returns tokens without secrets", async () => {
    const out = structured(await h.call("mailtrap_accounts_list_api_tokens", { account_id: 1001 }));
    const req = only();
    expect([req.method, req.path]).toEqual(["GET", "/api/accounts/1001/api_tokens"]);
    const tokens = out.api_tokens as Array<Record<string, unknown>>;
    expect(tokens.map((t) => t.id)).toEqual([8001, 8002, 8003]);
    for (const token of tokens) expect(token).not.toHaveProperty("token");
  });

  it("get_api_token fetches one token by id", async () => {
    const out = structured(await h.call("mailtrap_accounts_get_api_token", { account_id: 1001, id: 8002 }));
    const req = only();
    expect([req.method, req.path]).toEqual(["GET", "/api/accounts/1001/api_tokens/8002"]);
    expect(out).toMatchObject({ id: 8002, name: "Transactional sender", last_4_digits: "8002" });
  });

  it("get_account_billing_usage returns the usage object as is", async () => {
    const out = structured(await h.call("mailtrap_accounts_get_account_billing_usage", { account_id: 1001 }));
    const req = only();
    expect([req.method, req.path]).toEqual(["GET", "/api/accounts/1001/billing/usage"]);
    expect(out).toHaveProperty("billing.cycle_start");
    expect(out).toHaveProperty("testing.usage.sent_messages_count.limit");
  });

  it("get_organization_sub_accounts lists the organization's sub-accounts", async () => {
    // The account token gets 403 here (tested below); sub-accounts need the organization-level token.
    const org = await startHarness({ env: { MAILTRAP_API_TOKEN: SAMPLE_SECRETS.organization } });
    try {
      const out = structured(await org.call("mailtrap_accounts_get_organization_sub_accounts", { organization_id: 501 }));
      const req = org.sandbox.requests[0]!;
      expect([req.method, req.path]).toEqual(["GET", "/api/organizations/501/sub_accounts"]);
      expectStandardHeaders(req, SAMPLE_SECRETS.organization);
      expect(out.sub_accounts).toEqual([
        { id: 1001, name: "Acme Corp" },
        { id: 1002, name: "Acme Staging" },
      ]);
    } finally {
      await org.close();
    }
  });
});

describe("write tools", () => {
  it("create_api_token POSTs {name, resources} and returns the secret once", async () => {
    const resources = [{ resource_type: "account", resource_id: 1001, access_level: 100 }];
    const out = structured(await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "Deploy bot", resources }));
    const req = only();
    expect([req.method, req.path]).toEqual(["POST", "/api/accounts/1001/api_tokens"]);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.json).toEqual({ name: "Deploy bot", resources });
    expectStandardHeaders(req);
    expect(out).toMatchObject({ name: "Deploy bot", resources, expires_at: null });
    expect(typeof out.token).toBe("string");
    expect(out.last_4_digits).toBe((out.token as string).slice(-4));
  });

  it('create_api_token maps the advertised spellings to the API\'s: "admin"/"viewer" → 100/10, resource_id → an integer', async () => {
    const result = await h.call("mailtrap_accounts_create_api_token", {
      account_id: 1001,
      name: "Mapped",
      resources: [
        { resource_type: "account", resource_id: 1001, access_level: "viewer" },
        { resource_type: "project", resource_id: "3002", access_level: "admin" },
      ],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(only().json).toEqual({
      name: "Mapped",
      resources: [
        { resource_type: "account", resource_id: 1001, access_level: 10 },
        { resource_type: "project", resource_id: 3002, access_level: 100 },
      ],
    });
  });

  it.each([[[]], [null]])("create_api_token with resources %j sends only the name, as without them", async (resources) => {
    await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "Bare", resources });
    expect(only().json).toEqual({ name: "Bare" });
  });

  it("create_api_token without resources sends only the name and reports Mailtrap's 422", async () => {
    const result = await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "Bare" });
    expect(only().json).toEqual({ name: "Bare" });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("HTTP 422");
    expect(textOf(result)).toContain("No permissions selected");
  });

  it("reset_api_token POSTs to /reset with no body and returns the new token", async () => {
    const out = structured(await h.call("mailtrap_accounts_reset_api_token", { account_id: 1001, id: 8001 }));
    const req = only();
    expect([req.method, req.path, req.body]).toEqual(["POST", "/api/accounts/1001/api_tokens/8001/reset", ""]);
    expect(req.headers["content-type"]).toBeUndefined();
    expect(out.id).not.toBe(8001);
    expect(typeof out.token).toBe("string");
  });

  it("delete_api_token turns the 204 into {deleted: true, id}", async () => {
    const out = structured(await h.call("mailtrap_accounts_delete_api_token", { account_id: 1001, id: 8003 }));
    const req = only();
    expect([req.method, req.path, req.body]).toEqual(["DELETE", "/api/accounts/1001/api_tokens/8003", ""]);
    expect(out).toEqual({ deleted: true, id: 8003 });
    const again = await h.call("mailtrap_accounts_get_api_token", { account_id: 1001, id: 8003 });
    expect(again.isError).toBe(true);
  });

  it("delete_account_access_by_id sends DELETE and returns the deleted id", async () => {
    const out = structured(await h.call("mailtrap_accounts_delete_account_access_by_id", { account_id: 1001, account_access_id: 7004 }));
    const req = only();
    expect([req.method, req.path]).toEqual(["DELETE", "/api/accounts/1001/account_accesses/7004"]);
    expect(out).toEqual({ deleted: true, id: 7004 });
  });

  it("update_user_permissions PUTs /permissions/bulk with resource_id as a string and a real boolean _destroy", async () => {
    const out = structured(
      await h.call("mailtrap_accounts_update_user_permissions", {
        account_id: 1001,
        account_access_id: 7002,
        permissions: [
          { resource_id: 3002, resource_type: "project", access_level: "viewer" },
          { resource_id: "4004", resource_type: "inbox", _destroy: true },
        ],
      }),
    );
    const req = only();
    expect([req.method, req.path]).toEqual(["PUT", "/api/accounts/1001/account_accesses/7002/permissions/bulk"]);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.json).toEqual({
      permissions: [
        { resource_id: "3002", resource_type: "project", access_level: "viewer" },
        { resource_id: "4004", resource_type: "inbox", _destroy: true },
      ],
    });
    expect(out).toEqual({ message: "Permissions have been updated!" });
  });

  it('update_user_permissions maps "remove" to _destroy: true and the API\'s numbers 100/10 to "admin"/"viewer"', async () => {
    const result = await h.call("mailtrap_accounts_update_user_permissions", {
      account_id: 1001,
      account_access_id: 7002,
      permissions: [
        { resource_id: 3001, resource_type: "project", access_level: "remove" },
        { resource_id: 3002, resource_type: "project", access_level: 100 },
        { resource_id: "4002", resource_type: "inbox", access_level: 10 },
        { resource_id: 4004, resource_type: "inbox", access_level: "admin", _destroy: true },
        { resource_id: 1001, resource_type: "account", access_level: "viewer", _destroy: false },
      ],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(only().json).toEqual({
      permissions: [
        { resource_id: "3001", resource_type: "project", _destroy: true },
        { resource_id: "3002", resource_type: "project", access_level: "admin" },
        { resource_id: "4002", resource_type: "inbox", access_level: "viewer" },
        { resource_id: "4004", resource_type: "inbox", _destroy: true },
        { resource_id: "1001", resource_type: "account", access_level: "viewer" },
      ],
    });
  });

  it("create_organization_sub_account POSTs {account: {name}}", async () => {
    const harness = await startHarness({ env: { MAILTRAP_API_TOKEN: SAMPLE_SECRETS.organization } });
    try {
      const out = structured(
        await harness.call("mailtrap_accounts_create_organization_sub_account", { organization_id: 501, account: { name: "QA team" } }),
      );
      const req = harness.sandbox.requests[0]!;
      expect([req.method, req.path]).toEqual(["POST", "/api/organizations/501/sub_accounts"]);
      expect(req.json).toEqual({ account: { name: "QA team" } });
      expect(out).toEqual({ id: 1004, name: "QA team" });
      // The advertised flat name sends the same request.
      const flat = structured(
        await harness.call("mailtrap_accounts_create_organization_sub_account", { organization_id: 501, name: "Ops" }),
      );
      const second = harness.sandbox.requests[1]!;
      expect([second.method, second.path]).toEqual(["POST", "/api/organizations/501/sub_accounts"]);
      expect(second.json).toEqual({ account: { name: "Ops" } });
      expect(flat).toMatchObject({ name: "Ops" });
    } finally {
      await harness.close();
    }
  });
});

describe("API errors become actionable tool errors", () => {
  it("401 names MAILTRAP_API_TOKEN and never echoes the token", async () => {
    const bad = await startHarness({ env: { MAILTRAP_API_TOKEN: "wrong-token-0123456789abcdef" } });
    try {
      const result = await bad.call("mailtrap_accounts_get_all_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/HTTP 401: Incorrect API token\. .*MAILTRAP_API_TOKEN/);
      expect(bad.transcript()).not.toContain("wrong-token-0123456789abcdef");
    } finally {
      await bad.close();
    }
  });

  it("403 points at the token's permissions", async () => {
    const result = await h.call("mailtrap_accounts_list_api_tokens", { account_id: 1003 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 403: Account access forbidden\. .*permission/);
  });

  it("403 on organization tools with an account-level token says an organization token is needed", async () => {
    const result = await h.call("mailtrap_accounts_get_organization_sub_accounts", { organization_id: 501 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("HTTP 403: Access forbidden");
    expect(textOf(result)).toContain("organization-level token");
  });

  it("404 names the id and the tool that lists valid ones", async () => {
    const result = await h.call("mailtrap_accounts_get_api_token", { account_id: 1001, id: 999999 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 404: Not Found\. .*list_api_tokens/);
  });

  it("422 field maps are flattened into the message", async () => {
    const result = await h.call("mailtrap_accounts_create_api_token", {
      account_id: 1001,
      name: "x",
      resources: [{ resource_type: "project", resource_id: 999999, access_level: 10 }],
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 422: resource_id: is invalid/);
  });

  it("a 422 message that ends a sentence gets no second full stop", async () => {
    const result = await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "Bare" });
    expect(textOf(result)).toContain("Please choose at least one. Mailtrap refused the request");
    expect(textOf(result)).not.toContain("..");
  });

  it("replies that fit the spec but leave out optional fields are results, not failures", async () => {
    h.sandbox.injectFault({ kind: "status", status: 200, body: "{}" }, { times: 2 });
    const deleted = await h.call("mailtrap_accounts_delete_account_access_by_id", { account_id: 1001, account_access_id: 7004 });
    expect(structured(deleted)).toEqual({ deleted: true, id: 7004 });
    const created = await h.call("mailtrap_accounts_create_api_token", {
      account_id: 1001,
      name: "Minimal",
      resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }],
    });
    // A create is proved by the new token: without it, the change was made but is not a plain success.
    expect(created.isError).toBe(true);
    expect(textOf(created)).toMatch(
      /^Error: Mailtrap accepted mailtrap_accounts_create_api_token \(HTTP 2xx\), but the reply did not include the new token \(its id and secret\): list the tokens/,
    );
  });

  it("a write answered 2xx with an unusable body says the change was made, so it is not repeated", async () => {
    h.sandbox.injectFault({ kind: "status", status: 200, body: "<html>OK</html>", contentType: "text/html" });
    const result = await h.call("mailtrap_accounts_reset_api_token", { account_id: 1001, id: 8001 });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /HTTP 200 but the body is not valid JSON \(text\/html\): "OK"\. Mailtrap accepted the change: do not repeat the call/,
    );
  });

  it("400 with an empty text/html body still ends as a clear error", async () => {
    const harness = await startHarness({ env: { MAILTRAP_API_TOKEN: SAMPLE_SECRETS.organization } });
    try {
      harness.sandbox.injectFault({ kind: "status", status: 400, body: "", contentType: "text/html" });
      const result = await harness.call("mailtrap_accounts_create_organization_sub_account", {
        organization_id: 501,
        account: { name: "x" },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^Error: Mailtrap API returned HTTP 400\. /);
    } finally {
      await harness.close();
    }
  });

  it("with no token, tools are listed but every call refuses and sends nothing", async () => {
    const none = await startHarness({ env: { MAILTRAP_API_TOKEN: "" } });
    try {
      const { tools } = await none.mcp.listTools();
      expect(tools).toHaveLength(TOOLS.length);
      const result = await none.call("mailtrap_accounts_get_all_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain("set MAILTRAP_API_TOKEN");
      expect(none.sandbox.requests).toHaveLength(0);
    } finally {
      await none.close();
    }
  });
});
