// Calls one Sterling API through the REST invoke form: POST {REST root}/invoke/<apiName> with the API's input document
// as JSON (the XML document's root element dropped, attributes as string properties), answered by the output
// document in the same form. Credentials stay with the SDK's rules: the client certificate via `tls`, the session
// cookie via `credentialHeaders`; the login ID and token ride in the query string because that is where Sterling's
// STANDARD authentication reads them, and no redirect is ever followed, so they only reach the configured server.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { httpRequest, responseForDetails, type HttpResponse } from "../sdk";
import type { SterlingRestAccount } from "./account";
import { forgetSession, sessionFor, type SterlingSession } from "./session";
import { isNotAuthenticated, sterlingResponseError } from "./sterling-errors";
import { errorWithoutToken, replyWithoutToken } from "./token-redaction";

/** Sterling APIs can be slow on large documents (an order with hundreds of lines); one call gets a minute. */
export const CALL_TIMEOUT_MS = 60_000;

export type SterlingDocument = { [attribute: string]: SterlingValue };
export type SterlingValue = string | SterlingDocument | SterlingDocument[];

export interface CallOptions {
  signal: AbortSignal;
  timeoutMs?: number;
}

/** The Authorization header of a BASIC account (servlet.authstyle=BASIC). */
export function basicAuthorization(account: SterlingRestAccount): Record<string, string> {
  const pair = Buffer.from(`${account.loginId}:${account.password}`, "utf8").toString("base64");
  return { Authorization: `Basic ${pair}` };
}

export async function postToSterling(
  account: SterlingRestAccount,
  session: SterlingSession | undefined,
  api: string,
  input: SterlingDocument,
  options: CallOptions,
): Promise<HttpResponse> {
  const url = new URL(`${account.baseUrl}/invoke/${encodeURIComponent(api)}`);
  if (session) {
    url.searchParams.set("_loginid", session.loginId);
    url.searchParams.set("_token", session.token);
  }
  const credentialHeaders =
    account.authentication === "basic"
      ? basicAuthorization(account)
      : session?.cookie
        ? { Cookie: session.cookie }
        : undefined;
  try {
    const response = await httpRequest({
      method: "POST",
      url: url.toString(),
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentialHeaders,
      tls: account.tls,
      body: JSON.stringify(input),
      timeoutMs: options.timeoutMs ?? CALL_TIMEOUT_MS,
      signal: options.signal,
      followRedirects: false,
    });
    return replyWithoutToken(response, session?.token);
  } catch (error) {
    throw errorWithoutToken(error, session?.token);
  }
}

/** Reads a reply that must be a JSON document, or says plainly that the server is not answering like Sterling. */
export function readDocument(response: HttpResponse, host: string, api: string): Record<string, unknown> {
  const failure = sterlingResponseError(response, host);
  if (failure) throw failure;
  const parsed = z.record(z.string(), z.unknown()).safeParse(response.body);
  if (!parsed.success) {
    throw new RemoteError(
      "REMOTE",
      `Sterling OMS (${host}) answered ${api} with something other than a JSON document: check the Endpoint URL`,
      { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
    );
  }
  return parsed.data;
}

/**
 * Calls `api` with a reused session when there is one; a reused token Sterling refuses is replaced by a fresh login
 * and the call made once more (nothing was done under the refused token, so repeating it is safe).
 */
export async function invokeSterling(
  account: SterlingRestAccount,
  api: string,
  input: SterlingDocument,
  options: CallOptions,
): Promise<Record<string, unknown>> {
  const host = new URL(account.baseUrl).host;
  if (account.authentication === "basic") {
    const response = await postToSterling(account, undefined, api, input, options);
    if (response.status === 401) {
      throw new RemoteError(
        "REMOTE",
        `Sterling OMS (${host}) refused the login ID or password of "${account.loginId}" (401)`,
        { status: 401, retryable: false },
      );
    }
    return readDocument(response, host, api);
  }
  const { session, reused } = await sessionFor(account, options.signal);
  let response = await postToSterling(account, session, api, input, options);
  if (reused && isNotAuthenticated(response)) {
    forgetSession(account);
    const fresh = await sessionFor(account, options.signal);
    response = await postToSterling(account, fresh.session, api, input, options);
  }
  if (isNotAuthenticated(response)) {
    forgetSession(account);
    throw new RemoteError(
      "REMOTE",
      `Sterling OMS (${host}) did not accept the session of login ID "${account.loginId}" for ${api}: check that ` +
        "the user may call this API and that the server keeps sessions on one node (sticky sessions)",
      { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
    );
  }
  return readDocument(response, host, api);
}

/**
 * Parses a Sterling output document. A reply of the wrong shape means the server (or a customised output template)
 * is not what the connector was written for; saying so beats handing later steps half a document.
 */
export function parseOutput<Schema extends z.ZodType>(
  schema: Schema,
  document: unknown,
  api: string,
): z.output<Schema> {
  const parsed = schema.safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "the document";
  throw new RemoteError(
    "REMOTE",
    `Sterling's ${api} output is not in the expected shape (${where}: ${issue?.message ?? "invalid"}); ` +
      "a customised output template may have left out required attributes",
    { retryable: false, details: { document } },
  );
}

/** Drops empty inputs, so an unset form field never becomes a filter on an empty value. */
export function compact(document: Record<string, SterlingValue | undefined>): SterlingDocument {
  const result: SterlingDocument = {};
  for (const [key, value] of Object.entries(document)) {
    if (value === undefined || value === "") continue;
    if (Array.isArray(value) && value.length === 0) continue;
    result[key] = value;
  }
  return result;
}
