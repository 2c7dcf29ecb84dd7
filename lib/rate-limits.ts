// Per-account rate limits, as both sides see them: a connector declares defaults, an account may override either
// value, and whatever is left unset on both is unlimited. Isomorphic, so the account form and the server agree.
import { z } from "zod";

/** What a connector declares: how hard its accounts may be driven unless an account says otherwise. */
export interface ConnectorRateLimit {
  /** Calls started per second, averaged; short bursts of up to max(1, this) are allowed. */
  requestsPerSecond: number;
  /** Calls in flight at once. */
  maxConcurrency: number;
}

/** The limits a step on an account obeys; null means that dimension is not limited. */
export interface EffectiveRateLimit {
  requestsPerSecond: number | null;
  maxConcurrency: number | null;
}

export const MAX_REQUESTS_PER_SECOND = 10_000;
export const MAX_CONCURRENCY = 1_000;

export const requestsPerSecondSchema = z
  .number({ error: "Requests per second must be a number" })
  .positive("Requests per second must be more than 0")
  .max(MAX_REQUESTS_PER_SECOND, `Requests per second can be at most ${MAX_REQUESTS_PER_SECOND}`);

export const maxConcurrencySchema = z
  .number({ error: "Concurrent calls must be a number" })
  .int("Concurrent calls must be a whole number")
  .min(1, "Allow at least 1 concurrent call")
  .max(MAX_CONCURRENCY, `Concurrent calls can be at most ${MAX_CONCURRENCY}`);

/** An account's overrides as the API takes them: a number sets one, null goes back to the default, absent keeps it. */
export const rateLimitOverrideSchema = z.object({
  requestsPerSecond: requestsPerSecondSchema.nullable().optional(),
  maxConcurrency: maxConcurrencySchema.nullable().optional(),
});
export type RateLimitOverride = z.infer<typeof rateLimitOverrideSchema>;

export function effectiveRateLimit(
  defaults: ConnectorRateLimit | undefined,
  overrides: { requestsPerSecond: number | null; maxConcurrency: number | null },
): EffectiveRateLimit {
  return {
    requestsPerSecond: overrides.requestsPerSecond ?? defaults?.requestsPerSecond ?? null,
    maxConcurrency: overrides.maxConcurrency ?? defaults?.maxConcurrency ?? null,
  };
}
