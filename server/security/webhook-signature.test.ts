import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature, type SignedParts } from "./webhook-signature";

const secret = "whsec_test-secret-0123456789";
const body = JSON.stringify({ orderNo: "A-17", total: 12.5 });
const now = new Date("2026-03-01T10:00:00Z");
const t = now.getTime() / 1000;

function parts(overrides: Partial<SignedParts> = {}): SignedParts {
  return {
    body,
    eventId: "evt-1",
    query: "source=shop&tag=a",
    headers: new Headers({ "content-type": "application/json", "x-shop": "north", "x-event-id": "evt-1" }),
    ...overrides,
  };
}
const signHeaders = ["content-type", "x-shop"];
const sign = (at = now, signed = parts()) => signWebhook(secret, signed, { now: at, signHeaders });
const verify = (header: string | undefined, signed = parts()) =>
  verifyWebhookSignature({ secret, header, parts: signed, now });

describe("webhook signatures (v2)", () => {
  it("signs the documented canonical string and accepts its own signature", () => {
    const header = sign();
    const canonical =
      `v2\n${t}\nevt-1\nsource=shop&tag=a\ncontent-type;x-shop\n` +
      `content-type:application/json\nx-shop:north\n${body}`;
    const hex = crypto.createHmac("sha256", secret).update(canonical).digest("hex");
    expect(header).toBe(`t=${t},h=content-type;x-shop,v2=${hex}`);
    expect(verify(header)).toMatchObject({ ok: true, signature: hex, signedHeaders: signHeaders });
  });

  it("refuses a tampered body, query, signed header or event id, and a wrong secret", () => {
    const header = sign();
    const headers = new Headers({ "content-type": "application/json", "x-shop": "south", "x-event-id": "evt-1" });
    const tampered = [
      parts({ body: body.replace("12.5", "1250") }),
      parts({ query: "source=shop&tag=a&admin=1" }),
      parts({ query: "" }),
      parts({ headers }),
      parts({ eventId: "evt-2" }),
      parts({ eventId: null }),
    ];
    for (const request of tampered) {
      expect(verify(header, request)).toEqual({
        ok: false,
        reason:
          "The signature does not match the request (timestamp, event id, query, signed headers and body) and secret",
      });
    }
    expect(verifyWebhookSignature({ secret: `${secret}x`, header, parts: parts(), now }).ok).toBe(false);
  });

  it("refuses the old v1 scheme with a reason that says to sign with v2", () => {
    const v1 = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(verify(`t=${t},v1=${v1}`)).toMatchObject({ ok: false, reason: expect.stringMatching(/v1 .*sign with v2/) });
  });

  it("refuses a timestamp more than 300 s away, either way, accepts one just inside, and says until when to remember it", () => {
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(verify(sign(at(-301)))).toEqual({
      ok: false,
      reason: "The signature's timestamp is more than 300 seconds from the server's time",
    });
    expect(verify(sign(at(301))).ok).toBe(false);
    const inside = verify(sign(at(-299)));
    expect(inside).toMatchObject({ ok: true, expiresAt: new Date((t - 299 + 301) * 1000) });
  });

  it("refuses missing and malformed headers with a reason that never holds the expected signature", () => {
    const expected = sign().split("v2=")[1] ?? "";
    const headers = [undefined, "", "v2=abc", "t=abc,v2=00", "t=1,x", `t=${t}`, "garbage", `t=${t},h=a b,v2=00`];
    const reasons = headers.map((header) => verify(header));
    for (const check of reasons) {
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.reason).not.toContain(expected);
    }
    expect(reasons[0]).toEqual({ ok: false, reason: "The request has no x-conflux-signature header" });
    expect(reasons[2]).toMatchObject({ reason: expect.stringMatching(/malformed/) });
  });

  it("refuses a short or non-hex v2 without throwing, and accepts any matching v2 among several", () => {
    expect(verify(`t=${t},h=content-type;x-shop,v2=abcd`).ok).toBe(false);
    expect(verify(`t=${t},h=content-type;x-shop,v2=${"zz".repeat(32)}`).ok).toBe(false);
    const good = sign().split(",")[2];
    const other = signWebhook("old-secret", parts(), { now, signHeaders }).split(",")[2];
    expect(verify(`t=${t},h=content-type;x-shop,${other},${good}`).ok).toBe(true);
  });
});
