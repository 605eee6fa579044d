// A write's outcome is never lost to a shutdown or a cancel: the built bin over stdio, with a create in flight
// (the sandbox answers it after a delay) when stdin closes, SIGTERM or SIGINT arrives, stdout goes away, or the
// client cancels. The secret reaches the client when it can; otherwise stderr says what was created (id, name),
// never the secret. Exactly one write reaches the API each time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZE, INITIALIZED, type RawBin, spawnBin } from "./helpers/bin.js";
import { expectNoToken } from "./helpers/secrets.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

const DELAY_MS = 600;
/** The server's shutdown grace (src/main.ts SHUTDOWN_GRACE_MS). */
const GRACE_MS = 5_000;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function started(): Promise<RawBin> {
  const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url });
  bin.send(INITIALIZE);
  await bin.response(1);
  bin.send(INITIALIZED);
  return bin;
}

let names = 0;
/** Sends a create that the API answers after `delayMs`; resolves once the API has received it. */
async function createInFlight(bin: RawBin, id: number, delayMs = DELAY_MS) {
  const name = `shutdown test ${++names}`;
  sandbox.injectFault({ kind: "delay", ms: delayMs }, { method: "POST" });
  const posts = () => sandbox.requests.filter((r) => r.method === "POST" && (r.json as { name?: string })?.name === name);
  bin.send({
    jsonrpc: "2.0",
    id,
    method: "tools/call",
    params: {
      name: "mailtrap_accounts_create_api_token",
      arguments: { account_id: 1001, name, resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] },
    },
  });
  await expect.poll(() => posts().length, { timeout: 5_000 }).toBe(1);
  const created = () => sandbox.state.accounts.find((a) => a.id === 1001)!.apiTokens.find((t) => t.name === name);
  return { name, posts, created };
}

type ToolReply = { result: { isError?: boolean; structuredContent: { id: number; token: string; name: string } } };

