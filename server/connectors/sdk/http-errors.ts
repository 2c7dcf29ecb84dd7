// How HTTP failures read to a business user: "Could not connect to erp.example.com:443: connection refused", with
// `retryable` set the way the retry policy needs it (network, timeout, 5xx and 429 retry; other 4xx fail at once).
import { RemoteError } from "@/lib/errors";
import type { HttpResponse } from "./http";

const BODY_EXCERPT_CHARS = 500;

// Session material a server hands out or asks for: kept out of run history, which anyone with the run page reads.
const sessionHeaders = new Set(["set-cookie", "cookie", "authorization", "www-authenticate", "proxy-authenticate"]);

/** The reply as error details keep it for the run page: everything but the session headers. */
export function responseForDetails(response: HttpResponse): HttpResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !sessionHeaders.has(name)));
  return { ...response, headers };
}

/** The error for a response outside 2xx, or undefined for a success. Details keep the reply for the run page. */
export function errorForResponse(response: HttpResponse, what: string): RemoteError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const excerpt = bodyExcerpt(response.body);
  const message = `${what} answered ${statusLine(response)}${excerpt ? `: ${excerpt}` : ""}`;
  // The runtime's retry waits at least this long before the next attempt (see server/runtime/retry.ts).
  const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
  const kept = responseForDetails(response);
  const details = retryAfterMs === undefined ? { response: kept } : { response: kept, retryAfterMs };
  if (response.status === 429) {
    return new RemoteError("RATE_LIMITED", message, { status: response.status, retryable: true, details });
  }
  const retryable = response.status >= 500 || response.status === 408;
  return new RemoteError("REMOTE", message, { status: response.status, retryable, details });
}

/**
 * The wait a Retry-After header asks for, in ms: either delta seconds ("120") or an HTTP-date, measured from `now`
 * (a date in the past means "now": 0). Undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with a day name; requiring it keeps V8's lenient Date.parse from reading "1.5".
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** "401 Unauthorized", or just "401" when the server sent no reason phrase. */
export function statusLine(response: Pick<HttpResponse, "status" | "statusText">): string {
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

function bodyExcerpt(body: unknown): string {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > BODY_EXCERPT_CHARS ? `${flat.slice(0, BODY_EXCERPT_CHARS)}…` : flat;
}

const networkReasons: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "the connection was reset",
  ENOTFOUND: "no such host (DNS lookup failed)",
  EAI_AGAIN: "DNS lookup timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "the connection was closed unexpectedly",
  EPIPE: "the connection was closed unexpectedly",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed (add it to the account as CA certificate)",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed (add its CA certificate to the account)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate could not be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "the server requires a client certificate",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "the server did not accept the client certificate",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "the server did not accept the client certificate (unknown issuer)",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: "the server did not accept the client certificate",
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: "the server did not accept the client certificate (access denied)",
  ERR_OSSL_BAD_DECRYPT: "the private key could not be decrypted (wrong passphrase?)",
  ERR_OSSL_EVP_BAD_DECRYPT: "the private key could not be decrypted (wrong passphrase?)",
  ERR_SSL_KEY_VALUES_MISMATCH: "the private key does not belong to the client certificate",
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: "the private key does not belong to the client certificate",
};

// Certificate problems will not fix themselves on a retry; everything else on the network might.
const permanentCodes = new Set([
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED",
  "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE",
  "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
  "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN",
  "ERR_SSL_TLSV1_ALERT_ACCESS_DENIED",
  "ERR_OSSL_BAD_DECRYPT",
  "ERR_OSSL_EVP_BAD_DECRYPT",
  "ERR_SSL_KEY_VALUES_MISMATCH",
  "ERR_OSSL_X509_KEY_VALUES_MISMATCH",
]);

/** `clientCertificate`: TLS 1.3 servers refuse a certificate after the handshake, which reaches us as a reset. */
export function networkError(url: URL, error: unknown, options: { clientCertificate?: boolean } = {}): RemoteError {
  const code = findCode(error);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  let reason = (code && networkReasons[code]) ?? describeCause(error);
  if (options.clientCertificate && (code === "ECONNRESET" || code === "EPIPE")) {
    reason += " (the server may have refused the client certificate)";
  }
  return new RemoteError("NETWORK", `Could not connect to ${url.hostname}:${port}: ${reason}`, {
    retryable: !(code && permanentCodes.has(code)),
    details: code ? { errorCode: code } : undefined,
    cause: error,
  });
}

/** Node's fetch wraps the socket error in `cause` (sometimes twice, and as an AggregateError for IPv4+IPv6). */
function findCode(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== "object" || error === null) return undefined;
  if ("code" in error && typeof error.code === "string" && error.code !== "ERR_INVALID_STATE") return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = findCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return "cause" in error ? findCode(error.cause, depth + 1) : undefined;
}

function describeCause(error: unknown): string {
  let current: unknown = error;
  let message = "unknown network error";
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current.message && current.message !== "fetch failed") message = current.message;
    current = current.cause;
  }
  return message;
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
