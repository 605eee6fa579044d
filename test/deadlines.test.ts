import { describe, expect, it } from "vitest";
import { Deadlines } from "../src/deadlines.js";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Deadlines: many timeouts on one timer", () => {
  it("calls each onExpire once, at or after its deadline, in deadline order", async () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    const started = performance.now();
    const at: Record<string, number> = {};
    for (const [name, ms] of [
      ["late", 60],
      ["soon", 20],
      ["middle", 40],
    ] as const) {
      deadlines.add(ms, () => {
        fired.push(name);
        at[name] = performance.now() - started;
      });
    }
    await wait(120);
    expect(fired).toEqual(["soon", "middle", "late"]);
    expect(at.soon).toBeGreaterThanOrEqual(19);
    expect(at.middle).toBeGreaterThanOrEqual(39);
    expect(at.late).toBeGreaterThanOrEqual(59);
  });

  it("never calls a cancelled one, and keeps timing the others", async () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    const cancel = deadlines.add(20, () => fired.push("cancelled"));
    deadlines.add(40, () => fired.push("kept"));
    cancel();
    await wait(80);
    expect(fired).toEqual(["kept"]);
  });

  it("a sooner deadline added after a later one still fires on time", async () => {
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.add(1_000, () => fired.push("late"));
    deadlines.add(20, () => fired.push("soon"));
    await wait(60);
    expect(fired).toEqual(["soon"]);
  });
});
