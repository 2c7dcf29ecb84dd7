// Signs a test request the way a sender following the README does (scheme v2): every header given is signed, the
// event id is read from its header, and the query is the raw string after "?".
import { signWebhook } from "@/server/security/webhook-signature";

export function signedHeaders(
  secret: string,
  request: {
    body: string;
    headers?: Record<string, string>;
    query?: string;
    eventIdHeader?: string;
    signHeaders?: string[];
    now?: Date;
  },
): Record<string, string> {
  const headers = request.headers ?? {};
  const lower = new Headers(headers);
  const signature = signWebhook(
    secret,
    {
      body: request.body,
      headers: lower,
      query: (request.query ?? "").replace(/^\?/, ""),
      eventId: lower.get(request.eventIdHeader ?? "x-event-id")?.trim() || null,
    },
    { now: request.now, signHeaders: request.signHeaders ?? Object.keys(headers) },
  );
  return { ...headers, "x-conflux-signature": signature };
}
