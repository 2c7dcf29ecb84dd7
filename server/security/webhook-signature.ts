// Webhook signatures, Stripe-style: `X-Conflux-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
// Signing the timestamp with the body stops an old request from being replayed later; the HMAC key is the secret
// text exactly as the designer shows it, so any language's HMAC function can produce the header.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "x-conflux-signature";
/** How far a signature's timestamp may be from the server's clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_DIGEST = /^[0-9a-f]{64}$/;

function hmacHex(secret: string, timestamp: number, body: Buffer | string): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** The X-Conflux-Signature value for a request body; for senders, tests and the designer's example. */
export function signWebhook(secret: string, body: Buffer | string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

function parseHeader(header: string): ParsedHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const separator = part.indexOf("=");
    if (separator <= 0) return undefined;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === "t") {
      if (!/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (name === "v1") {
      signatures.push(value.toLowerCase());
    }
    // Other schemes (a future v2) are ignored, so senders can send both while we migrate.
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/**
 * Checks a request's signature header against the secret. The reasons say what to fix without revealing anything
 * about the expected signature; several v1 entries are accepted so a sender can sign with two secrets while rotating.
 */
export function verifyWebhookSignature(args: {
  secret: string;
  header: string | null | undefined;
  body: Buffer | string;
  now?: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!args.header) return { ok: false, reason: `The request has no ${SIGNATURE_HEADER} header` };
  const parsed = parseHeader(args.header);
  if (!parsed) {
    return {
      ok: false,
      reason: `The ${SIGNATURE_HEADER} header is malformed; expected t=<unix seconds>,v1=<hex HMAC>`,
    };
  }
  const now = Math.floor((args.now ?? new Date()).getTime() / 1000);
  const tolerance = args.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(now - parsed.timestamp) > tolerance) {
    return { ok: false, reason: `The signature's timestamp is more than ${tolerance} seconds from the server's time` };
  }
  const expected = Buffer.from(hmacHex(args.secret, parsed.timestamp, args.body), "hex");
  // Every candidate is compared (no early exit), in constant time per candidate.
  let matched = false;
  for (const candidate of parsed.signatures) {
    if (!HEX_DIGEST.test(candidate)) continue;
    if (crypto.timingSafeEqual(expected, Buffer.from(candidate, "hex"))) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: "The signature does not match the request body and secret" };
}
