// A clock whose sleeps return at once: retry waits are recorded and time moves on by as much.
import type { Clock } from "../../src/clock.js";

export interface FakeClock extends Clock {
  /** Every wait asked for, in order (ms). */
  sleeps: number[];
}

export function fakeClock(): FakeClock {
  let skipped = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + skipped,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      skipped += ms;
    },
  };
}
