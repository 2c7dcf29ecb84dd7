import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact";

const canary = "canary-S3cr3t/+=&? é";
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("redaction", () => {
  it("removes a secret raw, JSON-escaped, URL-encoded and base64-encoded at any alignment", () => {
    const redact = createRedactor([canary]);
    for (const leak of [
      canary,
      JSON.stringify({ a: canary }),
      encodeURIComponent(canary),
      `q=${encodeURIComponent(canary).replace(/%20/g, "+")}`,
      b64(canary),
      `Basic ${b64(`ops:${canary}`)}`,
      `Basic ${b64(`op:${canary}`)}`,
      `Basic ${b64(`o:${canary}:tail`)}`,
      Buffer.from(canary).toString("base64url"),
    ]) {
      const redacted = redact.text(`before ${leak} after`);
      expect(redacted).toContain(REDACTED);
      for (const form of [canary, encodeURIComponent(canary), b64(canary), b64(canary).replace(/=+$/, "")]) {
        expect(redacted).not.toContain(form);
      }
    }
  });

  it("walks JSON values, keys included, and leaves everything else alone", () => {
    const redact = createRedactor(["tok-123456", "ab"]);
    const when = new Date(0);
    expect(
      redact.value({ headers: { authorization: "Bearer tok-123456", "tok-123456": 1 }, list: ["ab", 3, null], when }),
    ).toEqual({
      headers: { authorization: `Bearer ${REDACTED}`, [REDACTED]: 1 },
      list: ["ab", 3, null],
      when,
    });
    expect(createRedactor([]).text("nothing to hide")).toBe("nothing to hide");
  });

  it("removes each line of a multi-line secret such as a PEM key", () => {
    const pem =
      "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\nAwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";
    const redacted = createRedactor([pem]).text("leaked line: MIGHAgEAMBMGByqGSM49AgEGCCqGSM49 end");
    expect(redacted).toBe(`leaked line: ${REDACTED} end`);
  });
});
