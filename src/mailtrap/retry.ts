// When a failed attempt is tried again, and after how long: one policy table and one decision function
// (after sindresorhus/ky's RetryOptions). A write is retried only when Mailtrap proves it did not process it.
import type { HttpMethod } from "./http-method.js";

/** What an attempt ended with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { kind: "status"; status: number; retryAfterMs: number | undefined }
  | { kind: "timeout" }
  | { kind: "network"; transient: boolean };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  limit: number;
  /** Statuses that prove the request was not processed: retried for every method, honouring Retry-After. */
  notProcessedStatuses: ReadonlySet<number>;
  /** Statuses that a GET may retry (a gateway failed; a write may still have been processed). */
  idempotentStatuses: ReadonlySet<number>;
  /** Methods that may be retried after a timeout, a transient network error or an idempotent status. */
  idempotentMethods: ReadonlySet<HttpMethod>;
  /** Wait when a not-processed status carries no Retry-After, by attempt (1-based). */
  defaultWaitMs(attempt: number): number;
  /** Longest wait we sit through; beyond it the model is told when to come back. */
  maxWaitMs: number;
  /** Backoff before retrying an idempotent failure, by attempt (1-based). */
  backoffMs(attempt: number, random: () => number): number;
  /** A retry is made only if this much of the call budget is left after the wait. */
  reserveMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  limit: 3,
  notProcessedStatuses: new Set([429]),
  idempotentStatuses: new Set([502, 503, 504]),
  idempotentMethods: new Set(["GET"]),
  defaultWaitMs: (attempt) => 1_000 * attempt,
  maxWaitMs: 10_000,
  // Exponential backoff with full jitter: 0..(250 ms * 2^attempt).
  backoffMs: (attempt, random) => Math.round(random() * 250 * 2 ** attempt),
  reserveMs: 1_000,
};

export type RetryDecision = { retry: false } | { retry: true; waitMs: number; why: string };

export interface RetryQuestion {
  method: HttpMethod;
  /** The attempt that just failed (1-based). */
  attempt: number;
  outcome: AttemptOutcome;
  /** What is left of the whole call's budget. */
  remainingMs: number;
}

/** The one place that decides whether to try again. */
export function decideRetry(question: RetryQuestion, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random = Math.random): RetryDecision {
  const { method, attempt, outcome, remainingMs } = question;
  if (attempt >= policy.limit) return { retry: false };
  const fits = (waitMs: number) => remainingMs > waitMs + policy.reserveMs;
  if (outcome.kind === "status" && policy.notProcessedStatuses.has(outcome.status)) {
    const waitMs = outcome.retryAfterMs ?? policy.defaultWaitMs(attempt);
    return waitMs <= policy.maxWaitMs && fits(waitMs) ? { retry: true, waitMs, why: `HTTP ${outcome.status}` } : { retry: false };
  }
  if (!policy.idempotentMethods.has(method)) return { retry: false };
  const idempotentFailure =
    outcome.kind === "timeout" ||
    (outcome.kind === "network" && outcome.transient) ||
    (outcome.kind === "status" && policy.idempotentStatuses.has(outcome.status));
  if (!idempotentFailure) return { retry: false };
  const waitMs = policy.backoffMs(attempt, random);
  const why = outcome.kind === "status" ? `HTTP ${outcome.status}` : outcome.kind;
  return fits(waitMs) ? { retry: true, waitMs, why } : { retry: false };
}
