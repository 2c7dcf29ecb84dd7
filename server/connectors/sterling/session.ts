// Logging in to Sterling. IBM App Connect's connector supports only Sterling's STANDARD authentication, which is also
// Sterling's default `servlet.authstyle` and the one IBM recommends beyond development: POST the login ID and
// password to /invoke/login, get a UserToken back, and send `_loginid` and `_token` as query parameters on every API
// call (Sterling requires both). BASIC authentication would need every customer to reconfigure their servers, so we
// use what they already run.
//
// Tokens live 30 minutes by default (yfs.api.security.token.timeout), and every login is a server-side session, so
// one is kept per account and process and reused for a while rather than logging in for every step. Sterling behind
// a load balancer with sticky sessions only knows a token on the node that issued it, so the cookies the login sets
// travel with the token.
import { createHash } from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { httpRequest, statusLine } from "../sdk";
import type { SterlingRestAccount } from "./account";
import { sterlingResponseError } from "./sterling-errors";

export const LOGIN_TIMEOUT_MS = 30_000;
/** Well inside Sterling's default 30-minute token lifetime, so a reused token is rarely a stale one. */
const REUSE_FOR_MS = 20 * 60_000;
const MAX_CACHED_SESSIONS = 500;

export interface SterlingSession {
  loginId: string;
  token: string;
  /** `name=value; name2=value2` for the Cookie header, or "" when the login set none. */
  cookie: string;
}

const loginReply = z.looseObject({ UserToken: z.string().min(1), LoginID: z.string().optional() });

export async function login(account: SterlingRestAccount, signal: AbortSignal): Promise<SterlingSession> {
  const url = `${account.baseUrl}/invoke/login`;
  const host = new URL(url).host;
  const response = await httpRequest({
    method: "POST",
    url,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ LoginID: account.loginId, Password: account.password }),
    tls: account.tls,
    timeoutMs: LOGIN_TIMEOUT_MS,
    signal,
    maxResponseBytes: 1024 * 1024,
    // The body carries the password; a redirect must not carry it anywhere else.
    followRedirects: false,
  });
  if (response.status === 401 && /^\s*basic\b/i.test(response.headers["www-authenticate"] ?? "")) {
    // A servlet.authstyle=BASIC server challenges every call, the login included.
    throw new RemoteError(
      "REMOTE",
      `${host} uses BASIC authentication (servlet.authstyle=BASIC), not STANDARD: connect the account with ` +
        '"REST API (Basic)"',
      { status: 401, retryable: false },
    );
  }
  if (response.status === 401 || response.status === 403) {
    // Without the reply body: a server may echo what it refused.
    throw new RemoteError("REMOTE", `The Sterling server refused the login ID or password (${statusLine(response)})`, {
      status: response.status,
      retryable: false,
    });
  }
  const failure = sterlingResponseError(response, host);
  if (failure) {
    if (failure.status === 404) {
      throw new RemoteError(
        "REMOTE",
        `${host} has no Sterling REST API at ${new URL(url).pathname} (404): check the Endpoint URL, e.g. ` +
          "https://oms.example.com/smcfs/restapi",
        { status: 404, retryable: false },
      );
    }
    throw failure;
  }
  const parsed = loginReply.safeParse(response.body);
  if (!parsed.success) {
    throw new RemoteError(
      "REMOTE",
      `${host} answered the login without a UserToken: check that the Endpoint URL is the Sterling REST API ` +
        "(…/smcfs/restapi) and that it uses STANDARD authentication",
      { status: response.status, retryable: false },
    );
  }
  const cookie = cookieHeader(response.headers["set-cookie"]);
  return { loginId: account.loginId, token: parsed.data.UserToken, cookie };
}

/** Turns joined Set-Cookie values into a Cookie header; the split skips the comma inside an Expires date. */
export function cookieHeader(setCookie: string | undefined): string {
  if (!setCookie) return "";
  return setCookie
    .split(/,\s*(?=[^;,=\s]+=)/)
    .map((cookie) => cookie.split(";")[0]?.trim() ?? "")
    .filter((pair) => pair.includes("="))
    .join("; ");
}

interface CachedSession {
  session: SterlingSession;
  reusableUntil: number;
}

const sessions = new Map<string, CachedSession>();
const logins = new Map<string, Promise<SterlingSession>>();

/** The password and certificate are part of the key, so an edited account never reuses the old account's token. */
function cacheKey(account: SterlingRestAccount): string {
  const secret = createHash("sha256")
    .update(`${account.password}\n${account.tls?.cert ?? ""}\n${account.tls?.key ?? ""}`)
    .digest("hex");
  return `${account.baseUrl}\n${account.loginId}\n${secret}`;
}

export async function sessionFor(
  account: SterlingRestAccount,
  signal: AbortSignal,
): Promise<{ session: SterlingSession; reused: boolean }> {
  const key = cacheKey(account);
  const cached = sessions.get(key);
  if (cached && cached.reusableUntil > Date.now()) return { session: cached.session, reused: true };
  // Steps that start together on a cold account share one login: each login is a server-side session, and a burst
  // of them can trip Sterling's concurrent-session limits. A step that joins counts as reusing (its token is not new
  // to it), so a refusal still makes it log in again.
  const inFlight = logins.get(key);
  if (inFlight) return { session: await inFlight, reused: true };
  const attempt = login(account, signal);
  logins.set(key, attempt);
  let session: SterlingSession;
  try {
    session = await attempt;
  } finally {
    logins.delete(key);
  }
  sessions.delete(key);
  if (sessions.size >= MAX_CACHED_SESSIONS) {
    const oldest = sessions.keys().next().value;
    if (oldest !== undefined) sessions.delete(oldest);
  }
  sessions.set(key, { session, reusableUntil: Date.now() + REUSE_FOR_MS });
  return { session, reused: false };
}

/** Called when Sterling no longer accepts a reused token (restarted server, expired or revoked session). */
export function forgetSession(account: SterlingRestAccount): void {
  sessions.delete(cacheKey(account));
}
