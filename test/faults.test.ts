// Fault injection: every failure the network or Mailtrap can produce ends as a clear tool error or a safe
// retry, within bounds, with no duplicated write, and the next call still works. The token is never shown.
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";
import type { Fault } from "./support/sandbox.js";

const TIMEOUT_MS = 300;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { MAILTRAP_TIMEOUT_MS: String(TIMEOUT_MS), MAILTRAP_MAX_RESPONSE_BYTES: String(64 * 1024) } });
});
afterAll(async () => {
  await h.close();
});
afterEach(async () => {
  h.sandbox.clearFaults();
  // The next call still works after every fault.
  const next = await h.call("mailtrap_accounts_get_all_accounts");
  expect(next.isError, textOf(next)).toBeFalsy();
  expect(h.transcript()).not.toContain(h.sandbox.token);
  h.sandbox.reset();
  h.clock.sleeps.length = 0;
});

const LIST = ["mailtrap_accounts_get_all_accounts", {}] as const;
const CREATE = [
  "mailtrap_accounts_create_api_token",
  { account_id: 1001, name: "Fault test", resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] },
] as const;

async function timed(call: readonly [string, Record<string, unknown>]) {
  const started = Date.now();
  const result = await h.call(call[0], call[1]);
  return { result, text: textOf(result), ms: Date.now() - started, requests: h.sandbox.requests.length };
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Fault => ({
  kind: "status",
  status,
  body: JSON.stringify(body),
  ...(headers ? { headers } : {}),
});

describe("Mailtrap error statuses", () => {
  it.each([
    [401, { error: "Incorrect API token" }, /HTTP 401: Incorrect API token\. .*MAILTRAP_API_TOKEN/],
    [403, { errors: "Account access forbidden" }, /HTTP 403: Account access forbidden\. .*permission/],
    [404, { error: "Not Found" }, /HTTP 404: Not Found\. /],
    [422, { errors: { name: ["can't be blank"], base: ["Too many tokens"] } }, /HTTP 422: name: can't be blank; Too many tokens\. /],
    [500, { errors: "Internal Server Error" }, /HTTP 500: Internal Server Error\. .*try again later/],
  ])("%i ends as a clear error after one request, not retried", async (status, body, message) => {
    h.sandbox.injectFault(json(status, body), { times: Infinity });
    const { result, text, requests, ms } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(message);
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(2_000);
  });
});

describe("rate limiting (429)", () => {
  it("honours Retry-After in seconds, then succeeds: a POST is processed exactly once", async () => {
    const before = h.sandbox.state.accounts.find((a) => a.id === 1001)!.apiTokens.length;
    h.sandbox.injectFault(json(429, { errors: "Rate limit exceeded" }, { "Retry-After": "1" }));
    const { result, requests } = await timed(CREATE);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requests).toBe(2);
    expect(h.clock.sleeps).toEqual([1_000]);
    expect(h.sandbox.state.accounts.find((a) => a.id === 1001)!.apiTokens.length).toBe(before + 1);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(h.clock.now() + 2_000).toUTCString();
    h.sandbox.injectFault(json(429, { errors: "Rate limit exceeded" }, { "Retry-After": at }));
    const { result, requests } = await timed(LIST);
    expect(result.isError).toBeFalsy();
    expect(requests).toBe(2);
    // An HTTP date has whole seconds: the wait is what is left of them.
    expect(h.clock.sleeps).toHaveLength(1);
    expect(h.clock.sleeps[0]).toBeGreaterThan(900);
    expect(h.clock.sleeps[0]).toBeLessThanOrEqual(2_000);
  });

  it("past the cap, does not wait: says it was rate-limited and when to try again", async () => {
    h.sandbox.injectFault(json(429, { errors: "Rate limit exceeded" }, { "Retry-After": "120" }));
    const { result, text, requests, ms } = await timed(CREATE);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/HTTP 429: Rate limit exceeded\. Rate limited .*try again in 120 s/);
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(1_000);
    expect(h.clock.sleeps).toEqual([]);
    // Mailtrap said when: until then, a call on the same token is not sent at all, and says when to come back.
    const next = await timed(LIST);
    expect(next.text).toMatch(
      /^Error: GET \/api\/accounts was not sent: this token's rate limit .* try again in 1[12]\d s\. Nothing was sent\.$/,
    );
    expect(next.requests).toBe(1);
    await h.clock.sleep(120_000);
  });

  it("without Retry-After, waits for the window (10 s) each time, a bounded number of times, then says when to come back", async () => {
    h.sandbox.injectFault(json(429, { errors: "Rate limit exceeded" }), { times: Infinity });
    const { result, text, requests, ms } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/HTTP 429: Rate limit exceeded\. Rate limited .*try again in 10 s/);
    expect(requests).toBe(3);
    expect(h.clock.sleeps).toEqual([10_000, 10_000]);
    expect(ms).toBeLessThan(2_000);
    await h.clock.sleep(10_000);
  });
});

