// Pacing against Mailtrap's rate limit (150 requests per 10 s per token): requests wait here, in order, until
// the window allows them, so a burst of calls is spread out instead of answered with 429s. Per token (keyed by
// a hash of it, never the token itself): a sliding log of what was sent, corrected by X-Ratelimit-Limit and
// X-Ratelimit-Remaining (other users of the same token), blocked after a 429 until Retry-After or a whole
// window has passed, and capped in concurrency. A request whose turn would come too late for its call is
// refused at once, saying when to come back. Time comes through the clock seam.
import type { Clock } from "../clock.js";

export interface PacingPolicy {
  /** Requests per window per token, until Mailtrap's X-Ratelimit-Limit says otherwise. */
  limit: number;
  windowMs: number;
  /** Added to the window: our send times are earlier than Mailtrap's arrival times. */
  marginMs: number;
  /** Requests in flight per token at most. */
  maxConcurrent: number;
}

export const DEFAULT_PACING: PacingPolicy = { limit: 150, windowMs: 10_000, marginMs: 100, maxConcurrent: 16 };

/** What an answer said about the limit. */
export interface RateObservation {
  status: number;
  /** X-Ratelimit-Limit, when sent. */
  limit?: number | undefined;
  /** X-Ratelimit-Remaining, when sent. */
  remaining?: number | undefined;
  /** Retry-After, in ms from now, when sent. */
  retryAfterMs?: number | undefined;
}

export interface Slot {
  /** Ends the request; what its answer said (nothing when no answer came) updates the token's window. */
  release(observation?: RateObservation): void;
}

/** The request could not be sent within its call's budget; nothing was sent. */
export class PacedOutError extends Error {
  override readonly name = "PacedOutError";
  constructor(
    /** When a request would be allowed again. */
    readonly retryAfterMs: number,
    readonly limit: number,
    readonly windowMs: number,
  ) {
    super(`rate limit: next request allowed in ${retryAfterMs} ms`);
  }
}

export interface AcquireOptions {
  /** The clock time by which the whole call must end. */
  deadline: number;
  /** Time the request itself needs before the deadline. */
  reserveMs: number;
  signal?: AbortSignal | undefined;
}

interface Waiter {
  options: AcquireOptions;
  resolve(slot: Slot): void;
  reject(error: unknown): void;
}

interface Bucket {
  /** Requests per window; undefined when Mailtrap's answers carry no limit (not paced by count). */
  limit: number | undefined;
  /**
   * When requests still in the window were answered, oldest first (and others' use of the token, learnt from
   * the headers). Mailtrap counts a request when it arrives, some time between being let go and being answered:
   * counting from the answer (and counting requests in flight as sent just now) keeps us inside its window.
   */
  sent: number[];
  blockedUntil: number;
  inFlight: number;
  queue: Waiter[];
  wake: AbortController | undefined;
}

/** The key a token's window is kept under: a short hash, so the pacer never holds the token. */
export function tokenKey(token: string): string {
  // node:crypto costs a few ms to load: it is fetched on the first request, not at start.
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(token).digest("base64url").slice(0, 16);
}

