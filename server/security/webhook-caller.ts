// Checks how a connector webhook trigger's caller proves who it is (sdk/webhook.ts WebhookAuthentication), always
// against the flow's webhook secret. Every comparison is of fixed-length digests with timingSafeEqual, so neither
// the length nor a common prefix of a guess shows in the time taken; the reasons say what is missing, never what
// was expected.
import crypto from "node:crypto";
import type { WebhookAuthentication } from "../connectors/sdk/webhook";

export type CallerCheck = { ok: true } | { ok: false; reason: string; challenge?: string };

function digest(value: string | Buffer): Buffer {
  return crypto.createHash("sha256").update(value).digest();
}

/** Constant-time equality of two strings (or buffers) of any length. */
export function sameSecret(given: string | Buffer, expected: string | Buffer): boolean {
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

function withoutPrefix(value: string, prefix: string | undefined): string | undefined {
  if (!prefix) return value;
  return value.toLowerCase().startsWith(prefix.toLowerCase()) ? value.slice(prefix.length) : undefined;
}

export function checkWebhookCaller(args: {
  authentication: WebhookAuthentication;
  secret: string;
  headers: Headers;
  body: Buffer;
}): CallerCheck {
  const { authentication: auth, secret, headers } = args;
  if (auth.scheme === "key") {
    const value = headers.get(auth.header)?.trim();
    if (!value) return { ok: false, reason: `The request has no ${auth.header} header` };
    const key = withoutPrefix(value, auth.prefix);
    // Compared even when the prefix is wrong, so a wrong prefix takes as long as a wrong key.
    const matches = sameSecret(key ?? value, secret);
    return matches && key !== undefined ? { ok: true } : { ok: false, reason: `The ${auth.header} key is wrong` };
  }
  if (auth.scheme === "basic") {
    const challenge = 'Basic realm="conflux", charset="UTF-8"';
    const value = headers.get("authorization")?.trim() ?? "";
    const encoded = withoutPrefix(value, "Basic ");
    if (!encoded) return { ok: false, reason: "The request has no Basic credentials", challenge };
    const decoded = Buffer.from(encoded.trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const username = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    // Both halves are always compared: `&&` would return early on a wrong user name.
    const userMatches = sameSecret(username, auth.username);
    const passwordMatches = sameSecret(password, secret);
    return userMatches && passwordMatches
      ? { ok: true }
      : { ok: false, reason: "The Basic user name or password is wrong", challenge };
  }
  const value = headers.get(auth.header)?.trim();
  if (!value) return { ok: false, reason: `The request has no ${auth.header} header` };
  const signature = withoutPrefix(value, auth.prefix);
  const expected = crypto.createHmac(auth.algorithm, secret).update(args.body).digest(auth.encoding);
  // Hex is case-insensitive; base64 is not.
  const given = auth.encoding === "hex" ? (signature ?? value).toLowerCase() : (signature ?? value);
  const matches = sameSecret(given, expected);
  return matches && signature !== undefined
    ? { ok: true }
    : { ok: false, reason: `The ${auth.header} signature does not match the body` };
}
