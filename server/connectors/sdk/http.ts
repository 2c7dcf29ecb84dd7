// One HTTP call with the runtime's error rules: every failure becomes a RemoteError whose message a business user
// can act on (see http-errors.ts). Redirects are followed here rather than by fetch so that credentials (headers
// and client certificate) only ever go to the origin they were configured for.
// Every connection is made through the outbound guard (server/security/outbound-guard.ts, in http-transport.ts), so
// each redirect's target is checked like the first URL.
import { ConfluxError, RemoteError } from "@/lib/errors";
import { formatMs, networkError } from "./http-errors";
import { exchange, type TlsClientOptions } from "./http-transport";

export { errorForResponse, responseForDetails, statusLine } from "./http-errors";
export type { TlsClientOptions } from "./http-transport";

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** Headers carrying credentials: sent only to the origin of `url`, never after a redirect to another one. */
  credentialHeaders?: Record<string, string>;
  /** A client certificate, presented only to the origin of `url`. */
  tls?: TlsClientOptions;
  /** Text, or bytes (an uploaded file). */
  body?: string | Uint8Array<ArrayBuffer>;
  timeoutMs: number;
  signal: AbortSignal;
  /** Responses larger than this fail instead of filling the worker's memory. */
  maxResponseBytes?: number;
  /**
   * False returns a redirect as the response instead of following it: for requests whose body carries credentials
   * (a login), which a 307/308 would otherwise re-send to wherever the Location points. Default true.
   */
  followRedirects?: boolean;
  /** True keeps the body's bytes in `bytes` as well, for binary downloads (a PDF). */
  keepBytes?: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Parsed JSON when the server says the body is JSON, otherwise text ("" for an empty body). */
  body: unknown;
  /** The raw body, when the request asked for it with keepBytes. */
  bytes?: Buffer;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const origin = parseUrl(request.url);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  let url = origin;
  try {
    let method = request.method;
    let body = request.body;
    let headers = { ...request.headers };
    for (let redirects = 0; ; redirects += 1) {
      const home = url.origin === origin.origin;
      const raw = await exchange({
        method,
        url,
        headers: home ? { ...headers, ...request.credentialHeaders } : withoutHeader(headers, "authorization"),
        body,
        signal,
        tls: home ? request.tls : undefined,
        maxResponseBytes: request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      });
      const location = raw.headers.location;
      if (!redirectStatuses.has(raw.status) || !location || request.followRedirects === false) {
        const parsed = parseBody(raw.text, raw.headers["content-type"]);
        const bytes = request.keepBytes ? { bytes: raw.bytes } : {};
        return { status: raw.status, statusText: raw.statusText, headers: raw.headers, body: parsed, ...bytes };
      }
      if (redirects === MAX_REDIRECTS) {
        const message = `${origin.host} redirected more than ${MAX_REDIRECTS} times`;
        throw new RemoteError("REMOTE", message, { retryable: false });
      }
      url = parseUrl(new URL(location, url).toString());
      // As browsers do: 303, and 301/302 after a POST, continue as a GET without the body.
      if (raw.status === 303 || ((raw.status === 301 || raw.status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        body = undefined;
        headers = withoutHeader(headers, "content-type");
      }
    }
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
    const clientCertificate = request.tls?.cert !== undefined && url.origin === origin.origin;
    throw networkError(url, error, { clientCertificate });
  }
}

function withoutHeader(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
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

function parseBody(text: string, contentType: string | undefined): unknown {
  const isJson = contentType !== undefined && /[/+]json\b/i.test(contentType);
  if (!isJson || text.trim() === "") return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch {
    // A server that labels broken JSON as JSON still gets its reply shown, as text.
    return text;
  }
}
