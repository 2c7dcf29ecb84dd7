import { describe, expect, it } from "vitest";
import { errorForResponse, parseRetryAfter } from "./http-errors";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-24T08:00:00Z");

  it("reads delta seconds and HTTP-dates, and ignores what it cannot read", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Tue, 24 Nov 2026 08:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tuesday, 24-Nov-26 08:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Tue, 24 Nov 2026 07:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it("puts the delay into a 429 or 503 error's details for the runtime's retry", () => {
    const limited = errorForResponse(
      { status: 429, statusText: "Too Many Requests", headers: { "retry-after": "7" }, body: "" },
      "api",
    );
    expect(limited?.toJSON()).toMatchObject({
      code: "RATE_LIMITED",
      retryable: true,
      details: { retryAfterMs: 7_000 },
    });
    const busy = errorForResponse({ status: 503, statusText: "", headers: {}, body: "down" }, "api");
    expect(busy?.toJSON().details).not.toHaveProperty("retryAfterMs");
    expect(busy?.retryable).toBe(true);
  });

  it("keeps session headers out of the reply that error details store", () => {
    const headers = { "set-cookie": "JSESSIONID=abc", "www-authenticate": "Basic", "content-type": "text/plain" };
    const refused = errorForResponse({ status: 401, statusText: "Unauthorized", headers, body: "no" }, "api");
    expect(refused?.toJSON().details).toEqual({
      response: { status: 401, statusText: "Unauthorized", headers: { "content-type": "text/plain" }, body: "no" },
    });
  });
});
