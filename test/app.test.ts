// The composition root's own duties, beyond what the tool, settings and fault suites already hold it to.
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("buildApp", () => {
  it("redacts the configured tokens from results, even when Mailtrap echoes one back", async () => {
    h = await startHarness({ env: { MAILTRAP_ORGANIZATION_API_TOKEN: "org-token-0123456789abcdef" } });
    const echo = JSON.stringify([{ id: 1, name: `echo ${h.sandbox.token} and org-token-0123456789abcdef` }]);
    h.sandbox.injectFault({ kind: "status", status: 200, body: echo });
    const result = await h.call("mailtrap_accounts_get_all_accounts");
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(textOf(result)).toContain("echo [redacted] and [redacted]");
  });

  it("close() releases the client's keep-alive connections", async () => {
    h = await startHarness();
    await h.call("mailtrap_accounts_get_all_accounts");
    expect(h.sandbox.connections().open).toBeGreaterThan(0);
    await h.app.close();
    await expect.poll(() => h?.sandbox.connections().open, { timeout: 2_000 }).toBe(0);
  });
});
