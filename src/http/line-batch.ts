// Access-log lines written in batches: one stderr write per turn of the event loop instead of one per request
// (stderr to a pipe is synchronous on Linux, and under load the writes add up).

export interface LineBatch {
  add(line: string): void;
  /** Writes what is pending now (before exit). */
  flush(): void;
}

export function lineBatch(write: (text: string) => void): LineBatch {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join("");
    pending = [];
    write(text);
  };
  return {
    add(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
