// Calls NewStore's API with the account's bearer token. A 403 (expired or revoked token, B1) gets one new token and
// one more try; NewStore's problem bodies ({ error_code, message, request_id }, or { messages: [...] } on some config
// APIs) become sentences that name the call, with the request id for NewStore's support.
import type { z } from "zod";
import { z as zod } from "zod";
import { RemoteError } from "@/lib/errors";
import { errorForResponse, httpRequest, responseForDetails, type HttpResponse } from "../sdk";
import type { NewStoreAccount } from "./auth";
import { accessToken, forgetToken } from "./token";

const CALL_TIMEOUT_MS = 30_000;

export interface NewStoreCall {
  method: "GET" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  /** Names the call in messages: "Update availability webhook config". */
  what: string;
  signal: AbortSignal;
  /** Statuses that are answers rather than failures (404 for a config that is not set). */
  accept?: readonly number[];
}

function send(account: NewStoreAccount, call: NewStoreCall, token: string): Promise<HttpResponse> {
  return httpRequest({
    method: call.method,
    url: `${account.baseUrl}${call.path}`,
    headers: { Accept: "application/json", ...(call.body === undefined ? {} : { "Content-Type": "application/json" }) },
    credentialHeaders: { Authorization: `Bearer ${token}` },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeoutMs: CALL_TIMEOUT_MS,
    signal: call.signal,
  });
}

const problemBody = zod.object({
  error_code: zod.string().optional(),
  message: zod.string().optional(),
  messages: zod.array(zod.unknown()).optional(),
  request_id: zod.string().optional(),
});

function newstoreError(response: HttpResponse, account: NewStoreAccount, what: string): RemoteError {
  const host = new URL(account.baseUrl).host;
  const problem = problemBody.safeParse(response.body);
  const said = problem.success
    ? [
        problem.data.message,
        ...(problem.data.messages ?? []).map((entry) => (typeof entry === "string" ? entry : JSON.stringify(entry))),
      ]
        .filter(Boolean)
        .join("; ")
    : "";
  const requestId = problem.success && problem.data.request_id ? ` (request id ${problem.data.request_id})` : "";
  const details = { response: responseForDetails(response) };
  if (response.status === 401 || response.status === 403) {
    return new RemoteError(
      "REMOTE",
      `NewStore (${host}) refused ${what}: the API client's token was not accepted; check that the client has the configuration scopes${requestId}`,
      { status: response.status, retryable: false, details },
    );
  }
  if (said) {
    return new RemoteError("REMOTE", `NewStore (${host}) refused ${what}: ${said}${requestId}`, {
      status: response.status,
      retryable: response.status >= 500,
      details,
    });
  }
  return (
    errorForResponse(response, `NewStore (${host}) ${what}`) ??
    new RemoteError("REMOTE", `${what} failed`, { retryable: false })
  );
}

/** Calls NewStore; returns the reply of a 2xx or an accepted status, or throws what the refusal means. */
export async function callNewStore(account: NewStoreAccount, call: NewStoreCall): Promise<HttpResponse> {
  let response = await send(account, call, await accessToken(account, call.signal));
  if (response.status === 403) {
    // The token may have expired early or been revoked: one new token, one more try.
    forgetToken(account);
    response = await send(account, call, await accessToken(account, call.signal));
  }
  if ((response.status >= 200 && response.status < 300) || call.accept?.includes(response.status)) return response;
  throw newstoreError(response, account, call.what);
}

/** Reads a reply body with a schema, or says plainly that the server does not answer like NewStore. */
export function readReply<Schema extends z.ZodType>(
  schema: Schema,
  response: HttpResponse,
  account: NewStoreAccount,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RemoteError(
    "REMOTE",
    `NewStore (${new URL(account.baseUrl).host}) answered ${what} with something unexpected ` +
      `(${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}): check the tenant URL`,
    { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
  );
}
