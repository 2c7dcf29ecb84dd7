import { generate } from "selfsigned";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { daysUntil, normalizePem, parseCertificate, parsePrivateKey } from "./pem";

const notAfter = new Date(Date.now() + 30 * 86_400_000 + 3_600_000);
const pems = await generate([{ name: "commonName", value: "oms-client.example.com" }], {
  keyType: "ec",
  curve: "P-256",
  notAfterDate: notAfter,
});

describe("PEM certificates and keys", () => {
  it("accepts real PEM with line breaks and reads the expiry date", () => {
    const { info } = parseCertificate(pems.cert);
    expect(info.subject).toContain("CN=oms-client.example.com");
    expect(daysUntil(info.validTo)).toBe(30);
    expect(parsePrivateKey(pems.private).pem).toContain("PRIVATE KEY");
  });

  it("accepts the single-line \\n-escaped form App Connect tells users to produce", () => {
    const singleLine = pems.cert.replace(/\r?\n/g, "\\n");
    expect(singleLine).not.toContain("\n");
    const { pem, info } = parseCertificate(singleLine);
    expect(pem).toBe(normalizePem(pems.cert));
    expect(info.validTo.getTime()).toBe(parseCertificate(pems.cert).info.validTo.getTime());
    expect(() => parsePrivateKey(pems.private.replace(/\r?\n/g, "\\n"))).not.toThrow();
  });

  it("refuses malformed PEM with a message naming the field", () => {
    expect(() => parseCertificate("hello", "Client certificate")).toThrow(
      /Client certificate is not a PEM certificate/,
    );
    const corrupted = pems.cert.replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!");
    expect(() => parseCertificate(corrupted)).toThrow(ValidationError);
    expect(() => parseCertificate(corrupted)).toThrow(/not a readable PEM certificate/);
    expect(() => parsePrivateKey(pems.cert, "Key")).toThrow(/Key is not a PEM private key/);
  });
});
