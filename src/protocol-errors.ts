// What the SDK (or our transport) reports out of band goes to the log, except a client gone mid-write (EPIPE):
// stdout's own handler ends the session then. No SDK here: the front desk logs through it before the SDK loads.
import type { Logger } from "./logger.js";

export function protocolErrorLogger(logger: Logger): (error: Error) => void {
  return (error) => {
    if ((error as NodeJS.ErrnoException).code !== "EPIPE" && !/\bEPIPE\b/.test(error.message)) logger.warn(`protocol: ${error.message}`);
  };
}
