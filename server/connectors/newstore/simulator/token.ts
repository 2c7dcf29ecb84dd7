// NewStore's identity service: API clients get tokens with the client-credentials grant at
// /auth/realms/{tenant}/protocol/openid-connect/token (form-encoded), the standard Keycloak endpoint, which answers
// { access_token, expires_in, token_type: "Bearer", ... } and 401 invalid_client for wrong credentials. The API then
// answers 401 without an Authorization header and 403 for an expired or unknown token (B1).
import crypto from "node:crypto";
import { json, problem, type SimReply, type SimState } from "./state";

export function issueToken(state: SimState, body: string, authorization: string | undefined): SimReply {
  const form = new URLSearchParams(body);
  if (form.get("grant_type") !== "client_credentials") {
    return json(400, { error: "unsupported_grant_type", error_description: "Unsupported grant_type" });
  }
  // Keycloak takes the client's credentials from the form or from Basic authentication.
  let clientId = form.get("client_id") ?? "";
  let clientSecret = form.get("client_secret") ?? "";
  if (authorization?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(authorization.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    clientId = decodeURIComponent(decoded.slice(0, colon));
    clientSecret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const client = state.clients.find((candidate) => candidate.clientId === clientId);
  if (!client || client.clientSecret !== clientSecret) {
    return json(401, { error: "invalid_client", error_description: "Invalid client or Invalid client credentials" });
  }
  const token = crypto.randomBytes(24).toString("base64url");
  state.tokens.set(token, { clientId, expiresAt: state.clock().getTime() + client.ttlSeconds * 1000 });
  return json(200, {
    access_token: token,
    expires_in: client.ttlSeconds,
    refresh_expires_in: 0,
    token_type: "Bearer",
    "not-before-policy": 0,
    scope: "",
  });
}

/** Undefined when the request may go on, else NewStore's refusal. */
export function refuseUnauthorized(state: SimState, authorization: string | undefined): SimReply | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!authorization) return problem(401, "unauthorized", "The request is missing the Authorization header.");
  const token = match ? state.tokens.get(match[1] ?? "") : undefined;
  if (!token || token.expiresAt <= state.clock().getTime()) {
    return problem(403, "forbidden", "The access token is invalid or has expired.");
  }
  return undefined;
}

/** Makes every token issued so far expire now, as when their TTL runs out (tests of token renewal). */
export function expireTokens(state: SimState): void {
  for (const token of state.tokens.values()) token.expiresAt = state.clock().getTime();
}
