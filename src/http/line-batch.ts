// Access-log lines written in batches, as nginx's `access_log ... buffer= flush=` does: one stderr write per
// interval (or per full buffer) instead of one per request. stderr to a pipe is synchronous on Linux, and each
// write also wakes whatever reads the log; under load the writes add up (bench/RESULTS.md).

export interface LineBatch {
  add(line: string): void;
  /** Writes what is pending now (before exit). */
  flush(): void;
}

export interface LineBatchOptions {
  /** A line waits at most this long. */
  flushMs?: number;
  /** Pending text past this many characters is written at once. */
  maxChars?: number;
}

export function lineBatch(write: (text: string) => void, { flushMs = 250, maxChars = 16_384 }: LineBatchOptions = {}): LineBatch {
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    size = 0;
    write(text);
  };
  // Whatever way the process ends, the last lines are written (a write to a pipe is synchronous, even here).
  process.once("exit", flush);
  return {
    add(line) {
      pending.push(line);
      size += line.length;
      if (size >= maxChars) flush();
      // unref: a pending line never keeps the process alive; the exit hook writes it.
      else timer ??= setTimeout(flush, flushMs).unref();
    },
    flush,
  };
}
