import { describe, expect, it } from "vitest";
import { lineBatch } from "../src/http/line-batch.js";

describe("lineBatch", () => {
  it("writes the lines of one turn of the event loop in one write, in order", async () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text));
    batch.add("a\n");
    batch.add("b\n");
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    batch.add("c\n");
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("flush writes what is pending at once (before exit), and nothing twice", async () => {
    const writes: string[] = [];
    const batch = lineBatch((text) => writes.push(text));
    batch.add("last\n");
    batch.flush();
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["last\n"]);
  });
});
