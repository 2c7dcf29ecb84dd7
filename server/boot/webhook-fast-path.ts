// POST /api/hooks/<id> answered by the HTTP server itself, with the same handler the Next.js route calls
// (server/runtime/webhook-entry.ts): a retailer's peak is webhooks, and Next.js's request handling cost more CPU per
// webhook than the handler's own work. The request gate and the security headers apply before this, as to any request.
import type http from "node:http";

export type WebhookAnswer = (request: Request, webhookId: string) => Promise<Response>;

const HOOK_PATH = /^\/api\/hooks\/([^/?#]+)(?:\?.*)?$/;

/** The webhook id of a POST to a webhook address, or undefined for any other request. */
export function webhookIdOf(request: http.IncomingMessage): string | undefined {
  if (request.method !== "POST") return undefined;
  const match = HOOK_PATH.exec(request.url ?? "");
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

export async function serveWebhook(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  webhookId: string,
  answer: WebhookAnswer,
): Promise<void> {
  // A caller that goes away while it waits for a Respond step stops the wait, as Next.js's request signal does.
  const gone = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) gone.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  // Node's fetch needs `duplex` for a streamed body; the DOM typings do not know it.
  const init: RequestInit & { duplex: "half" } = {
    method: "POST",
    headers,
    body: bodyOf(request, response),
    duplex: "half",
    signal: gone.signal,
  };
  const webRequest = new Request(`http://${request.headers.host ?? "localhost"}${request.url ?? "/"}`, init);
  const answered = await answer(webRequest, webhookId);
  const body = Buffer.from(await answered.arrayBuffer());
  const out: Record<string, string> = {};
  answered.headers.forEach((value, name) => {
    out[name] = value;
  });
  // A body left unread (refused by its declared size, or too large) is not read to the end for the next request on
  // this connection: the connection closes after the answer.
  if (!request.complete) response.shouldKeepAlive = false;
  response.writeHead(answered.status, out);
  response.end(body);
  request.resume();
}

/** The request body as a web stream that reads on demand, so the handler's size limit stops a large body early. */
function bodyOf(request: http.IncomingMessage, response: http.ServerResponse): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<unknown> = request[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else if (next.value instanceof Uint8Array) controller.enqueue(new Uint8Array(next.value));
    },
    cancel() {
      response.shouldKeepAlive = false;
    },
  });
}
