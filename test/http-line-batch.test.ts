import { describe, expect, it } from "vitest";
import { lineBatch } from "../src/http/line-batch.js";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("lineBatch", () => {
  it("writes the lines of one interval in one write, in order, and nothing before it", async () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text), { flushMs: 40 });
    batch.add("a\n");
    batch.add("b\n");
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([]);
    await wait(80);
    batch.add("c\n");
    await wait(80);
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("writes at once when the pending text reaches the buffer size", () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text), { flushMs: 60_000, maxChars: 10 });
    batch.add("12345\n");
    expect(writes).toEqual([]);
    batch.add("67890\n");
    expect(writes).toEqual(["12345\n67890\n"]);
  });

  it("flush writes what is pending at once (before exit), and nothing twice", async () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text), { flushMs: 20 });
    batch.add("last\n");
    batch.flush();
    await wait(50);
    expect(writes).toEqual(["last\n"]);
  });
});
