// The HTTP front end's guards, through real node:http on loopback, in front of a small fetch handler
// that echoes what reached it (the MCP handler is tested in http-mode.test.ts).
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { tokenHash } from "../src/http/credentials.js";
import { type FrontendOptions, type HttpFrontend, type RequestContext, startHttpFrontend } from "../src/http/frontend.js";
import { jsonRpc, send } from "./helpers/http-request.js";

const TOKEN_A = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6";
const TOKEN_B = "ffeeddccbbaa99887766554433221100";

interface Started {
  front: HttpFrontend;
  url: string;
  logs: string[];
  seen: Array<{ body: string; context: RequestContext; headers: Record<string, string> }>;
}

const running: HttpFrontend[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((f) => f.drain(0)));
});

async function start(overrides: Partial<FrontendOptions> = {}): Promise<Started> {
  const logs: string[] = [];
  const seen: Started["seen"] = [];
  const front = await startHttpFrontend({
    host: "127.0.0.1",
    port: 0,
    path: "/mcp",
    allowedOrigins: ["localhost", "127.0.0.1", "[::1]"],
    allowedHosts: ["localhost", "127.0.0.1", "[::1]"],
    credentials: "request",
    log: (line) => logs.push(line),
    handle: async (request, context) => {
      // The body comes parsed when it is JSON (the Request then carries none), else in the Request.
      const raw = await request.text();
      const body = context.parsedBody === undefined ? raw : JSON.stringify(context.parsedBody);
      seen.push({ body, context, headers: Object.fromEntries(request.headers) });
      return Response.json({ jsonrpc: "2.0", id: 1, result: { echoed: body.length, requestBodyBytes: raw.length } });
    },
    ...overrides,
  });
  running.push(front);
  return { front, url: front.url, logs, seen };
}

describe("HTTP front end: routing and methods", () => {
  it("serves POST on the endpoint and hands the body to the handler, parsed once", async () => {
    const { url, seen } = await start();
    const reply = await send(url, { body: jsonRpc("tools/list"), headers: { "content-type": "application/json" } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ result: { echoed: jsonRpc("tools/list").length, requestBodyBytes: 0 } });
    expect(seen[0]?.context.parsedBody).toMatchObject({ method: "tools/list" });
  });

  it("hands a body that is not JSON to the handler in the Request (it answers the parse error)", async () => {
    const { url, seen } = await start();
    const reply = await send(url, { body: "{not json", headers: { "content-type": "application/json" } });
    expect(JSON.parse(reply.text)).toMatchObject({ result: { requestBodyBytes: "{not json".length } });
    expect(seen[0]?.context.parsedBody).toBeUndefined();
  });

  it("keeps the caller's credentials and access key out of the Request the handler gets", async () => {
    const { url, seen } = await start();
    await send(url, {
      body: jsonRpc("tools/list"),
      headers: {
        "x-mailtrap-api-token": TOKEN_A,
        "X-Mailtrap-Organization-Api-Token": TOKEN_B,
        authorization: "Bearer k",
        "mcp-method": "tools/list",
      },
    });
    expect(seen[0]?.context.credentials).toEqual({ apiToken: TOKEN_A, organizationApiToken: TOKEN_B });
    const names = Object.keys(seen[0]?.headers ?? {});
    expect(names).toContain("mcp-method");
    for (const name of ["x-mailtrap-api-token", "x-mailtrap-organization-api-token", "authorization"]) expect(names).not.toContain(name);
  });

  it("answers GET and DELETE on the endpoint with 405 and Allow: POST", async () => {
    const { url, seen } = await start();
    for (const method of ["GET", "DELETE", "PUT"]) {
      const reply = await send(url, { method });
      expect(reply.status, method).toBe(405);
      expect(reply.headers.allow).toBe("POST");
    }
    expect(seen).toHaveLength(0);
  });

  it("answers unknown paths with 404", async () => {
    const { url, seen } = await start();
    for (const path of ["/", "/mcp/extra", "/MCP", "/other"]) {
      expect((await send(new URL(path, url).href, { body: jsonRpc("tools/list") })).status, path).toBe(404);
    }
    expect(seen).toHaveLength(0);
  });

  it("serves the endpoint at a configured path", async () => {
    const { url } = await start({ path: "/mailtrap-accounts" });
    expect(url.endsWith("/mailtrap-accounts")).toBe(true);
    expect((await send(url, { body: jsonRpc("tools/list") })).status).toBe(200);
    expect((await send(new URL("/mcp", url).href, { body: jsonRpc("tools/list") })).status).toBe(404);
  });
});

