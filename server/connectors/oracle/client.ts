// Calls Oracle Fusion's ADF REST resources for Order Management. Every call names the framework version it is
// written for (REST-Framework-Version 4: the expanded `q` syntax of version 2, child collections as objects of
// version 3 and JSON error bodies of version 4), so a pod whose default is older answers the same way. The
// Authorization header travels as a credential header: a redirect never carries it to another origin.
import type { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { httpRequest, responseForDetails, type HttpResponse } from "../sdk";
import type { OracleAccount } from "./auth";
import { oracleResponseError } from "./errors";

export const RESOURCE_VERSION = "11.13.18.05";
export const FRAMEWORK_VERSION = "4";
export const SALES_ORDERS_PATH = `/fscmRestApi/resources/${RESOURCE_VERSION}/salesOrdersForOrderHub`;
export const ITEM_MEDIA_TYPE = "application/vnd.oracle.adf.resourceitem+json";
export const COLLECTION_MEDIA_TYPE = "application/vnd.oracle.adf.resourcecollection+json";

export const CALL_TIMEOUT_MS = 60_000;

export interface OracleCall {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below the sales orders resource: "" for the collection, "/LEG:R13" for one order. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Names the call in messages: "Create sales order". */
  what: string;
  signal: AbortSignal;
  timeoutMs?: number;
}

export function oracleUrl(account: OracleAccount, call: Pick<OracleCall, "path" | "query">): string {
  const url = new URL(`${account.baseUrl}${SALES_ORDERS_PATH}${call.path}`);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** The raw reply, for callers that read statuses themselves (Test connection, a create that may have happened). */
export function sendToOracle(account: OracleAccount, call: OracleCall): Promise<HttpResponse> {
  return httpRequest({
    method: call.method,
    url: oracleUrl(account, call),
    headers: {
      Accept: "application/json",
      "REST-Framework-Version": FRAMEWORK_VERSION,
      ...(call.body === undefined ? {} : { "Content-Type": ITEM_MEDIA_TYPE }),
      ...call.headers,
    },
    credentialHeaders: { Authorization: account.authorization },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    timeoutMs: call.timeoutMs ?? CALL_TIMEOUT_MS,
    signal: call.signal,
  });
}

export function hostOf(account: OracleAccount): string {
  return new URL(account.baseUrl).host;
}

/** Calls Oracle and returns the reply of a 2xx, or throws the error Oracle's refusal reads as. */
export async function callOracle(account: OracleAccount, call: OracleCall): Promise<HttpResponse> {
  const response = await sendToOracle(account, call);
  const error = oracleResponseError(response, call.what, hostOf(account));
  if (error) throw error;
  return response;
}

/** Reads a reply body with a schema, or says plainly that the server does not answer like Oracle. */
export function readBody<Schema extends z.ZodType>(
  schema: Schema,
  response: HttpResponse,
  account: OracleAccount,
  what: string,
): z.output<Schema> {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RemoteError(
    "REMOTE",
    `Oracle (${hostOf(account)}) answered ${what} with something unexpected (${issue?.path.join(".") || "body"}: ` +
      `${issue?.message ?? "invalid"}): check the Fusion URL`,
    { status: response.status, retryable: false, details: { response: responseForDetails(response) } },
  );
}
