// Per-token sliding 10-second window, like the live API's 150 requests per 10 s.

const RATE_WINDOW_MS = 10_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly limit: number) {}

  /** Count one request for `key` at `now`; rejected requests do not use up the window. */
  take(key: string, now: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < RATE_WINDOW_MS);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, limit: this.limit, remaining: 0 };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, limit: this.limit, remaining: this.limit - recent.length };
  }

  clear(): void {
    this.hits.clear();
  }
}
