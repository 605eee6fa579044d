// Timeouts for many requests on one timer (Mailtrap attempts, HTTP body reads). A timer per attempt (set, then
// cleared a millisecond later) cost about 18 us a call with its AbortController (bench/RESULTS.md); here an
// attempt costs a set insertion, and the one timer, armed for the earliest deadline, is re-armed only when it
// fires or a sooner deadline arrives.

interface Entry {
  at: number;
  onExpire: () => void;
}

export class Deadlines {
  private readonly pending = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Calls onExpire after `ms` unless the returned function is called first. */
  add(ms: number, onExpire: () => void): () => void {
    const entry = { at: this.now() + ms, onExpire };
    this.pending.add(entry);
    if (entry.at < this.armedFor) this.arm(entry.at);
    return () => {
      this.pending.delete(entry);
    };
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    // unref: a pending deadline never keeps the process alive by itself.
    this.timer = setTimeout(() => this.fire(), Math.max(1, at - this.now())).unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.pending) {
      if (entry.at <= now) {
        this.pending.delete(entry);
        entry.onExpire();
      } else if (entry.at < next) next = entry.at;
    }
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
  }
}
