// The HTTP core's pure parts, and the whole-call bound that keeps every call inside what clients wait.
import { describe, expect, it } from "vitest";
import { apiPath, bracketQuery, HttpTransport, parseRetryAfter } from "../src/mailtrap/transport.js";
import { startSandbox } from "./support/sandbox.js";

describe("apiPath", () => {
  it("builds paths only from positive safe integers", () => {
    expect(apiPath`/api/accounts/${1001}/api_tokens/${8001}`).toBe("/api/accounts/1001/api_tokens/8001");
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 53]) expect(() => apiPath`/api/accounts/${bad}`).toThrow(TypeError);
  });
});

describe("bracketQuery", () => {
  it("repeats each key in Rails bracket form and encodes values", () => {
    expect(bracketQuery({ project_ids: ["1", "2"], inbox_ids: undefined, domain_ids: ["a&b"] })).toBe(
      "project_ids[]=1&project_ids[]=2&domain_ids[]=a%26b",
    );
    expect(bracketQuery({ project_ids: [] })).toBe("");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, ignores garbage", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 12:00:05 GMT", now)).toBe(5_000);
    expect(parseRetryAfter("Mon, 30 Nov 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("the whole-call budget", () => {
  it("bounds all attempts of a hung GET together, not just each one", async () => {
    const sandbox = await startSandbox();
    const transport = new HttpTransport({
      baseUrl: sandbox.url,
      timeoutMs: 1_000,
      maxResponseBytes: 1024,
      userAgent: () => "test",
      callBudgetMs: 1_800,
    });
    try {
      sandbox.injectFault({ kind: "hang" }, { times: Infinity });
      const started = Date.now();
      await expect(transport.send({ method: "GET", path: "/api/accounts", token: sandbox.token })).rejects.toMatchObject({
        failure: { kind: "timeout" },
      });
      expect(Date.now() - started).toBeLessThan(1_800 + 300);
    } finally {
      await transport.close();
      await sandbox.close();
    }
  });
});
