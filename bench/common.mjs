// What both benchmarks (run.mjs for stdio, http.mjs) share: the median, and --pin.
import { execFileSync } from "node:child_process";

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * --pin: this driver (and the in-repo API it hosts) on CPU 0, every server on CPU 1 (taskset, util-linux), so the
 * scheduler's placement stops adding its own noise to the comparison.
 */
export const pinned = process.argv.includes("--pin");
if (pinned) execFileSync("taskset", ["-p", "-c", "0", String(process.pid)], { stdio: "ignore" });

/** The command and arguments that run a server: on CPU 1 when pinned. */
export const serverCommand = (args) => (pinned ? ["taskset", ["-c", "1", process.execPath, ...args]] : [process.execPath, args]);

export const PINNED_NOTE = ", pinned (driver CPU 0, servers CPU 1)";
