// Calls one IOM REST service. Paths are relative to the IOM base URL (/rest/order-service/…, /rest/rma/…,
// /servlets/services/…). The Authorization header travels as a credential header, so a redirect never carries it to
// another origin; array query parameters repeat the name (OpenAPI's default form/explode style).
import type { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { httpRequest, responseForDetails, type HttpResponse } from "../sdk";
import type { IomAccount } from "./auth";
import { iomResponseError } from "./errors";

export const ORDER_MEDIA_TYPE = "application/vnd.intershop.order.v2+json";
export const RETURN_REQUEST_MEDIA_TYPE = "application/vnd.intershop.return-request.v1+json";

export const CALL_TIMEOUT_MS = 30_000;

export type QueryValue = string | number | readonly string[] | undefined;

export interface IomCall {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as Content-Type for a body and as Accept. */
  mediaType?: string;
  body?: unknown;
  /** Names the call in messages: "Export order". */
  what: string;
  fieldLabels?: Record<string, string>;
  signal: AbortSignal;
  timeoutMs?: number;
}

export function iomUrl(account: IomAccount, path: string, query: Record<string, QueryValue> = {}): URL {
  const url = new URL(`${account.baseUrl}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "number") url.searchParams.append(name, String(value));
    else for (const item of value) url.searchParams.append(name, item);
  }
  return url;
}

/** The raw reply, for callers that read statuses themselves (Test connection, the availability fallback). */
export async function sendToIom(account: IomAccount, call: IomCall): Promise<HttpResponse> {
  const mediaType = call.mediaType ?? "application/json";
  return httpRequest({
    method: call.method,
    url: iomUrl(account, call.path, call.query).toString(),
    headers: {
      Accept: `${mediaType}, application/json`,
      ...(call.body === undefined ? {} : { "Content-Type": mediaType }),
    },
    credentialHeaders: { Authorization: account.authorization },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeoutMs: call.timeoutMs ?? CALL_TIMEOUT_MS,
    signal: call.signal,
  });
}

/** Calls IOM and returns the reply of a 2xx, or throws the error an IOM refusal reads as. */
export async function callIom(account: IomAccount, call: IomCall): Promise<HttpResponse> {
  const response = await sendToIom(account, call);
  const error = iomResponseError(response, call.what, new URL(account.baseUrl).host, call.fieldLabels);
  if (error) throw error;
  return response;
}

/** Reads a reply body with a schema, or says plainly that the server does not answer like IOM. */
export function readBody<Schema extends z.ZodType>(
  schema: Schema,
  response: HttpResponse,
  account: IomAccount,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const host = new URL(account.baseUrl).host;
  const issue = parsed.error.issues[0];
  throw new RemoteError(
    "REMOTE",
    `IOM (${host}) answered ${what} with something unexpected (${issue?.path.join(".") || "body"}: ` +
      `${issue?.message ?? "invalid"}): check the IOM URL`,
    { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
  );
}

export const orderServicePath = (account: IomAccount, rest: string) =>
  `/rest/order-service/shops/${encodeURIComponent(account.shopId)}${rest}`;
export const rmaPath = (account: IomAccount, rest: string) =>
  `/rest/rma/shops/${encodeURIComponent(account.shopName)}${rest}`;
export const atpPath = (account: IomAccount, productIds: readonly string[]) =>
  `/servlets/services/atp/${encodeURIComponent(account.shopId)}/${productIds.map(encodeURIComponent).join(",")}`;
