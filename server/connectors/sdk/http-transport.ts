// One HTTP exchange, without following redirects (the client in http.ts decides what a redirect may carry along).
// Plain requests go through Node's fetch; requests with a client certificate through node:https, because Node's
// built-in fetch takes no TLS options without the separate undici package.
import https from "node:https";
import tls from "node:tls";
import { RemoteError } from "@/lib/errors";

export interface TlsClientOptions {
  /** PEM client certificate (chain) and its private key, both or neither: without them only `ca` applies. */
  cert?: string;
  key?: string;
  passphrase?: string;
  /** PEM certificate(s) to trust besides the public roots, e.g. a company CA or a self-signed server. */
  ca?: string;
}

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  /** Text, or bytes (an uploaded file). */
  body?: string | Uint8Array<ArrayBuffer>;
  signal: AbortSignal;
  maxResponseBytes: number;
  tls?: TlsClientOptions;
}

export interface RawResponse {
  status: number;
  statusText: string;
  /** Names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** The body as received, for callers that keep binary content (a PDF). */
  bytes: Buffer;
}

export async function exchange(request: Exchange): Promise<RawResponse> {
  if (request.tls && request.url.protocol === "https:") return httpsExchange(request, request.tls);
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    redirect: "manual",
  });
  const headers = Object.fromEntries(response.headers.entries());
  // Headers.entries() yields each Set-Cookie separately, so fromEntries would keep only the last one.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies.join(", ");
  const bytes = await readFetchBody(response, request.maxResponseBytes);
  return { status: response.status, statusText: response.statusText, headers, text: bytes.toString("utf8"), bytes };
}

function tooLarge(status: number, maxBytes: number): RemoteError {
  return new RemoteError("REMOTE", `The response is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, {
    status,
    retryable: false,
  });
}

/**
 * A body read chunk by chunk, or undefined once it passes `limit` bytes: the stream is abandoned there, so a peer
 * that lies about (or leaves out) Content-Length cannot make us buffer more.
 */
export async function readStreamWithin(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Buffer | undefined> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readFetchBody(response: Response, maxBytes: number): Promise<Buffer> {
  const body = await readStreamWithin(response.body, maxBytes);
  if (body === undefined) throw tooLarge(response.status, maxBytes);
  return body;
}

function httpsExchange(request: Exchange, options: TlsClientOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = https.request(
      request.url,
      {
        method: request.method,
        headers: request.headers,
        cert: options.cert,
        key: options.key,
        passphrase: options.passphrase,
        // Node's `ca` replaces the public roots; adding to them keeps publicly trusted servers working.
        ca: options.ca ? [...tls.rootCertificates, options.ca] : undefined,
        signal: request.signal,
        // A fresh connection per request: a pooled socket must never be shared across accounts' certificates.
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > request.maxResponseBytes) {
            incoming.destroy();
            reject(tooLarge(incoming.statusCode ?? 0, request.maxResponseBytes));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on("error", reject);
        incoming.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
          }
          const bytes = Buffer.concat(chunks);
          resolve({
            status: incoming.statusCode ?? 0,
            statusText: incoming.statusMessage ?? "",
            headers,
            text: bytes.toString("utf8"),
            bytes,
          });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
