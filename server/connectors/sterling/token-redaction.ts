// Sterling's STANDARD authentication puts the session token in the query string (`_token`), and servers quote the
// URL they were called with: in an error body, a redirect's Location, a proxy's error page. A token is a login for
// 30 minutes, so it must never reach a message, run history, a status or the log: every reply and every error of a
// call that carried one passes through here first.
import { ConfluxError, RemoteError } from "@/lib/errors";
import { createRedactor, REDACTED, type Redactor } from "../../security/redact";
import type { HttpResponse } from "../sdk";

/** `_token=<anything up to the next separator>`, also URL-encoded (`_token%3D…`) as a quoted URL may be. */
const TOKEN_PARAMETER = /(_token(?:=|%3D))[^&\s"'<>#\\]*/gi;

export function tokenRedactor(token: string | undefined): Redactor {
  const known = createRedactor(token ? [token] : []);
  const text = (value: string) => known.text(value).replace(TOKEN_PARAMETER, `$1${REDACTED}`);
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), walk(inner)]));
    }
    return value;
  };
  return { text, value: walk };
}

function mentionsToken(serialised: string, token: string | undefined): boolean {
  return /_token(=|%3D)/i.test(serialised) || (token !== undefined && serialised.includes(token));
}

/** The reply with every quoted token replaced; the body is walked only when it mentions one. */
export function replyWithoutToken(response: HttpResponse, token: string | undefined): HttpResponse {
  const redactor = tokenRedactor(token);
  const headers = redactor.value(response.headers);
  const serialised = typeof response.body === "string" ? response.body : (JSON.stringify(response.body) ?? "");
  const body = mentionsToken(serialised, token) ? redactor.value(response.body) : response.body;
  const bytes = response.bytes && mentionsToken(response.bytes.toString("latin1"), token) ? undefined : response.bytes;
  return {
    ...response,
    headers: typeof headers === "object" && headers !== null ? Object.fromEntries(Object.entries(headers)) : {},
    body,
    ...(bytes ? { bytes } : {}),
  };
}

/** The same error with the token gone from its message and details (its cause, which may quote the URL, dropped). */
export function errorWithoutToken(error: unknown, token: string | undefined): unknown {
  const redactor = tokenRedactor(token);
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ConfluxError ? (JSON.stringify(error.details ?? null) ?? "") : "";
  // An error that quotes no token is passed on as it is, cause and class included.
  if (!mentionsToken(message, token) && !mentionsToken(details, token)) return error;
  if (error instanceof RemoteError) {
    const details = error.details ? recordOf(redactor.value(error.details)) : undefined;
    return new RemoteError(narrowRemoteCode(error.code), redactor.text(error.message), {
      status: error.status,
      retryable: error.retryable,
      details,
    });
  }
  if (error instanceof ConfluxError) {
    const details = error.details ? recordOf(redactor.value(error.details)) : undefined;
    return new ConfluxError(error.code, redactor.text(error.message), { retryable: error.retryable, details });
  }
  if (error instanceof Error) return new Error(redactor.text(error.message));
  return new Error(redactor.text(String(error)));
}

function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

function narrowRemoteCode(code: string): "NETWORK" | "TIMEOUT" | "REMOTE" | "RATE_LIMITED" {
  return code === "NETWORK" || code === "TIMEOUT" || code === "RATE_LIMITED" ? code : "REMOTE";
}
