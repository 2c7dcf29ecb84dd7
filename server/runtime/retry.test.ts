import { describe, expect, it } from "vitest";
import type { ConfluxErrorJson } from "@/lib/errors";
import { abortableSleep, backoffMs, decideRetry, defaultRetryPolicy, describeWait } from "./retry";

const policy = { ...defaultRetryPolicy, random: () => 0.999 };
const busy: ConfluxErrorJson = { code: "REMOTE", message: "api answered 503", retryable: true };

describe("retry policy", () => {
  it("backs off exponentially from 1 s, capped at 60 s, with full jitter", () => {
    expect([1, 2, 3, 4, 6, 7, 10].map((attempt) => backoffMs(attempt, policy))).toEqual([
      999, 1998, 3996, 7992, 31968, 59940, 59940,
    ]);
    expect(backoffMs(5, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffMs(2, { ...policy, random: () => 0.5 })).toBe(1000);
  });

  it("retries retryable errors while attempts remain, and nothing else", () => {
    expect(decideRetry(busy, 1, 3, policy)).toEqual({ retry: true, waitMs: 999 });
    expect(decideRetry(busy, 3, 3, policy)).toEqual({ retry: false, error: busy });
    const notFound = { ...busy, message: "api answered 404", retryable: false };
    expect(decideRetry(notFound, 1, 3, policy)).toEqual({ retry: false, error: notFound });
  });

  it("waits what Retry-After asks, and gives up with a message when that is over 5 minutes", () => {
    const limited = { ...busy, code: "RATE_LIMITED" as const, details: { retryAfterMs: 7_000 } };
    expect(decideRetry(limited, 1, 3, policy)).toEqual({ retry: true, waitMs: 7_000 });
    const tooLong = { ...limited, details: { retryAfterMs: 600_000 } };
    const decision = decideRetry(tooLong, 1, 3, policy);
    expect(decision).toMatchObject({ retry: false, error: { code: "RATE_LIMITED" } });
    if (!decision.retry) {
      expect(decision.error.message).toBe(
        "api answered 503 (the server asked to retry after 10 min, longer than the 5 min a step waits; run the flow again later)",
      );
    }
  });

  it("words waits for people", () => {
    expect([850, 2_500, 60_000, 90_000].map(describeWait)).toEqual(["850 ms", "2.5 s", "1 min", "1.5 min"]);
  });

  it("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const waiting = abortableSleep(60_000, controller.signal).then(
      () => "slept",
      (error: unknown) => error,
    );
    controller.abort();
    expect(await waiting).toMatchObject({ code: "CANCELLED" });
    await expect(abortableSleep(1, AbortSignal.abort())).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(abortableSleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
});
