// --http paces each token on its own budget: over real HTTP, against the sandbox enforcing 12 requests per 10 s
// per token, token A floods 40 calls while token B makes 10 in the same moment. A gets what its window allows and
// a clear rate-limit refusal for the rest, sent nowhere; B is served in full. (A shared budget would refuse B.)
// The call budget is shortened to 3 s so A's excess is refused at once instead of waiting for the next window.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type Era, startHttp, startSandbox, textOf } from "./helpers/http-mode.js";
import { SAMPLE_SECRETS, type Sandbox } from "./support/sandbox.js";

const TOKEN_A = SAMPLE_SECRETS.account;
const TOKEN_B = SAMPLE_SECRETS.globexAdmin;
const LIMIT = 12;
const TOOL = "mailtrap_accounts_get_all_accounts";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: LIMIT });
});
afterAll(() => sandbox.close());

describe("--http rate pacing per token", () => {
  it.each<Era>(["legacy", "modern"])("%s clients: A's flood is refused past its budget, B's calls are all served", async (era) => {
    sandbox.reset();
    const http = await startHttp(sandbox, {
      env: { MAILTRAP_LOG_LEVEL: "warn" },
      deps: { pacing: { limit: LIMIT }, callBudgetMs: 3_000 },
    });
    try {
      const a = await connect(http.url, era, { "X-Mailtrap-Api-Token": TOKEN_A });
      const b = await connect(http.url, era, { "X-Mailtrap-Api-Token": TOKEN_B });
      const [flood, served] = await Promise.all([
        Promise.all(Array.from({ length: 40 }, () => a.call(TOOL))),
        Promise.all(Array.from({ length: 10 }, () => b.call(TOOL))),
      ]);
      const fromA = sandbox.requests.filter((r) => r.headers.authorization === `Bearer ${TOKEN_A}`);
      const fromB = sandbox.requests.filter((r) => r.headers.authorization === `Bearer ${TOKEN_B}`);

      // B: every call answered, none refused, each sent once.
      expect(served.filter((r) => r.isError).map(textOf)).toEqual([]);
      expect(fromB).toHaveLength(10);

      // A: what its window allows went through; the rest was refused here, never reaching the API.
      const refused = flood.filter((r) => r.isError);
      const ok = flood.length - refused.length;
      expect(ok).toBeGreaterThan(0);
      expect(ok).toBeLessThanOrEqual(LIMIT);
      expect(refused.length).toBe(40 - ok);
      expect(fromA).toHaveLength(ok);
      for (const text of refused.map(textOf)) {
        expect(text).toMatch(/^Error: /);
        expect(text).toMatch(/this token's rate limit \(12 requests per 10 s\) is used up .*; try again in \d+ s\. Nothing was sent\.$/);
      }
      // Pacing kept both tokens inside the API's window: it never had to answer 429.
      expect(sandbox.requests.filter((r) => r.status === 429)).toHaveLength(0);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await http.close();
    }
  });
});
