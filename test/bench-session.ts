// Benchmarks drive a fresh `npm start` through its API, which needs a sign-in since issue 13: the first call sets up
// an owner (409 when the server already has one) and signs in, and the session cookie goes with every later call.
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";

export const BENCH_OWNER = { name: "Bench Owner", email: "bench@conflux.test", password: "bench-password-1" };

async function postJson(url: string, origin: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(body),
  });
}

/** Sets up the benchmark's owner if the server has none, signs in, and returns the session's Cookie header. */
export async function signInForBench(baseUrl: string): Promise<string> {
  const setup = await postJson(`${baseUrl}/api/trpc/auth.setup`, baseUrl, { json: BENCH_OWNER });
  if (!setup.ok && setup.status !== 409) throw new Error(`Set-up failed: ${setup.status} ${await setup.text()}`);
  const signIn = await postJson(`${baseUrl}/api/auth/sign-in/email`, baseUrl, {
    email: BENCH_OWNER.email,
    password: BENCH_OWNER.password,
  });
  if (!signIn.ok) throw new Error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
  return signIn.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** A tRPC client that calls as the signed-in benchmark owner (batched when `batch`). */
export function benchApi(baseUrl: string, cookie: string, batch = false) {
  const options = { url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { cookie, origin: baseUrl } };
  return createTRPCClient<AppRouter>({ links: [batch ? httpBatchLink(options) : httpLink(options)] });
}

/** The session cookie as Playwright cookies for `baseUrl`, for a browser that opens the app's pages. */
export function browserCookies(baseUrl: string, cookie: string) {
  const { hostname } = new URL(baseUrl);
  return cookie.split("; ").map((pair) => {
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), domain: hostname, path: "/" };
  });
}