function header(value: number | undefined): number | undefined {
  return value !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export class Pacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: PacingPolicy = DEFAULT_PACING,
  ) {}

  /** Waits for this key's turn; throws PacedOutError when it would come too late, or the signal's reason. */
  acquire(key: string, options: AcquireOptions): Promise<Slot> {
    const bucket = this.bucket(key);
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    const now = this.clock.now();
    this.prune(bucket, now);
    const turn = this.predict(bucket, bucket.queue.length, now);
    if (turn > options.deadline - options.reserveMs) return Promise.reject(this.pacedOut(bucket, turn - now));
    // Nobody waiting and room now (the usual case): the turn is this one, without queueing.
    if (bucket.queue.length === 0 && turn <= now && bucket.inFlight < this.policy.maxConcurrent) {
      bucket.inFlight++;
      return Promise.resolve(this.slot(bucket));
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = { options, resolve, reject };
      const onAbort = () => {
        const index = bucket.queue.indexOf(waiter);
        if (index >= 0) bucket.queue.splice(index, 1);
        reject(options.signal?.reason);
        this.pump(bucket);
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });
      waiter.resolve = (slot) => {
        options.signal?.removeEventListener("abort", onAbort);
        resolve(slot);
      };
      waiter.reject = (error) => {
        options.signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      bucket.queue.push(waiter);
      this.pump(bucket);
    });
  }

  /** Requests waiting or in flight, for tests and shutdown logs. */
  pending(): number {
    let total = 0;
    for (const bucket of this.buckets.values()) total += bucket.queue.length + bucket.inFlight;
    return total;
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { limit: this.policy.limit, sent: [], blockedUntil: 0, inFlight: 0, queue: [], wake: undefined };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private span(): number {
    return this.policy.windowMs + this.policy.marginMs;
  }

  private prune(bucket: Bucket, now: number): void {
    const expired = now - this.span();
    let drop = 0;
    while (drop < bucket.sent.length && bucket.sent[drop]! <= expired) drop++;
    if (drop > 0) bucket.sent.splice(0, drop);
  }

  /** When the request at `position` in the queue would be sent, if nothing else changed. */
  private predict(bucket: Bucket, position: number, now: number): number {
    const start = Math.max(now, bucket.blockedUntil);
    const limit = bucket.limit;
    if (limit === undefined) return start;
    // Slots free up as sent requests leave the window; each slot is reused one window later, and so on.
    // Requests in flight count as sent now: they leave the window no sooner than a span from now.
    const offset = bucket.sent.length + bucket.inFlight - limit;
    const slot = position % limit;
    const index = slot + offset;
    const sentAt = index < bucket.sent.length ? bucket.sent[index]! : now;
    const first = index < 0 ? start : Math.max(start, sentAt + this.span());
    return first + Math.floor(position / limit) * this.span();
  }

  private pacedOut(bucket: Bucket, waitMs: number): PacedOutError {
    return new PacedOutError(Math.max(1, Math.ceil(waitMs)), bucket.limit ?? this.policy.limit, this.policy.windowMs);
  }

  /** Sends whoever may go now, refuses whoever would be too late, and sleeps until the next turn. */
  private pump(bucket: Bucket): void {
    bucket.wake?.abort();
    bucket.wake = undefined;
    const now = this.clock.now();
    this.prune(bucket, now);
    while (bucket.queue.length > 0) {
      if (bucket.inFlight >= this.policy.maxConcurrent) return; // a release pumps again
      const waiter = bucket.queue[0]!;
      const turn = this.predict(bucket, 0, now);
      if (turn > waiter.options.deadline - waiter.options.reserveMs) {
        bucket.queue.shift();
        waiter.reject(this.pacedOut(bucket, turn - now));
        continue;
      }
      if (turn > now) {
        const wake = new AbortController();
        bucket.wake = wake;
        this.clock.sleep(turn - now, wake.signal).then(
          () => {
            if (bucket.wake === wake) this.pump(bucket);
          },
          () => undefined,
        );
        return;
      }
      bucket.queue.shift();
      bucket.inFlight++;
      waiter.resolve(this.slot(bucket));
    }
  }

  private slot(bucket: Bucket): Slot {
    let released = false;
    return {
      release: (observation) => {
        if (released) return;
        released = true;
        bucket.inFlight--;
        bucket.sent.push(this.clock.now());
        if (observation) this.observe(bucket, observation);
        this.pump(bucket);
      },
    };
  }

  private observe(bucket: Bucket, observation: RateObservation): void {
    const now = this.clock.now();
    const limit = header(observation.limit);
    const remaining = header(observation.remaining);
    if (limit !== undefined && limit >= 1) bucket.limit = limit;
    // An API that announces no limit (a test API, a proxy) is paced by concurrency and 429s only.
    else if (observation.status >= 200 && observation.status < 300 && remaining === undefined) bucket.limit = undefined;
    if (observation.status === 429) {
      // Without Retry-After, the window has to pass (the transport's retry waits exactly as long).
      bucket.blockedUntil = Math.max(bucket.blockedUntil, now + (observation.retryAfterMs ?? this.policy.windowMs));
    }
    const known = limit ?? bucket.limit;
    if (known !== undefined && remaining !== undefined) {
      // Mailtrap counted more than we have sent in the window (another user of the token): count the
      // difference as sent now, so it leaves our window no sooner than it leaves Mailtrap's.
      this.prune(bucket, now);
      const missing = Math.min(known - remaining - bucket.sent.length - bucket.inFlight, known);
      for (let i = 0; i < missing; i++) bucket.sent.push(now);
    }
  }
}
