// Staying inside the rate limit, against the sandbox enforcing Mailtrap's rule (150 requests per window per
// token) with the window scaled down from 10 s so the test runs in seconds: reads at 32 in flight and a burst
// of 600 calls end with no error seen by the model, no 429 from the API and no write made twice. The window
// is scaled no further than this machine's call rate outruns it (150 per 2 s for reads at 32 in flight).
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function limited(retryAfter: boolean, windowMs: number): Promise<Harness> {
  h = await startHarness({
    realTime: true,
    sandbox: { rateWindowMs: windowMs, retryAfter },
    // The same rule, scaled: the server is told the window its API uses.
    pacing: { windowMs, marginMs: 25 },
    env: { MAILTRAP_LOG_LEVEL: "warn" },
  });
  return h;
}

const READS = [
  ["mailtrap_accounts_get_all_accounts", {}],
  ["mailtrap_accounts_list_api_tokens", { account_id: 1001 }],
  ["mailtrap_accounts_get_api_token", { account_id: 1001, id: 8001 }],
] as const;

/** `total` calls, `inFlight` at a time; returns the texts of the errors the model saw. */
async function run(harness: Harness, total: number, inFlight: number, pick: (i: number) => readonly [string, Record<string, unknown>]) {
  const errors: string[] = [];
  let next = 0;
  const deadline = Date.now() + 30_000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total && Date.now() < deadline) {
        const [name, args] = pick(next++);
        const result = await harness.call(name, args);
        if (result.isError) errors.push(textOf(result));
      }
    }),
  );
  expect(next).toBe(total);
  return errors;
}

const refusals = (harness: Harness) => harness.sandbox.requests.filter((r) => r.status === 429).length;

describe.each([
  ["without Retry-After", false],
  ["with Retry-After", true],
])("against 150 requests per window per token, %s", (_name, retryAfter) => {
  it("400 reads at 32 in flight: no error, and the window is never overrun", async () => {
    const windowMs = 2_000;
    const harness = await limited(retryAfter, windowMs);
    const started = Date.now();
    const errors = await run(harness, 400, 32, (i) => READS[i % READS.length]!);
    expect(errors).toEqual([]);
    expect(refusals(harness)).toBe(0);
    // 400 requests at 150 per window: two more windows after the first 150.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * windowMs);
  });

  it("a burst of 600 calls at once, writes among them: no error, and each write made exactly once", async () => {
    const harness = await limited(retryAfter, 1_000);
    const account = () => harness.sandbox.state.accounts.find((a) => a.id === 1001)!;
    const tokensBefore = account().apiTokens.length;
    const create = (i: number) =>
      [
        "mailtrap_accounts_create_api_token",
        { account_id: 1001, name: `burst ${i}`, resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] },
      ] as const;
    const errors = await run(harness, 600, 600, (i) => (i % 12 === 0 ? create(i) : READS[i % READS.length]!));
    expect(errors).toEqual([]);
    expect(refusals(harness)).toBe(0);
    const writes = harness.sandbox.requests.filter((r) => r.method === "POST");
    expect(writes).toHaveLength(50);
    expect(writes.every((r) => r.status === 200)).toBe(true);
    const names = account()
      .apiTokens.slice(tokensBefore)
      .map((t) => t.name);
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
  });
});
