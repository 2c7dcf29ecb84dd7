// Uploads a file an earlier step of the run stored (an IOM invoice, say) to any HTTP endpoint: as the request body
// itself, or as one part of a multipart/form-data form, the way upload forms and document archives take files.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { errorForResponse, field, httpRequest } from "../../sdk";
import { accountRequestOptions, httpAccounts, resolveAgainstBase } from "../auth";
import { hasHeader } from "./request-body";
import { MAX_TIMEOUT_MS } from "./request";

const input = z.object({
  method: z
    .enum(["POST", "PUT"])
    .default("POST")
    .meta(field({ title: "Method", order: 1 })),
  url: z
    .string()
    .min(1)
    .max(8192)
    .meta(field({ title: "URL", description: "A full URL, or with an account a path under its base URL.", order: 2 })),
  fileId: z
    .string()
    .trim()
    .min(1)
    .meta(
      field({
        title: "File",
        description:
          "The file's id from an earlier step's output, e.g. {{ steps.download_invoice.documents[0].file.fileId }}.",
        order: 3,
      }),
    ),
  sendAs: z
    .enum(["form", "raw"])
    .default("form")
    .meta(
      field({
        title: "Send as",
        order: 4,
        enumLabels: { form: "Form upload (multipart/form-data)", raw: "The request body itself" },
      }),
    ),
  formField: z
    .string()
    .trim()
    .min(1)
    .default("file")
    .meta(field({ title: "Form field name", description: "For a form upload.", order: 5 })),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .meta(field({ title: "Headers", widget: "keyValue", order: 6 })),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(MAX_TIMEOUT_MS)
    .default(60_000)
    .meta(field({ title: "Timeout (ms)", order: 7 })),
});

const output = z.object({
  status: z.number().meta({ title: "Status code" }),
  statusText: z.string().meta({ title: "Status text" }),
  headers: z.record(z.string(), z.string()).meta({ title: "Headers" }),
  body: z.unknown().meta({ title: "Body" }),
  uploaded: z.object({ name: z.string(), contentType: z.string(), size: z.number() }).meta({ title: "Uploaded file" }),
});

/** One file as a multipart/form-data body (RFC 7578). */
export function multipartBody(fieldName: string, file: { name: string; contentType: string; content: Uint8Array }) {
  const boundary = `conflux-${randomUUID()}`;
  const quoted = (text: string) => text.replace(/["\r\n\\]/g, "_");
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fieldName)}"; filename="${quoted(file.name)}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head), Buffer.from(file.content), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { body: new Uint8Array(body), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const uploadFileAction = httpAccounts.action({
  key: "uploadFile",
  label: "Upload a file",
  description: "Sends a file an earlier step of the run stored (a downloaded invoice, say) to an HTTP endpoint.",
  group: "HTTP",
  input,
  output,
  async run({ input, ctx }) {
    if (!ctx.files) throw new ConfluxError("INTERNAL", "Upload a file needs the run's file store");
    const file = await ctx.files.read(input.fileId);
    const account = ctx.account ? accountRequestOptions(ctx.account) : undefined;
    if (!account && input.url.startsWith("/")) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `"${input.url}" is a path: give a full URL, or choose an account with a base URL`,
      );
    }
    const url = account ? resolveAgainstBase(input.url, account.baseUrl) : input.url;
    const headers = { ...input.headers };
    if (!hasHeader(headers, "idempotency-key")) headers["Idempotency-Key"] = ctx.idempotencyKey;
    for (const name of Object.keys(headers)) if (name.toLowerCase() === "content-type") delete headers[name];
    const encoded =
      input.sendAs === "form"
        ? multipartBody(input.formField, file)
        : { body: new Uint8Array(file.content), contentType: file.contentType };
    headers["Content-Type"] = encoded.contentType;
    const response = await httpRequest({
      method: input.method,
      url,
      headers,
      credentialHeaders: account?.credentialHeaders,
      tls: account?.tls,
      body: encoded.body,
      timeoutMs: input.timeoutMs,
      signal: ctx.signal,
    });
    const failure = errorForResponse(response, new URL(url).host);
    if (failure) throw failure;
    return { ...response, uploaded: { name: file.name, contentType: file.contentType, size: file.size } };
  },
});
