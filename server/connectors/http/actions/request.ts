// Calls any HTTP endpoint. A reply outside 2xx fails the step; its status and body stay in the error's details so
// the run page still shows what the server said. With an account, the URL may be a path under the account's base
// URL and the account's credentials go along.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { errorForResponse, field, httpRequest } from "../../sdk";
import { accountRequestOptions, httpAccounts, resolveAgainstBase } from "../auth";
import { encodeBody, hasHeader } from "./request-body";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
export const MAX_TIMEOUT_MS = 300_000;

const requestInput = z
  .object({
    method: z
      .enum(methods)
      .default("GET")
      .meta(field({ title: "Method", order: 1 })),
    url: z
      .string()
      .min(1)
      .max(8192)
      .meta(
        field({
          title: "URL",
          description: "A full URL, or with an account a path under its base URL (/orders/42).",
          placeholder: "https://api.example.com/orders/{{ trigger.orderNo }}",
          order: 2,
        }),
      ),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .meta(field({ title: "Headers", widget: "keyValue", order: 3 })),
    // Text as typed (older flows' JSON templates, plain text), or structured data (a body mapped field by field,
    // or mapped from data as a whole), which we serialise ourselves.
    body: z
      .union([z.string().max(5 * 1024 * 1024), z.record(z.string(), z.unknown()), z.array(z.unknown())])
      .optional()
      .meta(
        field({
          title: "Body",
          description:
            "Fields are sent as JSON (application/json), or as a form when the Content-Type header says application/x-www-form-urlencoded.",
          widget: "httpBody",
          order: 4,
        }),
      ),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(MAX_TIMEOUT_MS)
      .default(30_000)
      .meta(
        field({ title: "Timeout (ms)", description: "Give up after this long; at most 300000 (5 minutes).", order: 5 }),
      ),
  })
  .superRefine((value, ctx) => {
    if (!sendsBody(value.method) && !isEmptyBody(value.body)) {
      ctx.addIssue({ code: "custom", path: ["body"], message: `must be empty for ${value.method} requests` });
    }
  });

/** GET and HEAD carry no body. */
function sendsBody(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

/** No body at all: nothing typed, or a body in Fields mode with no fields (which maps to `{}`). */
function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === "") return true;
  return typeof body === "object" && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
}

const requestOutput = z.object({
  status: z.number().meta({ title: "Status code" }),
  statusText: z.string().meta({ title: "Status text" }),
  headers: z.record(z.string(), z.string()).meta({ title: "Headers", description: "Names in lower case." }),
  body: z.unknown().meta({ title: "Body", description: "Parsed JSON when the reply is JSON, otherwise text." }),
});

function dropHeader(headers: Record<string, string>, name: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
}

export const requestAction = httpAccounts.action({
  key: "request",
  label: "Send request",
  description: "Sends an HTTP request and returns the status, headers and body of the reply.",
  group: "HTTP",
  input: requestInput,
  output: requestOutput,
  async run({ input, ctx }) {
    const headers = { ...input.headers };
    // Servers that support idempotency keys drop the duplicate when a step runs again after a crash.
    if (!hasHeader(headers, "idempotency-key")) headers["Idempotency-Key"] = ctx.idempotencyKey;
    const body = sendsBody(input.method) ? encodeBody(input.body, headers) : undefined;
    const account = ctx.account ? accountRequestOptions(ctx.account) : undefined;
    const url = account ? resolveAgainstBase(input.url, account.baseUrl) : input.url;
    if (!account && input.url.startsWith("/")) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `"${input.url}" is a path: give a full URL, or choose an account with a base URL`,
      );
    }
    // The account's header wins over one typed on the step, so a stale manual header cannot shadow it.
    for (const name of Object.keys(account?.credentialHeaders ?? {})) dropHeader(headers, name);
    const response = await httpRequest({
      method: input.method,
      url,
      headers,
      credentialHeaders: account?.credentialHeaders,
      tls: account?.tls,
      body,
      timeoutMs: input.timeoutMs,
      signal: ctx.signal,
    });
    const failure = errorForResponse(response, new URL(url).host);
    if (failure) throw failure;
    return response;
  },
});
