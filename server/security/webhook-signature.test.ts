import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./webhook-signature";

const secret = "whsec_test-secret-0123456789";
const body = JSON.stringify({ orderNo: "A-17", total: 12.5 });
const now = new Date("2026-03-01T10:00:00Z");

describe("webhook signatures", () => {
  it("signs as t=<seconds>,v1=<HMAC-SHA256 of '<t>.<body>'> and accepts its own signature", () => {
    const header = signWebhook(secret, body, now);
    const t = now.getTime() / 1000;
    const hex = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(header).toBe(`t=${t},v1=${hex}`);
    expect(verifyWebhookSignature({ secret, header, body: Buffer.from(body), now })).toEqual({ ok: true });
  });

  it("refuses a tampered body and a wrong secret", () => {
    const header = signWebhook(secret, body, now);
    const tampered = verifyWebhookSignature({ secret, header, body: body.replace("12.5", "1250"), now });
    expect(tampered).toEqual({ ok: false, reason: "The signature does not match the request body and secret" });
    const wrongSecret = verifyWebhookSignature({ secret: `${secret}x`, header, body, now });
    expect(wrongSecret.ok).toBe(false);
  });

  it("refuses a timestamp more than 300 s away, either way, and accepts one just inside", () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(verifyWebhookSignature({ secret, header: signWebhook(secret, body, at(-301)), body, now })).toEqual({
      ok: false,
      reason: "The signature's timestamp is more than 300 seconds from the server's time",
    });
    expect(verifyWebhookSignature({ secret, header: signWebhook(secret, body, at(301)), body, now }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, header: signWebhook(secret, body, at(-299)), body, now }).ok).toBe(true);
  });

  it("refuses missing and malformed headers with a reason that never holds the expected signature", () => {
    const expected = signWebhook(secret, body, now).split("v1=")[1] ?? "";
    const reasons = [undefined, "", "v1=abc", "t=abc,v1=00", "t=1,x", `t=${now.getTime() / 1000}`, "garbage"].map(
      (header) => verifyWebhookSignature({ secret, header, body, now }),
    );
    for (const check of reasons) {
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).not.toContain(expected);
    }
    expect(reasons[0]).toEqual({ ok: false, reason: "The request has no x-conflux-signature header" });
    expect(reasons[2]).toMatchObject({ reason: expect.stringMatching(/malformed/) });
  });

  it("refuses a short or non-hex v1 without throwing, and accepts any matching v1 among several", () => {
    const t = now.getTime() / 1000;
    expect(verifyWebhookSignature({ secret, header: `t=${t},v1=abcd`, body, now }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret, header: `t=${t},v1=${"zz".repeat(32)}`, body, now }).ok).toBe(false);
    const good = signWebhook(secret, body, now).split(",")[1];
    const other = signWebhook("old-secret", body, now).split(",")[1];
    expect(verifyWebhookSignature({ secret, header: `t=${t},${other},${good}`, body, now }).ok).toBe(true);
  });
});
