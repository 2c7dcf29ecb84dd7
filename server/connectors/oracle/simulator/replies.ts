// How the simulated ADF REST layer answers: resource media types, and errors as each framework version writes them
// (version 4 with a JSON Accept: `{ title, status, "o:errorDetails": [...] }`; earlier versions: plain text).
import type { SimReply } from "./state";

export const ITEM_TYPE = "application/vnd.oracle.adf.resourceitem+json";
export const COLLECTION_TYPE = "application/vnd.oracle.adf.resourcecollection+json";
export const ERROR_TYPE = "application/vnd.oracle.adf.error+json";

export interface AdfRequestContext {
  frameworkVersion: number;
  accept: string;
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
};

export interface ErrorDetail {
  detail: string;
  code?: string;
  path?: string;
}

export function json(status: number, body: unknown, type = ITEM_TYPE, headers: Record<string, string> = {}): SimReply {
  return { status, headers: { "content-type": type, ...headers }, body: JSON.stringify(body) };
}

export function empty(status: number, headers: Record<string, string> = {}): SimReply {
  return { status, headers, body: "" };
}

export function adfError(context: AdfRequestContext, status: number, details: ErrorDetail[]): SimReply {
  const wantsJson = /json|\*\/\*/i.test(context.accept || "*/*");
  if (context.frameworkVersion >= 4 && wantsJson) {
    return json(
      status,
      {
        title: titles[status] ?? "Error",
        status: String(status),
        "o:errorDetails": details.map((detail) => ({
          detail: detail.detail,
          ...(detail.code ? { "o:errorCode": detail.code } : {}),
          ...(detail.path ? { "o:errorPath": detail.path } : {}),
        })),
      },
      ERROR_TYPE,
    );
  }
  return { status, headers: { "content-type": "text/plain" }, body: details.map((d) => d.detail).join("\n") };
}