describe("gateway errors and broken responses", () => {
  it("a 502 HTML page on a GET is retried; if it persists, the error quotes a short clean excerpt", async () => {
    h.sandbox.injectFault({ kind: "html", status: 502 }, { times: Infinity });
    const { result, text, requests, ms } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^Error: Mailtrap API returned HTTP 502: 502 Bad Gateway 502 Bad Gateway nginx/);
    expect(text).not.toMatch(/<html|<center|padding/);
    expect(text.length).toBeLessThan(300);
    expect(requests).toBe(3);
    // Two jittered backoffs, within 0..500 ms and 0..1000 ms.
    expect(h.clock.sleeps).toHaveLength(2);
    expect(h.clock.sleeps[0]).toBeLessThanOrEqual(500);
    expect(h.clock.sleeps[1]).toBeLessThanOrEqual(1_000);
    expect(ms).toBeLessThan(2_000);
    expect(h.logs.join("\n")).toMatch(/GET \/api\/accounts: HTTP 502; retrying in \d+ ms \(attempt 2 of 3\)/);
  });

  it("a 502 on a POST is not retried", async () => {
    h.sandbox.injectFault({ kind: "html", status: 502 }, { times: Infinity });
    const { result, requests } = await timed(CREATE);
    expect(result.isError).toBe(true);
    expect(requests).toBe(1);
  });

  it("a 503 once, then OK: the GET succeeds on its retry", async () => {
    h.sandbox.injectFault(json(503, { errors: "Service Unavailable" }));
    const { result, requests } = await timed(LIST);
    expect(result.isError).toBeFalsy();
    expect(requests).toBe(2);
  });

  it("truncated JSON ends as a clear error naming the status", async () => {
    h.sandbox.injectFault({ kind: "truncated" });
    const { result, text, requests } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/GET \/api\/accounts with HTTP 200 but the body is not valid JSON \(application\/json\)/);
    expect(requests).toBe(1);
  });

  it.each([false, true])("an oversized body (chunked: %s) is not read: the error says so", async (chunked) => {
    h.sandbox.injectFault({ kind: "oversized", bytes: 5 * 1024 * 1024, chunked });
    const { result, text, requests, ms } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/larger than 65536 bytes \(MAILTRAP_MAX_RESPONSE_BYTES\); it was not read/);
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(2_000);
  });

  it("a redirect is never followed: the token goes nowhere else", async () => {
    h.sandbox.injectFault({ kind: "redirect", status: 302, location: "https://attacker.example.net/steal" });
    const { result, text, requests } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/redirect \(HTTP 302\) to https:\/\/attacker\.example\.net\. Redirects are not followed/);
    expect(requests).toBe(1);
  });
});

