// The typed client on its own: a reply that does not fit the payload schema is a fact, worded by the formatter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MailtrapClient } from "../src/mailtrap/client.js";
import { MailtrapRequestError, toErrorText } from "../src/mailtrap/errors.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
let client: MailtrapClient;
beforeAll(async () => {
  sandbox = await startSandbox();
  client = new MailtrapClient({
    baseUrl: sandbox.url,
    apiToken: sandbox.token,
    timeoutMs: 2_000,
    maxResponseBytes: 65_536,
    version: "0.0.0",
  });
});
afterAll(async () => {
  await client.close();
  await sandbox.close();
});

describe("an unexpected payload", () => {
  it("on a read: the reply as a whole of the wrong type is a fact; nothing claims a change", async () => {
    sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify({ accounts: "not a list" }) });
    const error = await client.listAccounts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailtrapRequestError);
    expect(error).toMatchObject({ failure: { kind: "unexpected_payload" }, request: { method: "GET", path: "/api/accounts" } });
    expect(toErrorText(error)).toBe(
      "Mailtrap answered GET /api/accounts successfully but with an unexpected payload (Invalid input: expected array, received object).",
    );
  });

  it("on a write: says Mailtrap accepted the change and not to repeat it", async () => {
    sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify(["x"]) });
    const error = await client.createSubAccount(501, { name: "Ops" }).catch((e: unknown) => e);
    expect(toErrorText(error)).toMatch(
      /^Mailtrap answered POST \/api\/organizations\/501\/sub_accounts successfully but with an unexpected payload \(.*\)\. Mailtrap accepted the change: do not repeat the call/,
    );
    expect(sandbox.requests.filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("a field of an odd type is set aside, not a failure: the rest is returned, the field kept for the warning", async () => {
    sandbox.injectFault({ kind: "status", status: 200, body: JSON.stringify([{ id: "not-a-number", name: "Acme" }, { id: 1002 }]) });
    const signal = new AbortController().signal;
    await expect(client.listAccounts(signal)).resolves.toEqual([{ name: "Acme" }, { id: 1002 }]);
    expect(client.takeReplyIssues(signal)).toEqual([{ path: "[0].id", expected: "number", value: "not-a-number" }]);
    expect(client.takeReplyIssues(signal)).toEqual([]);
  });
});
