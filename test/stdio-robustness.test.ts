// The built bin under hostile or heavy use of its stdio: garbage, huge lines, a vanished client, load.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INITIALIZE, INITIALIZED, type RawBin, spawnBin } from "./helpers/bin.js";
import { type Sandbox, startSandbox } from "./support/sandbox.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false });
});
afterAll(async () => {
  await sandbox.close();
});

async function started(extraEnv: Record<string, string> = {}): Promise<RawBin> {
  const bin = spawnBin({ MAILTRAP_API_TOKEN: sandbox.token, MAILTRAP_API_BASE_URL: sandbox.url, ...extraEnv });
  bin.send(INITIALIZE);
  await bin.response(1);
  bin.send(INITIALIZED);
  return bin;
}

const callAccounts = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name: "mailtrap_accounts_get_all_accounts", arguments: {} },
});

function rssKb(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
  return Number(match?.[1] ?? NaN);
}

describe("garbage on the wire", () => {
  it("survives non-JSON lines, unknown methods, a 5 MB line and an unknown tool, and keeps serving", async () => {
    const bin = await started();
    bin.child.stdin.write("this is not json\n");
    bin.child.stdin.write('{"jsonrpc":"2.0","id":\n');
    bin.send({ jsonrpc: "2.0", id: 2, method: "no/such/method" });
    bin.child.stdin.write(`{"jsonrpc":"2.0","id":3,"method":"ping","params":{"pad":"${"x".repeat(5 * 1024 * 1024)}"}}\n`);
    bin.child.stdin.write(`${"y".repeat(5 * 1024 * 1024)}\n`);
    bin.send({ jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "nope", arguments: {} } });
    bin.send(callAccounts(5));

    const unknownMethod = await bin.response(2);
    expect(unknownMethod.error).toMatchObject({ code: -32601 });
    // Over the 1 MB line limit: refused with its id, and the session goes on.
    expect(await bin.response(3)).toMatchObject({ error: { code: -32600, message: expect.stringMatching(/too large/) } });
    const unknownTool = (await bin.response(4)) as { error: { message: string } };
    expect(unknownTool.error.message).toContain('Unknown tool "nope"');
    const ok = (await bin.response(5)) as { result: { isError?: boolean } };
    expect(ok.result.isError).toBeFalsy();
    expect(bin.child.exitCode).toBeNull();

    bin.child.stdin.end();
    expect((await bin.exited).code).toBe(0);
    expect(bin.stderr()).not.toContain(sandbox.token);
  });
});

describe("the client goes away", () => {
  it("exits cleanly when stdout is closed (EPIPE) instead of crashing or spinning", async () => {
    const bin = await started();
    bin.child.stdout.destroy();
    const sentAt = Date.now();
    for (let id = 10; id < 13; id++) bin.send(callAccounts(id));
    const { code, signal, at } = await bin.exited;
    expect(signal).toBeNull();
    expect(code).toBe(0);
    expect(at - sentAt).toBeLessThan(2_000);
    expect(bin.stderr()).not.toMatch(/Error: write EPIPE|at .*\.js:\d+/);
    expect(bin.stderr()).not.toContain(sandbox.token);
  });
});

describe("load", () => {
  it("answers 2,000 calls at 32 in flight, each matched to its request, over reused connections, memory flat", async () => {
    const TOTAL = 2_000;
    const IN_FLIGHT = 32;
    // A small, bounded heap: with default flags V8 grows its heap toward a steady size over several thousand
    // calls (seen: about +20 MB from call 1,000 to 2,000, flat from about 4,000), which hides whether anything
    // is retained. With the bound, garbage is collected early and a leak would exhaust the heap.
    const bin = await started({ MAILTRAP_LOG_LEVEL: "warn", NODE_OPTIONS: "--max-old-space-size=32 --max-semi-space-size=1" });
    const opened = sandbox.connections().opened;
    const pending = new Map<number, (message: Record<string, unknown>) => void>();
    let buffer = "";
    bin.child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const message = JSON.parse(line) as Record<string, unknown>;
        const resolve = pending.get(message.id as number);
        pending.delete(message.id as number);
        resolve?.(message);
      }
    });
    const call = (id: number) =>
      new Promise<Record<string, unknown>>((resolve) => {
        pending.set(id, resolve);
        // Alternate two read tools so answers differ and mismatches would show.
        const args =
          id % 2
            ? { name: "mailtrap_accounts_get_all_accounts", arguments: {} }
            : { name: "mailtrap_accounts_get_api_token", arguments: { account_id: 1001, id: 8001 + (id % 3) } };
        bin.send({ jsonrpc: "2.0", id, method: "tools/call", params: args });
      });

    let next = 1000;
    let errors = 0;
    let mismatched = 0;
    const rss: number[] = [];
    const deadline = Date.now() + 60_000;
    const worker = async () => {
      while (next < 1000 + TOTAL && Date.now() < deadline) {
        const id = next++;
        const answer = (await call(id)) as { id: number; result?: { isError?: boolean; structuredContent?: Record<string, unknown> } };
        if (!answer.result || answer.result.isError) errors++;
        const content = answer.result?.structuredContent;
        const expected = id % 2 ? "accounts" in (content ?? {}) : content?.id === 8001 + (id % 3);
        if (answer.id !== id || !expected) mismatched++;
        if ((id - 1000) % 250 === 0) rss.push(rssKb(bin.child.pid!));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    rss.push(rssKb(bin.child.pid!));

    expect(next - 1000).toBe(TOTAL);
    expect(errors).toBe(0);
    expect(mismatched).toBe(0);
    // One keep-alive pool: connections grow with concurrency (a socket is freed a tick after its answer),
    // never with the number of calls.
    expect(sandbox.connections().opened - opened).toBeLessThanOrEqual(2 * IN_FLIGHT);
    // Memory flat over the second half: growth from the midpoint to the end stays small.
    const midpoint = rss[Math.floor(rss.length / 2)]!;
    expect(rss.at(-1)! - midpoint).toBeLessThan(12 * 1024);

    bin.child.stdin.end();
    expect((await bin.exited).code).toBe(0);
    expect(bin.stdout() + bin.stderr()).not.toContain(sandbox.token);
  }, 90_000);
});
