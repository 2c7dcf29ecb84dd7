// When a failed attempt is tried again, and after how long. Retryable errors (network, timeout, 5xx, 429: the
// error's `retryable` flag) get capped exponential backoff with full jitter, so many runs failing against one system
// at once do not come back at the same instant; a Retry-After the remote system sent is honoured instead.
import { ConfluxError, type ConfluxErrorJson } from "@/lib/errors";

export interface RetryPolicy {
  /** The first backoff's upper bound; each later one doubles it. */
  baseMs: number;
  /** No backoff is longer than this (Retry-After aside). */
  capMs: number;
  /** A Retry-After longer than this fails the step instead of holding a worker that long. */
  maxRetryAfterMs: number;
  /** Uniform in [0, 1); the jitter's source (tests pin it). */
  random: () => number;
  /** Waits `ms` or rejects when `signal` aborts (tests record the waits instead). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseMs: 1_000,
  capMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  random: Math.random,
  sleep: abortableSleep,
};

/** The decision after a failed attempt: try again after `waitMs`, or stop with `error` (possibly reworded). */
export type RetryDecision = { retry: true; waitMs: number } | { retry: false; error: ConfluxErrorJson };

/** `attempt` is the number of the attempt that just failed (1-based); `maxAttempts` counts attempts in all. */
export function decideRetry(
  error: ConfluxErrorJson,
  attempt: number,
  maxAttempts: number,
  policy: RetryPolicy,
): RetryDecision {
  if (!error.retryable || attempt >= maxAttempts) return { retry: false, error };
  const retryAfterMs = retryAfterOf(error);
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.maxRetryAfterMs) {
      const message =
        `${error.message} (the server asked to retry after ${describeWait(retryAfterMs)}, longer than the ` +
        `${describeWait(policy.maxRetryAfterMs)} a step waits; run the flow again later)`;
      return { retry: false, error: { ...error, message } };
    }
    return { retry: true, waitMs: retryAfterMs };
  }
  return { retry: true, waitMs: backoffMs(attempt, policy) };
}

/** Full jitter: uniform between 0 and min(cap, base * 2^(attempt - 1)). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, "baseMs" | "capMs" | "random">): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(policy.random() * ceiling);
}

/** The delay an HTTP error carries from its Retry-After header (set by the SDK's errorForResponse). */
export function retryAfterOf(error: ConfluxErrorJson): number | undefined {
  const value = error.details?.retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** "850 ms", "2.5 s", "10 min": how the run page and the log word a wait. */
export function describeWait(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6_000) / 10} min`;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => new ConfluxError("CANCELLED", "The wait before the next attempt was cancelled");
    if (signal.aborted) {
      reject(aborted());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
