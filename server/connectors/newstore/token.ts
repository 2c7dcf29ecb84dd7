// Access tokens of NewStore API clients, shared by every step and flow in this process and renewed before they
// expire (a minute early, or at half their life when that is shorter), so a run never waits on a login it did not
// need. The cache key covers everything the token depends on: a changed secret gets a new token at once.
import crypto from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { httpRequest, responseForDetails } from "../sdk";
import type { NewStoreAccount } from "./auth";

const tokenReply = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

const DEFAULT_LIFETIME_SECONDS = 300;
const RENEW_EARLY_MS = 60_000;
const TOKEN_TIMEOUT_MS = 15_000;

interface CachedToken {
  token: string;
  renewAt: number;
}
const tokens = new Map<string, Promise<CachedToken>>();

function cacheKey(account: NewStoreAccount): string {
  const secret = crypto.createHash("sha256").update(account.clientSecret).digest("base64url");
  return `${account.tokenUrl}|${account.clientId}|${secret}`;
}

async function requestToken(account: NewStoreAccount, signal: AbortSignal): Promise<CachedToken> {
  const host = new URL(account.tokenUrl).host;
  const response = await httpRequest({
    method: "POST",
    url: account.tokenUrl,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: account.clientId,
      client_secret: account.clientSecret,
    }).toString(),
    timeoutMs: TOKEN_TIMEOUT_MS,
    signal,
    // The body carries the secret: never re-send it to wherever a redirect points.
    followRedirects: false,
  });
  if (response.status === 400 || response.status === 401) {
    throw new RemoteError(
      "REMOTE",
      `NewStore's identity service (${host}) refused the API client "${account.clientId}": check the client ID and secret, and that the client is active`,
      { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
    );
  }
  const parsed = tokenReply.safeParse(response.body);
  if (response.status !== 200 || !parsed.success) {
    throw new RemoteError(
      "REMOTE",
      `NewStore's identity service (${host}) did not give a token (HTTP ${response.status}): check the token URL`,
      {
        status: response.status,
        retryable: response.status >= 500,
        details: { response: responseForDetails(response) },
      },
    );
  }
  const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000;
  return {
    token: parsed.data.access_token,
    renewAt: Date.now() + Math.max(0, Math.min(lifetimeMs - RENEW_EARLY_MS, lifetimeMs / 2)),
  };
}

/** A valid token for the account: the cached one, or a new one (one request however many callers ask at once). */
export async function accessToken(account: NewStoreAccount, signal: AbortSignal): Promise<string> {
  const key = cacheKey(account);
  const cached = tokens.get(key);
  if (cached) {
    const token = await cached.catch(() => undefined);
    if (token && token.renewAt > Date.now()) return token.token;
    if (tokens.get(key) === cached) tokens.delete(key);
  }
  const pending = requestToken(account, signal);
  tokens.set(key, pending);
  pending.catch(() => {
    if (tokens.get(key) === pending) tokens.delete(key);
  });
  return (await pending).token;
}

/** Drops the account's token after NewStore refused it (403: expired or revoked early). */
export function forgetToken(account: NewStoreAccount): void {
  tokens.delete(cacheKey(account));
}
