// Pins the loopback Mailtrap sandbox to the API facts: statuses, bodies, headers, state changes and faults.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_SECRETS, type Sandbox, type SandboxOptions, startSandbox } from "./support/sandbox.js";

interface CallOptions {
  /** Bearer token; null sends no Authorization header; default the sandbox's account token. */
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function call(sb: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? sb.token : options.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(sb.url + path, { method, headers, body, signal: AbortSignal.timeout(2000) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const ids = (value: unknown): number[] => (value as Array<{ id: number }>).map((item) => item.id);

/** Run `body` against a fresh sandbox (fresh sample state) and always close it. */
async function withSandbox(options: SandboxOptions, body: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox(options);
  try {
    await body(sb);
  } finally {
    await sb.close();
  }
}

let shared: Sandbox;

beforeAll(async () => {
  shared = await startSandbox();
});

afterAll(async () => {
  await shared.close();
});

describe("sandbox basics", () => {
  it("listens on loopback and exposes the sample tokens", () => {
    expect(shared.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shared.token).toBe(SAMPLE_SECRETS.account);
    expect(shared.organizationToken).toBe(SAMPLE_SECRETS.organization);
    expect(shared.token).toMatch(/^[0-9a-f]{32}$/);
  });

  it("GET /api/accounts lists the token's accounts with JSON and rate-limit headers", async () => {
    shared.reset();
    const res = await call(shared, "GET", "/api/accounts");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("x-ratelimit-limit")).toBe("150");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("149");
    expect(res.json).toEqual([
      { id: 1001, name: "Acme Corp", access_levels: [1000] },
      { id: 1002, name: "Acme Staging", access_levels: [100] },
    ]);
  });

  it("accepts the Api-Token header and the organization token", async () => {
    const viaHeader = await call(shared, "GET", "/api/accounts", { token: null, headers: { "Api-Token": shared.token } });
    expect(viaHeader.status).toBe(200);
    const org = await call(shared, "GET", "/api/accounts", { token: shared.organizationToken });
    expect(org.json).toEqual([
      { id: 1001, name: "Acme Corp", access_levels: [1000] },
      { id: 1002, name: "Acme Staging", access_levels: [1000] },
    ]);
  });

  it("records every request raw, including 401s", async () => {
    shared.reset();
    await call(shared, "GET", "/api/accounts/1001/account_accesses?project_ids%5B%5D=3001&project_ids[]=3002&x=a+b", { token: null });
    await call(shared, "PUT", "/api/accounts/1001/account_accesses/7002/permissions/bulk", { body: { permissions: [] } });
    expect(shared.requests).toHaveLength(2);
    const [first, second] = shared.requests;
    expect(first).toMatchObject({
      method: "GET",
      path: "/api/accounts/1001/account_accesses",
      rawQuery: "project_ids%5B%5D=3001&project_ids[]=3002&x=a+b",
      query: { "project_ids[]": ["3001", "3002"], x: ["a b"] },
      body: "",
      json: undefined,
    });
    expect(first?.headers.authorization).toBeUndefined();
    expect(second).toMatchObject({ method: "PUT", body: '{"permissions":[]}', json: { permissions: [] } });
    expect(second?.headers.authorization).toBe(`Bearer ${shared.token}`);
  });
});

describe("errors common to all endpoints", () => {
  it("401 with WWW-Authenticate for a missing or unknown token", async () => {
    for (const token of [null, "0123456789abcdef0123456789abcdef"]) {
      const res = await call(shared, "GET", "/api/accounts", { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ error: "Incorrect API token" });
      expect(res.headers.get("www-authenticate")).toBe('Token realm="Application"');
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    }
  });

  it("404 for unknown paths, wrong methods and malformed ids", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["PATCH", "/api/accounts"],
      ["POST", "/api/accounts/1001/billing/usage"],
      ["GET", "/api/accounts/abc/api_tokens"],
      ["GET", "/api/accounts/0/api_tokens"],
      ["GET", "/api/accounts/01001/api_tokens"],
      ["GET", "/api/accounts/-5/api_tokens"],
      ["GET", "/api/accounts/1001/api_tokens/1.5"],
    ] as const) {
      const res = await call(shared, method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toEqual({ error: "Not Found" });
    }
  });

  it("403 for accounts the token cannot reach", async () => {
    for (const path of ["/api/accounts/1003/api_tokens", "/api/accounts/9999/billing/usage"]) {
      const res = await call(shared, "GET", path);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({ errors: "Account access forbidden" });
    }
    const otherAccountToken = await call(shared, "GET", "/api/accounts/1001/api_tokens", { token: SAMPLE_SECRETS.globexAdmin });
    expect(otherAccountToken.status).toBe(403);
    // A token scoped to a project and an inbox has no admin rights on the account.
    const scoped = await call(shared, "GET", "/api/accounts/1001/account_accesses", { token: SAMPLE_SECRETS.qaReader });
    expect(scoped.status).toBe(403);
    expect(scoped.json).toEqual({ errors: "Account access forbidden" });
  });

  it("403 Access forbidden on organization paths without the organization token", async () => {
    const accountToken = await call(shared, "GET", "/api/organizations/501/sub_accounts");
    expect(accountToken.status).toBe(403);
    expect(accountToken.json).toEqual({ errors: "Access forbidden" });
    const otherOrg = await call(shared, "GET", "/api/organizations/502/sub_accounts", { token: shared.organizationToken });
    expect(otherOrg.status).toBe(403);
    expect(otherOrg.json).toEqual({ errors: "Access forbidden" });
  });
});

describe("account accesses", () => {
  it("lists users, invites and API tokens as AccountAccess objects", async () => {
    const res = await call(shared, "GET", "/api/accounts/1001/account_accesses");
    expect(res.status).toBe(200);
    expect(ids(res.json)).toEqual([7001, 7002, 7003, 7004, 7005, 7006, 7007]);
    const list = res.json as Array<{ specifier_type: string; specifier: Record<string, unknown>; resources: unknown[] }>;
    expect(list.map((a) => a.specifier_type)).toEqual(["User", "User", "User", "Invite", "ApiToken", "ApiToken", "ApiToken"]);
    expect(list[0]).toEqual({
      id: 7001,
      specifier_type: "User",
      specifier: { id: 6001, email: "jane.doe@acme.example", name: "Jane Doe", two_factor_authentication_enabled: true },
      resources: [
        { resource_id: 1001, resource_type: "account", access_level: 1000 },
        { resource_id: 501, resource_type: "organization", access_level: 1000 },
      ],
      permissions: { can_read: true, can_update: true, can_destroy: true, can_leave: false },
    });
    const apiToken = list[4];
    expect(apiToken?.specifier).toMatchObject({ id: 8001, name: "CI deploy", author_name: "Jane Doe", expires_at: null });
    // The token value is masked: secrets only leave the API on create and reset.
    expect(apiToken?.specifier.token).toBe(`${"*".repeat(28)}8001`);
  });

  it("filters with Rails bracket arrays (union across filters)", async () => {
    const get = async (query: string): Promise<number[]> =>
      ids((await call(shared, "GET", `/api/accounts/1001/account_accesses?${query}`)).json);
    expect(await get("project_ids[]=3001")).toEqual([7002, 7007]);
    expect(await get("project_ids[]=3001&project_ids[]=3002")).toEqual([7002, 7004, 7007]);
    expect(await get("project_ids%5B%5D=3002")).toEqual([7004]);
    expect(await get("inbox_ids[]=4002")).toEqual([7003, 7007]);
    expect(await get("domain_ids[]=5002")).toEqual([7006]);
    expect(await get("project_ids[]=3002&domain_ids[]=5001")).toEqual([7003, 7004]);
    expect(await get("project_ids[]=999999")).toEqual([]);
  });

  it("keeps only the last value of a bare (non-bracket) key", async () => {
    const res = await call(shared, "GET", "/api/accounts/1001/account_accesses?project_ids=3001&project_ids=3002");
    expect(ids(res.json)).toEqual([7004]);
    const conflict = await call(shared, "GET", "/api/accounts/1001/account_accesses?project_ids=3001&project_ids[]=3002");
    expect(conflict.status).toBe(400);
    expect(conflict.json).toMatchObject({ errors: expect.any(String) });
  });

  it("deletes accesses (200 {id}), then 404; an ApiToken access takes its token with it", async () => {
    await withSandbox({}, async (sb) => {
      const del = await call(sb, "DELETE", "/api/accounts/1001/account_accesses/7003");
      expect(del.status).toBe(200);
      expect(del.json).toEqual({ id: 7003 });
      expect((await call(sb, "DELETE", "/api/accounts/1001/account_accesses/7003")).json).toEqual({ error: "Not Found" });
      expect(ids((await call(sb, "GET", "/api/accounts/1001/account_accesses")).json)).not.toContain(7003);

      expect((await call(sb, "DELETE", "/api/accounts/1001/account_accesses/7006")).json).toEqual({ id: 7006 });
      expect((await call(sb, "GET", "/api/accounts/1001/api_tokens/8002")).status).toBe(404);
      expect((await call(sb, "GET", "/api/accounts", { token: SAMPLE_SECRETS.transactionalSender })).status).toBe(401);
    });
  });
});

describe("bulk permissions", () => {
  const bulkPath = (accessId: number): string => `/api/accounts/1001/account_accesses/${accessId}/permissions/bulk`;
  const resourcesOf = (sb: Sandbox, accessId: number): unknown =>
    sb.state.accounts.find((a) => a.id === 1001)?.accesses.find((a) => a.id === accessId)?.resources;

  it("updates, creates and destroys (type, id) pairs", async () => {
    await withSandbox({}, async (sb) => {
      const res = await call(sb, "PUT", bulkPath(7002), {
        body: {
          permissions: [
            { resource_id: "3001", resource_type: "project", access_level: "viewer" },
            { resource_id: 3002, resource_type: "project", access_level: 100 },
            { resource_id: "4004", resource_type: "inbox", _destroy: true },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ message: "Permissions have been updated!" });
      expect(resourcesOf(sb, 7002)).toEqual([
        { resource_id: 3001, resource_type: "project", access_level: 10 },
        { resource_id: 3002, resource_type: "project", access_level: 100 },
      ]);
    });
  });

  it('treats _destroy "false" as truthy (Rails), false as keep', async () => {
    await withSandbox({}, async (sb) => {
      await call(sb, "PUT", bulkPath(7002), {
        body: {
          permissions: [
            { resource_id: "3001", resource_type: "project", _destroy: "false" },
            { resource_id: "4004", resource_type: "inbox", access_level: "admin", _destroy: false },
          ],
        },
      });
      expect(resourcesOf(sb, 7002)).toEqual([{ resource_id: 4004, resource_type: "inbox", access_level: 100 }]);
    });
  });

  it("edits an ApiToken access's token permissions", async () => {
    await withSandbox({}, async (sb) => {
      await call(sb, "PUT", bulkPath(7005), {
        body: { permissions: [{ resource_id: "1001", resource_type: "account", access_level: 10 }] },
      });
      const token = await call(sb, "GET", "/api/accounts/1001/api_tokens/8001");
      expect(token.json).toMatchObject({ resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] });
    });
  });

  it("422 for invalid items and changes nothing; empty list is a 200 no-op", async () => {
    await withSandbox({}, async (sb) => {
      const before = structuredClone(resourcesOf(sb, 7002));
      for (const bad of [
        { resource_id: "3001", resource_type: "organization", access_level: "admin" },
        { resource_id: "3001", resource_type: "project", access_level: "owner" },
        { resource_id: "3001", resource_type: "project" },
        { resource_id: "999999", resource_type: "project", access_level: "admin" },
      ]) {
        const res = await call(sb, "PUT", bulkPath(7002), {
          body: { permissions: [{ resource_id: "3002", resource_type: "project", access_level: "admin" }, bad] },
        });
        expect(res.status).toBe(422);
        expect(res.json).toEqual({ errors: { base: [expect.any(String)] } });
      }
      expect(resourcesOf(sb, 7002)).toEqual(before);
      const empty = await call(sb, "PUT", bulkPath(7002), { body: { permissions: [] } });
      expect(empty.status).toBe(200);
      expect(resourcesOf(sb, 7002)).toEqual(before);
    });
  });

  it("404 unknown access; 400 for a missing list (empty text/html) or malformed JSON", async () => {
    expect((await call(shared, "PUT", bulkPath(123456), { body: { permissions: [] } })).json).toEqual({ error: "Not Found" });
    const missing = await call(shared, "PUT", bulkPath(7002), { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.text).toBe("");
    expect(missing.headers.get("content-type")).toBe("text/html");
    const malformed = await call(shared, "PUT", bulkPath(7002), { rawBody: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(malformed.json).toEqual({ errors: expect.any(String) });
  });
});

describe("resources tree and billing", () => {
  it("returns the permission tree with the caller's access level", async () => {
    const res = await call(shared, "GET", "/api/accounts/1001/permissions/resources");
    expect(res.status).toBe(200);
    const [root] = res.json as Array<{
      id: number;
      type: string;
      access_level: number;
      resources: Array<{ id: number; type: string; resources: Array<{ id: number }> }>;
    }>;
    expect(root).toMatchObject({ id: 1001, name: "Acme Corp", type: "account", access_level: 1000 });
    const children = root?.resources ?? [];
    expect(children.map((c) => `${c.type}:${c.id}`)).toEqual([
      "email_template_permission_scope:1001",
      "email_campaign_permission_scope:1001",
      "billing:1001",
      "project:3001",
      "project:3002",
      "sending_domain:5001",
      "sending_domain:5002",
    ]);
    expect(children.find((c) => c.id === 3001)?.resources.map((i) => i.id)).toEqual([4001, 4002, 4003]);
    const staging = await call(shared, "GET", "/api/accounts/1002/permissions/resources");
    expect((staging.json as Array<{ access_level: number }>)[0]?.access_level).toBe(100);
  });

  it("returns billing usage, with product blocks only for plans the account has", async () => {
    const full = await call(shared, "GET", "/api/accounts/1001/billing/usage");
    expect(full.status).toBe(200);
    expect(full.json).toEqual({
      billing: { cycle_start: "2026-02-06T12:59:54.000Z", cycle_end: "2026-03-06T12:59:54.000Z" },
      testing: {
        plan: { name: "Team" },
        usage: { sent_messages_count: { current: 1234, limit: 5000 }, forwarded_messages_count: { current: 12, limit: 500 } },
      },
      sending: { plan: { name: "Basic 10K" }, usage: { sent_messages_count: { current: 6789, limit: 10000 } } },
    });
    const staging = await call(shared, "GET", "/api/accounts/1002/billing/usage");
    expect(Object.keys(staging.json as object)).toEqual(["billing", "testing"]);
  });
});

describe("API tokens", () => {
  const tokensPath = "/api/accounts/1001/api_tokens";

  it("lists and gets tokens without secrets; 404 for unknown or other-account ids", async () => {
    const list = await call(shared, "GET", tokensPath);
    expect(list.status).toBe(200);
    expect(ids(list.json)).toEqual([8001, 8002, 8003]);
    expect(list.text).not.toContain(SAMPLE_SECRETS.ciDeploy);
    const one = await call(shared, "GET", `${tokensPath}/8001`);
    expect(one.json).toEqual({
      id: 8001,
      name: "CI deploy",
      last_4_digits: "8001",
      created_by: "Jane Doe",
      expires_at: null,
      resources: [{ resource_type: "account", resource_id: 1001, access_level: 100 }],
    });
    expect((await call(shared, "GET", `${tokensPath}/999999`)).json).toEqual({ error: "Not Found" });
    expect((await call(shared, "GET", `${tokensPath}/8101`)).status).toBe(404);
  });

  it("creates a token (200) whose secret authenticates with the access it was given", async () => {
    await withSandbox({}, async (sb) => {
      const res = await call(sb, "POST", tokensPath, {
        body: { name: "Deploy bot", resources: [{ resource_type: "account", resource_id: "1001", access_level: 100 }] },
      });
      expect(res.status).toBe(200);
      const created = res.json as { id: number; token: string; last_4_digits: string };
      expect(created).toEqual({
        id: 8301,
        name: "Deploy bot",
        last_4_digits: created.token.slice(-4),
        created_by: "Jane Doe",
        expires_at: null,
        resources: [{ resource_type: "account", resource_id: 1001, access_level: 100 }],
        token: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      const me = await call(sb, "GET", "/api/accounts", { token: created.token });
      expect(me.json).toEqual([{ id: 1001, name: "Acme Corp", access_levels: [100] }]);
      expect((await call(sb, "GET", tokensPath, { token: created.token })).status).toBe(200);
      expect((await call(sb, "GET", "/api/accounts/1002/api_tokens", { token: created.token })).status).toBe(403);
      const listed = await call(sb, "GET", tokensPath);
      expect(ids(listed.json)).toContain(8301);
      expect(listed.text).not.toContain(created.token);
      const accesses = (await call(sb, "GET", "/api/accounts/1001/account_accesses")).json as Array<{
        specifier_type: string;
        specifier: { id: number };
      }>;
      expect(accesses.some((a) => a.specifier_type === "ApiToken" && a.specifier.id === 8301)).toBe(true);

      // A token scoped below the account sees its account but cannot administer it.
      const scoped = (
        await call(sb, "POST", tokensPath, {
          body: { name: "Inbox only", resources: [{ resource_type: "inbox", resource_id: 4001, access_level: 10 }] },
        })
      ).json as { token: string };
      expect((await call(sb, "GET", "/api/accounts", { token: scoped.token })).json).toEqual([
        { id: 1001, name: "Acme Corp", access_levels: [10] },
      ]);
      expect((await call(sb, "GET", tokensPath, { token: scoped.token })).status).toBe(403);
    });
  });

  it("422 for a blank name, no permissions, or bad resources", async () => {
    const account = [{ resource_type: "account", resource_id: 1001, access_level: 100 }];
    const cases: Array<[unknown, unknown]> = [
      [{ resources: account }, { name: ["can't be blank"] }],
      [{ name: "  ", resources: account }, { name: ["can't be blank"] }],
      [{ name: "x" }, { base: ["No permissions selected. Please choose at least one."] }],
      [{ name: "x", resources: [] }, { base: ["No permissions selected. Please choose at least one."] }],
      [
        { name: "x", resources: [{ resource_type: "account", resource_id: 1001, access_level: "admin" }] },
        { access_level: ["is not included in the list"] },
      ],
      [
        { name: "x", resources: [{ resource_type: "billing", resource_id: 1001, access_level: 100 }] },
        { resource_type: ["is not included in the list"] },
      ],
      [{ name: "x", resources: [{ resource_type: "project", resource_id: 3101, access_level: 100 }] }, { resource_id: ["is invalid"] }],
    ];
    for (const [body, errors] of cases) {
      const res = await call(shared, "POST", tokensPath, { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json).toEqual({ errors });
    }
    const nothing = await call(shared, "POST", tokensPath);
    expect(nothing.json).toEqual({ errors: { name: ["can't be blank"], base: ["No permissions selected. Please choose at least one."] } });
    expect(ids((await call(shared, "GET", tokensPath)).json)).toEqual([8001, 8002, 8003]);
  });

  it("deletes with 204 and no body; the token stops authenticating", async () => {
    await withSandbox({}, async (sb) => {
      expect((await call(sb, "GET", "/api/accounts", { token: SAMPLE_SECRETS.ciDeploy })).status).toBe(200);
      const res = await call(sb, "DELETE", `${tokensPath}/8001`);
      expect(res.status).toBe(204);
      expect(res.text).toBe("");
      expect(res.headers.get("content-type")).toBeNull();
      expect(res.headers.get("x-ratelimit-limit")).toBe("150");
      expect((await call(sb, "GET", "/api/accounts", { token: SAMPLE_SECRETS.ciDeploy })).status).toBe(401);
      expect((await call(sb, "DELETE", `${tokensPath}/8001`)).json).toEqual({ error: "Not Found" });
    });
  });

  it("resets: new id and secret, name gets the id appended, old token expires in ~12 h and still works until then", async () => {
    let now = Date.parse("2026-03-01T10:00:00.000Z");
    await withSandbox({ clock: () => now }, async (sb) => {
      const res = await call(sb, "POST", `${tokensPath}/8001/reset`);
      expect(res.status).toBe(200);
      const fresh = res.json as { id: number; name: string; token: string; expires_at: unknown; resources: unknown };
      expect(fresh.id).toBe(8301);
      expect(fresh.name).toBe("CI deploy 8301");
      expect(fresh.token).not.toBe(SAMPLE_SECRETS.ciDeploy);
      expect(fresh.expires_at).toBeNull();
      expect(fresh.resources).toEqual([{ resource_type: "account", resource_id: 1001, access_level: 100 }]);

      const old = await call(sb, "GET", `${tokensPath}/8001`);
      expect(old.json).toMatchObject({ expires_at: "2026-03-01T22:00:00.000Z" });
      expect((await call(sb, "GET", "/api/accounts", { token: SAMPLE_SECRETS.ciDeploy })).status).toBe(200);
      expect((await call(sb, "GET", "/api/accounts", { token: fresh.token })).status).toBe(200);

      const again = await call(sb, "POST", `${tokensPath}/8001/reset`);
      expect(again.status).toBe(422);
      expect(again.json).toEqual({ errors: { base: [expect.any(String)] } });
      expect((await call(sb, "POST", `${tokensPath}/999999/reset`)).status).toBe(404);

      now += 12 * 60 * 60 * 1000;
      expect((await call(sb, "GET", "/api/accounts", { token: SAMPLE_SECRETS.ciDeploy })).status).toBe(401);
      expect((await call(sb, "GET", "/api/accounts", { token: fresh.token })).status).toBe(200);
    });
  });
});

describe("organization sub-accounts", () => {
  const subPath = "/api/organizations/501/sub_accounts";

  it("lists and creates sub-accounts (200) with the organization token", async () => {
    await withSandbox({}, async (sb) => {
      const org = { token: sb.organizationToken };
      const list = await call(sb, "GET", subPath, org);
      expect(list.status).toBe(200);
      expect(list.json).toEqual([
        { id: 1001, name: "Acme Corp" },
        { id: 1002, name: "Acme Staging" },
      ]);
      const created = await call(sb, "POST", subPath, { ...org, body: { account: { name: "New team" } } });
      expect(created.status).toBe(200);
      expect(created.json).toEqual({ id: 1004, name: "New team" });
      expect(ids((await call(sb, "GET", subPath, org)).json)).toEqual([1001, 1002, 1004]);
      expect(ids((await call(sb, "GET", "/api/accounts", org)).json)).toEqual([1001, 1002, 1004]);
      expect((await call(sb, "GET", "/api/accounts/1004/billing/usage", org)).status).toBe(200);
    });
  });

  it("400 with an empty text/html body for a missing account or blank name", async () => {
    for (const body of [{}, { account: {} }, { account: { name: "" } }, { account: "x" }, undefined]) {
      const res = await call(shared, "POST", subPath, { token: shared.organizationToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.text).toBe("");
      expect(res.headers.get("content-type")).toBe("text/html");
    }
    const malformed = await call(shared, "POST", subPath, { token: shared.organizationToken, rawBody: "account=x" });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toEqual({ errors: expect.any(String) });
    expect(ids((await call(shared, "GET", subPath, { token: shared.organizationToken })).json)).toEqual([1001, 1002]);
  });
});

describe("rate limiting", () => {
  it("counts per token in a 10 s window and answers 429 over the limit", async () => {
    let now = 1_000_000;
    await withSandbox({ rateLimit: 3, clock: () => now }, async (sb) => {
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await call(sb, "GET", "/api/accounts");
        expect(res.status).toBe(200);
        expect(res.headers.get("x-ratelimit-limit")).toBe("3");
        remaining.push(res.headers.get("x-ratelimit-remaining"));
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const limited = await call(sb, "GET", "/api/accounts");
      expect(limited.status).toBe(429);
      expect(limited.json).toEqual({ errors: "Rate limit exceeded" });
      expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
      // Another token has its own window.
      expect((await call(sb, "GET", "/api/accounts", { token: sb.organizationToken })).status).toBe(200);
      now += 10_000;
      expect((await call(sb, "GET", "/api/accounts")).headers.get("x-ratelimit-remaining")).toBe("2");
    });
  });

  it("can be disabled", async () => {
    await withSandbox({ rateLimit: false }, async (sb) => {
      const res = await call(sb, "GET", "/api/accounts");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    });
  });
});

describe("faults", () => {
  it("status: answers the given status, body and headers instead of the handler (before auth)", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "status", status: 429, body: '{"errors":"Rate limit exceeded"}', headers: { "Retry-After": "2" } });
      const res = await call(sb, "GET", "/api/accounts", { token: null });
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("2");
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.json).toEqual({ errors: "Rate limit exceeded" });
      expect((await call(sb, "GET", "/api/accounts")).status).toBe(200);
      expect(sb.requests).toHaveLength(2);
    });
  });

  it("html: a proxy error page", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "html", status: 502 });
      const res = await call(sb, "GET", "/api/accounts");
      expect(res.status).toBe(502);
      expect(res.headers.get("content-type")).toBe("text/html");
      expect(res.text).toContain("<html>");
      expect(res.text).toContain("502 Bad Gateway");
      expect(res.text.length).toBeGreaterThan(200);
      expect(res.text.length).toBeLessThan(2000);
    });
  });

  it("hang: never answers, and close() still returns promptly", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "hang" });
      const started = Date.now();
      await expect(fetch(`${sb.url}/api/accounts`, { signal: AbortSignal.timeout(300) })).rejects.toMatchObject({ name: "TimeoutError" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(sb.requests).toHaveLength(1);

      sb.injectFault({ kind: "hang" });
      const pending = fetch(`${sb.url}/api/accounts`, { signal: AbortSignal.timeout(5000) }).then(
        () => "answered",
        () => "failed",
      );
      const deadline = Date.now() + 2000;
      while (sb.requests.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const closing = Date.now();
      await sb.close();
      expect(Date.now() - closing).toBeLessThan(1000);
      expect(await pending).toBe("failed");
    });
  });

  it("reset: the socket is destroyed and fetch rejects", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "reset" });
      await expect(fetch(`${sb.url}/api/accounts`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
      expect(sb.requests).toHaveLength(1);
      expect((await call(sb, "GET", "/api/accounts")).status).toBe(200);
    });
  });

  it("truncated: a 200 whose JSON is cut off", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "truncated" });
      const res = await call(sb, "GET", "/api/accounts");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.text.startsWith("[")).toBe(true);
      expect(() => JSON.parse(res.text)).toThrow();
    });
  });

  it("oversized: streams exactly `bytes` of a JSON array and stops when the client cancels", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "oversized", bytes: 1000 });
      const small = await call(sb, "GET", "/api/accounts");
      expect(small.text.length).toBe(1000);
      expect(Array.isArray(JSON.parse(small.text))).toBe(true);

      const bytes = 256 * 1024 * 1024;
      sb.injectFault({ kind: "oversized", bytes });
      const res = await fetch(`${sb.url}/api/accounts`, { signal: AbortSignal.timeout(2000) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-length")).toBe(String(bytes));
      const reader = res.body?.getReader();
      const first = await reader?.read();
      expect(new TextDecoder().decode(first?.value).startsWith('[{"id":')).toBe(true);
      await reader?.cancel();
    });
  });

  it("redirect: 302 by default, or the given 3xx, with Location", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "redirect", location: "https://mailtrap.io/signin" });
      sb.injectFault({ kind: "redirect", status: 307, location: "http://127.0.0.1:1/elsewhere" });
      const first = await fetch(`${sb.url}/api/accounts`, { redirect: "manual" });
      expect(first.status).toBe(302);
      expect(first.headers.get("location")).toBe("https://mailtrap.io/signin");
      const second = await fetch(`${sb.url}/api/accounts`, { redirect: "manual" });
      expect(second.status).toBe(307);
      expect(second.headers.get("location")).toBe("http://127.0.0.1:1/elsewhere");
    });
  });

  it("matches faults by method and path, honours times (Infinity too), and clears", async () => {
    await withSandbox({}, async (sb) => {
      sb.injectFault({ kind: "status", status: 503 }, { times: 2, method: "post", pathIncludes: "/api_tokens" });
      expect((await call(sb, "GET", "/api/accounts/1001/api_tokens")).status).toBe(200);
      expect((await call(sb, "POST", "/api/accounts/1001/api_tokens", { body: {} })).status).toBe(503);
      expect((await call(sb, "POST", "/api/accounts/1001/api_tokens", { body: {} })).status).toBe(503);
      expect((await call(sb, "POST", "/api/accounts/1001/api_tokens", { body: {} })).status).toBe(422);

      sb.injectFault({ kind: "status", status: 500 }, { times: Infinity });
      for (let i = 0; i < 5; i += 1) expect((await call(sb, "GET", "/api/accounts")).status).toBe(500);
      sb.clearFaults();
      expect((await call(sb, "GET", "/api/accounts")).status).toBe(200);

      sb.injectFault({ kind: "status", status: 500 });
      sb.reset();
      expect(sb.requests).toHaveLength(0);
      expect((await call(sb, "GET", "/api/accounts")).status).toBe(200);
      expect(() => sb.injectFault({ kind: "hang" }, { times: 0 })).toThrow(RangeError);
    });
  });
});
