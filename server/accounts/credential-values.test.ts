import crypto from "node:crypto";
import { generate } from "selfsigned";
import { describe, expect, it } from "vitest";
import type { ConnectionMode, ConnectorAuth } from "@/lib/account-fields";
import { ValidationError } from "@/lib/errors";
import { checkCredentials, findMode, readableValues } from "./credential-values";

const basic: ConnectionMode = {
  key: "basic",
  label: "Basic",
  fields: [
    { key: "baseUrl", label: "Base URL", type: "url", required: true },
    { key: "username", label: "User name", type: "text", required: true },
    { key: "password", label: "Password", type: "secret", required: true },
    {
      key: "cipher",
      label: "Cipher specification",
      type: "select",
      required: false,
      default: "ECDHE_RSA_AES_128_GCM_SHA256",
      options: [
        { value: "ECDHE_RSA_AES_128_GCM_SHA256", label: "ECDHE_RSA_AES_128_GCM_SHA256" },
        { value: "TLS_AES_256_GCM_SHA384", label: "TLS_AES_256_GCM_SHA384" },
      ],
    },
  ],
};
const certificate: ConnectionMode = {
  key: "clientCertificate",
  label: "Client certificate",
  fields: [
    { key: "certificate", label: "Client certificate", type: "certificate", required: true },
    { key: "passphrase", label: "Key passphrase", type: "secret", required: false },
    { key: "privateKey", label: "Private key", type: "privateKey", required: true },
  ],
};
const auth: ConnectorAuth = { modes: [basic, certificate], accountRequired: true };

const notAfter = new Date(Date.now() + 10 * 86_400_000);
const pems = await generate([{ name: "commonName", value: "client" }], { keyType: "ec", notAfterDate: notAfter });
const encryptedKey = crypto
  .createPrivateKey(pems.private)
  .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: "open sesame" })
  .toString();

function failure(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("account credential values", () => {
  it("finds the mode, defaulting to the first", () => {
    expect(findMode(auth, undefined).key).toBe("basic");
    expect(findMode(auth, "clientCertificate").key).toBe("clientCertificate");
    expect(() => findMode(auth, "mq")).toThrow(/Unknown connection mode "mq"/);
  });

  it("applies defaults and drops fields the mode does not declare", () => {
    const { values } = checkCredentials(basic, {
      baseUrl: " https://oms.example.com/api ",
      username: "ops",
      password: "pw",
      stray: "x",
    });
    expect(values).toEqual({
      baseUrl: "https://oms.example.com/api",
      username: "ops",
      password: "pw",
      cipher: "ECDHE_RSA_AES_128_GCM_SHA256",
    });
  });

  it("names the field of each problem", () => {
    const missing = failure(() => checkCredentials(basic, { baseUrl: "https://x.example", username: "ops" }));
    expect(missing.message).toBe("Password is required");
    expect(missing.details).toEqual({ field: "password" });
    const url = failure(() => checkCredentials(basic, { baseUrl: "ftp://x", username: "u", password: "p" }));
    expect(url.message).toBe("Base URL must be an http:// or https:// URL");
    const select = failure(() =>
      checkCredentials(basic, { baseUrl: "https://x.example", username: "u", password: "p", cipher: "RC4" }),
    );
    expect(select.message).toMatch(/^Cipher specification must be one of ECDHE_RSA_AES_128_GCM_SHA256, /);
    const pem = failure(() => checkCredentials(certificate, { certificate: "hello", privateKey: pems.private }));
    expect(pem.message).toMatch(/^Client certificate is not a PEM certificate/);
    expect(pem.details).toEqual({ field: "certificate" });
  });

  it("keeps a saved secret when the edit leaves it blank, and never shows secrets again", () => {
    const previous = { baseUrl: "https://a.example", username: "ops", password: "saved" };
    const { values } = checkCredentials(
      basic,
      { baseUrl: "https://b.example", username: "ops", password: "  " },
      previous,
    );
    expect(values.password).toBe("saved");
    expect(values.baseUrl).toBe("https://b.example");
    expect(readableValues(basic, values)).toEqual({
      baseUrl: "https://b.example",
      username: "ops",
      cipher: "ECDHE_RSA_AES_128_GCM_SHA256",
    });
  });

  it("reads the certificate expiry and checks an encrypted key with the saved passphrase", () => {
    const singleLine = pems.cert.replace(/\n/g, "\\n");
    const first = checkCredentials(certificate, {
      certificate: singleLine,
      passphrase: "open sesame",
      privateKey: encryptedKey,
    });
    expect(first.values.certificate).toContain("-----BEGIN CERTIFICATE-----\n");
    expect(Math.abs((first.certificateExpiresAt?.getTime() ?? 0) - notAfter.getTime())).toBeLessThan(2_000);
    const edited = checkCredentials(certificate, { certificate: pems.cert, privateKey: "" }, first.values);
    expect(edited.values.privateKey).toBe(first.values.privateKey);
    expect(() => checkCredentials(certificate, { certificate: pems.cert, privateKey: encryptedKey })).toThrow(
      /Private key is not a readable PEM private key/,
    );
  });
});