describe("HTTP front end: Origin and Host", () => {
  it("allows requests without Origin and with an allowed one; refuses a foreign or opaque one with 403", async () => {
    const { url, seen } = await start();
    const post = (origin?: string) => send(url, { body: jsonRpc("tools/list"), headers: origin ? { origin } : {} });
    expect((await post()).status).toBe(200);
    expect((await post("http://localhost:6274")).status).toBe(200);
    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example", "not a url"]) {
      const reply = await post(origin);
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.text).error.message).toBe("Origin not allowed");
    }
    expect(seen).toHaveLength(2);
  });

  it("refuses a rebound Host name with 403 on every path but /healthz", async () => {
    const { url, seen } = await start();
    const evil = { host: "attacker.example:8080" };
    expect((await send(url, { body: jsonRpc("tools/list"), headers: evil })).status).toBe(403);
    expect((await send(new URL("/nowhere", url).href, { headers: evil })).status).toBe(403);
    expect((await send(new URL("/healthz", url).href, { method: "GET", headers: evil })).status).toBe(200);
    expect((await send(url, { body: jsonRpc("tools/list"), headers: { host: "localhost:1234" } })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("skips the Host check when no host list applies (a public listener behind a balancer)", async () => {
    const { url } = await start({ allowedHosts: undefined });
    expect((await send(url, { body: jsonRpc("tools/list"), headers: { host: "mcp.example.com" } })).status).toBe(200);
  });
});

describe("HTTP front end: bodies", () => {
  it("refuses a declared body over 1 MiB with 413 before reading it", async () => {
    const { url, seen } = await start();
    const reply = await send(url, { body: Buffer.alloc(1024 * 1024 + 1, 32) });
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe("close");
    expect(seen).toHaveLength(0);
  });

  it("refuses a streamed body as soon as it passes the cap, without waiting for the rest", async () => {
    const { url, seen } = await start({ limits: { maxBodyBytes: 64 * 1024 } });
    const { port } = new URL(url);
    const socket = connect(Number(port), "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (d) => {
        text += d.toString();
        if (text.includes("\r\n\r\n")) resolve(text);
      });
    });
    socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    // 80 KiB in 8 KiB chunks, then hold the request open: the cap must trip without an end.
    const chunk = Buffer.alloc(8 * 1024, 97);
    for (let i = 0; i < 10; i++) socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`);
    const head = await answer;
    socket.destroy();
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(seen).toHaveLength(0);
  });

  it("drops a body that trickles in slower than the body timeout with 408", async () => {
    const { url } = await start({ limits: { bodyTimeoutMs: 200 } });
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
    });
    socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{");
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("closes a connection whose headers never finish (headersTimeout)", async () => {
    const { url } = await start({ limits: { headersTimeoutMs: 200, requestTimeoutMs: 300, connectionsCheckingIntervalMs: 100 } });
    const socket = connect(Number(new URL(url).port), "127.0.0.1");
    const started = Date.now();
    const closed = new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
    });
    socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("HTTP front end: load and health", () => {
  it("answers 503 with Retry-After beyond the in-flight cap, and serves again once a slot frees", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { url } = await start({
      limits: { maxInFlight: 2 },
      handle: async () => {
        await gate;
        return Response.json({ ok: true });
      },
    });
    const held = [send(url, { body: "{}" }), send(url, { body: "{}" })];
    await new Promise((r) => setTimeout(r, 100));
    const refused = await send(url, { body: "{}" });
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("1");
    // Health is not a request in flight: the balancer still sees the instance healthy.
    expect((await send(new URL("/healthz", url).href, { method: "GET" })).status).toBe(200);
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await send(url, { body: "{}" })).status).toBe(200);
  });

  it("GET /healthz is 200 while serving and 503 once draining; the listener then closes", async () => {
    const { front, url } = await start();
    const health = new URL("/healthz", url).href;
    expect(JSON.parse((await send(health, { method: "GET" })).text)).toEqual({ status: "ok" });
    const drained = front.drain(1_000, 300);
    const during = await send(health, { method: "GET" });
    expect(during.status).toBe(503);
    expect(JSON.parse(during.text)).toEqual({ status: "draining" });
    // Not a 503 for real work during the lead: it is served, on a connection that then closes.
    const work = await send(url, { body: "{}" });
    expect(work.status).toBe(200);
    expect(work.headers.connection).toBe("close");
    await drained;
    await expect(send(health, { method: "GET" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("lets a request in flight finish during a drain, refusing new connections meanwhile", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { front, url } = await start({
      handle: async () => {
        await gate;
        return Response.json({ finished: true });
      },
    });
    const inFlight = send(url, { body: "{}" });
    await new Promise((r) => setTimeout(r, 100));
    let drained = false;
    const draining = front.drain(5_000).then(() => {
      drained = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    await expect(send(url, { body: "{}" })).rejects.toThrow(/ECONNREFUSED/);
    expect(drained).toBe(false);
    release();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ finished: true });
    await draining;
    expect(drained).toBe(true);
  });
});

describe("HTTP front end: credentials and access key", () => {
  it("hands each request its own tokens and their hash, never mixing concurrent requests", async () => {
    const { url, seen } = await start();
    const call = (token: string, i: number) =>
      send(url, { body: jsonRpc("tools/list", {}, i), headers: { "x-mailtrap-api-token": token } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => call(i % 2 ? TOKEN_A : TOKEN_B, i)));
    expect(seen).toHaveLength(20);
    for (const { body, context } of seen) {
      const id = (JSON.parse(body) as { id: number }).id;
      const token = id % 2 ? TOKEN_A : TOKEN_B;
      expect(context.credentials.apiToken).toBe(token);
      expect(context.callerHash).toBe(tokenHash(token));
    }
  });

  it("reads the organization token from its own header and never Authorization", async () => {
    const { url, seen } = await start();
    await send(url, {
      body: "{}",
      headers: { "x-mailtrap-organization-api-token": TOKEN_B, authorization: `Bearer ${TOKEN_A}` },
    });
    expect(seen[0]?.context.credentials).toEqual({ apiToken: undefined, organizationApiToken: TOKEN_B });
  });

  it("refuses a malformed token header with 400 naming the header, without echoing it", async () => {
    const { url, seen } = await start();
    const reply = await send(url, { body: "{}", headers: { "x-mailtrap-api-token": "two words" } });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain("X-Mailtrap-Api-Token");
    expect(reply.text).not.toContain("two words");
    expect(seen).toHaveLength(0);
  });

  it("server-held mode: needs the access key (401 when missing or wrong), passes the server's token", async () => {
    const key = "k".repeat(40);
    const { url, seen } = await start({ accessKey: key, credentials: { apiToken: TOKEN_A, organizationApiToken: undefined } });
    const missing = await send(url, { body: "{}" });
    expect(missing.status).toBe(401);
    expect(missing.text).toContain("MAILTRAP_MCP_HTTP_KEY");
    for (const authorization of [`Bearer ${key}x`, `Bearer ${key.slice(1)}`, `Basic ${key}`, key]) {
      expect((await send(url, { body: "{}", headers: { authorization } })).status, authorization).toBe(401);
    }
    const ok = await send(url, { body: "{}", headers: { authorization: `Bearer ${key}`, "x-mailtrap-api-token": TOKEN_B } });
    expect(ok.status).toBe(200);
    expect(seen).toHaveLength(1);
    // A token header is not how this mode works: the server's own token is used.
    expect(seen[0]?.context.credentials.apiToken).toBe(TOKEN_A);
    expect(seen[0]?.context.callerHash).toBe(tokenHash(TOKEN_A));
  });
});

describe("HTTP front end: access log and faults", () => {
  it("writes one line per request with method, MCP method, tool, status, duration and a short caller id, never the token", async () => {
    const { url, logs } = await start();
    await send(url, {
      body: jsonRpc("tools/call", { name: "mailtrap_accounts_get_all_accounts", arguments: { secret: TOKEN_B } }),
      headers: { "x-mailtrap-api-token": TOKEN_A },
    });
    await send(url, { method: "GET" });
    await send(new URL("/healthz", url).href, { method: "GET" });
    expect(logs).toHaveLength(2);
    const [call, get] = logs;
    expect(call).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z POST /mcp tools/call mailtrap_accounts_get_all_accounts 200 \\d+\\.\\dms caller=${tokenHash(TOKEN_A).slice(0, 8)}\\n$`,
      ),
    );
    expect(get).toMatch(/ GET \/mcp - - 405 [\d.]+ms caller=-\n$/);
    expect(logs.join("")).not.toContain(TOKEN_A);
    expect(logs.join("")).not.toContain(TOKEN_B);
  });

  it("turns a failing handler into a 500 for that request only", async () => {
    let calls = 0;
    const { url } = await start({
      handle: async () => {
        calls++;
        if (calls === 1) throw new Error("boom");
        return Response.json({ ok: true });
      },
    });
    expect((await send(url, { body: "{}" })).status).toBe(500);
    expect((await send(url, { body: "{}" })).status).toBe(200);
  });

  it("streams an SSE response as it is produced", async () => {
    const { url } = await start({
      handle: async () => {
        const encoder = new TextEncoder();
        const stream = new ReadableStream<Uint8Array>({
          async start(controller) {
            controller.enqueue(encoder.encode("event: message\ndata: 1\n\n"));
            await new Promise((r) => setTimeout(r, 50));
            controller.enqueue(encoder.encode("event: message\ndata: 2\n\n"));
            controller.close();
          },
        });
        return new Response(stream, { headers: { "content-type": "text/event-stream" } });
      },
    });
    const reply = await send(url, { body: "{}" });
    expect(reply.headers["content-type"]).toBe("text/event-stream");
    expect(reply.text).toBe("event: message\ndata: 1\n\nevent: message\ndata: 2\n\n");
  });
});
