// A built-in simulator calling back the way its real system would (NewStore asking a webhook for availability,
// Oracle sending a business event). The address is whatever someone registered with the simulator, so the call
// goes through the outbound guard like any request Conflux makes: public addresses, the allow-lists, and on the
// app's own port only its webhook and simulator routes. Redirects are not followed.
import { SIMULATOR_ROUTES, WEBHOOK_ROUTES, withOutboundPolicy } from "../../security/outbound-guard";
import { exchange } from "./http-transport";

const MAX_ANSWER_BYTES = 1024 * 1024;

/** A fetch for simulators' callbacks: same call shape, guarded transport. */
export async function simulatorFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === "string" ? init.body : undefined;
  const raw = await withOutboundPolicy({ allow: [], ownRoutes: [SIMULATOR_ROUTES, WEBHOOK_ROUTES] }, () =>
    exchange({
      method: init.method ?? "GET",
      url,
      headers,
      body,
      signal: init.signal ?? AbortSignal.timeout(30_000),
      maxResponseBytes: MAX_ANSWER_BYTES,
    }),
  );
  const empty = raw.status === 204 || raw.status === 205 || raw.status === 304;
  return new Response(empty ? null : new Uint8Array(raw.bytes), { status: raw.status, headers: raw.headers });
}
