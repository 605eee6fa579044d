// A cap on requests being served at once: beyond it the server answers 503 with Retry-After at once,
// instead of queueing work it cannot finish in time. Also tells a drain when the last one is done.

export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  constructor(readonly max: number) {}

  get size(): number {
    return this.count;
  }

  /** Takes a slot, or returns false when all are taken. */
  tryEnter(): boolean {
    if (this.count >= this.max) return false;
    this.count++;
    return true;
  }

  leave(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves when nothing is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