describe("network faults and timeouts", () => {
  it("a hung GET times out per attempt and is retried a bounded number of times", async () => {
    h.sandbox.injectFault({ kind: "hang" }, { times: Infinity });
    const { result, text, requests, ms } = await timed(LIST);
    expect(result.isError).toBe(true);
    expect(text).toMatch(new RegExp(`timed out after ${TIMEOUT_MS} ms \\(MAILTRAP_TIMEOUT_MS\\)\\. Gave up after 3 attempts`));
    expect(requests).toBe(3);
    expect(ms).toBeLessThan(4 * TIMEOUT_MS + 2_000);
  });

  it("a hung POST times out once and is not retried", async () => {
    h.sandbox.injectFault({ kind: "hang" }, { times: Infinity });
    const { result, text, requests, ms } = await timed(CREATE);
    expect(result.isError).toBe(true);
    expect(text).toBe(
      "Error: POST /api/accounts/1001/api_tokens timed out after 300 ms (MAILTRAP_TIMEOUT_MS). It was not retried. The change may have been made: check with mailtrap_accounts_list_api_tokens before repeating the call.",
    );
    expect(requests).toBe(1);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it("a body that stalls after the headers counts against the same timeout", async () => {
    h.sandbox.injectFault({ kind: "stall" }, { times: Infinity, method: "POST" });
    const { result, text, requests } = await timed(CREATE);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/timed out after 300 ms/);
    expect(requests).toBe(1);
  });

  it("a reset connection on a GET is retried and succeeds", async () => {
    h.sandbox.injectFault({ kind: "reset" });
    const { result, requests } = await timed(LIST);
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(requests).toBe(2);
  });

  it("a reset connection on a POST is reported, not retried", async () => {
    h.sandbox.injectFault({ kind: "reset" });
    const { result, text, requests } = await timed(CREATE);
    expect(result.isError).toBe(true);
    expect(text).toMatch(
      /POST \/api\/accounts\/1001\/api_tokens failed: ECONNRESET talking to http:\/\/127\.0\.0\.1:\d+\. It was not retried/,
    );
    expect(requests).toBe(1);
  });
});

describe("a refused connection", () => {
  it("says which URL could not be reached", async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const refused = await startHarness({ env: { MAILTRAP_API_BASE_URL: `http://127.0.0.1:${port}` } });
    try {
      const started = Date.now();
      const result = await refused.call("mailtrap_accounts_get_all_accounts");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(`Error: GET /api/accounts failed: connection refused talking to http://127.0.0.1:${port}.`);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(refused.transcript()).not.toContain(refused.sandbox.token);
    } finally {
      await refused.close();
    }
  });
});

describe("cancellation", () => {
  it("aborts the in-flight HTTP request when the client cancels the call", async () => {
    h.sandbox.injectFault({ kind: "hang" });
    const controller = new AbortController();
    const call = h.mcp.callTool({ name: "mailtrap_accounts_get_all_accounts", arguments: {} }, { signal: controller.signal });
    await expect.poll(() => h.sandbox.requests.length, { timeout: 2_000 }).toBe(1);
    expect(h.sandbox.requests[0]?.closedBeforeAnswer).toBe(false);
    controller.abort("user pressed stop");
    await expect(call).rejects.toThrow();
    // Our side closed the hung request's connection well before the 300 ms timeout would have.
    const cancelledAt = Date.now();
    await expect.poll(() => h.sandbox.requests[0]?.closedBeforeAnswer, { timeout: 2_000, interval: 5 }).toBe(true);
    expect(Date.now() - cancelledAt).toBeLessThan(TIMEOUT_MS);
    expect(h.sandbox.requests).toHaveLength(1);
  });
});

describe("token secrets", () => {
  it("the secrets that create and reset return reach the caller and no log line", async () => {
    const created = await h.call(CREATE[0], CREATE[1]);
    const secret = (created.structuredContent as { token: string; id: number }).token;
    const id = (created.structuredContent as { id: number }).id;
    const reset = await h.call("mailtrap_accounts_reset_api_token", { account_id: 1001, id });
    const newSecret = (reset.structuredContent as { token: string }).token;
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(newSecret).toMatch(/^[0-9a-f]{32}$/);
    const logs = h.logs.join("\n");
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(newSecret);
  });
});
