// The line transport on its own, over in-memory streams: how bytes become messages (split chunks, CRLF, several
// lines per chunk, multi-byte characters cut between chunks), and how it reports what it wrote.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { screenToolCall } from "../src/rpc-guard.js";
import { invalidMessage, type JsonRpcMessage, LineTransport } from "../src/stdio-transport.js";

async function open(options: { maxLineBytes?: number } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  const received: JsonRpcMessage[] = [];
  const written: string[] = [];
  const delivered: Array<[unknown, string | undefined]> = [];
  output.on("data", (chunk: Buffer) => written.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const transport = new LineTransport({
    input,
    output,
    screen: screenToolCall,
    ondelivery: (id, error) => delivered.push([id, error?.message]),
    ...options,
  });
  transport.onmessage = (message) => received.push(message);
  await transport.start();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { input, output, transport, received, written, delivered, settle };
}

describe("reading lines", () => {
  it("joins a message split across chunks, splits several in one chunk, takes CRLF, skips blank lines", async () => {
    const t = await open();
    const ping = (id: number) => JSON.stringify({ jsonrpc: "2.0", id, method: "ping" });
    t.input.write(ping(1).slice(0, 10));
    t.input.write(`${ping(1).slice(10)}\n${ping(2)}\r\n\n   \n${ping(3)}`);
    t.input.write("\n");
    await t.settle();
    expect(t.received.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(t.written).toEqual([]);
  });

  it("keeps a multi-byte character cut between two chunks", async () => {
    const t = await open();
    const bytes = Buffer.from(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/x", params: { name: "Zoë 🚀" } })}\n`);
    const cut = bytes.indexOf(Buffer.from("🚀")) + 2;
    t.input.write(bytes.subarray(0, cut));
    t.input.write(bytes.subarray(cut));
    await t.settle();
    expect((t.received[0]!.params as { name: string }).name).toBe("Zoë 🚀");
  });

  it("refuses a line over the limit under its id, then reads the next line normally", async () => {
    const t = await open({ maxLineBytes: 100 });
    t.input.write(`{"jsonrpc":"2.0","id":"big-1","method":"ping","params":{"pad":"${"x".repeat(500)}`);
    t.input.write(`${"y".repeat(500)}"}}\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n`);
    await t.settle();
    expect(JSON.parse(t.written[0]!)).toEqual({
      jsonrpc: "2.0",
      id: "big-1",
      error: { code: -32600, message: "Message too large: lines over 100 bytes are refused." },
    });
    expect(t.received.map((m) => m.id)).toEqual([2]);
  });

  it("answers a malformed tools/call itself, and passes a good one on", async () => {
    const t = await open();
    t.input.write(`${JSON.stringify({ jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: 1 } })}\n`);
    t.input.write(`${JSON.stringify({ jsonrpc: "2.0", id: 6, method: "tools/call", params: { name: "x", arguments: {} } })}\n`);
    await t.settle();
    expect(JSON.parse(t.written[0]!)).toMatchObject({ id: 5, error: { code: -32602 } });
    expect(t.received.map((m) => m.id)).toEqual([6]);
  });
});

describe("writing", () => {
  it("reports each response as delivered, and as not delivered once the output is gone", async () => {
    const t = await open();
    await t.transport.send({ jsonrpc: "2.0", id: 1, result: {} });
    await t.transport.send({ jsonrpc: "2.0", method: "notifications/progress", params: {} });
    t.output.destroy();
    await expect(t.transport.send({ jsonrpc: "2.0", id: 2, result: {} })).rejects.toThrow("stdout is closed");
    expect(t.delivered).toEqual([
      [1, undefined],
      [2, "stdout is closed"],
    ]);
  });

  it("close() stops reading and says so once", async () => {
    const t = await open();
    let closed = 0;
    t.transport.onclose = () => closed++;
    await t.transport.close();
    await t.transport.close();
    t.input.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" })}\n`);
    await t.settle();
    expect(closed).toBe(1);
    expect(t.received).toEqual([]);
  });
});

describe("invalidMessage", () => {
  it("accepts requests, notifications, results and errors", () => {
    expect(invalidMessage({ jsonrpc: "2.0", id: "a", method: "x", params: {} })).toBeUndefined();
    expect(invalidMessage({ jsonrpc: "2.0", method: "x" })).toBeUndefined();
    expect(invalidMessage({ jsonrpc: "2.0", id: 1, result: {} })).toBeUndefined();
    expect(invalidMessage({ jsonrpc: "2.0", id: 1, error: { code: -1, message: "m" } })).toBeUndefined();
  });
});
