// PEM certificates and keys as users paste them: real PEM with line breaks, or the single-line form with literal
// `\n` escapes that IBM App Connect's Sterling document tells users to produce. Both are checked as real PEM by
// node:crypto (X509Certificate, createPrivateKey), so a malformed paste is refused on save with a clear message.
import crypto from "node:crypto";
import { ValidationError } from "@/lib/errors";

/** Turns the `\n`-escaped single-line form (and Windows line endings) into ordinary PEM text. */
export function normalizePem(text: string): string {
  const unescaped = text.includes("\\n") ? text.replace(/\\r\\n|\\n/g, "\n") : text;
  return `${unescaped.replace(/\r\n/g, "\n").trim()}\n`;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
}

export function parseCertificate(text: string, fieldLabel = "Certificate"): { pem: string; info: CertificateInfo } {
  const pem = normalizePem(text);
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    throw new ValidationError(`${fieldLabel} is not a PEM certificate: it must start with -----BEGIN CERTIFICATE-----`);
  }
  try {
    const certificate = new crypto.X509Certificate(pem);
    return {
      pem,
      info: {
        subject: certificate.subject.replace(/\n/g, ", "),
        issuer: certificate.issuer.replace(/\n/g, ", "),
        validFrom: new Date(certificate.validFrom),
        validTo: new Date(certificate.validTo),
      },
    };
  } catch (error) {
    throw new ValidationError(`${fieldLabel} is not a readable PEM certificate (${reason(error)})`);
  }
}

export function parsePrivateKey(text: string, fieldLabel = "Key", passphrase?: string): { pem: string } {
  const pem = normalizePem(text);
  if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    throw new ValidationError(`${fieldLabel} is not a PEM private key: it must start with -----BEGIN PRIVATE KEY-----`);
  }
  try {
    crypto.createPrivateKey({ key: pem, format: "pem", ...(passphrase ? { passphrase } : {}) });
    return { pem };
  } catch (error) {
    throw new ValidationError(`${fieldLabel} is not a readable PEM private key (${reason(error)})`);
  }
}

/** Whole days until a certificate expires; negative once it has. */
export function daysUntil(date: Date, now: Date = new Date()): number {
  return Math.floor((date.getTime() - now.getTime()) / 86_400_000);
}

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^error:[0-9A-F]+:/i, "").slice(0, 160);
}
