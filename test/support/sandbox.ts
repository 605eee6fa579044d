// The loopback Mailtrap API as tests use it: the shipped sandbox (src/sandbox) plus request recording and
// fault injection, hooked in through its interceptor. --demo ships without either.
import type { IncomingHttpHeaders } from "node:http";
import { type Sandbox as BaseSandbox, groupQuery, type SandboxOptions, startSandbox as startBaseSandbox } from "../../src/sandbox/index.js";
import { applyFault, type Fault, type FaultOptions, FaultQueue } from "./faults.js";

export { createSampleState, SAMPLE_SECRETS } from "../../src/sandbox/index.js";
export type { Fault, FaultOptions, SandboxOptions };

export interface RecordedRequest {
  method: string;
  /** Pathname only, raw (not decoded). */
  path: string;
  /** The raw query string without "?", "" if none. */
  rawQuery: string;
  /** Decoded, keys as sent (e.g. "project_ids[]": ["1", "2"]). */
  query: Record<string, string[]>;
  headers: IncomingHttpHeaders;
  /** Raw body text ("" if none). */
  body: string;
  /** Parsed body, or undefined when empty or not JSON. */
  json: unknown;
  /** Set when the client closed the connection before the answer was complete. */
  closedBeforeAnswer: boolean;
  /** The status it was answered with, once answered. */
  status?: number;
}

export interface Sandbox extends BaseSandbox {
  /** Every request received, in order, including faulted ones and 401s. */
  requests: RecordedRequest[];
  /** The next `times` (default 1) matching requests get the fault; queued faults apply in order. */
  injectFault(fault: Fault, options?: FaultOptions): void;
  clearFaults(): void;
  /** Clear recorded requests, faults and rate-limit windows (the state is kept). */
  reset(): void;
}

function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startSandbox(options: Omit<SandboxOptions, "intercept"> = {}): Promise<Sandbox> {
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const base = await startBaseSandbox({
    ...options,
    intercept: ({ req, res, method, path, rawQuery, body, proceed }) => {
      const record: RecordedRequest = {
        method,
        path,
        rawQuery,
        query: groupQuery(rawQuery),
        headers: { ...req.headers },
        body,
        json: parseJsonOrUndefined(body),
        closedBeforeAnswer: false,
      };
      requests.push(record);
      // Shows a client abort (cancel, timeout) of a hung or slow answer.
      res.on("close", () => {
        if (!res.writableFinished) record.closedBeforeAnswer = true;
      });
      res.on("finish", () => {
        record.status = res.statusCode;
      });
      const fault = faults.take(method, path);
      if (fault === undefined) return false;
      if (fault.kind === "delay") {
        // The API answers for real, later: the request counts and changes state even if the client has gone.
        setTimeout(proceed, fault.ms);
        return true;
      }
      applyFault(req, res, fault);
      return true;
    },
  });
  return Object.assign(base, {
    requests,
    injectFault: (fault: Fault, faultOptions?: FaultOptions) => faults.add(fault, faultOptions),
    clearFaults: () => faults.clear(),
    reset: () => {
      requests.length = 0;
      faults.clear();
      base.resetRateLimits();
    },
  });
}
