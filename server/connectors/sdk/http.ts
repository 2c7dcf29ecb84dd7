// One HTTP call with the runtime's error rules: every failure becomes a RemoteError whose message a business user
// can act on ("Could not connect to erp.example.com:443: connection refused"), with `retryable` set the way the
// retry policy needs it (network, timeout, 5xx and 429 retry; other 4xx fail at once).
// The SSRF guard and per-account rate limits will wrap this function rather than replace it.
import { ConfluxError, RemoteError } from "@/lib/errors";

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal: AbortSignal;
  /** Responses larger than this fail instead of filling the worker's memory. */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Parsed JSON when the server says the body is JSON, otherwise text ("" for an empty body). */
  body: unknown;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const BODY_EXCERPT_CHARS = 500;

export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = parseUrl(request.url);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  try {
    const response = await fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      redirect: "follow",
    });
    const text = await readText(response, request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    return {
      status: response.status,
      statusText: response.statusText,
      headers: Object.fromEntries(response.headers.entries()),
      body: parseBody(text, response.headers.get("content-type")),
    };
  } catch (error) {
    if (error instanceof ConfluxError) throw error;
    if (request.signal.aborted) {
      throw new ConfluxError("CANCELLED", `The request to ${url.host} was cancelled`, { cause: error });
    }
    if (timeout.aborted) {
      throw new RemoteError("TIMEOUT", `${url.host} did not answer within ${formatMs(request.timeoutMs)}`, {
        retryable: true,
        cause: error,
      });
    }
    throw networkError(url, error);
  }
}

/** The error for a response outside 2xx, or undefined for a success. Details keep the reply for the run page. */
export function errorForResponse(response: HttpResponse, what: string): RemoteError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const excerpt = bodyExcerpt(response.body);
  const statusText = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const message = `${what} answered ${statusText}${excerpt ? `: ${excerpt}` : ""}`;
  const details = { response };
  if (response.status === 429) {
    return new RemoteError("RATE_LIMITED", message, { status: response.status, retryable: true, details });
  }
  const retryable = response.status >= 500 || response.status === 408;
  return new RemoteError("REMOTE", message, { status: response.status, retryable, details });
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // Reported below with the same message as an unsupported scheme.
  }
  throw new ConfluxError("INPUT_INVALID", `"${text}" is not an http:// or https:// URL`);
}

async function readText(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new RemoteError("REMOTE", `The response is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, {
        status: response.status,
        retryable: false,
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string, contentType: string | null): unknown {
  const isJson = contentType !== null && /[/+]json\b/i.test(contentType);
  if (!isJson || text.trim() === "") return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    // A server that labels broken JSON as JSON still gets its reply shown, as text.
    return text;
  }
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
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate chain is self-signed",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate could not be verified",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host name",
};

// Certificate problems will not fix themselves on a retry; everything else on the network might.
const permanentCodes = new Set(["CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);

function networkError(url: URL, error: unknown): RemoteError {
  const code = findCode(error);
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const reason = (code && networkReasons[code]) ?? describeCause(error);
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

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
