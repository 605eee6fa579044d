// Hostile arguments through the server itself (any transport, here an in-memory client): nesting beyond 32 levels
// and prototype keys are refused naming the parameter before anything parses them, and nothing is sent.
// (Over stdio the line transport's guard refuses them even earlier, see stdio-protocol.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "./helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("arguments the server refuses before parsing", () => {
  it("nested 10,000 levels deep: a clear refusal, not a stack overflow", async () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const result = await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "x", resources: deep });
    expect(textOf(result)).toMatch(
      /^Error: Invalid arguments for mailtrap_accounts_create_api_token: arguments\.resources(\[0\])+ is nested more than 32 levels deep\. Nothing was sent\.$/,
    );
    expect(h.sandbox.requests).toHaveLength(0);
  });

  it("a nested prototype key is refused by name", async () => {
    const resource = JSON.parse('{"resource_type":"account","resource_id":1001,"access_level":"viewer","__proto__":{"x":1}}') as unknown;
    const result = await h.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "x", resources: [resource] });
    expect(textOf(result)).toBe(
      'Error: Invalid arguments for mailtrap_accounts_create_api_token: arguments.resources[0].__proto__ is not allowed ("__proto__" is a reserved name). Nothing was sent.',
    );
    expect(h.sandbox.requests).toHaveLength(0);
  });
});