describe("shutdown drains calls in flight", () => {
  it.each([
    ["stdin closes", (bin: RawBin) => bin.child.stdin.end()],
    ["SIGTERM arrives", (bin: RawBin) => bin.child.kill("SIGTERM")],
    ["SIGINT arrives", (bin: RawBin) => bin.child.kill("SIGINT")],
  ])("when %s during a create, the result (secret included) is delivered, then the process exits", async (_name, stop) => {
    const bin = await started();
    const { posts, created } = await createInFlight(bin, 10);
    const stoppedAt = Date.now();
    stop(bin);
    const reply = (await bin.response(10, GRACE_MS + 2_000)) as ToolReply;
    expect(reply.result.isError).toBeFalsy();
    const token = created()!;
    expect(reply.result.structuredContent).toMatchObject({ id: token.id, token: token.secret });
    const { code, at } = await bin.exited;
    expect(code).toBe(0);
    // It waited for the reply, and no longer than it needed.
    expect(at - stoppedAt).toBeLessThan(DELAY_MS + 2_000);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.closedBeforeAnswer).toBe(false);
    expectNoToken(bin.stdout() + bin.stderr(), sandbox.token);
  });

  it("calls that arrive after a signal are refused, saying nothing was sent", async () => {
    const bin = await started();
    await createInFlight(bin, 20);
    bin.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = sandbox.requests.length;
    bin.send({ jsonrpc: "2.0", id: 21, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
    const refused = (await bin.response(21)) as { result: { isError: boolean; content: Array<{ text: string }> } };
    expect(refused.result.content[0]!.text).toBe(
      "Error: mailtrap_accounts_get_all_accounts is refused: the server is shutting down. Nothing was sent.",
    );
    expect(sandbox.requests.length).toBe(before);
    await bin.response(20, GRACE_MS);
    expect((await bin.exited).code).toBe(0);
  });

  it("a second signal exits at once, and stderr says the write in flight may have been made", async () => {
    const bin = await started();
    const { posts } = await createInFlight(bin, 30, 3_000);
    bin.child.kill("SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondAt = Date.now();
    bin.child.kill("SIGINT");
    const { code, at } = await bin.exited;
    expect(code).toBe(130);
    expect(at - secondAt).toBeLessThan(1_000);
    expect(bin.stderr()).toMatch(
      /mailtrap_accounts_create_api_token \(account_id=1001, name="shutdown test \d+"\) had no answer from Mailtrap yet when the server was stopped by a second SIGINT: the change may have been made; list before repeating it\./,
    );
    expect(posts()).toHaveLength(1);
    expectNoToken(bin.stderr(), sandbox.token);
  });

  it("when stdout is gone, the created token's id and name go to stderr, never its secret", async () => {
    const bin = await started();
    const { posts, created } = await createInFlight(bin, 40);
    // The client stops reading: our stdout is a broken pipe from now on.
    bin.child.stdout.destroy();
    bin.child.stdin.end();
    const { code } = await bin.exited;
    expect(code).toBe(0);
    const token = created()!;
    expect(bin.stderr()).toMatch(
      new RegExp(
        `result not delivered \\(.*\\): mailtrap_accounts_create_api_token \\(account_id=1001, name="${token.name}"\\) succeeded: id=${token.id}, name="${token.name}"`,
      ),
    );
    expect(bin.stderr()).toMatch(/Its secret was only in the undelivered result and is not logged: reset or delete this token/);
    expect(bin.stderr()).not.toContain(token.secret);
    expect(posts()).toHaveLength(1);
  });
});

describe("cancellation", () => {
  const cancel = (bin: RawBin, requestId: number) =>
    bin.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId, reason: "user pressed stop" } });

  it("a create already sent is let finish: one write, nothing torn down, its outcome on stderr without the secret", async () => {
    const bin = await started();
    const { posts, created } = await createInFlight(bin, 50);
    cancel(bin, 50);
    await expect.poll(() => created(), { timeout: 5_000 }).toBeDefined();
    const token = created()!;
    await expect
      .poll(() => bin.stderr(), { timeout: 5_000 })
      .toContain(`result not delivered (the call was cancelled): mailtrap_accounts_create_api_token`);
    expect(bin.stderr()).toContain(`succeeded: id=${token.id}, name="${token.name}"`);
    expect(bin.stderr()).not.toContain(token.secret);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.closedBeforeAnswer).toBe(false);
    // A cancelled request gets no response; the session goes on.
    expect(bin.stdout()).not.toMatch(/"id":50[,}]/);
    bin.send({ jsonrpc: "2.0", id: 51, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
    expect(await bin.response(51)).toHaveProperty("result");
    bin.child.stdin.end();
    expect((await bin.exited).code).toBe(0);
  });

  it("a create cancelled before it was sent (held by the rate limit) sends nothing", async () => {
    const bin = await started();
    // Mailtrap says: not for 3 s. The next call on the token waits its turn.
    sandbox.injectFault({ kind: "status", status: 429, body: '{"errors":"Rate limit exceeded"}', headers: { "Retry-After": "3" } });
    bin.send({ jsonrpc: "2.0", id: 60, method: "tools/call", params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} } });
    await expect.poll(() => bin.stderr(), { timeout: 5_000 }).toMatch(/HTTP 429; retrying in 3000 ms/);
    const before = sandbox.requests.length;
    bin.send({
      jsonrpc: "2.0",
      id: 61,
      method: "tools/call",
      params: {
        name: "mailtrap_accounts_create_api_token",
        arguments: { account_id: 1001, name: "never sent", resources: [{ resource_type: "account", resource_id: 1001, access_level: 10 }] },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    cancel(bin, 61);
    await expect.poll(() => bin.stderr(), { timeout: 2_000 }).toContain("POST /api/accounts/1001/api_tokens was cancelled by the client");
    await bin.response(60, 6_000);
    expect(sandbox.requests.slice(before).filter((r) => r.method === "POST")).toHaveLength(0);
    expect(sandbox.state.accounts.find((a) => a.id === 1001)!.apiTokens.some((t) => t.name === "never sent")).toBe(false);
    bin.child.stdin.end();
    expect((await bin.exited).code).toBe(0);
  }, 15_000);
});
