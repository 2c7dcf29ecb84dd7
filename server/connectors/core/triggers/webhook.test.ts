import { describe, expect, it } from "vitest";
import { webhookTrigger } from "./webhook";

describe("webhook trigger", () => {
  it("defaults to verifying signatures, X-Event-Id and a 10 s wait for Respond", () => {
    expect(webhookTrigger.input.parse({})).toEqual({
      verifySignature: true,
      eventIdHeader: "X-Event-Id",
      responseTimeoutMs: 10_000,
    });
  });

  it("refuses header names that cannot arrive and waits outside 1..60 s", () => {
    const issues = (input: Record<string, unknown>) =>
      webhookTrigger.input.safeParse(input).error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(issues({ eventIdHeader: "Event Id" })).toEqual(["eventIdHeader"]);
    expect(issues({ responseTimeoutMs: 60_001 })).toEqual(["responseTimeoutMs"]);
    expect(issues({ responseTimeoutMs: 999 })).toEqual(["responseTimeoutMs"]);
    expect(issues({ verifySignature: false, eventIdHeader: "Stripe-Event", responseTimeoutMs: 60_000 })).toEqual([]);
  });
});
