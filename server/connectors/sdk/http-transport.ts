// One HTTP exchange, without following redirects (the client in http.ts decides what a redirect may carry along).
// Every exchange goes through node:http or node:https with the outbound guard's lookup (server/security), so the
// address actually connected to is the one checked. Plain requests share keep-alive agents, one per allow-list so
// that a socket opened under one workspace's list is never reused under another's; requests with TLS options or to
// the app's own simulators open a connection of their own.
import http from "node:http";
import https from "node:https";
import tls from "node:tls";
import { RemoteError } from "@/lib/errors";
import {
  checkLiteral,
  currentOutboundPolicy,
  guardedLookup,
  guardTarget,
  ownSimulatorEntries,
  type OutboundPolicy,
} from "../../security/outbound-guard";

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
  const policy = currentOutboundPolicy();
  const target = guardTarget(request.url, policy);
  checkLiteral(target);
  const ownRoute = ownSimulatorEntries(request.url, undefined, policy.ownRoutes).length > 0;
  const pooled = !request.tls && !policy.resolve && !ownRoute;
  return nodeExchange(request, {
    lookup: guardedLookup(target, policy),
    agent: pooled ? pooledAgent(request.url.protocol, policy) : false,
  });
}

const MAX_AGENTS = 64;
const agents = new Map<string, http.Agent>();

function pooledAgent(protocol: string, policy: OutboundPolicy): http.Agent {
  const key = `${protocol}${policy.allow.map((entry) => entry.text).join(",")}`;
  let agent = agents.get(key);
  if (!agent) {
    if (agents.size >= MAX_AGENTS) {
      for (const old of agents.values()) old.destroy();
      agents.clear();
    }
    const options = { keepAlive: true, maxSockets: 64, timeout: 60_000 };
    agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
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

function nodeExchange(
  request: Exchange,
  connection: { lookup: ReturnType<typeof guardedLookup>; agent: http.Agent | false },
): Promise<RawResponse> {
  const options = request.url.protocol === "https:" ? request.tls : undefined;
  const body =
    request.body === undefined
      ? undefined
      : typeof request.body === "string"
        ? Buffer.from(request.body, "utf8")
        : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  const headers = { ...request.headers };
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === "content-length")) {
    headers["content-length"] = String(body.byteLength);
  }
  const requestOptions: https.RequestOptions = {
    method: request.method,
    headers,
    cert: options?.cert,
    key: options?.key,
    passphrase: options?.passphrase,
    // Node's `ca` replaces the public roots; adding to them keeps publicly trusted servers working.
    ca: options?.ca ? [...tls.rootCertificates, options.ca] : undefined,
    signal: request.signal,
    lookup: connection.lookup,
    // With TLS options, a fresh connection per request: a pooled socket is never shared across certificates.
    agent: connection.agent,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (incoming: http.IncomingMessage) => {
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
        const bytes = Buffer.concat(chunks);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        resolve({
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? "",
          headers,
          text: bytes.toString("utf8"),
          bytes,
        });
      });
    };
    const outgoing =
      request.url.protocol === "https:"
        ? https.request(request.url, requestOptions, onResponse)
        : http.request(request.url, requestOptions, onResponse);
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
