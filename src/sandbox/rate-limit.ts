// Per-token sliding window, like the live API's 150 requests per 10 s. Tests may shorten the window (same
// rule, scaled) so that pacing against it runs in a second or two.

const RATE_WINDOW_MS = 10_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** For a refused request: ms until the oldest counted request leaves the window. */
  retryAfterMs: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = RATE_WINDOW_MS,
  ) {}

  /** Count one request for `key` at `now`; rejected requests do not use up the window. */
  take(key: string, now: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[recent.length - this.limit] ?? now;
      return { allowed: false, limit: this.limit, remaining: 0, retryAfterMs: Math.max(0, oldest + this.windowMs - now) };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { allowed: true, limit: this.limit, remaining: this.limit - recent.length, retryAfterMs: 0 };
  }

  clear(): void {
    this.hits.clear();
  }
}
