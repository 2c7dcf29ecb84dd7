// Webhook signatures, scheme v2: `X-Conflux-Signature: t=<unix seconds>,h=<header;header>,v2=<hex HMAC-SHA256>`.
// The HMAC (keyed with the secret text exactly as the designer shows it) is of the canonical string
//
//   v2\n<t>\n<event id, or empty>\n<raw query string without "?", or empty>\n<h>\n<name:value\n per signed header><body>
//
// so the timestamp, the event id, the query and every header the flow is given are all covered: a replay cannot add
// or change data the flow reads. The flow sees only the headers named in `h` (webhook.ts). v1 (timestamp and body
// only) is refused with a reason that says to sign with v2: it let a replay add a query string or headers.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "x-conflux-signature";
export const SIGNATURE_SCHEME = "v2";
/** How far a signature's timestamp may be from the server's clock, either way; a signature is remembered as long. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const HEX_DIGEST = /^[0-9a-f]{64}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const MAX_SIGNED_HEADERS = 50;

export interface SignedParts {
  /** The event id header's value, or null when the request has none. */
  eventId: string | null;
  /** The raw query string, without the leading "?" ("" when there is none). */
  query: string;
  headers: Headers;
  body: Buffer | string;
}

export function canonicalString(timestamp: number, names: string[], parts: SignedParts): Buffer {
  const headerLines = names.map((name) => `${name}:${parts.headers.get(name)?.trim() ?? ""}\n`).join("");
  const head = `${SIGNATURE_SCHEME}\n${timestamp}\n${parts.eventId ?? ""}\n${parts.query}\n${names.join(";")}\n`;
  return Buffer.concat([Buffer.from(head + headerLines, "utf8"), Buffer.from(parts.body)]);
}

function hmacHex(secret: string, timestamp: number, names: string[], parts: SignedParts): string {
  return crypto
    .createHmac("sha256", secret)
    .update(canonicalString(timestamp, names, parts))
    .digest("hex");
}

/** The X-Conflux-Signature value; for senders, tests and the designer's example. `headers` names what to sign. */
export function signWebhook(
  secret: string,
  parts: Partial<SignedParts> & { body: Buffer | string },
  options: { now?: Date; signHeaders?: string[] } = {},
): string {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const names = (options.signHeaders ?? []).map((name) => name.toLowerCase());
  const full: SignedParts = { eventId: null, query: "", headers: new Headers(), ...parts };
  return `t=${timestamp},h=${names.join(";")},v2=${hmacHex(secret, timestamp, names, full)}`;
}

export type SignatureCheck =
  { ok: true; signature: string; signedHeaders: string[]; expiresAt: Date } | { ok: false; reason: string };

interface ParsedHeader {
  timestamp: number;
  names: string[];
  signatures: string[];
  hasV1: boolean;
}

function parseHeader(header: string): ParsedHeader | undefined {
  let timestamp: number | undefined;
  let names: string[] = [];
  const signatures: string[] = [];
  let hasV1 = false;
  for (const part of header.split(",")) {
    const separator = part.indexOf("=");
    if (separator <= 0) return undefined;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === "t") {
      if (!/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (name === "h") {
      names = value === "" ? [] : value.toLowerCase().split(";");
      if (names.length > MAX_SIGNED_HEADERS || names.some((entry) => !HEADER_NAME.test(entry))) return undefined;
    } else if (name === SIGNATURE_SCHEME) {
      signatures.push(value.toLowerCase());
    } else if (name === "v1") {
      hasV1 = true;
    }
  }
  return timestamp === undefined ? undefined : { timestamp, names, signatures, hasV1 };
}

const MALFORMED = `The ${SIGNATURE_HEADER} header is malformed; expected t=<unix seconds>,h=<signed headers>,v2=<hex HMAC>`;

/**
 * Checks a request's signature header against the secret. The reasons say what to fix without revealing anything
 * about the expected signature; several v2 entries are accepted so a sender can sign with two secrets while rotating.
 * A match returns the matching signature, to be remembered until `expiresAt` so that a replay is refused.
 */
export function verifyWebhookSignature(args: {
  secret: string;
  header: string | null | undefined;
  parts: SignedParts;
  now?: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!args.header) return { ok: false, reason: `The request has no ${SIGNATURE_HEADER} header` };
  const parsed = parseHeader(args.header);
  if (!parsed) return { ok: false, reason: MALFORMED };
  if (parsed.signatures.length === 0) {
    if (!parsed.hasV1) return { ok: false, reason: MALFORMED };
    return {
      ok: false,
      reason:
        "v1 signatures are no longer accepted (they did not cover the query, headers or event id): sign with v2, " +
        "as the trigger's panel shows",
    };
  }
  const nowSeconds = Math.floor((args.now ?? new Date()).getTime() / 1000);
  const tolerance = args.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - parsed.timestamp) > tolerance) {
    return { ok: false, reason: `The signature's timestamp is more than ${tolerance} seconds from the server's time` };
  }
  const expected = Buffer.from(hmacHex(args.secret, parsed.timestamp, parsed.names, args.parts), "hex");
  // Every candidate is compared (no early exit), in constant time per candidate.
  let matched: string | undefined;
  for (const candidate of parsed.signatures) {
    if (!HEX_DIGEST.test(candidate)) continue;
    if (crypto.timingSafeEqual(expected, Buffer.from(candidate, "hex"))) matched = candidate;
  }
  if (!matched) {
    return {
      ok: false,
      reason:
        "The signature does not match the request (timestamp, event id, query, signed headers and body) and secret",
    };
  }
  // Remembered until the timestamp leaves the window: after that the signature is refused as too old anyway.
  return {
    ok: true,
    signature: matched,
    signedHeaders: parsed.names,
    expiresAt: new Date((parsed.timestamp + tolerance + 1) * 1000),
  };
}
