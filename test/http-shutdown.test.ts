// The built bin with --http, stopped by SIGTERM while a write is on its way to Mailtrap: health turns
// unhealthy, the listener closes (new connections are refused, not answered 503), the write completes and
// its answer reaches the caller, then the process exits 0. Also the start-up refusals of the bin.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { spawnBin } from "./helpers/bin.js";
import { connect } from "./helpers/http-mode.js";
import { send } from "./helpers/http-request.js";
import { SAMPLE_SECRETS, type Sandbox, startSandbox } from "./support/sandbox.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A proxy in front of the sandbox that holds each POST for holdMs and reports when one arrives. */
async function slowProxy(target: Sandbox, holdMs: number): Promise<{ url: string; postArrived: Promise<void> }> {
  let arrived: () => void = () => undefined;
  const postArrived = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const server: Server = createServer((req, res) => {
    const forward = () => {
      const upstream = httpRequest(`${target.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    };
    if (req.method === "POST") {
      arrived();
      setTimeout(forward, holdMs);
    } else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, postArrived };
}

describe("--http bin", () => {
  it("SIGTERM during a write: unhealthy, listener closed, the write completes and is answered, exit 0", async () => {
    const sandbox = await startSandbox({ rateLimit: false });
    cleanups.push(() => sandbox.close());
    const proxy = await slowProxy(sandbox, 800);
    const bin = spawnBin({ MAILTRAP_API_BASE_URL: proxy.url, MAILTRAP_LOG_LEVEL: "info" }, ["--http", "--port=0"]);
    cleanups.push(async () => {
      bin.child.kill("SIGKILL");
      await bin.exited;
    });
    const url = await waitForUrl(() => bin.stderr());
    const health = new URL("/healthz", url).href;
    expect((await send(health, { method: "GET" })).status).toBe(200);

    const client = await connect(url, "modern", { "X-Mailtrap-Api-Token": SAMPLE_SECRETS.account });
    const resources = [{ resource_type: "account", resource_id: 1001, access_level: 10 }];
    const write = client.call("mailtrap_accounts_create_api_token", { account_id: 1001, name: "During shutdown", resources });
    await proxy.postArrived;
    bin.child.kill("SIGTERM");

    // Health turns unhealthy first; then the listener closes: a new connection is refused (the balancer sends it
    // elsewhere), never answered 503.
    await expect(waitForRefusal(health)).resolves.toEqual({ refused: true, sawUnhealthy: true });
    const result = await write;
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ name: "During shutdown" });
    const { code } = await bin.exited;
    expect(code).toBe(0);
    expect(sandbox.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(bin.stderr()).toContain("SIGTERM: draining");
    // The access line of the write was flushed before the exit, and it holds no token.
    expect(bin.stderr()).toMatch(/POST \/mcp tools\/call mailtrap_accounts_create_api_token 200 [\d.]+ms caller=[0-9a-f]{8}/);
    expect(bin.stderr()).not.toContain(SAMPLE_SECRETS.account);
  });

  it.each([
    [["--http", "--host=0.0.0.0"], { MAILTRAP_API_TOKEN: "a-server-held-token-value" }, /set MAILTRAP_MCP_HTTP_KEY/],
    [["--http", "--host=0.0.0.0"], { MAILTRAP_CONFIRM_DESTRUCTIVE: "true" }, /needs MAILTRAP_MCP_SIGNING_KEY/],
    [["--http", "--demo", "--host=0.0.0.0"], {}, /--demo on 0\.0\.0\.0 .*set MAILTRAP_MCP_HTTP_KEY/],
  ])("refuses to start with %j %j", async (args, env, message) => {
    const bin = spawnBin(env, args);
    const { code } = await bin.exited;
    expect(code).toBe(2);
    expect(bin.stderr()).toMatch(message);
    expect(bin.stdout()).toBe("");
  });
});

async function waitForUrl(stderr: () => string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const url = /over HTTP at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr())?.[1];
    if (url) return url;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the bin printed no URL: ${stderr()}`);
}

/** Polls health until a new connection is refused (within 6 s), noting whether it answered 503 before that. */
async function waitForRefusal(url: string): Promise<{ refused: boolean; sawUnhealthy: boolean }> {
  let sawUnhealthy = false;
  for (let i = 0; i < 120; i++) {
    try {
      const reply = await send(url, { method: "GET", timeoutMs: 500 });
      if (reply.status === 503) sawUnhealthy = true;
      else if (reply.status !== 200) throw new Error(`unexpected ${reply.status}`);
    } catch (error) {
      if (/ECONNREFUSED/.test(String(error))) return { refused: true, sawUnhealthy };
      throw error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { refused: false, sawUnhealthy };
}
