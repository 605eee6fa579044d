// The pacer on its own, with a clock the test moves: the window, Retry-After, X-Ratelimit-Remaining, the
// concurrency cap, the call budget and cancellation.
import { describe, expect, it } from "vitest";
import type { Clock } from "../src/clock.js";
import { DEFAULT_PACING, PacedOutError, Pacer, type Slot, tokenKey } from "../src/mailtrap/pacing.js";

/** Time moves only when the test says so; sleeps end in order as it passes. */
function manualClock() {
  let now = 1_000_000;
  const timers: { at: number; resolve(): void }[] = [];
  const clock: Clock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        const timer = { at: now + ms, resolve };
        timers.push(timer);
        signal?.addEventListener("abort", () => {
          timers.splice(timers.indexOf(timer), 1);
          reject(signal.reason);
        });
      }),
    async advance(ms) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = next.at;
        next.resolve();
        // Let the woken pump run before time moves on.
        for (let i = 0; i < 5; i++) await Promise.resolve();
      }
      now = until;
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
  return clock;
}

const KEY = tokenKey("0123456789abcdef0123456789abcdef");
const far = (clock: Clock) => ({ deadline: clock.now() + 3_600_000, reserveMs: 1_000 });

/** Starts `n` acquisitions; reports which have been granted so far. */
function start(pacer: Pacer, n: number, options: () => Parameters<Pacer["acquire"]>[1]) {
  const granted: Slot[] = [];
  const failed: unknown[] = [];
  for (let i = 0; i < n; i++)
    pacer.acquire(KEY, options()).then(
      (slot) => granted.push(slot),
      (error) => failed.push(error),
    );
  return { granted, failed };
}
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe("the window", () => {
  it("lets the limit through at once, then one more as each leaves the window (plus the margin)", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 1_000 });
    const { granted } = start(pacer, 160, () => far(clock));
    await settle();
    expect(granted).toHaveLength(150);
    for (const slot of granted) slot.release({ status: 200, limit: 150 });
    await clock.advance(DEFAULT_PACING.windowMs + DEFAULT_PACING.marginMs - 1);
    expect(granted).toHaveLength(150);
    await clock.advance(1);
    expect(granted).toHaveLength(160);
  });

  it("takes the limit from X-Ratelimit-Limit", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock);
    const first = await pacer.acquire(KEY, far(clock));
    first.release({ status: 200, limit: 3, remaining: 2 });
    const { granted } = start(pacer, 5, () => far(clock));
    await settle();
    expect(granted).toHaveLength(2);
  });

  it("does not pace by count when the API announces no limit", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 1_000 });
    const first = await pacer.acquire(KEY, far(clock));
    first.release({ status: 200 });
    const { granted } = start(pacer, 400, () => far(clock));
    await settle();
    expect(granted).toHaveLength(400);
  });

  it("counts another user's requests that X-Ratelimit-Remaining reveals", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock);
    const first = await pacer.acquire(KEY, far(clock));
    // Mailtrap has counted 150 requests on this token in the window: ours is one of them.
    first.release({ status: 200, limit: 150, remaining: 0 });
    const { granted } = start(pacer, 1, () => far(clock));
    await clock.advance(DEFAULT_PACING.windowMs);
    expect(granted).toHaveLength(0);
    await clock.advance(DEFAULT_PACING.marginMs);
    expect(granted).toHaveLength(1);
  });
});

describe("after a 429", () => {
  it("holds every request on the token until Retry-After has passed", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock);
    const first = await pacer.acquire(KEY, far(clock));
    first.release({ status: 429, retryAfterMs: 2_500 });
    const { granted } = start(pacer, 3, () => far(clock));
    await clock.advance(2_499);
    expect(granted).toHaveLength(0);
    await clock.advance(1);
    expect(granted).toHaveLength(3);
  });

  it("without Retry-After, holds for the whole window", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock);
    (await pacer.acquire(KEY, far(clock))).release({ status: 429 });
    const { granted } = start(pacer, 1, () => far(clock));
    await clock.advance(DEFAULT_PACING.windowMs - 1);
    expect(granted).toHaveLength(0);
    await clock.advance(1);
    expect(granted).toHaveLength(1);
  });

  it("keeps other tokens going", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock);
    (await pacer.acquire(KEY, far(clock))).release({ status: 429, retryAfterMs: 60_000 });
    await expect(pacer.acquire(tokenKey("another-token-0123456789"), far(clock))).resolves.toBeDefined();
  });
});

describe("the call budget", () => {
  it("refuses at once a request whose turn would come too late, saying when to come back", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 1_000 });
    const budget = () => ({ deadline: clock.now() + 45_000, reserveMs: 1_000 });
    // 150 now, 150 after each window: a 45 s budget fits 4 windows' worth (the 5th comes at 40.4 s).
    const { granted, failed } = start(pacer, 800, budget);
    await settle();
    expect(granted).toHaveLength(150);
    expect(failed).toHaveLength(800 - 750);
    const refusal = failed[0] as PacedOutError;
    expect(refusal).toBeInstanceOf(PacedOutError);
    expect(refusal.retryAfterMs).toBeGreaterThan(40_000);
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(50_500);
  });

  it("refuses a waiting request when a later 429 pushes its turn past its deadline", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 1 });
    const first = await pacer.acquire(KEY, far(clock));
    const waiting = pacer.acquire(KEY, { deadline: clock.now() + 5_000, reserveMs: 1_000 });
    first.release({ status: 429, retryAfterMs: 30_000 });
    await expect(waiting).rejects.toBeInstanceOf(PacedOutError);
  });
});

describe("concurrency and cancellation", () => {
  it("caps requests in flight per token, first come first served", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 2 });
    const order: number[] = [];
    const slots: Slot[] = [];
    for (let i = 0; i < 4; i++)
      void pacer.acquire(KEY, far(clock)).then((slot) => {
        order.push(i);
        slots.push(slot);
      });
    await settle();
    expect(order).toEqual([0, 1]);
    slots[0]!.release({ status: 200, limit: 150 });
    await settle();
    expect(order).toEqual([0, 1, 2]);
    expect(pacer.pending()).toBe(4 - 1);
  });

  it("a cancelled wait leaves the queue and is never granted", async () => {
    const clock = manualClock();
    const pacer = new Pacer(clock, { ...DEFAULT_PACING, maxConcurrent: 1 });
    const first = await pacer.acquire(KEY, far(clock));
    const controller = new AbortController();
    const cancelled = pacer.acquire(KEY, { ...far(clock), signal: controller.signal });
    const next = pacer.acquire(KEY, far(clock));
    controller.abort(new Error("stop"));
    await expect(cancelled).rejects.toThrow("stop");
    first.release({ status: 200, limit: 150 });
    await expect(next).resolves.toBeDefined();
    expect(pacer.pending()).toBe(1);
  });
});

describe("tokenKey", () => {
  it("is a short hash, never the token", () => {
    const token = "3f7a9c2e5b1d48e6a0c4f8b2d6e1a001";
    expect(tokenKey(token)).toMatch(/^[\w-]{16}$/);
    expect(tokenKey(token)).toBe(tokenKey(token));
    expect(token).not.toContain(tokenKey(token));
    expect(tokenKey(token)).not.toBe(tokenKey(`${token}x`));
  });
});
